// SPDX-License-Identifier: BSD-3-Clause
//
// The CPU's interrupt flag and halting. The saved "flags" are RFLAGS.IF
// itself, so save/restore nest and match pushfq/cli/popf.

#include <uk/plat.h>
#include <uk/plat/halt.hpp>

#include "cpu.hpp"

extern "C" unsigned long ukplat_lcpu_save_irqf(void)
{
	uint64_t f;
	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(f) : : "memory");
	return f & uk::kvm::kRflagsIf;
}

extern "C" void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	if (flags & uk::kvm::kRflagsIf)
		__asm__ __volatile__("sti" : : : "memory");
	else
		__asm__ __volatile__("cli" : : : "memory");
}

extern "C" int ukplat_lcpu_irqs_disabled(void)
{
	return !(uk::kvm::read_rflags() & uk::kvm::kRflagsIf);
}

extern "C" void ukplat_lcpu_halt_until(uint64_t deadline_ns)
{
	using namespace uk::kvm;
	uk::plat::halt_until(deadline_ns, timer_arm, timer_disarm, [] {
		// sti takes effect after the next instruction, so no interrupt
		// can slip in between (it would be handled before hlt and leave
		// us halted past the deadline): the timer's interrupt, even one
		// already pending, ends the hlt. Handlers run before cli.
		__asm__ __volatile__("sti; hlt; cli" : : : "memory");
	});
}
