// SPDX-License-Identifier: BSD-3-Clause
//
// The image's devices, the registry behind uk_devfs_register(), and the
// boot-time mount on /dev (class rootfs, priority 5: after the root is
// mounted and the initrd unpacked, which may or may not have made /dev).
// Linux's numbers: null 1:3, zero 1:5, random 1:8, urandom 1:9,
// console 5:1.

#include <uk/config.h>
#include <uk/fdtab.h>
#include <uk/init.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/random.h>
#include <uk/vfs.h>

#include <string.h>

#include "devfs.hpp"

namespace uk::devfs {
namespace {

inline constexpr bool kAutomount = UK_IS_ENABLED(CONFIG_LIBDEVFS_AUTOMOUNT);
constexpr unsigned long kTcgets = 0x5401;     // "a terminal?" (isatty)
constexpr unsigned long kTiocgwinsz = 0x5413; // window size

intptr_t null_read(uk_devfs_device *, void *, size_t, int64_t) { return 0; }
intptr_t sink_write(uk_devfs_device *, const void *, size_t len, int64_t)
{
	return static_cast<intptr_t>(len);
}

intptr_t zero_read(uk_devfs_device *, void *buf, size_t len, int64_t)
{
	memset(buf, 0, len);
	return static_cast<intptr_t>(len);
}

intptr_t random_read(uk_devfs_device *, void *buf, size_t len, int64_t)
{
	uk_random_fill(buf, len);
	return static_cast<intptr_t>(len);
}

// No console input yet: reads are end of file, as for descriptor 0.
intptr_t console_write(uk_devfs_device *, const void *buf, size_t len, int64_t)
{
	return uk_console_write(buf, len);
}

// A terminal without a line discipline: TCGETS says "yes" (it fills no
// termios), TIOCGWINSZ reports 24x80.
int console_ioctl(uk_devfs_device *, unsigned long request, void *arg)
{
	if (request == kTcgets)
		return 0;
	if (request == kTiocgwinsz && arg) {
		uint16_t *ws = static_cast<uint16_t *>(arg); // rows, cols, xpix, ypix
		ws[0] = 24;
		ws[1] = 80;
		ws[2] = ws[3] = 0;
		return 0;
	}
	return -UK_ENOTTY;
}

constexpr uint32_t kChr = UK_S_IFCHR;

constinit uk_devfs_device dev_null = {"null", kChr | 0666, UK_DEVFS_MKDEV(1, 3),
				      null_read, sink_write, nullptr, nullptr,
				      nullptr, nullptr};
constinit uk_devfs_device dev_zero = {"zero", kChr | 0666, UK_DEVFS_MKDEV(1, 5),
				      zero_read, sink_write, nullptr, nullptr,
				      nullptr, nullptr};
constinit uk_devfs_device dev_random = {"random", kChr | 0666, UK_DEVFS_MKDEV(1, 8),
					random_read, sink_write, nullptr, nullptr,
					nullptr, nullptr};
constinit uk_devfs_device dev_urandom = {"urandom", kChr | 0666, UK_DEVFS_MKDEV(1, 9),
					 random_read, sink_write, nullptr, nullptr,
					 nullptr, nullptr};
constinit uk_devfs_device dev_console = {"console", kChr | 0620, UK_DEVFS_MKDEV(5, 1),
					 null_read, console_write, nullptr,
					 console_ioctl, nullptr, nullptr};

constinit Registry registry = {nullptr, ukplat_wall_clock};
constinit uk_vfs_fstype fstype = {"devfs", fs_mount, fs_unmount, &registry, nullptr};

int devfs_register()
{
	uk_devfs_device *mine[] = {&dev_null, &dev_zero, &dev_random, &dev_urandom,
				   &dev_console};
	for (uk_devfs_device *d : mine) {
		auto r = registry.add(d);
		if (!r.ok())
			return r.error();
	}
	return uk_vfs_fstype_register(&fstype);
}
uk_lib_initcall_prio(devfs_register, 1); // before drivers add theirs

int devfs_automount()
{
	if constexpr (!kAutomount)
		return 0;
	int rc = uk_vfs_mkdir("/dev", 0755);
	if (rc < 0 && rc != -UK_EEXIST) {
		uk_pr_err("cannot make /dev for devfs: error %d\n", rc);
		return rc;
	}
	rc = uk_vfs_mount("devfs", "/dev", "devfs", 0, nullptr);
	if (rc < 0)
		uk_pr_err("cannot mount devfs on /dev: error %d\n", rc);
	return rc;
}
uk_rootfs_initcall_prio(devfs_automount, 5);

}  // namespace
}  // namespace uk::devfs

extern "C" int uk_devfs_register(struct uk_devfs_device *dev)
{
	auto r = uk::devfs::registry.add(dev);
	return r.ok() ? 0 : r.error();
}
