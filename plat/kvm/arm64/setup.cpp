// SPDX-License-Identifier: BSD-3-Clause
//
// From the boot entry to ukboot: find and check the device tree, console,
// memory, page tables, interrupt controller and time, the command line,
// then ukplat_entry(argc, argv). Exceptions are reported from the first
// instruction (boot.S installs the vectors); a device tree the platform
// cannot use stops the image with a reason on the early console.

#include <uk/config.h>
#include <uk/fdt.h>
#include <uk/plat.h>
#include <uk/plat/cmdline.h>
#include <uk/plat/devtree.h>

#include "arm64.hpp"

namespace uk::kvm {
namespace {

// QEMU puts the device tree at the start of RAM for an ELF kernel (and
// passes 0 in x0); Linux-style loaders pass its address.
constexpr uintptr_t kQemuVirtFdt = 0x40000000;
constexpr size_t kMaxFdtSize = 2 << 20; // Linux's limit too
constexpr int kMaxArgs = 64;

constinit char cmdline_copy[1024];
constinit char *argv[kMaxArgs + 1];
constinit BootInfo boot_info;
constinit const void *fdt = nullptr;

__noreturn void stop(const char *what, const char *why)
{
	const char *parts[] = {"CRASH: ", what, ": ", why, "\n"};
	for (const char *s : parts)
		serial_write(s, __builtin_strlen(s));
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}

bool looks_like_fdt(uintptr_t a)
{
	// Big-endian magic d00dfeed.
	return a && *reinterpret_cast<const volatile uint32_t *>(a) == 0xedfe0dd0u;
}

const void *find_fdt(uintptr_t x0)
{
	uintptr_t a = looks_like_fdt(x0) ? x0 : kQemuVirtFdt;
	if (!looks_like_fdt(a))
		stop("device tree", "none found (not at the address in x0, not at the start "
				    "of RAM); boot with QEMU -M virt -kernel, or pass -dtb");
	const char *why = "";
	if (uk_fdt_check(reinterpret_cast<const void *>(a), kMaxFdtSize, &why) < 0)
		stop("device tree", why);
	return reinterpret_cast<const void *>(a);
}

}  // namespace
}  // namespace uk::kvm

extern "C" const void *ukplat_fdt(void) { return uk::kvm::fdt; }

extern "C" __noreturn void kvm_arm64_start(uintptr_t x0)
{
	using namespace uk::kvm;
	fdt = find_fdt(x0);
	const char *why = "";
	if (bootinfo_from_fdt(fdt, &boot_info, &why) < 0)
		stop("device tree", why);
	serial_init(boot_info.uart_base);
	shutdown_init(boot_info.psci);
	memory_init(boot_info, reinterpret_cast<uintptr_t>(fdt), uk_fdt_totalsize(fdt));
	paging_init(boot_info);
	if (gic_init(boot_info) < 0)
		stop("interrupts", "the GIC in the device tree cannot be driven");
	if (time_init(boot_info) < 0)
		stop("time", "the generic timer reports no frequency (CNTFRQ_EL0 is 0)");
	int argc = ukplat_cmdline_argv(boot_info.cmdline, cmdline_copy, sizeof(cmdline_copy),
				       CONFIG_UK_NAME, argv, kMaxArgs + 1);
	if (argc < 0)
		stop("command line", "too many arguments or an unterminated quote");
	ukplat_entry(argc, argv);
}
