// SPDX-License-Identifier: BSD-3-Clause
//
// Host tests of the region allocator, driven through the real uk_* entry
// points of lib/ukalloc so that the statistics are checked as well.

#include <uk/alloc.h>
#include <uk/allocregion.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <vector>

namespace {

constexpr size_t kPage = UK_ALLOC_PAGE_SIZE;

// Host memory standing in for a platform memory region.
class Arena {
public:
	explicit Arena(size_t len)
	    : len_(len), mem_(static_cast<unsigned char *>(
				 std::aligned_alloc(kPage, UK_ALIGN_UP(len, kPage))))
	{
	}
	~Arena() { std::free(mem_); }
	Arena(const Arena &) = delete;
	Arena &operator=(const Arena &) = delete;

	unsigned char *base() { return mem_; }
	size_t len() const { return len_; }
	bool holds(const void *p, size_t n) const
	{
		auto *c = static_cast<const unsigned char *>(p);
		return c >= mem_ && c + n <= mem_ + len_;
	}

private:
	size_t len_;
	unsigned char *mem_;
};

bool aligned(const void *p, size_t align)
{
	return reinterpret_cast<uintptr_t>(p) % align == 0;
}

uk_alloc_stats stats_of(uk_alloc *a)
{
	uk_alloc_stats s;
	uk_alloc_stats_get(a, &s);
	return s;
}

class AllocRegionTest : public ::testing::Test {
protected:
	Arena arena{64 * 1024};
	uk_alloc *a = uk_allocregion_init(arena.base(), arena.len());

