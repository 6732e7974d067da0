// SPDX-License-Identifier: BSD-3-Clause
//
// Memory regions for the allocator: the RAM the loader reported, minus
// the first MiB (BIOS data, the loader's structures), the image itself
// and the initrd.

#include <uk/errno.h>

#include "kvm.hpp"
#include "memory.hpp"

extern "C" char __kvm_load_start[], _end[];

namespace uk::kvm {
namespace {

constexpr uintptr_t kLowMemoryEnd = 0x100000;
constinit ukplat_memregion regions[BootInfo::kMaxRegions * 2];
constinit int nregions = 0;
constinit uintptr_t initrd_base = 0;
constinit size_t initrd_len = 0;

void add(uintptr_t start, uintptr_t end)
{
	start = UK_ALIGN_UP(start, uintptr_t{0x1000});
	end = UK_ALIGN_DOWN(end, uintptr_t{0x1000});
	if (end <= start || nregions == static_cast<int>(UK_ARRAY_SIZE(regions)))
		return;
	regions[nregions++] = {start, end - start, UKPLAT_MEMRF_ALLOCATABLE};
}

struct Range {
	uintptr_t lo, hi;
};

// Adds [start, end) without the parts that overlap any of the holes.
void add_without(uintptr_t start, uintptr_t end, const Range *holes, int n)
{
	if (start >= end)
		return;
	if (n == 0) {
		add(start, end);
		return;
	}
	const Range &h = holes[0];
	if (h.hi <= start || h.lo >= end) {
		add_without(start, end, holes + 1, n - 1);
		return;
	}
	add_without(start, h.lo, holes + 1, n - 1);
	add_without(h.hi, end, holes + 1, n - 1);
}

}  // namespace

uintptr_t memory_init(const BootInfo &bi)
{
	const Range holes[] = {
		{0, kLowMemoryEnd},
		{reinterpret_cast<uintptr_t>(__kvm_load_start), reinterpret_cast<uintptr_t>(_end)},
		{bi.initrd_base, bi.initrd_base + bi.initrd_len},
	};
	initrd_base = bi.initrd_base;
	initrd_len = bi.initrd_len;
	uintptr_t ram_end = 0;
	for (int i = 0; i < bi.nram; ++i) {
		uintptr_t lo = bi.ram[i].base, hi = lo + bi.ram[i].len;
		ram_end = hi > ram_end ? hi : ram_end;
		add_without(lo, hi, holes, UK_ARRAY_SIZE(holes));
	}
	return ram_end;
}

}  // namespace uk::kvm

extern "C" int ukplat_memregion_count(void) { return uk::kvm::nregions; }

extern "C" int ukplat_memregion_get(int i, struct ukplat_memregion *out)
{
	if (i < 0 || i >= uk::kvm::nregions)
		return -UK_EINVAL;
	*out = uk::kvm::regions[i];
	return 0;
}

extern "C" int ukplat_initrd_get(const void **base, size_t *len)
{
	if (uk::kvm::initrd_len == 0)
		return -UK_ENOENT;
	*base = reinterpret_cast<const void *>(uk::kvm::initrd_base);
	*len = uk::kvm::initrd_len;
	return 0;
}
