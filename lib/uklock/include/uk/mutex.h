/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mutexes for threads. Waiters get the mutex in arrival order: unlock
 * hands it to the first waiter (no barging), so a thread that unlocks and
 * relocks at once cannot starve the others. All zeroes is an unlocked,
 * non-recursive mutex.
 */
#ifndef UK_MUTEX_H
#define UK_MUTEX_H

#include <uk/essentials.h>
#include <uk/wait.h>

UK_EXTERN_C_BEGIN

struct uk_mutex {
	struct uk_thread *owner; /* private */
	unsigned int depth;      /* private: lock count of the owner */
	unsigned int recursive;  /* private */
	struct uk_waitq wq;      /* private */
};

#define UK_MUTEX_INITIALIZER {NULL, 0, 0, UK_WAITQ_INITIALIZER}

/** Initialises an unlocked mutex that its owner may not lock again. */
void uk_mutex_init(struct uk_mutex *m);
/** Initialises an unlocked mutex that its owner may lock again. */
void uk_mutex_init_recursive(struct uk_mutex *m);

/**
 * Locks @p m, waiting as long as it takes. Locking a non-recursive mutex
 * the caller already holds stops the image with a report (it would
 * deadlock).
 */
void uk_mutex_lock(struct uk_mutex *m);
/** uk_mutex_lock() with a deadline. @return 0 or -ETIMEDOUT. */
int uk_mutex_lock_until(struct uk_mutex *m, uint64_t deadline_ns);
/** @return 1 if locked (or relocked, if recursive), 0 if it is held. */
int uk_mutex_trylock(struct uk_mutex *m);
/** Unlocks; only the owner may (anything else stops with a report). */
void uk_mutex_unlock(struct uk_mutex *m);
/** @return nonzero while some thread holds @p m. */
int uk_mutex_is_locked(const struct uk_mutex *m);

UK_EXTERN_C_END

#endif /* UK_MUTEX_H */
