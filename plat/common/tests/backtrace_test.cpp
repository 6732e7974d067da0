// SPDX-License-Identifier: BSD-3-Clause
// Host tests of backtrace.hpp: the page-table check and the bounded walk
// over rbp frames, on fake tables and a fake stack.
#include <gtest/gtest.h>

#include <map>

#include "../x86_64/backtrace.hpp"

using namespace uk::plat::x86;

namespace {

// A fake physical memory holding page tables: phys -> entry.
struct FakeTables {
	std::map<uint64_t, uint64_t> mem;
	uint64_t read(uint64_t phys) const
	{
		auto it = mem.find(phys);
		return it == mem.end() ? 0 : it->second;
	}
	void set(uint64_t table, uint64_t index, uint64_t e) { mem[table + index * 8] = e; }
};

constexpr uint64_t P = kPtePresent, W = 2, L = kPteLarge;

TEST(PageTables, FourKiB2MiBAnd1GiBPagesAndHoles)
{
	FakeTables t;
	const uint64_t pml4 = 0x1000, pdpt = 0x2000, pd = 0x3000, pt = 0x4000;
	t.set(pml4, 0, pdpt | P | W);
	t.set(pdpt, 0, pd | P | W);             // 0 - 1 GiB through a PD
	t.set(pdpt, 1, 0x40000000 | P | W | L); // 1 - 2 GiB: one 1 GiB page
	t.set(pd, 0, pt | P | W);               // 0 - 2 MiB through a PT
	t.set(pd, 1, 0x200000 | P | W | L);     // 2 - 4 MiB: a 2 MiB page
	t.set(pt, 1, 0x1000 | P | W);           // only page 1 of the first 2 MiB
	t.set(pt, 2, 0x2000 | W);               // page 2: not present (a guard)
	auto rd = [&](uint64_t a) { return t.read(a); };
	EXPECT_FALSE(vaddr_mapped(pml4, 0x0, rd));
	EXPECT_TRUE(vaddr_mapped(pml4, 0x1008, rd));
	EXPECT_FALSE(vaddr_mapped(pml4, 0x2008, rd));
	EXPECT_TRUE(vaddr_mapped(pml4, 0x2fffff, rd));
	EXPECT_FALSE(vaddr_mapped(pml4, 0x400000, rd));
	EXPECT_TRUE(vaddr_mapped(pml4, 0x7fffffff, rd));
	EXPECT_FALSE(vaddr_mapped(pml4, 0x80000000, rd));
	EXPECT_FALSE(vaddr_mapped(pml4, 0x0000800000001008ULL, rd)); // not canonical
	EXPECT_FALSE(vaddr_mapped(pml4 | 0x18 /* cr3 flag bits */, 0xffff800000000000ULL, rd));
	EXPECT_TRUE(vaddr_mapped(pml4 | 0x18, 0x1008, rd));
}

// A fake stack: frames are pairs (saved rbp, return address).
struct FakeStack {
	alignas(16) uintptr_t words[256] = {};
	uintptr_t addr(int i) const { return reinterpret_cast<uintptr_t>(&words[i]); }
	bool contains(uintptr_t a) const { return a >= addr(0) && a < addr(256); }
	void frame(int at, uintptr_t next_rbp, uintptr_t ret)
	{
		words[at] = next_rbp;
		words[at + 1] = ret;
	}
};

TEST(Frames, WalksToTheOutermostFrame)
{
	FakeStack s;
	s.frame(10, s.addr(20), 0x1111);
	s.frame(20, s.addr(40), 0x2222);
	s.frame(40, 0, 0x3333); // rbp 0 above: outermost
	uintptr_t out[8];
	auto ok = [&](uintptr_t a) { return s.contains(a); };
	ASSERT_EQ(walk_frames(s.addr(10), s.addr(4), ok, out, 8), 3);
	EXPECT_EQ(out[0], 0x1111u);
	EXPECT_EQ(out[2], 0x3333u);
}

TEST(Frames, StopsAtLoopsBadPointersAndTheBound)
{
	FakeStack s;
	uintptr_t out[8];
	auto ok = [&](uintptr_t a) { return s.contains(a); };
	s.frame(10, s.addr(10), 0x1111); // points at itself
	EXPECT_EQ(walk_frames(s.addr(10), s.addr(0), ok, out, 8), 1);
	s.frame(10, s.addr(4), 0x1111); // points down the stack
	EXPECT_EQ(walk_frames(s.addr(10), s.addr(0), ok, out, 8), 1);
	s.frame(10, s.addr(20) + 3, 0x1111); // misaligned
	EXPECT_EQ(walk_frames(s.addr(10), s.addr(0), ok, out, 8), 1);
	s.frame(10, 0xdead0000, 0x1111); // unmapped: never read
	EXPECT_EQ(walk_frames(s.addr(10), s.addr(0), ok, out, 8), 1);
	s.frame(10, s.addr(255), 0x1111); // frame's second word off the stack
	EXPECT_EQ(walk_frames(s.addr(10), s.addr(0), ok, out, 8), 1);
	EXPECT_EQ(walk_frames(s.addr(10), s.addr(12), ok, out, 8), 0); // rbp below rsp
	EXPECT_EQ(walk_frames(0, s.addr(0), ok, out, 8), 0);
	EXPECT_EQ(walk_frames(UINTPTR_MAX - 7, 0, [](uintptr_t) { return true; }, out, 8), 0);
	s.frame(10, s.addr(20), 0); // return address 0 ends the walk
	EXPECT_EQ(walk_frames(s.addr(10), s.addr(0), ok, out, 8), 0);
}

TEST(Frames, AtMostMaxFramesAndWithinTheSpan)
{
	FakeStack s;
	for (int i = 0; i < 120; ++i)
		s.frame(2 * i, s.addr(2 * i + 2), 0x1000 + i);
	uintptr_t out[8];
	auto ok = [&](uintptr_t a) { return s.contains(a); };
	EXPECT_EQ(walk_frames(s.addr(0), s.addr(0), ok, out, 8), 8);
	EXPECT_EQ(out[7], 0x1007u);
	// Everything readable, frames far apart: the span bound stops it.
	alignas(16) static uintptr_t far[2];
	far[0] = reinterpret_cast<uintptr_t>(far) + kMaxStackSpan + 64;
	far[1] = 0x4444;
	EXPECT_EQ(walk_frames(reinterpret_cast<uintptr_t>(far), reinterpret_cast<uintptr_t>(far),
			      [&](uintptr_t a) { return a == far[0] ? false : true; }, out, 8), 1);
}

}  // namespace
