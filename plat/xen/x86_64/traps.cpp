// SPDX-License-Identifier: BSD-3-Clause
//
// The trap table (a PV guest's IDT, HYPERVISOR_set_trap_table), the event
// and failsafe callbacks, and what the stubs of entry.S call. A PV guest
// has no IST: Xen pushes an exception's frame on the faulting stack, so a
// fault it cannot push a frame for (a stack overflow into a guard page,
// an unusable rsp) is not bounced to us: Xen stops the domain and prints
// its own report ("domain_crash_sync", dom0: "Hardware Dom0 crashed").

#include "x86_64/crash_report.hpp"

#include "hypercall.hpp"
#include "xen.hpp"

extern "C" const uint64_t xen_trap_stubs[32];
extern "C" void xen_upcall_stub();
extern "C" void xen_failsafe_stub();

namespace uk::xen {
namespace {

constexpr unsigned kVectorFailsafe = 257; // entry.S
constexpr unsigned kVecBreakpoint = 3, kVecOverflow = 4;

// 32 exception entries and the terminating zero entry.
constinit abi::TrapInfo trap_table[33];

bool readable(uintptr_t addr) { return va_readable(addr); }

[[gnu::cold]] void register_callback(uint16_t type, void (*fn)())
{
	abi::CallbackRegister cb{type, 0, reinterpret_cast<uint64_t>(fn)};
	if (long rc = hyp_callback_op(abi::kCallbackOpRegister, &cb); rc < 0)
		boot_fail("traps", "cannot register a callback", rc);
}

}  // namespace

[[gnu::cold]] void traps_init()
{
	for (unsigned v = 0; v < 32; ++v) {
		// int3/into may be executed by our code; every other vector
		// only by the CPU. Events stay masked in every handler.
		uint8_t ring = (v == kVecBreakpoint || v == kVecOverflow) ? 3 : 0;
		trap_table[v] = abi::TrapInfo{static_cast<uint8_t>(v),
					      static_cast<uint8_t>(ring | abi::kTrapMaskEvents),
					      abi::kFlatKernelCs, xen_trap_stubs[v]};
	}
	if (long rc = hyp_set_trap_table(trap_table); rc < 0)
		boot_fail("traps", "HYPERVISOR_set_trap_table failed", rc);
	register_callback(abi::kCallbackTypeEvent, xen_upcall_stub);
	register_callback(abi::kCallbackTypeFailsafe, xen_failsafe_stub);
}

}  // namespace uk::xen

// From entry.S, on the trap frame, events masked.
extern "C" __noreturn void xen_trap_entry(uk::plat::x86::TrapFrame *f)
{
	using namespace uk::xen;
	const char *what = nullptr;
	if (f->vector == kVectorFailsafe)
		what = "Xen failsafe callback (a segment register could not be restored)";
	uk::plat::x86::crash_report(f, {vcpu0().arch.cr2, readable, what});
}

extern "C" void xen_upcall_entry(uk::plat::x86::TrapFrame *)
{
	uk::xen::events_dispatch();
}
