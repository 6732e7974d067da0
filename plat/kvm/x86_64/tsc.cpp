// SPDX-License-Identifier: BSD-3-Clause
//
// Clocks. Monotonic: the TSC scaled to nanoseconds (timeconv.hpp), from
// 0 at tsc_init(). Its frequency comes from the hypervisor (CPUID
// 0x40000010, KVM/VMware), from CPUID 0x15 (crystal ratio), from CPUID
// 0x16 on bare metal, else from a 10 ms calibration against PIT channel 2.
// Wall clock: the CMOS RTC read once at boot, plus the monotonic clock.

#include <uk/plat.h>

#include "cpu.hpp"
#include "kvm.hpp"
#include "timeconv.hpp"

namespace uk::kvm {
namespace {

constexpr uint16_t kPitCh2 = 0x42, kPitCmd = 0x43, kPort61 = 0x61;
constexpr uint8_t kPort61Gate2 = 0x01, kPort61Speaker = 0x02;
constexpr uint64_t kCalibrationMs = 10;
constexpr uint16_t kCmosIndex = 0x70, kCmosData = 0x71;

constinit uint64_t tsc0 = 0, hz = 0, boot_wall_ns = 0;
constinit Scale ns_per_tick{0, 0}, ticks_per_ns{0, 0};
constinit const char *source = "unknown";

uint64_t hz_from_hypervisor()
{
	if (!(cpuid(1).ecx & (1u << 31)))
		return 0;
	if (cpuid(0x40000000).eax < 0x40000010)
		return 0;
	return static_cast<uint64_t>(cpuid(0x40000010).eax) * 1000;
}

uint64_t hz_from_cpuid()
{
	uint32_t max = cpuid(0).eax;
	if (max >= 0x15) {
		CpuidRegs r = cpuid(0x15);
		if (uint64_t f = tsc_hz_from_leaf15(r.eax, r.ebx, r.ecx)) {
			source = "CPUID 0x15";
			return f;
		}
	}
	// Leaf 0x16 is the nominal base frequency, which a hypervisor may
	// copy from a CPU model that is not the host's: trust it on bare
	// metal only.
	bool virtualised = cpuid(1).ecx & (1u << 31);
	if (max >= 0x16 && !virtualised && (cpuid(0x16).eax & 0xffff)) {
		source = "CPUID 0x16";
		return static_cast<uint64_t>(cpuid(0x16).eax & 0xffff) * 1000000;
	}
	return 0;
}

// PIT channel 2 in mode 0 counts down from 0xffff once the gate is up.
// Each end of the window is a (TSC, PIT count) pair: the count is latched
// and read between two TSC reads, and of a few tries the pair with the
// narrowest TSC bracket wins. A host that deschedules the vCPU (TCG on a
// busy machine) then widens one bracket, not the measured interval,
// which polling for the end of the count would stretch.
struct PitSample {
	uint64_t tsc;
	uint16_t count;
};

uint16_t pit_count()
{
	outb(kPitCmd, 0x80); // latch channel 2
	uint8_t lo = inb(kPitCh2);
	return static_cast<uint16_t>(lo | (inb(kPitCh2) << 8));
}

PitSample pit_sample()
{
	PitSample best{0, 0};
	uint64_t best_width = UINT64_MAX;
	for (int i = 0; i < 5; ++i) {
		uint64_t before = rdtsc();
		uint16_t c = pit_count();
		uint64_t after = rdtsc();
		if (after - before < best_width) {
			best_width = after - before;
			best = PitSample{before + (after - before) / 2, c};
		}
	}
	return best;
}

uint64_t hz_from_pit(uint64_t ms)
{
	auto ticks = static_cast<uint32_t>(kPitHz * ms / 1000); // ms <= 50: fits the 16-bit count
	uint8_t p61 = inb(kPort61);
	outb(kPort61, static_cast<uint8_t>(p61 & ~(kPort61Speaker | kPort61Gate2)));
	outb(kPitCmd, 0xb0); // channel 2, lobyte/hibyte, mode 0, binary
	outb(kPitCh2, 0xff);
	outb(kPitCh2, 0xff);
	outb(kPort61, static_cast<uint8_t>((p61 & ~kPort61Speaker) | kPort61Gate2));
	PitSample a = pit_sample(), b = a;
	// Bound: a missing PIT never counts; 2^34 TSC ticks are seconds.
	while (static_cast<uint16_t>(a.count - b.count) < ticks &&
	       b.tsc - a.tsc < (1ULL << 34))
		b = pit_sample();
	outb(kPort61, p61);
	auto elapsed = static_cast<uint16_t>(a.count - b.count);
	if (elapsed < ticks)
		return 0;
	return calibrated_hz(b.tsc - a.tsc, elapsed, kPitHz);
}

uint8_t cmos(uint8_t reg)
{
	outb(kCmosIndex, reg); // bit 7 clear: NMIs stay enabled
	return inb(kCmosData);
}

RtcRaw rtc_read_once()
{
	for (int i = 0; i < 100000 && (cmos(0x0a) & 0x80); ++i)
		; // update in progress: values are in flux for < 2 ms
	return RtcRaw{cmos(0x00), cmos(0x02), cmos(0x04), cmos(0x07), cmos(0x08),
		      cmos(0x09), cmos(0x32), cmos(0x0b)};
}

// Two equal reads in a row: no update happened in between.
int64_t rtc_unix_seconds()
{
	RtcRaw a = rtc_read_once();
	for (int i = 0; i < 5; ++i) {
		RtcRaw b = rtc_read_once();
		if (__builtin_memcmp(&a, &b, sizeof(a)) == 0)
			break;
		a = b;
	}
	return rtc_to_unix(a);
}

void set_hz(uint64_t f)
{
	hz = f;
	if (f) {
		ns_per_tick = make_scale(kNsPerSec, f);
		ticks_per_ns = make_scale(f, kNsPerSec);
	}
}

}  // namespace

// The PIT calibration costs 10 ms, a large share of a boot: it runs on
// the first use of the clock instead (helloworld never reads it). tsc0
// is taken at boot either way, so time still counts from boot.
void calibrate_from_pit()
{
	source = "PIT calibration (10 ms)";
	set_hz(hz_from_pit(kCalibrationMs));
}

int tsc_init()
{
	tsc0 = rdtsc();
	int64_t secs = rtc_unix_seconds();
	boot_wall_ns = secs > 0 ? static_cast<uint64_t>(secs) * kNsPerSec : 0;
	source = "hypervisor CPUID 0x40000010";
	uint64_t f = hz_from_hypervisor();
	if (!f)
		f = hz_from_cpuid();
	if (f)
		set_hz(f);
	return 0;
}

bool tsc_calibrated()
{
	if (unlikely(!hz))
		calibrate_from_pit();
	return hz != 0;
}

uint64_t tsc_pit_calibrate(uint64_t ms)
{
	return ms >= 1 && ms <= 50 ? hz_from_pit(ms) : 0;
}

uint64_t tsc_hz()
{
	tsc_calibrated();
	return hz;
}

const char *tsc_source()
{
	return source;
}

uint64_t tsc_at_ns(uint64_t ns)
{
	tsc_calibrated();
	uint64_t t = apply(ticks_per_ns, ns);
	// +1: rounding up, so the deadline is never before ns.
	return t >= UINT64_MAX - tsc0 - 1 ? UINT64_MAX : tsc0 + t + 1;
}

}  // namespace uk::kvm

extern "C" uint64_t ukplat_monotonic_clock(void)
{
	using namespace uk::kvm;
	if (!tsc_calibrated())
		return 0; // no time source at all: time stands still
	return apply(ns_per_tick, rdtsc() - tsc0);
}

extern "C" uint64_t ukplat_wall_clock(void)
{
	return uk::kvm::boot_wall_ns + ukplat_monotonic_clock();
}
