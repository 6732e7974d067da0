// SPDX-License-Identifier: BSD-3-Clause
//
// Builders of multiboot and PVH info blocks for the host tests. Physical
// addresses are the host addresses of the buffers (the kernel runs
// identity-mapped). Multiboot addresses are 32 bits, above what the host
// heap gives, so every structure is copied into its own mapping below
// 2 GiB (MAP_32BIT) that ends exactly at an inaccessible guard page: a
// read past what the "loader" provided crashes the test.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kvm.hpp"
#include "multiboot.hpp"
#include "pvh.hpp"

namespace bootinfo_test {

using Bytes = std::vector<uint8_t>;

/** @p data copied to low memory, its last byte right before a guard page. */
class LowCopy {
public:
	explicit LowCopy(const void *data, size_t len)
	{
		const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
		map_len_ = (len + page - 1) / page * page + page;
		void *m = mmap(nullptr, map_len_, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		if (m == MAP_FAILED)
			abort();
		map_ = static_cast<uint8_t *>(m);
		mprotect(map_ + map_len_ - page, page, PROT_NONE);
		addr_ = map_ + map_len_ - page - len;
		if (len)
			memcpy(addr_, data, len);
	}
	~LowCopy() { munmap(map_, map_len_); }
	LowCopy(const LowCopy &) = delete;
	LowCopy &operator=(const LowCopy &) = delete;
	uint32_t pa() const { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(addr_)); }
	uint8_t *data() { return addr_; }

private:
	uint8_t *map_;
	size_t map_len_;
	uint8_t *addr_;
};

/** Owns the low copies of one info block. */
struct Arena {
	std::vector<std::unique_ptr<LowCopy>> copies;
	uint32_t place(const void *data, size_t len)
	{
		copies.push_back(std::make_unique<LowCopy>(data, len));
		return copies.back()->pa();
	}
	uint32_t place(const Bytes &b) { return place(b.data(), b.size()); }
	uint32_t place(const std::string &s) { return place(s.c_str(), s.size() + 1); }
	void clear() { copies.clear(); }
};

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
	Bytes map, mods;
	std::string cmdline;
	Arena arena;

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
				map.erase(map.end() - (20 - e.size), map.end());
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
		arena.clear();
		if (info.flags & uk::kvm::multiboot::kInfoMmap) {
			info.mmap_addr = map.empty() ? 0 : arena.place(map);
			info.mmap_length = static_cast<uint32_t>(map.size());
		}
		if (info.flags & uk::kvm::multiboot::kInfoCmdline)
			info.cmdline = arena.place(cmdline);
		if (!mods.empty()) {
			info.mods_addr = arena.place(mods);
			info.mods_count = 1;
		}
		return arena.place(&info, sizeof(info));
	}
};

/** A PVH start_info block (version 1 unless changed). */
struct Pvh {
	uk::kvm::pvh::StartInfo si{uk::kvm::pvh::kMagic, 1, 0, 0, 0, 0, 0, 0, 0, 0};
	Bytes map, mods;
	std::string cmdline;
	Arena arena;
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
		arena.clear();
		if (!map.empty()) {
			si.memmap_paddr = arena.place(map);
			si.memmap_entries = static_cast<uint32_t>(
				map.size() / sizeof(uk::kvm::pvh::MemmapEntry));
		}
		if (!cmdline.empty())
			si.cmdline_paddr = arena.place(cmdline);
		if (!mods.empty()) {
			si.modlist_paddr = arena.place(mods);
			si.nr_modules = 1;
		}
		return arena.place(&si, si_size);
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
