/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll() for newlib, which has no <poll.h>: posix-sys implements it on
 * the descriptor table (uk_fdtab_poll_scan; sockets notify readiness).
 * Linux's values.
 */
#ifndef _POLL_H
#define _POLL_H

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long nfds_t;

struct pollfd {
	int fd;        /* negative: ignored */
	short events;  /* wanted */
	short revents; /* what holds */
};

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

/**
 * Waits until one of @p fds is ready, @p timeout milliseconds pass
 * (negative: no limit; 0: just look). @return the number of entries
 * with events, 0 on timeout, -1 with errno.
 */
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#ifdef __cplusplus
}
#endif

#endif /* _POLL_H */
