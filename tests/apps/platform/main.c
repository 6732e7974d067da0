/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What every platform promises (include/uk/plat.h), checked from inside
 * the image: clocks, memory regions, the heap on them, printk levels.
 * argv[1] is the host's time (seconds since the epoch) when the test
 * started the image; argv[2] "initrd" prints what ukplat_initrd_get()
 * gives (the runner handed the image a module).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/plat.h>
#include <uk/print.h>

static const char *yes(int ok) { return ok ? "yes" : "NO"; }

int main(int argc, char *argv[])
{
	long long host_now = argc > 1 ? atoll(argv[1]) : 0;
	uint64_t wall_s = ukplat_wall_clock() / 1000000000ULL;
	long long skew = (long long)wall_s - host_now;
	printf("wall clock within 60 s of the host: %s\n",
	       yes(skew > -60 && skew < 60));

	uint64_t t0 = ukplat_monotonic_clock();
	volatile unsigned long spin = 0;
	while (ukplat_monotonic_clock() - t0 < 2000000ULL) /* 2 ms */
		spin++;
	uint64_t t1 = ukplat_monotonic_clock();
	printf("monotonic clock advances: %s\n", yes(t1 > t0 && spin > 0));

	size_t total = 0;
	int n = ukplat_memregion_count();
	for (int i = 0; i < n; ++i) {
		struct ukplat_memregion r;
		if (ukplat_memregion_get(i, &r) == 0 &&
		    (r.flags & UKPLAT_MEMRF_ALLOCATABLE))
			total += r.len;
	}
	struct ukplat_memregion dummy;
	printf("memory regions: %d, %zu MiB allocatable, bad index rejected: %s\n",
	       n, total >> 20, yes(ukplat_memregion_get(n, &dummy) < 0));

	struct uk_alloc *a = uk_alloc_get_default();
	char *big = malloc(8u << 20);
	for (size_t i = 0; big && i < (8u << 20); i += 4096)
		big[i] = (char)i;
	printf("8 MiB malloc from the heap: %s\n", yes(big != NULL && a != NULL));
	free(big);

	if (argc > 2 && !strcmp(argv[2], "initrd")) {
		const void *base;
		size_t len;
		int rc = ukplat_initrd_get(&base, &len);
		const char *text = rc == 0 ? base : "";
		size_t line = 0;
		while (rc == 0 && line < len && text[line] != '\n')
			++line;
		printf("initrd: rc %d, %zu bytes, first line \"%.*s\"\n", rc, rc == 0 ? len : 0,
		       (int)line, text);
	}

	uk_pr_info("printk at info level\n");
	uk_pr_debug("printk at debug level\n");
	return 0;
}
