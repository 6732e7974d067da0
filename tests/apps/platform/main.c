/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What every platform promises (include/uk/plat.h), checked from inside
 * the image: clocks, memory regions, the heap on them, the initrd (QEMU
 * -initrd: test.json gives initrd.txt), printk levels.
 * argv[1] is the host's time (seconds since the epoch) when the test
 * started the image.
 */
#include <stdio.h>
#include <stdlib.h>
#include <uk/alloc.h>
#include <string.h>
#include <uk/libparam.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/config.h>
#if CONFIG_LIBUKVIRTIO_MMIO
#include <uk/bus/virtio_mmio.h>

/* A driver registered after the scan: offered the unclaimed devices. */
static int rng_probe(struct uk_virtio_mmio_device *d)
{
	printf("rng driver probed: device %u, version %u, irq %u\n", (unsigned)d->device_id,
	       (unsigned)d->version, d->irq);
	return 0;
}
static const struct uk_virtio_mmio_id rng_ids[] = {{UK_VIRTIO_ID_RNG}, {0}};
static struct uk_virtio_mmio_driver rng_driver = {"test-rng", rng_ids, rng_probe, NULL};

static void virtio_mmio_check(void)
{
	int rc = uk_virtio_mmio_driver_register(&rng_driver);
	int claimed = 0;
	for (struct uk_virtio_mmio_device *d = uk_virtio_mmio_device_next(NULL); d;
	     d = uk_virtio_mmio_device_next(d))
		claimed += d->driver == &rng_driver;
	printf("virtio-mmio: %d devices, late driver registered: %d, claimed %d\n",
	       uk_virtio_mmio_device_count(), rc, claimed);
}
#else
static void virtio_mmio_check(void) {}
#endif

static const char *yes(int ok) { return ok ? "yes" : "NO"; }

/* A library parameter of this app (apps are libraries too):
 * image platform.greeting=hi -- <args> */
static char greeting[32];
static int set_greeting(const char *v)
{
	if (strlen(v) >= sizeof(greeting))
		return -22; /* too long */
	strcpy(greeting, v);
	return 0;
}
UK_LIBPARAM(greeting, "platform.greeting", set_greeting, "a word, under 32 bytes");

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

	const void *rd;
	size_t rdlen;
	if (ukplat_initrd_get(&rd, &rdlen) == 0) {
		const unsigned char *b = rd;
		unsigned sum = 0;
		for (size_t i = 0; i < rdlen; ++i)
			sum = sum * 31 + b[i];
		printf("initrd: %zu bytes, starts \"%.16s\", hash %08x\n", rdlen, (const char *)rd, sum);
	} else {
		printf("initrd: none\n");
	}

	virtio_mmio_check();
	if (greeting[0])
		printf("library parameter platform.greeting: %s\n", greeting);
	uk_pr_info("printk at info level\n");
	uk_pr_debug("printk at debug level\n");
	return 0;
}
