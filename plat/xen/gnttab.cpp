// SPDX-License-Identifier: BSD-3-Clause
//
// Grant tables through hypercalls: GNTTABOP_setup_table gives the machine
// frames of our table, mapped over pages of .bss (their own frames are
// left unused); grant/end run on the table (grant_table.hpp); mapping a
// foreign grant (PV: Xen fills the PTE of host_addr, which we empty
// first) and unmapping it (Xen clears that PTE, we put our own frame back).

#include <uk/config.h>
#include <uk/errno.h>
#include <uk/irq.hpp>
#include <uk/xen/gnttab.h>

#include "grant_table.hpp"
#include "hypercall.hpp"
#include "xen.hpp"

namespace uk::xen {
namespace {

constexpr uint32_t kFrames = CONFIG_XEN_GNTTAB_FRAMES;
constexpr uint32_t kPerFrame = kPageSize / sizeof(abi::GrantEntryV1);

alignas(4096) constinit abi::GrantEntryV1 table_pages[kFrames * kPerFrame];
constinit GrantTable table;

int from_status(int16_t st)
{
	switch (st) {
	case abi::kGntstOkay: return 0;
	case -2: return -abi::kEsrch; // GNTST_bad_domain
	case -3: return -UK_ENOENT;  // GNTST_bad_gntref
	case -4: return -UK_EINVAL;  // GNTST_bad_handle
	case -5: return -UK_EFAULT;  // GNTST_bad_virt_addr
	case -8: return -UK_EPERM;   // GNTST_permission_denied
	case -12: return -UK_EAGAIN; // GNTST_eagain
	case -13: return -UK_ENOMEM; // GNTST_no_space
	default: return -UK_EIO;
	}
}

bool own_page(uintptr_t va)
{
	return va % kPageSize == 0 && va >= virt_base() && va_to_pfn(va) < nr_pages();
}

}  // namespace

[[gnu::cold]] int gnttab_init()
{
	abi::xen_pfn_t frames[kFrames];
	abi::GnttabSetupTable op{abi::kDomidSelf, kFrames, 0, frames};
	long rc = hyp_grant_table_op(abi::kGnttabopSetupTable, &op, 1);
	if (rc < 0)
		return static_cast<int>(rc);
	if (op.status != abi::kGntstOkay)
		return from_status(op.status);
	for (uint32_t i = 0; i < kFrames; ++i) {
		uintptr_t va = reinterpret_cast<uintptr_t>(&table_pages[i * kPerFrame]);
		uint64_t pte = (frames[i] << 12) | kPteP | kPteRw | kPteUser | kPteAccessed |
			       kPteDirty | (identity_pte(va) & kPteNx);
		if (int r = set_pte(va, pte); r < 0)
			return r;
	}
	table.reset(table_pages, kFrames * kPerFrame);
	return 0;
}

}  // namespace uk::xen

using namespace uk::xen;

extern "C" int uk_xen_gnttab_grant_access(uk_xen_domid_t domid, const void *page, int readonly,
					  uk_xen_grant_ref_t *ref)
{
	auto va = reinterpret_cast<uintptr_t>(page);
	if (!own_page(va) || !ref)
		return -UK_EINVAL;
	uk::IrqGuard guard;
	auto r = table.grant(domid, va_to_mfn(va), readonly != 0);
	if (!r.ok())
		return r.error();
	*ref = r.value();
	return 0;
}

extern "C" int uk_xen_gnttab_end_access(uk_xen_grant_ref_t ref)
{
	uk::IrqGuard guard;
	return table.end(ref);
}

extern "C" int uk_xen_gnttab_map(uk_xen_domid_t domid, uk_xen_grant_ref_t ref, void *page,
				 int readonly, uk_xen_grant_handle_t *handle)
{
	auto va = reinterpret_cast<uintptr_t>(page);
	if (!own_page(va) || !handle)
		return -UK_EINVAL;
	// Xen writes the grant's PTE without flushing the old translation
	// from the TLB: unmap our page first (set_pte flushes it).
	if (int rc = set_pte(va, 0); rc < 0)
		return rc;
	abi::GnttabMapGrantRef op{};
	op.host_addr = va;
	op.flags = abi::kGntmapHostMap | (readonly ? abi::kGntmapReadonly : 0);
	op.ref = ref;
	op.dom = domid;
	long rc = hyp_grant_table_op(abi::kGnttabopMapGrantRef, &op, 1);
	int err = rc < 0 ? static_cast<int>(rc) : from_status(op.status);
	if (err < 0) {
		(void)set_pte(va, identity_pte(va)); // our page back
		return err;
	}
	*handle = op.handle;
	return 0;
}

extern "C" int uk_xen_gnttab_unmap(void *page, uk_xen_grant_handle_t handle)
{
	auto va = reinterpret_cast<uintptr_t>(page);
	if (!own_page(va))
		return -UK_EINVAL;
	abi::GnttabUnmapGrantRef op{va, 0, handle, 0};
	if (long rc = hyp_grant_table_op(abi::kGnttabopUnmapGrantRef, &op, 1); rc < 0)
		return static_cast<int>(rc);
	if (int rc = from_status(op.status); rc < 0)
		return rc;
	// Xen left the PTE empty: our own frame comes back.
	return set_pte(va, identity_pte(va));
}

extern "C" int uk_xen_gnttab_copy_from(uk_xen_domid_t domid, uk_xen_grant_ref_t ref,
				       uint16_t offset, void *dst, uint16_t len)
{
	auto va = reinterpret_cast<uintptr_t>(dst);
	if (va < virt_base() || va_to_pfn(va) >= nr_pages() || offset + len > kPageSize ||
	    (va % kPageSize) + len > kPageSize)
		return -UK_EINVAL;
	abi::GnttabCopy op{};
	op.source.u.ref = ref;
	op.source.domid = domid;
	op.source.offset = offset;
	op.dest.u.gmfn = va_to_mfn(va & ~(kPageSize - 1));
	op.dest.domid = abi::kDomidSelf;
	op.dest.offset = static_cast<uint16_t>(va % kPageSize);
	op.len = len;
	op.flags = abi::kGntcopySourceGref;
	if (long rc = hyp_grant_table_op(abi::kGnttabopCopy, &op, 1); rc < 0)
		return static_cast<int>(rc);
	return from_status(op.status);
}
