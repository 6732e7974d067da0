// SPDX-License-Identifier: BSD-3-Clause
//
// The PVH start of day structure (Xen public/arch-x86/hvm/start_info.h,
// hvm_start_info version 1): what QEMU and Xen leave in %ebx when they
// enter the kernel through XEN_ELFNOTE_PHYS32_ENTRY. Written from the
// header's layout description. Addresses are 64-bit physical; 0 means
// "not present" (nothing is ever loaded at physical address 0).
#pragma once

#include <uk/essentials.h>

namespace uk::kvm::pvh {

/** "xEn3" with the 0x80 bit of the "E" set. Same as kPvhStartMagic. */
inline constexpr uint32_t kMagic = 0x336ec578;

struct [[gnu::packed]] StartInfo {
	uint32_t magic;
	uint32_t version; // 0: no memory map fields; >= 1: memmap_* valid
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr; // array of ModlistEntry
	uint64_t cmdline_paddr; // NUL-terminated string
	uint64_t rsdp_paddr;
	// ---- version 1 ----
	uint64_t memmap_paddr; // array of MemmapEntry
	uint32_t memmap_entries;
	uint32_t reserved;
};
static_assert(sizeof(StartInfo) == 56);
/** Bytes of StartInfo that a version 0 structure has. */
inline constexpr size_t kStartInfoV0Size = 40;

/** E820-like entry; types follow the E820 numbering. */
struct [[gnu::packed]] MemmapEntry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};
static_assert(sizeof(MemmapEntry) == 24);
inline constexpr uint32_t kMemmapRam = 1;

struct [[gnu::packed]] ModlistEntry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};
static_assert(sizeof(ModlistEntry) == 32);

}  // namespace uk::kvm::pvh
