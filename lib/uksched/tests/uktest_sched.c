/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of uksched: threads, round robin, join and exit, wait
 * queues with deadlines, sleeping on the platform timer, per-thread hooks,
 * allocation from several threads, and the FPU control words (MXCSR and
 * the x87 word on x86_64, FPCR on arm64) surviving a switch.
 *
 * Sleep tolerance: a sleep of D ends no earlier than D and no later than
 * D + 20 ms. Measured lateness: about 0.1 ms on linuxu, 0.2-1 ms under
 * QEMU's TCG on an idle host and up to 5 ms on a busy one; the margin
 * keeps a loaded CI machine from failing the case.
 */
#include <stdlib.h>
#include <string.h>
#include <uk/errno.h>
#include <uk/sched.h>
#include <uk/test.h>
#include <uk/time.h>
#include <uk/wait.h>

#define SLEEP_SLACK_NS (20 * UK_NSEC_PER_MSEC)

static char trace[64];
static void append(const char *s) { strcat(trace, s); }

static void set_flag(void *arg) { *(int *)arg = 1; }

UK_TESTCASE(sched, create_and_join_run_the_thread)
{
	int ran = 0;
	struct uk_thread *t = uk_thread_create("flag", set_flag, &ran);
	UK_TEST_ASSERT_NOT_NULL(t);
	UK_TEST_EXPECT_STR_EQ(uk_thread_name(t), "flag");
	UK_TEST_EXPECT_ZERO(uk_thread_join(t));
	UK_TEST_EXPECT_EQ(ran, 1);
}

static void yield_three_times(void *arg)
{
	for (int i = 0; i < 3; ++i) {
		append(arg);
		uk_sched_yield();
	}
}

UK_TESTCASE(sched, yield_is_round_robin)
{
	trace[0] = 0;
	struct uk_thread *t[3];
	t[0] = uk_thread_create("a", yield_three_times, "a");
	t[1] = uk_thread_create("b", yield_three_times, "b");
	t[2] = uk_thread_create("c", yield_three_times, "c");
	for (int i = 0; i < 3; ++i)
		UK_TEST_EXPECT_ZERO(uk_thread_join(t[i]));
	UK_TEST_EXPECT_STR_EQ(trace, "abcabcabc");
}

UK_TESTCASE(sched, join_errors)
{
	UK_TEST_EXPECT_EQ(uk_thread_join(uk_thread_current()), -UK_EDEADLK);
	struct uk_thread_attr attr = {0, 1};
	int ran = 0;
	struct uk_thread *t = uk_thread_create_attr("detached", &attr, set_flag, &ran);
	UK_TEST_ASSERT_NOT_NULL(t);
	UK_TEST_EXPECT_EQ(uk_thread_join(t), -UK_EINVAL);
	uk_sched_yield(); /* it runs, exits and is reaped */
	uk_sched_yield();
	UK_TEST_EXPECT_EQ(ran, 1);
}

static struct uk_waitq gate;
static int gate_open, passed_gate;

static void wait_at_gate(void *arg)
{
	(void)arg;
	while (!gate_open)
		uk_waitq_wait(&gate, UK_TIME_NEVER);
	++passed_gate;
}

static void exit_at_once(void *arg) { (void)arg; }

UK_TESTCASE(sched, thread_exit_while_others_wait)
{
	struct uk_thread *w[3];
	gate_open = passed_gate = 0;
	for (int i = 0; i < 3; ++i)
		w[i] = uk_thread_create("waiter", wait_at_gate, NULL);
	uk_sched_yield(); /* all three now wait */
	UK_TEST_EXPECT(!uk_waitq_empty(&gate));
	UK_TEST_EXPECT_ZERO(uk_thread_join(uk_thread_create("quitter", exit_at_once, NULL)));
	UK_TEST_EXPECT_EQ(passed_gate, 0);
	gate_open = 1;
	UK_TEST_EXPECT_EQ(uk_waitq_wake_all(&gate), 3);
	for (int i = 0; i < 3; ++i)
		UK_TEST_EXPECT_ZERO(uk_thread_join(w[i]));
	UK_TEST_EXPECT_EQ(passed_gate, 3);
}

