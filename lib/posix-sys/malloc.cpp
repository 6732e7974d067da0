// SPDX-License-Identifier: BSD-3-Clause
//
// newlib's malloc family routed to the default uk_alloc allocator, so
// newlib's own allocator (mallocr.c on sbrk) is never linked: one heap,
// one set of statistics (uk_alloc_stats), and the allocator chosen in
// menuconfig serves C code too. Both the public names and the reentrant
// _*_r names that newlib's stdio, stdlib and reent code call are defined;
// a program that uses mallinfo()/malloc_stats()/mallopt() would pull
// newlib's mallocr.o and fail the link with duplicate symbols.
//
// Locking: none. With the cooperative scheduler an allocator call never
// yields, so two threads cannot be inside it at once; nothing allocates
// from interrupt context.
//
// sbrk() exists for programs that probe it and always fails (ENOMEM):
// the heap belongs to ukalloc.

#include "posix_sys.hpp"

#include <uk/alloc.h>

#include <malloc.h>
#include <reent.h>
#include <stdlib.h>
#include <unistd.h>

namespace {

// Out-of-memory sets errno of the calling thread's reent (or of @p r).
void *checked(struct _reent *r, void *p)
{
	if (!p)
		r->_errno = ENOMEM;
	return p;
}

uk_alloc *allocator(struct _reent *r)
{
	uk_alloc *a = uk_alloc_get_default();
	if (!a)
		r->_errno = ENOMEM;
	return a;
}

// memalign() accepts any power of two; uk_posix_memalign wants at least
// pointer alignment.
void *aligned(struct _reent *r, size_t align, size_t size)
{
	if (align == 0 || (align & (align - 1)) != 0) {
		r->_errno = EINVAL;
		return nullptr;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	uk_alloc *a = allocator(r);
	void *p = nullptr;
	if (a && uk_posix_memalign(a, &p, align, size) < 0)
		r->_errno = ENOMEM;
	return p;
}

constexpr size_t kPage = UK_ALLOC_PAGE_SIZE;

}  // namespace

extern "C" void *_malloc_r(struct _reent *r, size_t size)
{
	uk_alloc *a = allocator(r);
	return a ? checked(r, uk_malloc(a, size)) : nullptr;
}

extern "C" void _free_r(struct _reent *, void *p)
{
	if (uk_alloc *a = uk_alloc_get_default(); a && p)
		uk_free(a, p);
}

extern "C" void *_calloc_r(struct _reent *r, size_t n, size_t size)
{
	uk_alloc *a = allocator(r);
	return a ? checked(r, uk_calloc(a, n, size)) : nullptr;
}

extern "C" void *_realloc_r(struct _reent *r, void *p, size_t size)
{
	uk_alloc *a = allocator(r);
	if (!a)
		return nullptr;
	void *q = uk_realloc(a, p, size);
	return size ? checked(r, q) : q;  // size 0 frees: NULL is success
}

extern "C" void *_memalign_r(struct _reent *r, size_t align, size_t size)
{
	return aligned(r, align, size);
}

extern "C" void *_valloc_r(struct _reent *r, size_t size)
{
	return aligned(r, kPage, size);
}

extern "C" void *_pvalloc_r(struct _reent *r, size_t size)
{
	return aligned(r, kPage, UK_ALIGN_UP(size, kPage));
}

extern "C" size_t _malloc_usable_size_r(struct _reent *, void *p)
{
	uk_alloc *a = uk_alloc_get_default();
	return a ? uk_alloc_usable_size(a, p) : 0;
}

extern "C" void *malloc(size_t size) { return _malloc_r(_REENT, size); }
extern "C" void free(void *p) { _free_r(_REENT, p); }
extern "C" void *calloc(size_t n, size_t size) { return _calloc_r(_REENT, n, size); }
extern "C" void *realloc(void *p, size_t size) { return _realloc_r(_REENT, p, size); }
extern "C" void *memalign(size_t align, size_t size) { return _memalign_r(_REENT, align, size); }
extern "C" void *valloc(size_t size) { return _valloc_r(_REENT, size); }
extern "C" void *pvalloc(size_t size) { return _pvalloc_r(_REENT, size); }
extern "C" size_t malloc_usable_size(void *p) { return _malloc_usable_size_r(_REENT, p); }

// POSIX: returns the error number instead of setting errno.
extern "C" int posix_memalign(void **memptr, size_t align, size_t size)
{
	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	uk_alloc *a = uk_alloc_get_default();
	if (!a)
		return ENOMEM;
	int rc = uk_posix_memalign(a, memptr, align, size);
	return rc < 0 ? uk::posix::errno_from_uk(rc) : 0;
}

extern "C" void *sbrk(ptrdiff_t)
{
	errno = ENOMEM;
	return reinterpret_cast<void *>(-1);
}
UK_POSIX_ALIAS(sbrk);
