/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: <unistd.h>, console output only. Compiles as C11 and as C++. */
#ifndef _NOLIBC_UNISTD_H
#define _NOLIBC_UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/** fd 1 and 2 go to the console; any other fd: -1 and EBADF. */
ssize_t write(int fd, const void *buf, size_t count);
/** Stops the image without running atexit handlers. */
__attribute__((noreturn)) void _exit(int status);

#ifdef __cplusplus
}
#endif

#endif /* _NOLIBC_UNISTD_H */
