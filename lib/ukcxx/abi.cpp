// SPDX-License-Identifier: BSD-3-Clause
//
// The few C++ ABI entry points the compiler may call.

#include <uk/assert.h>

extern "C" {

// Only the address matters: it identifies "this image" to the ABI.
void *__dso_handle = &__dso_handle;

void __cxa_pure_virtual(void)
{
	UK_CRASH("pure virtual function called (object used during construction or after destruction?)");
}

void __cxa_deleted_virtual(void)
{
	UK_CRASH("deleted virtual function called");
}

// Libraries are built with -fno-threadsafe-statics and STYLE.md forbids
// function-local statics with dynamic initialisation: code that still
// needs a guard (built with other flags) stops here with a clear reason
// instead of racing with the scheduler.
int __cxa_guard_acquire(long long *guard)
{
	UK_CRASH("function-local static with dynamic initialisation (guard %p): not allowed in Tessera code, make it constinit or a global",
		 static_cast<void *>(guard));
}

void __cxa_guard_release(long long *) {}
void __cxa_guard_abort(long long *) {}

}  // extern "C"
