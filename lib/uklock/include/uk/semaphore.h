/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Counting semaphores. up() hands its unit straight to the first waiter
 * (arrival order), so the count cannot be stolen by a thread that did not
 * wait. All zeroes is a semaphore with count 0.
 */
#ifndef UK_SEMAPHORE_H
#define UK_SEMAPHORE_H

#include <uk/essentials.h>
#include <uk/wait.h>

UK_EXTERN_C_BEGIN

struct uk_semaphore {
	long count;          /* private */
	struct uk_waitq wq;  /* private */
};

#define UK_SEMAPHORE_INITIALIZER(n) {(n), UK_WAITQ_INITIALIZER}

void uk_semaphore_init(struct uk_semaphore *s, long count);
/** Takes a unit, waiting for one if needed. */
void uk_semaphore_down(struct uk_semaphore *s);
/** uk_semaphore_down() with a deadline. @return 0 or -ETIMEDOUT. */
int uk_semaphore_down_until(struct uk_semaphore *s, uint64_t deadline_ns);
/** @return 1 if a unit was taken, 0 if none was available. */
int uk_semaphore_trydown(struct uk_semaphore *s);
/** Gives a unit back (to the first waiter, if any). */
void uk_semaphore_up(struct uk_semaphore *s);

UK_EXTERN_C_END

#endif /* UK_SEMAPHORE_H */
