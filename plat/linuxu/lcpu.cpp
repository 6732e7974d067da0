// SPDX-License-Identifier: BSD-3-Clause
//
// The "CPU" of a Linux process: no signals are used for events, so the
// interrupt flag is a software flag, and halting is sleeping until the
// deadline or until an armed file-descriptor interrupt (irq.cpp) fires.

#include <uk/plat.h>

#include "linuxu.hpp"

namespace uk::linuxu {
namespace {
constinit unsigned long irqs_off = 0;
}  // namespace
}  // namespace uk::linuxu

extern "C" unsigned long ukplat_lcpu_save_irqf(void)
{
	unsigned long prev = uk::linuxu::irqs_off;
	uk::linuxu::irqs_off = 1;
	return prev;
}

extern "C" void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	uk::linuxu::irqs_off = flags;
}

extern "C" int ukplat_lcpu_irqs_disabled(void)
{
	return uk::linuxu::irqs_off != 0;
}

extern "C" int ukplat_lcpu_has_async_events(void)
{
	return uk::linuxu::irq_any_armed();
}

extern "C" void ukplat_lcpu_halt_until(uint64_t deadline_ns)
{
	using namespace uk::linuxu;
	if (irq_any_armed()) {
		// ppoll takes a relative timeout: a late return only ends the
		// halt early, which the caller allows.
		if (deadline_ns == UKPLAT_TIME_NEVER) {
			irq_wait(nullptr);
			return;
		}
		const uint64_t now = ukplat_monotonic_clock();
		const uint64_t left = deadline_ns > now ? deadline_ns - now : 0;
		const Timespec rel{static_cast<int64_t>(left / 1000000000ULL),
				   static_cast<int64_t>(left % 1000000000ULL)};
		irq_wait(&rel);
		return;
	}
	if (deadline_ns == UKPLAT_TIME_NEVER)
		return; // nothing could wake us: the caller decides what to do
	Timespec ts{static_cast<int64_t>(deadline_ns / 1000000000ULL),
		    static_cast<int64_t>(deadline_ns % 1000000000ULL)};
	// clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME): the deadline is
	// absolute, so an early wake-up (EINTR) is harmless.
	syscall6(sys::kClockNanosleep, kClockMonotonic, kTimerAbstime,
		 reinterpret_cast<long>(&ts), 0);
}

extern "C" int ukplat_page_guard(void *addr, size_t len)
{
	using namespace uk::linuxu;
	long rc = syscall6(sys::kMprotect, reinterpret_cast<long>(addr),
			   static_cast<long>(len), kProtNone);
	return static_cast<int>(rc);
}

extern "C" int ukplat_page_unguard(void *addr, size_t len)
{
	using namespace uk::linuxu;
	long rc = syscall6(sys::kMprotect, reinterpret_cast<long>(addr),
			   static_cast<long>(len), kProtRead | kProtWrite);
	return static_cast<int>(rc);
}
