// SPDX-License-Identifier: BSD-3-Clause
//
// Clocks and the one-shot timer. Monotonic: Xen's system time from the
// vCPU's vcpu_time_info and the TSC (pvclock.hpp), from 0 at time_init().
// Wall: shared_info's wall clock at system time 0, plus system time.
// Timer: VCPUOP_set_singleshot_timer, delivered on VIRQ_TIMER, which only
// wakes the CPU (the scheduler runs its timers itself). Xen's periodic
// 100 Hz timer of PV vCPUs is stopped: no tick.

#include <uk/plat.h>
#include <uk/xen/events.h>

#include "hypercall.hpp"
#include "pvclock.hpp"
#include "xen.hpp"

namespace uk::xen {

int bind_timer_virq(uk_xen_evtchn_handler_t fn, uk_xen_evtchn_port_t *port);

namespace {

constinit uint64_t boot_system_time = 0;
constinit uint64_t last_monotonic = 0;
constinit uint64_t timer_count = 0;
constinit uk_xen_evtchn_port_t timer_port = 0;

uint64_t rdtsc()
{
	uint32_t lo, hi;
	// lfence: the TSC read stays between the two version reads.
	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (static_cast<uint64_t>(hi) << 32) | lo;
}

void on_timer(uk_xen_evtchn_port_t, void *) { ++timer_count; }

}  // namespace

uint64_t system_time_ns()
{
	const volatile abi::VcpuTimeInfo &t = vcpu0().time;
	for (;;) {
		uint32_t v = t.version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		PvclockParams p{t.tsc_timestamp, t.system_time, t.tsc_to_system_mul, t.tsc_shift};
		uint64_t tsc = rdtsc();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (!(v & 1) && t.version == v)
			return pvclock_ns(p, tsc);
	}
}

uint64_t tsc_hz()
{
	const volatile abi::VcpuTimeInfo &t = vcpu0().time;
	return pvclock_tsc_hz(t.tsc_to_system_mul, t.tsc_shift);
}

uint64_t timer_events() { return __atomic_load_n(&timer_count, __ATOMIC_RELAXED); }

void timer_arm(uint64_t deadline_ns)
{
	abi::VcpuSetSingleshotTimer op{boot_system_time + deadline_ns, 0};
	// A deadline in the past fires at once (no VCPU_SSHOTTMR_future).
	hyp_vcpu_op(abi::kVcpuopSetSingleshotTimer, 0, &op);
}

void timer_disarm()
{
	hyp_vcpu_op(abi::kVcpuopStopSingleshotTimer, 0, nullptr);
}

[[gnu::cold]] void time_init()
{
	hyp_vcpu_op(abi::kVcpuopStopPeriodicTimer, 0, nullptr);
	if (int rc = bind_timer_virq(on_timer, &timer_port); rc < 0)
		boot_fail("time", "cannot bind VIRQ_TIMER", rc);
	boot_system_time = system_time_ns();
}

}  // namespace uk::xen

extern "C" uint64_t ukplat_monotonic_clock(void)
{
	using namespace uk::xen;
	uint64_t now = system_time_ns() - boot_system_time;
	// Never back, even across Xen's updates of the parameters (also
	// against a reader in the upcall).
	uint64_t last = __atomic_load_n(&last_monotonic, __ATOMIC_RELAXED);
	while (now > last &&
	       !__atomic_compare_exchange_n(&last_monotonic, &last, now, false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED)) {
	}
	return now > last ? now : last;
}

extern "C" uint64_t ukplat_wall_clock(void)
{
	using namespace uk::xen;
	const volatile abi::SharedInfo &s = *shared_info;
	for (;;) {
		uint32_t v = s.wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		uint64_t sec = (static_cast<uint64_t>(s.wc_sec_hi) << 32) | s.wc_sec;
		uint64_t nsec = s.wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (!(v & 1) && s.wc_version == v)
			return sec * 1000000000ULL + nsec + system_time_ns();
	}
}
