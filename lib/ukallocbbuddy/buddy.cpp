// SPDX-License-Identifier: BSD-3-Clause
//
// The page allocator of one zone: free lists per order, split on take,
// merge with the buddy on give. Every operation touches O(order) PageMeta
// entries: the buddy's state is read from its PageMeta, never found by
// walking a list.

#include "bbuddy.hpp"

#include <uk/assert.h>

#include <new>

namespace uk::allocbbuddy {
namespace {

[[nodiscard]] bool align_up(uintptr_t v, size_t align, uintptr_t *out)
{
	uintptr_t sum;
	if (__builtin_add_overflow(v, align - 1, &sum))
		return false;
	*out = sum & ~static_cast<uintptr_t>(align - 1);
	return true;
}

// Address of the first page when @p n pages of metadata start at @p meta.
uintptr_t pages_start(uintptr_t meta, size_t n)
{
	return UK_ALIGN_UP(meta + n * sizeof(PageMeta), kPageSize);
}

// Largest order of a block at @p addr that ends at or before @p end.
unsigned largest_order(uintptr_t addr, uintptr_t end)
{
	unsigned o = 0;
	while (o + 1 < kOrders && (addr & ((kPageSize << (o + 1)) - 1)) == 0 &&
	       end - addr >= (kPageSize << (o + 1)))
		o++;
	return o;
}

} // namespace

Zone *Zone::place(uintptr_t start, size_t len, size_t reserved)
{
	uintptr_t limit, at;
	if (__builtin_add_overflow(start, len, &limit) ||
	    !align_up(start, alignof(Zone), &at) ||
	    __builtin_add_overflow(at, reserved + sizeof(Zone), &at) ||
	    at > limit)
		return nullptr;
	const uintptr_t meta_at = at;
	const uintptr_t pages_end = UK_ALIGN_DOWN(limit, kPageSize);
	if (pages_end <= meta_at)
		return nullptr;
	// Largest n whose metadata and pages both fit.
	size_t n = (pages_end - meta_at) / (kPageSize + sizeof(PageMeta));
	while (n && pages_start(meta_at, n) + (n << kPageShift) > pages_end)
		n--;
	if (n == 0)
		return nullptr;

	auto *z = new (reinterpret_cast<void *>(meta_at - sizeof(Zone))) Zone;
	z->next = nullptr;
	z->start = start;
	z->end = limit;
	z->base = pages_start(meta_at, n);
	z->npages = n;
	z->free_pages = 0;
	z->meta = reinterpret_cast<PageMeta *>(meta_at);
	z->nonempty = 0;
	for (PageMeta *&head : z->free_)
		head = nullptr;
	// All tails (zero), then the greedy split into maximal aligned blocks.
	__builtin_memset(z->meta, 0, n * sizeof(PageMeta));
	const uintptr_t zone_end = z->base + (n << kPageShift);
	for (uintptr_t a = z->base; a < zone_end;) {
		const unsigned o = largest_order(a, zone_end);
		z->give(a, o);
		a += kPageSize << o;
	}
	return z;
}

void Zone::push(PageMeta *m, unsigned order)
{
	m->kind = Kind::kFree;
	m->order = static_cast<uint8_t>(order);
	m->prev = nullptr;
	m->next = free_[order];
	if (m->next)
		m->next->prev = m;
	free_[order] = m;
	nonempty |= 1u << order;
}

void Zone::unlink(PageMeta *m, unsigned order)
{
	if (m->prev)
		m->prev->next = m->next;
	else
		free_[order] = m->next;
	if (m->next)
		m->next->prev = m->prev;
	if (!free_[order])
		nonempty &= ~(1u << order);
}

uintptr_t Zone::take(unsigned order)
{
	const uint32_t fits = nonempty & (~0u << order);
	if (!fits)
		return 0;
	unsigned o = static_cast<unsigned>(__builtin_ctz(fits));
	PageMeta *m = free_[o];
	unlink(m, o);
	const uintptr_t addr = addr_of(m);
	// Split: the upper half of each level goes back as a free block.
	while (o > order) {
		o--;
		push(meta_of(addr + (kPageSize << o)), o);
	}
	m->kind = Kind::kRun;
	m->order = static_cast<uint8_t>(order);
	free_pages -= size_t{1} << order;
	return addr;
}

void Zone::give(uintptr_t addr, unsigned order)
{
	free_pages += size_t{1} << order;
	PageMeta *m = meta_of(addr);
	while (order + 1 < kOrders) {
		const uintptr_t buddy = addr ^ (kPageSize << order);
		if (!contains(buddy))
			break;
		PageMeta *b = meta_of(buddy);
		if (b->kind != Kind::kFree || b->order != order)
			break;
		unlink(b, order);
		// The higher half stops being a head.
		if (buddy < addr) {
			m->kind = Kind::kTail;
			addr = buddy;
			m = b;
		} else {
			b->kind = Kind::kTail;
		}
		order++;
	}
	push(m, order);
}

void Zone::shrink(uintptr_t addr, unsigned from, unsigned to)
{
	// The buddy of each freed upper half is the lower half, still in
	// use: nothing can merge.
	for (unsigned o = from; o-- > to;) {
		push(meta_of(addr + (kPageSize << o)), o);
		free_pages += size_t{1} << o;
	}
	meta_of(addr)->order = static_cast<uint8_t>(to);
}

PageMeta *Zone::block_of(uintptr_t p) const
{
	// The first head found going up the orders is the block's head:
	// below it, the aligned-down addresses are its tail pages.
	for (unsigned o = 0; o < kOrders; o++) {
		const uintptr_t head = p & ~((kPageSize << o) - 1);
		if (!contains(head))
			break;
		PageMeta *m = meta_of(head);
		if (m->kind == Kind::kTail)
			continue;
		if (p - head < (kPageSize << m->order))
			return m;
	}
	return nullptr;
}

void *Allocator::alloc_pages(unsigned order)
{
	if (order >= kOrders)
		return nullptr;
	for (int attempt = 0; attempt < 2; attempt++) {
		for (Zone *z = zones_; z; z = z->next) {
			if (uintptr_t addr = z->take(order))
				return reinterpret_cast<void *>(addr);
		}
		// Last resort: the empty slabs kept as caches.
		if (!release_empty_slabs())
			break;
	}
	return nullptr;
}

unsigned order_for_pages(unsigned long pages)
{
	if (pages <= 1)
		return 0;
	const unsigned o = 64 - static_cast<unsigned>(__builtin_clzl(pages - 1));
	return o < kOrders ? o : kOrders;
}

unsigned order_for_bytes(size_t bytes)
{
	if (bytes > SIZE_MAX - (kPageSize - 1))
		return kOrders;
	return order_for_pages((bytes + kPageSize - 1) >> kPageShift);
}

} // namespace uk::allocbbuddy
