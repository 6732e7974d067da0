/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * qsort() as a heap sort: O(n log n) on every input (sorted, reversed,
 * all equal), no recursion, no allocation. Not stable, as C allows.
 */
#include "nolibc.hpp"

namespace uk::nolibc {
namespace {

void swap_bytes(char *a, char *b, size_t size)
{
	for (; size; size--, a++, b++) {
		char t = *a;
		*a = *b;
		*b = t;
	}
}

/* Restores the max-heap property below @p root within [0, n). */
void sift_down(char *base, size_t root, size_t n, size_t size, CompareFn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

} // namespace

void qsort(void *base, size_t n, size_t size, CompareFn cmp)
{
	auto *b = static_cast<char *>(base);
	if (n < 2 || size == 0)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      CompareFn cmp)
{
	auto *b = static_cast<const char *>(base);
	while (n > 0) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return const_cast<char *>(mid);
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return nullptr;
}

} // namespace uk::nolibc
