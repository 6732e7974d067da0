// SPDX-License-Identifier: BSD-3-Clause
// The block map of a ramfs file on its own: holes, the small first
// block, growth across depths, truncation, the size limit, and a
// randomized run of writes, truncates and reads against a byte model,
// with allocation failures injected.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "host_alloc.hpp"
#include "ramfs.hpp"

namespace {

using uk::ramfs::FileData;
using uk::ramfs::Fs;

uint64_t no_clock() { return 0; }

class Data : public ::testing::Test {
protected:
	void SetUp() override
	{
		fs.alloc = alloc.get();
		fs.config = &config;
	}
	void TearDown() override
	{
		d.clear(fs);
		EXPECT_EQ(fs.used, 0u);
		EXPECT_EQ(alloc.live_bytes(), 0u);
	}
	std::string read(int64_t off, size_t len)
	{
		std::string s(len, '?');
		s.resize(d.read(off, s.data(), len));
		return s;
	}
	size_t write(int64_t off, const std::string &s)
	{
		auto r = d.write(fs, off, s.data(), s.size());
		EXPECT_TRUE(r.ok()) << "write at " << off;
		return r.ok() ? r.value() : 0;
	}

	uk::hosttest::TestAlloc alloc;
	uk::ramfs::Config config{no_clock};
	Fs fs;
	FileData d;
};

TEST_F(Data, SmallFileUsesASmallBlock)
{
	EXPECT_EQ(write(0, "hello"), 5u);
	EXPECT_EQ(d.size(), 5);
	EXPECT_EQ(read(0, 100), "hello");
	EXPECT_EQ(read(2, 2), "ll");
	EXPECT_EQ(read(5, 10), "");
	EXPECT_LT(d.storage(), FileData::kBlock); // not a whole page
	EXPECT_EQ(write(10, "x"), 1u);            // a hole of 5 zeroes
	EXPECT_EQ(read(0, 11), std::string("hello\0\0\0\0\0x", 11));
	EXPECT_EQ(write(3000, "y"), 1u); // past the small limit: a page
	EXPECT_EQ(d.storage(), FileData::kBlock);
	EXPECT_EQ(read(0, 5), "hello");
	EXPECT_EQ(read(2999, 5), std::string("\0y", 2));
}

TEST_F(Data, SparseFarOffsetsCostAPathNotTheSize)
{
	const int64_t tib = int64_t{1} << 40;
	EXPECT_EQ(write(tib, "far"), 3u);
	EXPECT_EQ(d.size(), tib + 3);
	// one data block and one index page per level (4 levels for 2^40)
	EXPECT_LE(d.storage(), 6 * FileData::kBlock);
	EXPECT_EQ(read(tib - 2, 5), std::string("\0\0far", 5));
	EXPECT_EQ(read(12345678, 4), std::string(4, '\0'));
	EXPECT_EQ(write(0, "near"), 4u);
	EXPECT_EQ(read(0, 4), "near");
	EXPECT_TRUE(d.truncate(fs, 2).ok());
	EXPECT_EQ(d.size(), 2);
	EXPECT_EQ(read(0, 10), "ne");
	EXPECT_EQ(d.storage(), FileData::kBlock); // the tree collapsed to block 0
	EXPECT_EQ(write(5 * FileData::kBlock, "again"), 5u); // and grows again
	EXPECT_EQ(read(0, 2), "ne");
}

TEST_F(Data, MaximumSizeIsEfbig)
{
	EXPECT_EQ(d.write(fs, FileData::kMaxSize, "x", 1).error(), -UK_EFBIG);
	auto r = d.write(fs, FileData::kMaxSize - 2, "abcd", 4);
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(r.value(), 2u);
	EXPECT_EQ(d.size(), FileData::kMaxSize);
	EXPECT_EQ(d.truncate(fs, FileData::kMaxSize + 1).error(), -UK_EFBIG);
	EXPECT_EQ(d.truncate(fs, -1).error(), -UK_EINVAL);
}

TEST_F(Data, TruncateShrinkThenGrowShowsZeroes)
{
	std::string big(3 * FileData::kBlock + 100, 'z');
	EXPECT_EQ(write(0, big), big.size());
	EXPECT_TRUE(d.truncate(fs, FileData::kBlock + 10).ok());
	EXPECT_EQ(d.storage(), 2 * FileData::kBlock + FileData::kBlock); // 2 data + index
	EXPECT_TRUE(d.truncate(fs, 4 * FileData::kBlock).ok());
	std::string back = read(0, 4 * FileData::kBlock);
	EXPECT_EQ(back.substr(0, FileData::kBlock + 10), big.substr(0, FileData::kBlock + 10));
	EXPECT_EQ(back.substr(FileData::kBlock + 10),
		  std::string(3 * FileData::kBlock - 10, '\0'));
	// small block too
	d.clear(fs);
	EXPECT_EQ(write(0, "abcdef"), 6u);
	EXPECT_TRUE(d.truncate(fs, 2).ok());
	EXPECT_TRUE(d.truncate(fs, 6).ok());
	EXPECT_EQ(read(0, 6), std::string("ab\0\0\0\0", 6));
}

TEST_F(Data, SizeLimitGivesShortWriteThenEnospc)
{
	fs.limit = 3 * FileData::kBlock; // data block 0, one index page, block 1
	std::string big(4 * FileData::kBlock, 'q');
	auto r = d.write(fs, 0, big.data(), big.size());
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(r.value(), 2 * FileData::kBlock);
	EXPECT_EQ(d.size(), static_cast<int64_t>(2 * FileData::kBlock));
	EXPECT_EQ(d.write(fs, d.size(), "x", 1).error(), -UK_ENOSPC);
	EXPECT_EQ(read(0, 3 * FileData::kBlock), big.substr(0, 2 * FileData::kBlock));
}

// Random writes (near and far), truncates and reads against a model;
// allocations fail at random. The model is a byte string plus the size.
TEST_F(Data, RandomizedAgainstModelWithFailures)
{
	std::mt19937_64 rng(42);
	std::string model; // content up to size
	const int64_t kSpan = 5 * FileData::kBlock + 777;
	for (int step = 0; step < 4000; ++step) {
		alloc.fail_after = rng() % 8 == 0 ? static_cast<long>(rng() % 3) : -1;
		int op = static_cast<int>(rng() % 10);
		if (op < 5) {
			int64_t off = static_cast<int64_t>(rng() % kSpan);
			size_t len = rng() % (2 * FileData::kBlock + 3);
			std::string s(len, '\0');
			for (auto &c : s)
				c = static_cast<char>('a' + rng() % 26);
			auto r = d.write(fs, off, s.data(), s.size());
			size_t done = r.ok() ? r.value() : 0;
			if (!r.ok()) {
				ASSERT_EQ(r.error(), -UK_ENOSPC);
				ASSERT_GT(len, 0u);
			}
			if (done) {
				if (model.size() < off + done)
					model.resize(static_cast<size_t>(off) + done, '\0');
				model.replace(static_cast<size_t>(off), done, s, 0, done);
			}
		} else if (op < 7) {
			int64_t len = static_cast<int64_t>(rng() % kSpan);
			ASSERT_TRUE(d.truncate(fs, len).ok()); // never allocates
			model.resize(static_cast<size_t>(len), '\0');
		} else {
			alloc.fail_after = -1;
			int64_t off = static_cast<int64_t>(rng() % (kSpan + 10));
			size_t len = rng() % (3 * FileData::kBlock);
			std::string want = off < static_cast<int64_t>(model.size())
						   ? model.substr(static_cast<size_t>(off), len)
						   : "";
			ASSERT_EQ(read(off, len), want) << "step " << step;
		}
		ASSERT_EQ(d.size(), static_cast<int64_t>(model.size())) << "step " << step;
		ASSERT_EQ(fs.used, d.storage());
	}
	alloc.fail_after = -1;
	ASSERT_EQ(read(0, model.size()), model);
}

}  // namespace
