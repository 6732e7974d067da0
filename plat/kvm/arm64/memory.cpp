// SPDX-License-Identifier: BSD-3-Clause
//
// Memory regions for the allocator: the RAM of the device tree minus the
// device tree itself (drivers read it later), the image and the initrd;
// and the initrd for ukplat_initrd_get.

#include <uk/errno.h>
#include <uk/plat/memregions.hpp>

#include "arm64.hpp"

extern "C" char __kvm_load_start[], _end[];

namespace uk::kvm {
namespace {

constinit uk::plat::RegionSet<BootInfo::kMaxRegions * 3> regions;
constinit uintptr_t initrd_base = 0;
constinit size_t initrd_len = 0;

}  // namespace

uintptr_t memory_init(const BootInfo &bi, uintptr_t fdt, size_t fdt_size)
{
	const uk::plat::Range holes[] = {
		{fdt, fdt + fdt_size},
		{reinterpret_cast<uintptr_t>(__kvm_load_start), reinterpret_cast<uintptr_t>(_end)},
		{bi.initrd_base, bi.initrd_base + bi.initrd_len},
	};
	initrd_base = bi.initrd_base;
	initrd_len = bi.initrd_len;
	uintptr_t ram_end = 0;
	for (int i = 0; i < bi.nram; ++i) {
		uintptr_t lo = bi.ram[i].base, hi = lo + bi.ram[i].len;
		ram_end = hi > ram_end ? hi : ram_end;
		regions.add_without(lo, hi, holes, UK_ARRAY_SIZE(holes));
	}
	return ram_end;
}

}  // namespace uk::kvm

extern "C" int ukplat_memregion_count(void) { return uk::kvm::regions.count(); }

extern "C" int ukplat_memregion_get(int i, struct ukplat_memregion *out)
{
	return uk::kvm::regions.get(i, out);
}

extern "C" int ukplat_initrd_get(const void **base, size_t *len)
{
	if (uk::kvm::initrd_len == 0)
		return -UK_ENOENT;
	*base = reinterpret_cast<const void *>(uk::kvm::initrd_base);
	*len = uk::kvm::initrd_len;
	return 0;
}
