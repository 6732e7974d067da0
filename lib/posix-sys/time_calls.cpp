// SPDX-License-Identifier: BSD-3-Clause
//
// Clocks on the platform's: CLOCK_REALTIME is ukplat_wall_clock(),
// CLOCK_MONOTONIC (and its RAW/COARSE variants) ukplat_monotonic_clock().
// times() counts everything since boot as user time of the one process.

#include "posix_sys.hpp"

#include <uk/plat.h>

#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

namespace {

constexpr uint64_t kNsPerSec = 1000000000ULL;

timespec to_timespec(uint64_t ns)
{
	return timespec{static_cast<time_t>(ns / kNsPerSec),
			static_cast<long>(ns % kNsPerSec)};
}

// @return the clock's nanoseconds, or false for an unknown clock.
bool read_clock(clockid_t id, uint64_t *ns)
{
	switch (id) {
	case CLOCK_REALTIME:
		*ns = ukplat_wall_clock();
		return true;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
		*ns = ukplat_monotonic_clock();
		return true;
	default:
		return false;
	}
}

}  // namespace

extern "C" int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = ukplat_wall_clock();
	if (tv) {
		tv->tv_sec = static_cast<time_t>(ns / kNsPerSec);
		tv->tv_usec = static_cast<suseconds_t>((ns % kNsPerSec) / 1000);
	}
	// The obsolete timezone argument: UTC, no daylight saving.
	if (tz)
		*static_cast<struct timezone *>(tz) = {0, 0};
	return 0;
}
UK_POSIX_ALIAS(gettimeofday);

extern "C" int clock_gettime(clockid_t id, struct timespec *tp)
{
	uint64_t ns;
	if (!read_clock(id, &ns))
		return uk::posix::fail(EINVAL);
	*tp = to_timespec(ns);
	return 0;
}

extern "C" int clock_getres(clockid_t id, struct timespec *res)
{
	uint64_t ns;
	if (!read_clock(id, &ns))
		return uk::posix::fail(EINVAL);
	// The platform clocks count nanoseconds (their real granularity may
	// be coarser; POSIX allows reporting the unit).
	if (res)
		*res = timespec{0, 1};
	return 0;
}

// Sleeps the full time: nothing interrupts a sleep (no signals are
// delivered), so *rem is always zero.
extern "C" int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!req || req->tv_nsec < 0 || req->tv_nsec >= static_cast<long>(kNsPerSec) ||
	    req->tv_sec < 0)
		return uk::posix::fail(EINVAL);
	// Saturates: a sleep of more than 584 years is a sleep forever.
	uint64_t ns;
	if (__builtin_mul_overflow(static_cast<uint64_t>(req->tv_sec), kNsPerSec, &ns) ||
	    __builtin_add_overflow(ns, static_cast<uint64_t>(req->tv_nsec), &ns))
		ns = UINT64_MAX;
	uk::posix::sleep_ns(ns);
	if (rem)
		*rem = timespec{0, 0};
	return 0;
}

extern "C" unsigned sleep(unsigned seconds)
{
	uk::posix::sleep_ns(seconds * kNsPerSec);
	return 0;
}

extern "C" int usleep(useconds_t us)
{
	uk::posix::sleep_ns(static_cast<uint64_t>(us) * 1000);
	return 0;
}

// In CLOCKS_PER_SEC units: newlib's clock() adds up these fields.
extern "C" clock_t times(struct tms *buf)
{
	uint64_t ticks = ukplat_monotonic_clock() / (kNsPerSec / CLOCKS_PER_SEC);
	if (buf)
		*buf = tms{static_cast<clock_t>(ticks), 0, 0, 0};
	return static_cast<clock_t>(ticks);
}
UK_POSIX_ALIAS(times);
