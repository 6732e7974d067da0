/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The allocator interface. An allocator fills a struct uk_alloc with its
 * operations; callers use the uk_* entry points and never know which
 * allocator is behind it. Failure returns NULL (or a negative errno).
 *
 * Contract for allocator writers (see lib/ukalloc/README.md):
 *  - malloc, posix_memalign, free and usable_size are required; realloc,
 *    palloc, pfree, availmem and addmem may be NULL and then get the
 *    generic code of ukalloc (or -ENOTSUP for availmem/addmem).
 *  - The operations never touch `stats`: the uk_* entry points keep them.
 *  - posix_memalign is only called with a power-of-two alignment that is a
 *    multiple of sizeof(void *); it writes *memptr only on success.
 *  - A failing realloc leaves the old block untouched.
 *
 * Locking: none. Neither the operations nor the statistics are safe
 * against concurrent callers; whoever shares an allocator between threads
 * (the libc glue) serialises the calls.
 */
#ifndef UK_ALLOC_H
#define UK_ALLOC_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;

/** Page size used by uk_palloc()/uk_pfree() and the generic palloc. */
#ifndef UK_ALLOC_PAGE_SIZE
#define UK_ALLOC_PAGE_SIZE 4096UL
#endif

/**
 * Statistics kept for every allocator by the uk_* entry points.
 * Bytes are counted through usable_size (pages: num_pages * page size).
 * A successful uk_realloc() of a live block counts as one free and one
 * allocation, so nb_allocs - nb_frees is always the number of live blocks.
 */
struct uk_alloc_stats {
	size_t cur_bytes;    /**< bytes handed out and not yet freed */
	size_t peak_bytes;   /**< highest cur_bytes seen */
	uint64_t nb_allocs;  /**< successful allocations */
	uint64_t nb_frees;   /**< frees of non-NULL pointers */
	uint64_t nb_enomem;  /**< failed allocations (not -EINVAL) */
};

typedef void *(*uk_alloc_malloc_func_t)(struct uk_alloc *a, size_t size);
typedef int (*uk_alloc_posix_memalign_func_t)(struct uk_alloc *a,
					      void **memptr, size_t align,
					      size_t size);
typedef void (*uk_alloc_free_func_t)(struct uk_alloc *a, void *ptr);
typedef void *(*uk_alloc_realloc_func_t)(struct uk_alloc *a, void *ptr,
					 size_t size);
typedef void *(*uk_alloc_palloc_func_t)(struct uk_alloc *a,
					unsigned long num_pages);
typedef void (*uk_alloc_pfree_func_t)(struct uk_alloc *a, void *ptr,
				      unsigned long num_pages);
typedef int64_t (*uk_alloc_availmem_func_t)(struct uk_alloc *a);
typedef int (*uk_alloc_addmem_func_t)(struct uk_alloc *a, void *base,
				      size_t len);
/** Usable size of a block handed out by malloc/posix_memalign. */
typedef size_t (*uk_alloc_usable_size_func_t)(struct uk_alloc *a,
					      const void *ptr);

/**
 * The operations an allocator provides; NULL entries get generic code.
 * The layout is pinned by static_asserts in lib/ukalloc/alloc.cpp.
 */
struct uk_alloc {
	uk_alloc_malloc_func_t malloc;                 /**< required */
	uk_alloc_posix_memalign_func_t posix_memalign; /**< required */
	uk_alloc_realloc_func_t realloc; /**< NULL: malloc+copy+free */
	uk_alloc_free_func_t free;                     /**< required */
	uk_alloc_palloc_func_t palloc;   /**< NULL: posix_memalign of pages */
	uk_alloc_pfree_func_t pfree;     /**< NULL: free */
	uk_alloc_availmem_func_t availmem; /**< NULL: -ENOTSUP */
	uk_alloc_addmem_func_t addmem;     /**< NULL: -ENOTSUP */
	uk_alloc_usable_size_func_t usable_size;       /**< required */
	struct uk_alloc_stats stats; /**< kept by the uk_* entry points */
	struct uk_alloc *next; /**< registry of all allocators */
};

/**
 * @return the default allocator (the one malloc() and operator new use):
 * the first one registered, unless uk_alloc_set_default() chose another;
 * NULL when none is registered.
 */
struct uk_alloc *uk_alloc_get_default(void);

/**
 * Appends @p a to the registry. The first allocator registered becomes
 * the default (as in Unikraft); later ones do not replace it.
 * @return 0, or -EEXIST if @p a is already registered.
 */
int uk_alloc_register(struct uk_alloc *a);

/**
 * Makes the registered allocator @p a the default.
 * @return 0, or -ENOENT if @p a is not registered.
 */
int uk_alloc_set_default(struct uk_alloc *a);

/** Allocates @p size bytes (aligned for any type). NULL on failure. */
void *uk_malloc(struct uk_alloc *a, size_t size);
/** Allocates zeroed memory for @p nmemb * @p size bytes; overflow -> NULL. */
void *uk_calloc(struct uk_alloc *a, size_t nmemb, size_t size);
/**
 * C realloc semantics: NULL @p ptr mallocs, size 0 frees and returns NULL,
 * failure returns NULL and leaves @p ptr allocated and unchanged.
 */
void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size);
/**
 * Aligned allocation. @p align must be a power of two and a multiple of
 * sizeof(void *). *@p memptr is written only on success.
 * @return 0, -EINVAL (bad align) or -ENOMEM (negative errno, unlike POSIX;
 * the libc wrapper converts).
 */
int uk_posix_memalign(struct uk_alloc *a, void **memptr, size_t align,
		      size_t size);
/** Frees a block from uk_malloc/uk_calloc/uk_realloc/uk_posix_memalign. */
void uk_free(struct uk_alloc *a, void *ptr);
/** Allocates @p num_pages contiguous, page-aligned pages. NULL on failure. */
void *uk_palloc(struct uk_alloc *a, unsigned long num_pages);
/** Frees pages from uk_palloc; @p num_pages must match the allocation. */
void uk_pfree(struct uk_alloc *a, void *ptr, unsigned long num_pages);
/** @return free bytes, or a negative errno (-ENOTSUP) if unknown. */
int64_t uk_alloc_availmem(struct uk_alloc *a);
/**
 * Gives the memory [@p base, @p base + @p len) to @p a.
 * @return 0, -EINVAL (NULL base, zero or unusable length), or -ENOTSUP if
 * the allocator cannot take more memory.
 */
int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len);
/** @return the usable size of a live block, 0 for NULL. */
size_t uk_alloc_usable_size(struct uk_alloc *a, const void *ptr);
/** Copies the statistics of @p a into @p out. */
void uk_alloc_stats_get(struct uk_alloc *a, struct uk_alloc_stats *out);

UK_EXTERN_C_END

#endif /* UK_ALLOC_H */
