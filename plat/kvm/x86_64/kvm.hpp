// SPDX-License-Identifier: BSD-3-Clause
//
// What the files of the KVM x86_64 platform share. Ownership:
//   boot.S, setup.cpp, paging.cpp, serial.cpp, shutdown.cpp  boot and memory
//   bootinfo.cpp, multiboot.hpp, pvh.hpp                     boot protocols
//   traps.S, traps.cpp, crash.cpp, apic.cpp, tsc.cpp,
//   timer.cpp, lcpu.cpp, irq.cpp                             CPU, interrupts, time
#pragma once

#include <uk/essentials.h>
#include <uk/plat.h>

namespace uk::kvm {

// ---- boot protocols (bootinfo.cpp) --------------------------------------

/** What the loader told us, whichever protocol it used. */
struct BootInfo {
	static constexpr int kMaxRegions = 32;
	/** RAM as the loader reported it (flags: UKPLAT_MEMRF_ALLOCATABLE
	 * for usable RAM; reserved ranges are left out). Not yet minus the
	 * image, low memory or boot data: setup.cpp carves those out. */
	ukplat_memregion ram[kMaxRegions];
	int nram;
	const char *cmdline; /**< NUL-terminated, or nullptr */
	uintptr_t initrd_base; /**< first module / PVH module, 0 if none */
	size_t initrd_len;
	const char *loader; /**< "multiboot" or "PVH" */
};

inline constexpr uint32_t kMultibootBootMagic = 0x2BADB002;
inline constexpr uint32_t kPvhStartMagic = 0x336ec578;

/**
 * Fills @p out from the multiboot v1 information at physical @p info.
 * @return 0, or -EINVAL with a reason in *why (malformed or missing map).
 */
int bootinfo_from_multiboot(uintptr_t info, BootInfo *out, const char **why);

/** Fills @p out from a PVH hvm_start_info at physical @p info. */
int bootinfo_from_pvh(uintptr_t info, BootInfo *out, const char **why);

// ---- console and memory (serial.cpp, paging.cpp) --------------------------

void serial_init();
void serial_write(const char *buf, size_t len);

/** Builds the final page tables (image permissions, RAM, device
 * memory) and switches to them. @p ram_end: highest RAM address. */
void paging_init(uintptr_t ram_end);

// ---- CPU, interrupts, time (traps.cpp, apic.cpp, tsc.cpp, timer.cpp) ------

/** IDT with every exception vector; faults print a crash report. */
void traps_init();

/** Local APIC on, legacy PIC masked. @return 0 or a negative errno. */
int apic_init();

/** TSC frequency known, one-shot APIC timer ready. */
int time_init();

// ---- port I/O ---------------------------------------------------------------

inline void outb(uint16_t port, uint8_t v) { __asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port)); }
inline void outw(uint16_t port, uint16_t v) { __asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port)); }
inline void outl(uint16_t port, uint32_t v) { __asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port)); }
inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
inline uint32_t inl(uint16_t port)
{
	uint32_t v;
	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

}  // namespace uk::kvm
