// SPDX-License-Identifier: BSD-3-Clause
//
// What sched.cpp, thread.cpp and waitq.cpp share inside uksched.
#pragma once

#include <uk/sched_impl.hpp>

namespace uk::sched {

/** The running thread (never null once the scheduler started). */
extern uk_thread *current_thread;
/** The registered policy. */
extern uk_sched_policy *policy;

/**
 * Gives the CPU to the next thread. The caller has already set its own
 * state (and enqueued itself if it stays runnable). Returns when the
 * caller is scheduled again.
 */
void schedule();

/** Threads created and not yet exited ("main" included, "idle" not). */
extern unsigned int live_threads;

/** Takes a timed-out thread off the wait queue it is on. */
void waitq_leave(uk_thread *t);

/** Frees detached threads that exited (not the running one). */
void reap_zombies();

/** Prints every blocked thread and what it waits on (deadlock report). */
void print_blocked_threads();

/** irq_event.cpp: wakes the first waiter of every event that interrupt
 * handlers signalled since the last call (thread context). */
void irq_events_deliver();
/** @return whether a signalled event waits for irq_events_deliver(). */
bool irq_events_pending();

/** Timer callback of a blocking wait whose deadline passed. */
void on_block_timeout(uk_timer *timer);

/** Allocates a thread and its stack; not yet runnable. Null on failure. */
uk_thread *thread_alloc(const char *name, const uk_thread_attr *attr,
			uk_thread_fn_t fn, void *arg);
/** Frees a thread that will never run again (and its stack). */
void thread_free(uk_thread *t);
/** Runs the registered init hooks for @p t; undoes them on failure. */
int thread_hooks_init(uk_thread *t);
/** Runs the registered fini hooks for @p t. */
void thread_hooks_fini(uk_thread *t);

}  // namespace uk::sched
