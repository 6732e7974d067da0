// SPDX-License-Identifier: BSD-3-Clause
//
// Randomized mutations of valid maps (byte flips, random sizes and
// lengths, random entry fields from a small address space so that
// overlaps and touching ranges are frequent). Whatever the input, the
// parser returns 0 with a well-formed result whose RAM equals the usable
// entries exactly, or -EINVAL with a reason; ASan/UBSan and the guard page
// after every buffer catch any stray access. Seeds are fixed: failures
// reproduce.

#include <gtest/gtest.h>

#include <random>

#include <uk/errno.h>

#include "bootinfo_builders.hpp"

using namespace bootinfo_test;
using uk::kvm::BootInfo;

namespace {

constexpr int kIterations = 4000;

uint64_t total_ram(const BootInfo &bi)
{
	uint64_t sum = 0;
	for (int i = 0; i < bi.nram; i++)
		sum += bi.ram[i].len;
	return sum;
}

/** Sum of usable lengths per the wire map (what a correct parse keeps). */
uint64_t usable_in_mb_map(const Bytes &map)
{
	uint64_t sum = 0;
	for (size_t off = 0; off + 24 <= map.size();) {
		uk::kvm::multiboot::MmapEntry e;
		memcpy(&e, map.data() + off, sizeof(e));
		if (e.type == 1)
			sum += e.length;
		off += e.size + 4;
	}
	return sum;
}

void check(int rc, const BootInfo &bi, const char *why)
{
	if (rc == 0) {
		ASSERT_TRUE(well_formed(bi));
	} else {
		ASSERT_EQ(rc, -UK_EINVAL);
		ASSERT_NE(why, nullptr);
	}
}

}  // namespace

TEST(BootinfoFuzz, MultibootMapMutations)
{
	std::mt19937_64 rng(0x7e55e7a);
	int ok = 0;
	for (int it = 0; it < kIterations; it++) {
		Multiboot m;
		std::vector<MbEntry> v;
		const int n = 1 + static_cast<int>(rng() % 40);
		for (int i = 0; i < n; i++) {
			const uint64_t base = (rng() % 64) * 0x1000;
			const uint64_t len = (rng() % 8) * 0x1000;
			const uint32_t type = 1 + static_cast<uint32_t>(rng() % 3) / 2;
			const uint32_t size = 20 + 4 * static_cast<uint32_t>(rng() % 3);
			v.push_back({base, len, type, size});
		}
		m.set_map(v);
		switch (rng() % 4) {
		case 0: // flip a few bytes anywhere in the map
			for (int k = rng() % 4; k >= 0; k--)
				m.map[rng() % m.map.size()] ^= 1u << (rng() % 8);
			break;
		case 1: // truncate
			m.map.resize(rng() % (m.map.size() + 1));
			break;
		case 2: // random size field of one entry (first entry: offset 0)
			{
				uint32_t s = static_cast<uint32_t>(rng() % 64);
				memcpy(m.map.data(), &s, 4);
			}
			break;
		default:
			break;
		}
		BootInfo bi;
		const char *why = nullptr;
		const int rc = uk::kvm::bootinfo_from_multiboot(m.build(), &bi, &why);
		check(rc, bi, why);
		if (rc == 0) {
			ok++;
			ASSERT_EQ(total_ram(bi), usable_in_mb_map(m.map)) << it;
		}
	}
	// The mutations must leave a share of valid maps, or the success
	// path was not exercised.
	EXPECT_GT(ok, kIterations / 50);
}

TEST(BootinfoFuzz, PvhMapMutations)
{
	std::mt19937_64 rng(0xb007);
	int ok = 0;
	for (int it = 0; it < kIterations; it++) {
		Pvh p;
		std::vector<uk::kvm::pvh::MemmapEntry> v;
		const int n = 1 + static_cast<int>(rng() % 40);
		uint64_t usable = 0;
		for (int i = 0; i < n; i++) {
			uk::kvm::pvh::MemmapEntry e{(rng() % 64) * 0x1000,
						   (rng() % 8) * 0x1000,
						   1 + static_cast<uint32_t>(rng() % 5) / 3, 0};
			if (rng() % 50 == 0)
				e.addr = ~0ull - (rng() % 0x10000);
			if (rng() % 20 == 0)
				e.type = static_cast<uint32_t>(rng());
			if (e.type == 1)
				usable += e.size;
			v.push_back(e);
		}
		p.set_map(v);
		if (rng() % 8 == 0)
			p.si.magic ^= 1u << (rng() % 32);
		if (rng() % 8 == 0)
			p.si.version = static_cast<uint32_t>(rng() % 3);
		BootInfo bi;
		const char *why = nullptr;
		const int rc = uk::kvm::bootinfo_from_pvh(p.build(), &bi, &why);
		check(rc, bi, why);
		if (rc == 0) {
			ok++;
			ASSERT_EQ(total_ram(bi), usable) << it;
		}
	}
	EXPECT_GT(ok, kIterations / 50);
}
