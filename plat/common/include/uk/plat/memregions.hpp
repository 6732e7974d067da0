// SPDX-License-Identifier: BSD-3-Clause
//
// The allocatable memory regions a platform hands to ukboot
// (ukplat_memregion_get): the RAM the loader reported, minus what must
// stay (the image, boot data, the initrd). Page-aligned inwards; pieces
// beyond the table's size are dropped (and counted).
#pragma once

#include <uk/errno.h>
#include <uk/plat.h>

namespace uk::plat {

/** A half-open range [lo, hi) of physical addresses. */
struct Range {
	uintptr_t lo, hi;
};

template <int kMax>
class RegionSet {
public:
	/** Adds [lo, hi) without the parts that overlap any of @p holes.
	 * Not inlined: GCC unrolls the recursion into kilobytes of boot code. */
	[[gnu::noinline]] void add_without(uintptr_t lo, uintptr_t hi, const Range *holes, int nholes)
	{
		if (lo >= hi)
			return;
		if (nholes == 0) {
			add(lo, hi);
			return;
		}
		const Range &h = holes[0];
		if (h.hi <= lo || h.lo >= hi || h.hi <= h.lo) { // apart, or empty
			add_without(lo, hi, holes + 1, nholes - 1);
			return;
		}
		add_without(lo, h.lo, holes + 1, nholes - 1);
		add_without(h.hi, hi, holes + 1, nholes - 1);
	}

	int count() const { return n_; }
	int dropped() const { return dropped_; }

	/** @return 0, or -EINVAL when @p i is out of range. */
	int get(int i, ukplat_memregion *out) const
	{
		if (i < 0 || i >= n_)
			return -UK_EINVAL;
		*out = regions_[i];
		return 0;
	}

private:
	static constexpr uintptr_t kPage = 0x1000;

	void add(uintptr_t lo, uintptr_t hi)
	{
		lo = UK_ALIGN_UP(lo, kPage);
		hi = UK_ALIGN_DOWN(hi, kPage);
		if (hi <= lo)
			return;
		if (n_ == kMax) {
			++dropped_;
			return;
		}
		regions_[n_++] = ukplat_memregion{lo, hi - lo, UKPLAT_MEMRF_ALLOCATABLE};
	}

	ukplat_memregion regions_[kMax]{};
	int n_ = 0;
	int dropped_ = 0;
};

}  // namespace uk::plat

namespace uk::plat {

/**
 * Records the memory a KVM-style platform found at boot, once, before
 * ukplat_entry(): allocatable regions are @p ram minus @p holes (the
 * image, boot data, and the initrd, which must be one of the holes), and
 * the initrd for ukplat_initrd_get(). plat/common/memory.cpp then
 * answers ukplat_memregion_count/get and ukplat_initrd_get.
 * @return the end of RAM (highest address + 1).
 */
uintptr_t memory_init(const ukplat_memregion *ram, int nram, const Range *holes, int nholes,
		      uintptr_t initrd_base, size_t initrd_len);

}  // namespace uk::plat
