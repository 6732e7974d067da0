/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel messages: uk_pr_crit/err/warn/info/debug(fmt, ...). Each line is
 * prefixed with its level and the library that printed it; levels below
 * the configured one compile to nothing.
 */
#ifndef UK_PRINT_H
#define UK_PRINT_H

#include <stdarg.h>
#include <uk/config.h>
#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

#define UK_PRINT_CRIT 1
#define UK_PRINT_ERR 2
#define UK_PRINT_WARN 3
#define UK_PRINT_INFO 4
#define UK_PRINT_DEBUG 5

#if UK_IS_ENABLED(CONFIG_LIBUKDEBUG_PRINTK_DEBUG)
#define UK_PRINT_LEVEL UK_PRINT_DEBUG
#elif UK_IS_ENABLED(CONFIG_LIBUKDEBUG_PRINTK_INFO)
#define UK_PRINT_LEVEL UK_PRINT_INFO
#elif UK_IS_ENABLED(CONFIG_LIBUKDEBUG_PRINTK_WARN)
#define UK_PRINT_LEVEL UK_PRINT_WARN
#elif UK_IS_ENABLED(CONFIG_LIBUKDEBUG_PRINTK_ERR)
#define UK_PRINT_LEVEL UK_PRINT_ERR
#else
#define UK_PRINT_LEVEL UK_PRINT_CRIT
#endif

/**
 * Prints one message: "<Level>: [<lib>] <text>". Lines longer than the
 * internal buffer (256 bytes) are cut and end with "...".
 */
void uk_printk(int lvl, const char *libname, const char *fmt, ...)
	__printf_like(3, 4);
/** va_list variant of uk_printk(). */
void uk_vprintk(int lvl, const char *libname, const char *fmt, va_list ap);

#ifndef __LIBNAME__
#define __LIBNAME__ unknown
#endif

#define uk_pr_level_(lvl, ...)                                               \
	do {                                                                 \
		if ((lvl) <= UK_PRINT_LEVEL)                                 \
			uk_printk((lvl), UK_STRINGIFY(__LIBNAME__),          \
				  __VA_ARGS__);                              \
	} while (0)

#define uk_pr_crit(...) uk_pr_level_(UK_PRINT_CRIT, __VA_ARGS__)
#define uk_pr_err(...) uk_pr_level_(UK_PRINT_ERR, __VA_ARGS__)
#define uk_pr_warn(...) uk_pr_level_(UK_PRINT_WARN, __VA_ARGS__)
#define uk_pr_info(...) uk_pr_level_(UK_PRINT_INFO, __VA_ARGS__)
#define uk_pr_debug(...) uk_pr_level_(UK_PRINT_DEBUG, __VA_ARGS__)

UK_EXTERN_C_END

#endif /* UK_PRINT_H */
