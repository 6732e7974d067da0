// SPDX-License-Identifier: BSD-3-Clause
//
// The allocator's life cycle and page interface: create over the first
// region, addmem for the others, palloc/pfree, availmem, and the C thunks
// of the cold operations (the hot ones are in heap.cpp).

#include "bbuddy.hpp"

#include <uk/alloc_regions.hpp>
#include <uk/allocbbuddy.h>
#include <uk/assert.h>

#include <new>

namespace uk::allocbbuddy {
namespace {

constexpr int kENOMEM = 12; // Linux errno numbers; no libc header here
constexpr int kEINVAL = 22;

// The first zone follows the Allocator directly.
static_assert(sizeof(Allocator) % alignof(Zone) == 0);

} // namespace

Allocator *Allocator::create(void *base, size_t len)
{
	if (!base)
		return nullptr;
	auto start = reinterpret_cast<uintptr_t>(base);
	Zone *z = Zone::place(start, len, sizeof(Allocator));
	if (!z)
		return nullptr;
	auto *self = new (reinterpret_cast<void *>(
		UK_ALIGN_UP(start, alignof(Allocator)))) Allocator;
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
	self->zones_ = z;
	for (unsigned i = 0; i < kNumClasses; i++) {
		const uint16_t size = kClassSizes[i];
		self->classes_[i] = {nullptr, nullptr, size,
				     static_cast<uint16_t>(kPageSize / size)};
	}
	return self;
}

void *Allocator::palloc(unsigned long num_pages)
{
	if (num_pages == 0)
		return nullptr;
	return alloc_pages(order_for_pages(num_pages));
}

void Allocator::pfree(void *ptr, unsigned long num_pages)
{
	Owner o = owner_of(ptr);
	if (kDebug && unlikely(o.meta->kind != Kind::kRun ||
			       o.meta->order != order_for_pages(num_pages)))
		UK_CRASH("allocbbuddy: pfree(%p, %lu): not a page allocation "
			 "of that size",
			 ptr, num_pages);
	o.zone->give(reinterpret_cast<uintptr_t>(ptr), o.meta->order);
}

int64_t Allocator::availmem() const
{
	size_t pages = 0;
	for (const Zone *z = zones_; z; z = z->next)
		pages += z->free_pages;
	for (const SizeClass &c : classes_) {
		if (c.current && c.current->in_use == 0)
			pages++; // released on demand by alloc_pages
	}
	return static_cast<int64_t>(pages << kPageShift);
}

int Allocator::addmem(void *base, size_t len)
{
	// The allocator's own state lies in the first zone's memory, so the
	// overlap check covers it too.
	return uk::alloc::add_region(&zones_, base, len);
}

// The C thunks of the cold operations.

int Allocator::memalign_thunk(uk_alloc *a, void **out, size_t align,
			      size_t size)
{
	void *p = of(a)->memalign(align, size);
	if (!p)
		return -kENOMEM;
	*out = p;
	return 0;
}

void *Allocator::realloc_thunk(uk_alloc *a, void *ptr, size_t size)
{
	return of(a)->realloc(ptr, size);
}

void *Allocator::palloc_thunk(uk_alloc *a, unsigned long num_pages)
{
	return of(a)->palloc(num_pages);
}

void Allocator::pfree_thunk(uk_alloc *a, void *ptr, unsigned long num_pages)
{
	of(a)->pfree(ptr, num_pages);
}

int64_t Allocator::availmem_thunk(uk_alloc *a)
{
	return of(a)->availmem();
}

int Allocator::addmem_thunk(uk_alloc *a, void *base, size_t len)
{
	return of(a)->addmem(base, len);
}

} // namespace uk::allocbbuddy

extern "C" struct uk_alloc *uk_allocbbuddy_init(void *base, size_t len)
{
	auto *self = uk::allocbbuddy::Allocator::create(base, len);
	return self ? self->c_alloc() : nullptr;
}
