// SPDX-License-Identifier: BSD-3-Clause
//
// Private: the region allocator's data structures. Every structure lives
// inside the memory it manages:
//
//   first region: [Allocator][Region][hdr|block][hdr|block]...   ...end
//   other region: [Region][hdr|block]...                         ...end
//
// Each block is preceded by a BlockHeader that links it to the block
// allocated before it in the same region, so that the region's blocks form
// a stack. free() of the top block pops it and every block below it that
// was already freed; free() of any other block only marks it.

#ifndef UK_ALLOCREGION_HPP
#define UK_ALLOCREGION_HPP

#include <uk/alloc.h>

#include <stddef.h>
#include <stdint.h>

namespace uk::allocregion {

/** Alignment of every block and of every structure below. */
inline constexpr size_t kAlign = 16;

struct alignas(kAlign) BlockHeader {
	/** Usable size (a multiple of kAlign) | kFreed. */
	size_t size_flags;
	/** Block allocated before this one in the same region, or nullptr. */
	BlockHeader *prev;

	static constexpr size_t kFreed = 1;

	[[nodiscard]] size_t size() const { return size_flags & ~kFreed; }
	[[nodiscard]] bool freed() const { return size_flags & kFreed; }
	[[nodiscard]] uintptr_t payload() const
	{
		return reinterpret_cast<uintptr_t>(this) + sizeof(*this);
	}
	[[nodiscard]] static BlockHeader *of(const void *payload)
	{
		return reinterpret_cast<BlockHeader *>(
			reinterpret_cast<uintptr_t>(payload) -
			sizeof(BlockHeader));
	}
};
static_assert(sizeof(BlockHeader) == kAlign,
	      "the header must keep payloads kAlign-aligned");

struct alignas(kAlign) Region {
	Region *next;     // next region in addmem order
	uintptr_t start;  // first byte given to the allocator (overlap check)
	uintptr_t begin;  // first byte for blocks
	uintptr_t cur;    // bump pointer: first free byte, kAlign-aligned
	uintptr_t end;    // one past the last usable byte, kAlign-aligned
	BlockHeader *top; // most recent block not yet reclaimed

	/**
	 * Places a Region in [@p start, @p start + @p len) after @p reserved
	 * bytes of other state. @return nullptr if no room is left for one
	 * header and kAlign bytes.
	 */
	[[nodiscard]] static Region *place(uintptr_t start, size_t len,
					   size_t reserved);
	[[nodiscard]] bool contains(uintptr_t payload) const
	{
		return payload > begin && payload <= end;
	}
	/** Bump-allocates; @p size is rounded already. nullptr if full. */
	[[nodiscard]] void *take(size_t align, size_t size);
	/** Frees the block of @p h (which lies in this region). */
	void give(BlockHeader *h);
	[[nodiscard]] size_t free_bytes() const;
};

/**
 * The allocator. Standard layout with the struct uk_alloc first, so that
 * the C thunks turn a struct uk_alloc * back into the Allocator.
 * Locking: none (see uk/alloc.h).
 */
class alignas(kAlign) Allocator {
public:
	/** Builds an allocator at the start of the memory. nullptr: too small. */
	[[nodiscard]] static Allocator *create(void *base, size_t len);
	[[nodiscard]] static Allocator *of(uk_alloc *a);

	[[nodiscard]] uk_alloc *c_alloc() { return &alloc_; }
	[[nodiscard]] void *malloc(size_t size);
	/** @p align: a power of two (checked by ukalloc). */
	[[nodiscard]] void *memalign(size_t align, size_t size);
	[[nodiscard]] void *realloc(void *ptr, size_t size);
	void free(void *ptr);
	[[nodiscard]] size_t usable_size(const void *ptr) const;
	[[nodiscard]] int64_t availmem() const;
	/** @return 0, or -EINVAL if too small or overlapping a region. */
	[[nodiscard]] int addmem(void *base, size_t len);

private:
	Allocator() = default;
	[[nodiscard]] Region *region_of(const void *ptr) const;
	[[nodiscard]] BlockHeader *live_header(const void *ptr) const;

	static void *malloc_thunk(uk_alloc *a, size_t size);
	static int memalign_thunk(uk_alloc *a, void **out, size_t align,
				  size_t size);
	static void *realloc_thunk(uk_alloc *a, void *ptr, size_t size);
	static void free_thunk(uk_alloc *a, void *ptr);
	static void *palloc_thunk(uk_alloc *a, unsigned long num_pages);
	static void pfree_thunk(uk_alloc *a, void *ptr, unsigned long pages);
	static int64_t availmem_thunk(uk_alloc *a);
	static int addmem_thunk(uk_alloc *a, void *base, size_t len);
	static size_t usable_size_thunk(uk_alloc *a, const void *ptr);

	uk_alloc alloc_;   // first member: see of()
	Region *first_;    // lives right after the Allocator
	Region *current_;  // where allocation is tried first
};

} // namespace uk::allocregion

#endif // UK_ALLOCREGION_HPP
