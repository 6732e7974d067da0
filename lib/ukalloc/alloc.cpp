// SPDX-License-Identifier: BSD-3-Clause
//
// The uk_* entry points of the allocator interface: statistics, generic
// fallbacks for optional operations, argument checks, and the registry.
// Allocator-specific logic lives in the allocator libraries.

#include <uk/alloc.h>
#include <uk/assert.h>

#include <type_traits>

namespace uk::alloc {
namespace {

// Linux errno numbers: no libc header can be assumed in the image.
constexpr int kENOENT = 2;
constexpr int kENOMEM = 12;
constexpr int kEEXIST = 17;
constexpr int kEINVAL = 22;
constexpr int kENOTSUP = 95;

constexpr size_t kPageSize = UK_ALLOC_PAGE_SIZE;

// C code (newlib glue, ported allocators written in C) fills and reads
// struct uk_alloc by these offsets.
static_assert(std::is_standard_layout_v<uk_alloc>);
static_assert(offsetof(uk_alloc, malloc) == 0 * sizeof(void *));
static_assert(offsetof(uk_alloc, posix_memalign) == 1 * sizeof(void *));
static_assert(offsetof(uk_alloc, realloc) == 2 * sizeof(void *));
static_assert(offsetof(uk_alloc, free) == 3 * sizeof(void *));
static_assert(offsetof(uk_alloc, palloc) == 4 * sizeof(void *));
static_assert(offsetof(uk_alloc, pfree) == 5 * sizeof(void *));
static_assert(offsetof(uk_alloc, availmem) == 6 * sizeof(void *));
static_assert(offsetof(uk_alloc, addmem) == 7 * sizeof(void *));
static_assert(offsetof(uk_alloc, usable_size) == 8 * sizeof(void *));
static_assert(offsetof(uk_alloc, stats) == 9 * sizeof(void *));
static_assert(offsetof(uk_alloc, next) ==
	      offsetof(uk_alloc, stats) + sizeof(uk_alloc_stats));

// Head of the registry; the head is the default allocator.
constinit uk_alloc *g_head = nullptr;

void check_ops(const uk_alloc *a)
{
	UK_ASSERT(a);
	UK_ASSERT(a->malloc && a->posix_memalign && a->free && a->usable_size);
}

void count_alloc(uk_alloc *a, size_t bytes)
{
	uk_alloc_stats &s = a->stats;
	s.nb_allocs++;
	s.cur_bytes += bytes;
	if (s.cur_bytes > s.peak_bytes)
		s.peak_bytes = s.cur_bytes;
}

void count_free(uk_alloc *a, size_t bytes)
{
	uk_alloc_stats &s = a->stats;
	UK_ASSERT(s.cur_bytes >= bytes);
	s.nb_frees++;
	s.cur_bytes -= bytes;
}

// Pages from palloc are counted as num_pages * kPageSize.
[[nodiscard]] bool pages_to_bytes(unsigned long num_pages, size_t *bytes)
{
	return num_pages != 0 &&
	       !__builtin_mul_overflow(num_pages, kPageSize, bytes);
}

[[nodiscard]] bool valid_alignment(size_t align)
{
	return align >= sizeof(void *) && (align & (align - 1)) == 0;
}

// realloc without an allocator-specific operation. The copy length comes
// from usable_size, which may exceed what the caller asked for: harmless,
// those bytes belong to the old block.
void *generic_realloc(uk_alloc *a, void *ptr, size_t size, size_t old_size)
{
	void *fresh = a->malloc(a, size);
	if (!fresh)
		return nullptr;
	__builtin_memcpy(fresh, ptr, old_size < size ? old_size : size);
	a->free(a, ptr);
	return fresh;
}

} // namespace
} // namespace uk::alloc

using namespace uk::alloc;

