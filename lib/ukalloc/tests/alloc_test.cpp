// SPDX-License-Identifier: BSD-3-Clause
//
// Host tests of lib/ukalloc/alloc.cpp against a fake allocator backed by
// the host's aligned_alloc. The fake can run with or without its optional
// operations, so the same tests cover the generic fallbacks.

#include <uk/alloc.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

namespace {

constexpr size_t kPage = UK_ALLOC_PAGE_SIZE;

struct FakeAlloc {
	uk_alloc a{}; // first: the thunks cast uk_alloc * back to FakeAlloc *
	std::map<const void *, size_t> live;
	size_t budget = SIZE_MAX; // bytes the fake may hand out in total
	size_t used = 0;
	int realloc_calls = 0;
	int palloc_calls = 0;
	int pfree_calls = 0;
	int malloc_calls = 0;

	static FakeAlloc *of(uk_alloc *a) { return reinterpret_cast<FakeAlloc *>(a); }

	void *take(size_t align, size_t size)
	{
		size_t usable = (size + align - 1) & ~(align - 1);
		if (usable == 0)
			usable = align;
		if (usable > budget - used)
			return nullptr;
		void *p = std::aligned_alloc(align, usable);
		std::memset(p, 0xab, usable); // calloc must really zero
		live[p] = usable;
		used += usable;
		return p;
	}
	void give(void *p)
	{
		auto it = live.find(p);
		ASSERT_NE(it, live.end()) << "free of unknown pointer";
		used -= it->second;
		live.erase(it);
		std::free(p);
	}

	static void *malloc_op(uk_alloc *a, size_t size)
	{
		of(a)->malloc_calls++;
		return of(a)->take(16, size);
	}
	static int memalign_op(uk_alloc *a, void **out, size_t align, size_t size)
	{
		void *p = of(a)->take(align, size);
		if (!p)
			return -ENOMEM;
		*out = p;
		return 0;
	}
	static void free_op(uk_alloc *a, void *p) { of(a)->give(p); }
	static size_t usable_op(uk_alloc *a, const void *p)
	{
		return of(a)->live.at(p);
	}
	static void *realloc_op(uk_alloc *a, void *p, size_t size)
	{
		FakeAlloc *f = of(a);
		f->realloc_calls++;
		void *n = f->take(16, size);
		if (!n)
			return nullptr;
		size_t old = f->live.at(p);
		std::memcpy(n, p, old < size ? old : size);
		f->give(p);
		return n;
	}
	static void *palloc_op(uk_alloc *a, unsigned long n)
	{
		of(a)->palloc_calls++;
		return of(a)->take(kPage, n * kPage);
	}
	static void pfree_op(uk_alloc *a, void *p, unsigned long)
	{
		of(a)->pfree_calls++;
		of(a)->give(p);
	}
	static int64_t availmem_op(uk_alloc *a)
	{
		return static_cast<int64_t>(of(a)->budget - of(a)->used);
	}
	static int addmem_op(uk_alloc *a, void *, size_t len)
	{
		of(a)->budget += len;
		return 0;
	}

	explicit FakeAlloc(bool with_optional_ops)
	{
		a.malloc = malloc_op;
		a.posix_memalign = memalign_op;
		a.free = free_op;
		a.usable_size = usable_op;
		if (with_optional_ops) {
			a.realloc = realloc_op;
			a.palloc = palloc_op;
			a.pfree = pfree_op;
			a.availmem = availmem_op;
			a.addmem = addmem_op;
		}
	}
	~FakeAlloc()
	{
		for (auto &[p, size] : live)
			std::free(const_cast<void *>(p));
	}
	FakeAlloc(const FakeAlloc &) = delete;
	FakeAlloc &operator=(const FakeAlloc &) = delete;
};

// Runs every test with the optional operations set (true) and NULL (false).
class AllocTest : public ::testing::TestWithParam<bool> {
protected:
	FakeAlloc fake{GetParam()};
	uk_alloc *a = &fake.a;

