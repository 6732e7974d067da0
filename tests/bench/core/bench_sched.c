/* SPDX-License-Identifier: BSD-3-Clause */
/* Yield round trips, semaphore ping-pong, mutex, thread create+join. */
#include <uk/mutex.h>
#include <uk/sched.h>
#include <uk/semaphore.h>

#include "bench.h"

#define ROUNDS 1000000

static volatile int stop;

static void yield_partner(void *arg)
{
	(void)arg;
	while (!stop)
		uk_sched_yield();
}

static struct uk_semaphore ping, pong;

static void pong_partner(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; ++i) {
		uk_semaphore_down(&ping);
		uk_semaphore_up(&pong);
	}
}

static void nothing(void *arg) { (void)arg; }

void bench_sched(void)
{
	/* One round trip: main yields to the partner, the partner yields
	 * back: two context switches. */
	struct uk_thread *t = uk_thread_create("yield-partner", yield_partner, NULL);
	uk_sched_yield();
	uint64_t t0 = bench_now();
	for (int i = 0; i < ROUNDS; ++i)
		uk_sched_yield();
	bench_report("yield_round_trip", bench_now() - t0, ROUNDS);
	stop = 1;
	uk_thread_join(t);

	uk_semaphore_init(&ping, 0);
	uk_semaphore_init(&pong, 0);
	t = uk_thread_create("pong", pong_partner, NULL);
	t0 = bench_now();
	for (int i = 0; i < ROUNDS; ++i) {
		uk_semaphore_up(&ping);
		uk_semaphore_down(&pong);
	}
	bench_report("semaphore_ping_pong", bench_now() - t0, ROUNDS);
	uk_thread_join(t);

	struct uk_mutex m = UK_MUTEX_INITIALIZER;
	t0 = bench_now();
	for (int i = 0; i < ROUNDS; ++i) {
		uk_mutex_lock(&m);
		uk_mutex_unlock(&m);
	}
	bench_report("mutex_lock_unlock", bench_now() - t0, ROUNDS);

	t0 = bench_now();
	for (int i = 0; i < 10000; ++i)
		uk_thread_join(uk_thread_create("short", nothing, NULL));
	bench_report("thread_create_join", bench_now() - t0, 10000);
}
