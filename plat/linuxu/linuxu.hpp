// SPDX-License-Identifier: BSD-3-Clause
//
// What the linuxu platform's files share. Linux constants are spelled out
// here because no Linux or glibc header may reach the image.
#pragma once

#include <uk/essentials.h>
#include <syscall.hpp>

namespace uk::linuxu {

inline constexpr long kProtNone = 0x0, kProtRead = 0x1, kProtWrite = 0x2;
inline constexpr long kMapPrivate = 0x02, kMapAnonymous = 0x20;
inline constexpr int kClockRealtime = 0, kClockMonotonic = 1;
inline constexpr int kTimerAbstime = 1;
inline constexpr int kStdout = 1;
inline constexpr long kOpenReadOnly = 0, kOpenCloexec = 02000000;
inline constexpr long kSeekEnd = 2;

struct Timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/** Turns faults into crash reports. @return 0 or a negative errno. */
int traps_init();

/** Maps the heap; called once at start. @return 0 or a negative errno. */
int memory_init(size_t heap_bytes);

/** irq.cpp: whether an fd interrupt is armed (something can wake a halt). */
bool irq_any_armed();
/** irq.cpp: waits until an armed fd is readable (its handlers then run,
 * and it is disarmed) or @p timeout passes (nullptr: none). */
void irq_wait(const Timespec *timeout);

/**
 * Maps the file @p path privately (readable and writable; changes never
 * reach the file) as the initrd. On failure prints why, naming the file,
 * and stops the image with UKPLAT_CRASH_STATUS.
 */
void initrd_map(const char *path);

/**
 * Takes the platform's options off the front of the command line
 * (--initrd=FILE or --initrd FILE; "--" ends them) and closes the gap,
 * so argv[1] is the application's first argument.
 * @return the new argc; *@p initrd is the file or nullptr.
 */
int take_options(int argc, char **argv, const char **initrd);

}  // namespace uk::linuxu
