// SPDX-License-Identifier: BSD-3-Clause
//
// Counting semaphores with hand-off to the first waiter.

#include <uk/errno.h>
#include <uk/semaphore.h>
#include <uk/time.h>

extern "C" void uk_semaphore_init(struct uk_semaphore *s, long count)
{
	*s = UK_SEMAPHORE_INITIALIZER(count);
}

extern "C" int uk_semaphore_trydown(struct uk_semaphore *s)
{
	if (s->count <= 0)
		return 0;
	--s->count;
	return 1;
}

extern "C" int uk_semaphore_down_until(struct uk_semaphore *s, uint64_t deadline_ns)
{
	if (uk_semaphore_trydown(s))
		return 0;
	// Woken means up() handed us its unit without counting it.
	return uk_waitq_wait(&s->wq, deadline_ns);
}

extern "C" void uk_semaphore_down(struct uk_semaphore *s)
{
	(void)uk_semaphore_down_until(s, UK_TIME_NEVER);
}

extern "C" void uk_semaphore_up(struct uk_semaphore *s)
{
	if (!uk_waitq_wake_one(&s->wq))
		++s->count;
}
