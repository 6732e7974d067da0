// SPDX-License-Identifier: BSD-3-Clause
//
// The scheduler core: switching, blocking and waking, yield, sleep, the
// idle thread, and the start-up that turns the boot context into "main".

#include <uk/config.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/errno.h>
#include <uk/init.h>
#include <uk/irq.hpp>
#include <uk/libc_exit.h>
#include <uk/plat.h>
#include <uk/print.h>

#include "sched.hpp"


namespace uk::sched {

constinit uk_thread *current_thread = nullptr;
constinit uk_sched_policy *policy = nullptr;

namespace {

constinit uk_thread *idle_thread = nullptr;

void switch_to(uk_thread *next)
{
	uk_thread *prev = current_thread;
	if (next == prev)
		return;
	current_thread = next;
	ukarch_ctx_switch(&prev->ctx, &next->ctx);
	reap_zombies();
}

// Fires due timers; cheap when none is armed (no clock read at all),
// which keeps yield fast for threads that do not sleep.
void run_due_timers()
{
	uint64_t next = uk_timer_next_deadline();
	if (next == UK_TIME_NEVER)
		return;
	uint64_t now = uk_time_now_ns();
	if (now >= next)
		uk_timer_run_expired(now);
}

// Nothing can run and nothing can ever wake a thread: either every
// thread has exited (the image is done) or the rest wait forever.
__noreturn void nothing_left_to_run()
{
	if (live_threads == 0) {
		uk_libc_exit(0);
	}
	uk_pr_crit("deadlock: every thread is blocked, no timer is armed and nothing else can wake the CPU\n");
	print_blocked_threads();
	UK_CRASH("deadlock");
}

void idle_main(void *)
{
	for (;;) {
		irq_events_deliver();
		uk_timer_run_expired(uk_time_now_ns());
		if (policy->has_runnable(policy)) {
			schedule(); // idle itself is never queued
			continue;
		}
		uint64_t deadline = uk_timer_next_deadline();
		if (deadline == UK_TIME_NEVER && !ukplat_lcpu_has_async_events())
			nothing_left_to_run();
		// An interrupt event signalled after the check above but before
		// the halt would sleep until the deadline: check with interrupts
		// off; halt_until enables them atomically with the halt.
		IrqGuard g;
		if (!irq_events_pending())
			ukplat_lcpu_halt_until(deadline);
	}
}

int sched_start()
{
	if (!policy)
		UK_CRASH("no scheduling policy registered: enable ukschedcoop (make menuconfig)");
	uk_alloc *a = uk_alloc_get_default();
	auto *main_thread = static_cast<uk_thread *>(uk_calloc(a, 1, sizeof(uk_thread)));
	if (!main_thread)
		return -UK_ENOMEM;
	// The boot stack becomes main's; its context is saved at the first
	// switch away from it.
	main_thread->name = "main";
	main_thread->state = ThreadState::kRunnable;
	main_thread->alloc = a;
	uk_timer_init(&main_thread->timer, on_block_timeout, main_thread);
	current_thread = main_thread;

	idle_thread = thread_alloc("idle", nullptr, idle_main, nullptr);
	if (!idle_thread)
		return -UK_ENOMEM;
	int rc = thread_hooks_init(main_thread);
	return rc < 0 ? rc : 0;
}
uk_early_initcall_prio(sched_start, 5);

}  // namespace

void schedule()
{
	irq_events_deliver();
	uk_thread *next = policy->dequeue(policy);
	switch_to(next ? next : idle_thread);
}

void on_block_timeout(uk_timer *timer)
{
	auto *t = static_cast<uk_thread *>(timer->arg);
	if (t->state != ThreadState::kBlocked)
		return;
	// Leave the wait queue first, so that a later wake there goes to a
	// thread that still waits.
	if (t->waiting_on)
		waitq_leave(t);
	t->timed_out = true;
	uk_thread_wake(t);
}

}  // namespace uk::sched

using namespace uk::sched;

extern "C" int uk_sched_policy_register(struct uk_sched_policy *p)
{
	if (policy)
		return -UK_EBUSY;
	policy = p;
	return 0;
}

extern "C" struct uk_thread *uk_thread_current(void) { return current_thread; }

extern "C" void uk_sched_yield(void)
{
	run_due_timers();
	irq_events_deliver();
	if (!policy->has_runnable(policy))
		return;
	policy->enqueue(policy, current_thread);
	schedule();
}

extern "C" int uk_thread_block_until(uint64_t deadline_ns)
{
	uk_thread *t = current_thread;
	UK_ASSERT(t != idle_thread);
	t->timed_out = false;
	t->state = ThreadState::kBlocked;
	if (deadline_ns != UK_TIME_NEVER)
		uk_timer_arm(&t->timer, deadline_ns);
	schedule();
	if (deadline_ns != UK_TIME_NEVER)
		uk_timer_cancel(&t->timer);
	return t->timed_out ? -UK_ETIMEDOUT : 0;
}

extern "C" void uk_thread_wake(struct uk_thread *t)
{
	if (t->state != ThreadState::kBlocked)
		return;
	t->state = ThreadState::kRunnable;
	policy->enqueue(policy, t);
}

extern "C" void uk_sched_sleep_ns(uint64_t ns)
{
	uint64_t now = uk_time_now_ns();
	uint64_t deadline = ns > UK_TIME_NEVER - now ? UK_TIME_NEVER - 1 : now + ns;
	while (uk_thread_block_until(deadline) == 0 && uk_time_now_ns() < deadline) {
		// Woken early by uk_thread_wake(): sleep the rest.
	}
}

