// SPDX-License-Identifier: BSD-3-Clause
//
// Counter ticks <-> nanoseconds without overflow, for every platform's
// clock and timer code (host-tested in plat/common/tests).
#pragma once

#include <uk/essentials.h>

namespace uk::plat {

inline constexpr uint64_t kNsPerSec = 1000000000ULL;

using u128 = unsigned __int128;

/**
 * A ratio num/den as whole + frac / 2^64. apply() is exact to within one
 * unit for any 64-bit input (128-bit products; no loss over years of
 * uptime) and monotone, so a clock built on it never goes back.
 */
struct Scale {
	uint64_t whole;
	uint64_t frac;
};

/** @pre den != 0. */
constexpr Scale make_scale(uint64_t num, uint64_t den)
{
	uint64_t rem = num % den;
	return Scale{num / den, static_cast<uint64_t>((static_cast<u128>(rem) << 64) / den)};
}

/** @return floor(x * num / den), or UINT64_MAX when it does not fit. */
constexpr uint64_t apply(Scale s, uint64_t x)
{
	u128 r = static_cast<u128>(x) * s.whole + ((static_cast<u128>(x) * s.frac) >> 64);
	return r > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(r);
}

}  // namespace uk::plat
