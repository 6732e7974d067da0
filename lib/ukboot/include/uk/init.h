/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Initialisation without global constructors. A library registers a
 * function in a class; ukboot runs the classes in order, and within a
 * class the priorities 0 (first) to 9:
 *
 *   static int mylib_init(void) { ... return 0; }
 *   uk_lib_initcall(mylib_init);
 *
 * A negative return is a negative errno: boot stops with a crash report
 * naming the function.
 */
#ifndef UK_INIT_H
#define UK_INIT_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

typedef int (*uk_init_func_t)(void);

/** One table entry: the function and its name for error reports. */
struct uk_init_entry {
	uk_init_func_t func;
	const char *name;
};

/* Classes, in run order. */
#define UK_INIT_CLASS_EARLY 1  /* first, right after the heap exists */
#define UK_INIT_CLASS_PLAT 2   /* platform devices */
#define UK_INIT_CLASS_LIB 3    /* libraries */
#define UK_INIT_CLASS_ROOTFS 4 /* root file system */
#define UK_INIT_CLASS_SYS 5    /* system services (network, ...) */
#define UK_INIT_CLASS_LATE 6   /* just before main() */

#define uk_initcall_class_prio(fn, cls, prio)                                \
	static const struct uk_init_entry __used                             \
		__section(".uk_inittab" UK_STRINGIFY(cls) UK_STRINGIFY(prio)) \
		UK_CONCAT(__uk_inittab_, fn) = {fn, #fn}

#define uk_early_initcall_prio(fn, p) uk_initcall_class_prio(fn, 1, p)
#define uk_plat_initcall_prio(fn, p) uk_initcall_class_prio(fn, 2, p)
#define uk_lib_initcall_prio(fn, p) uk_initcall_class_prio(fn, 3, p)
#define uk_rootfs_initcall_prio(fn, p) uk_initcall_class_prio(fn, 4, p)
#define uk_sys_initcall_prio(fn, p) uk_initcall_class_prio(fn, 5, p)
#define uk_late_initcall_prio(fn, p) uk_initcall_class_prio(fn, 6, p)

#define uk_early_initcall(fn) uk_early_initcall_prio(fn, 5)
#define uk_plat_initcall(fn) uk_plat_initcall_prio(fn, 5)
#define uk_lib_initcall(fn) uk_lib_initcall_prio(fn, 5)
#define uk_rootfs_initcall(fn) uk_rootfs_initcall_prio(fn, 5)
#define uk_sys_initcall(fn) uk_sys_initcall_prio(fn, 5)
#define uk_late_initcall(fn) uk_late_initcall_prio(fn, 5)

/*
 * Constructor table: runs before everything else, even before the heap.
 * For arch and platform set-up that cannot fail.
 */
typedef void (*uk_ctor_func_t)(void);
#define UK_CTOR_PRIO(fn, prio)                                               \
	static const uk_ctor_func_t __used                                   \
		__section(".uk_ctortab" UK_STRINGIFY(prio))                  \
		UK_CONCAT(__uk_ctortab_, fn) = fn

/**
 * Runs the init entries in [first, last) in order.
 * @return 0, or the first negative return; @p failed then points at the
 * entry that failed. Exposed for host tests of the ordering.
 */
int uk_boot_run_inittab(const struct uk_init_entry *first,
			const struct uk_init_entry *last,
			const struct uk_init_entry **failed);

UK_EXTERN_C_END

#endif /* UK_INIT_H */
