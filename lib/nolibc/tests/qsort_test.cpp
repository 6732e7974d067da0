/* SPDX-License-Identifier: BSD-3-Clause */
/* qsort and bsearch against std::sort / std::binary_search. */
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "../nolibc.hpp"

namespace {

int compare_ints(const void *a, const void *b)
{
	int x = *static_cast<const int *>(a), y = *static_cast<const int *>(b);
	return (x > y) - (x < y);
}

long comparisons = 0;
int counting_compare(const void *a, const void *b)
{
	comparisons++;
	return compare_ints(a, b);
}

void check_sorts(std::vector<int> v)
{
	std::vector<int> ref = v;
	std::sort(ref.begin(), ref.end());
	uk::nolibc::qsort(v.data(), v.size(), sizeof(int), compare_ints);
	EXPECT_EQ(v, ref);
}

TEST(Qsort, RandomSortedReversedDuplicates)
{
	std::mt19937 rng(5);
	for (size_t n : {0, 1, 2, 3, 7, 100, 1000, 4097}) {
		std::vector<int> v(n);
		for (auto &x : v)
			x = static_cast<int>(rng());
		check_sorts(v);
		std::sort(v.begin(), v.end());
		check_sorts(v);
		std::reverse(v.begin(), v.end());
		check_sorts(v);
		for (auto &x : v)
			x = static_cast<int>(rng() % 3);
		check_sorts(v);
		std::fill(v.begin(), v.end(), 7);
		check_sorts(v);
	}
}

TEST(Qsort, NotQuadraticOnSortedInput)
{
	std::vector<int> v(100000);
	for (size_t i = 0; i < v.size(); i++)
		v[i] = static_cast<int>(i);
	comparisons = 0;
	uk::nolibc::qsort(v.data(), v.size(), sizeof(int), counting_compare);
	EXPECT_LT(comparisons, 4 * 100000L * 17); /* ~ 2 n log2 n */
	EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
}

struct Record {
	int key;
	char payload[13]; /* odd element size */
};

TEST(Qsort, LargeOddSizedElements)
{
	std::mt19937 rng(8);
	std::vector<Record> v(500);
	for (auto &r : v) {
		r.key = static_cast<int>(rng() % 100);
		std::memset(r.payload, r.key, sizeof(r.payload));
	}
	uk::nolibc::qsort(v.data(), v.size(), sizeof(Record), compare_ints);
	for (size_t i = 0; i < v.size(); i++) {
		if (i) {
			EXPECT_LE(v[i - 1].key, v[i].key);
		}
		EXPECT_EQ(v[i].payload[12], static_cast<char>(v[i].key));
	}
}

TEST(Bsearch, FindsEveryElementAndMisses)
{
	std::vector<int> v;
	for (int i = 0; i < 200; i += 2)
		v.push_back(i);
	for (int k = -1; k < 202; k++) {
		auto *p = static_cast<int *>(uk::nolibc::bsearch(
			&k, v.data(), v.size(), sizeof(int), compare_ints));
		if (k >= 0 && k < 200 && k % 2 == 0) {
			ASSERT_NE(p, nullptr) << k;
			EXPECT_EQ(*p, k);
		} else {
			EXPECT_EQ(p, nullptr) << k;
		}
	}
	int k = 1;
	EXPECT_EQ(uk::nolibc::bsearch(&k, v.data(), 0, sizeof(int), compare_ints),
		  nullptr);
}

} // namespace
