/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The allocator interface. An allocator fills a struct uk_alloc with its
 * operations; callers use the uk_* entry points and never know which
 * allocator is behind it. Failure returns NULL (or a negative errno).
 */
#ifndef UK_ALLOC_H
#define UK_ALLOC_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;

/** Statistics kept for every allocator by the uk_* entry points. */
struct uk_alloc_stats {
	size_t cur_bytes;    /**< bytes handed out and not yet freed */
	size_t peak_bytes;   /**< highest cur_bytes seen */
	uint64_t nb_allocs;  /**< successful allocations */
	uint64_t nb_frees;   /**< frees of non-NULL pointers */
	uint64_t nb_enomem;  /**< failed allocations */
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

/** The operations an allocator provides; NULL entries get generic code. */
struct uk_alloc {
	uk_alloc_malloc_func_t malloc;
	uk_alloc_posix_memalign_func_t posix_memalign;
	uk_alloc_realloc_func_t realloc; /**< NULL: malloc+copy+free */
	uk_alloc_free_func_t free;
	uk_alloc_palloc_func_t palloc;   /**< NULL: posix_memalign of pages */
	uk_alloc_pfree_func_t pfree;     /**< NULL: free */
	uk_alloc_availmem_func_t availmem;
	uk_alloc_addmem_func_t addmem;
	uk_alloc_usable_size_func_t usable_size;
	struct uk_alloc_stats stats;
	struct uk_alloc *next; /**< registry of all allocators */
};

/** @return the allocator that malloc() and operator new use, or NULL. */
struct uk_alloc *uk_alloc_get_default(void);

/** Registers @p a and makes it the default allocator. @return 0 */
int uk_alloc_register(struct uk_alloc *a);

/** Allocates @p size bytes (aligned for any type). NULL on failure. */
void *uk_malloc(struct uk_alloc *a, size_t size);
/** Allocates zeroed memory for @p nmemb * @p size bytes; overflow -> NULL. */
void *uk_calloc(struct uk_alloc *a, size_t nmemb, size_t size);
/** C realloc semantics: NULL ptr mallocs, size 0 frees and returns NULL. */
void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size);
/** Aligned allocation; @return 0, -EINVAL (bad align) or -ENOMEM. */
int uk_posix_memalign(struct uk_alloc *a, void **memptr, size_t align,
		      size_t size);
/** Frees a block from uk_malloc/uk_calloc/uk_realloc/uk_posix_memalign. */
void uk_free(struct uk_alloc *a, void *ptr);
/** Allocates @p num_pages contiguous, page-aligned pages. */
void *uk_palloc(struct uk_alloc *a, unsigned long num_pages);
/** Frees pages from uk_palloc. */
void uk_pfree(struct uk_alloc *a, void *ptr, unsigned long num_pages);
/** @return free bytes, or a negative errno if unknown. */
int64_t uk_alloc_availmem(struct uk_alloc *a);
/** Copies the statistics of @p a into @p out. */
void uk_alloc_stats_get(struct uk_alloc *a, struct uk_alloc_stats *out);

UK_EXTERN_C_END

#endif /* UK_ALLOC_H */
