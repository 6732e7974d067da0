/* SPDX-License-Identifier: BSD-3-Clause */
/* malloc/free and palloc/pfree pairs on the default allocator. */
#include <stdlib.h>
#include <uk/alloc.h>

#include "bench.h"

#define PAIRS 1000000

/* Keeps the compiler from dropping a malloc/free pair. */
static void *volatile sink;

static void malloc_pairs(const char *name, size_t size)
{
	uint64_t t0 = bench_now();
	for (int i = 0; i < PAIRS; ++i) {
		sink = malloc(size);
		free(sink);
	}
	bench_report(name, bench_now() - t0, PAIRS);
}

static void palloc_pairs(const char *name, unsigned long pages)
{
	struct uk_alloc *a = uk_alloc_get_default();
	uint64_t t0 = bench_now();
	for (int i = 0; i < PAIRS / 10; ++i) {
		sink = uk_palloc(a, pages);
		uk_pfree(a, sink, pages);
	}
	bench_report(name, bench_now() - t0, PAIRS / 10);
}

void bench_alloc(void)
{
	malloc_pairs("warm_up", 16); /* first-touch page faults, caches */
	malloc_pairs("malloc_free_16", 16);
	malloc_pairs("malloc_free_64", 64);
	malloc_pairs("malloc_free_256", 256);
	malloc_pairs("malloc_free_4096", 4096);
	palloc_pairs("palloc_pfree_1", 1);
	palloc_pairs("palloc_pfree_16", 16);
}
