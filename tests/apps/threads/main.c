/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads end to end on a platform: round-robin yields, a wait queue
 * ping-pong, sleeping on the timer, join, a detached thread, and what
 * happens when every thread blocks for good (argv[1] == "deadlock") and
 * when a thread overflows its stack (argv[1] == "overflow").
 */
#include <stdio.h>
#include <string.h>
#include <uk/sched.h>
#include <uk/time.h>
#include <uk/wait.h>

static char trace[64];
static int turn;
static struct uk_waitq ping_wq, pong_wq;

static void yielder(void *arg)
{
	for (int i = 0; i < 3; ++i) {
		strcat(trace, (const char *)arg);
		uk_sched_yield();
	}
}

static void ponger(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; ++i) {
		while (turn != 1)
			uk_waitq_wait(&pong_wq, UK_TIME_NEVER);
		turn = 0;
		uk_waitq_wake_one(&ping_wq);
	}
}

static void sleeper(void *arg)
{
	uint64_t *slept = arg;
	uint64_t t0 = uk_time_now_ns();
	uk_sched_sleep_ns(20 * UK_NSEC_PER_MSEC);
	*slept = uk_time_now_ns() - t0;
}

static int detached_ran;
static void detached(void *arg) { (void)arg; detached_ran = 1; }

static void blocker(void *arg)
{
	struct uk_waitq *wq = arg;
	uk_waitq_wait(wq, UK_TIME_NEVER);
}

static int recurse(int n)
{
	volatile char pad[512];
	pad[0] = (char)n;
	return n > (1 << 30) ? 0 : recurse(n + 1) + pad[0]; /* never that deep */
}

static void overflow(void *arg)
{
	(void)arg;
	recurse(0);
}

int main(int argc, char *argv[])
{
	if (argc > 1 && !strcmp(argv[1], "overflow-main"))
		return recurse(0);
	if (argc > 1 && !strcmp(argv[1], "overflow")) {
		uk_thread_join(uk_thread_create("deep", overflow, NULL));
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "deadlock")) {
		static struct uk_waitq never;
		uk_thread_create("blocker", blocker, &never);
		printf("main waits for good\n");
		uk_waitq_wait(&never, UK_TIME_NEVER);
		return 0;
	}

	struct uk_thread *a = uk_thread_create("a", yielder, "a");
	struct uk_thread *b = uk_thread_create("b", yielder, "b");
	uk_thread_join(a);
	uk_thread_join(b);
	printf("round robin: %s\n", trace);

	struct uk_thread *p = uk_thread_create("ponger", ponger, NULL);
	for (int i = 0; i < 1000; ++i) {
		turn = 1;
		uk_waitq_wake_one(&pong_wq);
		while (turn != 0)
			uk_waitq_wait(&ping_wq, UK_TIME_NEVER);
	}
	printf("ping-pong: %d\n", uk_thread_join(p));

	uint64_t slept = 0;
	struct uk_thread *s = uk_thread_create("sleeper", sleeper, &slept);
	uk_thread_join(s);
	printf("slept 20 ms: %s (%llu us)\n",
	       slept >= 20 * UK_NSEC_PER_MSEC && slept < 40 * UK_NSEC_PER_MSEC ? "yes" : "NO",
	       (unsigned long long)(slept / 1000));

	struct uk_thread_attr attr = {0, 1};
	uk_thread_create_attr("detached", &attr, detached, NULL);
	uk_sched_yield();
	printf("detached ran: %d, join self: %d, name: %s\n", detached_ran,
	       uk_thread_join(uk_thread_current()), uk_thread_name(uk_thread_current()));
	return 0;
}
