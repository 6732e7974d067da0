// SPDX-License-Identifier: BSD-3-Clause
//
// The end of the road: one line naming the failing file:line, then the
// platform stops the image with UKPLAT_CRASH_STATUS. Buffered stdout is
// flushed first.

#include <stdarg.h>
#include <stdio.h>
#include <uk/assert.h>
#include <uk/plat.h>

namespace {
// A crash while flushing (a fault inside stdio) must not recurse.
constinit bool crashing = false;
}  // namespace

extern "C" void uk_crash(const char *file, int line, const char *fmt, ...)
{
	// What the program printed without a newline yet is still in the
	// libc's stdout buffer: out with it first, so that nothing is lost
	// and the crash line comes after it.
	if (!crashing) {
		crashing = true;
		fflush(nullptr);
	}
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "CRASH %s:%d: ", file, line);
	if (n < 0 || static_cast<size_t>(n) >= sizeof(msg))
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
	va_end(ap);
	size_t len = n + (m > 0 ? static_cast<size_t>(m) : 0);
	if (len > sizeof(msg) - 2)
		len = sizeof(msg) - 2;
	msg[len++] = '\n';
	ukplat_coutk(msg, len);
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}
