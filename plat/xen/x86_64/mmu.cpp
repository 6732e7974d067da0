// SPDX-License-Identifier: BSD-3-Clause
//
// The PV MMU: page tables hold machine frames (mfn), our addresses are
// pseudo-physical (pfn), and every page-table change goes through Xen,
// which checks that we only map our own frames and that page tables are
// mapped read-only.
//   pfn -> mfn: start_info.mfn_list; mfn -> pfn: Xen's m2p table at
//   0xffff800000000000 (read-only in every PV guest).
//   Tables are walked through the 1:1 map: a table's mfn -> its pfn ->
//   its virtual address (Xen's boot tables live in the boot region, ours
//   in our memory).
// Single CPU, called with events masked or before they exist.

#include <uk/errno.h>

#include "hypercall.hpp"
#include "mmu.hpp"
#include "xen.hpp"

namespace uk::xen {
namespace {

constexpr uint64_t kTableFlags = kPteP | kPteRw | kPteUser | kPteAccessed | kPteDirty;
constexpr unsigned kBatch = 64;

constinit const uint64_t *p2m = nullptr;
constinit uint64_t npages = 0;
constinit uint64_t nx = 0; // kPteNx where the CPU has it
constinit abi::MmuUpdate batch[kBatch];
constinit unsigned nbatch = 0;

const uint64_t *m2p() { return reinterpret_cast<const uint64_t *>(abi::kMachToPhysStart); }

bool cpu_has_nx()
{
	uint32_t a, b, c, d;
	__asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001u), "c"(0));
	return d & (1u << 20);
}

unsigned index_of(uintptr_t va, int level) { return (va >> (12 + 9 * level)) & 511; }

// The table an entry points to, through the 1:1 map; nullptr when the
// frame is not one of ours (then we cannot read it).
uint64_t *table_of(uint64_t entry)
{
	uint64_t pfn = mfn_to_pfn((entry & kPteMfnMask) >> 12);
	if (pfn >= npages)
		return nullptr;
	return reinterpret_cast<uint64_t *>(pfn_to_va(pfn));
}

uint64_t *top_table() { return reinterpret_cast<uint64_t *>(start_info->pt_base); }

}  // namespace

uint64_t pfn_to_mfn(uint64_t pfn) { return p2m[pfn]; }
uint64_t mfn_to_pfn(uint64_t mfn) { return m2p()[mfn]; }
uint64_t nr_pages() { return npages; }

[[gnu::cold]] void mmu_init()
{
	p2m = reinterpret_cast<const uint64_t *>(start_info->mfn_list);
	npages = start_info->nr_pages;
	nx = cpu_has_nx() ? kPteNx : 0;
}

uint64_t pte_nx() { return nx; }

uint64_t identity_pte(uintptr_t va)
{
	return (va_to_mfn(va) << 12) | kPteP | kPteRw | kPteUser | kPteAccessed | kPteDirty | nx;
}

const uint64_t *pte_of(uintptr_t va)
{
	uint64_t *t = top_table();
	for (int level = 3; level > 0; --level) {
		uint64_t e = t[index_of(va, level)];
		if (!(e & kPteP))
			return nullptr;
		t = table_of(e);
		if (!t)
			return nullptr;
	}
	return &t[index_of(va, 0)];
}

int set_pte(uintptr_t va, uint64_t pte)
{
	long rc = hyp_update_va_mapping(va, pte, abi::kUvmfInvlpg);
	return rc < 0 ? static_cast<int>(rc) : 0;
}

// ---- batched entry updates --------------------------------------------------

int mmu_flush()
{
	if (nbatch == 0)
		return 0;
	unsigned done = 0;
	long rc = hyp_mmu_update(batch, nbatch, &done);
	nbatch = 0;
	return rc < 0 ? static_cast<int>(rc) : 0;
}

/** Queues "*entry = val" for the entry at virtual @p entry_va (an entry
 * of one of our page tables). */
int mmu_queue(const uint64_t *entry_va, uint64_t val)
{
	auto va = reinterpret_cast<uintptr_t>(entry_va);
	uint64_t ma = (va_to_mfn(va & ~(kPageSize - 1)) << 12) | (va & (kPageSize - 1));
	batch[nbatch++] = abi::MmuUpdate{ma | abi::kMmuNormalPtUpdate, val};
	return nbatch == kBatch ? mmu_flush() : 0;
}

// ---- growing the 1:1 map ------------------------------------------------------

/**
 * Turns the page at @p va (ours, mapped read-write, contents already
 * written) into a page table and links it at @p entry. Xen requires the
 * page to have no writable mapping before it becomes a table.
 */
[[gnu::cold]] int link_table(uintptr_t va, const uint64_t *entry)
{
	uint64_t mfn = va_to_mfn(va);
	int rc = set_pte(va, (mfn << 12) | kPteP | kPteUser | kPteAccessed | nx);
	if (rc < 0)
		return rc;
	if ((rc = mmu_queue(entry, (mfn << 12) | kTableFlags)) < 0)
		return rc;
	return mmu_flush();
}

/**
 * Maps pfns [first, end) at their 1:1 addresses where they are not mapped
 * yet. Page tables come from @p next_free (a pfn below first or inside the
 * range already mapped), which is advanced.
 * @return 0 or a negative errno (the map stays consistent up to the
 * failing page).
 */
[[gnu::cold]] int map_identity(uint64_t first, uint64_t end, uint64_t *next_free)
{
	auto take_page = [&](uintptr_t *va) -> int {
		uintptr_t v = pfn_to_va(*next_free);
		const uint64_t *e = pte_of(v);
		if (!e || !(*e & kPteP) || !(*e & kPteRw))
			return -UK_ENOMEM; // not mapped yet: cannot be written
		++*next_free;
		__builtin_memset(reinterpret_cast<void *>(v), 0, kPageSize);
		*va = v;
		return 0;
	};
	for (uint64_t pfn = first; pfn < end;) {
		uintptr_t va = pfn_to_va(pfn);
		uint64_t *t = top_table();
		for (int level = 3; level > 0; --level) {
			uint64_t *e = &t[index_of(va, level)];
			if (!(*e & kPteP)) {
				uintptr_t page;
				if (int rc = take_page(&page); rc < 0)
					return rc;
				if (level == 1) {
					// A new L1: fill it while writable, then link it
					// (Xen checks all 512 entries once).
					auto *l1 = reinterpret_cast<uint64_t *>(page);
					for (unsigned i = index_of(va, 0); i < 512 && pfn < end; ++i, ++pfn)
						l1[i] = identity_pte(pfn_to_va(pfn));
				}
				if (int rc = link_table(page, e); rc < 0)
					return rc;
				if (level == 1)
					break;
			}
			t = table_of(*e);
			if (!t)
				return -UK_EFAULT;
			if (level == 1) {
				uint64_t *l1e = &t[index_of(va, 0)];
				if (!(*l1e & kPteP)) {
					if (int rc = mmu_queue(l1e, identity_pte(va)); rc < 0)
						return rc;
				}
				++pfn;
			}
		}
	}
	return mmu_flush();
}

bool va_readable(uintptr_t va)
{
	// Canonical lower half only: the upper half is Xen's.
	if (va >> 47)
		return false;
	const uint64_t *e = pte_of(va & ~(kPageSize - 1));
	return e && (*e & kPteP);
}

}  // namespace uk::xen
