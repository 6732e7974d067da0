/* SPDX-License-Identifier: BSD-3-Clause */
/* In-image tests of uktime: clocks and one-shot timers on the platform. */
#include <string.h>
#include <uk/sched.h>
#include <uk/test.h>
#include <uk/time.h>

UK_TESTCASE(time, monotonic_clock_never_goes_back)
{
	uint64_t prev = uk_time_now_ns();
	for (int i = 0; i < 10000; ++i) {
		uint64_t now = uk_time_now_ns();
		UK_TEST_ASSERT_GE(now, prev);
		prev = now;
	}
}

UK_TESTCASE(time, wall_clock_is_after_2024)
{
	UK_TEST_EXPECT_GT(uk_time_wall_ns() / UK_NSEC_PER_SEC, 1704067200ULL);
}

static char fired[16];
static void note_timer(struct uk_timer *t) { strcat(fired, t->arg); }

UK_TESTCASE(time, timers_fire_in_deadline_order)
{
	struct uk_timer a, b, c, cancelled;
	fired[0] = 0;
	uk_timer_init(&a, note_timer, "a");
	uk_timer_init(&b, note_timer, "b");
	uk_timer_init(&c, note_timer, "c");
	uk_timer_init(&cancelled, note_timer, "x");
	uint64_t now = uk_time_now_ns();
	uk_timer_arm(&c, now + 6 * UK_NSEC_PER_MSEC);
	uk_timer_arm(&a, now + 2 * UK_NSEC_PER_MSEC);
	uk_timer_arm(&cancelled, now + 3 * UK_NSEC_PER_MSEC);
	uk_timer_arm(&b, now + 4 * UK_NSEC_PER_MSEC);
	/* At most: other libraries' timers (lwIP's tcpip thread waiting with
	 * a timeout) may be due sooner. */
	UK_TEST_EXPECT_LE(uk_timer_next_deadline(), now + 2 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_EQ(uk_timer_cancel(&cancelled), 1);
	UK_TEST_EXPECT_EQ(uk_timer_cancel(&cancelled), 0);
	/* The idle thread fires them; a loaded host may delay it well past
	 * the deadlines, so wait up to a second rather than a fixed pause. */
	for (int i = 0; i < 100 && strlen(fired) < 3; i++)
		uk_sched_sleep_ns(10 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_STR_EQ(fired, "abc");
	UK_TEST_EXPECT(!uk_timer_armed(&a));
}

static int rearms;
static void rearm_twice(struct uk_timer *t)
{
	if (++rearms < 3)
		uk_timer_arm(t, uk_time_now_ns() + UK_NSEC_PER_MSEC);
}

UK_TESTCASE(time, timer_rearmed_from_its_callback)
{
	struct uk_timer t;
	rearms = 0;
	uk_timer_init(&t, rearm_twice, NULL);
	uk_timer_arm(&t, uk_time_now_ns() + UK_NSEC_PER_MSEC);
	for (int i = 0; i < 100 && uk_timer_armed(&t); i++)
		uk_sched_sleep_ns(10 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_EQ(rearms, 3);
	UK_TEST_EXPECT(!uk_timer_armed(&t));
}
