// SPDX-License-Identifier: BSD-3-Clause
//
// The image's generator and its entropy: RDRAND (CPUID.1:ECX bit 30,
// each word retried up to 10 times as Intel's DRNG guide says) or, where
// there is none (arm64 for now), the cycle counter and both clocks.

#include <uk/plat.h>
#include <uk/random.h>

#include "chacha.hpp"

namespace uk::random {
namespace {

enum class Source { kUnknown, kRdrand, kFallback };

constinit Generator generator;
constinit Source source = Source::kUnknown;

uint64_t cycle_counter()
{
#if defined(__x86_64__)
	uint32_t lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t{hi} << 32) | lo;
#elif defined(__aarch64__)
	uint64_t v;
	asm volatile("mrs %0, cntvct_el0" : "=r"(v));
	return v;
#else
	return ukplat_monotonic_clock();
#endif
}

bool rdrand64(uint64_t *out)
{
#if defined(__x86_64__)
	for (int i = 0; i < 10; ++i) {
		unsigned char ok;
		asm volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok)::"cc");
		if (ok)
			return true;
	}
#else
	(void)out;
#endif
	return false;
}

Source pick()
{
#if defined(__x86_64__)
	uint32_t a = 1, b, c = 0, d;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	if ((c >> 30) & 1)
		return Source::kRdrand;
#endif
	return Source::kFallback;
}

// 32 bytes of whatever the CPU has; the cycle counter and clocks always
// go in too (they cost nothing and never hurt).
void stir()
{
	if (source == Source::kUnknown)
		source = pick();
	uint64_t seed[6] = {cycle_counter(), ukplat_monotonic_clock(),
			    ukplat_wall_clock(), 0, 0, 0};
	if (source == Source::kRdrand)
		for (int i = 2; i < 6; ++i) {
			uint64_t w;
			if (rdrand64(&w))
				seed[i] ^= w;
		}
	generator.reseed(seed, sizeof(seed));
}

}  // namespace
}  // namespace uk::random

extern "C" void uk_random_fill(void *buf, size_t len)
{
	uk::random::stir();
	uk::random::generator.fill(buf, len);
}

extern "C" const char *uk_random_source(void)
{
	if (uk::random::source == uk::random::Source::kUnknown)
		uk::random::source = uk::random::pick();
	return uk::random::source == uk::random::Source::kRdrand ? "rdrand" : "fallback";
}
