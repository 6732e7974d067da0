/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <limits.h>. GCC's own limits.h provides the C limits; with
 * -nostdinc it fails unless a libc limits.h defines _LIBC_LIMITS_H_ first
 * (otherwise it #include_next's a libc one that is not there).
 */
#ifndef _LIBC_LIMITS_H_
#define _LIBC_LIMITS_H_

#include_next <limits.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
#ifndef NAME_MAX
#define NAME_MAX 255
#endif
#ifndef SSIZE_MAX
#define SSIZE_MAX __LONG_MAX__
#endif
#ifndef IOV_MAX
#define IOV_MAX 1024
#endif

#endif /* _LIBC_LIMITS_H_ */
