// SPDX-License-Identifier: BSD-3-Clause
//
// See crash_report.hpp. Moved here from plat/kvm/x86_64/crash.cpp so that
// the KVM and Xen reports read the same (the boot tests match them).

#include <uk/plat.h>
#include <uk/plat/crash_line.hpp>

#include "backtrace.hpp"
#include "crash_report.hpp"

extern "C" __attribute__((weak)) const char *uk_fault_describe(uintptr_t addr);

namespace uk::plat::x86 {
namespace {

constexpr int kMaxFrames = 32;

constinit bool reporting = false;

const char *const kNames[kNumExceptions] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint",
	"overflow", "bound range exceeded", "invalid opcode",
	"device not available", "double fault", "coprocessor segment overrun",
	"invalid TSS", "segment not present", "stack-segment fault",
	"general protection fault", "page fault", "reserved exception",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point error", "virtualization exception",
	"control protection exception", "reserved exception",
	"reserved exception", "reserved exception", "reserved exception",
	"reserved exception", "reserved exception", "hypervisor injection",
	"VMM communication exception", "security exception",
	"reserved exception"};

using Line = uk::plat::CrashLine;

// The report runs once, at the end: optimised for size (cold), not speed.
[[gnu::cold]] void page_fault_detail(uint64_t err)
{
	Line l;
	l.add("error code ").hex(err, false).add(": ");
	l.add(err & 1 ? "protection violation" : "page not present");
	l.add(err & 2 ? ", write" : ", read");
	l.add(err & 4 ? ", user mode" : ", kernel mode");
	if (err & 8)
		l.add(", reserved bit set");
	if (err & 16)
		l.add(", instruction fetch");
}

[[gnu::cold]] void registers(const TrapFrame *f, uint64_t cr2)
{
	struct Reg {
		const char *name;
		uint64_t value;
	};
	const Reg regs[] = {
		{"rip", f->rip}, {"rsp", f->rsp}, {"rflags", f->rflags},
		{"cr2", cr2}, {"rax", f->rax}, {"rbx", f->rbx},
		{"rcx", f->rcx}, {"rdx", f->rdx}, {"rsi", f->rsi},
		{"rdi", f->rdi}, {"rbp", f->rbp}, {"r8", f->r8},
		{"r9", f->r9}, {"r10", f->r10}, {"r11", f->r11},
		{"r12", f->r12}, {"r13", f->r13}, {"r14", f->r14},
		{"r15", f->r15}, {"cs", f->cs}, {"ss", f->ss}};
	constexpr int kPerLine = 4;
	for (size_t i = 0; i < UK_ARRAY_SIZE(regs); i += kPerLine) {
		Line l;
		for (size_t j = i; j < i + kPerLine && j < UK_ARRAY_SIZE(regs); ++j)
			l.add(j > i ? " " : "").add(regs[j].name).add(" ").hex(regs[j].value);
	}
}

[[gnu::cold]] void backtrace(const TrapFrame *f, bool (*readable)(uintptr_t))
{
	uintptr_t frames[kMaxFrames];
	int n = walk_frames(f->rbp, f->rsp, readable, frames, kMaxFrames);
	Line().add("backtrace (newest first; frames after #0 are return addresses):");
	Line().add("  #0 ").hex(f->rip);
	for (int i = 0; i < n; ++i)
		Line().add("  #").dec(i + 1).add(" ").hex(frames[i]);
}

}  // namespace

[[gnu::cold]] void crash_report(const TrapFrame *f, const CrashContext &ctx)
{
	unsigned vec = static_cast<unsigned>(f->vector);
	if (reporting) {
		// A fault while reporting: say so and stop, no second report.
		Line().add("fault inside the crash report: vector ").dec(vec).add(" at rip ").hex(f->rip);
		ukplat_terminate(UKPLAT_CRASH_STATUS);
	}
	reporting = true;
	{
		Line l;
		l.add(ctx.what ? ctx.what : vec < kNumExceptions ? kNames[vec] : "interrupt");
		l.add(" (vector ").dec(vec).add(")");
		if (vec == kVecPageFault)
			l.add(" at address ").hex(ctx.cr2, false);
		l.add(", rip ").hex(f->rip, false);
	}
	if (vec == kVecPageFault)
		page_fault_detail(f->error);
	else
		Line().add("error code ").hex(f->error, false);
	registers(f, ctx.cr2);
	backtrace(f, ctx.readable);
	// A double fault is usually a fault on a bad stack (a page fault
	// while pushing a frame): cr2 names the address then too.
	if ((vec == kVecPageFault || vec == kVecDoubleFault) && uk_fault_describe) {
		const char *what = uk_fault_describe(ctx.cr2);
		if (what)
			Line().add("the address is ").add(what);
	}
	Line().add("symbolize with: support/scripts/symbolize <image>.dbg < log");
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}

}  // namespace uk::plat::x86