static struct uk_waitq line;

static void queue_up(void *arg)
{
	uk_waitq_wait(&line, UK_TIME_NEVER);
	append(arg);
}

UK_TESTCASE(sched, wait_queue_wakes_in_arrival_order)
{
	static const char *names[] = {"1", "2", "3", "4"};
	struct uk_thread *t[4];
	trace[0] = 0;
	for (int i = 0; i < 4; ++i)
		t[i] = uk_thread_create(names[i], queue_up, (void *)names[i]);
	uk_sched_yield();
	for (int i = 0; i < 4; ++i) {
		UK_TEST_EXPECT_PTR_EQ(uk_waitq_wake_one(&line), t[i]);
		uk_sched_yield();
	}
	UK_TEST_EXPECT_NULL(uk_waitq_wake_one(&line));
	for (int i = 0; i < 4; ++i)
		uk_thread_join(t[i]);
	UK_TEST_EXPECT_STR_EQ(trace, "1234");
}

UK_TESTCASE(sched, wait_with_deadline_times_out)
{
	struct uk_waitq never = UK_WAITQ_INITIALIZER;
	uint64_t t0 = uk_time_now_ns();
	UK_TEST_EXPECT_EQ(uk_waitq_wait(&never, t0 + 5 * UK_NSEC_PER_MSEC), -UK_ETIMEDOUT);
	uint64_t waited = uk_time_now_ns() - t0;
	UK_TEST_EXPECT_GE(waited, 5 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_LT(waited, 5 * UK_NSEC_PER_MSEC + SLEEP_SLACK_NS);
	UK_TEST_EXPECT(uk_waitq_empty(&never));
}

UK_TESTCASE(sched, sleep_accuracy)
{
	static const uint64_t ms[] = {1, 5, 20};
	for (unsigned i = 0; i < sizeof(ms) / sizeof(ms[0]); ++i) {
		uint64_t t0 = uk_time_now_ns();
		uk_sched_sleep_ns(ms[i] * UK_NSEC_PER_MSEC);
		uint64_t slept = uk_time_now_ns() - t0;
		UK_TEST_EXPECT_GE(slept, ms[i] * UK_NSEC_PER_MSEC);
		UK_TEST_EXPECT_LT(slept, ms[i] * UK_NSEC_PER_MSEC + SLEEP_SLACK_NS);
	}
}

static void sleep_then_note(void *arg)
{
	uk_sched_sleep_ns((uint64_t)(*(const char *)arg - '0') * 10 * UK_NSEC_PER_MSEC);
	append(arg);
}

UK_TESTCASE(sched, sleepers_wake_in_deadline_order)
{
	trace[0] = 0;
	struct uk_thread *t[3];
	t[0] = uk_thread_create("30ms", sleep_then_note, "3");
	t[1] = uk_thread_create("10ms", sleep_then_note, "1");
	t[2] = uk_thread_create("20ms", sleep_then_note, "2");
	for (int i = 0; i < 3; ++i)
		uk_thread_join(t[i]);
	UK_TEST_EXPECT_STR_EQ(trace, "123");
}

static int hook_inits, hook_finis;
static int count_init(struct uk_thread *t)
{
	uk_thread_slot_set(t, 1, &hook_inits);
	++hook_inits;
	return 0;
}
static void count_fini(struct uk_thread *t)
{
	if (uk_thread_slot_get(t, 1) == &hook_inits)
		++hook_finis;
}
static struct uk_thread_hooks counting_hooks = {count_init, count_fini, NULL};

UK_TESTCASE(sched, hooks_and_slots_follow_every_thread)
{
	int before = hook_inits; /* registration ran init for existing threads */
	UK_TEST_ASSERT_ZERO(uk_thread_hooks_register(&counting_hooks));
	UK_TEST_EXPECT_GT(hook_inits, before);
	UK_TEST_EXPECT_PTR_EQ(uk_thread_slot_get(uk_thread_current(), 1), &hook_inits);
	int inits = hook_inits, finis = hook_finis, ran = 0;
	uk_thread_join(uk_thread_create("hooked", set_flag, &ran));
	UK_TEST_EXPECT_EQ(hook_inits, inits + 1);
	UK_TEST_EXPECT_EQ(hook_finis, finis + 1);
}

struct alloc_job {
	unsigned seed;
	int corrupt;
};

static void allocate_and_check(void *arg)
{
	struct alloc_job *job = arg;
	unsigned char *live[16] = {0};
	size_t sizes[16] = {0};
	unsigned s = job->seed;
	for (int step = 0; step < 2000; ++step) {
		s = s * 1103515245u + 12345u;
		int i = (s >> 8) % 16;
		if (live[i]) {
			for (size_t k = 0; k < sizes[i]; ++k)
				if (live[i][k] != (unsigned char)(job->seed + i))
					job->corrupt = 1;
			free(live[i]);
			live[i] = NULL;
		} else {
			sizes[i] = 1 + (s >> 12) % 3000;
			live[i] = malloc(sizes[i]);
			if (live[i])
				memset(live[i], (unsigned char)(job->seed + i), sizes[i]);
		}
		if (step % 7 == 0)
			uk_sched_yield();
	}
	for (int i = 0; i < 16; ++i)
		free(live[i]);
}

UK_TESTCASE(sched, allocation_from_several_threads)
{
	struct alloc_job jobs[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
	struct uk_thread *t[4];
	for (int i = 0; i < 4; ++i)
		t[i] = uk_thread_create("allocator", allocate_and_check, &jobs[i]);
	for (int i = 0; i < 4; ++i) {
		uk_thread_join(t[i]);
		UK_TEST_EXPECT_ZERO(jobs[i].corrupt);
	}
}

#if defined(__x86_64__)
static unsigned int read_mxcsr(void)
{
	unsigned int v;
	__asm__ __volatile__("stmxcsr %0" : "=m"(v));
	return v;
}

static void write_mxcsr(unsigned int v) { __asm__ __volatile__("ldmxcsr %0" : : "m"(v)); }

static unsigned int seen_by_other;
static void read_other_mxcsr(void *arg) { (void)arg; seen_by_other = read_mxcsr(); }

UK_TESTCASE(sched, fpu_control_words_are_per_thread)
{
	unsigned int mine = read_mxcsr();
	/* round toward zero + flush to zero: only this thread's business */
	write_mxcsr(mine | 0x6000 | 0x8000);
	struct uk_thread *t = uk_thread_create("fpu", read_other_mxcsr, NULL);
	uk_thread_join(t);
	UK_TEST_EXPECT_EQ(seen_by_other, 0x1f80);
	UK_TEST_EXPECT_EQ(read_mxcsr(), mine | 0x6000 | 0x8000);
	write_mxcsr(mine);
}
#elif defined(__aarch64__)
static unsigned long read_fpcr(void)
{
	unsigned long v;
	__asm__ __volatile__("mrs %0, fpcr" : "=r"(v));
	return v;
}

static void write_fpcr(unsigned long v) { __asm__ __volatile__("msr fpcr, %0" : : "r"(v)); }

static unsigned long seen_by_other;
static void read_other_fpcr(void *arg) { (void)arg; seen_by_other = read_fpcr(); }

UK_TESTCASE(sched, fpu_control_words_are_per_thread)
{
	unsigned long mine = read_fpcr();
	/* round toward zero (RMode 0b11) + flush to zero: this thread's only */
	write_fpcr(mine | (3ul << 22) | (1ul << 24));
	struct uk_thread *t = uk_thread_create("fpu", read_other_fpcr, NULL);
	uk_thread_join(t);
	UK_TEST_EXPECT_EQ(seen_by_other, 0);
	UK_TEST_EXPECT_EQ(read_fpcr(), mine | (3ul << 22) | (1ul << 24));
	write_fpcr(mine);
}
#endif
