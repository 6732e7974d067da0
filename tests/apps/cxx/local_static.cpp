// SPDX-License-Identifier: BSD-3-Clause
//
// Built with -fthreadsafe-statics (a per-file flag in Makefile.uk), as
// code from outside the tree might be: the function-local static with
// dynamic initialisation calls __cxa_guard_acquire, which ukcxx turns
// into a clear crash instead of a race with the scheduler.

#include <stdio.h>

namespace {
int compute() { return printf("computing\n"); }
}  // namespace

int local_static_value()
{
	static int value = compute();
	return value;
}
