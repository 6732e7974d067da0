// SPDX-License-Identifier: BSD-3-Clause
//
// Byte allocations: slab classes, posix_memalign, realloc, and the double
// and invalid free checks (built with CONFIG_LIBUKALLOCBBUDDY_DEBUG=1).

#include "heap_check.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

namespace bbtest {
namespace {

class BbuddyTest : public ::testing::Test {
protected:
	Arena arena{512 * kPage};
	uk_alloc *a = uk_allocbbuddy_init(arena.base(), arena.len());
	int64_t full = 0;

	void SetUp() override
	{
		ASSERT_NE(a, nullptr);
		full = uk_alloc_availmem(a);
	}
	void TearDown() override { EXPECT_TRUE(check_heap(a)); }
};

TEST_F(BbuddyTest, MallocSizesGetTheirClass)
{
	struct Block {
		unsigned char *p;
		size_t usable;
		unsigned char fill;
	};
	std::vector<Block> blocks;
	for (size_t size : {0, 1, 15, 16, 17, 33, 100, 128, 129, 500, 672,
			    673, 1024, 1300, 2047, 2048}) {
		auto *p = static_cast<unsigned char *>(uk_malloc(a, size));
		ASSERT_NE(p, nullptr) << size;
		EXPECT_TRUE(aligned(p, kMinAlign)) << size;
		const size_t usable = uk_alloc_usable_size(a, p);
		EXPECT_EQ(usable, kClassSizes[class_of(size)]) << size;
		EXPECT_GE(usable, size);
		EXPECT_LT(usable, size + size / 3 + 17) << "class too coarse";
		EXPECT_TRUE(arena.holds(p, usable));
		const auto fill = static_cast<unsigned char>(blocks.size() + 1);
		std::memset(p, fill, usable);
		blocks.push_back({p, usable, fill});
	}
	for (const Block &b : blocks) {
		for (size_t i = 0; i < b.usable; i++)
			ASSERT_EQ(b.p[i], b.fill);
		uk_free(a, b.p);
	}
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
}

TEST_F(BbuddyTest, SmallObjectsShareSlabPages)
{
	std::vector<void *> objs;
	for (int i = 0; i < 300; i++)
		objs.push_back(uk_malloc(a, 32));
	HeapCounts c;
	ASSERT_TRUE(check_heap(a, &c));
	EXPECT_EQ(c.slab_pages, 3u); // 128 objects of 32 bytes per page
	EXPECT_EQ(c.live_objects, 300u);
	EXPECT_EQ(uk_alloc_availmem(a), full - 3 * static_cast<int64_t>(kPage));
	for (void *p : objs)
		uk_free(a, p);
	ASSERT_TRUE(check_heap(a, &c));
	// The current slab stays as a cache and still counts as available.
	EXPECT_EQ(c.slab_pages, 1u);
	EXPECT_EQ(c.empty_slabs, 1u);
	EXPECT_EQ(uk_alloc_availmem(a), full);
}

TEST_F(BbuddyTest, MallocFreeOfOneSizeNeverReachesTheBuddy)
{
	void *first = uk_malloc(a, 64);
	uk_free(a, first);
	const size_t free_pages = inner(a).zones()->free_pages;
	for (int i = 0; i < 1000; i++) {
		void *p = uk_malloc(a, 64);
		EXPECT_EQ(p, first); // LIFO free list: the same object
		uk_free(a, p);
	}
	EXPECT_EQ(inner(a).zones()->free_pages, free_pages);
}

TEST_F(BbuddyTest, EmptySlabsGoBackToTheBuddy)
{
	std::vector<void *> objs;
	for (unsigned c = 0; c < kNumClasses; c++)
		for (int i = 0; i < 40; i++)
			objs.push_back(uk_malloc(a, kClassSizes[c]));
	HeapCounts c;
	ASSERT_TRUE(check_heap(a, &c));
	EXPECT_GT(c.slab_pages, kNumClasses);
	// Free from the front: slabs other than `current` empty out first.
	for (void *p : objs)
		uk_free(a, p);
	ASSERT_TRUE(check_heap(a, &c));
	EXPECT_EQ(c.slab_pages, c.empty_slabs);
	EXPECT_LE(c.slab_pages, kNumClasses);
	EXPECT_EQ(uk_alloc_availmem(a), full);
	// A page allocation that needs them releases the cached slabs.
	std::vector<void *> pages;
	while (void *p = uk_palloc(a, 1))
		pages.push_back(p);
	EXPECT_EQ(static_cast<int64_t>(pages.size() * kPage), full);
	ASSERT_TRUE(check_heap(a, &c));
	EXPECT_EQ(c.slab_pages, 0u);
	for (void *p : pages)
		uk_pfree(a, p, 1);
}

TEST_F(BbuddyTest, PosixMemalignAnyPowerOfTwo)
{
	std::vector<void *> blocks;
	for (size_t align = sizeof(void *); align <= 64 * kPage; align *= 2) {
		for (size_t size : {size_t{1}, size_t{24}, align / 2 + 1, align,
				    std::min(3 * align + 5, 40 * kPage)}) {
			void *p = nullptr;
			ASSERT_EQ(uk_posix_memalign(a, &p, align, size), 0)
				<< align << " " << size;
			EXPECT_TRUE(aligned(p, align < 16 ? 16 : align))
				<< align << " " << size;
			EXPECT_GE(uk_alloc_usable_size(a, p), size);
			std::memset(p, 0x99, size);
			blocks.push_back(p);
			if (blocks.size() % 8 == 0) {
				for (void *b : blocks)
					uk_free(a, b);
				blocks.clear();
			}
		}
	}
	void *p = nullptr;
	EXPECT_EQ(uk_posix_memalign(a, &p, 24, 8), -EINVAL);
	EXPECT_EQ(uk_posix_memalign(a, &p, 1024 * kPage, 1), -ENOMEM);
	EXPECT_EQ(p, nullptr);
	for (void *b : blocks)
		uk_free(a, b);
	EXPECT_EQ(uk_alloc_availmem(a), full);
}

TEST_F(BbuddyTest, ReallocKeepsDataGrowingAndShrinking)
{
	auto *p = static_cast<unsigned char *>(uk_malloc(a, 40));
	for (int i = 0; i < 40; i++)
		p[i] = static_cast<unsigned char>(i);
	EXPECT_EQ(uk_realloc(a, p, 48), p); // same class: in place
	auto check = [](const unsigned char *q, int n) {
		for (int i = 0; i < n; i++)
			if (q[i] != static_cast<unsigned char>(i))
				return false;
		return true;
	};
	size_t sizes[] = {300, 2048, 5000, 40000, 100000, 9000, 3000, 1000, 20};
	size_t have = 40;
	for (size_t size : sizes) {
		auto *q = static_cast<unsigned char *>(uk_realloc(a, p, size));
		ASSERT_NE(q, nullptr) << size;
		ASSERT_TRUE(check(q, static_cast<int>(std::min(have, size))))
			<< size;
		for (size_t i = std::min(have, size); i < size; i++)
			q[i] = static_cast<unsigned char>(i);
		have = size;
		p = q;
		ASSERT_TRUE(check_heap(a)) << size;
	}
	EXPECT_EQ(uk_alloc_usable_size(a, p), 32u);
	uk_free(a, p);
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
	EXPECT_EQ(uk_alloc_availmem(a), full);
}

TEST_F(BbuddyTest, ReallocShrinksARunInPlace)
{
	void *p = uk_malloc(a, 64 * kPage);
	ASSERT_NE(p, nullptr);
	const int64_t before = uk_alloc_availmem(a);
	EXPECT_EQ(uk_realloc(a, p, 5 * kPage), p);
	EXPECT_EQ(uk_alloc_usable_size(a, p), 8 * kPage);
	EXPECT_EQ(uk_alloc_availmem(a), before + 56 * static_cast<int64_t>(kPage));
	EXPECT_EQ(stats_of(a).cur_bytes, 8 * kPage);
	ASSERT_TRUE(check_heap(a));
	uk_free(a, p);
	EXPECT_EQ(uk_alloc_availmem(a), full);
}

TEST_F(BbuddyTest, ReallocFailureKeepsTheOldBlock)
{
	auto *p = static_cast<unsigned char *>(uk_malloc(a, 3000));
	std::memset(p, 0x3c, 3000);
	const uk_alloc_stats before = stats_of(a);
	EXPECT_EQ(uk_realloc(a, p, 1024 * kPage), nullptr);
	EXPECT_EQ(uk_realloc(a, p, SIZE_MAX), nullptr);
	const uk_alloc_stats after = stats_of(a);
	EXPECT_EQ(after.nb_enomem, before.nb_enomem + 2);
	EXPECT_EQ(after.cur_bytes, before.cur_bytes);
	for (int i = 0; i < 3000; i++)
		ASSERT_EQ(p[i], 0x3c);
	uk_free(a, p);
}

using BbuddyDeathTest = BbuddyTest;

TEST_F(BbuddyDeathTest, DoubleFreeOfASmallObject)
{
	if (!kDebug)
		GTEST_SKIP() << "needs CONFIG_LIBUKALLOCBBUDDY_DEBUG";
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	void *keep = uk_malloc(a, 48);
	void *p = uk_malloc(a, 48);
	uk_free(a, p);
	EXPECT_DEATH(uk_free(a, p), "allocbbuddy: 0x[0-9a-f]+: double free \\(the object is free\\)");
	EXPECT_DEATH((void)uk_realloc(a, p, 10), "double free");
	uk_free(a, keep);
}

TEST_F(BbuddyDeathTest, DoubleFreeOfAPageRun)
{
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	// Keeps ukalloc's byte count above what the second pfree subtracts.
	void *keep = uk_palloc(a, 4);
	void *p = uk_malloc(a, 3 * kPage);
	void *q = uk_palloc(a, 2);
	uk_free(a, p); // merges with its free buddy: p is a tail now
	EXPECT_DEATH(uk_free(a, p), "double free \\(the page is free\\)");
	uk_pfree(a, q, 2);
	EXPECT_DEATH(uk_pfree(a, q, 2), "double free");
	uk_pfree(a, keep, 4);
}

TEST_F(BbuddyDeathTest, InvalidPointers)
{
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	auto *small = static_cast<unsigned char *>(uk_malloc(a, 48));
	auto *run = static_cast<unsigned char *>(uk_malloc(a, 4 * kPage));
	// Caught with or without the debug option: the page says so.
	EXPECT_DEATH(uk_free(a, run + kPage), "invalid pointer");
	alignas(16) static unsigned char foreign[64];
	EXPECT_DEATH(uk_free(a, foreign), "not from this allocator");
	EXPECT_DEATH(uk_free(a, arena.base()), "not from this allocator");
	if (kDebug) {
		EXPECT_DEATH(uk_free(a, small + 8), "invalid pointer");
		EXPECT_DEATH(uk_free(a, small + 16), "invalid pointer");
		EXPECT_DEATH(uk_free(a, run + 16), "invalid pointer");
		EXPECT_DEATH((void)uk_alloc_usable_size(a, run + 64),
			     "invalid pointer");
		EXPECT_DEATH(uk_pfree(a, run, 1), "not a page allocation");
		EXPECT_DEATH(uk_pfree(a, small, 1), "not a page allocation");
	}
	uk_free(a, small);
	uk_free(a, run);
}

} // namespace
} // namespace bbtest
