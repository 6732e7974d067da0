// SPDX-License-Identifier: BSD-3-Clause
// console_ring.hpp against a simulated xenconsoled that drains the ring
// by random amounts: what it reads is exactly what was written ("\n" as
// "\r\n"), across index wrap-around (including 32-bit overflow), and a
// corrupt index from the backend stops the writer instead of overrunning.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "console_ring.hpp"

using namespace uk::xen;

namespace {

struct Backend {
	uk::xen::abi::XenconsInterface intf{};
	std::string got;
	void drain(size_t max)
	{
		while (max-- && intf.out_cons != intf.out_prod)
			got += intf.out[intf.out_cons++ % ConsoleRing::kSize];
	}
};

std::string crlf(const std::string &s)
{
	std::string r;
	for (char c : s) {
		if (c == '\n')
			r += '\r';
		r += c;
	}
	return r;
}

}  // namespace

TEST(ConsoleRing, WritesWhatFitsAndConvertsNewlines)
{
	Backend b;
	ConsoleRing ring(&b.intf);
	EXPECT_EQ(ring.put("ab\ncd", 5), 5u);
	EXPECT_FALSE(ring.drained());
	b.drain(100);
	EXPECT_TRUE(ring.drained());
	EXPECT_EQ(b.got, "ab\r\ncd");
}

TEST(ConsoleRing, FullRingTakesNothingAndNeverSplitsCrLf)
{
	Backend b;
	ConsoleRing ring(&b.intf);
	std::string fill(ConsoleRing::kSize - 1, 'x');
	EXPECT_EQ(ring.put(fill.data(), fill.size()), fill.size());
	// One byte left: a newline (2 bytes) must wait, a letter fits.
	EXPECT_EQ(ring.put("\n", 1), 0u);
	EXPECT_EQ(ring.put("y\n", 2), 1u);
	EXPECT_EQ(ring.put("z", 1), 0u);
	b.drain(1);
	EXPECT_EQ(ring.put("\n", 1), 0u); // still only one byte free
	b.drain(1);
	EXPECT_EQ(ring.put("\n", 1), 1u);
	b.drain(SIZE_MAX);
	EXPECT_EQ(b.got, fill + "y\r\n");
}

TEST(ConsoleRing, RandomTrafficAcrossIndexOverflow)
{
	std::mt19937 rng(11);
	Backend b;
	b.intf.out_cons = b.intf.out_prod = 0xffffff00u; // wraps after 256 bytes
	ConsoleRing ring(&b.intf);
	std::string sent;
	for (int round = 0; round < 3000; ++round) {
		std::string chunk;
		size_t n = rng() % 300;
		for (size_t i = 0; i < n; ++i)
			chunk += (rng() % 10 == 0) ? '\n' : static_cast<char>('a' + rng() % 26);
		size_t off = 0;
		while (off < chunk.size()) {
			size_t took = ring.put(chunk.data() + off, chunk.size() - off);
			sent += chunk.substr(off, took);
			off += took;
			b.drain(rng() % 400);
		}
	}
	b.drain(SIZE_MAX);
	EXPECT_EQ(b.got, crlf(sent));
	EXPECT_LT(b.intf.out_prod, 0xffffff00u); // it did wrap
}

TEST(ConsoleRing, CorruptConsumerIndexWritesNothing)
{
	Backend b;
	ConsoleRing ring(&b.intf);
	b.intf.out_prod = 10;
	b.intf.out_cons = 5000; // "consumed" more than was produced
	EXPECT_EQ(ring.put("abc", 3), 0u);
	EXPECT_EQ(b.intf.out_prod, 10u);
}
