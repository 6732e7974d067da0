// SPDX-License-Identifier: BSD-3-Clause
//
// Faults of the image (segmentation fault, bus error, illegal
// instruction, arithmetic error) become a crash report on the console and
// the crash exit status, instead of the process dying silently. The
// handler runs on its own stack: a stack overflow leaves none to use.

#include <uk/plat.h>

#include "linuxu.hpp"

extern "C" __attribute__((weak)) const char *uk_fault_describe(uintptr_t addr);
extern "C" void linuxu_sigreturn(void);

namespace uk::linuxu {
namespace {

constexpr int kSigIll = 4, kSigBus = 7, kSigFpe = 8, kSigSegv = 11;
constexpr int kFaultSignals[] = {kSigSegv, kSigBus, kSigIll, kSigFpe};
constexpr unsigned long kSaSiginfo = 0x4, kSaOnstack = 0x08000000,
			kSaRestorer = 0x04000000;

struct KernelSigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

struct AltStack {
	void *sp;
	int flags;
	size_t size;
};

// Offsets into the kernel's siginfo and ucontext for x86_64.
constexpr size_t kSiAddr = 16;
constexpr size_t kUcGregs = 40;
constexpr int kRegRsp = 15, kRegRip = 16;

alignas(16) constinit char alt_stack[16384];

// printk is not available here (no heap, maybe no libc state): format
// hex by hand into a small buffer.
void put(const char *s)
{
	size_t n = 0;
	while (s[n])
		++n;
	ukplat_coutk(s, n);
}

void put_hex(uintptr_t v)
{
	char buf[19] = "0x";
	for (int i = 0; i < 16; ++i)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = 0;
	put(buf);
}

const char *signal_name(int sig)
{
	switch (sig) {
	case kSigSegv: return "page fault (segmentation fault)";
	case kSigBus: return "bus error";
	case kSigIll: return "illegal instruction";
	default: return "arithmetic error (e.g. division by zero)";
	}
}

void on_fault(int sig, void *info, void *uctx)
{
	auto addr = *reinterpret_cast<uintptr_t *>(static_cast<char *>(info) + kSiAddr);
	auto *gregs = reinterpret_cast<uint64_t *>(static_cast<char *>(uctx) + kUcGregs);
	put("CRASH: ");
	put(signal_name(sig));
	put(" at address ");
	put_hex(addr);
	put(", rip ");
	put_hex(gregs[kRegRip]);
	put(", rsp ");
	put_hex(gregs[kRegRsp]);
	put("\n");
	if (uk_fault_describe) {
		const char *what = uk_fault_describe(addr);
		if (what) {
			put("CRASH: the address is ");
			put(what);
			put("\n");
		}
	}
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}

}  // namespace

int traps_init()
{
	AltStack ss{alt_stack, 0, sizeof(alt_stack)};
	long rc = syscall6(sys::kSigaltstack, reinterpret_cast<long>(&ss), 0);
	if (rc < 0)
		return static_cast<int>(rc);
	KernelSigaction sa{on_fault, kSaSiginfo | kSaOnstack | kSaRestorer,
			   linuxu_sigreturn, 0};
	for (int sig : kFaultSignals) {
		rc = syscall6(sys::kRtSigaction, sig, reinterpret_cast<long>(&sa), 0, 8);
		if (rc < 0)
			return static_cast<int>(rc);
	}
	return 0;
}

}  // namespace uk::linuxu
