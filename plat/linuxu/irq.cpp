// SPDX-License-Identifier: BSD-3-Clause
//
// File-descriptor interrupts (include/uk/plat/irq.h): the handlers in a
// uk::plat::IrqTable, the armed fds polled by ukplat_lcpu_halt_until().

#include <uk/errno.h>
#include <uk/irq.hpp>
#include <uk/plat/irq.h>
#include <uk/plat/irq_table.hpp>

#include "linuxu.hpp"

namespace uk::linuxu {
namespace {

struct FdIrq {
	int fd; // -1: free
	bool armed;
};

struct PollFd {
	int fd;
	short events, revents;
};

constexpr short kPollIn = 0x1, kPollErr = 0x8, kPollHup = 0x10;

constinit uk::plat::IrqTable<UKPLAT_IRQ_DEVICE_MAX, 32> handlers;
constinit FdIrq fds[UKPLAT_IRQ_DEVICE_MAX] = {};
constinit bool fds_ready = false; // all-zero means fd 0: mark free once

void init_fds()
{
	if (fds_ready)
		return;
	for (FdIrq &f : fds)
		f = FdIrq{-1, false};
	fds_ready = true;
}

bool valid(unsigned irq) { return irq < UKPLAT_IRQ_DEVICE_MAX && fds_ready && fds[irq].fd >= 0; }

}  // namespace

bool irq_any_armed()
{
	if (!fds_ready)
		return false;
	for (const FdIrq &f : fds)
		if (f.fd >= 0 && f.armed)
			return true;
	return false;
}

void irq_wait(const Timespec *timeout)
{
	PollFd p[UKPLAT_IRQ_DEVICE_MAX];
	unsigned irq_of[UKPLAT_IRQ_DEVICE_MAX];
	unsigned n = 0;
	for (unsigned i = 0; fds_ready && i < UKPLAT_IRQ_DEVICE_MAX; ++i)
		if (fds[i].fd >= 0 && fds[i].armed) {
			p[n] = PollFd{fds[i].fd, kPollIn, 0};
			irq_of[n++] = i;
		}
	// ppoll(fds, n, timeout, no signal mask): EINTR and timeouts alike
	// just end the halt.
	const long rc = syscall6(sys::kPpoll, reinterpret_cast<long>(p), n,
				 reinterpret_cast<long>(timeout), 0, 0);
	if (rc <= 0)
		return;
	IrqGuard g; // handlers run with "interrupts" off, as everywhere
	for (unsigned k = 0; k < n; ++k) {
		if (!(p[k].revents & (kPollIn | kPollErr | kPollHup)))
			continue;
		fds[irq_of[k]].armed = false; // one-shot: the fd stays readable
		handlers.dispatch(irq_of[k]);
	}
}

}  // namespace uk::linuxu

using namespace uk::linuxu;

extern "C" int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	return handlers.add(irq, handler, arg);
}

extern "C" int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	return handlers.remove(irq, handler, arg);
}

extern "C" int ukplat_irq_alloc_fd(int fd)
{
	if (fd < 0)
		return -UK_EINVAL;
	uk::IrqGuard g;
	init_fds();
	for (unsigned i = 0; i < UKPLAT_IRQ_DEVICE_MAX; ++i)
		if (fds[i].fd < 0) {
			fds[i] = FdIrq{fd, false};
			return static_cast<int>(i);
		}
	return -UK_ENOSPC;
}

extern "C" int ukplat_irq_free_fd(unsigned int irq)
{
	uk::IrqGuard g;
	if (!valid(irq))
		return -UK_EINVAL;
	fds[irq] = FdIrq{-1, false};
	return 0;
}

extern "C" int ukplat_irq_fd_arm(unsigned int irq)
{
	uk::IrqGuard g;
	if (!valid(irq))
		return -UK_EINVAL;
	fds[irq].armed = true;
	return 0;
}

extern "C" int ukplat_irq_fd_disarm(unsigned int irq)
{
	uk::IrqGuard g;
	if (!valid(irq))
		return -UK_EINVAL;
	fds[irq].armed = false;
	return 0;
}
