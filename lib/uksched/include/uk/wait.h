/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wait queues: threads block on one until another thread (or a timer
 * callback) wakes them, first come first served. All zeroes is an empty
 * queue, so static queues need no initialisation.
 *
 * On one CPU without preemption, "check a condition, then wait" cannot
 * race with a waker that runs in thread context:
 *
 *     while (!ready)
 *             uk_waitq_wait(&wq, UK_TIME_NEVER);
 */
#ifndef UK_WAIT_H
#define UK_WAIT_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_thread;

struct uk_waitq {
	struct uk_thread *head; /* private */
	struct uk_thread *tail; /* private */
};

#define UK_WAITQ_INITIALIZER {NULL, NULL}

/** Empties @p wq (only when nobody waits on it). */
void uk_waitq_init(struct uk_waitq *wq);

/** @return nonzero if no thread waits on @p wq. */
int uk_waitq_empty(const struct uk_waitq *wq);

/**
 * Blocks the calling thread at the tail of @p wq until a wake reaches
 * it or the monotonic clock passes @p deadline_ns (UK_TIME_NEVER).
 * @return 0 when woken, -ETIMEDOUT (and no longer queued) otherwise.
 */
int uk_waitq_wait(struct uk_waitq *wq, uint64_t deadline_ns);

/** Wakes the thread at the head. @return it, or NULL if none waited. */
struct uk_thread *uk_waitq_wake_one(struct uk_waitq *wq);

/** Wakes every waiting thread. @return how many. */
unsigned int uk_waitq_wake_all(struct uk_waitq *wq);

UK_EXTERN_C_END

#endif /* UK_WAIT_H */
