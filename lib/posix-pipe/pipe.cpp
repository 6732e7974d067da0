// SPDX-License-Identifier: BSD-3-Clause
//
// Pipes: one heap block holds both ends (uk_files in the descriptor
// table), the ring and its buffer. Blocking calls wait on uksched wait
// queues; on one CPU with the cooperative scheduler nothing else runs
// between a check and the wait, so no lock is needed (interrupt handlers
// never touch pipes).

#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/errno.h>
#include <uk/fdtab.h>
#include <uk/pipe.h>
#include <uk/time.h>
#include <uk/wait.h>

#include <new>

#include "ring.hpp"

namespace uk::pipe {
namespace {

constexpr size_t kSize = CONFIG_LIBPOSIX_PIPE_SIZE;
constexpr unsigned long kFionread = 0x541B;
static_assert(kSize >= UK_PIPE_BUF, "a pipe holds at least one atomic write");

struct Pipe {
	Pipe(uk_alloc *a, uint8_t *buf, uint64_t ino) : ring(buf, kSize), a(a), ino(ino) {}

	uk_file rd{}, wr{};
	Ring ring;
	uk_waitq readers_wait{}, writers_wait{};
	bool rd_open = true, wr_open = true; // until the end's last reference goes
	uk_alloc *a;
	uint64_t ino;
};

uint64_t last_ino;

Pipe *of(uk_file *f) { return static_cast<Pipe *>(f->priv); }
bool nonblock(const uk_file *f) { return f->flags & UK_O_NONBLOCK; }

// Data came in: readers and the read end's pollers learn of it.
void wake_readers(Pipe *p)
{
	uk_waitq_wake_all(&p->readers_wait);
	if (p->rd_open)
		uk_file_notify(&p->rd);
}

void wake_writers(Pipe *p)
{
	uk_waitq_wake_all(&p->writers_wait);
	if (p->wr_open)
		uk_file_notify(&p->wr);
}

intptr_t pipe_read(uk_file *f, void *buf, size_t len)
{
	Pipe *p = of(f);
	if (len == 0)
		return 0;
	while (p->ring.used() == 0) {
		if (!p->wr_open)
			return 0; // end of file
		if (nonblock(f))
			return -UK_EAGAIN;
		uk_waitq_wait(&p->readers_wait, UK_TIME_NEVER);
	}
	size_t n = p->ring.take(buf, len);
	wake_writers(p);
	return static_cast<intptr_t>(n);
}

// Up to UK_PIPE_BUF bytes go in at once or wait for room; more go in as
// room appears (non-blocking: what fits, or EAGAIN). No reader: EPIPE
// (there are no signals, so no SIGPIPE).
intptr_t pipe_write(uk_file *f, const void *buf, size_t len)
{
	Pipe *p = of(f);
	const auto *s = static_cast<const uint8_t *>(buf);
	const size_t need = len <= UK_PIPE_BUF ? len : 1;
	size_t done = 0;
	while (done < len) {
		if (!p->rd_open)
			return done ? static_cast<intptr_t>(done) : -UK_EPIPE;
		if (p->ring.room() >= need) {
			done += p->ring.put(s + done, len - done);
			wake_readers(p);
		} else if (nonblock(f)) {
			return done ? static_cast<intptr_t>(done) : -UK_EAGAIN;
		} else {
			uk_waitq_wait(&p->writers_wait, UK_TIME_NEVER);
		}
	}
	return static_cast<intptr_t>(done);
}

// As Linux: the read end is readable with data and hung up without
// writers; the write end writable with room for an atomic write and in
// error without readers.
uint32_t pipe_poll(uk_file *f)
{
	Pipe *p = of(f);
	if (f == &p->rd)
		return (p->ring.used() ? UK_POLLIN : 0) | (p->wr_open ? 0 : UK_POLLHUP);
	return (p->ring.room() >= UK_PIPE_BUF ? UK_POLLOUT : 0) | (p->rd_open ? 0 : UK_POLLERR);
}

int pipe_stat(uk_file *f, uk_file_info *out)
{
	out->mode = UK_S_IFIFO | 0600;
	out->blksize = UK_PIPE_BUF;
	out->ino = of(f)->ino;
	out->nlink = 1;
	return 0;
}

int pipe_ioctl(uk_file *f, unsigned long request, void *arg)
{
	if (request != kFionread || f != &of(f)->rd)
		return -UK_ENOTTY;
	if (!arg)
		return -UK_EFAULT;
	*static_cast<int *>(arg) = static_cast<int>(of(f)->ring.used());
	return 0;
}

void pipe_release(uk_file *f)
{
	Pipe *p = of(f);
	if (f == &p->rd) {
		p->rd_open = false;
		wake_writers(p); // they fail with EPIPE now
	} else {
		p->wr_open = false;
		wake_readers(p); // they see end of file
	}
	if (!p->rd_open && !p->wr_open) {
		uk_alloc *a = p->a;
		p->~Pipe();
		uk_free(a, p);
	}
}

// Each end has only its direction (the other is EBADF).
constexpr uk_file_ops end_ops(intptr_t (*rd)(uk_file *, void *, size_t),
			      intptr_t (*wr)(uk_file *, const void *, size_t))
{
	return {
		.read = rd,
		.write = wr,
		.lseek = nullptr,
		.stat = pipe_stat,
		.isatty = nullptr,
		.release = pipe_release,
		.pread = nullptr,
		.pwrite = nullptr,
		.poll = pipe_poll,
		.ioctl = pipe_ioctl,
		.readdir = nullptr,
		.truncate = nullptr,
		.fsync = nullptr,
	};
}

constexpr uk_file_ops kReadEnd = end_ops(pipe_read, nullptr);
constexpr uk_file_ops kWriteEnd = end_ops(nullptr, pipe_write);

}  // namespace
}  // namespace uk::pipe

extern "C" int uk_pipe_create(int fds[2], uint32_t flags)
{
	using namespace uk::pipe;
	if (flags & ~uint32_t{UK_O_NONBLOCK | UK_O_CLOEXEC})
		return -UK_EINVAL;
	uk_alloc *a = uk_alloc_get_default();
	void *m = a ? uk_malloc(a, sizeof(Pipe) + kSize) : nullptr;
	if (!m)
		return -UK_ENFILE;
	auto *p = new (m) Pipe(a, static_cast<uint8_t *>(m) + sizeof(Pipe), ++last_ino);
	const uint32_t nb = flags & UK_O_NONBLOCK;
	uk_file_init(&p->rd, &kReadEnd, p, UK_O_RDONLY | nb);
	uk_file_init(&p->wr, &kWriteEnd, p, UK_O_WRONLY | nb);
	int r = uk_fdtab_install(&p->rd);
	if (r < 0) {
		uk_file_put(&p->rd);
		uk_file_put(&p->wr); // the last one frees the pipe
		return r;
	}
	int w = uk_fdtab_install(&p->wr);
	if (w < 0) {
		uk_fdtab_close(r);
		uk_file_put(&p->wr);
		return w;
	}
	fds[0] = r;
	fds[1] = w;
	return 0;
}
