/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads and the scheduler. One CPU; which runnable thread runs next is
 * a policy's choice (ukschedcoop: cooperative round robin). A thread runs
 * until it yields, blocks, sleeps or exits; nothing preempts it.
 *
 * The boot context becomes the thread "main"; an "idle" thread runs when
 * no other thread can, fires expired timers and stops the CPU until the
 * next deadline or interrupt (ukplat_lcpu_halt_until).
 */
#ifndef UK_SCHED_H
#define UK_SCHED_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_thread;
typedef void (*uk_thread_fn_t)(void *arg);

/** Optional creation parameters; zeroes mean the defaults. */
struct uk_thread_attr {
	size_t stack_size; /**< bytes; 0: CONFIG_LIBUKSCHED_STACK_SIZE */
	int detached;      /**< freed at exit; cannot be joined */
};

/**
 * Creates a runnable thread that calls fn(arg); returning from @p fn
 * exits the thread. Its stack has a guard page below it where the
 * platform can map one. @p name is not copied.
 * @return the thread, or NULL (out of memory).
 */
struct uk_thread *uk_thread_create(const char *name, uk_thread_fn_t fn,
				   void *arg);
/** uk_thread_create() with @p attr (may be NULL). */
struct uk_thread *uk_thread_create_attr(const char *name,
					const struct uk_thread_attr *attr,
					uk_thread_fn_t fn, void *arg);

/**
 * Waits until @p t has exited, then frees it.
 * @return 0; -EDEADLK if @p t is the caller; -EINVAL if detached.
 */
int uk_thread_join(struct uk_thread *t);

/** Ends the calling thread. Joiners are woken. */
__noreturn void uk_thread_exit(void);

/** @return the running thread. */
struct uk_thread *uk_thread_current(void);

/** @return the name given at creation ("main", "idle" for those two). */
const char *uk_thread_name(const struct uk_thread *t);

/** Lets every other runnable thread run once before the caller. */
void uk_sched_yield(void);

/** Sleeps at least @p ns nanoseconds (other threads run meanwhile). */
void uk_sched_sleep_ns(uint64_t ns);

/**
 * Blocks the calling thread until uk_thread_wake() or the monotonic
 * clock reaches @p deadline_ns (UK_TIME_NEVER: no deadline).
 * @return 0 when woken, -ETIMEDOUT when the deadline passed.
 * The building block of wait queues; most code wants uk/wait.h.
 */
int uk_thread_block_until(uint64_t deadline_ns);

/**
 * Makes a blocked thread runnable. No effect on a thread that is not
 * blocked. Callable from timer callbacks.
 */
void uk_thread_wake(struct uk_thread *t);

/* Per-thread data for libraries (newlib keeps its struct _reent here). */
#define UK_THREAD_SLOTS 4
#define UK_THREAD_SLOT_LIBC 0
/** @return the value of @p slot (< UK_THREAD_SLOTS) of @p t. */
void *uk_thread_slot_get(const struct uk_thread *t, unsigned int slot);
/** Sets the value of @p slot of @p t. */
void uk_thread_slot_set(struct uk_thread *t, unsigned int slot, void *value);

/**
 * Hooks run for every thread: init when it is created (and, at
 * registration, for the threads that already exist), fini when it exits.
 * A negative return of init fails uk_thread_create(). The struct must
 * stay alive; register from an init-table function.
 */
struct uk_thread_hooks {
	int (*init)(struct uk_thread *t);
	void (*fini)(struct uk_thread *t);
	struct uk_thread_hooks *next; /**< private */
};
/** @return 0, or the first negative return of init for existing threads. */
int uk_thread_hooks_register(struct uk_thread_hooks *hooks);

/**
 * A scheduling policy: the run queue. Filled by the policy library and
 * registered before the scheduler starts (an early init function at
 * priority 0..4). The scheduler core owns blocking, timers and idling.
 */
struct uk_sched_policy {
	const char *name;
	/** Appends a runnable thread. */
	void (*enqueue)(struct uk_sched_policy *p, struct uk_thread *t);
	/** Removes and returns the next thread to run, or NULL. */
	struct uk_thread *(*dequeue)(struct uk_sched_policy *p);
	/** @return nonzero if a thread is queued. */
	int (*has_runnable)(struct uk_sched_policy *p);
};
/** @return 0, or -EBUSY if a policy is already registered. */
int uk_sched_policy_register(struct uk_sched_policy *p);

UK_EXTERN_C_END

#endif /* UK_SCHED_H */
