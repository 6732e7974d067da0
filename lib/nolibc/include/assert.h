/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <assert.h>. Deliberately without include guard: C lets a file
 * re-include it after changing NDEBUG.
 */
#ifdef __cplusplus
extern "C" {
#endif

/** Prints "Assertion failed: expr (file:line: func)" and calls abort(). */
__attribute__((noreturn)) void __assert_fail(const char *expr,
					     const char *file, int line,
					     const char *func);

#ifdef __cplusplus
}
#endif

#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr)                                                         \
	((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif
