/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by the core benchmarks: timing and one output format, which
 * support/scripts/bench-core reads (one "bench: <name> <ns/op>" line per
 * figure). */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <uk/time.h>

static inline uint64_t bench_now(void) { return uk_time_now_ns(); }

static inline void bench_report(const char *name, uint64_t ns, uint64_t ops)
{
	/* ns per op with two decimals, without floating point. */
	uint64_t centi = ns * 100 / ops;
	printf("bench: %s %llu.%02llu\n", name, (unsigned long long)(centi / 100),
	       (unsigned long long)(centi % 100));
}

void bench_alloc(void);
void bench_sched(void);

#endif /* BENCH_H */
