// SPDX-License-Identifier: BSD-3-Clause
//
// Pure logic of the x86_64 crash report (crash_report.cpp), host-tested
// (plat/common/tests/backtrace_test.cpp):
// "is this address mapped?" from the page tables, and the walk over
// rbp-linked frames that never reads an address it has not checked.
#pragma once

#include <uk/essentials.h>
#include <uk/plat/frames.hpp>

namespace uk::plat::x86 {

inline constexpr uint64_t kPtePresent = 1u << 0;
inline constexpr uint64_t kPteLarge = 1u << 7; // 1 GiB in a PDPTE, 2 MiB in a PDE
inline constexpr uint64_t kPteAddrMask = 0x000ffffffffff000ULL;

/**
 * @return true when virtual @p va is mapped (present at every level) by
 * the 4-level tables rooted at @p cr3. @p read_entry(phys) returns the
 * 8-byte table entry at physical address phys; the caller guarantees
 * that page tables are readable (identity mapping).
 */
template <class ReadEntry>
bool vaddr_mapped(uint64_t cr3, uint64_t va, ReadEntry read_entry)
{
	// Canonical: bits 63..47 all equal.
	uint64_t top = va >> 47;
	if (top != 0 && top != 0x1ffff)
		return false;
	uint64_t table = cr3 & kPteAddrMask;
	for (int level = 3; level >= 0; --level) {
		uint64_t index = (va >> (12 + 9 * level)) & 0x1ff;
		uint64_t e = read_entry(table + index * 8);
		if (!(e & kPtePresent))
			return false;
		if (level == 0 || ((level == 1 || level == 2) && (e & kPteLarge)))
			return true;
		table = e & kPteAddrMask;
	}
	return true; // not reached
}

using uk::plat::kMaxStackSpan;
using uk::plat::walk_frames;

}  // namespace uk::plat::x86
