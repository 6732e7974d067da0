/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The same measurements as tests/bench/core, on the host with glibc and
 * pthreads, for comparison in one run (support/scripts/bench-core).
 * Threads are pinned to one CPU, as in a one-CPU unikernel; the ping-pong
 * uses POSIX semaphores (futexes underneath).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PAIRS 1000000
#define ROUNDS 200000

static void *volatile sink;

static unsigned long long now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void report(const char *name, unsigned long long ns, unsigned long long ops)
{
	printf("host: %s %.2f\n", name, (double)ns / ops);
}

static void malloc_pairs(const char *name, size_t size)
{
	unsigned long long t0 = now();
	for (int i = 0; i < PAIRS; ++i) {
		sink = malloc(size);
		free(sink);
	}
	report(name, now() - t0, PAIRS);
}

static volatile int stop;
static sem_t ping, pong;

static void *yield_partner(void *arg)
{
	(void)arg;
	while (!stop)
		sched_yield();
	return NULL;
}

static void *pong_partner(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; ++i) {
		sem_wait(&ping);
		sem_post(&pong);
	}
	return NULL;
}

static void *nothing(void *arg) { return arg; }

static void pin_to_cpu0(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

int main(void)
{
	pin_to_cpu0(); /* threads created later inherit it */
	malloc_pairs("warm_up", 16); /* first-touch page faults, caches */
	malloc_pairs("malloc_free_16", 16);
	malloc_pairs("malloc_free_64", 64);
	malloc_pairs("malloc_free_256", 256);
	malloc_pairs("malloc_free_4096", 4096);

	pthread_t t;
	pthread_create(&t, NULL, yield_partner, NULL);
	sched_yield();
	unsigned long long t0 = now();
	for (int i = 0; i < ROUNDS; ++i)
		sched_yield();
	report("yield_round_trip", now() - t0, ROUNDS);
	stop = 1;
	pthread_join(t, NULL);

	sem_init(&ping, 0, 0);
	sem_init(&pong, 0, 0);
	pthread_create(&t, NULL, pong_partner, NULL);
	t0 = now();
	for (int i = 0; i < ROUNDS; ++i) {
		sem_post(&ping);
		sem_wait(&pong);
	}
	report("semaphore_ping_pong", now() - t0, ROUNDS);
	pthread_join(t, NULL);

	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	t0 = now();
	for (int i = 0; i < PAIRS; ++i) {
		pthread_mutex_lock(&m);
		pthread_mutex_unlock(&m);
	}
	report("mutex_lock_unlock", now() - t0, PAIRS);

	t0 = now();
	for (int i = 0; i < 10000; ++i) {
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	report("thread_create_join", now() - t0, 10000);
	return 0;
}
