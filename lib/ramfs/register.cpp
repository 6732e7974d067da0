// SPDX-License-Identifier: BSD-3-Clause
//
// Registers the file-system type "ramfs" with the platform's wall
// clock. The only file of ramfs that the host tests leave out.

#include <uk/init.h>
#include <uk/plat.h>

#include "ramfs.hpp"

namespace uk::ramfs {
namespace {

constinit Config config = {ukplat_wall_clock};
constinit uk_vfs_fstype fstype = {"ramfs", fs_mount, fs_unmount, &config, nullptr};

int ramfs_register() { return uk_vfs_fstype_register(&fstype); }
uk_lib_initcall(ramfs_register);

}  // namespace
}  // namespace uk::ramfs
