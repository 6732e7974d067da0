/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Spinlocks, for data shared with interrupt handlers (use the _irqsave
 * forms) and, later, other CPUs. Never hold one across a blocking call.
 * With one CPU and interrupts off, a held lock can never be released by
 * spinning: the debug build stops with a report instead of hanging.
 */
#ifndef UK_SPINLOCK_H
#define UK_SPINLOCK_H

#include <uk/arch/lcpu.h>
#include <uk/assert.h>
#include <uk/essentials.h>
#include <uk/plat.h>

UK_EXTERN_C_BEGIN

struct uk_spinlock {
	int locked;
};

#define UK_SPINLOCK_INITIALIZER {0}

static inline void uk_spin_init(struct uk_spinlock *l) { l->locked = 0; }

/** @return nonzero if the lock was taken. */
static inline int uk_spin_trylock(struct uk_spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void uk_spin_lock(struct uk_spinlock *l)
{
	while (!uk_spin_trylock(l)) {
		UK_ASSERT(!"spinlock already held: on one CPU this would spin forever");
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			ukarch_spinwait();
	}
}

static inline void uk_spin_unlock(struct uk_spinlock *l)
{
	UK_ASSERT(l->locked);
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/** Disables interrupts, then locks. @return the state to restore. */
static inline unsigned long uk_spin_lock_irqsave(struct uk_spinlock *l)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	uk_spin_lock(l);
	return flags;
}

static inline void uk_spin_unlock_irqrestore(struct uk_spinlock *l,
					     unsigned long flags)
{
	uk_spin_unlock(l);
	ukplat_lcpu_restore_irqf(flags);
}

UK_EXTERN_C_END

#endif /* UK_SPINLOCK_H */
