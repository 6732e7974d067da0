// SPDX-License-Identifier: BSD-3-Clause
//
// The crash report of a CPU exception (plat/common/x86_64/crash_report.cpp,
// shared with Xen) with what KVM knows: CR2, and "is it mapped?" from the
// identity-mapped page tables.

#include "x86_64/backtrace.hpp"
#include "x86_64/crash_report.hpp"

#include "cpu.hpp"

namespace uk::kvm {
namespace {

bool readable(uintptr_t addr)
{
	return plat::x86::vaddr_mapped(read_cr3(), addr, [](uint64_t phys) {
		return *reinterpret_cast<const volatile uint64_t *>(phys);
	});
}

}  // namespace

// Cold: optimised for size; it runs once, at the end.
[[gnu::cold]] void crash_report(const TrapFrame *f)
{
	plat::x86::crash_report(f, plat::x86::CrashContext{read_cr2(), readable, nullptr});
}

}  // namespace uk::kvm
