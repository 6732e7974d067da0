// SPDX-License-Identifier: BSD-3-Clause
//
// Interrupt controllers: the legacy 8259 PICs are remapped away from the
// exception vectors and masked for good; the local APIC (xAPIC, MMIO) is
// the only source of interrupts. Device IRQs reach it as MSI/MSI-X memory
// writes (ukplat_irq_alloc_msi in irq.cpp); there is no I/O APIC driver,
// so INTx lines go nowhere (see include/uk/plat/irq.h).

#include "cpu.hpp"
#include "kvm.hpp"

namespace uk::kvm {
namespace {

constexpr uint16_t kPic1Cmd = 0x20, kPic1Data = 0x21;
constexpr uint16_t kPic2Cmd = 0xa0, kPic2Data = 0xa1;

constexpr uint64_t kApicBaseEnable = 1u << 11;
constexpr uint64_t kApicBaseX2apic = 1u << 10;
constexpr uint64_t kApicBaseAddrMask = 0x000ffffffffff000ULL;
// The page tables (paging.cpp) map exactly this page, uncached.
constexpr uint64_t kExpectedApicBase = 0xfee00000;

constexpr uint32_t kLapicTpr = 0x80;
constexpr uint32_t kLapicSvr = 0xf0;
constexpr uint32_t kLapicEsr = 0x280;
constexpr uint32_t kLapicLvtLint0 = 0x350;
constexpr uint32_t kLapicLvtError = 0x370;
constexpr uint32_t kSvrEnable = 1u << 8;

constinit volatile uint32_t *lapic = nullptr;

// ICW1-4: edge triggered, cascaded, 8086 mode; then every line masked.
// Spurious IRQ 7/15 may still arrive (at 0x27/0x2f): irq.cpp drops them.
void pic_remap_and_mask()
{
	outb(kPic1Cmd, 0x11);
	outb(kPic2Cmd, 0x11);
	outb(kPic1Data, kPicVectorBase);
	outb(kPic2Data, kPicVectorBase + 8);
	outb(kPic1Data, 4); // slave on IRQ 2
	outb(kPic2Data, 2); // cascade identity
	outb(kPic1Data, 0x01);
	outb(kPic2Data, 0x01);
	outb(kPic1Data, 0xff);
	outb(kPic2Data, 0xff);
}

}  // namespace

uint32_t lapic_read(uint32_t reg)
{
	return lapic[reg / 4];
}

void lapic_write(uint32_t reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

void lapic_eoi()
{
	if (lapic)
		lapic[kLapicEoi / 4] = 0;
}

bool lapic_ready()
{
	return lapic != nullptr;
}

int apic_init()
{
	pic_remap_and_mask();
	if (!(cpuid(1).edx & (1u << 9)))
		return -UK_ENOTSUP; // no local APIC
	uint64_t base = rdmsr(kMsrApicBase);
	if ((base & kApicBaseAddrMask) != kExpectedApicBase || (base & kApicBaseX2apic))
		return -UK_ENOTSUP; // moved, or x2APIC left on: not mapped/handled
	wrmsr(kMsrApicBase, base | kApicBaseEnable);
	lapic = reinterpret_cast<volatile uint32_t *>(base & kApicBaseAddrMask);

	lapic_write(kLapicLvtTimer, kLapicLvtMasked | kTimerVector);
	lapic_write(kLapicLvtLint0, kLapicLvtMasked); // ExtINT from the masked PIC
	lapic_write(kLapicLvtError, kLapicLvtMasked);
	lapic_write(kLapicEsr, 0);
	lapic_write(kLapicTpr, 0); // accept every vector
	lapic_write(kLapicSvr, kSvrEnable | kSpuriousVector);
	lapic_eoi(); // nothing in service from before us
	return 0;
}

}  // namespace uk::kvm
