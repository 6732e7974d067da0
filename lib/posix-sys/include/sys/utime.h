/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * <utime.h> for newlib: its generic sys/utime.h has struct utimbuf but
 * no utime(). posix-sys implements it (on vfscore).
 */
#ifndef _SYS_UTIME_H
#define _SYS_UTIME_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct utimbuf {
	time_t actime;
	time_t modtime;
};

/** Sets the access and modification times of @p path (NULL: now). */
int utime(const char *path, const struct utimbuf *times);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_UTIME_H */
