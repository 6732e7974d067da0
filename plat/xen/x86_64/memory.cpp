// SPDX-License-Identifier: BSD-3-Clause
//
// Memory at boot. Xen built the boot region: our image, the initrd,
// the p2m list, start_info, (domU) the xenstore and console pages, its
// page tables and a boot stack, mapped 1:1 from the virtual base. The
// rest of the domain's pages are not mapped: memory_init() maps them
// (mmu.cpp), gives the image its permissions (text and the hypercall
// page R-X, rodata R, data/bss RW, all else no-execute; the boot stack's lowest page
// absent as the guard of "main"), and the pages after the boot
// structures become the one allocatable region.

#include <uk/errno.h>

#include "mmu.hpp"
#include "xen.hpp"

extern "C" char __xen_image_start[], _etext[], __xen_rodata_start[],
	__xen_rodata_end[], _end[], boot_stack_bottom[], hypercall_page[];

namespace uk::xen {
namespace {

constinit ukplat_memregion heap_region;
constinit int nregions = 0;
constinit uintptr_t initrd_base = 0;
constinit size_t initrd_len = 0;

uintptr_t addr(const char *p) { return reinterpret_cast<uintptr_t>(p); }

uint64_t pfn_end_of(uintptr_t va, uint64_t len)
{
	return va_to_pfn(UK_ALIGN_UP(va + len, kPageSize));
}

// The first pfn after everything Xen placed in the boot region (its
// boot stack may be reused: we left it at the entry).
[[gnu::cold]] uint64_t boot_structures_end()
{
	const abi::StartInfo *si = start_info;
	uint64_t end = pfn_end_of(si->pt_base, si->nr_pt_frames * kPageSize);
	auto upto = [&end](uint64_t e) { end = e > end ? e : end; };
	upto(pfn_end_of(reinterpret_cast<uintptr_t>(si), sizeof(*si)));
	upto(pfn_end_of(si->mfn_list, si->nr_pages * sizeof(uint64_t)));
	upto(va_to_pfn(UK_ALIGN_UP(addr(_end), kPageSize)));
	if (initrd_len)
		upto(pfn_end_of(initrd_base, initrd_len));
	if (!is_dom0()) {
		upto(mfn_to_pfn(si->store_mfn) + 1);
		upto(mfn_to_pfn(si->console.domu.mfn) + 1);
	}
	return end;
}

// The image's permissions; the frames stay (a page of .bss may map
// shared info by now).
[[gnu::cold]] int protect_image()
{
	const uint64_t nx = pte_nx();
	const uint64_t kBase = kPteP | kPteUser | kPteAccessed;
	for (uintptr_t va = addr(__xen_image_start); va < addr(_end); va += kPageSize) {
		const uint64_t *e = pte_of(va);
		if (!e)
			return -UK_EFAULT;
		uint64_t flags = kBase | kPteRw | kPteDirty | nx;
		if (va == addr(boot_stack_bottom))
			flags = 0; // guard page of the boot stack
		else if (va < addr(_etext) || va == addr(hypercall_page))
			flags = kBase; // read-only, executable
		else if (va >= addr(__xen_rodata_start) && va < addr(__xen_rodata_end))
			flags = kBase | nx;
		uint64_t pte = flags ? (*e & kPteMfnMask) | flags : 0;
		if (int rc = mmu_queue(e, pte); rc < 0)
			return rc;
	}
	return mmu_flush();
}

// Xen mapped the rest of the boot region read-write and executable
// (page tables read-only): make it no-execute.
[[gnu::cold]] int no_execute_boot_region(uint64_t end_pfn)
{
	if (!pte_nx())
		return 0;
	for (uintptr_t va = UK_ALIGN_UP(addr(_end), kPageSize); va < pfn_to_va(end_pfn); va += kPageSize) {
		const uint64_t *e = pte_of(va);
		if (e && (*e & kPteP))
			if (int rc = mmu_queue(e, *e | kPteNx); rc < 0)
				return rc;
	}
	return mmu_flush();
}

}  // namespace

[[gnu::cold]] void memory_init()
{
	mmu_init();
	const abi::StartInfo *si = start_info;
	if (si->mod_len) {
		initrd_base = (si->flags & abi::kSifModStartPfn) ? pfn_to_va(si->mod_start) : si->mod_start;
		initrd_len = si->mod_len;
	}
	uint64_t first_free = boot_structures_end();
	uint64_t next_free = first_free;
	if (int rc = map_identity(first_free, nr_pages(), &next_free); rc < 0)
		boot_fail("memory", "cannot map the domain's pages", rc);
	if (int rc = protect_image(); rc < 0)
		boot_fail("memory", "cannot set the image's page permissions", rc);
	if (int rc = no_execute_boot_region(first_free); rc < 0)
		boot_fail("memory", "cannot protect the boot region", rc);
	if (next_free < nr_pages()) {
		heap_region = {pfn_to_va(next_free), (nr_pages() - next_free) * kPageSize,
			       UKPLAT_MEMRF_ALLOCATABLE};
		nregions = 1;
	}
}

}  // namespace uk::xen

extern "C" int ukplat_memregion_count(void) { return uk::xen::nregions; }

extern "C" int ukplat_memregion_get(int i, struct ukplat_memregion *out)
{
	if (i < 0 || i >= uk::xen::nregions)
		return -UK_EINVAL;
	*out = uk::xen::heap_region;
	return 0;
}

extern "C" int ukplat_initrd_get(const void **base, size_t *len)
{
	if (uk::xen::initrd_len == 0)
		return -UK_ENOENT;
	*base = reinterpret_cast<const void *>(uk::xen::initrd_base);
	*len = uk::xen::initrd_len;
	return 0;
}

namespace uk::xen {
namespace {
// Guards are for our own 1:1-mapped pages (stacks from the heap).
bool own_pages(uintptr_t a, size_t len)
{
	return a % kPageSize == 0 && len % kPageSize == 0 && a >= virt_base() &&
	       va_to_pfn(a) + len / kPageSize <= nr_pages();
}
}  // namespace
}  // namespace uk::xen

extern "C" int ukplat_page_guard(void *addr, size_t len)
{
	using namespace uk::xen;
	auto a = reinterpret_cast<uintptr_t>(addr);
	if (!own_pages(a, len))
		return -UK_EINVAL;
	for (uintptr_t p = a; p < a + len; p += kPageSize)
		if (int rc = set_pte(p, 0); rc < 0)
			return rc;
	return 0;
}

extern "C" int ukplat_page_unguard(void *addr, size_t len)
{
	using namespace uk::xen;
	auto a = reinterpret_cast<uintptr_t>(addr);
	if (!own_pages(a, len))
		return -UK_EINVAL;
	for (uintptr_t p = a; p < a + len; p += kPageSize)
		if (int rc = set_pte(p, identity_pte(p)); rc < 0)
			return rc;
	return 0;
}
