/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Xen platform for drivers: who we are and how our memory looks to
 * Xen. Xen's own structures are in Xen's public headers (libxen-dev);
 * drivers that need ring layouts may include those.
 */
#ifndef UK_XEN_XEN_H
#define UK_XEN_XEN_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** A Xen domain id. */
typedef uint16_t uk_xen_domid_t;

/** Our own domain (DOMID_SELF) in calls that take a domain. */
#define UK_XEN_DOMID_SELF ((uk_xen_domid_t)0x7ff0)

/** @return nonzero when we run as dom0 (start_info says SIF_INITDOMAIN). */
int uk_xen_is_dom0(void);

/**
 * Our domain id: 0 as dom0, else read once from xenstore ("domid") when
 * the xenstore client is in the image.
 * @return the id, or a negative errno when it cannot be known.
 */
int uk_xen_domid(void);

/**
 * Xen's start_info page, read-only (struct start_info of xen/xen.h).
 * For drivers that need a field the platform does not wrap.
 */
const void *uk_xen_start_info(void);

/**
 * @return the machine frame behind the page of @p va, which must lie in
 * the image or the heap (the 1:1 map), or 0 when it does not.
 */
uint64_t uk_xen_virt_to_mfn(const void *va);

UK_EXTERN_C_END

#endif /* UK_XEN_XEN_H */
