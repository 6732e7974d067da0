/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupt events: how an interrupt handler wakes a thread. Handlers
 * must not call the scheduler (they run on the interrupted thread's stack
 * with interrupts off, possibly in the middle of a wait-queue update), so
 * uk_irq_event_signal() only marks the event and puts it on a list the
 * scheduler reads; the scheduler wakes the waiter the next time it runs
 * (every switch, every yield, and the idle thread after each halt).
 *
 * An event is sticky (an auto-reset event, a binary semaphore): a signal
 * that arrives while nobody waits is kept, and the next wait consumes it
 * at once. So "check, re-arm, wait" never loses a wake-up:
 *
 *     for (;;) {
 *             n = uk_netdev_rx_burst(dev, 0, pkts, 32);
 *             if (n > 0) { ...; continue; }
 *             if (uk_netdev_rxq_intr_enable(dev, 0) == 1)
 *                     continue;               // arrived meanwhile
 *             uk_irq_event_wait(&rx_ev, UK_TIME_NEVER);
 *     }
 *     // rx callback, in interrupt context: uk_irq_event_signal(&rx_ev);
 *
 * All zeroes is an unsignalled event with no waiter.
 */
#ifndef UK_IRQ_EVENT_H
#define UK_IRQ_EVENT_H

#include <uk/essentials.h>
#include <uk/wait.h>

UK_EXTERN_C_BEGIN

struct uk_irq_event {
	struct uk_waitq waiters;           /* private: thread context only */
	struct uk_irq_event *next_pending; /* private: the scheduler's list */
	volatile uint8_t signalled;        /* private */
	volatile uint8_t pending;          /* private: on that list */
};

#define UK_IRQ_EVENT_INITIALIZER {UK_WAITQ_INITIALIZER, NULL, 0, 0}

/** Resets @p ev to unsignalled (only when nobody waits on it). */
void uk_irq_event_init(struct uk_irq_event *ev);

/**
 * Signals @p ev: the thread waiting on it (the first, if several) is
 * woken at the scheduler's next run; with no waiter, the next
 * uk_irq_event_wait() returns at once. Several signals before a wait
 * count as one. Safe from interrupt handlers and from threads; never
 * blocks, never allocates, O(1).
 */
void uk_irq_event_signal(struct uk_irq_event *ev);

/**
 * Blocks the calling thread until @p ev is signalled (or returns at once
 * if it was since the last wait), and consumes the signal. Thread
 * context only.
 * @return 0, or -ETIMEDOUT when the monotonic clock passed
 *   @p deadline_ns (UK_TIME_NEVER: no deadline) without a signal.
 */
int uk_irq_event_wait(struct uk_irq_event *ev, uint64_t deadline_ns);

/**
 * Consumes a signal without blocking.
 * @return 1 if @p ev was signalled (it no longer is), 0 otherwise.
 */
int uk_irq_event_try(struct uk_irq_event *ev);

UK_EXTERN_C_END

#endif /* UK_IRQ_EVENT_H */
