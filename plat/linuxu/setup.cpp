// SPDX-License-Identifier: BSD-3-Clause
//
// From the process entry to ukboot: read argc/argv from the initial
// stack, map the heap, take the platform's options (--initrd) off the
// command line, hand over to ukplat_entry().

#include <uk/config.h>
#include <uk/plat.h>

#include "linuxu.hpp"

namespace uk::linuxu {
namespace {

constexpr size_t kHeapBytes = size_t{CONFIG_LINUXU_DEFAULT_HEAPMB} << 20;

constexpr char kHeapError[] = "linuxu: cannot map the heap (mmap failed); lower LINUXU_DEFAULT_HEAPMB\n";
constexpr char kInitrdMissing[] = "linuxu: --initrd needs a file: --initrd=FILE or --initrd FILE\n";

bool starts_with(const char *s, const char *prefix, const char **rest)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	*rest = s;
	return true;
}

}  // namespace

int take_options(int argc, char **argv, const char **initrd)
{
	*initrd = nullptr;
	int i = 1;
	while (i < argc) {
		const char *rest;
		if (starts_with(argv[i], "--initrd=", &rest)) {
			*initrd = rest;
			++i;
		} else if (starts_with(argv[i], "--initrd", &rest) && *rest == '\0') {
			if (i + 1 >= argc) {
				ukplat_coutk(kInitrdMissing, sizeof(kInitrdMissing) - 1);
				ukplat_terminate(UKPLAT_CRASH_STATUS);
			}
			*initrd = argv[i + 1];
			i += 2;
		} else if (starts_with(argv[i], "--", &rest) && *rest == '\0') {
			++i; // the end of the platform's options
			break;
		} else {
			break;
		}
	}
	if (*initrd && **initrd == '\0') {
		ukplat_coutk(kInitrdMissing, sizeof(kInitrdMissing) - 1);
		ukplat_terminate(UKPLAT_CRASH_STATUS);
	}
	// argv[0] stays; the application's arguments move up (the NULL too).
	for (int k = i; k <= argc; ++k)
		argv[1 + k - i] = argv[k];
	return argc - (i - 1);
}

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
	const char *initrd;
	argc = take_options(argc, argv, &initrd);
	if (initrd)
		initrd_map(initrd);
	ukplat_entry(argc, argv);
}

extern "C" void ukplat_terminate(int status)
{
	using namespace uk::linuxu;
	for (;;)
		syscall6(sys::kExitGroup, status & 0xff);
}
