// SPDX-License-Identifier: BSD-3-Clause
//
// From the PV entry to ukboot: shared info, console, traps, memory,
// events, time, grant tables, the command line, then
// ukplat_entry(argc, argv).

#include <uk/config.h>
#include <uk/errno.h>
#include <uk/plat.h>
#include <uk/plat/cmdline.h>
#include <uk/xen/xen.h>

#include "hypercall.hpp"
#include "mmu.hpp"
#include "xen.hpp"

namespace uk::xen {

constinit const abi::StartInfo *start_info = nullptr;
constinit abi::SharedInfo *shared_info = nullptr;

namespace {

constexpr int kMaxArgs = 64;
constinit char cmdline_copy[abi::kMaxGuestCmdline];
constinit char *argv[kMaxArgs + 1];
// A page of .bss that becomes the shared info page (its own frame is
// left unused).
alignas(4096) constinit char shared_info_page[4096];

[[gnu::cold]] void map_shared_info()
{
	auto va = reinterpret_cast<uintptr_t>(shared_info_page);
	// No NX yet: mmu_init() has not run; memory_init() adds it.
	uint64_t pte = (start_info->shared_info & kPteMfnMask) | kPteP | kPteRw | kPteUser |
		       kPteAccessed | kPteDirty;
	if (set_pte(va, pte) < 0)
		boot_fail("boot", "cannot map the shared info page");
	shared_info = reinterpret_cast<abi::SharedInfo *>(shared_info_page);
}

// Xen gives the arguments only (no image name): argv[0] is the image's
// name, as with PVH on KVM.
[[gnu::cold]] int make_argv()
{
	int argc = 0;
	argv[argc++] = const_cast<char *>(CONFIG_UK_NAME);
	size_t off = 0;
	while (off < sizeof(cmdline_copy) - 1 && start_info->cmd_line[off]) {
		cmdline_copy[off] = start_info->cmd_line[off];
		++off;
	}
	cmdline_copy[off] = 0;
	int n = ukplat_cmdline_split(cmdline_copy, argv + argc, kMaxArgs - argc);
	if (n < 0)
		boot_fail("command line", "too many arguments or an unterminated quote", n);
	argc += n;
	argv[argc] = nullptr;
	return argc;
}

}  // namespace

[[gnu::cold]] void boot_fail(const char *what, const char *why, long rc)
{
	// console_write works from the first instruction (before
	// console_init, a domU's output goes to Xen's console, which debug
	// builds of Xen print).
	char code[24] = " (error -";
	size_t n = 9;
	unsigned long v = rc < 0 ? -rc : rc;
	char digits[20];
	int d = 0;
	do {
		digits[d++] = static_cast<char>('0' + v % 10);
		v /= 10;
	} while (v && d < 20);
	while (d)
		code[n++] = digits[--d];
	code[n++] = ')';
	code[n] = 0;
	const char *parts[] = {"CRASH: ", what, ": ", why, rc < 0 ? code : "", "\n"};
	for (const char *s : parts)
		console_write(s, __builtin_strlen(s));
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}

}  // namespace uk::xen

extern "C" [[gnu::cold]] __noreturn void xen_start(const uk::xen::abi::StartInfo *si)
{
	using namespace uk::xen;
	start_info = si;
	map_shared_info();
	console_init();
	traps_init();
	memory_init();
	events_init();
	time_init();
	if constexpr (UK_IS_ENABLED(CONFIG_XEN_GNTTAB)) {
		if (int rc = gnttab_init(); rc < 0)
			boot_fail("grant tables", "cannot map the grant table", rc);
	}
	debug_exit_init();
	ukplat_entry(make_argv(), argv);
}

extern "C" int uk_xen_is_dom0(void) { return uk::xen::is_dom0(); }

extern "C" int uk_xen_domid(void)
{
	using namespace uk::xen;
	if (is_dom0())
		return 0;
	if constexpr (UK_IS_ENABLED(CONFIG_XEN_XENBUS))
		return xenbus_domid();
	return -UK_ENOSYS;
}

extern "C" const void *uk_xen_start_info(void) { return uk::xen::start_info; }

extern "C" uint64_t uk_xen_virt_to_mfn(const void *va)
{
	using namespace uk::xen;
	auto a = reinterpret_cast<uintptr_t>(va);
	if (a < virt_base() || va_to_pfn(a) >= nr_pages())
		return 0;
	return va_to_mfn(a);
}
