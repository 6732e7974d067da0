// SPDX-License-Identifier: BSD-3-Clause
// Host tests of timeconv.hpp: TSC <-> ns scaling, calibration, CMOS RTC.
#include <gtest/gtest.h>

#include "../timeconv.hpp"

using namespace uk::kvm;

namespace {

uint64_t exact(uint64_t x, uint64_t num, uint64_t den)
{
	u128 r = static_cast<u128>(x) * num / den;
	return r > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(r);
}

TEST(Scale, MatchesExactDivisionWithinOne)
{
	const uint64_t freqs[] = {1000000, 1193182, 2096026000, 2999999999, 3000000000, 5000000001};
	const uint64_t xs[] = {0, 1, 999, 1000000007, 1ULL << 40, 1ULL << 52, (1ULL << 63) - 1};
	for (uint64_t f : freqs) {
		Scale to_ns = make_scale(kNsPerSec, f), to_ticks = make_scale(f, kNsPerSec);
		for (uint64_t x : xs) {
			uint64_t want = exact(x, kNsPerSec, f), got = apply(to_ns, x);
			EXPECT_LE(got, want) << f << " " << x;
			EXPECT_LE(want - got, 1u) << f << " " << x;
			want = exact(x, f, kNsPerSec), got = apply(to_ticks, x);
			if (want != UINT64_MAX) {
				EXPECT_LE(want - got, 1u) << f << " " << x;
			}
		}
	}
}

TEST(Scale, TenYearsOfUptimeAt5GHzDoNotOverflow)
{
	uint64_t f = 5000000000ULL;
	uint64_t ticks = f * 86400ULL * 3653; // ten years: 1.6e18 ticks
	uint64_t ns = apply(make_scale(kNsPerSec, f), ticks);
	uint64_t want = 86400ULL * 3653 * kNsPerSec;
	EXPECT_LE(ns, want);
	EXPECT_LE(want - ns, 1u); // floor of the exact value: within 1 ns
}

TEST(Scale, SaturatesInsteadOfWrapping)
{
	// 2^64 - 1 ns at 3 GHz is 5.5e19 ticks: more than 64 bits hold.
	EXPECT_EQ(apply(make_scale(3000000000ULL, kNsPerSec), UINT64_MAX), UINT64_MAX);
}

TEST(Scale, MonotoneInItsInput)
{
	Scale s = make_scale(kNsPerSec, 2096026000);
	uint64_t prev = 0;
	for (uint64_t x = (1ULL << 50); x < (1ULL << 50) + 100000; ++x) {
		uint64_t v = apply(s, x);
		ASSERT_GE(v, prev);
		prev = v;
	}
}

TEST(Calibration, FrequencyFromReferenceTicks)
{
	// 10 ms of PIT (11931 ticks) during which the TSC advanced 20960260.
	uint64_t hz = calibrated_hz(20960260, 11931, kPitHz);
	EXPECT_NEAR(static_cast<double>(hz), 2096026000.0 * 11931.82 / 11931, 1e5);
	EXPECT_EQ(calibrated_hz(123, 0, kPitHz), 0u);
	EXPECT_EQ(calibrated_hz(UINT64_MAX, 1, kPitHz), UINT64_MAX);
}

TEST(Calibration, Leaf15)
{
	EXPECT_EQ(tsc_hz_from_leaf15(2, 176, 24000000), 2112000000u);
	EXPECT_EQ(tsc_hz_from_leaf15(2, 176, 0), 0u); // crystal not given
	EXPECT_EQ(tsc_hz_from_leaf15(0, 0, 0), 0u);
}

TEST(Rtc, DaysFromCivil)
{
	EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
	EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
	EXPECT_EQ(days_from_civil(2024, 2, 29), 19782);
	EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
}

constexpr uint8_t kBcd24 = kRtc24Hour, kBin24 = kRtc24Hour | kRtcBinary;

TEST(Rtc, BcdAnd24Hour)
{
	// 2024-02-29 13:45:30 UTC = 1709214330
	EXPECT_EQ(rtc_to_unix({0x30, 0x45, 0x13, 0x29, 0x02, 0x24, 0x20, kBcd24}), 1709214330);
	EXPECT_EQ(rtc_to_unix({30, 45, 13, 29, 2, 24, 20, kBin24}), 1709214330);
}

TEST(Rtc, TwelveHourClock)
{
	// 1 PM in BCD 12-hour mode: 0x01 | PM bit.
	EXPECT_EQ(rtc_to_unix({0x30, 0x45, 0x81, 0x29, 0x02, 0x24, 0x20, 0}), 1709214330);
	// 12 AM is midnight, 12 PM noon.
	int64_t midnight = rtc_to_unix({0, 0, 0x12, 0x01, 0x01, 0x25, 0x20, 0});
	EXPECT_EQ(midnight, 1735689600);
	EXPECT_EQ(rtc_to_unix({0, 0, 0x92, 0x01, 0x01, 0x25, 0x20, 0}), midnight + 12 * 3600);
	EXPECT_EQ(rtc_to_unix({0, 0, 12 | kRtcPm, 1, 1, 25, 20, kRtcBinary}), midnight + 12 * 3600);
	EXPECT_EQ(rtc_to_unix({0, 0, 0x00, 0x01, 0x01, 0x25, 0x20, 0}), -1); // no hour 0 in 12 h
}

TEST(Rtc, CenturyRegisterOrGuess)
{
	EXPECT_EQ(rtc_to_unix({0, 0, 0, 1, 1, 0x99, 0x19, kBcd24}), 915148800); // 1999
	EXPECT_EQ(rtc_to_unix({0, 0, 0, 1, 1, 0x99, 0, kBcd24}), 915148800);    // 99 -> 1999
	EXPECT_EQ(rtc_to_unix({0, 0, 0, 1, 1, 0x25, 0, kBcd24}), 1735689600);   // 25 -> 2025
}

TEST(Rtc, RejectsImpossibleValues)
{
	EXPECT_EQ(rtc_to_unix({0x60, 0, 0, 1, 1, 0x25, 0x20, kBcd24}), -1);
	EXPECT_EQ(rtc_to_unix({0, 0, 0x24, 1, 1, 0x25, 0x20, kBcd24}), -1);
	EXPECT_EQ(rtc_to_unix({0, 0, 0, 0, 1, 0x25, 0x20, kBcd24}), -1);
	EXPECT_EQ(rtc_to_unix({0, 0, 0, 1, 0x13, 0x25, 0x20, kBcd24}), -1);
}

}  // namespace
