// SPDX-License-Identifier: BSD-3-Clause
//
// Byte allocations: malloc, posix_memalign, free, realloc, usable_size.
// Sizes up to kSmallMax come from the slabs (the fast path: a table
// lookup and a pop/push on a free list), larger ones are page runs of the
// buddy whose size is the order in the head's PageMeta (no header).

#include "bbuddy.hpp"

#include <uk/assert.h>

namespace uk::allocbbuddy {
namespace {

// Debug only: the live bit of a slab object.
struct LiveBit {
	uint64_t *word;
	uint64_t mask;
};

// A template so that the discarded branch (no `live` member without
// kDebug) is never instantiated.
template <typename Meta>
LiveBit live_bit(Meta *s, const void *obj)
{
	const size_t granule = (reinterpret_cast<uintptr_t>(obj) &
				(kPageSize - 1)) / kMinAlign;
	if constexpr (kDebug)
		return {&s->live.word[granule / 64], uint64_t{1} << (granule % 64)};
	else
		return {nullptr, 0};
}

} // namespace

void *Allocator::alloc_small(unsigned cls)
{
	PageMeta *s = classes_[cls].current;
	if (unlikely(!s || !s->free_obj))
		return refill(cls);
	void *obj = s->free_obj;
	s->free_obj = *static_cast<void **>(obj);
	s->in_use++;
	if constexpr (kDebug) {
		LiveBit b = live_bit(s, obj);
		*b.word |= b.mask;
	}
	return obj;
}

void Allocator::free_small(Zone *z, PageMeta *s, void *obj)
{
	if constexpr (kDebug) {
		LiveBit b = live_bit(s, obj);
		*b.word &= ~b.mask; // owner_of checked that it was set
	}
	const bool was_full = !s->free_obj;
	*static_cast<void **>(obj) = s->free_obj;
	s->free_obj = obj;
	s->in_use--;
	if (unlikely(was_full || s->in_use == 0))
		slab_changed(z, s);
}

void *Allocator::malloc(size_t size)
{
	if (likely(size <= kSmallMax))
		return alloc_small(class_of(size));
	return alloc_pages(order_for_bytes(size));
}

void *Allocator::memalign(size_t align, size_t size)
{
	UK_ASSERT(align && (align & (align - 1)) == 0);
	if (align <= kMinAlign)
		return malloc(size);
	// Objects of a power-of-two class are aligned to their size.
	const size_t need = size > align ? size : align;
	if (need <= kSmallMax)
		return alloc_small(class_of(size_t{1} << (64 - __builtin_clzl(
							   need - 1))));
	// Page runs are aligned to their size, which is >= need >= align.
	return alloc_pages(order_for_bytes(need));
}

Allocator::Owner Allocator::owner_of(const void *ptr) const
{
	const auto p = reinterpret_cast<uintptr_t>(ptr);
	Zone *z = zones_;
	while (z && !z->contains(p))
		z = z->next;
	if (unlikely(!z))
		report(ptr, nullptr);
	PageMeta *m = z->meta_of(p);
	if (likely(m->kind == Kind::kSlab)) {
		if constexpr (kDebug) {
			LiveBit b = live_bit(m, ptr);
			if (unlikely(p % kMinAlign || !(*b.word & b.mask)))
				report(ptr, z);
		}
		return {z, m};
	}
	if (likely(m->kind == Kind::kRun)) {
		if (kDebug && unlikely(p % kPageSize))
			report(ptr, z);
		return {z, m};
	}
	report(ptr, z); // a free page or the inside of a block
}

void Allocator::report(const void *ptr, const Zone *z) const
{
	const auto p = reinterpret_cast<uintptr_t>(ptr);
	if (!z)
		UK_CRASH("allocbbuddy: %p: not from this allocator", ptr);
	const PageMeta *head = z->block_of(p);
	UK_ASSERT(head);
	const uintptr_t start = z->addr_of(head);
	if (head->kind == Kind::kFree)
		UK_CRASH("allocbbuddy: %p: double free (the page is free)", ptr);
	if (head->kind == Kind::kSlab && (p - start) % kMinAlign == 0 &&
	    (p - start) % kClassSizes[head->cls] == 0)
		UK_CRASH("allocbbuddy: %p: double free (the object is free)",
			 ptr);
	UK_CRASH("allocbbuddy: %p: invalid pointer (inside the block at %p)",
		 ptr, reinterpret_cast<const void *>(start));
}

void Allocator::free(void *ptr)
{
	Owner o = owner_of(ptr);
	if (likely(o.meta->kind == Kind::kSlab))
		free_small(o.zone, o.meta, ptr);
	else
		o.zone->give(reinterpret_cast<uintptr_t>(ptr), o.meta->order);
}

size_t Allocator::usable_size(const void *ptr) const
{
	Owner o = owner_of(ptr);
	if (likely(o.meta->kind == Kind::kSlab))
		return kClassSizes[o.meta->cls];
	return kPageSize << o.meta->order;
}

void *Allocator::realloc(void *ptr, size_t size)
{
	Owner o = owner_of(ptr);
	size_t old;
	if (o.meta->kind == Kind::kSlab) {
		old = kClassSizes[o.meta->cls];
		if (size <= kSmallMax && class_of(size) == o.meta->cls)
			return ptr;
	} else {
		old = kPageSize << o.meta->order;
		const unsigned order = order_for_bytes(size);
		if (size > kSmallMax && order <= o.meta->order) {
			o.zone->shrink(reinterpret_cast<uintptr_t>(ptr),
				       o.meta->order, order);
			return ptr;
		}
	}
	// NOTE: growing a run in place (merging free buddies above it) would
	// save the copy; runs rarely grow in kernel code, so it moves.
	void *fresh = malloc(size);
	if (!fresh)
		return nullptr; // the old block stays as it was
	__builtin_memcpy(fresh, ptr, old < size ? old : size);
	free(ptr);
	return fresh;
}

// The thunks of the hot operations live here so that they inline them.

void *Allocator::malloc_thunk(uk_alloc *a, size_t size)
{
	return of(a)->malloc(size);
}

void Allocator::free_thunk(uk_alloc *a, void *ptr)
{
	of(a)->free(ptr);
}

size_t Allocator::usable_size_thunk(uk_alloc *a, const void *ptr)
{
	return of(a)->usable_size(ptr);
}

} // namespace uk::allocbbuddy
