// SPDX-License-Identifier: BSD-3-Clause
//
// Xen's per-vCPU time (vcpu_time_info) as pure arithmetic, host-tested
// (tests/pvclock_test.cpp): system time is
//   system_time + (((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul) >> 32
// with a negative shift meaning a right shift; the TSC frequency is
// ((10^9 << 32) / tsc_to_system_mul) >> tsc_shift.
#pragma once

#include <uk/essentials.h>

namespace uk::xen {

struct PvclockParams {
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t mul;
	int8_t shift;
};

/** System time in ns at TSC value @p tsc (tsc >= tsc_timestamp; a TSC a
 * little behind the timestamp, read just before Xen's update, counts as 0). */
constexpr uint64_t pvclock_ns(const PvclockParams &p, uint64_t tsc)
{
	uint64_t delta = tsc > p.tsc_timestamp ? tsc - p.tsc_timestamp : 0;
	if (p.shift < 0)
		delta >>= -p.shift;
	else
		delta <<= p.shift;
	using u128 = unsigned __int128;
	return p.system_time + static_cast<uint64_t>((static_cast<u128>(delta) * p.mul) >> 32);
}

/** The TSC frequency the parameters describe; 0 for a zero multiplier. */
constexpr uint64_t pvclock_tsc_hz(uint32_t mul, int8_t shift)
{
	if (mul == 0)
		return 0;
	uint64_t hz = (1000000000ULL << 32) / mul;
	return shift < 0 ? hz << -shift : hz >> shift;
}

}  // namespace uk::xen
