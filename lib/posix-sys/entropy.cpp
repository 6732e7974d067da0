// SPDX-License-Identifier: BSD-3-Clause
//
// getentropy(): newlib's arc4random() seeds itself from it. The bytes
// come from the kernel's generator (lib/ukrandom: ChaCha20 with RDRAND,
// RNDR or, without them, the cycle counter and clocks mixed in before
// every request), so one piece of code knows the CPU's entropy.

#include "posix_sys.hpp"

#include <uk/posix_sys.h>
#include <uk/random.h>

#include <unistd.h>

namespace {
constinit bool used = false;
}  // namespace

extern "C" int getentropy(void *buf, size_t len)
{
	if (len > 256) // POSIX/OpenBSD limit per call
		return uk::posix::fail(EIO);
	uk_random_fill(buf, len);
	used = true;
	return 0;
}

extern "C" const char *uk_posix_entropy_source(void)
{
	return used ? uk_random_source() : "none";
}
