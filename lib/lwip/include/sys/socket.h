/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * BSD sockets for applications (newlib has none): lwIP's types and
 * constants (struct sockaddr, AF_*, SOCK_*, SOL_*, SO_*, MSG_*, with
 * lwIP's values; compile against this header), and the POSIX calls,
 * which put sockets in the image's descriptor table (lib/lwip/socket.cpp):
 * read, write, close, poll, select, fcntl and dup work on them.
 */
#ifndef TESSERA_SYS_SOCKET_H
#define TESSERA_SYS_SOCKET_H

#include <lwip/sockets.h> /* with arch/cc.h's libc headers first */

#ifdef __cplusplus
extern "C" {
#endif

/* Linux's flags of socket()'s type argument (lwIP has none). */
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int sv[2]);
int bind(int s, const struct sockaddr *name, socklen_t namelen);
int listen(int s, int backlog);
int accept(int s, struct sockaddr *addr, socklen_t *addrlen);
int accept4(int s, struct sockaddr *addr, socklen_t *addrlen, int flags);
int connect(int s, const struct sockaddr *name, socklen_t namelen);
int shutdown(int s, int how);
ssize_t send(int s, const void *buf, size_t len, int flags);
ssize_t sendto(int s, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen);
ssize_t sendmsg(int s, const struct msghdr *msg, int flags);
ssize_t recv(int s, void *buf, size_t len, int flags);
ssize_t recvfrom(int s, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen);
ssize_t recvmsg(int s, struct msghdr *msg, int flags);
int getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen);
int setsockopt(int s, int level, int optname, const void *optval, socklen_t optlen);
int getsockname(int s, struct sockaddr *name, socklen_t *namelen);
int getpeername(int s, struct sockaddr *name, socklen_t *namelen);

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_SYS_SOCKET_H */
