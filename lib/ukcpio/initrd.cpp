// SPDX-License-Identifier: BSD-3-Clause
//
// Boot: the initrd (ukplat_initrd_get) is unpacked into "/" (class
// rootfs, priority 3: after vfscore mounted the root, before devfs
// mounts /dev). A malformed archive changes nothing; it stops the boot
// or is reported and skipped, as LIBUKCPIO_INITRD_BAD says.

#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/cpio.h>
#include <uk/errno.h>
#include <uk/init.h>
#include <uk/plat.h>
#include <uk/print.h>

namespace {

inline constexpr bool kUnpack = UK_IS_ENABLED(CONFIG_LIBUKCPIO_INITRD);
inline constexpr bool kStop = UK_IS_ENABLED(CONFIG_LIBUKCPIO_INITRD_BAD_STOPS);

int ukcpio_initrd_unpack()
{
	if constexpr (!kUnpack)
		return 0;
	const void *base;
	size_t len;
	if (ukplat_initrd_get(&base, &len) < 0)
		return 0; // none given
	uk_cpio_stats st;
	uk_cpio_error err;
	int rc = uk_cpio_extract(base, len, "/", uk_alloc_get_default(), &st, &err);
	if (rc < 0) {
		uk_pr_err("initrd (%zu bytes) %s: %s\n", len,
			  rc == -UK_EINVAL ? "is not a valid newc cpio archive" : "was not unpacked",
			  err.msg);
		if constexpr (kStop) {
			uk_pr_crit("boot stopped: the root file system would be incomplete "
				   "(LIBUKCPIO_INITRD_BAD_STOPS)\n");
			return rc;
		}
		uk_pr_warn("boot goes on without the initrd's files (LIBUKCPIO_INITRD_BAD_CONTINUES)\n");
		return 0;
	}
	uk_pr_info("initrd: %u files, %u directories, %u symlinks, %u hard links "
		   "(%llu bytes) unpacked into /\n",
		   st.files, st.dirs, st.symlinks, st.hardlinks,
		   static_cast<unsigned long long>(st.bytes));
	if (st.skipped)
		uk_pr_warn("initrd: %u device, FIFO or socket entries skipped "
			   "(devfs provides /dev)\n", st.skipped);
	return 0;
}
uk_rootfs_initcall_prio(ukcpio_initrd_unpack, 3);

}  // namespace
