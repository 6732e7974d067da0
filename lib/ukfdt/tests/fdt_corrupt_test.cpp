// SPDX-License-Identifier: BSD-3-Clause
//
// Truncated, malformed and randomly corrupted blobs: uk_fdt_check()
// names the problem, and no accessor reads outside the blob, whatever
// the bytes say (AddressSanitizer watches every read).

#include <uk/fdt.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fdt_builder.hpp"

namespace {

using fdt_test::Builder;

std::vector<uint8_t> fixture()
{
	std::ifstream f(std::string(UKFDT_FIXTURES) + "/qemu-virt-gicv2.dtb", std::ios::binary);
	return {std::istreambuf_iterator<char>(f), {}};
}

std::string reason(const std::vector<uint8_t> &b, size_t len)
{
	const char *why = "";
	return uk_fdt_check(b.data(), len, &why) == 0 ? "accepted" : why;
}
std::string reason(const std::vector<uint8_t> &b) { return reason(b, b.size()); }

// Header field offsets (big-endian words).
constexpr size_t kTotal = 4, kOffStruct = 8, kOffStrings = 12, kOffRsv = 16, kVersion = 20,
		 kLastComp = 24, kSizeStrings = 32, kSizeStruct = 36;
constexpr size_t kStructStart = 56; // Builder: header 40 + reservation 16

uint32_t word(const std::vector<uint8_t> &b, size_t at)
{
	return uint32_t{b[at]} << 24 | uint32_t{b[at + 1]} << 16 | uint32_t{b[at + 2]} << 8 | b[at + 3];
}

TEST(FdtCorrupt, EveryTruncationIsRejected)
{
	auto blob = fixture();
	ASSERT_EQ(reason(blob), "accepted");
	for (size_t n = 0; n < blob.size(); ++n) {
		std::vector<uint8_t> cut(blob.begin(), blob.begin() + n);
		ASSERT_NE(reason(cut), "accepted") << n;
	}
	EXPECT_EQ(reason(blob, 10), "shorter than a device tree header");
	EXPECT_EQ(reason(blob, 100), "truncated: totalsize is larger than the buffer");
}

TEST(FdtCorrupt, HeaderProblemsAreNamed)
{
	auto good = Builder().begin("").end().blob();
	ASSERT_EQ(reason(good), "accepted");
	auto with = [&](size_t at, uint32_t v) {
		auto b = good;
		Builder::put_word(b, at, v);
		return reason(b);
	};
	EXPECT_EQ(with(0, 0xfeedd00d), "bad magic (not a device tree blob)");
	EXPECT_EQ(with(kVersion, 15), "version older than 16");
	EXPECT_EQ(with(kLastComp, 18), "needs a newer reader (last compatible version above 17)");
	EXPECT_EQ(with(kTotal, 20), "totalsize smaller than the header or too large");
	EXPECT_EQ(with(kOffStruct, 58), "structure block outside the blob or misaligned");
	EXPECT_EQ(with(kSizeStruct, 0x10000), "structure block outside the blob or misaligned");
	EXPECT_EQ(with(kOffStrings, 0x10000), "strings block outside the blob");
	EXPECT_EQ(with(kSizeStrings, 0x10000), "strings block outside the blob");
	EXPECT_EQ(with(kOffRsv, 44), "memory reservation block outside the blob or misaligned");
	auto b = good;
	for (size_t i = 40; i < 56; ++i)
		b[i] = 0xff; // the only reservation entry is not the terminator
	EXPECT_NE(reason(b), "accepted");
}

TEST(FdtCorrupt, StructureProblemsAreNamed)
{
	EXPECT_EQ(reason(Builder().begin("").blob()), "END inside a node");
	EXPECT_EQ(reason(Builder().begin("").end().end().blob()), "END_NODE without a node");
	EXPECT_EQ(reason(Builder().prop_u32("x", {1}).begin("").end().blob()),
		  "property outside any node");
	EXPECT_EQ(reason(Builder().begin("").end().begin("").end().blob()), "more than one root node");
	EXPECT_EQ(reason(Builder().blob()), "no root node");
	Builder deep;
	for (int i = 0; i <= UK_FDT_MAX_DEPTH; ++i)
		deep.begin("n");
	for (int i = 0; i <= UK_FDT_MAX_DEPTH; ++i)
		deep.end();
	EXPECT_EQ(reason(deep.blob()), "nodes nested too deeply");

	auto good = Builder().begin("").prop_u32("p", {1}).end().blob();
	ASSERT_EQ(reason(good), "accepted");
	const size_t prop = kStructStart + 8; // after BEGIN_NODE "" (4 + 4)
	auto b = good;
	Builder::put_word(b, prop + 4, 0xfffffff0); // value length
	EXPECT_EQ(reason(b), "malformed token in the structure block");
	b = good;
	Builder::put_word(b, prop + 4, 0x100); // a value past the block
	EXPECT_EQ(reason(b), "malformed token in the structure block");
	b = good;
	Builder::put_word(b, prop + 8, 0x1000); // name offset
	EXPECT_EQ(reason(b), "malformed token in the structure block");
	b = good;
	Builder::put_word(b, prop, 7); // no such token
	EXPECT_EQ(reason(b), "malformed token in the structure block");
	b = good;
	Builder::put_word(b, kSizeStruct, word(b, kSizeStruct) - 4); // END cut off
	EXPECT_EQ(reason(b), "structure block ends without an END token");

	// A name that runs to the end of the structure block.
	auto n = Builder().begin("abc").end().blob();
	Builder::put_word(n, kSizeStruct, 7);
	EXPECT_NE(reason(n), "accepted");
}

// Exercises every accessor on a blob that may be anything; returns
// how many nodes the walk saw. Bounded: a walk over a corrupt blob ends.
int exercise(const void *f)
{
	int nodes = 0, depth = 0;
	for (int n = uk_fdt_root(f); n >= 0 && nodes < 10000; n = uk_fdt_next_node(f, n, &depth)) {
		++nodes;
		(void)uk_fdt_name(f, n);
		int len;
		(void)uk_fdt_prop(f, n, "compatible", &len);
		(void)uk_fdt_prop_string(f, n, "status");
		uint32_t v, cells[4];
		(void)uk_fdt_prop_u32(f, n, "phandle", &v);
		uint64_t a, s;
		(void)uk_fdt_reg(f, n, 0, &a, &s);
		(void)uk_fdt_interrupt(f, n, 0, cells, 4, nullptr);
		(void)uk_fdt_is_compatible(f, n, "virtio,mmio");
		(void)uk_fdt_first_child(f, n);
		(void)uk_fdt_next_sibling(f, n);
		if (nodes % 16 == 0)
			(void)uk_fdt_parent(f, n);
	}
	(void)uk_fdt_path(f, "/chosen");
	(void)uk_fdt_path(f, "/intc/v2m");
	(void)uk_fdt_find_compatible(f, -1, "arm,pl011");
	(void)uk_fdt_find_phandle(f, 0x8002);
	// The one-pass walk, with callbacks that read what they are given.
	struct Sum {
		unsigned bytes = 0;
		int nodes = 0;
	} sum;
	const uk_fdt_visitor v{
		[](void *arg, int, const char *name, const void *value, int len) {
			auto *s = static_cast<Sum *>(arg);
			for (int i = 0; i < len; ++i)
				s->bytes += static_cast<const uint8_t *>(value)[i];
			s->bytes += static_cast<unsigned>(strlen(name));
			return 0;
		},
		[](void *arg, const uk_fdt_node_info *n) {
			auto *s = static_cast<Sum *>(arg);
			s->bytes += static_cast<unsigned>(strlen(n->name));
			return ++s->nodes > 10000 ? 1 : 0;
		}};
	int rc = uk_fdt_walk(f, &v, &sum);
	EXPECT_TRUE(rc == 0 || rc == -UK_EINVAL || rc == 1) << rc;
	if (uk_fdt_check(f, uk_fdt_totalsize(f), nullptr) == 0)
		EXPECT_EQ(rc, 0); // a checked blob walks to its end
	return nodes;
}

void mutate_and_exercise(const std::vector<uint8_t> &good, unsigned seed, int rounds)
{
	std::mt19937 rng(seed);
	int accepted = 0;
	for (int r = 0; r < rounds; ++r) {
		auto b = good;
		int flips = 1 + static_cast<int>(rng() % 8);
		for (int i = 0; i < flips; ++i) {
			size_t at = rng() % b.size();
			switch (rng() % 3) {
			case 0: b[at] = static_cast<uint8_t>(rng()); break;
			case 1: b[at] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
			default: // a plausible big word: small numbers break offsets best
				if (at + 4 <= b.size())
					Builder::put_word(b, at & ~size_t{3}, rng() % 64);
			}
		}
		bool ok = uk_fdt_check(b.data(), b.size(), nullptr) == 0;
		accepted += ok;
		// The promise holds for any blob whose header stays inside the
		// buffer, checked or not.
		if (ok || uk_fdt_totalsize(b.data()) <= b.size())
			exercise(b.data());
	}
	// Most corruptions of names and values are still valid blobs: both
	// outcomes must have been exercised.
	EXPECT_GT(accepted, 0);
	EXPECT_LT(accepted, rounds);
}

TEST(FdtCorrupt, RandomCorruptionOfQemusTree)
{
	auto blob = fixture();
	ASSERT_GT(exercise(blob.data()), 40);
	mutate_and_exercise(blob, 1, 3000);
}

TEST(FdtCorrupt, RandomCorruptionOfSmallTrees)
{
	Builder b;
	b.begin("")
		.prop_u32("#address-cells", {2})
		.prop_u32("interrupt-parent", {1})
		.begin("intc")
		.prop_u32("phandle", {1})
		.prop_u32("#interrupt-cells", {3})
		.end()
		.begin("dev@0")
		.prop_u32("reg", {0, 0x1000, 0x100})
		.prop_u32("interrupts", {0, 1, 4})
		.prop_strs("compatible", "virtio,mmio")
		.begin("child")
		.nop()
		.end()
		.end()
		.end();
	auto blob = b.blob();
	ASSERT_EQ(reason(blob), "accepted");
	ASSERT_EQ(exercise(blob.data()), 4);
	for (unsigned seed = 2; seed < 6; ++seed)
		mutate_and_exercise(blob, seed, 2000);
}

}  // namespace
