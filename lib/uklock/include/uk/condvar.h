/* SPDX-License-Identifier: BSD-3-Clause */
/* Condition variables, used with a uk_mutex. All zeroes is ready. */
#ifndef UK_CONDVAR_H
#define UK_CONDVAR_H

#include <uk/essentials.h>
#include <uk/mutex.h>
#include <uk/wait.h>

UK_EXTERN_C_BEGIN

struct uk_condvar {
	struct uk_waitq wq; /* private */
};

#define UK_CONDVAR_INITIALIZER {UK_WAITQ_INITIALIZER}

void uk_condvar_init(struct uk_condvar *cv);
/**
 * Atomically unlocks @p m (held once by the caller) and waits for a
 * signal; relocks @p m before returning. Re-check the condition: a
 * broadcast wakes everyone.
 */
void uk_condvar_wait(struct uk_condvar *cv, struct uk_mutex *m);
/** uk_condvar_wait() with a deadline. @return 0 or -ETIMEDOUT. */
int uk_condvar_wait_until(struct uk_condvar *cv, struct uk_mutex *m,
			  uint64_t deadline_ns);
/** Wakes one waiter (the longest waiting). */
void uk_condvar_signal(struct uk_condvar *cv);
/** Wakes every waiter. */
void uk_condvar_broadcast(struct uk_condvar *cv);

UK_EXTERN_C_END

#endif /* UK_CONDVAR_H */
