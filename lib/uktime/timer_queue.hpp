// SPDX-License-Identifier: BSD-3-Clause
//
// The timer queue: armed timers in deadline order (a sorted doubly linked
// list through the timers themselves: no allocation). Arming scans from
// the latest deadline backwards, so the usual case (a new timer later
// than the others) is O(1); cancelling and popping the earliest are O(1).
// Not locked: the caller (timer.cpp) serialises with interrupts off.
#pragma once

#include <uk/time.h>

namespace uk::time {

class TimerQueue {
public:
	constexpr TimerQueue() = default;
	TimerQueue(const TimerQueue &) = delete;
	TimerQueue &operator=(const TimerQueue &) = delete;

	void arm(uk_timer *t, uint64_t deadline)
	{
		if (t->armed)
			cancel(t);
		t->deadline = deadline;
		// Insert after the last timer with deadline <= ours (FIFO for
		// equal deadlines).
		uk_timer *after = tail_;
		while (after && after->deadline > deadline)
			after = after->prev;
		t->prev = after;
		t->next = after ? after->next : head_;
		if (t->next)
			t->next->prev = t;
		else
			tail_ = t;
		if (after)
			after->next = t;
		else
			head_ = t;
		t->armed = 1;
		update_cache();
	}

	bool cancel(uk_timer *t)
	{
		if (!t->armed)
			return false;
		if (t->prev)
			t->prev->next = t->next;
		else
			head_ = t->next;
		if (t->next)
			t->next->prev = t->prev;
		else
			tail_ = t->prev;
		t->prev = t->next = nullptr;
		t->armed = 0;
		update_cache();
		return true;
	}

	[[nodiscard]] uint64_t next_deadline() const
	{
		return head_ ? head_->deadline : UK_TIME_NEVER;
	}

	/**
	 * The same as next_deadline(), but one aligned 64-bit load of a
	 * value kept up to date by every change: safe to read without
	 * turning interrupts off (the scheduler does on every yield).
	 */
	[[nodiscard]] uint64_t cached_next_deadline() const
	{
		return __atomic_load_n(&next_, __ATOMIC_RELAXED);
	}

	/** Unlinks and returns the earliest timer due at @p now, or null. */
	uk_timer *pop_expired(uint64_t now)
	{
		uk_timer *t = head_;
		if (!t || t->deadline > now)
			return nullptr;
		cancel(t);
		return t;
	}

private:
	void update_cache() { __atomic_store_n(&next_, next_deadline(), __ATOMIC_RELAXED); }

	uint64_t next_ = UK_TIME_NEVER;
	uk_timer *head_ = nullptr;
	uk_timer *tail_ = nullptr;
};

}  // namespace uk::time
