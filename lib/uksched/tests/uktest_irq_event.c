/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of interrupt events (uk/irq_event.h): a signal is kept
 * until a wait consumes it, signals coalesce, a thread's signal wakes a
 * waiter, and (on platforms with interrupts) a signal raised by a real
 * interrupt handler wakes a thread blocked with a far deadline.
 */
#include <uk/errno.h>
#include <uk/irq_event.h>
#include <uk/plat.h>
#include <uk/sched.h>
#include <uk/test.h>
#include <uk/time.h>
#if __has_include(<uk/plat/irq.h>)
#include <uk/plat/irq.h>
#endif

UK_TESTCASE(irq_event, signal_before_wait_is_kept_and_coalesces)
{
	struct uk_irq_event ev = UK_IRQ_EVENT_INITIALIZER;
	uk_irq_event_signal(&ev);
	uk_irq_event_signal(&ev);
	uint64_t t0 = uk_time_now_ns();
	UK_TEST_EXPECT_ZERO(uk_irq_event_wait(&ev, t0 + UK_NSEC_PER_SEC));
	UK_TEST_EXPECT_LT(uk_time_now_ns() - t0, 100 * UK_NSEC_PER_MSEC);
	/* Two signals, one wake-up: the second wait times out. */
	t0 = uk_time_now_ns();
	UK_TEST_EXPECT_EQ(uk_irq_event_wait(&ev, t0 + 5 * UK_NSEC_PER_MSEC), -UK_ETIMEDOUT);
	UK_TEST_EXPECT_GE(uk_time_now_ns() - t0, 5 * UK_NSEC_PER_MSEC);
	uk_sched_yield(); /* the scheduler drops the stale pending entry */
}

UK_TESTCASE(irq_event, try_consumes_without_blocking)
{
	struct uk_irq_event ev = UK_IRQ_EVENT_INITIALIZER;
	UK_TEST_EXPECT_ZERO(uk_irq_event_try(&ev));
	uk_irq_event_signal(&ev);
	UK_TEST_EXPECT_EQ(uk_irq_event_try(&ev), 1);
	UK_TEST_EXPECT_ZERO(uk_irq_event_try(&ev));
	uk_sched_yield();
}

static void sleep_then_signal(void *arg)
{
	uk_sched_sleep_ns(5 * UK_NSEC_PER_MSEC);
	uk_irq_event_signal(arg);
}

UK_TESTCASE(irq_event, signal_from_a_thread_wakes_the_waiter)
{
	struct uk_irq_event ev = UK_IRQ_EVENT_INITIALIZER;
	struct uk_thread *t = uk_thread_create("signaller", sleep_then_signal, &ev);
	UK_TEST_ASSERT_NOT_NULL(t);
	uint64_t t0 = uk_time_now_ns();
	UK_TEST_EXPECT_ZERO(uk_irq_event_wait(&ev, t0 + 5 * UK_NSEC_PER_SEC));
	uint64_t waited = uk_time_now_ns() - t0;
	UK_TEST_EXPECT_GE(waited, 5 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_LT(waited, UK_NSEC_PER_SEC);
	UK_TEST_EXPECT_ZERO(uk_thread_join(t));
}

#if defined(UKPLAT_IRQ_LAPIC_TIMER)
#define TIMER_IRQ UKPLAT_IRQ_LAPIC_TIMER
#elif defined(UKPLAT_IRQ_TIMER)
#define TIMER_IRQ UKPLAT_IRQ_TIMER
#endif

#ifdef TIMER_IRQ
static struct uk_irq_event timer_ev;
static volatile int handler_runs, handler_irqs_off;

/* Runs in interrupt context: the timer interrupt that ends a halt. */
static int signal_from_irq(void *arg)
{
	(void)arg;
	handler_runs++;
	handler_irqs_off += ukplat_lcpu_irqs_disabled() != 0;
	uk_irq_event_signal(&timer_ev);
	return 1;
}

static void nothing(struct uk_timer *t) { (void)t; }
#endif

UK_TESTCASE(irq_event, signal_from_an_interrupt_handler_wakes_the_waiter)
{
#ifndef TIMER_IRQ
	UK_TEST_SKIP("no timer IRQ number in this platform's uk/plat/irq.h");
#else
	uk_irq_event_init(&timer_ev);
	handler_runs = handler_irqs_off = 0;
	UK_TEST_ASSERT_ZERO(ukplat_irq_register(TIMER_IRQ, signal_from_irq, NULL));
	/* A timer that wakes no thread makes the idle thread halt until
	 * 10 ms from now: the timer interrupt's handler is then the only
	 * thing that can end the wait before its 10 s deadline, and only
	 * if the idle thread delivers the event after the halt. */
	struct uk_timer tick;
	uk_timer_init(&tick, nothing, NULL);
	uint64_t t0 = uk_time_now_ns();
	uk_timer_arm(&tick, t0 + 10 * UK_NSEC_PER_MSEC);
	int rc = uk_irq_event_wait(&timer_ev, t0 + 10 * UK_NSEC_PER_SEC);
	uint64_t waited = uk_time_now_ns() - t0;
	uk_timer_cancel(&tick);
	UK_TEST_EXPECT_ZERO(ukplat_irq_unregister(TIMER_IRQ, signal_from_irq, NULL));
	UK_TEST_EXPECT_ZERO(rc);
	UK_TEST_EXPECT_GE(handler_runs, 1);
	UK_TEST_EXPECT_EQ(handler_irqs_off, handler_runs);
	UK_TEST_EXPECT_GE(waited, 10 * UK_NSEC_PER_MSEC);
	UK_TEST_EXPECT_LT(waited, 5 * UK_NSEC_PER_SEC);
	uk_sched_yield();
#endif
}
