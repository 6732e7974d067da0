// SPDX-License-Identifier: BSD-3-Clause
//
// The image's generator and its entropy: RDRAND (x86_64, CPUID.1:ECX
// bit 30) or RNDR (arm64 with FEAT_RNG, ID_AA64ISAR0_EL1.RNDR), each word
// retried up to 10 times as Intel's DRNG guide says, and always the cycle
// counter and both clocks (all there is without either instruction).

#include <uk/plat.h>
#include <uk/random.h>

#include "chacha.hpp"

namespace uk::random {
namespace {

enum class Source { kUnknown, kHardware, kFallback };

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

// RDRAND or RNDR; false after 10 failures (a broken unit).
bool hardware64(uint64_t *out)
{
	for (int i = 0; i < 10; ++i) {
#if defined(__x86_64__)
		unsigned char ok;
		asm volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok)::"cc");
		if (ok)
			return true;
#elif defined(__aarch64__)
		uint64_t fail;
		asm volatile("mrs %0, s3_3_c2_c4_0; cset %1, eq" : "=r"(*out), "=r"(fail)::"cc");
		if (!fail)
			return true;
#else
		(void)out;
#endif
	}
	return false;
}

Source pick()
{
#if defined(__x86_64__)
	uint32_t a = 1, b, c = 0, d;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	if ((c >> 30) & 1)
		return Source::kHardware;
#elif defined(__aarch64__)
	uint64_t isar0;
	asm volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	if ((isar0 >> 60) & 0xf)
		return Source::kHardware;
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
	if (source == Source::kHardware)
		for (int i = 2; i < 6; ++i) {
			uint64_t w;
			if (hardware64(&w))
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
	if (uk::random::source == uk::random::Source::kFallback)
		return "fallback";
#if defined(__aarch64__)
	return "rndr";
#else
	return "rdrand";
#endif
}
