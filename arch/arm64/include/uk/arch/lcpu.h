/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 CPU helpers that every platform of this arch may use: barriers,
 * spin hints, a free-running counter, the stack pointer. The same names
 * exist for every architecture (arch/<arch>/include).
 */
#ifndef UK_ARCH_LCPU_H
#define UK_ARCH_LCPU_H

#include <uk/essentials.h>

#define UKARCH_PAGE_SHIFT 12
#define UKARCH_PAGE_SIZE (1UL << UKARCH_PAGE_SHIFT)
/* Largest alignment any scalar type needs (what malloc must return). */
#define UKARCH_MAX_ALIGN 16

#ifndef __ASSEMBLY__

/* Barriers for normal memory shared with devices (DMA rings): the
 * "outer shareable" domain covers every observer, as Linux's mb() etc. */
/** Full memory barrier (loads and stores). */
static inline void ukarch_mb(void) { __asm__ __volatile__("dsb sy" ::: "memory"); }
/** Load barrier. */
static inline void ukarch_rmb(void) { __asm__ __volatile__("dsb ld" ::: "memory"); }
/** Store barrier. */
static inline void ukarch_wmb(void) { __asm__ __volatile__("dsb st" ::: "memory"); }
/** Compiler-only barrier. */
static inline void ukarch_barrier(void) { __asm__ __volatile__("" ::: "memory"); }

/** Hint inside spin loops (YIELD). */
static inline void ukarch_spinwait(void) { __asm__ __volatile__("yield" ::: "memory"); }

/**
 * Reads a free-running counter (the generic timer's virtual count; its
 * frequency is CNTFRQ_EL0). Named like x86's TSC read so that portable
 * code (entropy seeding, cycle counts) has one name for it.
 */
static inline uint64_t ukarch_rdtsc(void)
{
	uint64_t v;
	__asm__ __volatile__("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

/** Current stack pointer. */
static inline uintptr_t ukarch_read_sp(void)
{
	uintptr_t sp;
	__asm__ __volatile__("mov %0, sp" : "=r"(sp));
	return sp;
}

#endif /* !__ASSEMBLY__ */
#endif /* UK_ARCH_LCPU_H */