	void SetUp() override { ASSERT_NE(a, nullptr); }
	int64_t avail() { return uk_alloc_availmem(a); }
};

TEST(AllocRegionInit, TooSmallRegionReturnsNull)
{
	Arena arena(4096);
	EXPECT_EQ(uk_allocregion_init(nullptr, 4096), nullptr);
	EXPECT_EQ(uk_allocregion_init(arena.base(), 0), nullptr);
	size_t min_len = 0;
	while (!uk_allocregion_init(arena.base(), min_len))
		ASSERT_LT(++min_len, 1024u);
	// The smallest region holds the state and exactly 16 usable bytes.
	uk_alloc *a = uk_allocregion_init(arena.base(), min_len);
	EXPECT_EQ(uk_alloc_availmem(a), 16);
	void *p = uk_malloc(a, 16);
	ASSERT_NE(p, nullptr);
	EXPECT_TRUE(arena.holds(p, 16));
	EXPECT_EQ(uk_malloc(a, 1), nullptr);
	// A misaligned base loses the bytes up to the next 16-byte boundary.
	EXPECT_EQ(uk_allocregion_init(arena.base() + 3, min_len), nullptr);
	EXPECT_NE(uk_allocregion_init(arena.base() + 3, min_len + 13), nullptr);
}

TEST_F(AllocRegionTest, StateLivesInTheRegion)
{
	EXPECT_TRUE(arena.holds(a, sizeof(*a)));
	uk_alloc_stats s = stats_of(a);
	EXPECT_EQ(s.cur_bytes, 0u);
	EXPECT_EQ(s.nb_allocs, 0u);
}

TEST_F(AllocRegionTest, MallocAlignsSizesAndCounts)
{
	size_t expect = 0;
	for (size_t size : {0, 1, 15, 16, 17, 100, 4000}) {
		void *p = uk_malloc(a, size);
		ASSERT_NE(p, nullptr) << size;
		EXPECT_TRUE(aligned(p, 16)) << size;
		EXPECT_TRUE(arena.holds(p, size));
		EXPECT_EQ(uk_alloc_usable_size(a, p), UK_ALIGN_UP(size, 16u));
		std::memset(p, 0xee, size);
		expect += UK_ALIGN_UP(size, 16u);
	}
	uk_alloc_stats s = stats_of(a);
	EXPECT_EQ(s.cur_bytes, expect);
	EXPECT_EQ(s.peak_bytes, expect);
	EXPECT_EQ(s.nb_allocs, 7u);
}

TEST_F(AllocRegionTest, AvailmemIsTheLargestBlock)
{
	const int64_t before = avail();
	ASSERT_GT(before, 0);
	EXPECT_EQ(uk_malloc(a, before + 1), nullptr);
	void *p = uk_malloc(a, before);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(avail(), 0);
	uk_free(a, p);
	EXPECT_EQ(avail(), before);
}

TEST_F(AllocRegionTest, ExhaustionReturnsNullThenSmallerWorks)
{
	EXPECT_EQ(uk_malloc(a, arena.len()), nullptr);
	EXPECT_EQ(uk_malloc(a, SIZE_MAX), nullptr);
	EXPECT_EQ(uk_calloc(a, 1, SIZE_MAX - 3), nullptr);
	std::vector<void *> blocks;
	while (void *p = uk_malloc(a, 1000))
		blocks.push_back(p);
	EXPECT_GT(blocks.size(), 50u);
	uk_alloc_stats s = stats_of(a);
	EXPECT_EQ(s.nb_enomem, 4u);
	EXPECT_EQ(s.nb_allocs, blocks.size());
	const int64_t left = avail();
	ASSERT_GE(left, 16);
	ASSERT_LT(left, 1000);
	void *small = uk_malloc(a, left);
	ASSERT_NE(small, nullptr);
	EXPECT_EQ(uk_malloc(a, 1), nullptr);
}

TEST_F(AllocRegionTest, FreeReclaimsInLifoOrder)
{
	const int64_t empty = avail();
	void *p1 = uk_malloc(a, 100);
	const int64_t after1 = avail();
	void *p2 = uk_malloc(a, 200);
	const int64_t after2 = avail();
	void *p3 = uk_malloc(a, 300);
	uk_free(a, p3); // top: reclaimed
	EXPECT_EQ(avail(), after2);
	void *p3again = uk_malloc(a, 300);
	EXPECT_EQ(p3again, p3);
	uk_free(a, p3again);
	uk_free(a, p1); // buried: leaks for now
	EXPECT_EQ(avail(), after2);
	EXPECT_EQ(stats_of(a).cur_bytes, 208u); // stats count it as freed
	uk_free(a, p2); // top again: p2 and the already freed p1 go back
	EXPECT_EQ(avail(), empty);
	EXPECT_LT(after2, after1);
	uk_alloc_stats s = stats_of(a);
	EXPECT_EQ(s.cur_bytes, 0u);
	EXPECT_EQ(s.nb_allocs, s.nb_frees);
}

TEST_F(AllocRegionTest, ReallocGrowsAndShrinksTheLastBlockInPlace)
{
	auto *p = static_cast<unsigned char *>(uk_malloc(a, 32));
	for (int i = 0; i < 32; i++)
		p[i] = static_cast<unsigned char>(i);
	const int64_t before = avail();
	auto *q = static_cast<unsigned char *>(uk_realloc(a, p, 500));
	EXPECT_EQ(q, p);
	EXPECT_EQ(avail(), before - (512 - 32));
	for (int i = 0; i < 32; i++)
		EXPECT_EQ(q[i], i);
	EXPECT_EQ(uk_realloc(a, q, 16), p);
	EXPECT_EQ(avail(), before + 16);
	EXPECT_EQ(uk_alloc_usable_size(a, p), 16u);
	EXPECT_EQ(stats_of(a).cur_bytes, 16u);
	EXPECT_EQ(uk_realloc(a, p, avail() + 16), p); // up to the very end
	EXPECT_EQ(avail(), 0);
}

TEST_F(AllocRegionTest, ReallocOfBuriedBlockMovesAndKeepsContents)
{
	auto *p = static_cast<unsigned char *>(uk_malloc(a, 64));
	std::memset(p, 0x77, 64);
	void *above = uk_malloc(a, 16);
	auto *q = static_cast<unsigned char *>(uk_realloc(a, p, 48));
	EXPECT_EQ(q, p); // shrinking a buried block keeps it
	EXPECT_EQ(uk_alloc_usable_size(a, q), 64u);
	q = static_cast<unsigned char *>(uk_realloc(a, p, 256));
	ASSERT_NE(q, p);
	ASSERT_NE(q, nullptr);
	for (int i = 0; i < 64; i++)
		EXPECT_EQ(q[i], 0x77);
	uk_alloc_stats s = stats_of(a);
	EXPECT_EQ(s.cur_bytes, 256u + 16u);
	EXPECT_EQ(s.nb_allocs - s.nb_frees, 2u);
	uk_free(a, q);
	uk_free(a, above);
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
}

TEST_F(AllocRegionTest, ReallocFailureKeepsTheOldBlock)
{
	auto *p = static_cast<unsigned char *>(uk_malloc(a, 128));
	std::memset(p, 0x3c, 128);
	const int64_t left = avail();
	const uk_alloc_stats before = stats_of(a);
	// In place it could use the region up to its end (left + one header).
	EXPECT_EQ(uk_realloc(a, p, 128 + left + 17), nullptr);
	EXPECT_EQ(uk_realloc(a, p, SIZE_MAX), nullptr);
	const uk_alloc_stats after = stats_of(a);
	EXPECT_EQ(after.nb_enomem, before.nb_enomem + 2);
	EXPECT_EQ(after.cur_bytes, before.cur_bytes);
	EXPECT_EQ(uk_alloc_usable_size(a, p), 128u);
	EXPECT_EQ(avail(), left);
	for (int i = 0; i < 128; i++)
		EXPECT_EQ(p[i], 0x3c);
	uk_free(a, p);
}

TEST_F(AllocRegionTest, PosixMemalignAndPalloc)
{
	for (size_t align : {size_t{8}, size_t{16}, size_t{32}, size_t{256},
			     kPage, 4 * kPage}) {
		void *p = nullptr;
		ASSERT_EQ(uk_posix_memalign(a, &p, align, 40), 0) << align;
		EXPECT_TRUE(aligned(p, align < 16 ? 16 : align)) << align;
		EXPECT_TRUE(arena.holds(p, 40));
		EXPECT_EQ(uk_alloc_usable_size(a, p), 48u);
	}
	void *p = nullptr;
	EXPECT_EQ(uk_posix_memalign(a, &p, 24, 8), -EINVAL);
	EXPECT_EQ(uk_posix_memalign(a, &p, 64, arena.len()), -ENOMEM);
	EXPECT_EQ(p, nullptr);

	const int64_t before = avail();
	void *pages = uk_palloc(a, 2);
	ASSERT_NE(pages, nullptr);
	EXPECT_TRUE(aligned(pages, kPage));
	EXPECT_TRUE(arena.holds(pages, 2 * kPage));
	std::memset(pages, 0x11, 2 * kPage);
	EXPECT_EQ(stats_of(a).cur_bytes, 6 * 48 + 2 * kPage);
	uk_pfree(a, pages, 2);
	EXPECT_EQ(avail(), before); // the last block: reclaimed
	EXPECT_EQ(uk_palloc(a, 1000), nullptr);
}

TEST(AllocRegionMulti, SeveralRegions)
{
	Arena first(2048), second(8192), third(4096);
	uk_alloc *a = uk_allocregion_init(first.base(), first.len());
	ASSERT_NE(a, nullptr);
	const int64_t avail1 = uk_alloc_availmem(a);
	EXPECT_EQ(uk_alloc_addmem(a, second.base(), second.len()), 0);
	const int64_t avail12 = uk_alloc_availmem(a);
	EXPECT_GT(avail12, avail1 + 8000);
	// Invalid: too small, overlapping, NULL.
	EXPECT_EQ(uk_alloc_addmem(a, third.base(), 16), -EINVAL);
	EXPECT_EQ(uk_alloc_addmem(a, second.base() + 100, 2000), -EINVAL);
	EXPECT_EQ(uk_alloc_addmem(a, first.base() + 1024, 1024), -EINVAL);
	EXPECT_EQ(uk_alloc_addmem(a, nullptr, 1024), -EINVAL);
	EXPECT_EQ(uk_alloc_availmem(a), avail12);

	void *small = uk_malloc(a, 64); // from the first region
	EXPECT_TRUE(first.holds(small, 64));
	void *big = uk_malloc(a, 2000); // does not fit: moves on
	EXPECT_TRUE(second.holds(big, 2000));
	void *next = uk_malloc(a, 64); // the second region is current now
	EXPECT_TRUE(second.holds(next, 64));
	std::vector<void *> fill;
	while (void *p = uk_malloc(a, 1900)) // too big for the first region
		fill.push_back(p);
	EXPECT_EQ(fill.size(), 3u);
	for (void *p : fill)
		EXPECT_TRUE(second.holds(p, 1900));
	void *back = uk_malloc(a, 1200); // leftover of the first region
	EXPECT_TRUE(first.holds(back, 1200));

	const int64_t without_third = uk_alloc_availmem(a);
	EXPECT_EQ(uk_alloc_addmem(a, third.base(), third.len()), 0);
	const int64_t third_avail = uk_alloc_availmem(a) - without_third;
	EXPECT_GT(third_avail, 4000);
	void *third_block = uk_malloc(a, 2048);
	EXPECT_TRUE(third.holds(third_block, 2048));

	// LIFO reclaim works per region, whichever region is current.
	const int64_t before = uk_alloc_availmem(a);
	uk_free(a, back);
	EXPECT_EQ(uk_alloc_availmem(a), before + 1200 + 16);
	uk_free(a, small);
	EXPECT_EQ(uk_alloc_availmem(a), before + 1200 + 16 + 64 + 16);
	uk_free(a, third_block);
	uk_free(a, big);
	uk_free(a, next);
	for (void *p : fill)
		uk_free(a, p);
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
	EXPECT_EQ(uk_alloc_availmem(a), avail12 + third_avail);
}

// A random sequence of every operation, checked against a model: each
// live block is filled with a pattern of its own and must keep it; blocks
// never overlap and always lie in a region; the stats match the model;
// once everything is freed (in any order) every byte is reclaimed.
struct Live {
	size_t size;   // bytes asked for (the pattern covers these)
	uint8_t seed;
	unsigned long pages; // != 0: from palloc
};

void fill(void *p, const Live &b)
{
	auto *c = static_cast<uint8_t *>(p);
	for (size_t i = 0; i < b.size; i++)
		c[i] = static_cast<uint8_t>(b.seed + i * 7);
}

::testing::AssertionResult intact(const void *p, const Live &b)
{
	auto *c = static_cast<const uint8_t *>(p);
	for (size_t i = 0; i < b.size; i++) {
		if (c[i] != static_cast<uint8_t>(b.seed + i * 7))
			return ::testing::AssertionFailure()
			       << "block " << p << " byte " << i;
	}
	return ::testing::AssertionSuccess();
}

class AllocRegionRandomTest : public ::testing::TestWithParam<unsigned> {};

TEST_P(AllocRegionRandomTest, MatchesModel)
{
	std::mt19937 rng(GetParam());
	auto pick = [&](size_t lo, size_t hi) {
		return std::uniform_int_distribution<size_t>(lo, hi)(rng);
	};
	std::vector<Arena *> arenas{new Arena(16 * 1024), new Arena(6000),
				    new Arena(32 * 1024)};
	uk_alloc *a = uk_allocregion_init(arenas[0]->base(), arenas[0]->len());
	ASSERT_NE(a, nullptr);
	ASSERT_EQ(uk_alloc_addmem(a, arenas[1]->base() + 8, 5990), 0);
	ASSERT_EQ(uk_alloc_addmem(a, arenas[2]->base(), arenas[2]->len()), 0);
	const int64_t empty = uk_alloc_availmem(a);

	std::map<void *, Live> live; // by address: overlap checks are local
	void *newest = nullptr;
	auto in_some_arena = [&](void *p, size_t n) {
		for (Arena *ar : arenas)
			if (ar->holds(p, n))
				return true;
		return false;
	};
	auto add = [&](void *p, size_t size, size_t align,
		       unsigned long pages = 0) {
		ASSERT_TRUE(aligned(p, align < 16 ? 16 : align));
		const size_t usable = uk_alloc_usable_size(a, p);
		ASSERT_GE(usable, size);
		ASSERT_TRUE(in_some_arena(p, usable));
		auto next = live.lower_bound(p);
		if (next != live.end()) {
			ASSERT_LE(static_cast<char *>(p) + usable,
				  static_cast<char *>(next->first));
		}
		if (next != live.begin()) {
			auto prev = std::prev(next);
			ASSERT_GE(static_cast<char *>(p),
				  static_cast<char *>(prev->first) +
					  uk_alloc_usable_size(a, prev->first));
		}
		Live b{size, static_cast<uint8_t>(pick(0, 255)), pages};
		fill(p, b);
		live[p] = b;
		newest = p;
	};
	auto random_live = [&]() {
		// Often the newest block, to exercise LIFO reclaim and
		// realloc in place.
		if (newest && pick(0, 1) == 0) {
			auto it = live.find(newest);
			if (it != live.end())
				return it;
		}
		auto it = live.begin();
		std::advance(it, pick(0, live.size() - 1));
		return it;
	};

	for (int step = 0; step < 20000; step++) {
		const size_t op = pick(0, 9);
		if (op <= 2) {
			size_t size = pick(0, op == 0 ? 3000 : 200);
			if (void *p = uk_malloc(a, size))
				add(p, size, 16);
		} else if (op == 3) {
			size_t n = pick(0, 40), m = pick(0, 20);
			auto *p = static_cast<uint8_t *>(uk_calloc(a, n, m));
			if (p) {
				for (size_t i = 0; i < n * m; i++)
					ASSERT_EQ(p[i], 0);
				add(p, n * m, 16);
			}
		} else if (op == 4) {
			size_t align = size_t{8} << pick(0, 9);
			size_t size = pick(0, 500);
			void *p = nullptr;
			if (uk_posix_memalign(a, &p, align, size) == 0)
				add(p, size, align);
		} else if (op == 5 && pick(0, 3) == 0) {
			unsigned long pages = pick(1, 2);
			if (void *p = uk_palloc(a, pages))
				add(p, pages * kPage, kPage, pages);
		} else if (op <= 7 && !live.empty()) {
			auto it = random_live();
			ASSERT_TRUE(intact(it->first, it->second));
			if (it->second.pages)
				uk_pfree(a, it->first, it->second.pages);
			else
				uk_free(a, it->first);
			live.erase(it);
		} else if (!live.empty()) {
			auto it = random_live();
			if (it->second.pages)
				continue;
			Live b = it->second;
			size_t size = pick(1, 1500);
			void *p = uk_realloc(a, it->first, size);
			if (!p) { // failure keeps the old block
				ASSERT_TRUE(intact(it->first, b));
				continue;
			}
			b.size = std::min(b.size, size);
			ASSERT_TRUE(intact(p, b));
			live.erase(it);
			add(p, size, 16);
		}
		if (step % 97 == 0) {
			size_t bytes = 0;
			for (auto &[p, b] : live) {
				ASSERT_TRUE(intact(p, b));
				bytes += b.pages ? b.pages * kPage
						 : uk_alloc_usable_size(a, p);
			}
			uk_alloc_stats s = stats_of(a);
			ASSERT_EQ(s.cur_bytes, bytes);
			ASSERT_EQ(s.nb_allocs - s.nb_frees, live.size());
			ASSERT_LE(s.cur_bytes, s.peak_bytes);
		}
	}
	while (!live.empty()) {
		auto it = random_live();
		ASSERT_TRUE(intact(it->first, it->second));
		if (it->second.pages)
			uk_pfree(a, it->first, it->second.pages);
		else
			uk_free(a, it->first);
		live.erase(it);
	}
	EXPECT_EQ(uk_alloc_availmem(a), empty);
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
	EXPECT_GT(stats_of(a).nb_enomem, 0u); // the regions did fill up
	for (Arena *ar : arenas)
		delete ar;
}

INSTANTIATE_TEST_SUITE_P(Seeds, AllocRegionRandomTest,
			 ::testing::Values(1u, 2u, 3u, 42u, 1234u, 99991u));

using AllocRegionDeathTest = AllocRegionTest;

TEST_F(AllocRegionDeathTest, DoubleFreeAndForeignPointersAreCaught)
{
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	void *p = uk_malloc(a, 32);
	(void)uk_malloc(a, 32);
	uk_free(a, p);
	EXPECT_DEATH(uk_free(a, p), "assertion failed");
	alignas(16) static unsigned char foreign[64];
	EXPECT_DEATH(uk_free(a, foreign + 32), "not from this allocator");
}

} // namespace
