// SPDX-License-Identifier: BSD-3-Clause
//
// Private to the KVM x86_64 platform: CPU instructions, the trap frame
// that vectors.S builds, the vector map, and what the CPU/interrupt/time
// files (traps, crash, apic, tsc, timer, lcpu, irq) say to each other.
#pragma once

#include <uk/errno.h>
#include <uk/essentials.h>

#include "x86_64/trap_frame.hpp"

namespace uk::kvm {

// ---- vectors ---------------------------------------------------------------
// 0x00-0x1f  CPU exceptions (fatal: crash report)
// 0x20-0x2f  the legacy 8259 PICs, remapped there and masked: only their
//            spurious IRQ 7/15 can arrive; counted and ignored
// 0x30-0xef  device IRQ n at vector 0x30 + n (ukplat_irq_register)
// 0xf0       local APIC timer (UKPLAT_IRQ_LAPIC_TIMER)
// 0xff       local APIC spurious vector (no EOI)
inline constexpr unsigned kPicVectorBase = 0x20;
inline constexpr unsigned kIrqVectorBase = 0x30;
inline constexpr unsigned kTimerVector = 0xf0;
inline constexpr unsigned kSpuriousVector = 0xff;

/** What vectors.S pushes: the frame shared with Xen (plat/common/x86_64). */
using TrapFrame = plat::x86::TrapFrame;
using plat::x86::kNumExceptions;

inline constexpr uint64_t kRflagsIf = 1u << 9;

// ---- instructions ------------------------------------------------------------

struct CpuidRegs {
	uint32_t eax, ebx, ecx, edx;
};

inline CpuidRegs cpuid(uint32_t leaf, uint32_t subleaf = 0)
{
	CpuidRegs r;
	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			     : "a"(leaf), "c"(subleaf));
	return r;
}

inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (static_cast<uint64_t>(hi) << 32) | lo;
}

inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr"
			     :
			     : "c"(msr), "a"(static_cast<uint32_t>(v)),
			       "d"(static_cast<uint32_t>(v >> 32))
			     : "memory");
}

inline uint64_t rdtsc()
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return (static_cast<uint64_t>(hi) << 32) | lo;
}

inline uint64_t read_rflags()
{
	uint64_t f;
	__asm__ __volatile__("pushfq; popq %0" : "=r"(f) : : "memory");
	return f;
}

inline uint64_t read_cr2()
{
	uint64_t v;
	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

inline uint64_t read_cr3()
{
	uint64_t v;
	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

inline constexpr uint32_t kMsrApicBase = 0x1b;
inline constexpr uint32_t kMsrTscDeadline = 0x6e0;

// ---- between the files -----------------------------------------------------------

/** crash.cpp: prints the report for an exception and stops the image. */
__noreturn void crash_report(const TrapFrame *f);

/** apic.cpp: local APIC registers (xAPIC MMIO). Valid after apic_init(). */
uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t v);
void lapic_eoi();
bool lapic_ready();

inline constexpr uint32_t kLapicEoi = 0xb0;
inline constexpr uint32_t kLapicLvtTimer = 0x320;
inline constexpr uint32_t kLapicTimerInit = 0x380;
inline constexpr uint32_t kLapicTimerCurrent = 0x390;
inline constexpr uint32_t kLapicTimerDivide = 0x3e0;
inline constexpr uint32_t kLapicLvtMasked = 1u << 16;
inline constexpr uint32_t kLapicTimerTscDeadline = 2u << 17;

/** irq.cpp: called by traps.S (through traps.cpp) for vectors >= 32. */
void irq_dispatch(const TrapFrame *f);

/** tsc.cpp: TSC frequency, clocks. */
int tsc_init();
/** Calibrates against the PIT on first use. @return false: no time source. */
bool tsc_calibrated();
uint64_t tsc_hz();
/** @return the TSC value at which the monotonic clock reads @p ns. */
uint64_t tsc_at_ns(uint64_t ns);
const char *tsc_source(); // how the frequency was found, for messages
/** Test hook: a fresh PIT calibration over @p ms (1-50). @return Hz or 0. */
uint64_t tsc_pit_calibrate(uint64_t ms);

/** timer.cpp: one-shot timer for ukplat_lcpu_halt_until. */
void timer_arm(uint64_t deadline_ns);
void timer_disarm();
/** Test hook: false forces the APIC one-shot mode (calibrated) even
 * where TSC-deadline exists. @return 0 or a negative errno. */
int timer_use_tsc_deadline(bool use);
bool timer_tsc_deadline_active();
uint64_t timer_apic_hz(); // 0 until the one-shot mode was calibrated

}  // namespace uk::kvm
