// SPDX-License-Identifier: BSD-3-Clause
//
// newlib without a scheduler in the image (threads.cpp otherwise): one
// flow of control, so one reent (newlib's global one) and locks that do
// nothing. The lock functions and objects must still all be defined:
// newlib's lock.o would otherwise be linked and collide.

#include "posix_sys.hpp"

#include <uk/plat.h>

#include <sys/lock.h>
#include <sys/reent.h>

struct __lock {
	char unused;
};

namespace {
// What __retarget_lock_init() hands out: newlib only passes it back.
constinit struct __lock dynamic_lock = {0};
}  // namespace

extern "C" struct _reent *__getreent(void) { return _impure_ptr; }

#define UK_POSIX_DEFINE_LOCK(name, rec) constinit struct __lock name = {rec};
extern "C" {
UK_POSIX_NEWLIB_LOCKS(UK_POSIX_DEFINE_LOCK)
}

extern "C" void __retarget_lock_init(_LOCK_T *l) { *l = &dynamic_lock; }
extern "C" void __retarget_lock_init_recursive(_LOCK_T *l) { *l = &dynamic_lock; }
extern "C" void __retarget_lock_close(_LOCK_T) {}
extern "C" void __retarget_lock_close_recursive(_LOCK_T) {}
extern "C" void __retarget_lock_acquire(_LOCK_T) {}
extern "C" void __retarget_lock_acquire_recursive(_LOCK_T) {}
extern "C" int __retarget_lock_try_acquire(_LOCK_T) { return 0; }
extern "C" int __retarget_lock_try_acquire_recursive(_LOCK_T) { return 0; }
extern "C" void __retarget_lock_release(_LOCK_T) {}
extern "C" void __retarget_lock_release_recursive(_LOCK_T) {}

// Halts until the deadline (ukplat_lcpu_halt_until may return early, on
// any interrupt): no busy polling.
void uk::posix::sleep_ns(uint64_t ns)
{
	uint64_t now = ukplat_monotonic_clock();
	uint64_t deadline = ns > UINT64_MAX - now ? UINT64_MAX - 1 : now + ns;
	while (ukplat_monotonic_clock() < deadline)
		ukplat_lcpu_halt_until(deadline);
}

// One flow of control: nothing can notify but an interrupt handler, so
// halt until one comes or the deadline; the caller scans again.
void uk::posix::wait_event(uint64_t events, uint64_t deadline_ns)
{
	if (uk_file_event_count() == events)
		ukplat_lcpu_halt_until(deadline_ns);
}
