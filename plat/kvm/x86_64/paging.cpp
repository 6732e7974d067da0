// SPDX-License-Identifier: BSD-3-Clause
//
// The final page tables, identity mapped (virtual = physical):
//   - the 2 MiB pages that hold the image are split into 4 KiB pages:
//     page 0 and the boot stack's lowest page absent (null pointers and
//     an overflow of "main" fault), text read-only + executable,
//     rodata read-only, data and bss writable; everything else no-execute;
//   - the rest of RAM: 2 MiB pages, writable, no-execute;
//   - 3..4 GiB above RAM: device memory (LAPIC, I/O APIC, PCI BARs),
//     uncached, no-execute;
//   - stack guard pages (ukplat_page_guard) split a 2 MiB page on demand
//     from a small pool of page tables, and clear the present bit.

#include <uk/errno.h>

#include "kvm.hpp"

extern "C" char __kvm_load_start[], _etext[], __kvm_rodata_start[],
	__kvm_rodata_end[], __kvm_data_start[], _end[], boot_stack_bottom[];

namespace uk::kvm {
namespace {

constexpr uint64_t kP = 1, kRW = 2, kPWT = 8, kPCD = 16, kPS = 0x80;
constexpr uint64_t kNX = 1ULL << 63;
constexpr uint64_t kAddrMask = 0x000ffffffffff000ULL;
constexpr uintptr_t kPage = 0x1000, kLarge = 0x200000;
constexpr uintptr_t kDeviceStart = 0xC0000000, kMapped = 0x100000000;
constexpr int kPoolPages = 16;

alignas(4096) constinit uint64_t pml4[512];
alignas(4096) constinit uint64_t pdpt[512];
alignas(4096) constinit uint64_t pd[4][512];
alignas(4096) constinit uint64_t pt_pool[kPoolPages][512];
constinit int pool_used = 0;
constinit uint64_t nx = 0; // kNX where the CPU has it

uint64_t *pd_entry(uintptr_t addr) { return &pd[addr >> 30][(addr >> 21) & 511]; }

void flush_all()
{
	uint64_t cr3;
	__asm__ __volatile__("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

// @return the 4 KiB entry for addr, splitting its 2 MiB page if needed;
// nullptr when the pool is empty or addr is not mapped.
uint64_t *pte(uintptr_t addr)
{
	if (addr >= kMapped)
		return nullptr;
	uint64_t *pde = pd_entry(addr);
	if (!(*pde & kP))
		return nullptr;
	if (*pde & kPS) {
		if (pool_used == kPoolPages)
			return nullptr;
		uint64_t *pt = pt_pool[pool_used++];
		uint64_t flags = *pde & (kRW | kPWT | kPCD | kNX);
		uintptr_t base = *pde & kAddrMask & ~(kLarge - 1);
		for (int j = 0; j < 512; ++j)
			pt[j] = (base + j * kPage) | flags | kP;
		// The PTEs decide: the directory entry allows everything.
		*pde = reinterpret_cast<uintptr_t>(pt) | kP | kRW;
	}
	auto *pt = reinterpret_cast<uint64_t *>(*pde & kAddrMask);
	return &pt[(addr >> 12) & 511];
}

void map_image()
{
	const auto lo = UK_ALIGN_DOWN(reinterpret_cast<uintptr_t>(__kvm_load_start), kLarge);
	const auto text = reinterpret_cast<uintptr_t>(__kvm_load_start);
	const auto etext = reinterpret_cast<uintptr_t>(_etext);
	const auto ro = reinterpret_cast<uintptr_t>(__kvm_rodata_start);
	const auto ero = reinterpret_cast<uintptr_t>(__kvm_rodata_end);
	const auto end = UK_ALIGN_UP(reinterpret_cast<uintptr_t>(_end), kLarge);
	for (uintptr_t a = lo; a < end; a += kPage) {
		uint64_t *e = pte(a);
		if (!e)
			continue;
		uint64_t flags = kP | kRW | nx;
		if (a == 0 || a == reinterpret_cast<uintptr_t>(boot_stack_bottom))
			flags = 0; // the null page; the boot stack's guard page
		else if (a >= text && a < etext)
			flags = kP; // read-only, executable
		else if (a >= ro && a < ero)
			flags = kP | nx;
		*e = a | flags;
	}
}

}  // namespace

void paging_init(uintptr_t ram_end)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0xC0000080));
	nx = (lo & (1u << 11)) ? kNX : 0;

	pml4[0] = reinterpret_cast<uintptr_t>(pdpt) | kP | kRW;
	for (int i = 0; i < 4; ++i)
		pdpt[i] = reinterpret_cast<uintptr_t>(pd[i]) | kP | kRW;
	for (uintptr_t a = 0; a < kMapped; a += kLarge) {
		uint64_t e = 0;
		if (a < ram_end)
			e = a | kP | kRW | kPS | nx;
		else if (a >= kDeviceStart)
			e = a | kP | kRW | kPS | kPCD | kPWT | nx;
		*pd_entry(a) = e;
	}
	map_image();
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(reinterpret_cast<uintptr_t>(pml4)) : "memory");
}

}  // namespace uk::kvm

namespace {

int set_present(void *addr, size_t len, bool present)
{
	using namespace uk::kvm;
	auto a = reinterpret_cast<uintptr_t>(addr);
	if (a % kPage || len % kPage)
		return -UK_EINVAL;
	for (uintptr_t p = a; p < a + len; p += kPage) {
		uint64_t *e = pte(p);
		if (!e)
			return -UK_ENOMEM; // pool exhausted: no guard, not an error
		*e = present ? (*e | kP) : (*e & ~kP);
	}
	flush_all();
	return 0;
}

}  // namespace

extern "C" int ukplat_page_guard(void *addr, size_t len) { return set_present(addr, len, false); }
extern "C" int ukplat_page_unguard(void *addr, size_t len) { return set_present(addr, len, true); }
