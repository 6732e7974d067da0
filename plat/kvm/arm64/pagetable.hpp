// SPDX-License-Identifier: BSD-3-Clause
//
// AArch64 stage 1 translation tables as this platform uses them: 4 KiB
// granule, 39-bit virtual addresses (T0SZ 25), so walks start at level 1
// (1 GiB blocks), then level 2 (2 MiB blocks), then level 3 (4 KiB
// pages). Pure logic, host-tested (tests/pagetable_test.cpp): descriptor
// encoding, the mapper that splits blocks as it goes, and the walk.
#pragma once

#include <uk/essentials.h>

namespace uk::kvm::pt {

inline constexpr uint64_t kValid = 1u << 0;
inline constexpr uint64_t kTableOrPage = 1u << 1; // table at L1/L2, page at L3
inline constexpr uint64_t kApReadOnly = 1u << 7;
inline constexpr uint64_t kShInner = 3u << 8;
inline constexpr uint64_t kAccessFlag = 1u << 10;
inline constexpr uint64_t kPxn = 1ULL << 53;
inline constexpr uint64_t kUxn = 1ULL << 54;
inline constexpr uint64_t kAddrMask = 0x0000fffffffff000ULL;
inline constexpr uint64_t kAttrMask = ~kAddrMask & ~uint64_t{3};
inline constexpr int kVaBits = 39;

/** MAIR indexes (boot.S sets MAIR_EL1 to match). */
inline constexpr uint64_t attr_index(int i) { return uint64_t(i) << 2; }
inline constexpr int kMairDevice = 1, kMairNormal = 2;

/** Attribute sets (without the type bits, which depend on the level). */
inline constexpr uint64_t kNormalData = attr_index(kMairNormal) | kShInner | kAccessFlag | kPxn | kUxn;
inline constexpr uint64_t kNormalText = attr_index(kMairNormal) | kShInner | kAccessFlag | kApReadOnly | kUxn;
inline constexpr uint64_t kNormalRodata = kNormalData | kApReadOnly;
inline constexpr uint64_t kDevice = attr_index(kMairDevice) | kAccessFlag | kPxn | kUxn;
/** "Attributes" of an absent range. */
inline constexpr uint64_t kAbsent = 0;

inline constexpr int level_shift(int level) { return 39 - 9 * level; } // 30, 21, 12
inline constexpr uint64_t level_size(int level) { return 1ULL << level_shift(level); }
inline constexpr unsigned index_of(uint64_t va, int level) { return (va >> level_shift(level)) & 511; }

/** A leaf descriptor for @p pa at @p level with attribute set @p attrs
 * (0 for an absent entry). */
inline constexpr uint64_t leaf(uint64_t pa, uint64_t attrs, int level)
{
	if (attrs == kAbsent)
		return 0;
	return (pa & kAddrMask) | attrs | kValid | (level == 3 ? kTableOrPage : 0);
}

inline constexpr bool is_table(uint64_t e, int level) { return level < 3 && (e & 3) == 3; }

/**
 * Tables are 512-entry arrays at addresses the code can use directly
 * (identity mapping). The platform supplies them:
 *   Pool::alloc() -> a zeroed table or nullptr;
 *   Pool::write(entry*, value) -> stores a descriptor (the live tables
 *   need break-before-make; the builder does not).
 */
template <class Pool>
class Mapper {
public:
	Mapper(uint64_t *root, Pool &pool) : root_(root), pool_(pool) {}

	/**
	 * Maps [va, va + len) identity (pa = va) with @p attrs (kAbsent
	 * unmaps), using the largest blocks that fit and splitting existing
	 * blocks where the range cuts them. 4 KiB aligned.
	 * @return false when the pool ran out (the range is partly done).
	 */
	bool map(uint64_t va, uint64_t len, uint64_t attrs)
	{
		return map_level(root_, 1, va, va + len, attrs);
	}

private:
	bool map_level(uint64_t *table, int level, uint64_t lo, uint64_t hi, uint64_t attrs)
	{
		const uint64_t size = level_size(level);
		for (uint64_t a = lo; a < hi;) {
			uint64_t block = a & ~(size - 1);
			uint64_t end = block + size < hi ? block + size : hi;
			uint64_t *e = &table[index_of(a, level)];
			// A whole block becomes one leaf (a table under it, if
			// any, is dropped: its pool page is not reused).
			if (a == block && end == block + size) {
				pool_.write(e, leaf(a, attrs, level));
			} else {
				uint64_t *next = descend(e, level, block);
				if (!next || !map_level(next, level + 1, a, end, attrs))
					return false;
			}
			a = end;
		}
		return true;
	}

	// The next-level table under *e, made from a block (same attributes
	// everywhere) or an empty entry when there is none yet.
	uint64_t *descend(uint64_t *e, int level, uint64_t block)
	{
		if (is_table(*e, level))
			return reinterpret_cast<uint64_t *>(*e & kAddrMask);
		uint64_t *t = pool_.alloc();
		if (!t)
			return nullptr;
		if (*e & kValid) {
			uint64_t attrs = *e & kAttrMask;
			uint64_t sub = level_size(level + 1);
			for (unsigned i = 0; i < 512; ++i)
				t[i] = leaf(block + i * sub, attrs, level + 1);
		}
		pool_.write(e, reinterpret_cast<uintptr_t>(t) | kValid | kTableOrPage);
		return t;
	}

	uint64_t *root_;
	Pool &pool_;
};

/**
 * @return the leaf descriptor (block or page) that maps @p va in the
 * tables at @p root, or 0 when @p va is not mapped (invalid at some
 * level). @p read(addr) returns the 8-byte entry at physical address
 * addr (identity mapped for the caller).
 */
template <class Read>
uint64_t leaf_of(uint64_t root, uint64_t va, Read read)
{
	if (va >> kVaBits)
		return 0;
	uint64_t table = root & kAddrMask;
	for (int level = 1; level <= 3; ++level) {
		uint64_t e = read(table + index_of(va, level) * 8);
		if (!(e & kValid))
			return 0;
		if (level == 3)
			return (e & kTableOrPage) ? e : 0; // 01 at level 3 is reserved
		if (!is_table(e, level))
			return e; // a block
		table = e & kAddrMask;
	}
	return 0;
}

/** @return true when @p va is mapped by the tables at @p root. */
template <class Read>
bool vaddr_mapped(uint64_t root, uint64_t va, Read read)
{
	return leaf_of(root, va, read) != 0;
}

}  // namespace uk::kvm::pt
