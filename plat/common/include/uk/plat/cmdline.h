/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel command line -> argv, shared by every platform (plat/common).
 * Compiles as C11 and as C++.
 */
#ifndef UK_PLAT_CMDLINE_H
#define UK_PLAT_CMDLINE_H

#include <uk/essentials.h>
#include <uk/errno.h>

/* NOTE: belongs in uk/errno.h; defined here until it is there (an
 * identical redefinition is harmless). */
#ifndef UK_E2BIG
#define UK_E2BIG 7
#endif

UK_EXTERN_C_BEGIN

/**
 * Splits @p cmdline in place into arguments, the way a POSIX shell splits
 * plain words (no expansions):
 *   - blanks (space, tab, newline, CR, VT, FF) separate arguments;
 *   - 'single quotes' keep everything up to the next ' literally;
 *   - "double quotes" keep everything, except that a backslash before
 *     $ ` " \ or newline escapes it (and is removed);
 *   - outside quotes a backslash makes the next character literal, a
 *     backslash-newline pair disappears, a final lone backslash stays;
 *   - quoted parts concatenate with their neighbours (a"b c"'d' is one
 *     argument "ab cd"); "" and '' give an empty argument.
 *
 * Argument strings are rewritten inside @p cmdline (they only shrink)
 * and NUL-terminated there; @p argv points into it.
 *
 * @param cmdline   NUL-terminated, writable; NULL counts as empty
 * @param argv      room for @p max_args pointers; gets argc arguments and
 *                  a terminating NULL
 * @param max_args  slots in @p argv including the NULL: at most
 *                  max_args - 1 arguments fit
 * @return argc (>= 0); -UK_EINVAL for an unterminated quote, a NULL
 *         @p argv or @p max_args < 1; -UK_E2BIG when there are more than
 *         max_args - 1 arguments (an unterminated quote wins). On error
 *         neither @p cmdline nor @p argv is modified.
 */
int ukplat_cmdline_split(char *cmdline, char **argv, int max_args);

/**
 * Builds argv from a loader's command line: copies @p cmdline (which
 * may live in memory the heap will get) into @p buf, then splits it
 * there with ukplat_cmdline_split(), after @p argv0 when that is not
 * NULL (loaders that give no image path). A command line longer than
 * @p buflen - 1 bytes is cut there.
 * @return argc, or what ukplat_cmdline_split() returns on error.
 */
int ukplat_cmdline_argv(const char *cmdline, char *buf, size_t buflen, const char *argv0,
			char **argv, int max_args);

UK_EXTERN_C_END

#endif /* UK_PLAT_CMDLINE_H */
