/* SPDX-License-Identifier: BSD-3-Clause */
/* malloc() and friends: thin shims over the default uk_alloc allocator. */
#include <errno.h>
#include <uk/alloc.h>

#include "nolibc.hpp"

namespace uk::nolibc {
namespace {

/* @return the default allocator, or NULL with errno ENOMEM. */
struct uk_alloc *allocator()
{
	struct uk_alloc *a = uk_alloc_get_default();
	if (!a)
		set_errno(ENOMEM);
	return a;
}

void *check(void *p)
{
	if (!p)
		set_errno(ENOMEM);
	return p;
}

bool valid_alignment(size_t align)
{
	return align >= sizeof(void *) && (align & (align - 1)) == 0;
}

} // namespace

void *malloc(size_t size)
{
	struct uk_alloc *a = allocator();
	return a ? check(uk_malloc(a, size)) : nullptr;
}

void *calloc(size_t n, size_t size)
{
	struct uk_alloc *a = allocator();
	return a ? check(uk_calloc(a, n, size)) : nullptr;
}

void *realloc(void *p, size_t size)
{
	struct uk_alloc *a = allocator();
	if (!a)
		return nullptr;
	void *q = uk_realloc(a, p, size);
	return size ? check(q) : q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(n, size, &total)) {
		set_errno(ENOMEM);
		return nullptr;
	}
	return realloc(p, total);
}

void free(void *p)
{
	if (!p)
		return;
	struct uk_alloc *a = uk_alloc_get_default();
	if (a)
		uk_free(a, p);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	if (!valid_alignment(align))
		return EINVAL;
	struct uk_alloc *a = uk_alloc_get_default();
	if (!a)
		return ENOMEM;
	int rc = uk_posix_memalign(a, memptr, align, size);
	return rc < 0 ? -rc : rc; /* uk_* returns -errno, POSIX +errno */
}

void *memalign(size_t align, size_t size)
{
	if (align < sizeof(void *) && align && !(align & (align - 1)))
		align = sizeof(void *); /* small powers of two are fine */
	void *p = nullptr;
	int rc = posix_memalign(&p, align, size);
	if (rc) {
		set_errno(rc);
		return nullptr;
	}
	return p;
}

void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

} // namespace uk::nolibc
