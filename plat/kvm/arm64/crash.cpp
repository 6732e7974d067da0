// SPDX-License-Identifier: BSD-3-Clause
//
// The crash report of an exception: every line starts with "CRASH: " (as
// on the other platforms), then the image stops with UKPLAT_CRASH_STATUS.
// Runs on the exception or panic stack with interrupts off and the rest
// of the image in any state: it formats by hand (CrashLine) and reads
// memory only where the page tables map it.

#include <uk/plat.h>
#include <uk/plat/crash_line.hpp>
#include <uk/plat/frames.hpp>

#include "arm64.hpp"

extern "C" __attribute__((weak)) const char *uk_fault_describe(uintptr_t addr);

namespace uk::kvm {
namespace {

using Line = uk::plat::CrashLine;

constexpr int kMaxFrames = 32;
constexpr unsigned kEcInsnAbortLower = 0x20, kEcInsnAbort = 0x21, kEcDataAbortLower = 0x24,
		   kEcDataAbort = 0x25, kEcBrk = 0x3c;
constexpr uint64_t kIssWnR = 1u << 6, kIssFnV = 1u << 10;

constinit bool reporting = false;

const char *ec_name(unsigned ec)
{
	switch (ec) {
	case 0x00: return "undefined instruction";
	case 0x01: return "trapped WFI/WFE";
	case 0x07: return "FP/SIMD access trapped";
	case 0x0e: return "illegal execution state";
	case 0x15: return "SVC instruction";
	case 0x16: return "HVC instruction";
	case 0x17: return "SMC instruction";
	case 0x18: return "trapped system register access";
	case kEcInsnAbortLower:
	case kEcInsnAbort: return "instruction abort";
	case 0x22: return "PC alignment fault";
	case kEcDataAbortLower:
	case kEcDataAbort: return "data abort";
	case 0x26: return "SP alignment fault";
	case 0x2c: return "floating-point exception";
	case 0x2f: return "SError";
	case 0x30:
	case 0x31: return "breakpoint";
	case 0x32:
	case 0x33: return "software step";
	case 0x34:
	case 0x35: return "watchpoint";
	case kEcBrk: return "BRK instruction (a trap in the code: __builtin_trap, a returned thread)";
	default: return "exception";
	}
}

bool is_abort(unsigned ec)
{
	return ec == kEcInsnAbortLower || ec == kEcInsnAbort || ec == kEcDataAbortLower ||
	       ec == kEcDataAbort;
}

// The fault status code of an abort (ISS bits 5:0).
void fault_status(Line &l, uint64_t iss)
{
	unsigned fsc = iss & 0x3f;
	unsigned level = fsc & 3;
	const char *what = nullptr;
	switch (fsc >> 2) {
	case 0: what = "address size fault"; break;
	case 1: what = "translation fault"; break;
	case 2: what = "access flag fault"; break;
	case 3: what = "permission fault"; break;
	default: break;
	}
	if (what) {
		l.add(what).add(", level ").dec(level);
		return;
	}
	if (fsc == 0x10)
		l.add("synchronous external abort");
	else if (fsc == 0x21)
		l.add("alignment fault");
	else if (fsc == 0x30)
		l.add("TLB conflict abort");
	else
		l.add("fault status ").hex(fsc, false);
}

void registers(const TrapFrame *f)
{
	constexpr int kPerLine = 4;
	for (int i = 0; i < 29; i += kPerLine) {
		Line l;
		for (int j = i; j < i + kPerLine && j < 29; ++j)
			l.add(j > i ? " x" : "x").dec(j).add(j < 10 ? "  " : " ").hex(f->x[j]);
	}
	Line().add("fp ").hex(f->x[29]).add(" lr ").hex(f->x[30]).add(" sp ").hex(f->sp);
	Line().add("pc ").hex(f->elr).add(" pstate ").hex(f->spsr).add(" esr ").hex(f->esr)
		.add(" far ").hex(f->far);
}

void backtrace(const TrapFrame *f)
{
	uintptr_t frames[kMaxFrames];
	int n = uk::plat::walk_frames(f->x[29], f->sp, vaddr_readable, frames, kMaxFrames);
	Line().add("backtrace (newest first; frames after #0 are return addresses):");
	Line().add("  #0 ").hex(f->elr);
	for (int i = 0; i < n; ++i)
		Line().add("  #").dec(i + 1).add(" ").hex(frames[i]);
}

const char *kind_name(unsigned kind)
{
	switch (kind) {
	case kIrq: return "interrupt while on the exception stack";
	case kFiq: return "FIQ (nothing here routes one)";
	default: return "SError (asynchronous external abort)";
	}
}

}  // namespace

// Cold: optimised for size; it runs once, at the end.
[[gnu::cold]] void crash_report(const TrapFrame *f, unsigned kind, unsigned from)
{
	unsigned ec = static_cast<unsigned>(f->esr >> 26) & 0x3f;
	if (reporting) {
		// A fault while reporting: say so and stop, no second report.
		Line().add("fault inside the crash report: esr ").hex(f->esr, false).add(" at pc ")
			.hex(f->elr, false);
		ukplat_terminate(UKPLAT_CRASH_STATUS);
	}
	reporting = true;
	bool abort = kind == kSync && is_abort(ec);
	{
		Line l;
		l.add(kind == kSync ? ec_name(ec) : kind_name(kind));
		if (abort) {
			l.add(" (");
			fault_status(l, f->esr);
			if (ec == kEcDataAbort || ec == kEcDataAbortLower)
				l.add(f->esr & kIssWnR ? ", write" : ", read");
			l.add(")");
			if (!(f->esr & kIssFnV))
				l.add(" at address ").hex(f->far, false);
		}
		if (ec == kEcBrk && kind == kSync)
			l.add(" #").hex(f->esr & 0xffff, false);
		l.add(", pc ").hex(f->elr, false);
	}
	Line().add("exception class ").hex(ec, false).add(from == kFromSp0 ? ", in a thread"
						       : from == kFromSpx ? ", in an exception handler or at boot"
									   : ", from a lower exception level");
	registers(f);
	backtrace(f);
	if (abort && !(f->esr & kIssFnV) && uk_fault_describe) {
		const char *what = uk_fault_describe(f->far);
		if (what)
			Line().add("the address is ").add(what);
	}
	Line().add("symbolize with: support/scripts/symbolize <image>.dbg < log");
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}

}  // namespace uk::kvm
