// SPDX-License-Identifier: BSD-3-Clause
//
// bootinfo_from_multiboot() on hand-made info blocks: what QEMU gives,
// the fallbacks, and each kind of damage that must give -EINVAL.

#include <gtest/gtest.h>

#include <uk/errno.h>

#include "bootinfo_builders.hpp"

using namespace bootinfo_test;
using uk::kvm::BootInfo;
using uk::kvm::bootinfo_from_multiboot;
namespace mb = uk::kvm::multiboot;

namespace {

// SeaBIOS's E820 map for 64 MiB, as QEMU's multiboot loader passes it.
std::vector<MbEntry> qemu_map()
{
	return {{0x0, 0x9fc00, 1},          {0x9fc00, 0x400, 2},
		{0xf0000, 0x10000, 2},      {0x100000, 0x3ee0000, 1},
		{0x3fe0000, 0x20000, 2},    {0xfffc0000, 0x40000, 2}};
}

struct Parsed {
	int rc;
	BootInfo bi;
	const char *why = nullptr;
};

Parsed parse(Multiboot &m)
{
	Parsed p{};
	p.rc = bootinfo_from_multiboot(m.build(), &p.bi, &p.why);
	return p;
}

void expect_einval(Multiboot &m, const char *needle)
{
	Parsed p = parse(m);
	EXPECT_EQ(p.rc, -UK_EINVAL);
	ASSERT_NE(p.why, nullptr);
	EXPECT_NE(std::string(p.why).find(needle), std::string::npos) << p.why;
	EXPECT_EQ(std::string(p.why).find('\n'), std::string::npos);
}

}  // namespace

TEST(Multiboot, QemuMapCmdlineAndModule)
{
	Multiboot m;
	m.set_map(qemu_map());
	m.set_cmdline("console=ttyS0 -- a b");
	m.set_module(0x200000, 0x201234);
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0) << p.why;
	EXPECT_TRUE(well_formed(p.bi));
	ASSERT_EQ(p.bi.nram, 2);
	EXPECT_EQ(p.bi.ram[0].base, 0u);
	EXPECT_EQ(p.bi.ram[0].len, 0x9fc00u);
	EXPECT_EQ(p.bi.ram[1].base, 0x100000u);
	EXPECT_EQ(p.bi.ram[1].len, 0x3ee0000u);
	EXPECT_STREQ(p.bi.cmdline, "console=ttyS0 -- a b");
	EXPECT_EQ(p.bi.initrd_base, 0x200000u);
	EXPECT_EQ(p.bi.initrd_len, 0x1234u);
	EXPECT_STREQ(p.bi.loader, "multiboot");
}

TEST(Multiboot, EntrySizeFieldIsTheStride)
{
	// Loaders may append fields: size 28 means 8 extra bytes per entry.
	Multiboot m;
	m.set_map({{0x0, 0x9f000, 1, 28}, {0x100000, 0x100000, 1, 24},
		   {0x300000, 0x1000, 2, 20}, {0x400000, 0x2000, 1, 36}});
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0) << p.why;
	ASSERT_EQ(p.bi.nram, 3);
	EXPECT_EQ(p.bi.ram[2].base, 0x400000u);
	EXPECT_EQ(p.bi.ram[2].len, 0x2000u);
}

TEST(Multiboot, NoFlagsMeansNoCmdlineNoModule)
{
	Multiboot m;
	m.set_map(qemu_map());
	m.cmdline = "ignored";
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.bi.cmdline, nullptr);
	EXPECT_EQ(p.bi.initrd_base, 0u);
	EXPECT_EQ(p.bi.initrd_len, 0u);
}

TEST(Multiboot, UnsortedTouchingRangesAreSortedAndMerged)
{
	Multiboot m;
	m.set_map({{0x300000, 0x100000, 1}, {0x100000, 0x100000, 1},
		   {0x500000, 0x1000, 1}, {0x200000, 0x100000, 1}});
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0) << p.why;
	EXPECT_TRUE(well_formed(p.bi));
	ASSERT_EQ(p.bi.nram, 2);
	EXPECT_EQ(p.bi.ram[0].base, 0x100000u);
	EXPECT_EQ(p.bi.ram[0].len, 0x300000u);
	EXPECT_EQ(p.bi.ram[1].base, 0x500000u);
}

TEST(Multiboot, MemLowerUpperFallback)
{
	Multiboot m;
	m.info.flags = mb::kInfoMemory;
	m.info.mem_lower = 639;
	m.info.mem_upper = 64512;
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0) << p.why;
	ASSERT_EQ(p.bi.nram, 2);
	EXPECT_EQ(p.bi.ram[0].len, 639u * 1024);
	EXPECT_EQ(p.bi.ram[1].base, 0x100000u);
	EXPECT_EQ(p.bi.ram[1].len, 64512u * 1024);
}

TEST(Multiboot, MemFieldsOnlyUpper)
{
	Multiboot m;
	m.info.flags = mb::kInfoMemory;
	m.info.mem_upper = 1024;
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0);
	ASSERT_EQ(p.bi.nram, 1);
}

TEST(Multiboot, ManyTouchingRangesMergeBelowTheLimit)
{
	std::vector<MbEntry> v;
	for (int i = 0; i < 100; i++)
		v.push_back({0x100000u + i * 0x1000u, 0x1000, 1});
	Multiboot m;
	m.set_map(v);
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0) << p.why;
	ASSERT_EQ(p.bi.nram, 1);
	EXPECT_EQ(p.bi.ram[0].len, 100u * 0x1000);
}

