// SPDX-License-Identifier: BSD-3-Clause
//
// Interrupt registration and dispatch (include/uk/plat/irq.h): the
// handlers live in a uk::plat::IrqTable, dispatched from the IDT.

#include <uk/plat/irq.h>
#include <uk/irq.hpp>
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

// MSI numbers handed out: bit n of word n / 64.
constexpr unsigned kMsiWords = (UKPLAT_IRQ_DEVICE_MAX + 63) / 64;
constinit uint64_t msi_used[kMsiWords] = {};
// The local APIC's MSI window: 0xFEE, destination APIC id in bits 12-19,
// physical destination mode, no redirection hint (Intel SDM 10.11.1).
constexpr uint64_t kMsiWindow = 0xfee00000;
constexpr uint32_t kLapicId = 0x20;

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

extern "C" int ukplat_irq_alloc_msi(unsigned int *irq, struct ukplat_msi_msg *msg)
{
	using namespace uk::kvm;
	if (!irq || !msg)
		return -UK_EINVAL;
	if (!lapic_ready())
		return -UK_ENOTSUP;
	uk::IrqGuard g;
	for (unsigned n = UKPLAT_IRQ_MSI_FIRST; n < UKPLAT_IRQ_DEVICE_MAX; ++n) {
		uint64_t &w = msi_used[n / 64];
		const uint64_t bit = 1ULL << (n % 64);
		if (w & bit)
			continue;
		w |= bit;
		const uint32_t apic_id = lapic_read(kLapicId) >> 24;
		*irq = n;
		msg->addr = kMsiWindow | uint64_t{apic_id} << 12;
		msg->data = kIrqVectorBase + n; // delivery mode 000 (fixed), edge
		return 0;
	}
	return -UK_ENOSPC;
}

extern "C" int ukplat_irq_free_msi(unsigned int irq)
{
	using namespace uk::kvm;
	if (irq < UKPLAT_IRQ_MSI_FIRST || irq >= UKPLAT_IRQ_DEVICE_MAX)
		return -UK_EINVAL;
	uk::IrqGuard g;
	uint64_t &w = msi_used[irq / 64];
	const uint64_t bit = 1ULL << (irq % 64);
	if (!(w & bit))
		return -UK_EINVAL;
	w &= ~bit;
	return 0;
}

extern "C" int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	return uk::kvm::handlers.remove(irq, handler, arg);
}
