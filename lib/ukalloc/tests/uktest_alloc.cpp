// SPDX-License-Identifier: BSD-3-Clause
//
// In-image tests of the default allocator (suite "alloc"), through the
// uk_* entry points and the libc's malloc family. They rely only on the
// contract of include/uk/alloc.h, never on which allocator ukboot put
// under the heap: memory coming back after a free is only asserted where
// availmem shows that this allocator gives it back (the region allocator
// reclaims LIFO only).

#include <errno.h>
#include <stdlib.h>
#include <uk/alloc.h>
#include <uk/test.h>

namespace {

constexpr size_t kPage = UK_ALLOC_PAGE_SIZE;
constexpr size_t kMaxAlign = alignof(max_align_t);
constexpr size_t kSizeMax = static_cast<size_t>(-1);
constexpr int kUkEINVAL = -22; // uk_* return negative Linux errnos
constexpr int kUkENOMEM = -12;

constexpr size_t kSizes[] = {1,    2,    3,    7,    8,     15,    16,
			     17,   31,   32,   63,   64,    100,   127,
			     128,  255,  256,  500,  1000,  1024,  4095,
			     4096, 4097, 8192, 65536, 100000, 1 << 20};
constexpr size_t kNumSizes = sizeof(kSizes) / sizeof(kSizes[0]);

bool aligned(const void *p, size_t align)
{
	return (reinterpret_cast<uintptr_t>(p) & (align - 1)) == 0;
}

uint8_t pattern(size_t i, unsigned seed)
{
	return static_cast<uint8_t>(i * 31 + seed * 7 + 1);
}

void fill(void *p, size_t n, unsigned seed)
{
	auto *b = static_cast<uint8_t *>(p);
	for (size_t i = 0; i < n; ++i)
		b[i] = pattern(i, seed);
}

// @return the index of the first byte that lost its pattern, or n.
size_t intact(const void *p, size_t n, unsigned seed)
{
	const auto *b = static_cast<const uint8_t *>(p);
	size_t i = 0;
	while (i < n && b[i] == pattern(i, seed))
		++i;
	return i;
}

uk_alloc_stats stats(uk_alloc *a)
{
	uk_alloc_stats s;
	uk_alloc_stats_get(a, &s);
	return s;
}

// Every case gives back what it took: same bytes, same number of live
// blocks as at its start.
void expect_balanced(uk_alloc *a, const uk_alloc_stats &before)
{
	const uk_alloc_stats now = stats(a);
	UK_TEST_EXPECT_EQ(now.cur_bytes, before.cur_bytes);
	UK_TEST_EXPECT_EQ(now.nb_allocs - now.nb_frees,
			  before.nb_allocs - before.nb_frees);
}

} // namespace

UK_TESTCASE(alloc, default_allocator_exists)
{
	UK_TEST_EXPECT_NOT_NULL(uk_alloc_get_default());
}

