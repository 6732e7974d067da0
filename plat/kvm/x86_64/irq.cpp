// SPDX-License-Identifier: BSD-3-Clause
//
// Interrupt registration and dispatch (include/uk/plat/irq.h): the
// handlers live in a uk::plat::IrqTable, dispatched from the IDT.

#include <uk/plat/irq.h>
#include <uk/plat/irq_table.hpp>

#include "cpu.hpp"
#include "kvm.hpp"

namespace uk::kvm {
namespace {

static_assert(kIrqVectorBase + UKPLAT_IRQ_LAPIC_TIMER == kTimerVector);
constexpr unsigned kNumIrqs = UKPLAT_IRQ_LAPIC_TIMER + 1;
constexpr uint16_t kPic1Cmd = 0x20;
constexpr uint8_t kPicEoi = 0x20;

constinit uk::plat::IrqTable<kNumIrqs> handlers;
constinit uint64_t spurious = 0;

}  // namespace

void irq_dispatch(const TrapFrame *f)
{
	auto vec = static_cast<unsigned>(f->vector);
	if (vec == kSpuriousVector) {
		++spurious; // the APIC wants no EOI for it
		return;
	}
	if (vec < kIrqVectorBase) {
		// A masked PIC still signals spurious IRQ 7/15; a spurious 15
		// looks like a real IRQ 2 to the master, which wants its EOI.
		++spurious;
		if (vec == kPicVectorBase + 15)
			outb(kPic1Cmd, kPicEoi);
		return;
	}
	handlers.dispatch(vec - kIrqVectorBase);
	lapic_eoi();
}

}  // namespace uk::kvm

// Device handlers make interrupts a way out of a halt with no deadline;
// with none registered, nothing can wake the CPU then (only the timer that
// halt_until arms itself), and the scheduler may report a deadlock.
extern "C" int ukplat_lcpu_has_async_events(void)
{
	return uk::kvm::handlers.any(0, UKPLAT_IRQ_DEVICE_MAX);
}

extern "C" int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	return uk::kvm::handlers.add(irq, handler, arg);
}

extern "C" int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	return uk::kvm::handlers.remove(irq, handler, arg);
}
