/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The platform interface: what every platform (linuxu, kvm, xen) provides
 * to the libraries above it. Libraries never call a platform's internals.
 */
#ifndef UK_PLAT_H
#define UK_PLAT_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/**
 * Exit status used when the image stops on a crash (UK_CRASH, abort,
 * faults). 127 on every platform: QEMU's isa-debug-exit (KVM and Xen on
 * x86) carries only 7 bits of status, so this is the largest value that
 * survives everywhere.
 */
#define UKPLAT_CRASH_STATUS 127

/**
 * Writes @p len bytes to the kernel console. Usable from the first
 * instruction of C/C++ code; never allocates.
 * @return bytes written, or a negative errno.
 */
int ukplat_coutk(const char *buf, size_t len);

/**
 * Stops the image and hands @p status to whoever started it (the shell's
 * exit status on linuxu, isa-debug-exit on KVM, SCHEDOP_shutdown on Xen).
 */
__noreturn void ukplat_terminate(int status);

/** One region of usable memory, as the platform found it at boot. */
struct ukplat_memregion {
	uintptr_t base;  /**< first byte */
	size_t len;      /**< length in bytes */
	uint32_t flags;  /**< UKPLAT_MEMRF_* */
};

#define UKPLAT_MEMRF_ALLOCATABLE 0x1 /**< free for the heap */

/** @return the number of memory regions. */
int ukplat_memregion_count(void);

/**
 * Copies region @p i to @p out.
 * @return 0, or -EINVAL when @p i is out of range.
 */
int ukplat_memregion_get(int i, struct ukplat_memregion *out);

/**
 * The initial ramdisk the loader handed over (QEMU -initrd: a multiboot
 * or PVH module on KVM x86_64, /chosen linux,initrd-start/-end in the
 * device tree on arm64, start_info's module on Xen; on linuxu a file named
 * on the command line). Its memory is never part of an allocatable
 * region, so it stays intact until the image is done with it; it is
 * mapped readable and writable.
 * @return 0 with *base and *len set, or -ENOENT when there is none.
 */
int ukplat_initrd_get(const void **base, size_t *len);

/** @return nanoseconds since an arbitrary point at boot; never goes back. */
uint64_t ukplat_monotonic_clock(void);

/** @return nanoseconds since the Unix epoch (wall clock). */
uint64_t ukplat_wall_clock(void);

/**
 * Disables interrupts on this CPU.
 * @return the previous state, for ukplat_lcpu_restore_irqf().
 * NOTE: linuxu has no asynchronous events; there it is a software flag.
 */
unsigned long ukplat_lcpu_save_irqf(void);

/** Restores the interrupt state saved by ukplat_lcpu_save_irqf(). */
void ukplat_lcpu_restore_irqf(unsigned long flags);

/** @return nonzero while interrupts are disabled on this CPU. */
int ukplat_lcpu_irqs_disabled(void);

/** No deadline for ukplat_lcpu_halt_until(). */
#define UKPLAT_TIME_NEVER UINT64_MAX

/**
 * Stops the CPU until an interrupt arrives or the monotonic clock reaches
 * @p deadline_ns, whichever comes first (never busy-polls). May return
 * early. Interrupts that arrive are handled before it returns.
 */
void ukplat_lcpu_halt_until(uint64_t deadline_ns);

/**
 * @return nonzero if something asynchronous (an interrupt from a device
 * or a timer the platform did not set for ukplat_lcpu_halt_until) can
 * wake a halted CPU. When zero, a scheduler with no runnable thread and
 * no timer is deadlocked and may say so.
 */
int ukplat_lcpu_has_async_events(void);

/**
 * Makes [addr, addr+len) inaccessible (a stack guard page): any access
 * stops the image with a crash report. Page-aligned arguments.
 * @return 0, or -ENOTSUP where the platform cannot map pages.
 */
int ukplat_page_guard(void *addr, size_t len);

/** Undoes ukplat_page_guard(). @return 0 or a negative errno. */
int ukplat_page_unguard(void *addr, size_t len);

/**
 * Optional hook for crash reports, called by the platform with the
 * faulting address: a library that knows what lives there (uksched: the
 * stack guard pages) returns a short description, else NULL. Weak: the
 * platform works without it.
 */
const char *uk_fault_describe(uintptr_t addr);

/**
 * Entry from the platform into ukboot once the platform is set up.
 * @p argv is NULL-terminated; argv[0] is the image name.
 */
__noreturn void ukplat_entry(int argc, char *argv[]);

UK_EXTERN_C_END

#endif /* UK_PLAT_H */
