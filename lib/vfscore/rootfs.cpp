// SPDX-License-Identifier: BSD-3-Clause
//
// Boot: the namespace gets the default allocator (early), then the root
// file system is mounted with an empty /tmp (class rootfs, priority 1:
// ukcpio unpacks the initrd into it at priority 3, devfs mounts /dev at
// priority 5). The only file of vfscore that uses the boot machinery.

#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/vfs.h>

namespace {

inline constexpr bool kRootRamfs = UK_IS_ENABLED(CONFIG_LIBVFSCORE_ROOTFS_RAMFS);

int vfscore_init()
{
	uk_vfs_init(uk_alloc_get_default());
	return 0;
}
uk_early_initcall_prio(vfscore_init, 7);

int vfscore_mount_root()
{
	if constexpr (kRootRamfs) {
#ifdef CONFIG_LIBVFSCORE_ROOTFS_OPTS
		const char *opts = CONFIG_LIBVFSCORE_ROOTFS_OPTS;
#else
		const char *opts = "";
#endif
		int rc = uk_vfs_mount("", "/", "ramfs", 0, opts);
		if (rc < 0) {
			uk_pr_err("cannot mount ramfs on / (options \"%s\"): error %d\n",
				  opts, rc);
			return rc;
		}
		// /tmp, where tmpfile() and mkstemp() users look (P_tmpdir),
		// with the sticky bit as everywhere; the initrd may replace it.
		rc = uk_vfs_mkdir("/tmp", 0777);
		if (rc == 0)
			rc = uk_vfs_chmod("/tmp", 01777);
		if (rc < 0)
			uk_pr_warn("cannot make /tmp: error %d\n", rc);
	}
	return 0;
}
uk_rootfs_initcall_prio(vfscore_mount_root, 1);

}  // namespace
