/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupt handlers for devices (KVM x86_64).
 *
 * IRQ n is delivered at IDT vector 0x30 + n through the local APIC, which
 * acknowledges (EOI) after the handlers ran. Legacy ISA IRQs keep their
 * numbers 0-15; the legacy 8259 PICs are masked and there is no I/O APIC
 * driver, so device lines (INTx) reach nothing. Devices interrupt through
 * message-signalled interrupts instead (MSI/MSI-X: a memory write to the
 * local APIC): ukplat_irq_alloc_msi() hands out a number above 15 and the
 * message that raises it, which the driver programs into the device (PCI:
 * uk_pci_msix_set_entry()). The local APIC timer is
 * UKPLAT_IRQ_LAPIC_TIMER: handlers registered on it run at every
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

/** What a device writes, and where, to raise a message-signalled IRQ. */
struct ukplat_msi_msg {
	uint64_t addr; /**< the local APIC's MSI window, with its APIC id */
	uint32_t data; /**< the vector: fixed delivery, edge triggered */
};

/** MSI IRQ numbers come from UKPLAT_IRQ_MSI_FIRST .. UKPLAT_IRQ_DEVICE_MAX - 1. */
#define UKPLAT_IRQ_MSI_FIRST 16

/**
 * Reserves a free IRQ number for a message-signalled interrupt and
 * composes its message: delivered to this CPU's local APIC at vector
 * 0x30 + *irq, fixed delivery mode, edge triggered (MSI is always
 * edge). Register handlers on *irq with ukplat_irq_register() as for any
 * IRQ; they run with the local APIC's EOI after them. Thread context.
 * @return 0 with *irq and *msg set; -ENOSPC when every MSI number is
 *   taken; -EINVAL for NULL arguments; -ENOTSUP without a local APIC.
 */
int ukplat_irq_alloc_msi(unsigned int *irq, struct ukplat_msi_msg *msg);

/**
 * Gives back an IRQ number from ukplat_irq_alloc_msi(). Mask the device's
 * message and unregister the handlers first.
 * @return 0, or -EINVAL when @p irq was not allocated.
 */
int ukplat_irq_free_msi(unsigned int irq);

UK_EXTERN_C_END

#endif /* UK_PLAT_IRQ_H */
