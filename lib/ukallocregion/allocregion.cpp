// SPDX-License-Identifier: BSD-3-Clause
//
// Region (bump) allocator: see allocregion.hpp for the memory layout and
// README.md for the reclaim rules.

#include "allocregion.hpp"

#include <uk/alloc_regions.hpp>
#include <uk/allocregion.h>
#include <uk/assert.h>

#include <new>
#include <type_traits>

namespace uk::allocregion {
namespace {

constexpr int kEINVAL = 22; // Linux errno number; no libc header here

constexpr size_t kPageSize = UK_ALLOC_PAGE_SIZE;

// Rounds @p size up to kAlign. false on overflow.
[[nodiscard]] bool round_size(size_t size, size_t *out)
{
	if (size > SIZE_MAX - (kAlign - 1))
		return false;
	*out = UK_ALIGN_UP(size, kAlign);
	return true;
}

// Aligns @p v up to the power of two @p align. false on overflow.
[[nodiscard]] bool align_up(uintptr_t v, size_t align, uintptr_t *out)
{
	uintptr_t sum;
	if (__builtin_add_overflow(v, align - 1, &sum))
		return false;
	*out = sum & ~static_cast<uintptr_t>(align - 1);
	return true;
}

} // namespace

Region *Region::place(uintptr_t start, size_t len, size_t reserved)
{
	uintptr_t limit, aligned;
	if (__builtin_add_overflow(start, len, &limit) ||
	    !align_up(start, kAlign, &aligned))
		return nullptr;
	limit = UK_ALIGN_DOWN(limit, kAlign);
	const size_t overhead = reserved + sizeof(Region);
	if (aligned > limit ||
	    limit - aligned < overhead + sizeof(BlockHeader) + kAlign)
		return nullptr;
	auto *r = new (reinterpret_cast<void *>(aligned + reserved)) Region;
	r->next = nullptr;
	r->start = start;
	r->begin = aligned + overhead;
	r->cur = r->begin;
	r->end = limit;
	r->top = nullptr;
	return r;
}

void *Region::take(size_t align, size_t size)
{
	uintptr_t payload;
	if (end - cur < sizeof(BlockHeader) ||
	    !align_up(cur + sizeof(BlockHeader), align, &payload) ||
	    payload > end || size > end - payload)
		return nullptr;
	auto *h = new (reinterpret_cast<void *>(payload - sizeof(BlockHeader)))
		BlockHeader{size, top};
	top = h;
	cur = payload + size;
	return reinterpret_cast<void *>(payload);
}

void Region::give(BlockHeader *h)
{
	h->size_flags |= BlockHeader::kFreed;
	if (h != top)
		return; // leaks until every block above it is freed
	while (top && top->freed())
		top = top->prev;
	cur = top ? top->payload() + top->size() : begin;
}

size_t Region::free_bytes() const
{
	const size_t left = end - cur;
	return left > sizeof(BlockHeader) ? left - sizeof(BlockHeader) : 0;
}

Allocator *Allocator::create(void *base, size_t len)
{
	if (!base)
		return nullptr;
	auto start = reinterpret_cast<uintptr_t>(base);
	Region *r = Region::place(start, len, sizeof(Allocator));
	if (!r)
		return nullptr;
	auto *self = new (reinterpret_cast<void *>(UK_ALIGN_UP(start, kAlign)))
		Allocator;
	self->alloc_ = uk_alloc{};
	self->alloc_.malloc = malloc_thunk;
	self->alloc_.posix_memalign = memalign_thunk;
	self->alloc_.realloc = realloc_thunk;
	self->alloc_.free = free_thunk;
	self->alloc_.palloc = palloc_thunk;
	self->alloc_.pfree = pfree_thunk;
	self->alloc_.availmem = availmem_thunk;
	self->alloc_.addmem = addmem_thunk;
	self->alloc_.usable_size = usable_size_thunk;
	self->first_ = r;
	self->current_ = r;
	return self;
}

Allocator *Allocator::of(uk_alloc *a)
{
	// Pointer-interconvertible only because of these two facts.
	static_assert(std::is_standard_layout_v<Allocator>);
	static_assert(offsetof(Allocator, alloc_) == 0);
	// The first Region follows the Allocator directly.
	static_assert(sizeof(Allocator) % alignof(Region) == 0);
	UK_ASSERT(a);
	return reinterpret_cast<Allocator *>(a);
}

void *Allocator::malloc(size_t size)
{
	return memalign(kAlign, size);
}

void *Allocator::memalign(size_t align, size_t size)
{
	UK_ASSERT(align && (align & (align - 1)) == 0);
	if (align < kAlign)
		align = kAlign;
	size_t rounded;
	if (!round_size(size, &rounded))
		return nullptr;
	if (void *p = current_->take(align, rounded))
		return p;
	// The current region is full for this request: move on to the
	// first region (in addmem order) that still has room.
	for (Region *r = first_; r; r = r->next) {
		if (r == current_)
			continue;
		if (void *p = r->take(align, rounded)) {
			current_ = r;
			return p;
		}
	}
	return nullptr;
}

void *Allocator::realloc(void *ptr, size_t size)
{
	BlockHeader *h = live_header(ptr);
	Region *r = region_of(ptr);
	size_t rounded;
	if (!round_size(size, &rounded))
		return nullptr;
	const size_t old = h->size();
	const uintptr_t payload = h->payload();
	if (h == r->top && rounded <= r->end - payload) {
		h->size_flags = rounded; // grow or shrink in place
		r->cur = payload + rounded;
		return ptr;
	}
	if (rounded <= old)
		return ptr; // shrinking a buried block: keep it whole
	void *fresh = malloc(size);
	if (!fresh)
		return nullptr;
	__builtin_memcpy(fresh, ptr, old);
	r->give(h);
	return fresh;
}

void Allocator::free(void *ptr)
{
	BlockHeader *h = live_header(ptr);
	region_of(ptr)->give(h);
}

size_t Allocator::usable_size(const void *ptr) const
{
	return live_header(ptr)->size();
}

int64_t Allocator::availmem() const
{
	size_t total = 0;
	for (const Region *r = first_; r; r = r->next)
		total += r->free_bytes();
	return static_cast<int64_t>(total);
}

int Allocator::addmem(void *base, size_t len)
{
	return uk::alloc::add_region(&first_, base, len);
}

Region *Allocator::region_of(const void *ptr) const
{
	const auto p = reinterpret_cast<uintptr_t>(ptr);
	for (Region *r = first_; r; r = r->next) {
		if (r->contains(p))
			return r;
	}
	UK_CRASH("allocregion: %p is not from this allocator", ptr);
	return nullptr;
}

BlockHeader *Allocator::live_header(const void *ptr) const
{
	UK_ASSERT(ptr && reinterpret_cast<uintptr_t>(ptr) % kAlign == 0);
	BlockHeader *h = BlockHeader::of(ptr);
	UK_ASSERT(!h->freed()); // double free or use after free
	return h;
}

// The C thunks that fill struct uk_alloc.

void *Allocator::malloc_thunk(uk_alloc *a, size_t size)
{
	return of(a)->malloc(size);
}

int Allocator::memalign_thunk(uk_alloc *a, void **out, size_t align,
			      size_t size)
{
	void *p = of(a)->memalign(align, size);
	if (!p)
		return -12; // -ENOMEM (Linux number)
	*out = p;
	return 0;
}

void *Allocator::realloc_thunk(uk_alloc *a, void *ptr, size_t size)
{
	return of(a)->realloc(ptr, size);
}

void Allocator::free_thunk(uk_alloc *a, void *ptr)
{
	of(a)->free(ptr);
}

void *Allocator::palloc_thunk(uk_alloc *a, unsigned long num_pages)
{
	size_t bytes;
	if (__builtin_mul_overflow(num_pages, kPageSize, &bytes))
		return nullptr;
	return of(a)->memalign(kPageSize, bytes);
}

void Allocator::pfree_thunk(uk_alloc *a, void *ptr, unsigned long)
{
	of(a)->free(ptr);
}

int64_t Allocator::availmem_thunk(uk_alloc *a)
{
	return of(a)->availmem();
}

int Allocator::addmem_thunk(uk_alloc *a, void *base, size_t len)
{
	return of(a)->addmem(base, len);
}

size_t Allocator::usable_size_thunk(uk_alloc *a, const void *ptr)
{
	return of(a)->usable_size(ptr);
}

} // namespace uk::allocregion

extern "C" struct uk_alloc *uk_allocregion_init(void *base, size_t len)
{
	auto *self = uk::allocregion::Allocator::create(base, len);
	return self ? self->c_alloc() : nullptr;
}
