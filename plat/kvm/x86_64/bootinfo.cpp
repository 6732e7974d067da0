// SPDX-License-Identifier: BSD-3-Clause
//
// Boot protocol parsers: multiboot v1 information and the PVH start_info
// turned into one BootInfo. Pure code (no platform calls, no globals):
// the host tests link this file as it is.
//
// Contract of the result (both protocols):
//   - out->ram holds the usable RAM only, sorted by base, with touching
//     ranges merged into one; no two ranges overlap.
//   - Reserved ranges are dropped, but one that overlaps usable RAM makes
//     the whole map invalid: we cannot tell which of the two is right.
//   - Structural damage (entry size too small or running past the map,
//     zero-length or wrapping ranges, overlaps, too many ranges after
//     merging, a map at address 0, implausibly long maps) gives -EINVAL
//     and a static one-line reason in *why. Nothing is written outside
//     *out, and every loop is bounded by the map's own length, capped at
//     kMaxMapBytes, so a corrupt pointer can at worst fault, never hang.
//
// Loader data is read with memcpy because multiboot map entries are only
// 4-byte aligned (the stride is size + 4) and the structures are packed.

#include <uk/errno.h>

#include "kvm.hpp"
#include "multiboot.hpp"
#include "pvh.hpp"

namespace uk::kvm {
namespace {

/** No loader builds maps this long; a larger length is corruption. */
constexpr uint64_t kMaxMapBytes = 64 * 1024;

template <typename T>
T load(uintptr_t paddr)
{
	T v;
	__builtin_memcpy(&v, reinterpret_cast<const void *>(paddr), sizeof(T));
	return v;
}

int fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -UK_EINVAL;
}

/** Validates one range of any type: nonzero and not wrapping. */
int check_range(uint64_t base, uint64_t len, const char **why)
{
	if (len == 0)
		return fail(why, "memory map entry of length 0");
	if (base + len < base)
		return fail(why, "memory map entry wraps past the top of memory");
	return 0;
}

/**
 * Inserts usable RAM [base, base+len) into out->ram, keeping it sorted,
 * merging a range that touches a neighbour and rejecting overlaps.
 */
int add_ram(BootInfo *out, uint64_t base, uint64_t len, const char **why)
{
	if (int r = check_range(base, len, why))
		return r;
	const uint64_t end = base + len;
	ukplat_memregion *ram = out->ram;
	int i = 0;
	while (i < out->nram && ram[i].base < base)
		i++;
	const bool has_prev = i > 0;
	const bool has_next = i < out->nram;
	if (has_prev && ram[i - 1].base + ram[i - 1].len > base)
		return fail(why, "overlapping RAM ranges in the memory map");
	if (has_next && ram[i].base < end)
		return fail(why, "overlapping RAM ranges in the memory map");

	const bool join_prev = has_prev && ram[i - 1].base + ram[i - 1].len == base;
	const bool join_next = has_next && ram[i].base == end;
	if (join_prev && join_next) {
		ram[i - 1].len += len + ram[i].len;
		for (int k = i; k + 1 < out->nram; k++)
			ram[k] = ram[k + 1];
		out->nram--;
	} else if (join_prev) {
		ram[i - 1].len += len;
	} else if (join_next) {
		ram[i].base = base;
		ram[i].len += len;
	} else {
		if (out->nram == BootInfo::kMaxRegions)
			return fail(why, "more separate RAM ranges than "
					 "BootInfo::kMaxRegions");
		for (int k = out->nram; k > i; k--)
			ram[k] = ram[k - 1];
		ram[i] = {base, len, UKPLAT_MEMRF_ALLOCATABLE};
		out->nram++;
	}
	return 0;
}

/** Reserved ranges must stay clear of usable RAM (called after pass 1). */
int check_reserved(const BootInfo *out, uint64_t base, uint64_t len,
		   const char **why)
{
	const uint64_t end = base + len;
	for (int i = 0; i < out->nram; i++) {
		const ukplat_memregion &r = out->ram[i];
		if (base < r.base + r.len && r.base < end)
			return fail(why, "reserved range overlaps RAM in the "
					 "memory map");
	}
	return 0;
}

/**
 * Runs the two passes over a map: @p walk(fn) calls fn(base, len, usable)
 * per entry and stops at the first nonzero return.
 */
template <typename Walk>
int collect_ram(BootInfo *out, Walk walk, const char **why)
{
	int r = walk([&](uint64_t base, uint64_t len, bool usable) {
		return usable ? add_ram(out, base, len, why)
			      : check_range(base, len, why);
	});
	if (r)
		return r;
	r = walk([&](uint64_t base, uint64_t len, bool usable) {
		return usable ? 0 : check_reserved(out, base, len, why);
	});
	if (r)
		return r;
	if (out->nram == 0)
		return fail(why, "no usable RAM in the memory map");
	return 0;
}

int multiboot_map(BootInfo *out, const multiboot::Info &mbi, const char **why)
{
	using multiboot::MmapEntry;
	const uint64_t length = mbi.mmap_length;
	const uintptr_t addr = mbi.mmap_addr;
	if (addr == 0)
		return fail(why, "multiboot memory map at address 0");
	if (length > kMaxMapBytes)
		return fail(why, "multiboot memory map longer than 64 KiB");
	auto walk = [&](auto &&fn) -> int {
		uint64_t off = 0;
		while (off < length) {
			if (length - off < sizeof(uint32_t))
				return fail(why, "multiboot memory map entry runs "
						 "past mmap_length");
			const uint32_t size = load<uint32_t>(addr + off);
			if (size < multiboot::kMmapEntryMinSize)
				return fail(why, "multiboot memory map entry size "
						 "below 20 (0 or truncated)");
			if (size > length - off - sizeof(uint32_t))
				return fail(why, "multiboot memory map entry runs "
						 "past mmap_length");
			const auto e = load<MmapEntry>(addr + off);
			if (int r = fn(e.base_addr, e.length,
				       e.type == multiboot::kMemAvailable))
				return r;
			off += uint64_t{size} + sizeof(uint32_t);
		}
		return 0;
	};
	return collect_ram(out, walk, why);
}

/** Without a map: mem_lower KiB at 0 and mem_upper KiB at 1 MiB. */
int multiboot_mem_fields(BootInfo *out, const multiboot::Info &mbi,
			 const char **why)
{
	if (mbi.mem_lower)
		if (int r = add_ram(out, 0, uint64_t{mbi.mem_lower} * 1024, why))
			return r;
	if (mbi.mem_upper)
		if (int r = add_ram(out, 0x100000,
				    uint64_t{mbi.mem_upper} * 1024, why))
			return r;
	if (out->nram == 0)
		return fail(why, "multiboot mem_lower and mem_upper are both 0");
	return 0;
}

}  // namespace

