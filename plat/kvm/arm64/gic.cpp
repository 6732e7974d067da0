// SPDX-License-Identifier: BSD-3-Clause
//
// The ARM Generic Interrupt Controller, version 2 (memory-mapped CPU
// interface) or 3 (system-register CPU interface, redistributors), as the
// device tree names it. One CPU, no security extensions (what QEMU's
// virt board offers a guest): every interrupt is signalled as an IRQ,
// v2 in group 0 and v3 in group 1, all at one priority.

#include <uk/errno.h>
#include <uk/plat/irq.h>

#include "arm64.hpp"

#define ICC_SRE_EL1 S3_0_C12_C12_5
#define ICC_PMR_EL1 S3_0_C4_C6_0
#define ICC_BPR1_EL1 S3_0_C12_C12_3
#define ICC_CTLR_EL1 S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_IAR1_EL1 S3_0_C12_C12_0
#define ICC_EOIR1_EL1 S3_0_C12_C12_1
#define ICC_SGI1R_EL1 S3_0_C12_C11_5

namespace uk::kvm {
namespace {

// Distributor.
constexpr uintptr_t kDCtlr = 0x000, kDTyper = 0x004, kDIgroupr = 0x080, kDIsenabler = 0x100,
		    kDIcenabler = 0x180, kDIcpendr = 0x280, kDIpriorityr = 0x400,
		    kDItargetsr = 0x800, kDIcfgr = 0xc00, kDSgir = 0xf00, kDIrouter = 0x6000;
constexpr uint32_t kDCtlrRwp = 1u << 31;
constexpr uint32_t kDCtlrV3 = (1u << 4) | (1u << 1) | (1u << 0); // ARE, Grp1, Grp0
// GICv2 CPU interface.
constexpr uintptr_t kCCtlr = 0x00, kCPmr = 0x04, kCBpr = 0x08, kCIar = 0x0c, kCEoir = 0x10;
// GICv3 redistributor: RD frame, then the SGI frame 64 KiB above.
constexpr uintptr_t kRTyper = 0x08, kRWaker = 0x14, kRSgi = 0x10000, kRFrames = 0x20000;
constexpr uint32_t kWakerSleep = 1u << 1, kWakerChildrenAsleep = 1u << 2;
constexpr uint64_t kRTyperLast = 1u << 4;

constexpr uint8_t kPriority = 0xa0;
constexpr uint32_t kPriorityMask = 0xf0; // lets kPriority through
constexpr uint32_t kSpurious = 1023;

constinit GicVersion version = GicVersion::kNone;
constinit uintptr_t gicd = 0, gicc = 0, gicr = 0;
constinit uint32_t lines = 0; // INTIDs 0 .. lines-1 exist

inline volatile uint32_t &r32(uintptr_t a) { return *reinterpret_cast<volatile uint32_t *>(a); }
inline volatile uint64_t &r64(uintptr_t a) { return *reinterpret_cast<volatile uint64_t *>(a); }

void wait_rwp(uintptr_t ctlr)
{
	for (int i = 0; i < 1000000 && (r32(ctlr) & kDCtlrRwp); ++i) {
	}
}

// Registers of INTIDs below 32 live in the redistributor on v3.
uintptr_t private_base() { return version == GicVersion::kV3 ? gicr + kRSgi : gicd; }

void set_priorities(uintptr_t base, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i < to; i += 4)
		r32(base + kDIpriorityr + i) = kPriority * 0x01010101u;
}

void distributor_init()
{
	r32(gicd + kDCtlr) = 0;
	wait_rwp(gicd + kDCtlr);
	lines = 32 * ((r32(gicd + kDTyper) & 0x1f) + 1);
	if (lines > UKPLAT_IRQ_DEVICE_MAX)
		lines = UKPLAT_IRQ_DEVICE_MAX;
	for (uint32_t i = 32; i < lines; i += 32) {
		r32(gicd + kDIcenabler + i / 8) = ~0u;
		r32(gicd + kDIcpendr + i / 8) = ~0u;
		if (version == GicVersion::kV3)
			r32(gicd + kDIgroupr + i / 8) = ~0u;
	}
	set_priorities(gicd, 32, lines);
	if (version == GicVersion::kV2) {
		// ITARGETSR0 reads as this CPU's own bit.
		uint32_t self = r32(gicd + kDItargetsr) & 0xff;
		for (uint32_t i = 32; i < lines; i += 4)
			r32(gicd + kDItargetsr + i) = self * 0x01010101u;
		r32(gicd + kDCtlr) = 1;
	} else {
		uint64_t mpidr = UK_ARM64_READ_SYSREG(mpidr_el1);
		uint64_t aff = (mpidr & 0xffffff) | ((mpidr >> 32 & 0xff) << 32);
		for (uint32_t i = 32; i < lines; ++i)
			r64(gicd + kDIrouter + 8 * i) = aff;
		r32(gicd + kDCtlr) = kDCtlrV3;
		wait_rwp(gicd + kDCtlr);
	}
}

// v3: this CPU's redistributor, by affinity; awake.
int redistributor_init(uintptr_t region, size_t size)
{
	uint64_t mpidr = UK_ARM64_READ_SYSREG(mpidr_el1);
	uint64_t want = (mpidr & 0xffffff) | ((mpidr >> 32 & 0xff) << 24);
	for (uintptr_t rd = region; rd + kRFrames <= region + size; rd += kRFrames) {
		uint64_t typer = r64(rd + kRTyper);
		if ((typer >> 32) == want) {
			gicr = rd;
			break;
		}
		if (typer & kRTyperLast)
			break;
	}
	if (!gicr)
		return -UK_ENODEV;
	r32(gicr + kRWaker) = r32(gicr + kRWaker) & ~kWakerSleep;
	for (int i = 0; i < 1000000 && (r32(gicr + kRWaker) & kWakerChildrenAsleep); ++i) {
	}
	return 0;
}

void private_init()
{
	uintptr_t b = private_base();
	r32(b + kDIcenabler) = ~0u;
	r32(b + kDIcpendr) = ~0u;
	if (version == GicVersion::kV3)
		r32(b + kDIgroupr) = ~0u;
	set_priorities(b, 0, 32);
}

void cpu_interface_init()
{
	if (version == GicVersion::kV2) {
		r32(gicc + kCPmr) = kPriorityMask;
		r32(gicc + kCBpr) = 0;
		r32(gicc + kCCtlr) = 1;
		return;
	}
	UK_ARM64_WRITE_SYSREG(ICC_SRE_EL1, UK_ARM64_READ_SYSREG(ICC_SRE_EL1) | 1);
	__asm__ __volatile__("isb");
	UK_ARM64_WRITE_SYSREG(ICC_PMR_EL1, kPriorityMask);
	UK_ARM64_WRITE_SYSREG(ICC_BPR1_EL1, 0);
	UK_ARM64_WRITE_SYSREG(ICC_CTLR_EL1, 0); // EOI also deactivates
	UK_ARM64_WRITE_SYSREG(ICC_IGRPEN1_EL1, 1);
	__asm__ __volatile__("isb");
}

}  // namespace

