// SPDX-License-Identifier: BSD-3-Clause
//
// operator new/delete on the default allocator. Without exceptions, the
// throwing forms cannot report failure to the caller: running out of
// memory there stops the image with a clear message instead of handing
// out a null pointer that the caller will not check.

#include <new>
#include <uk/alloc.h>
#include <uk/assert.h>

namespace uk::cxx {
namespace {

void *allocate(size_t size, size_t align)
{
	uk_alloc *a = uk_alloc_get_default();
	if (!a)
		return nullptr;
	if (align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__)
		return uk_malloc(a, size ? size : 1);
	void *p = nullptr;
	return uk_posix_memalign(a, &p, align, size ? size : 1) == 0 ? p : nullptr;
}

void *allocate_or_crash(size_t size, size_t align)
{
	void *p = allocate(size, align);
	if (!p)
		UK_CRASH("operator new: out of memory (%zu bytes)", size);
	return p;
}

void release(void *p)
{
	if (p)
		uk_free(uk_alloc_get_default(), p);
}

}  // namespace
}  // namespace uk::cxx

using uk::cxx::allocate;
using uk::cxx::allocate_or_crash;
using uk::cxx::release;
constexpr size_t kDefault = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void *operator new(size_t n) { return allocate_or_crash(n, kDefault); }
void *operator new[](size_t n) { return allocate_or_crash(n, kDefault); }
void *operator new(size_t n, std::align_val_t al) { return allocate_or_crash(n, static_cast<size_t>(al)); }
void *operator new[](size_t n, std::align_val_t al) { return allocate_or_crash(n, static_cast<size_t>(al)); }
void *operator new(size_t n, const std::nothrow_t &) noexcept { return allocate(n, kDefault); }
void *operator new[](size_t n, const std::nothrow_t &) noexcept { return allocate(n, kDefault); }
void *operator new(size_t n, std::align_val_t al, const std::nothrow_t &) noexcept { return allocate(n, static_cast<size_t>(al)); }
void *operator new[](size_t n, std::align_val_t al, const std::nothrow_t &) noexcept { return allocate(n, static_cast<size_t>(al)); }

void operator delete(void *p) noexcept { release(p); }
void operator delete[](void *p) noexcept { release(p); }
void operator delete(void *p, size_t) noexcept { release(p); }
void operator delete[](void *p, size_t) noexcept { release(p); }
void operator delete(void *p, std::align_val_t) noexcept { release(p); }
void operator delete[](void *p, std::align_val_t) noexcept { release(p); }
void operator delete(void *p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void *p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { release(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { release(p); }

namespace std {
const nothrow_t nothrow{};
}