UK_TESTCASE(alloc, malloc_sizes_aligned_and_disjoint)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	void *blocks[kNumSizes] = {};
	for (size_t i = 0; i < kNumSizes; ++i) {
		blocks[i] = uk_malloc(a, kSizes[i]);
		UK_TEST_ASSERT_NOT_NULL(blocks[i]);
		UK_TEST_EXPECT(aligned(blocks[i], kMaxAlign));
		UK_TEST_EXPECT_GE(uk_alloc_usable_size(a, blocks[i]),
				  kSizes[i]);
		fill(blocks[i], uk_alloc_usable_size(a, blocks[i]), i);
	}
	// All blocks live at once: a block overlapping another shows here.
	for (size_t i = 0; i < kNumSizes; ++i) {
		const size_t n = uk_alloc_usable_size(a, blocks[i]);
		UK_TEST_EXPECT_EQ(intact(blocks[i], n, i), n);
	}
	UK_TEST_EXPECT_EQ(stats(a).nb_allocs, before.nb_allocs + kNumSizes);
	for (size_t i = 0; i < kNumSizes; ++i) // not LIFO on purpose
		uk_free(a, blocks[i]);
	UK_TEST_EXPECT_EQ(stats(a).nb_frees, before.nb_frees + kNumSizes);
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, malloc_zero_and_free_null)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	void *p = uk_malloc(a, 0); // NULL or a unique pointer: both legal
	uk_free(a, p);
	uk_free(a, nullptr);
	free(nullptr);
	UK_TEST_EXPECT_EQ(stats(a).nb_enomem, before.nb_enomem);
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, posix_memalign_alignments)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	for (size_t align = sizeof(void *); align <= 64 * 1024; align <<= 1) {
		const size_t sizes[] = {1, 24, align, align + 1, 3000};
		for (size_t size : sizes) {
			void *p = nullptr;
			const int rc = uk_posix_memalign(a, &p, align, size);
			UK_TEST_ASSERT_ZERO(rc);
			UK_TEST_ASSERT_NOT_NULL(p);
			UK_TEST_EXPECT(aligned(p, align));
			UK_TEST_EXPECT_GE(uk_alloc_usable_size(a, p), size);
			fill(p, size, align);
			UK_TEST_EXPECT_EQ(intact(p, size, align), size);
			uk_free(a, p);
		}
		void *q = nullptr;
		UK_TEST_ASSERT_ZERO(posix_memalign(&q, align, 100));
		UK_TEST_EXPECT(aligned(q, align));
		free(q);
	}
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, posix_memalign_bad_alignments)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	const size_t bad[] = {0, 1, 2, 3, 24, 48, kPage - 1, kSizeMax,
			      sizeof(void *) / 2, sizeof(void *) + 1,
			      kPage + sizeof(void *)};
	int marker;
	void *const sentinel = &marker;
	for (size_t align : bad) {
		void *p = sentinel;
		const int rc = uk_posix_memalign(a, &p, align, 64);
		UK_TEST_EXPECT_EQ(rc, kUkEINVAL);
		UK_TEST_EXPECT_PTR_EQ(p, sentinel); // untouched on failure
		void *q = sentinel;
		UK_TEST_EXPECT_EQ(posix_memalign(&q, align, 64), EINVAL);
		UK_TEST_EXPECT_PTR_EQ(q, sentinel);
	}
	// -EINVAL is a misuse, not a shortage: nb_enomem does not move.
	UK_TEST_EXPECT_EQ(stats(a).nb_enomem, before.nb_enomem);
	UK_TEST_EXPECT_EQ(stats(a).nb_allocs, before.nb_allocs);
	expect_balanced(a, before);
}

// Grows and shrinks @p p through @p steps; the common prefix survives
// every move. @return the last block, or NULL after a failure.
static void *resize_through(uk_alloc *a, void *p, const size_t *steps,
			    size_t count)
{
	size_t have = steps[0];
	fill(p, have, 3);
	for (size_t i = 1; i < count; ++i) {
		void *q = uk_realloc(a, p, steps[i]);
		if (!q) {
			UK_TEST_ADD_FAILURE("realloc to %zu bytes failed",
					    steps[i]);
			uk_free(a, p);
			return nullptr;
		}
		const size_t kept = have < steps[i] ? have : steps[i];
		UK_TEST_EXPECT_EQ(intact(q, kept, 3), kept);
		UK_TEST_EXPECT_GE(uk_alloc_usable_size(a, q), steps[i]);
		fill(q, steps[i], 3);
		p = q;
		have = steps[i];
	}
	return p;
}

