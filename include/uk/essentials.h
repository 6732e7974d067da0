/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compiler attributes and small helpers used by every library.
 * Compiles as C11 and as C++20; no C++ in here.
 */
#ifndef UK_ESSENTIALS_H
#define UK_ESSENTIALS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define UK_EXTERN_C_BEGIN extern "C" {
#define UK_EXTERN_C_END }
#define __noreturn [[noreturn]]
#else
#define UK_EXTERN_C_BEGIN
#define UK_EXTERN_C_END
#define __noreturn _Noreturn
#endif

#ifndef __unused
#define __unused __attribute__((unused))
#endif
/* A libc's sys/cdefs.h (newlib) may define the same names the same way. */
#ifndef __used
#define __used __attribute__((used))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
#ifndef __section
#define __section(s) __attribute__((section(s)))
#endif
#ifndef __align
#define __align(a) __attribute__((aligned(a)))
#endif
#ifndef __packed
#define __packed __attribute__((packed))
#endif
#ifndef __printf_like
#define __printf_like(fmt, args) __attribute__((format(printf, fmt, args)))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define UK_STRINGIFY_(x) #x
#define UK_STRINGIFY(x) UK_STRINGIFY_(x)
#define UK_CONCAT_(a, b) a##b
#define UK_CONCAT(a, b) UK_CONCAT_(a, b)

#define UK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UK_ALIGN_UP(v, a) (((v) + (a) - 1) & ~((__typeof__(v))(a) - 1))
#define UK_ALIGN_DOWN(v, a) ((v) & ~((__typeof__(v))(a) - 1))

/*
 * UK_IS_ENABLED(CONFIG_FOO) is 1 when CONFIG_FOO is defined to 1 (bool
 * options in uk/config.h) and 0 otherwise, usable in `if constexpr` and in
 * `#if` alike. Same trick as Linux's IS_ENABLED().
 */
#define UK_ARG_PLACEHOLDER_1 0,
#define UK_TAKE_SECOND_(ignored, val, ...) val
#define UK_IS_ENABLED_3(arg1_or_junk) UK_TAKE_SECOND_(arg1_or_junk 1, 0, 0)
#define UK_IS_ENABLED_2(val) UK_IS_ENABLED_3(UK_ARG_PLACEHOLDER_##val)
#define UK_IS_ENABLED(option) UK_IS_ENABLED_2(option)

#endif /* UK_ESSENTIALS_H */
