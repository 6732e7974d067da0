// SPDX-License-Identifier: BSD-3-Clause
//
// The CPU's interrupt mask and halting. The saved "flags" are PSTATE.I
// itself (as DAIF reads it), so save/restore nest.

#include <uk/plat.h>
#include <uk/plat/halt.hpp>

#include "arm64.hpp"

namespace uk::kvm {
namespace {
constexpr uint64_t kDaifI = 1u << 7;
}  // namespace
}  // namespace uk::kvm

extern "C" unsigned long ukplat_lcpu_save_irqf(void)
{
	uint64_t daif;
	__asm__ __volatile__("mrs %0, daif; msr daifset, #2" : "=r"(daif) : : "memory");
	return daif & uk::kvm::kDaifI;
}

extern "C" void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	if (flags & uk::kvm::kDaifI)
		__asm__ __volatile__("msr daifset, #2" : : : "memory");
	else
		__asm__ __volatile__("msr daifclr, #2" : : : "memory");
}

extern "C" int ukplat_lcpu_irqs_disabled(void)
{
	return (UK_ARM64_READ_SYSREG(daif) & uk::kvm::kDaifI) != 0;
}

extern "C" void ukplat_lcpu_halt_until(uint64_t deadline_ns)
{
	using namespace uk::kvm;
	uk::plat::halt_until(deadline_ns, timer_arm, timer_disarm, [] {
		// WFI wakes on a pending interrupt even while PSTATE.I masks
		// it, so one that arrives before the WFI is not lost. Unmasking
		// then takes it (at the ISB at the latest); handlers run before
		// the mask goes back on.
		__asm__ __volatile__("dsb sy; wfi; msr daifclr, #2; isb; msr daifset, #2" : : : "memory");
	});
}
