/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_libc_exit(status): how the kernel ends the image "as if main
 * returned": through the libc's exit() (atexit handlers, stdio flushed)
 * when the image has a libc, else straight to the platform. A strong
 * reference, not a weak one: a weak reference would not pull exit() out
 * of an archive such as newlib's libc.a.
 */
#ifndef UK_LIBC_EXIT_H
#define UK_LIBC_EXIT_H

#include <uk/config.h>
#include <uk/essentials.h>
#include <uk/plat.h>

UK_EXTERN_C_BEGIN

#if UK_IS_ENABLED(CONFIG_LIBNOLIBC) || UK_IS_ENABLED(CONFIG_HAVE_LIBC)
__noreturn void exit(int status);
__noreturn static inline void uk_libc_exit(int status) { exit(status); }
#else
__noreturn static inline void uk_libc_exit(int status) { ukplat_terminate(status); }
#endif

UK_EXTERN_C_END

#endif /* UK_LIBC_EXIT_H */