	uk_alloc_stats stats()
	{
		uk_alloc_stats s;
		uk_alloc_stats_get(a, &s);
		return s;
	}
	// The stats must always agree with the fake's own books.
	void TearDown() override
	{
		uk_alloc_stats s = stats();
		EXPECT_EQ(s.cur_bytes, fake.used);
		EXPECT_EQ(s.nb_allocs - s.nb_frees, fake.live.size());
		EXPECT_GE(s.peak_bytes, s.cur_bytes);
	}
};

INSTANTIATE_TEST_SUITE_P(Ops, AllocTest, ::testing::Bool(),
			 [](const auto &info) {
				 return info.param ? "WithOptionalOps"
						   : "GenericFallbacks";
			 });

TEST_P(AllocTest, MallocAndFreeKeepStats)
{
	void *p = uk_malloc(a, 10);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(stats().cur_bytes, 16u); // through usable_size
	EXPECT_EQ(uk_alloc_usable_size(a, p), 16u);
	void *q = uk_malloc(a, 100);
	ASSERT_NE(q, nullptr);
	EXPECT_EQ(stats().cur_bytes, 16u + 112u);
	uk_free(a, p);
	uk_free(a, nullptr); // not counted
	uk_alloc_stats s = stats();
	EXPECT_EQ(s.cur_bytes, 112u);
	EXPECT_EQ(s.peak_bytes, 128u);
	EXPECT_EQ(s.nb_allocs, 2u);
	EXPECT_EQ(s.nb_frees, 1u);
	EXPECT_EQ(s.nb_enomem, 0u);
	uk_free(a, q);
	EXPECT_EQ(stats().cur_bytes, 0u);
	EXPECT_EQ(stats().peak_bytes, 128u);
	EXPECT_EQ(uk_alloc_usable_size(a, nullptr), 0u);
}

TEST_P(AllocTest, MallocFailureCountsEnomem)
{
	fake.budget = 64;
	EXPECT_EQ(uk_malloc(a, 65), nullptr);
	uk_alloc_stats s = stats();
	EXPECT_EQ(s.nb_enomem, 1u);
	EXPECT_EQ(s.nb_allocs, 0u);
	EXPECT_EQ(s.cur_bytes, 0u);
	void *p = uk_malloc(a, 64);
	EXPECT_NE(p, nullptr);
	uk_free(a, p);
}

TEST_P(AllocTest, CallocZeroesAndCounts)
{
	auto *p = static_cast<unsigned char *>(uk_calloc(a, 7, 9));
	ASSERT_NE(p, nullptr);
	for (int i = 0; i < 63; i++)
		EXPECT_EQ(p[i], 0) << i;
	EXPECT_EQ(stats().nb_allocs, 1u);
	EXPECT_EQ(stats().cur_bytes, 64u);
	uk_free(a, p);
}

TEST_P(AllocTest, CallocOverflowReturnsNullAndCountsFailure)
{
	EXPECT_EQ(uk_calloc(a, SIZE_MAX / 2 + 1, 2), nullptr);
	EXPECT_EQ(uk_calloc(a, 2, SIZE_MAX), nullptr);
	EXPECT_EQ(fake.malloc_calls, 0); // never reached the allocator
	EXPECT_EQ(stats().nb_enomem, 2u);
	EXPECT_EQ(stats().nb_allocs, 0u);
	fake.budget = 32;
	EXPECT_EQ(uk_calloc(a, 4, 16), nullptr); // plain out of memory
	EXPECT_EQ(stats().nb_enomem, 3u);
}

TEST_P(AllocTest, ReallocNullMallocsAndZeroFrees)
{
	void *p = uk_realloc(a, nullptr, 40);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(stats().nb_allocs, 1u);
	EXPECT_EQ(uk_realloc(a, p, 0), nullptr);
	uk_alloc_stats s = stats();
	EXPECT_EQ(s.nb_frees, 1u);
	EXPECT_EQ(s.cur_bytes, 0u);
	EXPECT_EQ(s.nb_enomem, 0u);
	EXPECT_TRUE(fake.live.empty());
}

TEST_P(AllocTest, ReallocGrowsAndShrinksKeepingContents)
{
	auto *p = static_cast<unsigned char *>(uk_malloc(a, 32));
	ASSERT_NE(p, nullptr);
	for (int i = 0; i < 32; i++)
		p[i] = static_cast<unsigned char>(i);
	auto *q = static_cast<unsigned char *>(uk_realloc(a, p, 200));
	ASSERT_NE(q, nullptr);
	for (int i = 0; i < 32; i++)
		EXPECT_EQ(q[i], i);
	uk_alloc_stats s = stats();
	EXPECT_EQ(s.cur_bytes, 208u);
	EXPECT_EQ(s.nb_allocs, 2u); // realloc = one free + one alloc
	EXPECT_EQ(s.nb_frees, 1u);
	auto *r = static_cast<unsigned char *>(uk_realloc(a, q, 8));
	ASSERT_NE(r, nullptr);
	for (int i = 0; i < 8; i++)
		EXPECT_EQ(r[i], i);
	EXPECT_EQ(stats().cur_bytes, 16u);
	EXPECT_EQ(fake.realloc_calls, GetParam() ? 2 : 0);
	uk_free(a, r);
}

TEST_P(AllocTest, ReallocFailureKeepsOldBlock)
{
	fake.budget = 64;
	auto *p = static_cast<unsigned char *>(uk_malloc(a, 48));
	ASSERT_NE(p, nullptr);
	std::memset(p, 0x5a, 48);
	uk_alloc_stats before = stats();
	EXPECT_EQ(uk_realloc(a, p, 64), nullptr);
	uk_alloc_stats after = stats();
	EXPECT_EQ(after.nb_enomem, before.nb_enomem + 1);
	EXPECT_EQ(after.cur_bytes, before.cur_bytes);
	EXPECT_EQ(after.nb_allocs, before.nb_allocs);
	EXPECT_EQ(after.nb_frees, before.nb_frees);
	ASSERT_EQ(fake.live.count(p), 1u);
	for (int i = 0; i < 48; i++)
		EXPECT_EQ(p[i], 0x5a) << i;
	uk_free(a, p);
}

TEST_P(AllocTest, PosixMemalignRejectsBadAlignments)
{
	void *sentinel = &fake;
	for (size_t align : {size_t{0}, size_t{1}, size_t{2}, size_t{4},
			     sizeof(void *) / 2, size_t{12}, size_t{24},
			     size_t{48}, size_t{4097}, SIZE_MAX}) {
		void *p = sentinel;
		EXPECT_EQ(uk_posix_memalign(a, &p, align, 16), -EINVAL)
		    << align;
		EXPECT_EQ(p, sentinel) << align;
	}
	EXPECT_EQ(stats().nb_enomem, 0u); // -EINVAL is no allocation failure
	EXPECT_EQ(stats().nb_allocs, 0u);
}

TEST_P(AllocTest, PosixMemalignAlignsAndCounts)
{
	size_t expect_bytes = 0;
	std::vector<void *> blocks;
	for (size_t align : {sizeof(void *), size_t{16}, size_t{64},
			     size_t{256}, kPage}) {
		void *p = nullptr;
		ASSERT_EQ(uk_posix_memalign(a, &p, align, 24), 0) << align;
		EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % align, 0u);
		expect_bytes += uk_alloc_usable_size(a, p);
		blocks.push_back(p);
	}
	EXPECT_EQ(stats().cur_bytes, expect_bytes);
	EXPECT_EQ(stats().nb_allocs, blocks.size());
	fake.budget = fake.used;
	void *p = &fake;
	EXPECT_EQ(uk_posix_memalign(a, &p, 64, 1), -ENOMEM);
	EXPECT_EQ(p, &fake);
	EXPECT_EQ(stats().nb_enomem, 1u);
	for (void *b : blocks)
		uk_free(a, b);
}