UK_TESTCASE(alloc, realloc_keeps_contents)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	const size_t steps[] = {16, 100, 4096, 70000, 300000, 1000, 10, 5000};
	constexpr size_t kSteps = sizeof(steps) / sizeof(steps[0]);
	// Alone (the most recent block: may grow in place) ...
	void *p = uk_malloc(a, steps[0]);
	UK_TEST_ASSERT_NOT_NULL(p);
	uk_free(a, resize_through(a, p, steps, kSteps));
	// ... and with a live block after it (must move to grow).
	p = uk_malloc(a, steps[0]);
	void *after = uk_malloc(a, 64);
	UK_TEST_ASSERT_NOT_NULL(p);
	UK_TEST_ASSERT_NOT_NULL(after);
	fill(after, 64, 9);
	uk_free(a, resize_through(a, p, steps, kSteps));
	UK_TEST_EXPECT_EQ(intact(after, 64, 9), 64);
	uk_free(a, after);
	// The libc's realloc is the same thing.
	char *c = static_cast<char *>(malloc(10));
	UK_TEST_ASSERT_NOT_NULL(c);
	fill(c, 10, 5);
	c = static_cast<char *>(realloc(c, 20000));
	UK_TEST_ASSERT_NOT_NULL(c);
	UK_TEST_EXPECT_EQ(intact(c, 10, 5), 10);
	free(c);
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, realloc_null_zero_and_failure)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	void *p = uk_realloc(a, nullptr, 64); // = malloc
	UK_TEST_ASSERT_NOT_NULL(p);
	UK_TEST_EXPECT_EQ(stats(a).nb_allocs, before.nb_allocs + 1);
	fill(p, 64, 1);
	const uk_alloc_stats live = stats(a);
	// Failure: NULL, the old block as it was, counted as ENOMEM.
	UK_TEST_EXPECT_NULL(uk_realloc(a, p, kSizeMax / 2));
	UK_TEST_EXPECT_EQ(intact(p, 64, 1), 64);
	UK_TEST_EXPECT_EQ(stats(a).cur_bytes, live.cur_bytes);
	UK_TEST_EXPECT_EQ(stats(a).nb_enomem, live.nb_enomem + 1);
	errno = 0;
	UK_TEST_EXPECT_NULL(realloc(p, kSizeMax - kPage));
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
	UK_TEST_EXPECT_EQ(intact(p, 64, 1), 64);
	// Size 0 frees.
	UK_TEST_EXPECT_NULL(uk_realloc(a, p, 0));
	UK_TEST_EXPECT_EQ(stats(a).nb_frees, live.nb_frees + 1);
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, calloc_zeroes)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	const size_t sizes[] = {1, 16, 100, 4096, 70000};
	for (size_t n : sizes) {
		// Dirty memory first, so that zeroes cannot come by chance.
		void *dirty = uk_malloc(a, n);
		UK_TEST_ASSERT_NOT_NULL(dirty);
		fill(dirty, n, 7);
		uk_free(a, dirty);
		auto *z = static_cast<uint8_t *>(uk_calloc(a, n, 1));
		auto *y = static_cast<uint8_t *>(calloc(4, n));
		UK_TEST_ASSERT_NOT_NULL(z);
		UK_TEST_ASSERT_NOT_NULL(y);
		size_t nonzero = 0;
		for (size_t i = 0; i < n; ++i)
			nonzero += z[i] != 0;
		for (size_t i = 0; i < 4 * n; ++i)
			nonzero += y[i] != 0;
		UK_TEST_EXPECT_ZERO(nonzero);
		uk_free(a, z);
		free(y);
	}
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, calloc_overflow)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	UK_TEST_EXPECT_NULL(uk_calloc(a, kSizeMax / 2 + 1, 2));
	UK_TEST_EXPECT_NULL(uk_calloc(a, kSizeMax, kSizeMax));
	UK_TEST_EXPECT_EQ(stats(a).nb_enomem, before.nb_enomem + 2);
	errno = 0;
	UK_TEST_EXPECT_NULL(calloc(kSizeMax / 16, 32));
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
	UK_TEST_EXPECT_EQ(stats(a).nb_allocs, before.nb_allocs);
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, palloc_page_aligned)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	const unsigned long counts[] = {1, 2, 3, 8, 17};
	void *pages[5] = {};
	size_t bytes = 0;
	for (size_t i = 0; i < 5; ++i) {
		pages[i] = uk_palloc(a, counts[i]);
		UK_TEST_ASSERT_NOT_NULL(pages[i]);
		UK_TEST_EXPECT(aligned(pages[i], kPage));
		fill(pages[i], counts[i] * kPage, i);
		bytes += counts[i] * kPage;
		// Pages are counted as whole pages, whatever the allocator.
		UK_TEST_EXPECT_EQ(stats(a).cur_bytes, before.cur_bytes + bytes);
	}
	for (size_t i = 0; i < 5; ++i)
		UK_TEST_EXPECT_EQ(intact(pages[i], counts[i] * kPage, i),
				  counts[i] * kPage);
	for (size_t i = 0; i < 5; ++i)
		uk_pfree(a, pages[i], counts[i]);
	UK_TEST_EXPECT_NULL(uk_palloc(a, 0));
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, stats_follow_each_call)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats s0 = stats(a);
	void *p = uk_malloc(a, 100);
	UK_TEST_ASSERT_NOT_NULL(p);
	const size_t up = uk_alloc_usable_size(a, p);
	uk_alloc_stats s = stats(a);
	UK_TEST_EXPECT_EQ(s.cur_bytes, s0.cur_bytes + up);
	UK_TEST_EXPECT_EQ(s.nb_allocs, s0.nb_allocs + 1);
	UK_TEST_EXPECT_GE(s.peak_bytes, s.cur_bytes);

	void *q = malloc(3000); // the libc allocates from the default one
	UK_TEST_ASSERT_NOT_NULL(q);
	const size_t uq = uk_alloc_usable_size(a, q);
	s = stats(a);
	UK_TEST_EXPECT_EQ(s.cur_bytes, s0.cur_bytes + up + uq);
	UK_TEST_EXPECT_EQ(s.nb_allocs, s0.nb_allocs + 2);

	// realloc = one free and one allocation.
	p = uk_realloc(a, p, 50000);
	UK_TEST_ASSERT_NOT_NULL(p);
	const size_t up2 = uk_alloc_usable_size(a, p);
	s = stats(a);
	UK_TEST_EXPECT_EQ(s.cur_bytes, s0.cur_bytes + up2 + uq);
	UK_TEST_EXPECT_EQ(s.nb_allocs, s0.nb_allocs + 3);
	UK_TEST_EXPECT_EQ(s.nb_frees, s0.nb_frees + 1);
	UK_TEST_EXPECT_GE(s.peak_bytes, s.cur_bytes);

	free(q);
	uk_free(a, p);
	s = stats(a);
	UK_TEST_EXPECT_EQ(s.cur_bytes, s0.cur_bytes);
	UK_TEST_EXPECT_EQ(s.nb_frees, s0.nb_frees + 3);
	UK_TEST_EXPECT_EQ(s.nb_enomem, s0.nb_enomem);
}

