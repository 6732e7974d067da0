// SPDX-License-Identifier: BSD-3-Clause
//
// The heap: the first allocatable region initialises the allocator, the
// others are added to it.

#include <uk/config.h>
#include <uk/plat.h>

#include "boot.hpp"

#if UK_IS_ENABLED(CONFIG_LIBUKBOOT_ALLOC_BBUDDY)
#include <uk/alloc.h>
#include <uk/allocbbuddy.h>
#elif UK_IS_ENABLED(CONFIG_LIBUKBOOT_ALLOC_REGION)
#include <uk/alloc.h>
#include <uk/allocregion.h>
#endif

namespace uk::boot {

#if UK_IS_ENABLED(CONFIG_LIBUKBOOT_ALLOC_BBUDDY)
constexpr auto kHeapInit = uk_allocbbuddy_init;
#elif UK_IS_ENABLED(CONFIG_LIBUKBOOT_ALLOC_REGION)
constexpr auto kHeapInit = uk_allocregion_init;
#endif

int heap_init()
{
#if UK_IS_ENABLED(CONFIG_LIBUKBOOT_ALLOC_BBUDDY) || \
	UK_IS_ENABLED(CONFIG_LIBUKBOOT_ALLOC_REGION)
	// NOTE: #if, not if constexpr: without the allocator library its
	// header and symbols do not exist in the image.
	uk_alloc *a = nullptr;
	int count = ukplat_memregion_count();
	for (int i = 0; i < count; ++i) {
		ukplat_memregion r{};
		if (ukplat_memregion_get(i, &r) < 0 ||
		    !(r.flags & UKPLAT_MEMRF_ALLOCATABLE))
			continue;
		void *base = reinterpret_cast<void *>(r.base);
		if (!a) {
			a = kHeapInit(base, r.len);
		} else {
			int rc = uk_alloc_addmem(a, base, r.len);
			if (rc < 0)
				return rc;
		}
	}
	if (!a)
		return -12; /* ENOMEM */
	return uk_alloc_register(a);
#else
	return 0;
#endif
}

}  // namespace uk::boot
