// SPDX-License-Identifier: BSD-3-Clause
//
// For allocators that manage several memory regions as a singly linked
// list of region headers (fields start, end, next): where a new region
// [start, start+len) may be linked in. Shared by ukallocregion and
// ukallocbbuddy so that both reject the same bad addmem() calls.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <uk/errno.h>

namespace uk::alloc {

/**
 * Places a region header in [base, base+len) (Region::place(start, len,
 * 0), which returns null when the memory is too small) and appends it to
 * the list at @p head.
 * @return 0, or -UK_EINVAL if base is null, the range wraps around the
 * address space, overlaps a region already in the list, or is too small.
 */
template <typename Region>
int add_region(Region **head, void *base, size_t len)
{
	const auto start = reinterpret_cast<uintptr_t>(base);
	uintptr_t limit;
	if (!base || __builtin_add_overflow(start, len, &limit))
		return -UK_EINVAL;
	Region **link = head;
	for (; *link; link = &(*link)->next) {
		const Region *r = *link;
		if (start < r->end && r->start < limit)
			return -UK_EINVAL;
	}
	Region *r = Region::place(start, len, 0);
	if (!r)
		return -UK_EINVAL;
	*link = r;
	return 0;
}

}  // namespace uk::alloc
