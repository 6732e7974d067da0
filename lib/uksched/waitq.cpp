// SPDX-License-Identifier: BSD-3-Clause
//
// Wait queues on the scheduler's block/wake primitives.

#include <uk/errno.h>
#include <uk/plat.h>

#include "sched.hpp"
#include "waitq_list.hpp"

namespace uk::sched {

void waitq_leave(uk_thread *t)
{
	waitq_remove(t->waiting_on, t);
}

}  // namespace uk::sched

using namespace uk::sched;

extern "C" void uk_waitq_init(struct uk_waitq *wq) { *wq = uk_waitq{nullptr, nullptr}; }

extern "C" int uk_waitq_empty(const struct uk_waitq *wq) { return wq->head == nullptr; }

extern "C" int uk_waitq_wait(struct uk_waitq *wq, uint64_t deadline_ns)
{
	waitq_append(wq, current_thread);
	int rc = uk_thread_block_until(deadline_ns);
	// Woken: the waker popped us. Timed out: the timeout path already
	// took us off (on_block_timeout). Either way we are off the queue.
	UK_ASSERT(!current_thread->waiting_on);
	return rc;
}

extern "C" struct uk_thread *uk_waitq_wake_one(struct uk_waitq *wq)
{
	uk_thread *t = waitq_pop(wq);
	if (t)
		uk_thread_wake(t);
	return t;
}

extern "C" unsigned int uk_waitq_wake_all(struct uk_waitq *wq)
{
	unsigned int n = 0;
	while (uk_waitq_wake_one(wq))
		++n;
	return n;
}
