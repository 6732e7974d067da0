// SPDX-License-Identifier: BSD-3-Clause
//
// Private: the binary buddy allocator's data structures. Everything lives
// inside the memory it manages:
//
//   first region: [Allocator][Zone][PageMeta x n][pad][page 0]...[page n-1]
//   other region: [Zone][PageMeta x n][pad][page 0]...[page n-1]
//
// A Zone is one region, managed on its own (blocks never span zones).
// Every managed page has a PageMeta. The first page of a block (its head)
// says what the block is (free, a page run, a slab) and its order; every
// other page of a block is a kTail. A block of order o is 2^o pages and
// its address is aligned to 2^o pages (absolute address, not zone
// offset), so page runs are naturally aligned to their size and the buddy
// of a block is found by flipping one address bit.
//
// Small sizes (<= kSmallMax) come from slabs: one page cut into objects of
// one size class, a free list threaded through the free objects, the
// slab's state in its PageMeta. See README.md for the invariants.

#ifndef UK_ALLOCBBUDDY_HPP
#define UK_ALLOCBBUDDY_HPP

#include <uk/alloc.h>
#include <uk/config.h>

#include <stddef.h>
#include <stdint.h>

#include <type_traits>

namespace uk::allocbbuddy {

inline constexpr bool kDebug = UK_IS_ENABLED(CONFIG_LIBUKALLOCBBUDDY_DEBUG);

inline constexpr unsigned kPageShift = 12;
inline constexpr size_t kPageSize = UK_ALLOC_PAGE_SIZE;
static_assert(kPageSize == size_t{1} << kPageShift);
/** Orders 0..kOrders-1: blocks of 4 KiB up to 8 TiB. */
inline constexpr unsigned kOrders = 32;
/** Alignment of every malloc'd block; also the slab object granule. */
inline constexpr size_t kMinAlign = 16;
/** Largest size served by a slab; larger sizes are page runs. */
inline constexpr size_t kSmallMax = 2048;

/** Object sizes of the slab classes: multiples of kMinAlign, and every
 * power of two from 16 to kSmallMax (posix_memalign relies on it: objects
 * of a power-of-two class are aligned to their size). */
inline constexpr uint16_t kClassSizes[] = {
	16,  32,  48,  64,  80,  96,  112, 128,  160,  192, 224,
	256, 320, 384, 448, 512, 672, 816, 1024, 1360, 2048};
inline constexpr unsigned kNumClasses = sizeof(kClassSizes) / 2;

enum class Kind : uint8_t {
	kTail = 0, // not the head of a block (zeroed metadata means this)
	kFree,     // head of a free block, on free_[order] of its zone
	kRun,      // head of a page run handed out (malloc, palloc)
	kSlab,     // an order-0 page cut into small objects
};

/** Debug only: one bit per kMinAlign granule of a slab page, set while
 * the object starting there is handed out. */
struct LiveBits {
	uint64_t word[kPageSize / kMinAlign / 64];
};
struct NoLiveBits {};

struct PageMeta {
	PageMeta *next; // kFree: free list; kSlab: partial list of its class
	PageMeta *prev;
	void *free_obj;   // kSlab: first free object, nullptr when full
	uint16_t in_use;  // kSlab: objects handed out
	Kind kind;
	uint8_t order;    // kFree, kRun: the block's order; kSlab: 0
	uint8_t cls;      // kSlab: index in kClassSizes
	[[no_unique_address]] std::conditional_t<kDebug, LiveBits, NoLiveBits>
		live;
};
static_assert(sizeof(PageMeta) == (kDebug ? 64 : 32),
	      "metadata cost per page is documented in README.md");

struct alignas(64) Zone {
	Zone *next;         // next zone in addmem order
	uintptr_t start;    // memory given to us: [start, end)
	uintptr_t end;
	uintptr_t base;     // first managed page
	size_t npages;      // managed pages
	size_t free_pages;  // pages in free blocks
	PageMeta *meta;     // npages entries
	uint32_t nonempty;  // bit o set <=> free_[o] is not empty
	PageMeta *free_[kOrders]; // doubly linked, nullptr-terminated

	/**
	 * Builds a zone in [@p start, @p start + @p len), skipping the first
	 * @p reserved bytes (after aligning @p start to 64). All pages are
	 * free. @return nullptr if not even one page can be managed.
	 */
	[[nodiscard]] static Zone *place(uintptr_t start, size_t len,
					 size_t reserved);

