// SPDX-License-Identifier: BSD-3-Clause
//
// BSD sockets in the descriptor table. A socket is a uk_file whose
// operations call lwIP's socket API on the lwIP socket behind it, so
// read, write, close, poll, select, fcntl and dup work on it as on any
// file. lwIP tells us when a socket's readiness changes (the event hook
// patched into its sockets.c: patches/0001-socket-event-hook.patch), and
// we pass that on to poll()/select() waiters with uk_file_notify().
//
// Errors: the POSIX calls return lwIP's -1 with errno (newlib's numbers,
// lwIP uses newlib's <errno.h>); the file operations return Linux's
// negative numbers, as the descriptor table wants.

#include "socket.hpp"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>

#include <uk/posix_sys.h>

namespace uk::lwip {
namespace {

constexpr unsigned long kLinuxFionread = 0x541B; // what the table passes

// lwIP socket number -> its file, for the event hook.
constinit SockFile *by_socket[MEMP_NUM_SOCKET];

SockFile *of(uk_file *f) { return static_cast<SockFile *>(f->priv); }

bool nonblocking(const uk_file *f) { return f->flags & UK_O_NONBLOCK; }

int uk_error() { return uk_posix_errno_to_uk(errno); }

intptr_t sock_read(uk_file *f, void *buf, size_t len)
{
	ssize_t n = lwip_recv(of(f)->s, buf, len, nonblocking(f) ? MSG_DONTWAIT : 0);
	return n < 0 ? uk_error() : n;
}

intptr_t sock_write(uk_file *f, const void *buf, size_t len)
{
	ssize_t n = lwip_send(of(f)->s, buf, len, nonblocking(f) ? MSG_DONTWAIT : 0);
	return n < 0 ? uk_error() : n;
}

uint32_t sock_poll(uk_file *f)
{
	pollfd p = {of(f)->s, POLLIN | POLLOUT | POLLPRI, 0};
	if (lwip_poll(&p, 1, 0) < 0)
		return UK_POLLERR;
	// poll.h has Linux's values, which lwIP took (arch/cc.h).
	return static_cast<uint16_t>(p.revents);
}

int sock_stat(uk_file *, uk_file_info *out)
{
	out->mode = UK_S_IFSOCK | 0777;
	return 0;
}

int sock_ioctl(uk_file *f, unsigned long request, void *arg)
{
	if (request != kLinuxFionread)
		return -UK_ENOTTY;
	return lwip_ioctl(of(f)->s, FIONREAD, arg) < 0 ? uk_error() : 0;
}

void sock_release(uk_file *f)
{
	SockFile *sf = of(f);
	by_socket[sf->s] = nullptr;
	lwip_close(sf->s);
	free(sf);
}

constexpr uk_file_ops kOps = {
	.read = sock_read,
	.write = sock_write,
	.lseek = nullptr,
	.stat = sock_stat,
	.isatty = nullptr,
	.release = sock_release,
	.pread = nullptr,
	.pwrite = nullptr,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.readdir = nullptr,
	.truncate = nullptr,
	.fsync = nullptr,
};

}  // namespace

int install(int s, bool nonblock)
{
	auto *sf = static_cast<SockFile *>(malloc(sizeof(SockFile)));
	if (!sf) {
		lwip_close(s);
		errno = ENOMEM;
		return -1;
	}
	sf->s = s;
	uk_file_init(&sf->file, &kOps, sf, UK_O_RDWR | (nonblock ? UK_O_NONBLOCK : 0));
	by_socket[s] = sf;
	int fd = uk_fdtab_install(&sf->file);
	if (fd < 0) {
		uk_file_put(&sf->file); // closes s
		errno = EMFILE;
		return -1;
	}
	return fd;
}

Sock::Sock(int fd) : file_(uk_fdtab_get(fd))
{
	if (file_ && file_->ops != &kOps) {
		uk_fdtab_put(file_);
		file_ = nullptr;
		errno = ENOTSOCK;
	} else if (!file_) {
		errno = EBADF;
	}
}

Sock::~Sock() { uk_fdtab_put(file_); }

int Sock::s() const { return of(file_)->s; }

bool Sock::nonblocking() const { return uk::lwip::nonblocking(file_); }

// lwIP keeps its own blocking flag (accept, connect); the descriptor's
// O_NONBLOCK (fcntl) is the truth: bring lwIP's in line before a call.
void Sock::sync_blocking() const
{
	int fl = lwip_fcntl(s(), F_GETFL, 0);
	bool lwip_nb = fl >= 0 && (fl & O_NONBLOCK);
	if (lwip_nb != nonblocking())
		lwip_fcntl(s(), F_SETFL, nonblocking() ? O_NONBLOCK : 0);
}

}  // namespace uk::lwip

extern "C" void uk_lwip_socket_event(int s)
{
	if (s >= 0 && s < MEMP_NUM_SOCKET && uk::lwip::by_socket[s])
		uk_file_notify(&uk::lwip::by_socket[s]->file);
}
