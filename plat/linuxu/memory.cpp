// SPDX-License-Identifier: BSD-3-Clause
//
// One memory region: an anonymous private mapping made at start.

#include <uk/errno.h>
#include <uk/plat.h>

#include "linuxu.hpp"

namespace uk::linuxu {
namespace {
constinit ukplat_memregion heap_region{};
}  // namespace

int memory_init(size_t heap_bytes)
{
	long addr = syscall6(sys::kMmap, 0, static_cast<long>(heap_bytes),
			     kProtRead | kProtWrite,
			     kMapPrivate | kMapAnonymous, -1, 0);
	if (addr < 0 && addr > -4096)
		return static_cast<int>(addr);
	heap_region = {static_cast<uintptr_t>(addr), heap_bytes,
		       UKPLAT_MEMRF_ALLOCATABLE};
	return 0;
}

}  // namespace uk::linuxu

extern "C" int ukplat_memregion_count(void)
{
	return uk::linuxu::heap_region.len ? 1 : 0;
}

extern "C" int ukplat_memregion_get(int i, struct ukplat_memregion *out)
{
	if (i != 0 || !uk::linuxu::heap_region.len)
		return -22; /* EINVAL */
	*out = uk::linuxu::heap_region;
	return 0;
}

// NOTE: no initrd on linuxu yet (a file named on the command line comes
// with the VFS).
extern "C" int ukplat_initrd_get(const void **, size_t *)
{
	return -UK_ENOENT;
}