TEST_P(AllocTest, PallocGivesPagesAndCountsThem)
{
	void *p = uk_palloc(a, 3);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kPage, 0u);
	std::memset(p, 1, 3 * kPage);
	EXPECT_EQ(stats().cur_bytes, 3 * kPage);
	EXPECT_EQ(stats().nb_allocs, 1u);
	EXPECT_EQ(fake.palloc_calls, GetParam() ? 1 : 0);
	uk_pfree(a, p, 3);
	uk_pfree(a, nullptr, 3);
	EXPECT_EQ(stats().cur_bytes, 0u);
	EXPECT_EQ(stats().nb_frees, 1u);
	EXPECT_EQ(fake.pfree_calls, GetParam() ? 1 : 0);
}

TEST_P(AllocTest, PallocFailures)
{
	EXPECT_EQ(uk_palloc(a, 0), nullptr);
	EXPECT_EQ(uk_palloc(a, ~0UL), nullptr); // pages * 4096 overflows
	fake.budget = 2 * kPage;
	EXPECT_EQ(uk_palloc(a, 3), nullptr);
	EXPECT_EQ(stats().nb_enomem, 3u);
	EXPECT_EQ(stats().nb_allocs, 0u);
	EXPECT_EQ(fake.palloc_calls, GetParam() ? 1 : 0);
}

