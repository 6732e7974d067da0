/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The region (bump) allocator: the smallest allocator, for the smallest
 * images. It hands out memory front to back and reclaims it only in LIFO
 * order (see lib/ukallocregion/README.md); everything else leaks by design.
 */
#ifndef UK_ALLOCREGION_H
#define UK_ALLOCREGION_H

#include <uk/alloc.h>

UK_EXTERN_C_BEGIN

/**
 * Makes a region allocator over [@p base, @p base + @p len). Its state is
 * placed at the start of that memory: nothing is allocated elsewhere.
 * More regions are given with uk_alloc_addmem(). The allocator is not
 * registered: call uk_alloc_register() to make it known.
 * @return the allocator, or NULL if @p base is NULL or the region is too
 * small for the state, one block header and 16 bytes.
 */
struct uk_alloc *uk_allocregion_init(void *base, size_t len);

UK_EXTERN_C_END

#endif /* UK_ALLOCREGION_H */
