/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupt handlers for devices (KVM arm64).
 *
 * IRQ numbers are the GIC's interrupt IDs: 0-15 software-generated
 * (SGIs), 16-31 per-CPU (PPIs: the generic timer), 32-1019 shared
 * peripheral interrupts (SPIs: devices). A device tree interrupt
 * specifier <type number flags> converts with ukplat_irq_from_fdt().
 * Registering a handler enables the line in the GIC; the GIC's
 * acknowledge and end-of-interrupt wrap the handlers of each interrupt.
 * The generic timer's virtual timer is UKPLAT_IRQ_TIMER: handlers
 * registered on it run at every ukplat_lcpu_halt_until() wake-up by the
 * timer (tests use it).
 *
 * Handlers run with interrupts disabled, on the exception stack, and
 * must not call the scheduler, block or allocate.
 */
#ifndef UK_PLAT_IRQ_H
#define UK_PLAT_IRQ_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** IRQ numbers are 0 .. UKPLAT_IRQ_DEVICE_MAX - 1. */
#define UKPLAT_IRQ_DEVICE_MAX 1020
/** The generic timer's virtual timer (PPI 11). */
#define UKPLAT_IRQ_TIMER 27

/** Trigger modes for ukplat_irq_set_trigger(). */
#define UKPLAT_IRQ_LEVEL 0
#define UKPLAT_IRQ_EDGE 1

/**
 * An interrupt handler. @return nonzero if its device raised the
 * interrupt (a shared line calls every handler either way).
 */
typedef int (*ukplat_irq_handler_t)(void *arg);

/**
 * Adds @p handler, called with @p arg, to the handlers of @p irq (a line
 * may be shared: every handler runs, in registration order) and enables
 * the line. Call from thread context, not from a handler.
 * @return 0; -EINVAL for a bad irq or a NULL handler; -ENOMEM when the
 *   fixed pool of handlers is full.
 */
int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t handler, void *arg);

/**
 * Removes the handler registered with exactly @p handler and @p arg; the
 * line is disabled when its last handler goes.
 * @return 0, or -ENOENT when there is none.
 */
int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg);

/**
 * Sets an SPI's trigger mode (UKPLAT_IRQ_LEVEL or UKPLAT_IRQ_EDGE), as
 * its device tree flags say; call before registering a handler.
 * @return 0, or -EINVAL (not an SPI, or a bad mode).
 */
int ukplat_irq_set_trigger(unsigned int irq, int mode);

/**
 * The IRQ number of a GIC interrupt specifier from the device tree
 * (#interrupt-cells = 3: type 0 SPI / 1 PPI, number, flags).
 * @return the number, or -EINVAL for other types or numbers.
 */
static inline int ukplat_irq_from_fdt(const uint32_t cells[3])
{
	if (cells[0] == 0 && cells[1] < 988)
		return (int)(32 + cells[1]);
	if (cells[0] == 1 && cells[1] < 16)
		return (int)(16 + cells[1]);
	return -22; /* -EINVAL */
}

/** @return the trigger mode a GIC specifier's flags ask for. */
static inline int ukplat_irq_fdt_trigger(const uint32_t cells[3])
{
	/* flags bits 0-1: edge rising/falling; 2-3: level high/low */
	return (cells[2] & 3) ? UKPLAT_IRQ_EDGE : UKPLAT_IRQ_LEVEL;
}

UK_EXTERN_C_END

#endif /* UK_PLAT_IRQ_H */
