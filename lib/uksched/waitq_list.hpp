// SPDX-License-Identifier: BSD-3-Clause
//
// The list behind struct uk_waitq: FIFO, O(1) append, pop and removal
// of any member (a timed-out waiter leaves from the middle). A thread is
// on at most one wait queue (uk_thread::waiting_on says which).
#pragma once

#include <uk/assert.h>
#include <uk/sched_impl.hpp>

namespace uk::sched {

inline void waitq_append(uk_waitq *wq, uk_thread *t)
{
	UK_ASSERT(!t->waiting_on);
	t->wq_prev = wq->tail;
	t->wq_next = nullptr;
	if (wq->tail)
		wq->tail->wq_next = t;
	else
		wq->head = t;
	wq->tail = t;
	t->waiting_on = wq;
}

inline void waitq_remove(uk_waitq *wq, uk_thread *t)
{
	UK_ASSERT(t->waiting_on == wq);
	if (t->wq_prev)
		t->wq_prev->wq_next = t->wq_next;
	else
		wq->head = t->wq_next;
	if (t->wq_next)
		t->wq_next->wq_prev = t->wq_prev;
	else
		wq->tail = t->wq_prev;
	t->wq_prev = t->wq_next = nullptr;
	t->waiting_on = nullptr;
}

inline uk_thread *waitq_pop(uk_waitq *wq)
{
	uk_thread *t = wq->head;
	if (t)
		waitq_remove(wq, t);
	return t;
}

}  // namespace uk::sched
