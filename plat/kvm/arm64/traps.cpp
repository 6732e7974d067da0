// SPDX-License-Identifier: BSD-3-Clause
//
// Where vectors.S hands over: interrupts from threads are acknowledged,
// dispatched and ended here; everything else is a crash report, except
// the one trap that means "no semihosting" (shutdown.cpp).

#include "arm64.hpp"

extern "C" char kvm_arm64_semihost_insn[];

namespace uk::kvm {
__noreturn void shutdown_no_semihosting(const uint64_t *block);
namespace {
constexpr unsigned kEcUnknown = 0x00;
}  // namespace
}  // namespace uk::kvm

extern "C" __noreturn void kvm_arm64_trap(uk::kvm::TrapFrame *f, unsigned kind, unsigned from)
{
	using namespace uk::kvm;
	if (kind == kSync && (f->esr >> 26) == kEcUnknown &&
	    f->elr == reinterpret_cast<uintptr_t>(kvm_arm64_semihost_insn))
		shutdown_no_semihosting(reinterpret_cast<const uint64_t *>(f->x[1]));
	crash_report(f, kind, from);
}

extern "C" void kvm_arm64_irq(uk::kvm::TrapFrame *)
{
	using namespace uk::kvm;
	uint32_t iar = gic_ack();
	uint32_t intid = gic_intid(iar);
	if (intid >= 1020)
		return; // spurious: nothing to end
	if (intid == timer_intid())
		timer_irq();
	irq_dispatch(intid);
	gic_eoi(iar);
}
