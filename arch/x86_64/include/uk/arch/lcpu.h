/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 CPU helpers that every platform of this arch may use: barriers,
 * spin hints, the time-stamp counter, the stack and frame pointers.
 * The same names exist for every architecture (arch/<arch>/include).
 */
#ifndef UK_ARCH_LCPU_H
#define UK_ARCH_LCPU_H

#include <uk/essentials.h>

#define UKARCH_PAGE_SHIFT 12
#define UKARCH_PAGE_SIZE (1UL << UKARCH_PAGE_SHIFT)
/* Largest alignment any scalar type needs (what malloc must return). */
#define UKARCH_MAX_ALIGN 16

#ifndef __ASSEMBLY__

/** Full memory barrier (loads and stores). */
static inline void ukarch_mb(void) { __asm__ __volatile__("mfence" ::: "memory"); }
/** Load barrier. */
static inline void ukarch_rmb(void) { __asm__ __volatile__("lfence" ::: "memory"); }
/** Store barrier. */
static inline void ukarch_wmb(void) { __asm__ __volatile__("sfence" ::: "memory"); }
/** Compiler-only barrier. */
static inline void ukarch_barrier(void) { __asm__ __volatile__("" ::: "memory"); }

/** Hint inside spin loops (PAUSE): saves power, frees the sibling thread. */
static inline void ukarch_spinwait(void) { __asm__ __volatile__("pause" ::: "memory"); }

/** Reads the time-stamp counter. */
static inline uint64_t ukarch_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/** Current stack pointer. */
static inline uintptr_t ukarch_read_sp(void)
{
	uintptr_t sp;
	__asm__ __volatile__("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

#endif /* !__ASSEMBLY__ */
#endif /* UK_ARCH_LCPU_H */
