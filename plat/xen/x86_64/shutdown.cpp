// SPDX-License-Identifier: BSD-3-Clause
//
// Stopping the image with its exit status.
//
// SCHEDOP_shutdown carries a reason, not a number: 0 stops as poweroff
// (dom0: reboot, see below), UKPLAT_CRASH_STATUS as crash, any other
// status as poweroff too. So the status also goes where the host can
// read it:
//   - dom0 under QEMU (CONFIG_XEN_DEBUG_EXIT): I/O privilege is taken at
//     boot (PHYSDEVOP_set_iopl) and the status written to QEMU's
//     isa-debug-exit port, which ends QEMU at once with 2*status+1
//     (support/scripts/run-xen turns it back); only 0..127 survive.
//   - always, before SCHEDOP_shutdown, one console line
//     "ukplat_terminate: exit status N (Xen shutdown reason R)", the
//     marker run-xen falls back to when QEMU exits without the device.
// A dom0 stops with reason reboot: Xen then resets the machine, which
// ends QEMU under -no-reboot; poweroff would halt Xen with QEMU still
// running.

#include <uk/config.h>
#include <uk/plat.h>

#include "hypercall.hpp"
#include "xen.hpp"

namespace uk::xen {
namespace {

constexpr uint16_t kDebugExitPort = 0xf4;
constinit bool have_io = false;

void outl(uint16_t port, uint32_t v) { __asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port)); }

// The marker line, formatted by hand: the libc may be in any state.
[[gnu::cold]] void print_marker(int status, const char *reason)
{
	char line[96];
	size_t n = 0;
	auto add = [&](const char *s) {
		while (*s && n < sizeof(line) - 1)
			line[n++] = *s++;
	};
	char digits[12];
	int d = 0;
	unsigned v = status < 0 ? -static_cast<unsigned>(status) : static_cast<unsigned>(status);
	do {
		digits[d++] = static_cast<char>('0' + v % 10);
		v /= 10;
	} while (v);
	add("ukplat_terminate: exit status ");
	if (status < 0)
		add("-");
	while (d)
		line[n < sizeof(line) - 1 ? n++ : n] = digits[--d];
	add(" (Xen shutdown reason ");
	add(reason);
	add(")\n");
	console_write(line, n);
}

}  // namespace

[[gnu::cold]] void debug_exit_init()
{
	if constexpr (!UK_IS_ENABLED(CONFIG_XEN_DEBUG_EXIT))
		return;
	if (!is_dom0())
		return;
	abi::PhysdevSetIopl op{3};
	have_io = hyp_physdev_op(abi::kPhysdevopSetIopl, &op) == 0;
}

}  // namespace uk::xen

extern "C" [[gnu::cold]] void ukplat_terminate(int status)
{
	using namespace uk::xen;
	ukplat_lcpu_save_irqf();
	if (have_io)
		outl(kDebugExitPort, static_cast<uint32_t>(status) & 0x7f);
	unsigned reason = status == UKPLAT_CRASH_STATUS ? abi::kShutdownCrash
			  : is_dom0()			 ? abi::kShutdownReboot
							 : abi::kShutdownPoweroff;
	print_marker(status, reason == abi::kShutdownCrash    ? "crash"
			     : reason == abi::kShutdownReboot ? "reboot"
							      : "poweroff");
	console_flush();
	abi::SchedShutdown op{reason};
	for (;;) {
		hyp_sched_op(abi::kSchedopShutdown, &op);
		hyp_sched_op(abi::kSchedopYield);
	}
}
