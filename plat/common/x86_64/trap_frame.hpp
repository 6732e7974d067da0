// SPDX-License-Identifier: BSD-3-Clause
//
// The x86_64 trap frame both x86_64 platforms build in their entry stubs
// (plat/kvm/x86_64/vectors.S, plat/xen/x86_64/entry.S): the CPU's (or
// Xen's) frame, an error code (0 where there is none), the vector, then
// every general-purpose register. Pinned by static_asserts: the stubs
// hard-code the offsets.
#pragma once

#include <uk/essentials.h>

namespace uk::plat::x86 {

struct TrapFrame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error; // error is 0 where the CPU pushes none
	uint64_t rip, cs, rflags, rsp, ss; // pushed by the CPU or by Xen
};
static_assert(sizeof(TrapFrame) == 22 * 8, "the stubs push 22 words");
static_assert(__builtin_offsetof(TrapFrame, vector) == 15 * 8, "stubs: vector");
static_assert(__builtin_offsetof(TrapFrame, rip) == 17 * 8, "stubs: rip");

inline constexpr unsigned kNumExceptions = 32;
inline constexpr unsigned kVecNmi = 2, kVecDoubleFault = 8, kVecPageFault = 14,
			  kVecMachineCheck = 18;

}  // namespace uk::plat::x86
