// SPDX-License-Identifier: BSD-3-Clause
//
// In-image tests of linuxu's file-descriptor interrupts (uk/plat/irq.h):
// a pipe that becomes readable while the CPU halts runs its handler once,
// with interrupts off, and the handler's uk_irq_event wakes the thread
// that waits; a readable fd that is not armed wakes nothing.

#include <uk/errno.h>
#include <uk/irq_event.h>
#include <uk/plat.h>
#include <uk/plat/irq.h>
#include <uk/sched.h>
#include <uk/test.h>
#include <uk/time.h>

#include "../linuxu.hpp"

using namespace uk::linuxu;

namespace {

struct Seen {
	uk_irq_event ev;
	volatile int runs;
	volatile int irqs_off;
};
constinit Seen seen{UK_IRQ_EVENT_INITIALIZER, 0, 0};

int on_readable(void *)
{
	seen.runs = seen.runs + 1;
	seen.irqs_off = seen.irqs_off + (ukplat_lcpu_irqs_disabled() ? 1 : 0);
	uk_irq_event_signal(&seen.ev);
	return 1;
}

void write_later(void *arg)
{
	uk_sched_sleep_ns(20 * UK_NSEC_PER_MSEC);
	const char c = 'x';
	syscall6(sys::kWrite, *static_cast<int *>(arg), reinterpret_cast<long>(&c), 1);
}

}  // namespace

UK_TESTCASE(linuxu, fd_irq_numbers_are_checked)
{
	UK_TEST_EXPECT_EQ(ukplat_irq_alloc_fd(-1), -UK_EINVAL);
	UK_TEST_EXPECT_EQ(ukplat_irq_fd_arm(UKPLAT_IRQ_DEVICE_MAX), -UK_EINVAL);
	int irq = ukplat_irq_alloc_fd(0);
	UK_TEST_ASSERT_GE(irq, 0);
	UK_TEST_EXPECT_ZERO(ukplat_lcpu_has_async_events()); // allocated, not armed
	UK_TEST_EXPECT_ZERO(ukplat_irq_fd_arm(irq));
	UK_TEST_EXPECT_EQ(ukplat_lcpu_has_async_events(), 1);
	UK_TEST_EXPECT_ZERO(ukplat_irq_fd_disarm(irq));
	UK_TEST_EXPECT_ZERO(ukplat_irq_free_fd(irq));
	UK_TEST_EXPECT_EQ(ukplat_irq_free_fd(irq), -UK_EINVAL);
	UK_TEST_EXPECT_EQ(ukplat_irq_register(UKPLAT_IRQ_DEVICE_MAX, on_readable, nullptr), -UK_EINVAL);
}

UK_TESTCASE(linuxu, a_readable_pipe_wakes_a_waiting_thread_through_its_fd_irq)
{
	int p[2];
	UK_TEST_ASSERT_ZERO(syscall6(sys::kPipe2, reinterpret_cast<long>(p), 0));
	const int irq = ukplat_irq_alloc_fd(p[0]);
	UK_TEST_ASSERT_GE(irq, 0);
	UK_TEST_ASSERT_ZERO(ukplat_irq_register(irq, on_readable, nullptr));
	seen.runs = 0;
	seen.irqs_off = 0;
	UK_TEST_ASSERT_ZERO(ukplat_irq_fd_arm(irq));
	uk_thread *t = uk_thread_create("writer", write_later, &p[1]);
	UK_TEST_ASSERT_NOT_NULL(t);
	const uint64_t t0 = uk_time_now_ns();
	const int rc = uk_irq_event_wait(&seen.ev, t0 + 5 * UK_NSEC_PER_SEC);
	const uint64_t waited = uk_time_now_ns() - t0;
	UK_TEST_EXPECT_ZERO(rc);
	UK_TEST_EXPECT_EQ(seen.runs, 1);
	UK_TEST_EXPECT_EQ(seen.irqs_off, 1);
	UK_TEST_EXPECT_GE(waited, 19 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_LT(waited, UK_NSEC_PER_SEC);
	UK_TEST_EXPECT_ZERO(uk_thread_join(t));
	// One-shot: still readable, but disarmed: halts do not run it again.
	uk_sched_sleep_ns(10 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_EQ(seen.runs, 1);
	// Re-armed while readable: the next halt runs it at once.
	UK_TEST_EXPECT_ZERO(ukplat_irq_fd_arm(irq));
	UK_TEST_EXPECT_ZERO(uk_irq_event_wait(&seen.ev, uk_time_now_ns() + 5 * UK_NSEC_PER_SEC));
	UK_TEST_EXPECT_EQ(seen.runs, 2);
	UK_TEST_EXPECT_ZERO(ukplat_irq_unregister(irq, on_readable, nullptr));
	UK_TEST_EXPECT_ZERO(ukplat_irq_free_fd(irq));
	syscall6(sys::kClose, p[0]);
	syscall6(sys::kClose, p[1]);
}