TEST(Multiboot, ExactlyMaxRegionsFits)
{
	std::vector<MbEntry> v;
	for (int i = 0; i < BootInfo::kMaxRegions; i++)
		v.push_back({0x100000u + i * 0x2000u, 0x1000, 1});
	Multiboot m;
	m.set_map(v);
	Parsed p = parse(m);
	ASSERT_EQ(p.rc, 0) << p.why;
	EXPECT_EQ(p.bi.nram, BootInfo::kMaxRegions);
	EXPECT_TRUE(well_formed(p.bi));
}

TEST(MultibootInvalid, TooManySeparateRanges)
{
	std::vector<MbEntry> v;
	for (int i = 0; i < BootInfo::kMaxRegions + 1; i++)
		v.push_back({0x100000u + i * 0x2000u, 0x1000, 1});
	Multiboot m;
	m.set_map(v);
	expect_einval(m, "kMaxRegions");
}

TEST(MultibootInvalid, NullInfo)
{
	BootInfo bi;
	const char *why = nullptr;
	EXPECT_EQ(bootinfo_from_multiboot(0, &bi, &why), -UK_EINVAL);
	EXPECT_NE(why, nullptr);
}

TEST(MultibootInvalid, NoMemoryInformation)
{
	Multiboot m;
	expect_einval(m, "neither");
	Multiboot z;
	z.info.flags = mb::kInfoMemory;
	expect_einval(z, "both 0");
}

TEST(MultibootInvalid, EntrySizeZero)
{
	Multiboot m;
	m.set_map({{0x100000, 0x1000, 1, 0}});
	expect_einval(m, "size");
}

TEST(MultibootInvalid, EntrySizeRunsPastLength)
{
	Multiboot m;
	m.set_map({{0x0, 0x9f000, 1}, {0x100000, 0x1000, 1}});
	// Claims 28 bytes of payload but the map ends after 20.
	uint32_t big = 28;
	memcpy(m.map.data() + 24, &big, 4);
	expect_einval(m, "past mmap_length");
}

TEST(MultibootInvalid, TrailingBytesShorterThanSizeField)
{
	Multiboot m;
	m.set_map({{0x100000, 0x1000, 1}});
	m.map.push_back(0);
	m.map.push_back(0);
	expect_einval(m, "past mmap_length");
}

TEST(MultibootInvalid, TruncatedMapLength)
{
	for (size_t cut = 1; cut < 24; cut++) {
		Multiboot m;
		m.set_map({{0x0, 0x9f000, 1}, {0x100000, 0x1000, 1}});
		m.map.resize(48 - cut);
		Parsed p = parse(m);
		EXPECT_EQ(p.rc, -UK_EINVAL) << cut;
	}
}

TEST(MultibootInvalid, ZeroLengthEntry)
{
	Multiboot m;
	m.set_map({{0x100000, 0x1000, 1}, {0x200000, 0, 2}});
	expect_einval(m, "length 0");
}

TEST(MultibootInvalid, WrappingEntry)
{
	Multiboot m;
	m.set_map({{0xfffffffffffff000ull, 0x2000, 1}});
	expect_einval(m, "wraps");
}

TEST(MultibootInvalid, OverlappingRam)
{
	Multiboot m;
	m.set_map({{0x100000, 0x200000, 1}, {0x200000, 0x200000, 1}});
	expect_einval(m, "overlapping");
	Multiboot inside;
	inside.set_map({{0x100000, 0x400000, 1}, {0x200000, 0x1000, 1}});
	expect_einval(inside, "overlapping");
}

TEST(MultibootInvalid, ReservedInsideRam)
{
	Multiboot m;
	m.set_map({{0x100000, 0x400000, 1}, {0x200000, 0x1000, 2}});
	expect_einval(m, "reserved range overlaps");
	// Order must not matter.
	Multiboot r;
	r.set_map({{0x200000, 0x1000, 2}, {0x100000, 0x400000, 1}});
	expect_einval(r, "reserved range overlaps");
}

TEST(MultibootInvalid, OnlyReserved)
{
	Multiboot m;
	m.set_map({{0x100000, 0x400000, 2}});
	expect_einval(m, "no usable RAM");
}

TEST(MultibootInvalid, MapAtZeroOrHuge)
{
	Multiboot m;
	m.info.flags = mb::kInfoMmap;
	expect_einval(m, "address 0");

	Multiboot h;
	h.set_map(qemu_map());
	uintptr_t info = h.build();
	auto *raw = reinterpret_cast<mb::Info *>(h.arena.copies.back()->data());
	raw->mmap_length = 0x100000;
	BootInfo bi;
	const char *why = nullptr;
	EXPECT_EQ(bootinfo_from_multiboot(info, &bi, &why), -UK_EINVAL);
	EXPECT_NE(std::string(why).find("64 KiB"), std::string::npos);
}

TEST(MultibootInvalid, ModuleBackwards)
{
	Multiboot m;
	m.set_map(qemu_map());
	m.set_module(0x300000, 0x200000);
	expect_einval(m, "module");
}

TEST(MultibootInvalid, ModuleListAtZero)
{
	Multiboot m;
	m.set_map(qemu_map());
	m.info.flags |= mb::kInfoMods;
	m.info.mods_count = 3;
	expect_einval(m, "module list");
}
