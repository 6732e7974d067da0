/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ioctl() for newlib, which has no <sys/ioctl.h>: posix-sys passes
 * requests to the file (FIONBIO it handles itself). Linux's numbers.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define TCGETS 0x5401     /* a terminal? (no termios is filled) */
#define TIOCGWINSZ 0x5413 /* struct winsize */
#define FIONREAD 0x541B   /* int: bytes left to read */
#define FIONBIO 0x5421    /* int: non-zero sets O_NONBLOCK */

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

int ioctl(int fd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_IOCTL_H */
