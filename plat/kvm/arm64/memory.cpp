// SPDX-License-Identifier: BSD-3-Clause
//
// Memory regions for the allocator: the RAM of the device tree minus the
// device tree itself (drivers read it later), the image and the initrd
// (plat/common/memory.cpp keeps them).

#include <uk/plat/memregions.hpp>

#include "arm64.hpp"

extern "C" char __kvm_load_start[], _end[];

namespace uk::kvm {

uintptr_t memory_init(const BootInfo &bi, uintptr_t fdt, size_t fdt_size)
{
	const uk::plat::Range holes[] = {
		{fdt, fdt + fdt_size},
		{reinterpret_cast<uintptr_t>(__kvm_load_start), reinterpret_cast<uintptr_t>(_end)},
		{bi.initrd_base, bi.initrd_base + bi.initrd_len},
	};
	return uk::plat::memory_init(bi.ram, bi.nram, holes, UK_ARRAY_SIZE(holes),
				     bi.initrd_base, bi.initrd_len);
}

}  // namespace uk::kvm
