// SPDX-License-Identifier: BSD-3-Clause
//
// Raw Linux system calls for x86_64 (no glibc): number in rax, arguments
// in rdi, rsi, rdx, r10, r8, r9; rcx and r11 are clobbered. The return
// value is the result or a negative errno.
#pragma once

#include <stdint.h>

namespace uk::linuxu {

namespace sys {
inline constexpr long kRead = 0;
inline constexpr long kWrite = 1;
inline constexpr long kOpen = 2;
inline constexpr long kClose = 3;
inline constexpr long kLseek = 8;
inline constexpr long kMmap = 9;
inline constexpr long kMprotect = 10;
inline constexpr long kMunmap = 11;
inline constexpr long kRtSigaction = 13;
inline constexpr long kIoctl = 16;
inline constexpr long kSocket = 41;
inline constexpr long kSigaltstack = 131;
inline constexpr long kClockGettime = 228;
inline constexpr long kClockNanosleep = 230;
inline constexpr long kExitGroup = 231;
inline constexpr long kPpoll = 271;
inline constexpr long kPipe2 = 293;
}  // namespace sys

inline long syscall6(long nr, long a1 = 0, long a2 = 0, long a3 = 0,
		     long a4 = 0, long a5 = 0, long a6 = 0)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			       "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

}  // namespace uk::linuxu
