// SPDX-License-Identifier: BSD-3-Clause
//
// For allocators that manage several memory regions as a singly linked
// list of region headers (fields start, end, next): where a new region
// [start, start+len) may be linked in. Shared by ukallocregion and
// ukallocbbuddy so that both reject the same bad addmem() calls.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace uk::alloc {

/**
 * @return the link at the end of the list @p head where a region for
 * [base, base+len) goes, or nullptr if base is null, the range wraps
 * around the address space or overlaps a region already in the list.
 * @p limit receives the end of the range.
 */
template <typename Region>
Region **region_link_for(Region **head, const void *base, size_t len, uintptr_t *limit)
{
	const auto start = reinterpret_cast<uintptr_t>(base);
	if (!base || __builtin_add_overflow(start, len, limit))
		return nullptr;
	Region **link = head;
	for (; *link; link = &(*link)->next) {
		const Region *r = *link;
		if (start < r->end && r->start < *limit)
			return nullptr;
	}
	return link;
}

}  // namespace uk::alloc
