/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's <sys/stat.h>, plus the declarations of lstat() and mknod(),
 * which newlib gives only to Cygwin, RTEMS and SPU, and futimens()'s
 * UTIME_NOW and UTIME_OMIT (Linux's values; newlib has them for Cygwin
 * only). posix-sys implements them.
 */
#include_next <sys/stat.h>

#ifndef _TESSERA_SYS_STAT_H
#define _TESSERA_SYS_STAT_H

#ifdef __cplusplus
extern "C" {
#endif

int lstat(const char *__restrict path, struct stat *__restrict buf);
int mknod(const char *path, mode_t mode, dev_t dev);

#ifndef UTIME_NOW
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
#endif

#ifdef __cplusplus
}
#endif

#endif /* _TESSERA_SYS_STAT_H */