extern "C" {

struct uk_alloc *uk_alloc_get_default(void)
{
	return g_head;
}

int uk_alloc_register(struct uk_alloc *a)
{
	check_ops(a);
	uk_alloc **link = &g_head;
	for (; *link; link = &(*link)->next) {
		if (*link == a)
			return -kEEXIST;
	}
	a->next = nullptr;
	*link = a;
	return 0;
}

int uk_alloc_set_default(struct uk_alloc *a)
{
	UK_ASSERT(a);
	for (uk_alloc **link = &g_head; *link; link = &(*link)->next) {
		if (*link != a)
			continue;
		*link = a->next;
		a->next = g_head;
		g_head = a;
		return 0;
	}
	return -kENOENT;
}

void *uk_malloc(struct uk_alloc *a, size_t size)
{
	check_ops(a);
	void *ptr = a->malloc(a, size);
	if (ptr)
		count_alloc(a, a->usable_size(a, ptr));
	else if (size)
		a->stats.nb_enomem++; // malloc(0) may legally return NULL
	return ptr;
}

void *uk_calloc(struct uk_alloc *a, size_t nmemb, size_t size)
{
	check_ops(a);
	size_t bytes;
	if (__builtin_mul_overflow(nmemb, size, &bytes)) {
		a->stats.nb_enomem++;
		return nullptr;
	}
	void *ptr = uk_malloc(a, bytes);
	if (ptr)
		__builtin_memset(ptr, 0, bytes);
	return ptr;
}

void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	check_ops(a);
	if (!ptr)
		return uk_malloc(a, size);
	if (size == 0) {
		uk_free(a, ptr);
		return nullptr;
	}
	const size_t old_size = a->usable_size(a, ptr);
	void *fresh = a->realloc ? a->realloc(a, ptr, size)
				 : generic_realloc(a, ptr, size, old_size);
	if (!fresh) {
		a->stats.nb_enomem++;
		return nullptr;
	}
	count_free(a, old_size);
	count_alloc(a, a->usable_size(a, fresh));
	return fresh;
}

int uk_posix_memalign(struct uk_alloc *a, void **memptr, size_t align,
		      size_t size)
{
	check_ops(a);
	UK_ASSERT(memptr);
	if (!valid_alignment(align))
		return -kEINVAL;
	void *ptr = nullptr;
	int rc = a->posix_memalign(a, &ptr, align, size);
	if (rc == 0 && ptr) {
		count_alloc(a, a->usable_size(a, ptr));
		*memptr = ptr;
		return 0;
	}
	if (rc == 0) // size 0 and the allocator chose NULL
		*memptr = nullptr;
	else
		a->stats.nb_enomem++;
	return rc;
}

void uk_free(struct uk_alloc *a, void *ptr)
{
	check_ops(a);
	if (!ptr)
		return;
	count_free(a, a->usable_size(a, ptr));
	a->free(a, ptr);
}

void *uk_palloc(struct uk_alloc *a, unsigned long num_pages)
{
	check_ops(a);
	size_t bytes;
	if (!pages_to_bytes(num_pages, &bytes)) {
		a->stats.nb_enomem++;
		return nullptr;
	}
	void *ptr = nullptr;
	if (a->palloc)
		ptr = a->palloc(a, num_pages);
	else if (a->posix_memalign(a, &ptr, kPageSize, bytes) != 0)
		ptr = nullptr;
	if (!ptr) {
		a->stats.nb_enomem++;
		return nullptr;
	}
	UK_ASSERT(((uintptr_t)ptr & (kPageSize - 1)) == 0);
	count_alloc(a, bytes);
	return ptr;
}

void uk_pfree(struct uk_alloc *a, void *ptr, unsigned long num_pages)
{
	check_ops(a);
	if (!ptr)
		return;
	size_t bytes = 0;
	const bool valid = pages_to_bytes(num_pages, &bytes);
	UK_ASSERT(valid);
	count_free(a, bytes);
	if (a->pfree)
		a->pfree(a, ptr, num_pages);
	else
		a->free(a, ptr);
}

int64_t uk_alloc_availmem(struct uk_alloc *a)
{
	check_ops(a);
	return a->availmem ? a->availmem(a) : -kENOTSUP;
}

int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len)
{
	check_ops(a);
	if (!base || len == 0)
		return -kEINVAL;
	return a->addmem ? a->addmem(a, base, len) : -kENOTSUP;
}

size_t uk_alloc_usable_size(struct uk_alloc *a, const void *ptr)
{
	check_ops(a);
	return ptr ? a->usable_size(a, ptr) : 0;
}

void uk_alloc_stats_get(struct uk_alloc *a, struct uk_alloc_stats *out)
{
	UK_ASSERT(a && out);
	*out = a->stats;
}

} // extern "C"
