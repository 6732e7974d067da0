// SPDX-License-Identifier: BSD-3-Clause
//
// Test helpers: host memory standing in for platform regions, and a
// consistency checker that walks the allocator's metadata.

#pragma once

#include "bbuddy.hpp"

#include <uk/alloc.h>
#include <uk/allocbbuddy.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <set>
#include <sstream>

namespace bbtest {

using namespace uk::allocbbuddy;

constexpr size_t kPage = UK_ALLOC_PAGE_SIZE;

// Host memory standing in for a platform memory region.
class Arena {
public:
	explicit Arena(size_t len, size_t align = kPage)
	    : len_(len), mem_(static_cast<unsigned char *>(std::aligned_alloc(
				 align, UK_ALIGN_UP(len, align))))
	{
	}
	~Arena() { std::free(mem_); }
	Arena(const Arena &) = delete;
	Arena &operator=(const Arena &) = delete;

	unsigned char *base() { return mem_; }
	size_t len() const { return len_; }
	bool holds(const void *p, size_t n) const
	{
		auto *c = static_cast<const unsigned char *>(p);
		return c >= mem_ && c + n <= mem_ + len_;
	}

private:
	size_t len_;
	unsigned char *mem_;
};

inline bool aligned(const void *p, size_t align)
{
	return reinterpret_cast<uintptr_t>(p) % align == 0;
}

inline uk_alloc_stats stats_of(uk_alloc *a)
{
	uk_alloc_stats s;
	uk_alloc_stats_get(a, &s);
	return s;
}

inline const Allocator &inner(uk_alloc *a)
{
	return *Allocator::of(a);
}

// What the checker found, for the tests to compare with.
struct HeapCounts {
	size_t free_pages = 0;  // in free blocks
	size_t run_pages = 0;   // in page runs handed out
	size_t slab_pages = 0;  // slabs, empty ones included
	size_t empty_slabs = 0;
	size_t live_objects = 0; // slab objects handed out
	size_t largest_free_order = 0;
};

template <typename Meta>
bool slab_bit(const Meta *s, uintptr_t off)
{
	if constexpr (kDebug) {
		const size_t g = off / kMinAlign;
		return (s->live.word[g / 64] >> (g % 64)) & 1;
	}
	return true;
}

// Walks every zone page by page (blocks tile the zone, heads aligned to
// their size, tails in between), every free list (members are free heads
// of the list's order, links consistent, nonempty mask right), checks that
// no free block has a free buddy of the same order (fully merged), that
// each slab's free list and count add up to its capacity, that the class
// lists hold what they should, and that availmem matches.
inline ::testing::AssertionResult check_heap(uk_alloc *a,
					      HeapCounts *out = nullptr)
{
	std::ostringstream err;
	const Allocator &al = inner(a);
	HeapCounts n;
	std::set<const PageMeta *> partial;
	for (unsigned c = 0; c < kNumClasses; c++) {
		const SizeClass &sc = al.size_class(c);
		for (const PageMeta *s = sc.partial; s; s = s->next) {
			if (s->kind != Kind::kSlab || s->cls != c ||
			    s == sc.current || s->in_use == 0 ||
			    s->in_use >= sc.capacity || !partial.insert(s).second)
				err << "bad partial slab in class " << c << "; ";
			if (s->next && s->next->prev != s)
				err << "partial links broken; ";
		}
	}
	for (const Zone *z = al.zones(); z; z = z->next) {
		size_t free_heads = 0;
		for (size_t i = 0; i < z->npages;) {
			const PageMeta *m = &z->meta[i];
			const uintptr_t addr = z->addr_of(m);
			const size_t pages = size_t{1} << m->order;
			if (m->kind == Kind::kTail || addr % (kPage * pages) ||
			    i + pages > z->npages) {
				err << "bad head at page " << i << "; ";
				break;
			}
			for (size_t t = i + 1; t < i + pages; t++)
				if (z->meta[t].kind != Kind::kTail)
					err << "head inside block at " << t << "; ";
			if (m->kind == Kind::kFree) {
				n.free_pages += pages;
				free_heads++;
				if (m->order > n.largest_free_order)
					n.largest_free_order = m->order;
				const uintptr_t b = addr ^ (kPage * pages);
				if (z->contains(b) &&
				    z->meta_of(b)->kind == Kind::kFree &&
				    z->meta_of(b)->order == m->order)
					err << "unmerged buddies at " << i << "; ";
			} else if (m->kind == Kind::kRun) {
				n.run_pages += pages;
			} else {
				const SizeClass &sc = al.size_class(m->cls);
				size_t nfree = 0;
				std::set<uintptr_t> seen;
				for (void *o = m->free_obj; o;
				     o = *static_cast<void **>(o)) {
					auto off = reinterpret_cast<uintptr_t>(o) - addr;
					if (off >= sc.capacity * size_t{sc.size} ||
					    off % sc.size || !seen.insert(off).second ||
					    slab_bit(m, off) != !kDebug ||
					    ++nfree > sc.capacity) {
						err << "bad slab free list; ";
						break;
					}
				}
				if (nfree + m->in_use != sc.capacity || m->order)
					err << "slab count mismatch; ";
				const bool is_current = sc.current == m;
				if (!is_current && m->in_use == 0)
					err << "empty slab kept; ";
				if (!is_current && nfree && !partial.count(m))
					err << "slab with room not listed; ";
				n.slab_pages++;
				n.empty_slabs += m->in_use == 0;
				n.live_objects += m->in_use;
			}
			i += pages;
		}
		size_t listed = 0;
		for (unsigned o = 0; o < kOrders; o++) {
			if (!!z->free_[o] != !!(z->nonempty & (1u << o)))
				err << "nonempty mask wrong at order " << o << "; ";
			for (const PageMeta *m = z->free_[o]; m; m = m->next) {
				if (!z->holds_meta(m) || m->kind != Kind::kFree ||
				    m->order != o || ++listed > free_heads)
					{ err << "bad free list " << o << "; "; break; }
				if (m->next && m->next->prev != m)
					err << "free list links broken; ";
			}
		}
		if (listed != free_heads)
			err << "free heads " << free_heads << " listed " << listed << "; ";
		size_t zone_free = 0;
		for (size_t i = 0; i < z->npages; i++)
			if (z->meta[i].kind == Kind::kFree)
				zone_free += size_t{1} << z->meta[i].order;
		if (zone_free != z->free_pages)
			err << "free_pages " << z->free_pages << " counted "
			    << zone_free << "; ";
	}
	const int64_t avail = uk_alloc_availmem(a);
	if (avail != static_cast<int64_t>((n.free_pages + n.empty_slabs) * kPage))
		err << "availmem " << avail << " != counted; ";
	if (out)
		*out = n;
	if (err.str().empty())
		return ::testing::AssertionSuccess();
	return ::testing::AssertionFailure() << err.str();
}

} // namespace bbtest
