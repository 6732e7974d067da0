// SPDX-License-Identifier: BSD-3-Clause
//
// The POSIX socket calls (sys/socket.h, arpa/inet.h, netdb.h) on lwIP
// through the descriptor table. Where Linux and lwIP differ in what a
// program sees, Linux wins: SOCK_NONBLOCK/SOCK_CLOEXEC in the type, a
// connect refused by a RST is ECONNREFUSED, not lwIP's ECONNRESET.

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>

#include "socket.hpp"

using uk::lwip::Sock;

namespace {

constexpr int kTypeFlags = SOCK_NONBLOCK | SOCK_CLOEXEC;

int fail(int e)
{
	errno = e;
	return -1;
}

// A new socket from lwIP, into the table.
int adopt(int s, int flags)
{
	return s < 0 ? -1 : uk::lwip::install(s, flags & SOCK_NONBLOCK);
}

}  // namespace

extern "C" {

int socket(int domain, int type, int protocol)
{
	int s = lwip_socket(domain, type & ~kTypeFlags, protocol);
	return adopt(s, type);
}

int socketpair(int, int, int, int *)
{
	return fail(EOPNOTSUPP); // no AF_UNIX
}

int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags)
{
	if (flags & ~kTypeFlags)
		return fail(EINVAL);
	Sock sk(fd);
	if (!sk.ok())
		return -1;
	sk.sync_blocking();
	return adopt(lwip_accept(sk.s(), addr, addrlen), flags);
}

int accept(int fd, struct sockaddr *addr, socklen_t *addrlen) { return accept4(fd, addr, addrlen, 0); }

int connect(int fd, const struct sockaddr *name, socklen_t namelen)
{
	Sock sk(fd);
	if (!sk.ok())
		return -1;
	sk.sync_blocking();
	int rc = lwip_connect(sk.s(), name, namelen);
	if (rc < 0 && errno == ECONNRESET)
		errno = ECONNREFUSED;
	return rc;
}

int bind(int fd, const struct sockaddr *name, socklen_t namelen)
{
	Sock sk(fd);
	return sk.ok() ? lwip_bind(sk.s(), name, namelen) : -1;
}

int listen(int fd, int backlog)
{
	Sock sk(fd);
	return sk.ok() ? lwip_listen(sk.s(), backlog) : -1;
}

int shutdown(int fd, int how)
{
	Sock sk(fd);
	return sk.ok() ? lwip_shutdown(sk.s(), how) : -1;
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen)
{
	Sock sk(fd);
	if (!sk.ok())
		return -1;
	if (sk.nonblocking())
		flags |= MSG_DONTWAIT;
	return lwip_sendto(sk.s(), buf, len, flags, to, tolen);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, nullptr, 0);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	Sock sk(fd);
	if (!sk.ok())
		return -1;
	return lwip_sendmsg(sk.s(), msg, flags | (sk.nonblocking() ? MSG_DONTWAIT : 0));
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen)
{
	Sock sk(fd);
	if (!sk.ok())
		return -1;
	if (sk.nonblocking())
		flags |= MSG_DONTWAIT;
	return lwip_recvfrom(sk.s(), buf, len, flags, from, fromlen);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, nullptr, nullptr);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	Sock sk(fd);
	if (!sk.ok())
		return -1;
	return lwip_recvmsg(sk.s(), msg, flags | (sk.nonblocking() ? MSG_DONTWAIT : 0));
}

int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen)
{
	Sock sk(fd);
	return sk.ok() ? lwip_getsockopt(sk.s(), level, optname, optval, optlen) : -1;
}

int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen)
{
	Sock sk(fd);
	return sk.ok() ? lwip_setsockopt(sk.s(), level, optname, optval, optlen) : -1;
}

int getsockname(int fd, struct sockaddr *name, socklen_t *namelen)
{
	Sock sk(fd);
	return sk.ok() ? lwip_getsockname(sk.s(), name, namelen) : -1;
}

int getpeername(int fd, struct sockaddr *name, socklen_t *namelen)
{
	Sock sk(fd);
	return sk.ok() ? lwip_getpeername(sk.s(), name, namelen) : -1;
}

int inet_pton(int af, const char *src, void *dst) { return lwip_inet_pton(af, src, dst); }

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	return lwip_inet_ntop(af, src, dst, size);
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res)
{
	return lwip_getaddrinfo(node, service, hints, res);
}

void freeaddrinfo(struct addrinfo *ai) { lwip_freeaddrinfo(ai); }

struct hostent *gethostbyname(const char *name) { return lwip_gethostbyname(name); }

const char *gai_strerror(int ecode)
{
	switch (ecode) {
	case 0: return "Success";
	case EAI_NONAME: return "Name or service not known";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_FAMILY: return "ai_family not supported";
	default: return "Unknown error";
	}
}

}  // extern "C"
