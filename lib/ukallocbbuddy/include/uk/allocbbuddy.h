/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The binary buddy allocator: the default heap. Pages come from per-order
 * free lists with splitting and buddy merging (O(log n) per operation);
 * small sizes (up to 2 KiB) come from size-class slabs carved from pages.
 * See lib/ukallocbbuddy/README.md for the layout, costs and invariants.
 *
 * Locking: none. The scheduler is cooperative; callers that share one
 * allocator between preemptive contexts must serialise every call.
 */
#ifndef UK_ALLOCBBUDDY_H
#define UK_ALLOCBBUDDY_H

#include <uk/alloc.h>

UK_EXTERN_C_BEGIN

/**
 * Makes a buddy allocator over [@p base, @p base + @p len). All its state
 * (the allocator, the zone, one metadata entry per page) is placed at the
 * start of that memory: nothing is allocated elsewhere. More regions,
 * contiguous or not, are given with uk_alloc_addmem(); each is managed on
 * its own (no block spans two regions). The allocator is not registered:
 * call uk_alloc_register() to make it known.
 * @return the allocator, or NULL if @p base is NULL or the region cannot
 * hold the state and at least one page.
 */
struct uk_alloc *uk_allocbbuddy_init(void *base, size_t len);

UK_EXTERN_C_END

#endif /* UK_ALLOCBBUDDY_H */
