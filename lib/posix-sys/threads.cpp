// SPDX-License-Identifier: BSD-3-Clause
//
// newlib and threads, with uksched and uklock in the image (Makefile.uk
// builds threads_none.cpp otherwise).
//
// Reent: newlib built with -D__DYNAMIC_REENT__ finds errno, stdio's
// per-thread state and strtok's buffer through __getreent(). Threads
// created after the hooks are registered get their own struct _reent in
// the UK_THREAD_SLOT_LIBC slot. The threads that exist at registration
// (main and idle) and code running before the scheduler use newlib's
// global reent, so whatever main set up before it started threads (stdio
// buffers, errno) stays where it was.
//
// Locks: newlib's retargetable locks on uk_mutex. Before the scheduler
// runs there is one flow of control and no thread to own a mutex, so
// acquiring and releasing are no-ops then.

#include "posix_sys.hpp"

#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/init.h>
#include <uk/mutex.h>
#include <uk/plat.h>
#include <uk/sched.h>

#include <string.h>
#include <sys/lock.h>
#include <sys/reent.h>

struct __lock {
	struct uk_mutex mutex;
};

namespace {

// True while uk_thread_hooks_register() runs init for existing threads.
constinit bool registering = false;

_reent *slot_reent(const uk_thread *t)
{
	return static_cast<_reent *>(uk_thread_slot_get(t, UK_THREAD_SLOT_LIBC));
}

int reent_thread_init(uk_thread *t)
{
	if (registering)
		return 0;  // main, idle: the global reent
	auto *r = static_cast<_reent *>(uk_malloc(uk_alloc_get_default(), sizeof(_reent)));
	if (!r)
		return -UK_ENOMEM;  // uk_thread_create() then fails cleanly
	_REENT_INIT_PTR(r);
	uk_thread_slot_set(t, UK_THREAD_SLOT_LIBC, r);
	return 0;
}

void reent_thread_fini(uk_thread *t)
{
	_reent *r = slot_reent(t);
	if (!r)
		return;
	// Unhook first: the reclaim below closes the thread's stdio streams,
	// and whatever it calls must not find the reent being torn down.
	uk_thread_slot_set(t, UK_THREAD_SLOT_LIBC, nullptr);
	// Every reent has its own stdin/stdout/stderr FILEs on the shared
	// descriptors 0-2, and the reclaim fcloses them: without a close
	// function they are flushed and their buffers freed, but the
	// descriptors stay open for everyone else.
	if (r->__sdidinit) {
		r->_stdin->_close = nullptr;
		r->_stdout->_close = nullptr;
		r->_stderr->_close = nullptr;
	}
	_reclaim_reent(r);
	uk_free(uk_alloc_get_default(), r);
}

constinit uk_thread_hooks reent_hooks = {reent_thread_init, reent_thread_fini, nullptr};

// Threads in poll()/select() with nothing ready: a readiness change
// (uk_file_notify) wakes them all to scan again.
constinit uk_waitq pollers = UK_WAITQ_INITIALIZER;

void wake_pollers() { uk_waitq_wake_all(&pollers); }

// Early class after the scheduler (priority 5) exists: library init
// functions that start threads give them their own reent.
int reent_hooks_register()
{
	registering = true;
	int rc = uk_thread_hooks_register(&reent_hooks);
	registering = false;
	uk_file_set_notify_hook(wake_pollers);
	return rc;
}
uk_early_initcall_prio(reent_hooks_register, 6);

bool threads_running() { return uk_thread_current() != nullptr; }

__lock *lock_alloc(bool recursive)
{
	auto *l = static_cast<__lock *>(uk_malloc(uk_alloc_get_default(), sizeof(__lock)));
	if (!l)
		UK_CRASH("newlib lock: out of memory");  // newlib cannot fail here
	if (recursive)
		uk_mutex_init_recursive(&l->mutex);
	else
		uk_mutex_init(&l->mutex);
	return l;
}

}  // namespace

extern "C" struct _reent *__getreent(void)
{
	if (uk_thread *t = uk_thread_current())
		if (_reent *r = slot_reent(t))
			return r;
	return _impure_ptr;
}

#define UK_POSIX_DEFINE_LOCK(name, rec)                                      \
	constinit struct __lock name = {{nullptr, 0, rec, UK_WAITQ_INITIALIZER}};
extern "C" {
UK_POSIX_NEWLIB_LOCKS(UK_POSIX_DEFINE_LOCK)
}

extern "C" void __retarget_lock_init(_LOCK_T *l) { *l = lock_alloc(false); }
extern "C" void __retarget_lock_init_recursive(_LOCK_T *l) { *l = lock_alloc(true); }

extern "C" void __retarget_lock_close(_LOCK_T l)
{
	if (l)
		uk_free(uk_alloc_get_default(), l);
}

extern "C" void __retarget_lock_close_recursive(_LOCK_T l) { __retarget_lock_close(l); }

extern "C" void __retarget_lock_acquire(_LOCK_T l)
{
	if (l && threads_running())
		uk_mutex_lock(&l->mutex);
}

extern "C" void __retarget_lock_acquire_recursive(_LOCK_T l) { __retarget_lock_acquire(l); }

// @return 0 when acquired (ftrylockfile() returns it as is).
extern "C" int __retarget_lock_try_acquire(_LOCK_T l)
{
	if (!l || !threads_running())
		return 0;
	return uk_mutex_trylock(&l->mutex) ? 0 : EBUSY;
}

extern "C" int __retarget_lock_try_acquire_recursive(_LOCK_T l)
{
	return __retarget_lock_try_acquire(l);
}

extern "C" void __retarget_lock_release(_LOCK_T l)
{
	if (l && threads_running())
		uk_mutex_unlock(&l->mutex);
}

extern "C" void __retarget_lock_release_recursive(_LOCK_T l) { __retarget_lock_release(l); }

void uk::posix::sleep_ns(uint64_t ns) { uk_sched_sleep_ns(ns); }

void uk::posix::wait_event(uint64_t events, uint64_t deadline_ns)
{
	if (uk_file_event_count() != events)
		return;
	if (!uk_thread_current()) { // before the scheduler: nothing to wait on
		ukplat_lcpu_halt_until(deadline_ns);
		return;
	}
	(void)uk_waitq_wait(&pollers, deadline_ns);
}
