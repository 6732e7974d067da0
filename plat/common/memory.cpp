// SPDX-License-Identifier: BSD-3-Clause
//
// The platform interface's memory calls (ukplat_memregion_*,
// ukplat_initrd_get) for the platforms that find their RAM in a boot
// protocol's map: they call uk::plat::memory_init() once at boot.

#include <uk/plat/memregions.hpp>

namespace uk::plat {
namespace {

constexpr int kMaxRegions = 64;

constinit RegionSet<kMaxRegions> regions;
constinit uintptr_t initrd_at = 0;
constinit size_t initrd_size = 0;

}  // namespace

uintptr_t memory_init(const ukplat_memregion *ram, int nram, const Range *holes, int nholes,
		      uintptr_t initrd_base, size_t initrd_len)
{
	initrd_at = initrd_base;
	initrd_size = initrd_len;
	uintptr_t ram_end = 0;
	for (int i = 0; i < nram; ++i) {
		uintptr_t lo = ram[i].base, hi = lo + ram[i].len;
		ram_end = hi > ram_end ? hi : ram_end;
		regions.add_without(lo, hi, holes, nholes);
	}
	return ram_end;
}

}  // namespace uk::plat

extern "C" int ukplat_memregion_count(void) { return uk::plat::regions.count(); }

extern "C" int ukplat_memregion_get(int i, struct ukplat_memregion *out)
{
	return uk::plat::regions.get(i, out);
}

extern "C" int ukplat_initrd_get(const void **base, size_t *len)
{
	if (uk::plat::initrd_size == 0)
		return -UK_ENOENT;
	*base = reinterpret_cast<const void *>(uk::plat::initrd_at);
	*len = uk::plat::initrd_size;
	return 0;
}
