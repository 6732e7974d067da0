// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "kvm.hpp"

namespace uk::kvm {

/**
 * Builds the allocatable regions from the loader's RAM map.
 * @return the end of RAM (highest address + 1).
 */
uintptr_t memory_init(const BootInfo &bi);

}  // namespace uk::kvm
