// SPDX-License-Identifier: BSD-3-Clause
//
// Builders of multiboot and PVH info blocks for the host tests. Every
// structure lives in its own exactly-sized heap buffer, so ASan reports
// any read past what the "loader" provided. Physical addresses are the
// host addresses of those buffers (the kernel runs identity-mapped).
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kvm.hpp"
#include "multiboot.hpp"
#include "pvh.hpp"

namespace bootinfo_test {

using Bytes = std::vector<uint8_t>;

inline uintptr_t pa(const Bytes &b) { return reinterpret_cast<uintptr_t>(b.data()); }
inline uintptr_t pa(const std::string &s) { return reinterpret_cast<uintptr_t>(s.c_str()); }

template <typename T>
void put(Bytes &b, const T &v)
{
	const auto *p = reinterpret_cast<const uint8_t *>(&v);
	b.insert(b.end(), p, p + sizeof(T));
}

struct MbEntry {
	uint64_t base, len;
	uint32_t type;
	uint32_t size = 20; // the entry's size field (stride - 4)
};

/** A multiboot info block with an optional map, command line, module. */
struct Multiboot {
	uk::kvm::multiboot::Info info{};
	Bytes info_buf, map, mods;
	std::string cmdline;

	/** Appends entries; sizes above 20 pad the entry with 0xAA bytes. */
	void set_map(const std::vector<MbEntry> &entries)
	{
		map.clear();
		for (const auto &e : entries) {
			put(map, e.size);
			put(map, e.base);
			put(map, e.len);
			put(map, e.type);
			if (e.size < 20)
				map.resize(map.size() - (20 - e.size));
			else
				map.insert(map.end(), e.size - 20, 0xAA);
		}
		info.flags |= uk::kvm::multiboot::kInfoMmap;
	}
	void set_module(uint32_t start, uint32_t end)
	{
		mods.clear();
		put(mods, uk::kvm::multiboot::Module{start, end, 0, 0});
		info.flags |= uk::kvm::multiboot::kInfoMods;
	}
	void set_cmdline(const std::string &s)
	{
		cmdline = s;
		info.flags |= uk::kvm::multiboot::kInfoCmdline;
	}
	/** Fills in the addresses and returns the info block's address. */
	uintptr_t build()
	{
		if (info.flags & uk::kvm::multiboot::kInfoMmap) {
			info.mmap_addr = map.empty() ? 0 : uint32_of(pa(map));
			info.mmap_length = static_cast<uint32_t>(map.size());
		}
		if (info.flags & uk::kvm::multiboot::kInfoCmdline)
			info.cmdline = uint32_of(pa(cmdline));
		if (!mods.empty()) {
			info.mods_addr = uint32_of(pa(mods));
			info.mods_count = 1;
		}
		info_buf.clear();
		put(info_buf, info);
		return pa(info_buf);
	}
	/**
	 * Multiboot addresses are 32 bits: the tests only run where the heap
	 * sits below 4 GiB or where the test skips (see fits_32bit()).
	 */
	static uint32_t uint32_of(uintptr_t p) { return static_cast<uint32_t>(p); }
};

/** True when host heap addresses fit the 32-bit multiboot fields. */
inline bool heap_fits_32bit()
{
	auto probe = std::make_unique<uint8_t[]>(1 << 20);
	return reinterpret_cast<uintptr_t>(probe.get()) + (1 << 20) < (1ull << 32);
}

/** A PVH start_info block (version 1 unless changed). */
struct Pvh {
	uk::kvm::pvh::StartInfo si{uk::kvm::pvh::kMagic, 1, 0, 0, 0, 0, 0, 0, 0, 0};
	Bytes si_buf, map, mods;
	std::string cmdline;
	size_t si_size = sizeof(uk::kvm::pvh::StartInfo);

	void set_map(const std::vector<uk::kvm::pvh::MemmapEntry> &entries)
	{
		map.clear();
		for (const auto &e : entries)
			put(map, e);
	}
	void set_module(uint64_t paddr, uint64_t size)
	{
		mods.clear();
		put(mods, uk::kvm::pvh::ModlistEntry{paddr, size, 0, 0});
	}
	uintptr_t build()
	{
		if (!map.empty()) {
			si.memmap_paddr = pa(map);
			si.memmap_entries = static_cast<uint32_t>(
				map.size() / sizeof(uk::kvm::pvh::MemmapEntry));
		}
		if (!cmdline.empty())
			si.cmdline_paddr = pa(cmdline);
		if (!mods.empty()) {
			si.modlist_paddr = pa(mods);
			si.nr_modules = 1;
		}
		si_buf.clear();
		put(si_buf, si);
		si_buf.resize(si_size);
		return pa(si_buf);
	}
};

/** The invariants every successful parse guarantees. */
inline ::testing::AssertionResult well_formed(const uk::kvm::BootInfo &bi)
{
	if (bi.nram < 1 || bi.nram > uk::kvm::BootInfo::kMaxRegions)
		return ::testing::AssertionFailure() << "nram " << bi.nram;
	for (int i = 0; i < bi.nram; i++) {
		const auto &r = bi.ram[i];
		if (r.len == 0 || r.base + r.len < r.base)
			return ::testing::AssertionFailure() << "bad region " << i;
		if (r.flags != UKPLAT_MEMRF_ALLOCATABLE)
			return ::testing::AssertionFailure() << "flags " << i;
		// Sorted, and strictly apart (touching ranges are merged).
		if (i > 0 && bi.ram[i - 1].base + bi.ram[i - 1].len >= r.base)
			return ::testing::AssertionFailure() << "order " << i;
	}
	return ::testing::AssertionSuccess();
}

}  // namespace bootinfo_test
