// SPDX-License-Identifier: BSD-3-Clause
//
// Interrupt events (uk/irq_event.h). An interrupt handler only touches
// the event's two flags and the pending list, with interrupts off (they
// already are in a handler); the wait queue belongs to thread context.
// The scheduler takes events off the pending list one at a time with
// interrupts off, then wakes their first waiter with them on.

#include <uk/errno.h>
#include <uk/irq.hpp>
#include <uk/irq_event.h>

#include "sched.hpp"

namespace uk::sched {
namespace {

// Newest first; the order of wake-ups between events does not matter.
constinit uk_irq_event *volatile pending_head = nullptr;

uk_irq_event *pop_pending()
{
	IrqGuard g;
	uk_irq_event *ev = pending_head;
	if (ev) {
		pending_head = ev->next_pending;
		ev->next_pending = nullptr;
		ev->pending = 0;
	}
	return ev;
}

bool consume(uk_irq_event *ev)
{
	IrqGuard g;
	if (!ev->signalled)
		return false;
	ev->signalled = 0;
	return true;
}

}  // namespace

bool irq_events_pending() { return pending_head != nullptr; }

void irq_events_deliver()
{
	while (pending_head) {
		uk_irq_event *ev = pop_pending();
		if (ev)
			uk_waitq_wake_one(&ev->waiters);
	}
}

}  // namespace uk::sched

using namespace uk::sched;

extern "C" void uk_irq_event_init(struct uk_irq_event *ev)
{
	UK_ASSERT(uk_waitq_empty(&ev->waiters) && !ev->pending);
	*ev = uk_irq_event{UK_WAITQ_INITIALIZER, nullptr, 0, 0};
}

extern "C" void uk_irq_event_signal(struct uk_irq_event *ev)
{
	uk::IrqGuard g;
	ev->signalled = 1;
	// Queued even with no waiter in sight: a thread may be between its
	// check of the flag and joining the wait queue.
	if (!ev->pending) {
		ev->pending = 1;
		ev->next_pending = pending_head;
		pending_head = ev;
	}
}

extern "C" int uk_irq_event_try(struct uk_irq_event *ev) { return consume(ev) ? 1 : 0; }

extern "C" int uk_irq_event_wait(struct uk_irq_event *ev, uint64_t deadline_ns)
{
	// A signal between the check and the wait below is not lost: it puts
	// the event on the pending list, and the scheduler delivers that
	// list only after this thread has joined the wait queue.
	while (!consume(ev)) {
		if (uk_waitq_wait(&ev->waiters, deadline_ns) == -UK_ETIMEDOUT)
			return consume(ev) ? 0 : -UK_ETIMEDOUT;
	}
	return 0;
}