	[[nodiscard]] bool contains(uintptr_t p) const
	{
		return p - base < (npages << kPageShift);
	}
	/** @p p must be inside the zone. */
	[[nodiscard]] PageMeta *meta_of(uintptr_t p) const
	{
		return &meta[(p - base) >> kPageShift];
	}
	[[nodiscard]] uintptr_t addr_of(const PageMeta *m) const
	{
		return base + (static_cast<size_t>(m - meta) << kPageShift);
	}
	[[nodiscard]] bool holds_meta(const PageMeta *m) const
	{
		return m >= meta && m < meta + npages;
	}
	/** Takes a block of @p order (head marked kRun). 0 if none. */
	[[nodiscard]] uintptr_t take(unsigned order);
	/** Frees the block at @p addr of @p order, merging with free buddies.*/
	void give(uintptr_t addr, unsigned order);
	/** Keeps the first 2^@p to pages of the block at @p addr of order
	 * @p from and frees the rest. */
	void shrink(uintptr_t addr, unsigned from, unsigned to);
	/** Head of the block that holds page @p p (O(log n)); error paths. */
	[[nodiscard]] PageMeta *block_of(uintptr_t p) const;

private:
	void push(PageMeta *m, unsigned order);
	void unlink(PageMeta *m, unsigned order);
};

/** Slabs of one object size. */
struct SizeClass {
	PageMeta *current; // allocations come from here; may be empty
	PageMeta *partial; // other slabs with free objects, never empty ones
	uint16_t size;
	uint16_t capacity; // objects per slab
};

/**
 * The allocator. Standard layout with the struct uk_alloc first, so that
 * the C thunks turn a struct uk_alloc * back into the Allocator.
 * Locking: none. The scheduler is cooperative; callers sharing one
 * allocator between preemptive contexts (interrupts, other CPUs) must
 * serialise every call.
 */
class alignas(64) Allocator {
public:
	/** Builds an allocator at the start of the memory. nullptr: too small.*/
	[[nodiscard]] static Allocator *create(void *base, size_t len);
	[[nodiscard]] static Allocator *of(uk_alloc *a);

	[[nodiscard]] uk_alloc *c_alloc() { return &alloc_; }
	[[nodiscard]] void *malloc(size_t size);
	/** @p align: a power of two (checked by ukalloc). */
	[[nodiscard]] void *memalign(size_t align, size_t size);
	[[nodiscard]] void *realloc(void *ptr, size_t size);
	void free(void *ptr);
	[[nodiscard]] void *palloc(unsigned long num_pages);
	void pfree(void *ptr, unsigned long num_pages);
	[[nodiscard]] size_t usable_size(const void *ptr) const;
	/** Free pages plus empty slabs kept as caches, in bytes. */
	[[nodiscard]] int64_t availmem() const;
	/** @return 0, or -EINVAL if too small or overlapping a zone. */
	[[nodiscard]] int addmem(void *base, size_t len);

	// Read-only views for the host tests' consistency checker.
	[[nodiscard]] const Zone *zones() const { return zones_; }
	[[nodiscard]] const SizeClass &size_class(unsigned i) const
	{
		return classes_[i];
	}

private:
	Allocator() = default;

	// Where a live pointer belongs; crashes on foreign pointers and (with
	// kDebug) on anything that is not a live block.
	struct Owner {
		Zone *zone;
		PageMeta *meta;
	};
	[[nodiscard]] Owner owner_of(const void *ptr) const;
	[[noreturn]] void report(const void *ptr, const Zone *z) const;

	// Pages (buddy.cpp).
	[[nodiscard]] void *alloc_pages(unsigned order);
	[[nodiscard]] bool release_empty_slabs();

	// Slabs (slab.cpp).
	[[nodiscard]] void *alloc_small(unsigned cls);
	void free_small(Zone *z, PageMeta *s, void *obj);
	[[nodiscard]] void *refill(unsigned cls);
	void slab_changed(Zone *z, PageMeta *s);

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

	uk_alloc alloc_; // first member: see of()
	Zone *zones_;    // the first one lives right after the Allocator
	SizeClass classes_[kNumClasses];
};

inline Allocator *Allocator::of(uk_alloc *a)
{
	// Pointer-interconvertible only because of these two facts.
	static_assert(std::is_standard_layout_v<Allocator>);
	static_assert(offsetof(Allocator, alloc_) == 0);
	return reinterpret_cast<Allocator *>(a);
}

/** kClassOf.index[(size + 15) / 16]: the smallest class that holds size. */
struct ClassTable {
	uint8_t index[kSmallMax / kMinAlign + 1];
};
consteval ClassTable make_class_table()
{
	ClassTable t{};
	unsigned cls = 0;
	for (size_t i = 0; i <= kSmallMax / kMinAlign; i++) {
		while (kClassSizes[cls] < i * kMinAlign)
			cls++;
		t.index[i] = static_cast<uint8_t>(cls);
	}
	return t;
}
inline constexpr ClassTable kClassOf = make_class_table();
static_assert(kClassSizes[kNumClasses - 1] == kSmallMax);

/** Slab class for a byte size <= kSmallMax: a table lookup. */
[[nodiscard]] inline unsigned class_of(size_t size)
{
	return kClassOf.index[(size + kMinAlign - 1) / kMinAlign];
}
/** Smallest order whose block holds @p bytes; kOrders if none. */
[[nodiscard]] unsigned order_for_bytes(size_t bytes);
/** Smallest order whose block holds @p pages; kOrders if none. */
[[nodiscard]] unsigned order_for_pages(unsigned long pages);

} // namespace uk::allocbbuddy

#endif // UK_ALLOCBBUDDY_HPP
