// SPDX-License-Identifier: BSD-3-Clause
//
// Slow paths of the small-object caches: a class runs out of free objects
// (refill), a slab changes list (full -> partial, partial -> empty), and
// empty slabs go back to the buddy under memory pressure. The fast paths
// (pop/push on the current slab's free list) are in heap.cpp.
//
// Per class: `current` is the slab allocations come from; `partial` lists
// the other slabs that have free objects. Full slabs are on no list; they
// are found again through their PageMeta when an object is freed. An
// empty slab other than `current` is given back to the buddy at once; an
// empty `current` is kept, so that malloc+free of one size in a loop never
// reaches the buddy. Those kept slabs count as available memory and are
// released when a page allocation would otherwise fail.

#include "bbuddy.hpp"

#include <uk/assert.h>

namespace uk::allocbbuddy {
namespace {

void partial_push(SizeClass &c, PageMeta *s)
{
	s->prev = nullptr;
	s->next = c.partial;
	if (s->next)
		s->next->prev = s;
	c.partial = s;
}

void partial_unlink(SizeClass &c, PageMeta *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		c.partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
}

// Threads the free list through every object of a fresh slab, in address
// order (cache friendly for the first allocations).
void carve(PageMeta *s, uintptr_t page, const SizeClass &c)
{
	void *next = nullptr;
	for (unsigned i = c.capacity; i-- > 0;) {
		void *obj = reinterpret_cast<void *>(page + size_t{i} * c.size);
		*static_cast<void **>(obj) = next;
		next = obj;
	}
	s->free_obj = next;
	s->in_use = 0;
	if constexpr (kDebug)
		s->live = {};
}

} // namespace

void *Allocator::refill(unsigned cls)
{
	SizeClass &c = classes_[cls];
	// `current` is full here (or absent): it simply leaves the role.
	if (PageMeta *s = c.partial) {
		partial_unlink(c, s);
		c.current = s;
		return alloc_small(cls);
	}
	void *page = alloc_pages(0);
	if (!page)
		return nullptr;
	// alloc_pages may have released empty slabs, never a full current.
	const auto addr = reinterpret_cast<uintptr_t>(page);
	Zone *z = zones_;
	while (!z->contains(addr))
		z = z->next;
	PageMeta *s = z->meta_of(addr);
	s->kind = Kind::kSlab;
	s->order = 0;
	s->cls = static_cast<uint8_t>(cls);
	s->next = s->prev = nullptr;
	carve(s, addr, c);
	c.current = s;
	return alloc_small(cls);
}

void Allocator::slab_changed(Zone *z, PageMeta *s)
{
	SizeClass &c = classes_[s->cls];
	if (s == c.current)
		return;
	if (s->in_use == 0) {
		// Partial before (or full with capacity 1): back to the buddy.
		if (c.capacity > 1)
			partial_unlink(c, s);
		z->give(z->addr_of(s), 0);
	} else if (s->in_use == c.capacity - 1) {
		partial_push(c, s); // was full
	}
}

bool Allocator::release_empty_slabs()
{
	bool released = false;
	for (SizeClass &c : classes_) {
		PageMeta *s = c.current;
		if (!s || s->in_use != 0)
			continue;
		Zone *z = zones_;
		while (!z->holds_meta(s))
			z = z->next;
		z->give(z->addr_of(s), 0);
		c.current = nullptr;
		released = true;
	}
	return released;
}

} // namespace uk::allocbbuddy