int gic_init(const BootInfo &bi)
{
	version = bi.gic;
	gicd = bi.gicd_base;
	if (version == GicVersion::kV2) {
		gicc = bi.gicc_base;
	} else if (version == GicVersion::kV3) {
		// Without the system-register interface a v3 cannot be driven.
		if (((UK_ARM64_READ_SYSREG(id_aa64pfr0_el1) >> 24) & 0xf) == 0)
			return -UK_ENOTSUP;
		int rc = redistributor_init(bi.gicc_base, bi.gicc_size);
		if (rc < 0)
			return rc;
	} else {
		return -UK_ENODEV;
	}
	distributor_init();
	private_init();
	cpu_interface_init();
	return 0;
}

GicVersion gic_version() { return version; }

uint32_t gic_ack()
{
	if (version == GicVersion::kV2)
		return r32(gicc + kCIar);
	uint64_t iar = UK_ARM64_READ_SYSREG(ICC_IAR1_EL1);
	__asm__ __volatile__("dsb sy" : : : "memory");
	return static_cast<uint32_t>(iar);
}

uint32_t gic_intid(uint32_t iar)
{
	return version == GicVersion::kV2 ? (iar & 0x3ff) : (iar & 0xffffff);
}

void gic_eoi(uint32_t iar)
{
	if (version == GicVersion::kV2) {
		r32(gicc + kCEoir) = iar;
		return;
	}
	UK_ARM64_WRITE_SYSREG(ICC_EOIR1_EL1, iar);
	__asm__ __volatile__("isb");
}

void gic_enable(uint32_t intid, bool enable)
{
	if (intid >= lines && intid >= 32)
		return;
	uintptr_t base = intid < 32 ? private_base() : gicd;
	r32(base + (enable ? kDIsenabler : kDIcenabler) + (intid / 32) * 4) = 1u << (intid % 32);
	if (!enable && version == GicVersion::kV3 && intid >= 32)
		wait_rwp(gicd + kDCtlr);
}

void gic_set_edge(uint32_t intid, bool edge)
{
	if (intid < 32 || intid >= lines)
		return;
	uintptr_t a = gicd + kDIcfgr + (intid / 16) * 4;
	uint32_t bit = 2u << (2 * (intid % 16));
	r32(a) = edge ? (r32(a) | bit) : (r32(a) & ~bit);
}

void gic_send_sgi_self(uint32_t sgi)
{
	sgi &= 0xf;
	if (version == GicVersion::kV2) {
		r32(gicd + kDSgir) = (2u << 24) | sgi; // target: this CPU only
		return;
	}
	uint64_t mpidr = UK_ARM64_READ_SYSREG(mpidr_el1);
	uint64_t v = (uint64_t{sgi} << 24) | (1u << (mpidr & 0xf)) |
		     (((mpidr >> 8) & 0xff) << 16) | (((mpidr >> 16) & 0xff) << 32) |
		     (((mpidr >> 32) & 0xff) << 48);
	UK_ARM64_WRITE_SYSREG(ICC_SGI1R_EL1, v);
	__asm__ __volatile__("isb");
}

}  // namespace uk::kvm
