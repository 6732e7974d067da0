// SPDX-License-Identifier: BSD-3-Clause
//
// From the boot entry to ukboot: console, traps, what the loader told us,
// memory, page tables, interrupts and time, the command line, then
// ukplat_entry(argc, argv).

#include <uk/config.h>
#include <uk/plat.h>
#include <uk/plat/cmdline.h>

#include "kvm.hpp"
#include "memory.hpp"

namespace uk::kvm {
namespace {

constexpr int kMaxArgs = 64;
constinit char cmdline_copy[1024];
constinit char *argv[kMaxArgs + 1];
constinit BootInfo boot_info;

__noreturn void stop(const char *what, const char *why)
{
	const char *parts[] = {"CRASH: ", what, ": ", why, "\n"};
	for (const char *s : parts)
		serial_write(s, __builtin_strlen(s));
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}

// Multiboot loaders put the image path first (argv[0]); PVH gives only
// the arguments, so argv[0] is the image's name.
int make_argv()
{
	const char *argv0 = boot_info.loader[0] == 'P' ? CONFIG_UK_NAME : nullptr;
	int argc = ukplat_cmdline_argv(boot_info.cmdline, cmdline_copy, sizeof(cmdline_copy),
				       argv0, argv, kMaxArgs + 1);
	if (argc < 0)
		stop("command line", "too many arguments or an unterminated quote");
	return argc;
}

}  // namespace
}  // namespace uk::kvm

extern "C" __noreturn void kvm_start(uint32_t magic, uint32_t info)
{
	using namespace uk::kvm;
	serial_init();
	traps_init();

	const char *why = "unknown loader";
	int rc = -1;
	if (magic == kMultibootBootMagic)
		rc = bootinfo_from_multiboot(info, &boot_info, &why);
	else if (magic == kPvhStartMagic)
		rc = bootinfo_from_pvh(info, &boot_info, &why);
	if (rc < 0)
		stop("boot information", why);

	int argc = make_argv();
	uintptr_t ram_end = memory_init(boot_info);
	paging_init(ram_end);
	if (apic_init() < 0)
		stop("interrupts", "no usable local APIC");
	if (time_init() < 0)
		stop("time", "cannot calibrate the TSC");
	ukplat_entry(argc, argv);
}