int bootinfo_from_multiboot(uintptr_t info, BootInfo *out, const char **why)
{
	*out = BootInfo{};
	out->loader = "multiboot";
	if (info == 0)
		return fail(why, "multiboot information at address 0");
	const auto mbi = load<multiboot::Info>(info);

	int r;
	if (mbi.flags & multiboot::kInfoMmap)
		r = multiboot_map(out, mbi, why);
	else if (mbi.flags & multiboot::kInfoMemory)
		r = multiboot_mem_fields(out, mbi, why);
	else
		r = fail(why, "multiboot information has neither a memory map "
			      "nor mem_lower/mem_upper");
	if (r)
		return r;

	if ((mbi.flags & multiboot::kInfoCmdline) && mbi.cmdline)
		out->cmdline = reinterpret_cast<const char *>(
			uintptr_t{mbi.cmdline});

	if ((mbi.flags & multiboot::kInfoMods) && mbi.mods_count) {
		if (mbi.mods_addr == 0)
			return fail(why, "multiboot module list at address 0");
		const auto mod = load<multiboot::Module>(mbi.mods_addr);
		if (mod.mod_end < mod.mod_start)
			return fail(why, "multiboot module ends before it starts");
		if (mod.mod_start) {
			out->initrd_base = mod.mod_start;
			out->initrd_len = mod.mod_end - mod.mod_start;
		}
	}
	return 0;
}

int bootinfo_from_pvh(uintptr_t info, BootInfo *out, const char **why)
{
	using pvh::MemmapEntry;
	*out = BootInfo{};
	out->loader = "PVH";
	if (info == 0)
		return fail(why, "PVH start info at address 0");
	// Version 0 structures end before memmap_paddr: read only what the
	// version guarantees exists.
	pvh::StartInfo si{};
	__builtin_memcpy(&si, reinterpret_cast<const void *>(info),
			 pvh::kStartInfoV0Size);
	if (si.magic != pvh::kMagic)
		return fail(why, "bad PVH start info magic");
	if (si.version < 1)
		return fail(why, "PVH start info version 0 has no memory map");
	si = load<pvh::StartInfo>(info);

	const uintptr_t map = si.memmap_paddr;
	const uint64_t n = si.memmap_entries;
	if (map == 0 || n == 0)
		return fail(why, "PVH start info has no memory map");
	if (n * sizeof(MemmapEntry) > kMaxMapBytes)
		return fail(why, "PVH memory map longer than 64 KiB");
	auto walk = [&](auto &&fn) -> int {
		for (uint64_t i = 0; i < n; i++) {
			const auto e = load<MemmapEntry>(map + i * sizeof(MemmapEntry));
			if (int r = fn(e.addr, e.size, e.type == pvh::kMemmapRam))
				return r;
		}
		return 0;
	};
	if (int r = collect_ram(out, walk, why))
		return r;

	if (si.cmdline_paddr)
		out->cmdline = reinterpret_cast<const char *>(
			uintptr_t{si.cmdline_paddr});

	if (si.nr_modules) {
		if (si.modlist_paddr == 0)
			return fail(why, "PVH module list at address 0");
		const auto mod = load<pvh::ModlistEntry>(si.modlist_paddr);
		if (mod.paddr + mod.size < mod.paddr)
			return fail(why, "PVH module wraps past the top of memory");
		if (mod.paddr) {
			out->initrd_base = mod.paddr;
			out->initrd_len = mod.size;
		}
	}
	return 0;
}

}  // namespace uk::kvm
