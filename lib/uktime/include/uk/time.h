/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Time: clocks in nanoseconds and one-shot timers.
 *
 * Timers fire in thread context: the scheduler runs the expired ones
 * whenever it schedules and stops the CPU until the earliest deadline
 * (ukplat_lcpu_halt_until), so a timer callback may wake threads and arm
 * timers but must not block. Deadlines are absolute monotonic times;
 * timers with equal deadlines fire in the order they were armed.
 */
#ifndef UK_TIME_H
#define UK_TIME_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

#define UK_NSEC_PER_SEC 1000000000ULL
#define UK_NSEC_PER_MSEC 1000000ULL
#define UK_NSEC_PER_USEC 1000ULL
/** A deadline that never comes. */
#define UK_TIME_NEVER UINT64_MAX

/** @return nanoseconds on the monotonic clock (never goes back). */
uint64_t uk_time_now_ns(void);
/** @return nanoseconds since the Unix epoch. */
uint64_t uk_time_wall_ns(void);

struct uk_timer;
typedef void (*uk_timer_fn_t)(struct uk_timer *t);

/** A one-shot timer. Fields are private; embed it, then uk_timer_init(). */
struct uk_timer {
	uint64_t deadline;
	uk_timer_fn_t fn;
	void *arg; /**< free for the owner (e.g. the thread to wake) */
	struct uk_timer *prev, *next;
	int armed;
};

/** Prepares @p t; @p fn runs (once per arming) when it expires. */
void uk_timer_init(struct uk_timer *t, uk_timer_fn_t fn, void *arg);

/** Arms @p t for @p deadline_ns (monotonic); re-arms if already armed. */
void uk_timer_arm(struct uk_timer *t, uint64_t deadline_ns);

/** Disarms @p t. @return 1 if it was armed, 0 otherwise. */
int uk_timer_cancel(struct uk_timer *t);

/** @return nonzero while @p t is armed (has not fired yet). */
int uk_timer_armed(const struct uk_timer *t);

/** @return the earliest armed deadline, or UK_TIME_NEVER. */
uint64_t uk_timer_next_deadline(void);

/**
 * Fires every timer whose deadline is <= @p now_ns, in deadline order.
 * Callbacks may arm timers; one armed for <= now fires in the same call.
 * @return the number of timers fired.
 */
unsigned int uk_timer_run_expired(uint64_t now_ns);

UK_EXTERN_C_END

#endif /* UK_TIME_H */
