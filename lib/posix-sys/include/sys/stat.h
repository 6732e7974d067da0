/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's <sys/stat.h>, plus the declaration of lstat(), which newlib
 * gives only to Cygwin, RTEMS and SPU. posix-sys implements it.
 */
#include_next <sys/stat.h>

#ifndef _TESSERA_SYS_STAT_H
#define _TESSERA_SYS_STAT_H

#ifdef __cplusplus
extern "C" {
#endif

int lstat(const char *__restrict path, struct stat *__restrict buf);

#ifdef __cplusplus
}
#endif

#endif /* _TESSERA_SYS_STAT_H */
