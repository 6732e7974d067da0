// SPDX-License-Identifier: BSD-3-Clause
//
// Stopping the image with a status the host can read.
//
// QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,
// iosize=4) ends QEMU with exit code (value << 1) | 1, so the status s of
// the image arrives as 2s+1 (0 -> 1, 127 -> 255): only 0..127 survive,
// larger statuses are reported modulo 128 (UKPLAT_CRASH_STATUS is 127).
// support/scripts/run-qemu turns the exit code back into s. Without the
// device: ACPI power-off (QEMU's PM1a control port), then a reset through
// the keyboard controller (with -no-reboot QEMU exits), then halt.

#include "kvm.hpp"

namespace uk::kvm {
namespace {
constexpr uint16_t kDebugExitPort = 0xf4;
constexpr uint16_t kAcpiPm1aCnt = 0x604;
constexpr uint16_t kAcpiSlpEnS5 = 0x2000;
constexpr uint16_t kKbdCtl = 0x64;
constexpr uint8_t kKbdReset = 0xfe;
}  // namespace
}  // namespace uk::kvm

extern "C" void ukplat_terminate(int status)
{
	using namespace uk::kvm;
	__asm__ __volatile__("cli");
	outl(kDebugExitPort, static_cast<uint32_t>(status) & 0x7f);
	outw(kAcpiPm1aCnt, kAcpiSlpEnS5);
	outb(kKbdCtl, kKbdReset);
	for (;;)
		__asm__ __volatile__("cli; hlt");
}
