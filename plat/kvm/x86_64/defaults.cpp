// SPDX-License-Identifier: BSD-3-Clause
//
// TEMPORARY weak stand-ins while the boot-protocol, trap and timer code is
// written; each is replaced by a strong definition and this file goes.

#include <uk/errno.h>

#include "kvm.hpp"

#define WEAK __attribute__((weak))

namespace uk::kvm {

WEAK void traps_init() {}
WEAK int apic_init() { return 0; }
WEAK int time_init() { return 0; }

}  // namespace uk::kvm

extern "C" {
WEAK unsigned long ukplat_lcpu_save_irqf(void)
{
	unsigned long f;
	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(f) : : "memory");
	return f;
}
WEAK void ukplat_lcpu_restore_irqf(unsigned long f)
{
	__asm__ __volatile__("pushq %0; popfq" : : "r"(f) : "memory", "cc");
}
WEAK int ukplat_lcpu_irqs_disabled(void)
{
	unsigned long f;
	__asm__ __volatile__("pushfq; popq %0" : "=r"(f));
	return !(f & 0x200);
}
WEAK int ukplat_lcpu_has_async_events(void) { return 0; }
WEAK void ukplat_lcpu_halt_until(uint64_t) {}
WEAK uint64_t ukplat_monotonic_clock(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32 | lo); // assumes 1 GHz until tsc.cpp lands
}
WEAK uint64_t ukplat_wall_clock(void) { return 0; }
}
