/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * UK_ASSERT for programmer misuse and UK_CRASH for states the kernel
 * cannot continue from. Both print the failing file:line and stop the
 * image with UKPLAT_CRASH_STATUS. Host tests (UK_HOSTTEST) map them onto
 * the host's abort() so that death tests can catch them.
 */
#ifndef UK_ASSERT_H
#define UK_ASSERT_H

#include <uk/config.h>
#include <uk/essentials.h>

#ifdef UK_HOSTTEST
#include <stdio.h>
#include <stdlib.h>
#define UK_CRASH(...)                                                        \
	(fprintf(stderr, "CRASH %s:%d: ", __FILE__, __LINE__),               \
	 fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())
#define UK_ASSERT(x)                                                         \
	((x) ? (void)0 : UK_CRASH("assertion failed: %s", #x))
#else

UK_EXTERN_C_BEGIN
/**
 * Prints "CRASH <file>:<line>: <message>" on the console and terminates
 * the image with UKPLAT_CRASH_STATUS. Never returns.
 */
__noreturn void uk_crash(const char *file, int line, const char *fmt, ...)
	__printf_like(3, 4);
UK_EXTERN_C_END

#define UK_CRASH(...) uk_crash(__FILE__, __LINE__, __VA_ARGS__)

#if UK_IS_ENABLED(CONFIG_LIBUKDEBUG_ENABLE_ASSERT)
#define UK_ASSERT(x)                                                         \
	(likely(x) ? (void)0 : uk_crash(__FILE__, __LINE__,                  \
					"assertion failed: %s", #x))
#else
/* Still type-checks the expression, never evaluates it. */
#define UK_ASSERT(x) ((void)sizeof(!(x)))
#endif

#endif /* UK_HOSTTEST */

/** Compile-time assertion usable in C and C++. */
#define UK_CTASSERT(x) _Static_assert(x, #x)
#ifdef __cplusplus
#undef UK_CTASSERT
#define UK_CTASSERT(x) static_assert(x, #x)
#endif

#endif /* UK_ASSERT_H */
