// SPDX-License-Identifier: BSD-3-Clause
//
// Pure time arithmetic of the platform, host-tested
// (tests/timeconv_test.cpp): calibration against a reference clock and
// the CMOS RTC's date; ticks <-> nanoseconds is uk/plat/scale.hpp.
#pragma once

#include <uk/essentials.h>
#include <uk/plat/scale.hpp>

namespace uk::kvm {

using uk::plat::apply;
using uk::plat::kNsPerSec;
using uk::plat::make_scale;
using uk::plat::Scale;
using uk::plat::u128;

inline constexpr uint64_t kPitHz = 1193182; // 14.31818 MHz / 12

/**
 * Frequency of a counter that advanced @p ticks while a reference clock
 * of @p ref_hz advanced @p ref_ticks. @return 0 if ref_ticks is 0.
 */
constexpr uint64_t calibrated_hz(uint64_t ticks, uint64_t ref_ticks, uint64_t ref_hz)
{
	if (ref_ticks == 0)
		return 0;
	u128 hz = static_cast<u128>(ticks) * ref_hz / ref_ticks;
	return hz > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(hz);
}

/** TSC Hz from CPUID leaf 0x15 (eax = denominator, ebx = numerator,
 * ecx = crystal Hz); 0 when the leaf does not say. */
constexpr uint64_t tsc_hz_from_leaf15(uint32_t eax, uint32_t ebx, uint32_t ecx)
{
	if (eax == 0 || ebx == 0 || ecx == 0)
		return 0;
	return static_cast<uint64_t>(ecx) * ebx / eax;
}

// ---- CMOS RTC ---------------------------------------------------------------

/** The RTC registers as read (BCD or binary, 12 or 24 hour). */
struct RtcRaw {
	uint8_t sec, min, hour, mday, mon, year, century; // century 0: absent
	uint8_t status_b;
};

inline constexpr uint8_t kRtcBinary = 1u << 2; // status B: binary, not BCD
inline constexpr uint8_t kRtc24Hour = 1u << 1;
inline constexpr uint8_t kRtcPm = 0x80; // in the hour register, 12-hour mode

constexpr uint8_t bcd_to_bin(uint8_t v)
{
	return static_cast<uint8_t>((v >> 4) * 10 + (v & 0xf));
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant). */
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = static_cast<unsigned>(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

/** @return seconds since the Unix epoch, or -1 for impossible values. */
constexpr int64_t rtc_to_unix(RtcRaw r)
{
	bool bin = r.status_b & kRtcBinary;
	bool pm = !(r.status_b & kRtc24Hour) && (r.hour & kRtcPm);
	uint8_t hour = static_cast<uint8_t>(r.hour & ~kRtcPm);
	auto conv = [bin](uint8_t v) { return bin ? v : bcd_to_bin(v); };
	unsigned sec = conv(r.sec), min = conv(r.min), h = conv(hour);
	unsigned mday = conv(r.mday), mon = conv(r.mon), year = conv(r.year);
	unsigned century = r.century ? conv(r.century) : 0;
	if (!(r.status_b & kRtc24Hour)) {
		if (h < 1 || h > 12)
			return -1;
		h = (h % 12) + (pm ? 12 : 0); // 12 AM is 0h, 12 PM is 12h
	}
	if (sec > 59 || min > 59 || h > 23 || mday < 1 || mday > 31 || mon < 1 ||
	    mon > 12 || year > 99)
		return -1;
	// No century register (or a silly one): 70-99 are 19xx, the rest 20xx.
	unsigned full = (century >= 19 && century <= 99) ? century * 100 + year
				      : (year >= 70 ? 1900 + year : 2000 + year);
	return days_from_civil(full, mon, mday) * 86400 + h * 3600 + min * 60 + sec;
}

}  // namespace uk::kvm
