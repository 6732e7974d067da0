// SPDX-License-Identifier: BSD-3-Clause
//
// poll(), select() and pselect() on the descriptor table: scan the
// files' readiness (uk_fdtab_poll_scan), and while nothing is ready and
// time is left, wait for a readiness notification (uk_file_notify, from
// a socket) or the deadline. The event count is read before each scan,
// so a notification between scan and wait is never lost.

#include "posix_sys.hpp"

#include <uk/alloc.h>
#include <uk/plat.h>

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>

using uk::posix::fail;

namespace {

constexpr uint64_t kNever = UINT64_MAX;
constexpr size_t kOnStack = 16;

uint32_t events_to_uk(short ev)
{
	uint32_t e = 0;
	if (ev & (POLLIN | POLLRDNORM | POLLRDBAND))
		e |= UK_POLLIN;
	if (ev & (POLLOUT | POLLWRNORM | POLLWRBAND))
		e |= UK_POLLOUT;
	if (ev & POLLPRI)
		e |= UK_POLLPRI;
	return e;
}

short revents_from_uk(uint32_t r, short asked)
{
	short out = 0;
	if (r & UK_POLLIN)
		out |= static_cast<short>(asked & (POLLIN | POLLRDNORM | POLLRDBAND));
	if (r & UK_POLLOUT)
		out |= static_cast<short>(asked & (POLLOUT | POLLWRNORM | POLLWRBAND));
	if (r & UK_POLLPRI)
		out |= POLLPRI;
	if (r & UK_POLLERR)
		out |= POLLERR;
	if (r & UK_POLLHUP)
		out |= POLLHUP;
	if (r & UK_POLLNVAL)
		out |= POLLNVAL;
	return out;
}

uint64_t deadline_after(uint64_t ns)
{
	uint64_t now = ukplat_monotonic_clock();
	return ns >= kNever - now ? kNever : now + ns;
}

// Scans until something is ready or the deadline passes.
// @return the number of ready entries.
int wait_ready(uk_pollfd *p, size_t n, uint64_t deadline)
{
	for (;;) {
		uint64_t events = uk_file_event_count();
		int ready = uk_fdtab_poll_scan(p, n);
		if (ready || deadline == 0 || ukplat_monotonic_clock() >= deadline)
			return ready;
		uk::posix::wait_event(events, deadline);
	}
}

// The scan array: on the stack for a few descriptors, else the heap.
class PollSet {
public:
	explicit PollSet(size_t n)
		: n_(n), p_(n <= kOnStack ? small_
					  : static_cast<uk_pollfd *>(malloc(n * sizeof(uk_pollfd))))
	{
	}
	PollSet(const PollSet &) = delete;
	PollSet &operator=(const PollSet &) = delete;
	~PollSet()
	{
		if (p_ != small_)
			free(p_);
	}
	uk_pollfd *get() { return p_; }
	size_t size() const { return n_; }

private:
	size_t n_;
	uk_pollfd small_[kOnStack];
	uk_pollfd *p_;
};

// select()'s work: fds below n with a bit in any set; EBADF for a bit
// on a descriptor that is not open.
int select_ns(int n, fd_set *r, fd_set *w, fd_set *e, uint64_t deadline)
{
	if (n < 0 || n > 65536)
		return fail(EINVAL);
	auto isset = [](fd_set *s, int fd) { return s && FD_ISSET(fd, s); };
	size_t count = 0;
	for (int fd = 0; fd < n; ++fd)
		count += isset(r, fd) || isset(w, fd) || isset(e, fd);
	PollSet set(count);
	if (count && !set.get())
		return fail(ENOMEM);
	size_t k = 0;
	for (int fd = 0; fd < n; ++fd) {
		if (!(isset(r, fd) || isset(w, fd) || isset(e, fd)))
			continue;
		uint32_t ev = (isset(r, fd) ? UK_POLLIN : 0) | (isset(w, fd) ? UK_POLLOUT : 0) |
			      (isset(e, fd) ? UK_POLLPRI : 0);
		set.get()[k++] = uk_pollfd{fd, ev, 0};
	}
	wait_ready(set.get(), count, deadline);
	for (size_t i = 0; i < count; ++i)
		if (set.get()[i].revents & UK_POLLNVAL)
			return fail(EBADF);
	int bits = 0;
	for (size_t i = 0; i < count; ++i) {
		const uk_pollfd &p = set.get()[i];
		bool rd = isset(r, p.fd) && (p.revents & (UK_POLLIN | UK_POLLHUP | UK_POLLERR));
		bool wr = isset(w, p.fd) && (p.revents & (UK_POLLOUT | UK_POLLERR));
		bool ex = isset(e, p.fd) && (p.revents & UK_POLLPRI);
		if (r && !rd)
			FD_CLR(p.fd, r);
		if (w && !wr)
			FD_CLR(p.fd, w);
		if (e && !ex)
			FD_CLR(p.fd, e);
		bits += rd + wr + ex;
	}
	return bits;
}

}  // namespace

extern "C" int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	if (nfds > 65536)
		return fail(EINVAL);
	PollSet set(nfds);
	if (nfds && !set.get())
		return fail(ENOMEM);
	for (nfds_t i = 0; i < nfds; ++i)
		set.get()[i] = uk_pollfd{fds[i].fd, events_to_uk(fds[i].events), 0};
	uint64_t deadline = timeout < 0 ? kNever
			    : timeout == 0 ? 0
					   : deadline_after(static_cast<uint64_t>(timeout) * 1000000);
	int ready = wait_ready(set.get(), nfds, deadline);
	for (nfds_t i = 0; i < nfds; ++i)
		fds[i].revents = revents_from_uk(set.get()[i].revents, fds[i].events);
	return ready;
}

// Linux's select(): the timeout is updated with the time left.
extern "C" int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	uint64_t deadline = kNever;
	if (tv) {
		if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
			return fail(EINVAL);
		uint64_t ns = static_cast<uint64_t>(tv->tv_sec) * 1000000000ULL +
			      static_cast<uint64_t>(tv->tv_usec) * 1000;
		deadline = ns ? deadline_after(ns) : 0;
	}
	int rc = select_ns(n, r, w, e, deadline);
	if (tv && deadline != 0) {
		uint64_t now = ukplat_monotonic_clock();
		uint64_t left = deadline > now ? deadline - now : 0;
		tv->tv_sec = static_cast<time_t>(left / 1000000000ULL);
		tv->tv_usec = static_cast<suseconds_t>((left % 1000000000ULL) / 1000);
	}
	return rc;
}

// The signal mask is ignored: no signal is ever delivered asynchronously.
extern "C" int pselect(int n, fd_set *r, fd_set *w, fd_set *e,
		       const struct timespec *ts, const sigset_t *)
{
	uint64_t deadline = kNever;
	if (ts) {
		if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
			return fail(EINVAL);
		uint64_t ns = static_cast<uint64_t>(ts->tv_sec) * 1000000000ULL +
			      static_cast<uint64_t>(ts->tv_nsec);
		deadline = ns ? deadline_after(ns) : 0;
	}
	return select_ns(n, r, w, e, deadline);
}
