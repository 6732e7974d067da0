// SPDX-License-Identifier: BSD-3-Clause
//
// Stopping the image with a status the host can read.
//
// Semihosting SYS_EXIT (QEMU: -semihosting-config enable=on,target=native)
// makes QEMU exit with the code the image gives. The code is 2s+1 for
// status s, as isa-debug-exit gives on x86, so the host tells an image
// status (odd) from QEMU's own errors (1 is "1 -> status 0": QEMU itself
// fails with 1 only before the image runs) and from a power-off without
// semihosting (0); support/scripts/run-qemu turns it back into s. Only
// 0..127 survive (UKPLAT_CRASH_STATUS is 127).
// Without semihosting the HLT traps (traps.cpp calls
// shutdown_no_semihosting) and PSCI SYSTEM_OFF ends QEMU with 0.

#include <uk/print.h>

#include "arm64.hpp"

extern "C" uint64_t kvm_arm64_semihost(uint64_t op, const void *arg);

namespace uk::kvm {
namespace {

constexpr uint64_t kSysExit = 0x18;
constexpr uint64_t kAdpStoppedApplicationExit = 0x20026;
constexpr uint64_t kPsciSystemOff = 0x84000008;

constinit PsciMethod psci = PsciMethod::kNone;

}  // namespace

void shutdown_init(PsciMethod m)
{
	psci = m;
}

void psci_system_off()
{
	register uint64_t x0 __asm__("x0") = kPsciSystemOff;
	if (psci == PsciMethod::kHvc)
		__asm__ __volatile__("hvc #0" : "+r"(x0) : : "memory");
	else if (psci == PsciMethod::kSmc)
		__asm__ __volatile__("smc #0" : "+r"(x0) : : "memory");
	// No PSCI, or it refused: stop here.
	for (;;)
		__asm__ __volatile__("msr daifset, #0xf; wfi");
}

/** The HLT of kvm_arm64_semihost trapped: there is no semihosting. The
 * parameter block still says which status was meant. */
__noreturn void shutdown_no_semihosting(const uint64_t *block)
{
	uint64_t code = block ? block[1] : 1;
	if (code != 1)
		uk_pr_warn("exit status %llu cannot reach the host: no semihosting "
			   "(QEMU -semihosting-config enable=on,target=native)\n",
			   static_cast<unsigned long long>((code - 1) / 2));
	psci_system_off();
}

}  // namespace uk::kvm

extern "C" void ukplat_terminate(int status)
{
	__asm__ __volatile__("msr daifset, #0xf" : : : "memory");
	const uint64_t block[2] = {uk::kvm::kAdpStoppedApplicationExit,
				   2 * (static_cast<uint64_t>(status) & 0x7f) + 1};
	kvm_arm64_semihost(uk::kvm::kSysExit, block);
	uk::kvm::psci_system_off();
}
