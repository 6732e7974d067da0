/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of uklock: mutex hand-off fairness, recursion and
 * deadlines, semaphores (counting, deadlines, a ring of threads passing a
 * token), condition variables, spinlocks.
 */
#include <string.h>
#include <uk/condvar.h>
#include <uk/errno.h>
#include <uk/mutex.h>
#include <uk/plat.h>
#include <uk/sched.h>
#include <uk/semaphore.h>
#include <uk/spinlock.h>
#include <uk/test.h>
#include <uk/time.h>

static char trace[64];
static struct uk_mutex fair_lock;

static void take_turns(void *arg)
{
	for (int i = 0; i < 3; ++i) {
		uk_mutex_lock(&fair_lock);
		strcat(trace, arg);
		uk_sched_yield(); /* the others queue up meanwhile */
		uk_mutex_unlock(&fair_lock);
		/* relocking at once must not barge past the waiters */
	}
}

UK_TESTCASE(lock, mutex_is_fair)
{
	trace[0] = 0;
	uk_mutex_init(&fair_lock);
	struct uk_thread *t[3];
	t[0] = uk_thread_create("a", take_turns, "a");
	t[1] = uk_thread_create("b", take_turns, "b");
	t[2] = uk_thread_create("c", take_turns, "c");
	for (int i = 0; i < 3; ++i)
		uk_thread_join(t[i]);
	UK_TEST_EXPECT_STR_EQ(trace, "abcabcabc");
	UK_TEST_EXPECT(!uk_mutex_is_locked(&fair_lock));
}

static int trylock_result;
static void try_it(void *arg) { trylock_result = uk_mutex_trylock(arg); }

UK_TESTCASE(lock, mutex_trylock_and_recursion)
{
	struct uk_mutex m = UK_MUTEX_INITIALIZER;
	UK_TEST_EXPECT_EQ(uk_mutex_trylock(&m), 1);
	UK_TEST_EXPECT_EQ(uk_mutex_trylock(&m), 0); /* not recursive */
	uk_thread_join(uk_thread_create("try", try_it, &m));
	UK_TEST_EXPECT_EQ(trylock_result, 0);
	uk_mutex_unlock(&m);

	struct uk_mutex r;
	uk_mutex_init_recursive(&r);
	uk_mutex_lock(&r);
	uk_mutex_lock(&r);
	UK_TEST_EXPECT_EQ(uk_mutex_trylock(&r), 1);
	uk_mutex_unlock(&r);
	uk_mutex_unlock(&r);
	UK_TEST_EXPECT(uk_mutex_is_locked(&r));
	uk_mutex_unlock(&r);
	UK_TEST_EXPECT(!uk_mutex_is_locked(&r));
}

static struct uk_mutex held;
static int timed_lock_rc;
static void lock_with_deadline(void *arg)
{
	(void)arg;
	timed_lock_rc = uk_mutex_lock_until(&held, uk_time_now_ns() + 3 * UK_NSEC_PER_MSEC);
}

UK_TESTCASE(lock, mutex_deadline_passes_while_held)
{
	uk_mutex_init(&held);
	uk_mutex_lock(&held);
	uk_thread_join(uk_thread_create("timed", lock_with_deadline, NULL));
	UK_TEST_EXPECT_EQ(timed_lock_rc, -UK_ETIMEDOUT);
	/* the timed-out waiter left the queue: unlock frees the mutex */
	uk_mutex_unlock(&held);
	UK_TEST_EXPECT(!uk_mutex_is_locked(&held));
}

UK_TESTCASE(lock, semaphore_counts_and_times_out)
{
	struct uk_semaphore s;
	uk_semaphore_init(&s, 2);
	UK_TEST_EXPECT_EQ(uk_semaphore_trydown(&s), 1);
	UK_TEST_EXPECT_EQ(uk_semaphore_trydown(&s), 1);
	UK_TEST_EXPECT_EQ(uk_semaphore_trydown(&s), 0);
	uint64_t t0 = uk_time_now_ns();
	UK_TEST_EXPECT_EQ(uk_semaphore_down_until(&s, t0 + 2 * UK_NSEC_PER_MSEC), -UK_ETIMEDOUT);
	UK_TEST_EXPECT_GE(uk_time_now_ns() - t0, 2 * UK_NSEC_PER_MSEC);
	uk_semaphore_up(&s);
	UK_TEST_EXPECT_ZERO(uk_semaphore_down_until(&s, uk_time_now_ns()));
}

