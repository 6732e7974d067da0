/* SPDX-License-Identifier: BSD-3-Clause */
/* exit(), atexit(), abort() and assert()'s failure path. */
#include <errno.h>
#include <uk/plat.h>

#include "nolibc.hpp"

namespace uk::nolibc {
namespace {

/* C requires room for at least 32 handlers. */
inline constexpr int kMaxAtexit = 32;
using Handler = void (*)();
constinit Handler atexit_handlers[kMaxAtexit] = {};
constinit int atexit_count = 0;

} // namespace

int atexit(void (*fn)())
{
	if (atexit_count == kMaxAtexit) {
		set_errno(ENOMEM);
		return -1;
	}
	atexit_handlers[atexit_count++] = fn;
	return 0;
}

void exit(int status)
{
	/* A handler may register more handlers: pop them one by one. */
	while (atexit_count > 0)
		atexit_handlers[--atexit_count]();
	fflush(stdout_);
	ukplat_terminate(status);
}

void _Exit(int status)
{
	fflush(stdout_);
	ukplat_terminate(status);
}

void _exit(int status) { _Exit(status); }

void abort()
{
	fflush(stdout_);
	static constexpr char kMsg[] = "abort() called\n";
	ukplat_coutk(kMsg, sizeof(kMsg) - 1);
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}

void assert_fail(const char *expr, const char *file, int line,
		 const char *func)
{
	fprintf(stderr_, "Assertion failed: %s (%s:%d: %s)\n", expr, file,
		line, func);
	abort();
}

} // namespace uk::nolibc
