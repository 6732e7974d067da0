// SPDX-License-Identifier: BSD-3-Clause
//
// Between mmu.cpp and memory.cpp (boot only).
#pragma once

#include <uk/essentials.h>

namespace uk::xen {

/** Reads the p2m list and the CPU's NX support (first thing at boot). */
void mmu_init();
/** kPteNx where the CPU has no-execute pages, else 0. */
uint64_t pte_nx();
/** Queues "*entry = val" for an entry of one of our page tables. */
int mmu_queue(const uint64_t *entry, uint64_t val);
/** Sends the queued updates. */
int mmu_flush();
/** Maps pfns [first, end) 1:1 where unmapped; tables from *next_free. */
int map_identity(uint64_t first, uint64_t end, uint64_t *next_free);

}  // namespace uk::xen
