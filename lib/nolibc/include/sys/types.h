/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: <sys/types.h>. Compiles as C11 and as C++. */
#ifndef _NOLIBC_SYS_TYPES_H
#define _NOLIBC_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int64_t off_t;
typedef int pid_t;
typedef unsigned int mode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef uint64_t ino_t;
typedef uint64_t dev_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef int64_t blkcnt_t;
typedef long time_t;
typedef long suseconds_t;
typedef long clock_t;

#endif /* _NOLIBC_SYS_TYPES_H */
