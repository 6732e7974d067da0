// SPDX-License-Identifier: BSD-3-Clause
//
// TEMPORARY weak stand-ins while the boot-protocol, trap and timer code is
// written; each is replaced by a strong definition and this file goes.

#include <uk/errno.h>
#if __has_include(<uk/plat/cmdline.h>)
#include <uk/plat/cmdline.h>
#else // TEMPORARY until plat/common lands
extern "C" int ukplat_cmdline_split(char *cmdline, char **argv, int max_args);
#endif

#include "kvm.hpp"

#define WEAK __attribute__((weak))

namespace uk::kvm {

WEAK int bootinfo_from_multiboot(uintptr_t info, BootInfo *out, const char **why)
{
	auto *mb = reinterpret_cast<const uint32_t *>(info);
	*out = BootInfo{};
	out->loader = "multiboot";
	if (!(mb[0] & 1)) {
		*why = "no memory information";
		return -UK_EINVAL;
	}
	out->ram[0] = {0x100000, size_t{mb[2]} * 1024, UKPLAT_MEMRF_ALLOCATABLE};
	out->nram = 1;
	if (mb[0] & 4)
		out->cmdline = reinterpret_cast<const char *>(uintptr_t{mb[4]});
	return 0;
}

WEAK int bootinfo_from_pvh(uintptr_t, BootInfo *, const char **why)
{
	*why = "PVH not supported yet";
	return -UK_EINVAL;
}

WEAK void traps_init() {}
WEAK int apic_init() { return 0; }
WEAK int time_init() { return 0; }

}  // namespace uk::kvm

extern "C" {
WEAK int ukplat_cmdline_split(char *s, char **argv, int max)
{
	int n = 0;
	while (*s) {
		while (*s == ' ')
			*s++ = 0;
		if (!*s)
			break;
		if (n == max)
			return -7;
		argv[n++] = s;
		while (*s && *s != ' ')
			++s;
	}
	return n;
}
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
