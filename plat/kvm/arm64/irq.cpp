// SPDX-License-Identifier: BSD-3-Clause
//
// Interrupt registration (include/uk/plat/irq.h) on the GIC: handlers in
// a uk::plat::IrqTable indexed by INTID, the line enabled while it has
// one. The timer's line stays enabled for ukplat_lcpu_halt_until.

#include <uk/plat/irq.h>
#include <uk/plat/irq_table.hpp>

#include "arm64.hpp"

namespace uk::kvm {
namespace {
constinit uk::plat::IrqTable<UKPLAT_IRQ_DEVICE_MAX> handlers;
}  // namespace

void irq_dispatch(uint32_t intid)
{
	// Handlers of UKPLAT_IRQ_TIMER follow the timer wherever the device
	// tree puts it (PPI 11 on every board seen so far).
	handlers.dispatch(intid == timer_intid() ? UKPLAT_IRQ_TIMER : intid);
}

}  // namespace uk::kvm

// Device handlers make interrupts a way out of a halt with no deadline;
// with none registered, nothing can wake the CPU then (only the timer that
// halt_until arms itself), and the scheduler may report a deadlock.
extern "C" int ukplat_lcpu_has_async_events(void)
{
	using uk::kvm::handlers;
	return handlers.any(0, UKPLAT_IRQ_TIMER) ||
	       handlers.any(UKPLAT_IRQ_TIMER + 1, UKPLAT_IRQ_DEVICE_MAX);
}

extern "C" int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	int rc = uk::kvm::handlers.add(irq, handler, arg);
	if (rc == 0 && irq != UKPLAT_IRQ_TIMER)
		uk::kvm::gic_enable(irq, true);
	return rc;
}

extern "C" int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	int rc = uk::kvm::handlers.remove(irq, handler, arg);
	if (rc == 0 && irq != UKPLAT_IRQ_TIMER && !uk::kvm::handlers.has(irq))
		uk::kvm::gic_enable(irq, false);
	return rc;
}

extern "C" int ukplat_irq_set_trigger(unsigned int irq, int mode)
{
	if (irq < 32 || irq >= UKPLAT_IRQ_DEVICE_MAX ||
	    (mode != UKPLAT_IRQ_LEVEL && mode != UKPLAT_IRQ_EDGE))
		return -UK_EINVAL;
	// The configuration may change only while the line is off.
	uk::IrqGuard guard;
	bool on = uk::kvm::handlers.has(irq);
	uk::kvm::gic_enable(irq, false);
	uk::kvm::gic_set_edge(irq, mode == UKPLAT_IRQ_EDGE);
	if (on)
		uk::kvm::gic_enable(irq, true);
	return 0;
}