#define RING 8
#define LAPS 500
static struct uk_semaphore ring_sem[RING];
static int ring_visits[RING];

static void ring_member(void *arg)
{
	int me = (int)(long)arg;
	for (int lap = 0; lap < LAPS; ++lap) {
		uk_semaphore_down(&ring_sem[me]);
		++ring_visits[me];
		uk_semaphore_up(&ring_sem[(me + 1) % RING]);
	}
}

UK_TESTCASE(lock, semaphore_ping_pong_ring_of_threads)
{
	struct uk_thread *t[RING];
	for (int i = 0; i < RING; ++i) {
		uk_semaphore_init(&ring_sem[i], 0);
		ring_visits[i] = 0;
	}
	for (int i = 0; i < RING; ++i)
		t[i] = uk_thread_create("ring", ring_member, (void *)(long)i);
	uk_semaphore_up(&ring_sem[0]); /* the token */
	for (int i = 0; i < RING; ++i)
		uk_thread_join(t[i]);
	for (int i = 0; i < RING; ++i)
		UK_TEST_EXPECT_EQ(ring_visits[i], LAPS);
	/* the token is back at the start, unclaimed */
	UK_TEST_EXPECT_EQ(uk_semaphore_trydown(&ring_sem[0]), 1);
}

static struct uk_mutex q_lock;
static struct uk_condvar q_nonempty;
static int queue_len, consumed;

static void consumer(void *arg)
{
	(void)arg;
	uk_mutex_lock(&q_lock);
	while (queue_len == 0)
		uk_condvar_wait(&q_nonempty, &q_lock);
	--queue_len;
	++consumed;
	uk_mutex_unlock(&q_lock);
}

UK_TESTCASE(lock, condvar_signal_and_broadcast)
{
	struct uk_thread *t[4];
	uk_mutex_init(&q_lock);
	uk_condvar_init(&q_nonempty);
	queue_len = consumed = 0;
	for (int i = 0; i < 4; ++i)
		t[i] = uk_thread_create("consumer", consumer, NULL);
	uk_sched_yield();
	UK_TEST_EXPECT_EQ(consumed, 0);
	uk_mutex_lock(&q_lock);
	queue_len = 1;
	uk_condvar_signal(&q_nonempty);
	uk_mutex_unlock(&q_lock);
	uk_sched_yield();
	uk_sched_yield();
	UK_TEST_EXPECT_EQ(consumed, 1);
	uk_mutex_lock(&q_lock);
	queue_len = 3;
	uk_condvar_broadcast(&q_nonempty);
	uk_mutex_unlock(&q_lock);
	for (int i = 0; i < 4; ++i)
		uk_thread_join(t[i]);
	UK_TEST_EXPECT_EQ(consumed, 4);

	uk_mutex_lock(&q_lock);
	UK_TEST_EXPECT_EQ(uk_condvar_wait_until(&q_nonempty, &q_lock,
					       uk_time_now_ns() + UK_NSEC_PER_MSEC),
			  -UK_ETIMEDOUT);
	UK_TEST_EXPECT(uk_mutex_is_locked(&q_lock)); /* relocked on return */
	uk_mutex_unlock(&q_lock);
}

UK_TESTCASE(lock, spinlock_and_irqsave)
{
	struct uk_spinlock l = UK_SPINLOCK_INITIALIZER;
	UK_TEST_EXPECT_EQ(uk_spin_trylock(&l), 1);
	UK_TEST_EXPECT_EQ(uk_spin_trylock(&l), 0);
	uk_spin_unlock(&l);
	int before = ukplat_lcpu_irqs_disabled();
	unsigned long flags = uk_spin_lock_irqsave(&l);
	UK_TEST_EXPECT(ukplat_lcpu_irqs_disabled());
	uk_spin_unlock_irqrestore(&l, flags);
	UK_TEST_EXPECT_EQ(ukplat_lcpu_irqs_disabled(), before);
	UK_TEST_EXPECT_EQ(uk_spin_trylock(&l), 1);
	uk_spin_unlock(&l);
}
