// SPDX-License-Identifier: BSD-3-Clause
//
// Multiboot (version 0.6.96) boot information, as the loader leaves it in
// memory: only the parts bootinfo.cpp reads. Written from the
// specification's "Boot information format" section. Every field is
// little-endian and every address is a 32-bit physical address.
#pragma once

#include <uk/essentials.h>

namespace uk::kvm::multiboot {

/** flags bits of Info: which of the following fields are valid. */
inline constexpr uint32_t kInfoMemory = 1u << 0;  // mem_lower, mem_upper
inline constexpr uint32_t kInfoCmdline = 1u << 2; // cmdline
inline constexpr uint32_t kInfoMods = 1u << 3;    // mods_count, mods_addr
inline constexpr uint32_t kInfoMmap = 1u << 6;    // mmap_length, mmap_addr

/** The fixed part of the information structure (offsets 0..55). */
struct [[gnu::packed]] Info {
	uint32_t flags;
	uint32_t mem_lower; // KiB of RAM from address 0 (at most 640)
	uint32_t mem_upper; // KiB of RAM from 1 MiB up to the first hole
	uint32_t boot_device;
	uint32_t cmdline; // NUL-terminated string
	uint32_t mods_count;
	uint32_t mods_addr; // array of Module
	uint32_t syms[4];   // a.out or ELF symbols: not used
	uint32_t mmap_length; // bytes of memory map at mmap_addr
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
};
static_assert(sizeof(Info) == 60);

/**
 * One memory map entry. `size` is the length of the entry WITHOUT the
 * size field itself: the next entry starts at (this + size + 4), which
 * lets loaders append fields; 20 is the smallest valid size.
 */
struct [[gnu::packed]] MmapEntry {
	uint32_t size;
	uint64_t base_addr;
	uint64_t length;
	uint32_t type; // kMemAvailable = usable RAM, anything else reserved
};
static_assert(sizeof(MmapEntry) == 24);
inline constexpr uint32_t kMmapEntryMinSize = 20;
inline constexpr uint32_t kMemAvailable = 1;

/** One boot module: bytes [mod_start, mod_end). */
struct [[gnu::packed]] Module {
	uint32_t mod_start;
	uint32_t mod_end;
	uint32_t string; // the module's command line, or 0
	uint32_t reserved;
};
static_assert(sizeof(Module) == 16);

}  // namespace uk::kvm::multiboot
