/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen grant tables (CONFIG_XEN_GNTTAB): share our pages with another
 * domain (a backend) and map pages other domains granted to us. A split
 * driver grants its ring and buffers, writes the references to xenstore,
 * and ends the grants when it disconnects. Thread context; no allocation.
 */
#ifndef UK_XEN_GNTTAB_H
#define UK_XEN_GNTTAB_H

#include <uk/essentials.h>
#include <uk/xen/xen.h>

UK_EXTERN_C_BEGIN

typedef uint32_t uk_xen_grant_ref_t;
typedef uint32_t uk_xen_grant_handle_t;

/**
 * Lets domain @p domid map (or copy) our page @p page (page-aligned, in
 * the image or the heap), read-only if @p readonly.
 * @return 0 with *ref set; -EINVAL for a page outside our memory;
 *   -ENOSPC when every grant is in use.
 */
int uk_xen_gnttab_grant_access(uk_xen_domid_t domid, const void *page, int readonly,
			       uk_xen_grant_ref_t *ref);

/**
 * Revokes a grant. @return 0; -EBUSY while the other domain still has
 * the page mapped (the grant stays: call again once it unmapped);
 * -EINVAL for a reference we did not grant.
 */
int uk_xen_gnttab_end_access(uk_xen_grant_ref_t ref);

/**
 * Maps grant @p ref of domain @p domid over our page @p page
 * (page-aligned, in the heap or the image): until uk_xen_gnttab_unmap()
 * the address shows the other domain's page and our own page is hidden,
 * not lost.
 * @return 0 with *handle set, or a negative errno (Xen's GNTST_* status
 *   turned into -EINVAL, -EPERM, -ENOENT, -ENOMEM or -EIO).
 */
int uk_xen_gnttab_map(uk_xen_domid_t domid, uk_xen_grant_ref_t ref, void *page, int readonly,
		      uk_xen_grant_handle_t *handle);

/** Undoes uk_xen_gnttab_map(): @p page is our own page again.
 * @return 0 or a negative errno. */
int uk_xen_gnttab_unmap(void *page, uk_xen_grant_handle_t handle);

/**
 * Copies @p len bytes at @p offset of the page granted by @p domid as
 * @p ref into our buffer @p dst (GNTTABOP_copy: Xen copies, nothing is
 * mapped). Neither side may cross a page boundary.
 * @return 0 or a negative errno.
 */
int uk_xen_gnttab_copy_from(uk_xen_domid_t domid, uk_xen_grant_ref_t ref, uint16_t offset,
			    void *dst, uint16_t len);

UK_EXTERN_C_END

#endif /* UK_XEN_GNTTAB_H */
