// SPDX-License-Identifier: BSD-3-Clause
//
// Time from the ARM generic timer: the virtual counter (CNTVCT_EL0, at
// CNTFRQ_EL0 Hz) is the monotonic clock, its virtual timer the one-shot
// behind ukplat_lcpu_halt_until, and the PL031 real-time clock (whole
// seconds) sets the wall clock once at boot. The timer's interrupt only
// wakes the CPU: it is masked in the handler (the line is level-
// triggered) and the scheduler runs the expired timers itself.

#include <uk/errno.h>
#include <uk/plat/scale.hpp>

#include "arm64.hpp"

namespace uk::kvm {
namespace {

using uk::plat::apply;
using uk::plat::kNsPerSec;
using uk::plat::make_scale;
using uk::plat::Scale;

constexpr uint64_t kCtlEnable = 1, kCtlMask = 2;
constexpr uintptr_t kRtcData = 0x00;

constinit uint64_t hz = 0;
constinit uint64_t count0 = 0;
constinit Scale ns_per_tick{0, 0}, ticks_per_ns{0, 0};
constinit uint64_t wall_at_boot_ns = 0;
constinit uint32_t intid = 0;

uint64_t count()
{
	uint64_t v;
	__asm__ __volatile__("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

}  // namespace

uint64_t counter_hz() { return hz; }
uint32_t timer_intid() { return intid; }

int time_init(const BootInfo &bi)
{
	hz = UK_ARM64_READ_SYSREG(cntfrq_el0) & 0xffffffff;
	if (hz == 0)
		return -UK_ENOTSUP;
	count0 = count();
	ns_per_tick = make_scale(kNsPerSec, hz);
	ticks_per_ns = make_scale(hz, kNsPerSec);
	if (bi.rtc_base) {
		uint64_t secs = *reinterpret_cast<volatile uint32_t *>(bi.rtc_base + kRtcData);
		wall_at_boot_ns = secs * kNsPerSec - ukplat_monotonic_clock();
	}
	intid = bi.timer_intid;
	UK_ARM64_WRITE_SYSREG(cntv_ctl_el0, 0);
	gic_enable(intid, true);
	return 0;
}

void timer_arm(uint64_t deadline_ns)
{
	// Rounded up (+1): the timer must not fire before the deadline.
	uint64_t cval = count0 + apply(ticks_per_ns, deadline_ns) + 1;
	UK_ARM64_WRITE_SYSREG(cntv_cval_el0, cval);
	UK_ARM64_WRITE_SYSREG(cntv_ctl_el0, kCtlEnable);
	__asm__ __volatile__("isb");
}

void timer_disarm()
{
	UK_ARM64_WRITE_SYSREG(cntv_ctl_el0, 0);
	__asm__ __volatile__("isb");
}

void timer_irq()
{
	UK_ARM64_WRITE_SYSREG(cntv_ctl_el0, kCtlEnable | kCtlMask);
	__asm__ __volatile__("isb");
}

}  // namespace uk::kvm

extern "C" uint64_t ukplat_monotonic_clock(void)
{
	using namespace uk::kvm;
	return apply(ns_per_tick, count() - count0);
}

extern "C" uint64_t ukplat_wall_clock(void)
{
	return uk::kvm::wall_at_boot_ns + ukplat_monotonic_clock();
}