UK_TESTCASE(alloc, huge_requests_fail_cleanly)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const uk_alloc_stats before = stats(a);
	const int64_t avail = uk_alloc_availmem(a);
	const size_t more = avail >= 0 ? size_t(avail) + 1 : size_t(1) << 46;
	const size_t huge[] = {kSizeMax, kSizeMax - 8, kSizeMax - kPage,
			       kSizeMax / 2, size_t(1) << 46, more,
			       more + kPage};
	int marker;
	for (size_t n : huge) {
		UK_TEST_EXPECT_NULL(uk_malloc(a, n));
		void *p = &marker;
		const int rc = uk_posix_memalign(a, &p, kPage, n);
		UK_TEST_EXPECT_EQ(rc, kUkENOMEM);
		UK_TEST_EXPECT_PTR_EQ(p, &marker); // untouched on failure
		UK_TEST_EXPECT_NULL(uk_palloc(a, n / kPage + 1));
	}
	UK_TEST_EXPECT_NULL(uk_palloc(a, static_cast<unsigned long>(-1)));
	errno = 0;
	UK_TEST_EXPECT_NULL(malloc(kSizeMax));
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
	const uk_alloc_stats s = stats(a);
	// Three failures per size above, then palloc(-1) and malloc().
	constexpr size_t kHuge = sizeof(huge) / sizeof(huge[0]);
	UK_TEST_EXPECT_EQ(s.nb_enomem, before.nb_enomem + 3 * kHuge + 2);
	UK_TEST_EXPECT_EQ(s.nb_allocs, before.nb_allocs);
	UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), avail);
	// The heap still works.
	void *p = uk_malloc(a, 4096);
	UK_TEST_ASSERT_NOT_NULL(p);
	fill(p, 4096, 2);
	UK_TEST_EXPECT_EQ(intact(p, 4096, 2), 4096);
	uk_free(a, p);
	expect_balanced(a, before);
}

UK_TESTCASE(alloc, allocation_near_availmem)
{
	uk_alloc *a = uk_alloc_get_default();
	UK_TEST_ASSERT_NOT_NULL(a);
	const int64_t avail = uk_alloc_availmem(a);
	if (avail < 0)
		UK_TEST_SKIP("the allocator does not report availmem");
	const uk_alloc_stats before = stats(a);
	// All the free memory in one block: the region allocator gives it,
	// a buddy allocator may not (its largest block is smaller). Either
	// way the answer is clean.
	auto *p = static_cast<uint8_t *>(uk_malloc(a, size_t(avail)));
	if (p) {
		p[0] = 1;
		p[avail - 1] = 2;
		UK_TEST_EXPECT_LT(uk_alloc_availmem(a), avail);
		uk_free(a, p);
	} else {
		UK_TEST_EXPECT_EQ(stats(a).nb_enomem, before.nb_enomem + 1);
		UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), avail);
	}
	// Freed memory is asserted to come back only where availmem says
	// this allocator gives it back (the region one: LIFO frees only).
	const size_t big = UK_ALIGN_DOWN(size_t(avail) / 8, kPage);
	void *q = uk_malloc(a, big);
	if (!q)
		UK_TEST_SKIP("no block of an eighth of availmem");
	const int64_t during = uk_alloc_availmem(a);
	UK_TEST_EXPECT_LE(during, avail - int64_t(big));
	uk_free(a, q);
	if (uk_alloc_availmem(a) < avail)
		UK_TEST_SKIP("the allocator did not give the block back");
	// 32 rounds of an eighth: four times the heap, only if frees work.
	for (int round = 0; round < 32; ++round) {
		q = uk_malloc(a, big);
		UK_TEST_ASSERT_NOT_NULL(q);
		static_cast<uint8_t *>(q)[big - 1] = 1;
		uk_free(a, q);
	}
	UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), avail);
	expect_balanced(a, before);
}
