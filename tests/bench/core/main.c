/* SPDX-License-Identifier: BSD-3-Clause */
/* Core-services benchmarks in the image (support/scripts/bench-core). */
#include "bench.h"

int main(void)
{
	bench_alloc();
	bench_sched();
	printf("bench: done\n");
	return 0;
}
