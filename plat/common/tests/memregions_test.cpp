// SPDX-License-Identifier: BSD-3-Clause
//
// RAM minus holes, as the KVM platforms build their allocatable regions.

#include <uk/plat/memregions.hpp>

#include <gtest/gtest.h>

namespace {

using uk::plat::Range;
using uk::plat::RegionSet;

TEST(RegionSet, HolesAreCutOutAndEdgesPageAligned)
{
	RegionSet<8> r;
	const Range holes[] = {{0x40000000, 0x40100000},   // device tree
			       {0x40200000, 0x40234567},   // image, odd end
			       {0x48000000, 0x48000010}};  // initrd
	r.add_without(0x40000000, 0x50000000, holes, 3);
	ASSERT_EQ(r.count(), 3);
	ukplat_memregion m;
	ASSERT_EQ(r.get(0, &m), 0);
	EXPECT_EQ(m.base, 0x40100000u);
	EXPECT_EQ(m.len, 0x100000u);
	EXPECT_EQ(m.flags, UKPLAT_MEMRF_ALLOCATABLE);
	ASSERT_EQ(r.get(1, &m), 0);
	EXPECT_EQ(m.base, 0x40235000u); // rounded up past the hole
	EXPECT_EQ(m.base + m.len, 0x48000000u);
	ASSERT_EQ(r.get(2, &m), 0);
	EXPECT_EQ(m.base, 0x48001000u);
	EXPECT_EQ(m.base + m.len, 0x50000000u);
	EXPECT_EQ(r.get(3, &m), -UK_EINVAL);
	EXPECT_EQ(r.get(-1, &m), -UK_EINVAL);
}

TEST(RegionSet, HolesOutsideOrCoveringEverything)
{
	RegionSet<4> r;
	const Range outside[] = {{0, 0x1000}, {0x9000, 0xa000}};
	r.add_without(0x2000, 0x8000, outside, 2);
	EXPECT_EQ(r.count(), 1);
	const Range all[] = {{0x10000, 0x30000}};
	r.add_without(0x10000, 0x30000, all, 1);
	r.add_without(0x40000, 0x40fff, nullptr, 0); // less than a page
	EXPECT_EQ(r.count(), 1);
}

TEST(RegionSet, HolesInAnyOrderAndOverlapping)
{
	RegionSet<8> r;
	const Range holes[] = {{0x9000, 0xb000}, {0x2000, 0x4000}, {0x3000, 0x5000}, {0x7000, 0x7000}};
	r.add_without(0x1000, 0xc000, holes, 4);
	ASSERT_EQ(r.count(), 3);
	ukplat_memregion m;
	r.get(0, &m);
	EXPECT_EQ(m.base, 0x1000u);
	EXPECT_EQ(m.len, 0x1000u);
	r.get(1, &m);
	EXPECT_EQ(m.base, 0x5000u); // one piece: the empty hole cuts nothing
	EXPECT_EQ(m.len, 0x4000u);
	r.get(2, &m);
	EXPECT_EQ(m.base, 0xb000u);
	EXPECT_EQ(m.len, 0x1000u);
}

TEST(RegionSet, FullTableCountsWhatItDrops)
{
	RegionSet<2> r;
	for (uintptr_t a = 0; a < 4; ++a)
		r.add_without(a * 0x10000, a * 0x10000 + 0x1000, nullptr, 0);
	EXPECT_EQ(r.count(), 2);
	EXPECT_EQ(r.dropped(), 2);
}

}  // namespace
