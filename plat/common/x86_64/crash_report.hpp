// SPDX-License-Identifier: BSD-3-Clause
//
// The crash report of an x86_64 CPU exception, shared by the KVM and Xen
// platforms (each compiles crash_report.cpp into its own library). Every
// line starts with "CRASH: " (as linuxu's): what happened, the registers,
// a backtrace, what the faulting address is (uk_fault_describe), then the
// image stops with UKPLAT_CRASH_STATUS.
#pragma once

#include "trap_frame.hpp"

namespace uk::plat::x86 {

/** What only the platform knows about a fault. */
struct CrashContext {
	/** Faulting address of a page fault (CR2 on KVM, vcpu_info on Xen). */
	uint64_t cr2;
	/** @return true when the 8 bytes at @p addr may be read (mapped). */
	bool (*readable)(uintptr_t addr);
	/** The name of the event when it is no CPU exception, else nullptr. */
	const char *what;
};

/**
 * Prints the report for @p f and stops the image. Runs with interrupts
 * (events) off, possibly on a stack of its own, with the heap and the
 * rest of the image in any state: formats by hand into stack buffers,
 * reads memory only where @p ctx.readable allows, and a fault while
 * reporting stops the image at once.
 */
__noreturn void crash_report(const TrapFrame *f, const CrashContext &ctx);

}  // namespace uk::plat::x86
