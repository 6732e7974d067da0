// SPDX-License-Identifier: BSD-3-Clause
//
// Mutexes with hand-off to the first waiter.

#include <uk/assert.h>
#include <uk/errno.h>
#include <uk/mutex.h>
#include <uk/sched.h>
#include <uk/time.h>

extern "C" void uk_mutex_init(struct uk_mutex *m) { *m = UK_MUTEX_INITIALIZER; }

extern "C" void uk_mutex_init_recursive(struct uk_mutex *m)
{
	*m = UK_MUTEX_INITIALIZER;
	m->recursive = 1;
}

extern "C" int uk_mutex_trylock(struct uk_mutex *m)
{
	uk_thread *self = uk_thread_current();
	if (!m->owner) {
		m->owner = self;
		m->depth = 1;
		return 1;
	}
	if (m->owner == self && m->recursive) {
		++m->depth;
		return 1;
	}
	return 0;
}

extern "C" int uk_mutex_lock_until(struct uk_mutex *m, uint64_t deadline_ns)
{
	if (uk_mutex_trylock(m))
		return 0;
	uk_thread *self = uk_thread_current();
	if (m->owner == self)
		UK_CRASH("mutex %p locked twice by thread %s (not recursive: this would deadlock)",
			 static_cast<void *>(m), uk_thread_name(self));
	int rc = uk_waitq_wait(&m->wq, deadline_ns);
	// Woken means handed over by uk_mutex_unlock(); a timeout means we
	// left the queue and never got it.
	UK_ASSERT(rc < 0 || m->owner == self);
	return rc;
}

extern "C" void uk_mutex_lock(struct uk_mutex *m)
{
	(void)uk_mutex_lock_until(m, UK_TIME_NEVER);
}

extern "C" void uk_mutex_unlock(struct uk_mutex *m)
{
	uk_thread *self = uk_thread_current();
	if (m->owner != self)
		UK_CRASH("mutex %p unlocked by thread %s, which does not hold it (owner: %s)",
			 static_cast<void *>(m), uk_thread_name(self),
			 m->owner ? uk_thread_name(m->owner) : "nobody");
	if (--m->depth)
		return;
	uk_thread *next = uk_waitq_wake_one(&m->wq);
	m->owner = next;
	m->depth = next ? 1 : 0;
}

extern "C" int uk_mutex_is_locked(const struct uk_mutex *m) { return m->owner != nullptr; }
