// SPDX-License-Identifier: BSD-3-Clause
//
// The page allocator: initialisation, splitting and merging, fragmentation,
// exhaustion and several regions, driven through the real uk_* entry
// points and checked with the metadata walker of heap_check.hpp.

#include "heap_check.hpp"

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

namespace bbtest {
namespace {

// A zone of exactly @p pages pages (a power of two) whose first page is
// aligned to the zone size: the whole heap is one maximal block.
struct ExactHeap {
	explicit ExactHeap(size_t pages)
	    : arena(4 * pages * kPage, 2 * pages * kPage), pages(pages)
	{
		uint8_t *aligned_end = arena.base() + 2 * pages * kPage;
		for (size_t k = 1; k < 2 * pages; k++) {
			uint8_t *start = aligned_end - k * kPage;
			a = uk_allocbbuddy_init(start, k * kPage + pages * kPage);
			if (a && inner(a).zones()->base ==
					 reinterpret_cast<uintptr_t>(aligned_end) &&
			    inner(a).zones()->npages == pages)
				return;
		}
		a = nullptr;
	}
	void *first_page() { return arena.base() + 2 * pages * kPage; }

	Arena arena;
	size_t pages;
	uk_alloc *a = nullptr;
};

TEST(BbuddyInit, TooSmallRegionReturnsNull)
{
	Arena arena(64 * kPage);
	EXPECT_EQ(uk_allocbbuddy_init(nullptr, 64 * kPage), nullptr);
	EXPECT_EQ(uk_allocbbuddy_init(arena.base(), 0), nullptr);
	EXPECT_EQ(uk_allocbbuddy_init(arena.base(), kPage), nullptr);
	size_t min_len = kPage;
	while (!uk_allocbbuddy_init(arena.base(), min_len))
		ASSERT_LT(min_len += 64, 3 * kPage);
	// The smallest region holds the state and exactly one page.
	uk_alloc *a = uk_allocbbuddy_init(arena.base(), min_len);
	EXPECT_EQ(uk_alloc_availmem(a), static_cast<int64_t>(kPage));
	EXPECT_TRUE(arena.holds(a, sizeof(uk_alloc)));
	void *p = uk_palloc(a, 1);
	ASSERT_NE(p, nullptr);
	EXPECT_TRUE(arena.holds(p, kPage));
	EXPECT_EQ(uk_palloc(a, 1), nullptr);
	EXPECT_EQ(uk_malloc(a, 1), nullptr); // no page left for a slab
	uk_pfree(a, p, 1);
	EXPECT_TRUE(check_heap(a));
	// A misaligned base loses the bytes up to the next boundary.
	EXPECT_NE(uk_allocbbuddy_init(arena.base() + 3, min_len + 64), nullptr);
}

TEST(BbuddyInit, MetadataCostIsDocumented)
{
	Arena arena(1024 * kPage);
	uk_alloc *a = uk_allocbbuddy_init(arena.base(), arena.len());
	ASSERT_NE(a, nullptr);
	const Zone *z = inner(a).zones();
	// 64 bytes a page with the debug bits, 32 without: 1024 pages lose
	// 16 (1008 * 64 bytes plus the allocator and the zone) or 9.
	EXPECT_EQ(sizeof(PageMeta), kDebug ? 64u : 32u);
	EXPECT_EQ(z->npages, kDebug ? 1024u - 16u : 1024u - 9u);
	EXPECT_EQ(uk_alloc_availmem(a), static_cast<int64_t>(z->npages * kPage));
	EXPECT_TRUE(check_heap(a));
}

enum class Order { kForward, kReverse, kEvensThenOdds, kRandom };

class BbuddySplitMerge : public ::testing::TestWithParam<Order> {};

TEST_P(BbuddySplitMerge, AllPagesBackToOneMaximalBlock)
{
	ExactHeap h(256);
	ASSERT_NE(h.a, nullptr);
	uk_alloc *a = h.a;
	const int64_t full = 256 * kPage;
	HeapCounts c;
	ASSERT_TRUE(check_heap(a, &c));
	EXPECT_EQ(uk_alloc_availmem(a), full);
	EXPECT_EQ(c.largest_free_order, 8u);

	std::vector<void *> pages;
	while (void *p = uk_palloc(a, 1)) {
		ASSERT_TRUE(aligned(p, kPage));
		ASSERT_TRUE(h.arena.holds(p, kPage));
		std::memset(p, 0x5a, kPage);
		pages.push_back(p);
	}
	ASSERT_EQ(pages.size(), 256u);
	EXPECT_EQ(uk_alloc_availmem(a), 0);
	std::vector<void *> sorted = pages;
	std::sort(sorted.begin(), sorted.end());
	EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
	ASSERT_TRUE(check_heap(a));

	switch (GetParam()) {
	case Order::kForward:
		pages = sorted;
		break;
	case Order::kReverse:
		pages.assign(sorted.rbegin(), sorted.rend());
		break;
	case Order::kEvensThenOdds:
		pages.clear();
		for (size_t i = 0; i < 256; i += 2)
			pages.push_back(sorted[i]);
		for (size_t i = 1; i < 256; i += 2)
			pages.push_back(sorted[i]);
		break;
	case Order::kRandom:
		std::shuffle(pages.begin(), pages.end(), std::mt19937(7));
		break;
	}
	for (size_t i = 0; i < pages.size(); i++) {
		uk_pfree(a, pages[i], 1);
		if (i % 37 == 0) {
			ASSERT_TRUE(check_heap(a)) << i;
		}
	}
	ASSERT_TRUE(check_heap(a, &c));
	EXPECT_EQ(uk_alloc_availmem(a), full);
	EXPECT_EQ(c.largest_free_order, 8u);
	EXPECT_EQ(h.arena.base() + 2 * 256 * kPage, h.first_page());
	void *all = uk_palloc(a, 256);
	EXPECT_EQ(all, h.first_page());
	EXPECT_EQ(uk_alloc_availmem(a), 0);
	uk_pfree(a, all, 256);
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
}

INSTANTIATE_TEST_SUITE_P(FreeOrders, BbuddySplitMerge,
			 ::testing::Values(Order::kForward, Order::kReverse,
					   Order::kEvensThenOdds, Order::kRandom));

TEST(BbuddyPages, PallocRoundsUpToAPowerOfTwo)
{
	ExactHeap h(64);
	ASSERT_NE(h.a, nullptr);
	uk_alloc *a = h.a;
	const int64_t full = uk_alloc_availmem(a);
	void *p = uk_palloc(a, 3);
	ASSERT_NE(p, nullptr);
	EXPECT_TRUE(aligned(p, 4 * kPage)); // runs are aligned to their size
	EXPECT_EQ(uk_alloc_availmem(a), full - static_cast<int64_t>(4 * kPage));
	EXPECT_EQ(stats_of(a).cur_bytes, 3 * kPage); // ukalloc counts the ask
	void *q = uk_palloc(a, 5);
	EXPECT_TRUE(aligned(q, 8 * kPage));
	EXPECT_EQ(uk_alloc_availmem(a), full - static_cast<int64_t>(12 * kPage));
	EXPECT_EQ(uk_palloc(a, 0), nullptr);
	EXPECT_EQ(uk_palloc(a, 65), nullptr);
	EXPECT_EQ(uk_palloc(a, ~0ul >> 13), nullptr);
	EXPECT_TRUE(check_heap(a));
	uk_pfree(a, p, 3);
	uk_pfree(a, q, 5);
	EXPECT_EQ(uk_alloc_availmem(a), full);
	EXPECT_EQ(uk_palloc(a, 64), h.first_page());
}

TEST(BbuddyPages, CheckerboardNeedsTheNeighbours)
{
	ExactHeap h(128);
	ASSERT_NE(h.a, nullptr);
	uk_alloc *a = h.a;
	std::vector<void *> pages;
	for (int i = 0; i < 128; i++)
		pages.push_back(uk_palloc(a, 1));
	std::sort(pages.begin(), pages.end());
	ASSERT_EQ(pages.front(), h.first_page());
	for (size_t i = 0; i < 128; i += 2)
		uk_pfree(a, pages[i], 1);
	ASSERT_TRUE(check_heap(a));
	EXPECT_EQ(uk_alloc_availmem(a), static_cast<int64_t>(64 * kPage));
	// Half the heap is free, but no two free pages are buddies.
	EXPECT_EQ(uk_palloc(a, 2), nullptr);
	EXPECT_EQ(uk_malloc(a, 5000), nullptr);
	uk_pfree(a, pages[5], 1); // completes the pair 4-5
	void *two = uk_palloc(a, 2);
	EXPECT_EQ(two, pages[4]);
	EXPECT_EQ(uk_palloc(a, 2), nullptr);
	// Free 8..15 completely: a 4-page block at 8 and one at 12.
	for (size_t i = 9; i < 16; i += 2)
		uk_pfree(a, pages[i], 1);
	EXPECT_EQ(uk_palloc(a, 8), pages[8]);
	EXPECT_EQ(uk_palloc(a, 4), nullptr);
	ASSERT_TRUE(check_heap(a));
	EXPECT_GT(stats_of(a).nb_enomem, 3u);
}

TEST(BbuddyPages, ExhaustionReturnsNullAndStaysConsistent)
{
	Arena arena(300 * kPage + 1234);
	uk_alloc *a = uk_allocbbuddy_init(arena.base() + 1234, 300 * kPage);
	ASSERT_NE(a, nullptr);
	const int64_t full = uk_alloc_availmem(a);
	std::mt19937 rng(3);
	struct Block {
		void *p;
		unsigned long pages;
	};
	std::vector<Block> blocks;
	int failures = 0;
	while (failures < 20) {
		unsigned long n = std::uniform_int_distribution<unsigned long>(
			1, 9)(rng);
		void *p = uk_palloc(a, n);
		if (!p) {
			failures++;
			ASSERT_TRUE(check_heap(a));
			continue;
		}
		ASSERT_TRUE(arena.holds(p, n * kPage));
		blocks.push_back({p, n});
	}
	EXPECT_LT(uk_alloc_availmem(a), static_cast<int64_t>(16 * kPage));
	EXPECT_EQ(uk_malloc(a, 200 * kPage), nullptr);
	std::shuffle(blocks.begin(), blocks.end(), rng);
	for (const Block &b : blocks)
		uk_pfree(a, b.p, b.pages);
	ASSERT_TRUE(check_heap(a));
	EXPECT_EQ(uk_alloc_availmem(a), full);
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
}

TEST(BbuddyRegions, SeveralRegionsEachOnTheirOwn)
{
	// The second region is aligned so that it holds exactly one aligned
	// 64-page block (its metadata takes its first pages).
	Arena first(40 * kPage), second(132 * kPage, 64 * kPage),
		third(20 * kPage);
	uk_alloc *a = uk_allocbbuddy_init(first.base(), first.len());
	ASSERT_NE(a, nullptr);
	const int64_t avail1 = uk_alloc_availmem(a);
	ASSERT_EQ(uk_alloc_addmem(a, second.base(), second.len()), 0);
	const int64_t avail12 = uk_alloc_availmem(a);
	EXPECT_GE(avail12 - avail1, static_cast<int64_t>(128 * kPage));
	// Too small, overlapping, NULL.
	EXPECT_EQ(uk_alloc_addmem(a, third.base(), kPage), -EINVAL);
	EXPECT_EQ(uk_alloc_addmem(a, second.base() + kPage, 4 * kPage), -EINVAL);
	EXPECT_EQ(uk_alloc_addmem(a, first.base() + 8, 8 * kPage), -EINVAL);
	EXPECT_EQ(uk_alloc_addmem(a, nullptr, 8 * kPage), -EINVAL);
	EXPECT_EQ(uk_alloc_availmem(a), avail12);
	ASSERT_EQ(uk_alloc_addmem(a, third.base(), third.len()), 0);
	const int64_t all = uk_alloc_availmem(a);
	ASSERT_TRUE(check_heap(a));

	// No block spans two regions: 64 pages only fit in the second.
	void *big = uk_palloc(a, 64);
	ASSERT_NE(big, nullptr);
	EXPECT_TRUE(second.holds(big, 64 * kPage));
	EXPECT_EQ(uk_palloc(a, 64), nullptr);
	// Everything else still comes out, from every region.
	std::vector<void *> pages;
	bool used[3] = {};
	while (void *p = uk_palloc(a, 1)) {
		used[0] |= first.holds(p, kPage);
		used[1] |= second.holds(p, kPage);
		used[2] |= third.holds(p, kPage);
		ASSERT_TRUE(first.holds(p, kPage) || second.holds(p, kPage) ||
			    third.holds(p, kPage));
		pages.push_back(p);
	}
	EXPECT_TRUE(used[0] && used[1] && used[2]);
	EXPECT_EQ(static_cast<int64_t>((pages.size() + 64) * kPage), all);
	ASSERT_TRUE(check_heap(a));
	for (void *p : pages)
		uk_pfree(a, p, 1);
	uk_pfree(a, big, 64);
	ASSERT_TRUE(check_heap(a));
	EXPECT_EQ(uk_alloc_availmem(a), all);
}

TEST(BbuddyRuns, LargeMallocIsAPageRunWithoutHeader)
{
	Arena arena(40u << 20, 16u << 20);
	uk_alloc *a = uk_allocbbuddy_init(arena.base(), arena.len());
	ASSERT_NE(a, nullptr);
	const int64_t full = uk_alloc_availmem(a);
	void *p = uk_malloc(a, 8u << 20);
	ASSERT_NE(p, nullptr);
	EXPECT_TRUE(aligned(p, 8u << 20));
	EXPECT_EQ(uk_alloc_usable_size(a, p), 8u << 20);
	EXPECT_EQ(uk_alloc_availmem(a), full - (8 << 20));
	std::memset(p, 0x42, 8u << 20);
	void *q = uk_malloc(a, 2049);
	EXPECT_EQ(uk_alloc_usable_size(a, q), kPage);
	void *r = uk_malloc(a, 3 * kPage + 1);
	EXPECT_EQ(uk_alloc_usable_size(a, r), 4 * kPage);
	EXPECT_EQ(uk_malloc(a, 64u << 20), nullptr);
	EXPECT_EQ(uk_malloc(a, SIZE_MAX), nullptr);
	EXPECT_EQ(uk_malloc(a, SIZE_MAX - kPage), nullptr);
	ASSERT_TRUE(check_heap(a));
	uk_free(a, p);
	uk_free(a, q);
	uk_free(a, r);
	EXPECT_EQ(uk_alloc_availmem(a), full);
	ASSERT_TRUE(check_heap(a));
}

} // namespace
} // namespace bbtest