TEST_P(AllocTest, AvailmemAndAddmem)
{
	fake.budget = 1000;
	char mem[64];
	EXPECT_EQ(uk_alloc_addmem(a, nullptr, 64), -EINVAL);
	EXPECT_EQ(uk_alloc_addmem(a, mem, 0), -EINVAL);
	if (GetParam()) {
		EXPECT_EQ(uk_alloc_availmem(a), 1000);
		EXPECT_EQ(uk_alloc_addmem(a, mem, sizeof(mem)), 0);
		EXPECT_EQ(uk_alloc_availmem(a), 1064);
	} else {
		EXPECT_EQ(uk_alloc_availmem(a), -ENOTSUP);
		EXPECT_EQ(uk_alloc_addmem(a, mem, sizeof(mem)), -ENOTSUP);
	}
}

TEST_P(AllocTest, PeakFollowsHighWaterMark)
{
	void *p[4];
	for (auto &b : p)
		b = uk_malloc(a, 16);
	uk_free(a, p[0]);
	uk_free(a, p[1]);
	void *q = uk_realloc(a, p[2], 160);
	ASSERT_NE(q, nullptr);
	uk_alloc_stats s = stats();
	EXPECT_EQ(s.cur_bytes, 160u + 16u);
	// Stats change after an operation returns, so realloc counts as
	// free-then-alloc and its transient old+new moment is not seen.
	EXPECT_EQ(s.peak_bytes, 176u);
	uk_free(a, q);
	uk_free(a, p[3]);
}

// The registry is process-wide state: one test covers it, with allocators
// of static storage duration so the list never dangles.
FakeAlloc g_first{false};
FakeAlloc g_second{true};
FakeAlloc g_unregistered{false};

TEST(AllocRegistry, FirstRegisteredIsDefault)
{
	EXPECT_EQ(uk_alloc_get_default(), nullptr);
	EXPECT_EQ(uk_alloc_set_default(&g_first.a), -ENOENT);
	EXPECT_EQ(uk_alloc_register(&g_first.a), 0);
	EXPECT_EQ(uk_alloc_get_default(), &g_first.a);
	EXPECT_EQ(uk_alloc_register(&g_second.a), 0);
	EXPECT_EQ(uk_alloc_get_default(), &g_first.a);
	EXPECT_EQ(uk_alloc_register(&g_first.a), -EEXIST);
	EXPECT_EQ(uk_alloc_register(&g_second.a), -EEXIST);
	EXPECT_EQ(uk_alloc_set_default(&g_unregistered.a), -ENOENT);
	EXPECT_EQ(uk_alloc_set_default(&g_second.a), 0);
	EXPECT_EQ(uk_alloc_get_default(), &g_second.a);
	EXPECT_EQ(g_second.a.next, &g_first.a);
	EXPECT_EQ(g_first.a.next, nullptr);
	EXPECT_EQ(uk_alloc_set_default(&g_second.a), 0); // already default
	EXPECT_EQ(uk_alloc_register(&g_first.a), -EEXIST);
}

using AllocDeathTest = AllocTest;
INSTANTIATE_TEST_SUITE_P(Ops, AllocDeathTest, ::testing::Values(false));

TEST_P(AllocDeathTest, MissingRequiredOperationIsCaught)
{
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	uk_alloc broken = fake.a;
	broken.usable_size = nullptr;
	EXPECT_DEATH((void)uk_malloc(&broken, 8), "assertion failed");
}

// The errno numbers alloc.cpp hard-codes are Linux's.
static_assert(EINVAL == 22 && ENOMEM == 12 && EEXIST == 17 &&
	      ENOENT == 2 && ENOTSUP == 95);

} // namespace
