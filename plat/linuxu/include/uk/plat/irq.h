/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts on linuxu: file descriptors. A Linux process gets no device
 * interrupts, but a driver over a file descriptor (the tap netdev) can
 * make "the fd became readable" its interrupt: ukplat_irq_alloc_fd()
 * gives the fd an IRQ number, ukplat_irq_register() adds handlers as on
 * the other platforms, and ukplat_irq_fd_arm() arms it. While the CPU
 * halts (ukplat_lcpu_halt_until, the idle thread), the platform waits in
 * ppoll() on every armed fd and on the deadline; a readable (or hung up,
 * or failed) armed fd has its handlers run and is disarmed: one-shot, as
 * a level-triggered line must be, or the halt would return at once
 * forever. Re-arm once the fd is drained.
 *
 * Handlers run inside ukplat_lcpu_halt_until with interrupts off (the
 * software flag), on the idle thread's stack, and follow the rules of
 * every platform's handlers: they must not call the scheduler, block or
 * allocate (uk_irq_event_signal() is how they wake a thread).
 */
#ifndef UK_PLAT_IRQ_H
#define UK_PLAT_IRQ_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** IRQ numbers are 0 .. UKPLAT_IRQ_DEVICE_MAX - 1, one per watched fd. */
#define UKPLAT_IRQ_DEVICE_MAX 32

/** An interrupt handler. @return nonzero if it had something to do. */
typedef int (*ukplat_irq_handler_t)(void *arg);

/**
 * Adds @p handler, called with @p arg, to the handlers of @p irq.
 * Thread context. @return 0; -EINVAL; -ENOMEM (the fixed pool is full).
 */
int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t handler, void *arg);

/** Removes the handler registered with exactly @p handler and @p arg.
 * @return 0, or -ENOENT. */
int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg);

/**
 * Makes readability of @p fd the IRQ whose number is returned (disarmed).
 * @return the IRQ number; -EINVAL for a negative fd; -ENOSPC when
 *   every number is taken.
 */
int ukplat_irq_alloc_fd(int fd);

/** Gives the number back (disarmed; unregister its handlers first).
 * @return 0, or -EINVAL when it was not allocated. */
int ukplat_irq_free_fd(unsigned int irq);

/**
 * Arms @p irq: the next time its fd is readable while the CPU halts, its
 * handlers run once and it is disarmed. @return 0 or -EINVAL.
 */
int ukplat_irq_fd_arm(unsigned int irq);

/** Disarms @p irq. @return 0 or -EINVAL. */
int ukplat_irq_fd_disarm(unsigned int irq);

UK_EXTERN_C_END

#endif /* UK_PLAT_IRQ_H */
