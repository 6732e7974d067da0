// SPDX-License-Identifier: BSD-3-Clause
//
// A random sequence of every operation over three regions, checked against
// a model: each live block keeps a pattern of its own; blocks never overlap
// and lie in a region; ukalloc's statistics, the checker's page counts and
// availmem agree with the model; once everything is freed (in random
// order) every page is back.

#include "heap_check.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <vector>

namespace bbtest {
namespace {

struct Live {
	size_t size; // bytes asked for: the pattern covers these
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

class BbuddyRandomTest : public ::testing::TestWithParam<unsigned> {
protected:
	std::mt19937 rng{GetParam()};
	size_t pick(size_t lo, size_t hi)
	{
		return std::uniform_int_distribution<size_t>(lo, hi)(rng);
	}
	// Mostly small sizes, sometimes a page run.
	size_t random_size()
	{
		switch (pick(0, 9)) {
		case 0:
			return pick(2049, 40000);
		case 1:
			return pick(0, 2048);
		default:
			return pick(0, 300);
		}
	}
};

TEST_P(BbuddyRandomTest, MatchesModel)
{
	Arena r0(256 * 1024), r1(600 * 1024 + kPage), r2(1024 * 1024);
	Arena *arenas[] = {&r0, &r1, &r2};
	uk_alloc *a = uk_allocbbuddy_init(r0.base(), r0.len());
	ASSERT_NE(a, nullptr);
	ASSERT_EQ(uk_alloc_addmem(a, r1.base() + 777, 600 * 1024), 0);
	ASSERT_EQ(uk_alloc_addmem(a, r2.base(), r2.len()), 0);
	const int64_t empty = uk_alloc_availmem(a);

	std::map<void *, Live> live; // by address: overlap checks are local
	auto extent = [&](void *p, const Live &b) {
		return b.pages ? (kPage << order_for_pages(b.pages))
			       : uk_alloc_usable_size(a, p);
	};
	auto add = [&](void *p, size_t size, size_t align,
		       unsigned long pages = 0) {
		ASSERT_TRUE(aligned(p, align < 16 ? 16 : align)) << p;
		Live b{size, static_cast<uint8_t>(pick(0, 255)), pages};
		const size_t len = extent(p, b);
		ASSERT_GE(len, pages ? pages * kPage : size);
		ASSERT_TRUE(r0.holds(p, len) || r1.holds(p, len) ||
			    r2.holds(p, len));
		auto next = live.lower_bound(p);
		if (next != live.end()) {
			ASSERT_LE(static_cast<char *>(p) + len,
				  static_cast<char *>(next->first));
		}
		if (next != live.begin()) {
			auto prev = std::prev(next);
			ASSERT_GE(static_cast<char *>(p),
				  static_cast<char *>(prev->first) +
					  extent(prev->first, prev->second));
		}
		fill(p, b);
		live[p] = b;
	};
	auto random_live = [&]() {
		auto it = live.begin();
		std::advance(it, pick(0, live.size() - 1));
		return it;
	};
	auto release = [&](std::map<void *, Live>::iterator it) {
		ASSERT_TRUE(intact(it->first, it->second));
		if (it->second.pages)
			uk_pfree(a, it->first, it->second.pages);
		else
			uk_free(a, it->first);
		live.erase(it);
	};
	auto check_model = [&]() {
		size_t bytes = 0, run_pages = 0, objects = 0;
		for (auto &[p, b] : live) {
			ASSERT_TRUE(intact(p, b));
			const size_t len = extent(p, b);
			bytes += b.pages ? b.pages * kPage : len;
			if (len >= kPage)
				run_pages += len / kPage;
			else
				objects++;
		}
		uk_alloc_stats s = stats_of(a);
		ASSERT_EQ(s.cur_bytes, bytes);
		ASSERT_EQ(s.nb_allocs - s.nb_frees, live.size());
		HeapCounts c;
		ASSERT_TRUE(check_heap(a, &c));
		ASSERT_EQ(c.run_pages, run_pages);
		ASSERT_EQ(c.live_objects, objects);
		ASSERT_EQ(empty, uk_alloc_availmem(a) +
					 static_cast<int64_t>(
						 (run_pages + c.slab_pages -
						  c.empty_slabs) * kPage));
	};

	for (int step = 0; step < 25000; step++) {
		const size_t op = pick(0, 11);
		// Grow up to ~1500 blocks, then hover: frees win when many.
		const bool shrink = live.size() > 1500 || (op >= 6 && !live.empty());
		if (!shrink && op <= 2) {
			const size_t size = random_size();
			if (void *p = uk_malloc(a, size)) {
				ASSERT_NO_FATAL_FAILURE(add(p, size, 16));
			}
		} else if (!shrink && op == 3) {
			const size_t n = pick(0, 40), m = pick(0, 20);
			auto *p = static_cast<uint8_t *>(uk_calloc(a, n, m));
			if (p) {
				for (size_t i = 0; i < n * m; i++)
					ASSERT_EQ(p[i], 0);
				ASSERT_NO_FATAL_FAILURE(add(p, n * m, 16));
			}
		} else if (!shrink && op == 4) {
			const size_t align = size_t{8} << pick(0, 14);
			const size_t size = pick(0, 3000);
			void *p = nullptr;
			if (uk_posix_memalign(a, &p, align, size) == 0) {
				ASSERT_NO_FATAL_FAILURE(add(p, size, align));
			}
		} else if (!shrink && op == 5) {
			const unsigned long pages = pick(1, 9);
			if (void *p = uk_palloc(a, pages)) {
				ASSERT_NO_FATAL_FAILURE(
					add(p, pages * kPage, kPage, pages));
			}
		} else if (!live.empty() && (op <= 8 || live.size() > 1500)) {
			ASSERT_NO_FATAL_FAILURE(release(random_live()));
		} else if (!live.empty()) {
			auto it = random_live();
			if (it->second.pages)
				continue;
			Live b = it->second;
			const size_t size = random_size() + 1;
			void *p = uk_realloc(a, it->first, size);
			if (!p) { // failure keeps the old block
				ASSERT_TRUE(intact(it->first, b));
				continue;
			}
			b.size = std::min(b.size, size);
			ASSERT_TRUE(intact(p, b));
			live.erase(it);
			ASSERT_NO_FATAL_FAILURE(add(p, size, 16));
		}
		if (step % 499 == 0) {
			ASSERT_NO_FATAL_FAILURE(check_model());
		}
	}
	ASSERT_NO_FATAL_FAILURE(check_model());
	while (!live.empty())
		ASSERT_NO_FATAL_FAILURE(release(random_live()));
	ASSERT_NO_FATAL_FAILURE(check_model());
	EXPECT_EQ(uk_alloc_availmem(a), empty);
	EXPECT_EQ(stats_of(a).cur_bytes, 0u);
	EXPECT_GT(stats_of(a).nb_enomem, 0u); // the regions did fill up
	(void)arenas;
}

INSTANTIATE_TEST_SUITE_P(Seeds, BbuddyRandomTest,
			 ::testing::Values(1u, 2u, 3u, 42u, 1234u, 99991u));

} // namespace
} // namespace bbtest
