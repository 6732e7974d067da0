/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupt handlers for devices (KVM x86_64).
 *
 * IRQ n is delivered at IDT vector 0x30 + n through the local APIC, which
 * acknowledges (EOI) after the handlers ran. Legacy ISA IRQs keep their
 * numbers 0-15; the legacy 8259 PICs are masked and there is no I/O APIC
 * driver yet, so nothing routes a device line to the local APIC today:
 * MSI (and INTx through the I/O APIC) routing arrives with virtio, which
 * will allocate numbers above 15 from this same space. The local APIC
 * timer is UKPLAT_IRQ_LAPIC_TIMER: handlers registered on it run at every
 * ukplat_lcpu_halt_until() wake-up by the timer (tests use it).
 *
 * Handlers run with interrupts disabled, on the interrupted thread's
 * stack, and must not call the scheduler, block or allocate.
 */
#ifndef UK_PLAT_IRQ_H
#define UK_PLAT_IRQ_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** Device IRQ numbers are 0 .. UKPLAT_IRQ_DEVICE_MAX - 1. */
#define UKPLAT_IRQ_DEVICE_MAX 192
/** The local APIC timer (vector 0xf0). */
#define UKPLAT_IRQ_LAPIC_TIMER 192

/**
 * An interrupt handler. @return nonzero if its device raised the
 * interrupt (a shared line calls every handler either way).
 */
typedef int (*ukplat_irq_handler_t)(void *arg);

/**
 * Adds @p handler, called with @p arg, to the handlers of @p irq (a line
 * may be shared: every handler runs, in registration order). Call from
 * thread context, not from a handler. No allocation: a fixed pool.
 * @return 0; -EINVAL for a bad irq or a NULL handler; -ENOMEM when the
 *   pool of handlers is full.
 */
int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t handler, void *arg);

/**
 * Removes the handler registered with exactly @p handler and @p arg.
 * @return 0, or -ENOENT when there is none.
 */
int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg);

UK_EXTERN_C_END

#endif /* UK_PLAT_IRQ_H */
