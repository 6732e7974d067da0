// SPDX-License-Identifier: BSD-3-Clause
//
// From the process entry to ukboot: read argc/argv from the initial
// stack, map the heap, hand over to ukplat_entry().

#include <uk/config.h>
#include <uk/plat.h>

#include "linuxu.hpp"

namespace uk::linuxu {
namespace {

constexpr size_t kHeapBytes = size_t{CONFIG_LINUXU_DEFAULT_HEAPMB} << 20;

constexpr char kHeapError[] = "linuxu: cannot map the heap (mmap failed); lower LINUXU_DEFAULT_HEAPMB\n";

}  // namespace
}  // namespace uk::linuxu

extern "C" __noreturn void linuxu_start(long *initial_sp)
{
	using namespace uk::linuxu;
	int argc = static_cast<int>(initial_sp[0]);
	char **argv = reinterpret_cast<char **>(initial_sp + 1);

	traps_init(); // without it faults still stop the image, silently
	if (memory_init(kHeapBytes) < 0) {
		ukplat_coutk(kHeapError, sizeof(kHeapError) - 1);
		ukplat_terminate(UKPLAT_CRASH_STATUS);
	}
	ukplat_entry(argc, argv);
}

extern "C" void ukplat_terminate(int status)
{
	using namespace uk::linuxu;
	for (;;)
		syscall6(sys::kExitGroup, status & 0xff);
}
