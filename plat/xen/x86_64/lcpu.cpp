// SPDX-License-Identifier: BSD-3-Clause
//
// The PV "interrupt flag" is vCPU 0's evtchn_upcall_mask in shared_info:
// 1 blocks upcalls. The saved flags are the mask itself, so save/restore
// nest. Unmasking with an event already pending must deliver it: a
// cheap hypercall returns through Xen, which then makes the upcall.
// Idle is SCHEDOP_block, which unmasks atomically with blocking (no
// wake-up is lost between the check and the block).

#include <uk/plat.h>
#include <uk/plat/halt.hpp>

#include "hypercall.hpp"
#include "xen.hpp"

namespace uk::xen {
namespace {

volatile uint8_t &upcall_mask() { return vcpu0().evtchn_upcall_mask; }

void deliver_pending()
{
	if (vcpu0().evtchn_upcall_pending)
		hypercall<abi::kHcXenVersion>(0, 0); // XENVER_version: any hypercall
}

}  // namespace
}  // namespace uk::xen

extern "C" unsigned long ukplat_lcpu_save_irqf(void)
{
	using namespace uk::xen;
	unsigned long old = upcall_mask();
	upcall_mask() = 1;
	__asm__ __volatile__("" : : : "memory");
	return old;
}

extern "C" void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	using namespace uk::xen;
	__asm__ __volatile__("" : : : "memory");
	upcall_mask() = flags ? 1 : 0;
	if (!flags) {
		__asm__ __volatile__("" : : : "memory");
		deliver_pending();
	}
}

extern "C" int ukplat_lcpu_irqs_disabled(void)
{
	return uk::xen::upcall_mask() != 0;
}

extern "C" void ukplat_lcpu_halt_until(uint64_t deadline_ns)
{
	using namespace uk::xen;
	uk::plat::halt_until(deadline_ns, timer_arm, timer_disarm, [] {
		// Returns once an event is pending; the upcall has run by then
		// (Xen delivers it on the way back, events being unmasked).
		uk::xen::hyp_sched_op(uk::xen::abi::kSchedopBlock);
	});
}
