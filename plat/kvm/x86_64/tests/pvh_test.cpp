// SPDX-License-Identifier: BSD-3-Clause
//
// bootinfo_from_pvh() on hand-made hvm_start_info blocks.

#include <gtest/gtest.h>

#include <uk/errno.h>

#include "bootinfo_builders.hpp"

using namespace bootinfo_test;
using uk::kvm::BootInfo;
using uk::kvm::bootinfo_from_pvh;
using E = uk::kvm::pvh::MemmapEntry;

namespace {

// QEMU's E820 table for -m 64 as its PVH loader passes it.
std::vector<E> qemu_map()
{
	return {{0x0, 0x9fc00, 1, 0},
		{0x9fc00, 0x400, 2, 0},
		{0xf0000, 0x10000, 2, 0},
		{0x100000, 0x3ee0000, 1, 0},
		{0x3fe0000, 0x20000, 2, 0},
		{0xfeffc000, 0x4000, 2, 0},
		{0xfffc0000, 0x40000, 2, 0}};
}

int parse(Pvh &p, BootInfo *bi, const char **why)
{
	*why = nullptr;
	return bootinfo_from_pvh(p.build(), bi, why);
}

void expect_einval(Pvh &p, const char *needle)
{
	BootInfo bi;
	const char *why;
	EXPECT_EQ(parse(p, &bi, &why), -UK_EINVAL);
	ASSERT_NE(why, nullptr);
	EXPECT_NE(std::string(why).find(needle), std::string::npos) << why;
}

}  // namespace

TEST(Pvh, QemuMapCmdlineAndModule)
{
	Pvh p;
	p.set_map(qemu_map());
	p.cmdline = "netdev.ip=10.0.0.2 -- \"x y\"";
	p.set_module(0x1000000, 0x4321);
	BootInfo bi;
	const char *why;
	ASSERT_EQ(parse(p, &bi, &why), 0) << why;
	EXPECT_TRUE(well_formed(bi));
	ASSERT_EQ(bi.nram, 2);
	EXPECT_EQ(bi.ram[1].base, 0x100000u);
	EXPECT_EQ(bi.ram[1].len, 0x3ee0000u);
	EXPECT_STREQ(bi.cmdline, "netdev.ip=10.0.0.2 -- \"x y\"");
	EXPECT_EQ(bi.initrd_base, 0x1000000u);
	EXPECT_EQ(bi.initrd_len, 0x4321u);
	EXPECT_STREQ(bi.loader, "PVH");
}

TEST(Pvh, NoCmdlineNoModule)
{
	Pvh p;
	p.set_map(qemu_map());
	BootInfo bi;
	const char *why;
	ASSERT_EQ(parse(p, &bi, &why), 0);
	EXPECT_EQ(bi.cmdline, nullptr);
	EXPECT_EQ(bi.initrd_base, 0u);
}

TEST(Pvh, RamAbove4GiB)
{
	Pvh p;
	p.set_map({{0x100000, 0xbff00000, 1, 0}, {0x100000000ull, 0x40000000, 1, 0}});
	BootInfo bi;
	const char *why;
	ASSERT_EQ(parse(p, &bi, &why), 0) << why;
	ASSERT_EQ(bi.nram, 2);
	EXPECT_EQ(bi.ram[1].base, 0x100000000ull);
}

TEST(Pvh, ModuleAtZeroMeansNone)
{
	Pvh p;
	p.set_map(qemu_map());
	p.set_module(0, 0x1000);
	BootInfo bi;
	const char *why;
	ASSERT_EQ(parse(p, &bi, &why), 0);
	EXPECT_EQ(bi.initrd_base, 0u);
	EXPECT_EQ(bi.initrd_len, 0u);
}

TEST(PvhInvalid, BadMagic)
{
	Pvh p;
	p.set_map(qemu_map());
	p.si.magic = 0x1BADB002;
	expect_einval(p, "magic");
}

TEST(PvhInvalid, Version0IsNotReadPastItsEnd)
{
	// A version 0 block is 40 bytes; the guard page right after it
	// catches any read of the version 1 fields.
	Pvh p;
	p.si.version = 0;
	p.si_size = uk::kvm::pvh::kStartInfoV0Size;
	expect_einval(p, "version 0");
}

TEST(PvhInvalid, NullAndMissingMap)
{
	BootInfo bi;
	const char *why = nullptr;
	EXPECT_EQ(bootinfo_from_pvh(0, &bi, &why), -UK_EINVAL);
	Pvh p;
	expect_einval(p, "no memory map");
}

TEST(PvhInvalid, HugeEntryCount)
{
	Pvh p;
	p.set_map(qemu_map());
	uintptr_t info = p.build();
	auto *raw = reinterpret_cast<uk::kvm::pvh::StartInfo *>(p.arena.copies.back()->data());
	raw->memmap_entries = 0xffffffff;
	BootInfo bi;
	const char *why = nullptr;
	EXPECT_EQ(bootinfo_from_pvh(info, &bi, &why), -UK_EINVAL);
	EXPECT_NE(std::string(why).find("64 KiB"), std::string::npos);
}

TEST(PvhInvalid, DamagedEntries)
{
	Pvh zero;
	zero.set_map({{0x100000, 0x1000, 1, 0}, {0x0, 0, 2, 0}});
	expect_einval(zero, "length 0");
	Pvh wrap;
	wrap.set_map({{~0ull - 0xfff, 0x1000, 1, 0}});
	expect_einval(wrap, "wraps");
	Pvh overlap;
	overlap.set_map({{0x100000, 0x1000, 1, 0}, {0x100800, 0x1000, 1, 0}});
	expect_einval(overlap, "overlapping");
	Pvh reserved;
	reserved.set_map({{0x100000, 0x10000, 1, 0}, {0x10f000, 0x2000, 2, 0}});
	expect_einval(reserved, "reserved range overlaps");
}

TEST(PvhInvalid, TooManyRanges)
{
	std::vector<E> v;
	for (uint64_t i = 0; i <= BootInfo::kMaxRegions; i++)
		v.push_back({0x100000 + i * 0x3000, 0x1000, 1, 0});
	Pvh p;
	p.set_map(v);
	expect_einval(p, "kMaxRegions");
}

TEST(PvhInvalid, ModuleListAtZeroAndWrappingModule)
{
	Pvh p;
	p.set_map(qemu_map());
	p.si.nr_modules = 2;
	expect_einval(p, "module list");
	Pvh w;
	w.set_map(qemu_map());
	w.set_module(0xfffffffffffff000ull, 0x2000);
	expect_einval(w, "wraps");
}
