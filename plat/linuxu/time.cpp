// SPDX-License-Identifier: BSD-3-Clause
//
// Clocks from clock_gettime(2).
// NOTE: a raw system call costs more than the vDSO; good enough until a
// benchmark says otherwise.

#include <uk/plat.h>

#include "linuxu.hpp"

namespace uk::linuxu {
namespace {

uint64_t read_clock(int clock)
{
	Timespec ts{};
	syscall6(sys::kClockGettime, clock, reinterpret_cast<long>(&ts));
	return static_cast<uint64_t>(ts.tv_sec) * 1000000000ULL +
	       static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace
}  // namespace uk::linuxu

extern "C" uint64_t ukplat_monotonic_clock(void)
{
	return uk::linuxu::read_clock(uk::linuxu::kClockMonotonic);
}

extern "C" uint64_t ukplat_wall_clock(void)
{
	return uk::linuxu::read_clock(uk::linuxu::kClockRealtime);
}
