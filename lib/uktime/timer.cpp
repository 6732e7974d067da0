// SPDX-License-Identifier: BSD-3-Clause
//
// The C interface of uktime on one global timer queue. Interrupts are off
// while the queue changes: on platforms with interrupts, a handler may arm
// or cancel timers.

#include <uk/irq.hpp>
#include <uk/time.h>

#include "timer_queue.hpp"

namespace uk::time {
namespace {

constinit TimerQueue queue;

}  // namespace
}  // namespace uk::time

using uk::IrqGuard;
using uk::time::queue;

extern "C" uint64_t uk_time_now_ns(void) { return ukplat_monotonic_clock(); }
extern "C" uint64_t uk_time_wall_ns(void) { return ukplat_wall_clock(); }

extern "C" void uk_timer_init(struct uk_timer *t, uk_timer_fn_t fn, void *arg)
{
	*t = uk_timer{0, fn, arg, nullptr, nullptr, 0};
}

extern "C" void uk_timer_arm(struct uk_timer *t, uint64_t deadline_ns)
{
	IrqGuard g;
	queue.arm(t, deadline_ns);
}

extern "C" int uk_timer_cancel(struct uk_timer *t)
{
	IrqGuard g;
	return queue.cancel(t) ? 1 : 0;
}

extern "C" int uk_timer_armed(const struct uk_timer *t) { return t->armed; }

extern "C" uint64_t uk_timer_next_deadline(void)
{
	return queue.cached_next_deadline();
}

extern "C" unsigned int uk_timer_run_expired(uint64_t now_ns)
{
	unsigned int fired = 0;
	for (;;) {
		uk_timer *t;
		{
			IrqGuard g;
			t = queue.pop_expired(now_ns);
		}
		if (!t)
			return fired;
		// Outside the guard: the callback may arm timers or wake threads.
		t->fn(t);
		++fired;
	}
}
