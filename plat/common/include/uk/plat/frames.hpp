// SPDX-License-Identifier: BSD-3-Clause
//
// The frame-pointer walk of crash reports, the same on x86_64 (rbp) and
// arm64 (x29): a frame record is [fp] = caller's fp, [fp + 8] = return
// address. Host-tested in plat/kvm/x86_64/tests/backtrace_test.cpp.
#pragma once

#include <uk/essentials.h>

namespace uk::plat {

/** Largest distance from the interrupted sp a frame may lie at. */
inline constexpr uintptr_t kMaxStackSpan = 1u << 20;

/**
 * Collects return addresses by following saved frame-pointer links: a
 * frame at fp holds [fp] = caller's fp, [fp + 8] = return address.
 * Stops at fp 0, at @p max addresses, and at the first frame that is
 * misaligned, not above the previous one (no loops), further than
 * kMaxStackSpan above @p sp, or whose two words @p readable(addr) rejects.
 * @return the number of addresses written to @p out.
 */
template <class Readable>
int walk_frames(uintptr_t fp, uintptr_t sp, Readable readable, uintptr_t *out, int max)
{
	int n = 0;
	uintptr_t low = sp;
	while (n < max && fp != 0) {
		if ((fp & 7) != 0 || fp < low || fp - sp > kMaxStackSpan)
			break;
		if (fp > UINTPTR_MAX - 16 || !readable(fp) || !readable(fp + 8))
			break;
		auto *frame = reinterpret_cast<const uintptr_t *>(fp);
		uintptr_t ret = frame[1];
		if (ret == 0)
			break;
		out[n++] = ret;
		low = fp + 16; // the caller's frame lies above this one
		fp = frame[0];
	}
	return n;
}

}  // namespace uk::plat
