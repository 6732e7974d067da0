// SPDX-License-Identifier: BSD-3-Clause
// pvclock.hpp: Xen's TSC-to-system-time scaling, against the formula done
// in long double arithmetic, for both signs of the shift and over years
// of TSC ticks.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pvclock.hpp"

using namespace uk::xen;

namespace {

// Parameters as Xen computes them for a frequency: mul/2^32 * 2^shift
// = 1e9 / hz, with mul in [2^31, 2^32).
PvclockParams params_for(uint64_t hz, uint64_t t0, uint64_t sys0)
{
	int8_t shift = 0;
	long double ratio = 1e9L / hz; // ns per tick
	while (ratio >= 1.0L) {
		ratio /= 2;
		++shift;
	}
	while (ratio < 0.5L) {
		ratio *= 2;
		--shift;
	}
	return PvclockParams{t0, sys0, static_cast<uint32_t>(ratio * 4294967296.0L), shift};
}

long double reference_ns(const PvclockParams &p, uint64_t tsc)
{
	long double d = static_cast<long double>(tsc - p.tsc_timestamp);
	d = p.shift < 0 ? d / (1ULL << -p.shift) : d * (1ULL << p.shift);
	return p.system_time + std::floor(d * p.mul / 4294967296.0L);
}

}  // namespace

TEST(Pvclock, FrequencyRoundTrips)
{
	for (uint64_t hz : {1000000ULL, 125000000ULL, 999999999ULL, 2596136600ULL, 4000000000ULL,
			    9999999999ULL}) {
		PvclockParams p = params_for(hz, 0, 0);
		uint64_t back = pvclock_tsc_hz(p.mul, p.shift);
		EXPECT_NEAR(static_cast<double>(back), static_cast<double>(hz), hz * 1e-8) << hz;
	}
	EXPECT_EQ(pvclock_tsc_hz(0, 0), 0u);
}

TEST(Pvclock, MatchesTheFormulaForBothShiftDirections)
{
	std::mt19937_64 rng(7);
	for (uint64_t hz : {500000ULL, 2000000000ULL, 2596136600ULL}) {
		PvclockParams p = params_for(hz, 123456789, 5000000000ULL);
		for (int i = 0; i < 2000; ++i) {
			uint64_t delta = rng() % (hz * 3600 * 24 * 365); // up to a year
			uint64_t tsc = p.tsc_timestamp + delta;
			long double want = reference_ns(p, tsc);
			long double got = static_cast<long double>(pvclock_ns(p, tsc));
			ASSERT_LE(std::fabs(got - want), 1.0L) << "hz " << hz << " delta " << delta;
		}
	}
}

TEST(Pvclock, MonotoneAndClampedBeforeTheTimestamp)
{
	PvclockParams p = params_for(2596136600ULL, 1000000, 777);
	EXPECT_EQ(pvclock_ns(p, 999999), 777u); // TSC read just before the update
	EXPECT_EQ(pvclock_ns(p, 1000000), 777u);
	uint64_t prev = 0;
	for (uint64_t tsc = 1000000; tsc < 1000000 + 100000; tsc += 37) {
		uint64_t ns = pvclock_ns(p, tsc);
		ASSERT_GE(ns, prev);
		prev = ns;
	}
}
