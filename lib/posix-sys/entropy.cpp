// SPDX-License-Identifier: BSD-3-Clause
//
// getentropy(): newlib's arc4random() seeds itself from it.
//
// x86_64 with RDRAND (CPUID.1:ECX bit 30; QEMU's TCG offers it with
// -cpu max): RDRAND, each word retried up to 10 times as Intel's DRNG
// guide recommends (a failure after 10 tries means a broken unit: EIO).
// arm64 with FEAT_RNG (ID_AA64ISAR0_EL1.RNDR; QEMU -cpu max, not the
// Cortex-A57): RNDR, retried the same way (it fails by setting Z).
// Otherwise: a splitmix64 generator seeded from the
// cycle counter and the wall clock, with the cycle counter mixed in again
// at every call. That is NOT cryptographic: it only keeps hash seeds and
// temporary names distinct between boots. The README says the same.

#include "posix_sys.hpp"

#include <uk/plat.h>
#include <uk/posix_sys.h>

#include <string.h>
#include <unistd.h>

namespace {

enum class Source { kUnknown, kRdrand, kFallback };

constinit Source source = Source::kUnknown;
constinit uint64_t fallback_state = 0;

uint64_t cycle_counter()
{
#if defined(__x86_64__)
	uint32_t lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (static_cast<uint64_t>(hi) << 32) | lo;
#elif defined(__aarch64__)
	uint64_t v;
	asm volatile("mrs %0, cntvct_el0" : "=r"(v));
	return v;
#else
	return ukplat_monotonic_clock();
#endif
}

bool cpu_has_rdrand()
{
#if defined(__x86_64__)
	uint32_t a = 1, b, c = 0, d;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (c >> 30) & 1;
#elif defined(__aarch64__)
	uint64_t isar0;
	asm volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	return ((isar0 >> 60) & 0xf) != 0;
#else
	return false;
#endif
}

bool rdrand64(uint64_t *out)
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

uint64_t splitmix64()
{
	fallback_state += 0x9e3779b97f4a7c15ULL ^ cycle_counter();
	uint64_t z = fallback_state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

Source pick_source()
{
	if (cpu_has_rdrand())
		return Source::kRdrand;
	fallback_state = cycle_counter() ^ ukplat_wall_clock() ^
			 (ukplat_monotonic_clock() << 17);
	return Source::kFallback;
}

}  // namespace

extern "C" int getentropy(void *buf, size_t len)
{
	if (len > 256)  // POSIX/OpenBSD limit per call
		return uk::posix::fail(EIO);
	if (source == Source::kUnknown)
		source = pick_source();
	auto *p = static_cast<unsigned char *>(buf);
	while (len) {
		uint64_t word;
		if (source == Source::kRdrand) {
			if (!rdrand64(&word))
				return uk::posix::fail(EIO);
		} else {
			word = splitmix64();
		}
		size_t n = len < sizeof(word) ? len : sizeof(word);
		memcpy(p, &word, n);
		p += n;
		len -= n;
	}
	return 0;
}

extern "C" const char *uk_posix_entropy_source(void)
{
	switch (source) {
#if defined(__aarch64__)
	case Source::kRdrand: return "rndr";
#else
	case Source::kRdrand: return "rdrand";
#endif
	case Source::kFallback: return "fallback";
	default: return "none";
	}
}
