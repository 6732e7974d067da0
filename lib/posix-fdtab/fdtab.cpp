// SPDX-License-Identifier: BSD-3-Clause
//
// The C interface of posix-fdtab on the image's one table. No platform
// calls here (console.cpp has those), so the host tests build this file.

#include <uk/config.h>
#include <uk/fdtab.h>

#include "fd_table.hpp"

namespace uk::fdtab {
namespace {

constinit FdTable<CONFIG_LIBPOSIX_FDTAB_MAX_FILES> table;

}  // namespace
}  // namespace uk::fdtab

using uk::fdtab::file_put;
using uk::fdtab::table;

extern "C" void uk_file_init(struct uk_file *f, const struct uk_file_ops *ops,
			     void *priv, uint32_t flags)
{
	*f = uk_file{ops, priv, 1, flags};
}

extern "C" void uk_file_acquire(struct uk_file *f)
{
	UK_ASSERT(f->refcnt > 0);
	++f->refcnt;
}

extern "C" void uk_file_put(struct uk_file *f) { file_put(f); }

extern "C" int uk_fdtab_install(struct uk_file *f)
{
	auto r = table.install(f);
	return r.ok() ? r.value() : r.error();
}

extern "C" int uk_fdtab_install_at(int fd, struct uk_file *f)
{
	auto r = table.replace(fd, f);
	if (!r.ok())
		return r.error();
	// Released only now: the slot already names the new file.
	file_put(r.value());
	return fd;
}

extern "C" struct uk_file *uk_fdtab_get(int fd)
{
	uk_file *f = table.lookup(fd);
	if (f)
		++f->refcnt;
	return f;
}

extern "C" void uk_fdtab_put(struct uk_file *f) { file_put(f); }

extern "C" int uk_fdtab_close(int fd)
{
	auto r = table.remove(fd);
	if (!r.ok())
		return r.error();
	file_put(r.value());
	return 0;
}

extern "C" int uk_fdtab_dupfd(int fd, int minfd)
{
	uk_file *f = table.lookup(fd);
	if (!f)
		return -UK_EBADF;
	if (!table.in_range(minfd))
		return -UK_EINVAL;
	++f->refcnt;  // the new slot's reference
	auto r = table.install(f, minfd);
	if (!r.ok())
		--f->refcnt;  // cannot reach zero: the old slot still holds one
	return r.ok() ? r.value() : r.error();
}

extern "C" int uk_fdtab_dup(int fd) { return uk_fdtab_dupfd(fd, 0); }

extern "C" int uk_fdtab_dup2(int oldfd, int newfd)
{
	uk_file *f = table.lookup(oldfd);
	if (!f || !table.in_range(newfd))
		return -UK_EBADF;
	if (oldfd == newfd)
		return newfd;
	++f->refcnt;
	return uk_fdtab_install_at(newfd, f);
}

extern "C" int uk_fdtab_size(void) { return CONFIG_LIBPOSIX_FDTAB_MAX_FILES; }

namespace uk::fdtab {
namespace {

constinit uint64_t event_count = 0;
using NotifyHook = void (*)(void);
constinit NotifyHook notify_hook = nullptr;

// Readiness of a file without a poll operation: regular files and
// devices never block, so they are ready for what they can do.
uint32_t default_readiness(const uk_file *f)
{
	uint32_t r = 0;
	if (f->ops->read || f->ops->pread)
		r |= UK_POLLIN;
	if (f->ops->write || f->ops->pwrite)
		r |= UK_POLLOUT;
	return r;
}

}  // namespace
}  // namespace uk::fdtab

extern "C" int uk_fdtab_poll_scan(struct uk_pollfd *fds, size_t n)
{
	constexpr uint32_t kAlways = UK_POLLERR | UK_POLLHUP | UK_POLLNVAL;
	int ready = 0;
	for (size_t i = 0; i < n; ++i) {
		uk_pollfd &p = fds[i];
		p.revents = 0;
		if (p.fd < 0)
			continue;
		uk_file *f = table.lookup(p.fd);
		if (!f) {
			p.revents = UK_POLLNVAL;
		} else {
			uint32_t r = f->ops->poll ? f->ops->poll(f)
						  : uk::fdtab::default_readiness(f);
			p.revents = r & (p.events | kAlways);
		}
		ready += p.revents != 0;
	}
	return ready;
}

extern "C" void uk_file_notify(struct uk_file *)
{
	++uk::fdtab::event_count;
	if (uk::fdtab::notify_hook)
		uk::fdtab::notify_hook();
}

extern "C" uint64_t uk_file_event_count(void) { return uk::fdtab::event_count; }

extern "C" void uk_file_set_notify_hook(void (*wake)(void))
{
	uk::fdtab::notify_hook = wake;
}
