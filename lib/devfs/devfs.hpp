// SPDX-License-Identifier: BSD-3-Clause
//
// devfs internals: a registry of devices and the file-system type on
// it. The host tests make their own registry; the image has one
// (register.cpp) behind uk_devfs_register().
#pragma once

#include <uk/devfs.h>
#include <uk/result.hpp>
#include <uk/vfs_fs.h>

namespace uk::devfs {

/** The devices and the wall clock (ns) a type's mounts use; the type's
 * priv points here. */
struct Registry {
	uk_devfs_device *head = nullptr;
	uint64_t (*clock)(void) = nullptr;

	Result<void> add(uk_devfs_device *dev);
};

int fs_mount(const uk_vfs_fstype *type, uk_mount *mnt, const char *source,
	     const char *opts, uk_vnode **root);
void fs_unmount(uk_mount *mnt);

}  // namespace uk::devfs
