// SPDX-License-Identifier: BSD-3-Clause
//
// The arm64 mapper and walk on tables in test memory (host pointers are
// the "physical" addresses, as the identity map makes them in the image).

#include <cstdlib>
#include <vector>

#include <gtest/gtest.h>

#include "pagetable.hpp"

namespace {

using namespace uk::kvm::pt;

struct TestPool {
	std::vector<uint64_t *> pages;
	int limit = 64;
	int writes = 0;
	uint64_t *alloc()
	{
		if (static_cast<int>(pages.size()) == limit)
			return nullptr;
		auto *t = static_cast<uint64_t *>(std::aligned_alloc(4096, 4096));
		for (int i = 0; i < 512; ++i)
			t[i] = 0;
		pages.push_back(t);
		return t;
	}
	void write(uint64_t *e, uint64_t v)
	{
		++writes;
		*e = v;
	}
	~TestPool()
	{
		for (auto *p : pages)
			std::free(p);
	}
};

struct Tables {
	alignas(4096) uint64_t root[512] = {};
	TestPool pool;
	Mapper<TestPool> m{root, pool};
	uint64_t leaf(uint64_t va)
	{
		return leaf_of(reinterpret_cast<uintptr_t>(root), va,
			       [](uint64_t a) { return *reinterpret_cast<const uint64_t *>(a); });
	}
	int level(uint64_t va)
	{
		// The level a leaf sits at, from how much of va it covers.
		uint64_t e = leaf(va);
		if (!e)
			return 0;
		uint64_t base = e & kAddrMask;
		for (int l = 1; l <= 3; ++l)
			if (base == (va & ~(level_size(l) - 1)) && (l == 3 || !(e & kTableOrPage)) &&
			    leaf(va | (level_size(l) - 1)) == e)
				return l;
		return -1;
	}
};

constexpr uint64_t kGiB = 1ULL << 30, kMiB = 1ULL << 20;

TEST(PageTable, LargestBlocksThatFit)
{
	Tables t;
	// 1 GiB + 2 MiB + 12 KiB starting at 1 GiB.
	ASSERT_TRUE(t.m.map(kGiB, kGiB + 2 * kMiB + 0x3000, kNormalData));
	EXPECT_EQ(t.level(kGiB), 1);
	EXPECT_EQ(t.level(kGiB + 0x12345), 1);
	EXPECT_EQ(t.level(2 * kGiB), 2);
	EXPECT_EQ(t.level(2 * kGiB + 2 * kMiB), 3);
	EXPECT_EQ(t.level(2 * kGiB + 2 * kMiB + 0x2fff), 3);
	EXPECT_EQ(t.leaf(2 * kGiB + 2 * kMiB + 0x3000), 0u);
	EXPECT_EQ(t.leaf(kGiB - 1), 0u);
	EXPECT_EQ(t.pool.pages.size(), 2u); // one L2, one L3
	uint64_t e = t.leaf(kGiB + 5);
	EXPECT_EQ(e & kAddrMask, kGiB);
	EXPECT_EQ(e & kAttrMask, kNormalData);
	EXPECT_EQ(t.leaf(1ULL << 39), 0u); // beyond 39 bits
}

TEST(PageTable, RemappingSplitsBlocksAndKeepsTheRest)
{
	Tables t;
	ASSERT_TRUE(t.m.map(kGiB, kGiB, kNormalData));
	uint64_t text = kGiB + 5 * kMiB + 0x1000;
	ASSERT_TRUE(t.m.map(text, 0x2000, kNormalText));
	ASSERT_TRUE(t.m.map(text + 0x2000, 0x1000, kAbsent));
	EXPECT_EQ(t.leaf(text) & kAttrMask, kNormalText);
	EXPECT_EQ(t.leaf(text + 0x1000) & kAttrMask, kNormalText);
	EXPECT_EQ(t.leaf(text + 0x2000), 0u);
	EXPECT_EQ(t.leaf(text + 0x3000) & kAttrMask, kNormalData);
	EXPECT_EQ(t.leaf(text - 1) & kAttrMask, kNormalData);
	EXPECT_EQ(t.level(kGiB), 2);        // the GiB became 2 MiB blocks
	EXPECT_EQ(t.level(kGiB + 511 * 2 * kMiB), 2);
	EXPECT_EQ(t.level(text), 3);
	// Every address keeps its identity mapping.
	for (uint64_t a = kGiB; a < 2 * kGiB; a += 0x7ff000)
		if (uint64_t e = t.leaf(a))
			EXPECT_EQ(e & kAddrMask, a & ~(level_size(t.level(a)) - 1)) << std::hex << a;
	// Guard page back.
	ASSERT_TRUE(t.m.map(text + 0x2000, 0x1000, kNormalData));
	EXPECT_EQ(t.leaf(text + 0x2000) & kAddrMask, text + 0x2000);
}

TEST(PageTable, PoolExhaustionIsReported)
{
	Tables t;
	t.pool.limit = 1;
	ASSERT_TRUE(t.m.map(kGiB, kGiB, kDevice));
	EXPECT_FALSE(t.m.map(kGiB + 0x1000, 0x1000, kAbsent)); // needs an L2 and an L3
	EXPECT_NE(t.leaf(kGiB), 0u);
}

TEST(PageTable, DescriptorsCarryTheTypeBitsOfTheirLevel)
{
	EXPECT_EQ(leaf(0x40000000, kNormalData, 1) & 3, 1u);
	EXPECT_EQ(leaf(0x40200000, kNormalData, 2) & 3, 1u);
	EXPECT_EQ(leaf(0x40201000, kNormalData, 3) & 3, 3u);
	EXPECT_EQ(leaf(0x40201000, kAbsent, 3), 0u);
	EXPECT_TRUE(kNormalText & kApReadOnly);
	EXPECT_FALSE(kNormalText & kPxn);
	EXPECT_TRUE(kNormalRodata & kPxn);
	EXPECT_TRUE(kDevice & kPxn);
}

}  // namespace
