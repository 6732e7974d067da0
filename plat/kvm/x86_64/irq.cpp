// SPDX-License-Identifier: BSD-3-Clause
//
// Interrupt registration and dispatch (include/uk/plat/irq.h). Handlers
// live in a fixed pool chained per IRQ; registration takes the IRQs-off
// guard, which is the only lock a single CPU needs against dispatch.

#include <uk/irq.hpp>
#include <uk/plat/irq.h>

#include "cpu.hpp"
#include "kvm.hpp"

namespace uk::kvm {
namespace {

static_assert(kIrqVectorBase + UKPLAT_IRQ_LAPIC_TIMER == kTimerVector);
constexpr unsigned kNumIrqs = UKPLAT_IRQ_LAPIC_TIMER + 1;
constexpr int kMaxHandlers = 64;
constexpr uint16_t kPic1Cmd = 0x20;
constexpr uint8_t kPicEoi = 0x20;

struct Handler {
	ukplat_irq_handler_t fn; // nullptr: free slot
	void *arg;
	uint8_t next; // pool index + 1, 0 ends the chain
};

constinit Handler pool[kMaxHandlers];
constinit uint8_t first[kNumIrqs]; // pool index + 1, 0: no handler
constinit uint64_t spurious = 0;

bool valid(unsigned irq, ukplat_irq_handler_t fn)
{
	return irq < kNumIrqs && fn != nullptr;
}

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
	unsigned irq = vec - kIrqVectorBase;
	if (irq < kNumIrqs) {
		for (uint8_t i = first[irq]; i != 0; i = pool[i - 1].next)
			pool[i - 1].fn(pool[i - 1].arg);
	}
	lapic_eoi();
}

}  // namespace uk::kvm

// Device handlers make interrupts a way out of a halt with no deadline;
// with none registered, nothing can wake the CPU then (only the timer that
// halt_until arms itself), and the scheduler may report a deadlock.
extern "C" int ukplat_lcpu_has_async_events(void)
{
	using namespace uk::kvm;
	for (unsigned irq = 0; irq < UKPLAT_IRQ_DEVICE_MAX; ++irq)
		if (first[irq])
			return 1;
	return 0;
}

extern "C" int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	using namespace uk::kvm;
	if (!valid(irq, handler))
		return -UK_EINVAL;
	uk::IrqGuard guard;
	for (int i = 0; i < kMaxHandlers; ++i) {
		if (pool[i].fn)
			continue;
		pool[i] = Handler{handler, arg, 0};
		// Appended: handlers of a shared line run in registration order.
		uint8_t *link = &first[irq];
		while (*link)
			link = &pool[*link - 1].next;
		*link = static_cast<uint8_t>(i + 1);
		return 0;
	}
	return -UK_ENOMEM;
}

extern "C" int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t handler, void *arg)
{
	using namespace uk::kvm;
	if (!valid(irq, handler))
		return -UK_EINVAL;
	uk::IrqGuard guard;
	for (uint8_t *link = &first[irq]; *link; link = &pool[*link - 1].next) {
		Handler &h = pool[*link - 1];
		if (h.fn == handler && h.arg == arg) {
			*link = h.next;
			h = Handler{nullptr, nullptr, 0};
			return 0;
		}
	}
	return -UK_ENOENT;
}
