// SPDX-License-Identifier: BSD-3-Clause
//
// The pipe's ring against a std::deque: random puts and takes of random
// sizes on small capacities, so that every wrap position is crossed.

#include "ring.hpp"

#include <deque>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace {

using uk::pipe::Ring;

TEST(PipeRing, FullEmptyAndWrap)
{
	uint8_t buf[8];
	Ring r(buf, sizeof(buf));
	EXPECT_EQ(r.room(), 8u);
	EXPECT_EQ(r.put("abcdefghij", 10), 8u); // what fits
	EXPECT_EQ(r.room(), 0u);
	EXPECT_EQ(r.put("x", 1), 0u);
	char out[16] = {};
	EXPECT_EQ(r.take(out, 5), 5u);
	EXPECT_STREQ(out, "abcde");
	EXPECT_EQ(r.put("123", 3), 3u); // wraps
	EXPECT_EQ(r.take(out, 16), 6u);
	EXPECT_EQ(std::string(out, 6), "fgh123");
	EXPECT_EQ(r.used(), 0u);
	EXPECT_EQ(r.take(out, 4), 0u);
}

TEST(PipeRing, RandomAgainstAModel)
{
	std::mt19937 rng(7);
	for (size_t cap : {1u, 2u, 7u, 64u, 4096u}) {
		std::vector<uint8_t> buf(cap, 0xee);
		Ring r(buf.data(), cap);
		std::deque<uint8_t> model;
		uint8_t next = 0;
		for (int step = 0; step < 20000; ++step) {
			size_t n = rng() % (2 * cap + 2);
			if (rng() % 2) {
				std::vector<uint8_t> in(n);
				for (auto &b : in)
					b = next++;
				size_t put = r.put(in.data(), n);
				ASSERT_EQ(put, std::min(n, cap - model.size()));
				model.insert(model.end(), in.begin(), in.begin() + put);
			} else {
				std::vector<uint8_t> out(n + 1, 0x55);
				size_t got = r.take(out.data(), n);
				ASSERT_EQ(got, std::min(n, model.size()));
				for (size_t i = 0; i < got; ++i, model.pop_front())
					ASSERT_EQ(out[i], model.front()) << "cap " << cap << " step " << step;
				ASSERT_EQ(out[got], 0x55); // nothing past what it gave
			}
			ASSERT_EQ(r.used(), model.size());
			ASSERT_EQ(r.room(), cap - model.size());
		}
	}
}

}  // namespace
