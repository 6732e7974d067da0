// SPDX-License-Identifier: BSD-3-Clause
//
// Memory regions for the allocator: the RAM the loader reported, minus
// the first MiB (BIOS data, the loader's structures), the image itself
// and the initrd (plat/common/memory.cpp keeps them).

#include <uk/plat/memregions.hpp>

#include "kvm.hpp"
#include "memory.hpp"

extern "C" char __kvm_load_start[], _end[];

namespace uk::kvm {

uintptr_t memory_init(const BootInfo &bi)
{
	constexpr uintptr_t kLowMemoryEnd = 0x100000;
	const uk::plat::Range holes[] = {
		{0, kLowMemoryEnd},
		{reinterpret_cast<uintptr_t>(__kvm_load_start), reinterpret_cast<uintptr_t>(_end)},
		{bi.initrd_base, bi.initrd_base + bi.initrd_len},
	};
	return uk::plat::memory_init(bi.ram, bi.nram, holes, UK_ARRAY_SIZE(holes),
				     bi.initrd_base, bi.initrd_len);
}

}  // namespace uk::kvm
