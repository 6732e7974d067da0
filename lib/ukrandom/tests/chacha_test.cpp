// SPDX-License-Identifier: BSD-3-Clause
// ChaCha20 against RFC 8439's block test vector (section 2.3.2), and the
// generator's properties: deterministic for a seed, the key changes with
// every request (fast key erasure), requests of any size, reseeding.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <vector>

#include "chacha.hpp"

namespace {

using uk::random::chacha20_block;
using uk::random::Generator;

TEST(ChaCha20, Rfc8439BlockVector)
{
	uint32_t key[8];
	uint8_t kb[32];
	for (int i = 0; i < 32; ++i)
		kb[i] = static_cast<uint8_t>(i);
	std::memcpy(key, kb, sizeof(key)); // little-endian host
	const uint32_t nonce[3] = {0x09000000, 0x4a000000, 0};
	uint8_t out[64];
	chacha20_block(key, 1, nonce, out);
	const uint8_t want[64] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd,
		0x1f, 0xa3, 0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0,
		0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2,
		0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05,
		0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e,
		0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e};
	EXPECT_EQ(std::memcmp(out, want, 64), 0);
}

TEST(Generator, SameSeedSameStreamAndNoRepeats)
{
	Generator a, b;
	a.reseed("seed", 4);
	b.reseed("seed", 4);
	std::vector<uint8_t> x(1000), y(1000);
	a.fill(x.data(), x.size());
	b.fill(y.data(), y.size());
	EXPECT_EQ(x, y);
	a.fill(x.data(), x.size()); // the key moved on: a new stream
	EXPECT_NE(x, y);
	Generator c;
	c.reseed("other", 5);
	c.fill(y.data(), y.size());
	EXPECT_NE(x, y);
}

TEST(Generator, AnySizeAndRoughlyUniform)
{
	Generator g;
	g.reseed("u", 1);
	for (size_t n : {0, 1, 31, 32, 33, 63, 64, 65, 4097}) {
		std::vector<uint8_t> v(n + 2, 0xee);
		g.fill(v.data() + 1, n);
		EXPECT_EQ(v.front(), 0xee);
		EXPECT_EQ(v.back(), 0xee);
	}
	std::vector<uint8_t> big((1 << 20) + 100); // crosses a chunk
	g.fill(big.data(), big.size());
	size_t counts[256] = {};
	for (uint8_t v : big)
		++counts[v];
	for (size_t c : counts) { // expect ~4096 each
		EXPECT_GT(c, 3500u);
		EXPECT_LT(c, 4700u);
	}
	std::set<std::vector<uint8_t>> blocks;
	for (size_t i = 0; i + 64 <= big.size(); i += 64)
		blocks.insert(std::vector<uint8_t>(big.begin() + static_cast<long>(i),
						   big.begin() + static_cast<long>(i) + 64));
	EXPECT_EQ(blocks.size(), big.size() / 64);
}

}  // namespace
