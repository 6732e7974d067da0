// SPDX-License-Identifier: BSD-3-Clause
//
// Condition variables. Without preemption nothing runs between the
// unlock and the wait below, so no wake-up can slip in between: the
// pair is atomic as far as other threads can tell.

#include <uk/assert.h>
#include <uk/condvar.h>
#include <uk/sched.h>
#include <uk/time.h>

extern "C" void uk_condvar_init(struct uk_condvar *cv) { *cv = UK_CONDVAR_INITIALIZER; }

extern "C" int uk_condvar_wait_until(struct uk_condvar *cv, struct uk_mutex *m,
				     uint64_t deadline_ns)
{
	UK_ASSERT(m->owner == uk_thread_current() && m->depth == 1);
	uk_mutex_unlock(m);
	int rc = uk_waitq_wait(&cv->wq, deadline_ns);
	uk_mutex_lock(m);
	return rc;
}

extern "C" void uk_condvar_wait(struct uk_condvar *cv, struct uk_mutex *m)
{
	(void)uk_condvar_wait_until(cv, m, UK_TIME_NEVER);
}

extern "C" void uk_condvar_signal(struct uk_condvar *cv) { uk_waitq_wake_one(&cv->wq); }

extern "C" void uk_condvar_broadcast(struct uk_condvar *cv) { uk_waitq_wake_all(&cv->wq); }
