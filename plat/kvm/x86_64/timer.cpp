// SPDX-License-Identifier: BSD-3-Clause
//
// The one-shot timer behind ukplat_lcpu_halt_until: the local APIC timer
// in TSC-deadline mode where CPUID.01H:ECX[24] offers it (the deadline is
// a TSC value: no conversion error, no range limit), else in one-shot
// mode counting at a frequency calibrated against the TSC. Its interrupt
// (kTimerVector) only wakes the CPU: irq.cpp acknowledges it, and the
// scheduler runs the expired timers itself.
// Callers hold interrupts off (halt_until does).

#include "cpu.hpp"
#include "kvm.hpp"
#include "timeconv.hpp"

namespace uk::kvm {
namespace {

constexpr uint32_t kDivideBy1 = 0xb;
constexpr uint64_t kApicCalibrationMs = 2;
constexpr uint32_t kMaxCount = UINT32_MAX;

constinit bool deadline_mode = false;
constinit uint64_t apic_hz = 0;
constinit Scale apic_ticks_per_ns{0, 0};

bool cpu_has_tsc_deadline()
{
	return cpuid(1).ecx & (1u << 24);
}

struct CountSample {
	uint64_t tsc;
	uint32_t count;
};

// The current count read between two TSC reads; of a few tries, the
// narrowest bracket (a descheduled vCPU widens one, then it loses).
CountSample count_sample()
{
	CountSample best{0, 0};
	uint64_t best_width = UINT64_MAX;
	for (int i = 0; i < 5; ++i) {
		uint64_t before = rdtsc();
		uint32_t c = lapic_read(kLapicTimerCurrent);
		uint64_t after = rdtsc();
		if (after - before < best_width) {
			best_width = after - before;
			best = CountSample{before + (after - before) / 2, c};
		}
	}
	return best;
}

// Lets the APIC timer count down from its maximum for ~2 ms of TSC time;
// both ends are (TSC, count) pairs, so the error is the bracket width
// (two MMIO-free TSC reads around one MMIO read), not the wait.
int calibrate_apic_timer()
{
	lapic_write(kLapicLvtTimer, kLapicLvtMasked | kTimerVector);
	lapic_write(kLapicTimerDivide, kDivideBy1);
	lapic_write(kLapicTimerInit, kMaxCount);
	uint64_t wait = tsc_hz() / 1000 * kApicCalibrationMs;
	CountSample a = count_sample();
	while (rdtsc() - a.tsc < wait)
		;
	CountSample b = count_sample();
	lapic_write(kLapicTimerInit, 0);
	apic_hz = calibrated_hz(a.count - b.count, b.tsc - a.tsc, tsc_hz());
	if (apic_hz == 0)
		return -UK_ENOTSUP;
	apic_ticks_per_ns = make_scale(apic_hz, kNsPerSec);
	return 0;
}

}  // namespace

int timer_use_tsc_deadline(bool use)
{
	if (use && !cpu_has_tsc_deadline())
		return -UK_ENOTSUP;
	timer_disarm();
	if (use) {
		lapic_write(kLapicLvtTimer, kLapicTimerTscDeadline | kTimerVector);
		// SDM 10.5.4.1: the LVT write must be ordered before the
		// first write of the deadline MSR.
		__asm__ __volatile__("mfence" : : : "memory");
	} else if (!apic_hz) {
		int rc = calibrate_apic_timer();
		if (rc < 0)
			return rc;
	}
	if (!use)
		lapic_write(kLapicLvtTimer, kTimerVector); // one-shot, unmasked
	deadline_mode = use;
	return 0;
}

uint64_t timer_apic_hz()
{
	return apic_hz;
}

bool timer_tsc_deadline_active()
{
	return deadline_mode;
}

void timer_arm(uint64_t deadline_ns)
{
	// The APIC timer's calibration (10 ms under TCG) waits for the
	// first timer the image arms.
	if (!deadline_mode && !apic_hz && timer_use_tsc_deadline(false) < 0)
		return;
	if (deadline_mode) {
		wrmsr(kMsrTscDeadline, tsc_at_ns(deadline_ns));
		return;
	}
	uint64_t now = ukplat_monotonic_clock();
	uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;
	// Rounded up (+1) so we never wake before the deadline; a deadline
	// beyond the 32-bit counter (4 s at 1 GHz) wakes early, which
	// halt_until's callers accept.
	uint64_t count = apply(apic_ticks_per_ns, delta);
	count = count >= kMaxCount ? kMaxCount : count + 1;
	lapic_write(kLapicTimerInit, static_cast<uint32_t>(count));
}

void timer_disarm()
{
	if (deadline_mode)
		wrmsr(kMsrTscDeadline, 0);
	else if (lapic_ready())
		lapic_write(kLapicTimerInit, 0);
}

int time_init()
{
	int rc = tsc_init();
	if (rc < 0)
		return rc;
	if (!lapic_ready())
		return -UK_ENOTSUP; // apic_init() comes first
	if (cpu_has_tsc_deadline())
		return timer_use_tsc_deadline(true);
	// One-shot APIC mode: unmasked LVT now, calibration on first use.
	lapic_write(kLapicLvtTimer, kTimerVector);
	return 0;
}

}  // namespace uk::kvm
