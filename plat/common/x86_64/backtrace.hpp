// SPDX-License-Identifier: BSD-3-Clause
//
// Pure logic of the x86_64 crash report (crash_report.cpp), host-tested
// (plat/common/tests/backtrace_test.cpp):
// "is this address mapped?" from the page tables, and the walk over
// rbp-linked frames that never reads an address it has not checked.
#pragma once

#include <uk/essentials.h>

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

/** Largest distance from the interrupted rsp a frame may lie at. */
inline constexpr uintptr_t kMaxStackSpan = 1u << 20;

/**
 * Collects return addresses by following saved-rbp links: a frame at
 * rbp holds [rbp] = caller's rbp, [rbp + 8] = return address. Stops at
 * rbp 0, at @p max addresses, and at the first frame that is misaligned,
 * not above the previous one (no loops), further than kMaxStackSpan above
 * @p sp, or whose two words @p readable(addr) rejects.
 * @return the number of addresses written to @p out.
 */
template <class Readable>
int walk_frames(uintptr_t rbp, uintptr_t sp, Readable readable, uintptr_t *out, int max)
{
	int n = 0;
	uintptr_t low = sp;
	while (n < max && rbp != 0) {
		if ((rbp & 7) != 0 || rbp < low || rbp - sp > kMaxStackSpan)
			break;
		if (rbp > UINTPTR_MAX - 16 || !readable(rbp) || !readable(rbp + 8))
			break;
		auto *frame = reinterpret_cast<const uintptr_t *>(rbp);
		uintptr_t ret = frame[1];
		if (ret == 0)
			break;
		out[n++] = ret;
		low = rbp + 16; // the caller's frame lies above this one
		rbp = frame[0];
	}
	return n;
}

}  // namespace uk::plat::x86
