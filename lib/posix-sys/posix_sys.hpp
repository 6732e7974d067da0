// SPDX-License-Identifier: BSD-3-Clause
//
// Private helpers of posix-sys: the hooks newlib calls. Every file here
// is newlib glue and compiles against newlib's headers (lib/newlib puts
// them on the include path). The core libraries speak negative Linux
// errno values (uk/errno.h); newlib's numbers differ (ENOSYS is 88 in
// newlib, 38 in Linux), so every error crosses errno_from_uk().
#pragma once

// The Tessera headers come before newlib's, here and in every file of
// the library: uk/essentials.h and newlib's sys/cdefs.h both define
// __used, __section and __packed (the same way), and only a redefinition
// inside the system header (newlib's, -isystem) is silent.
#include <uk/errno.h>
#include <uk/fdtab.h>

#include <errno.h>
#include <stdint.h>

struct stat;

// newlib's aarch64-elf build calls _read, _write, ...; the x86_64-elf
// build (MISSING_SYSCALL_NAMES) calls read, write, ... Both names are
// always defined, so one object serves both architectures.
#define UK_POSIX_ALIAS(name)                                                 \
	extern "C" __typeof__(name) _##name __attribute__((alias(#name)))

namespace uk::posix {

/** @return newlib's errno for the negative UK_E* value @p uk_err. */
int errno_from_uk(int uk_err);

/** Sets errno from a negative UK_E* value. @return -1. */
inline int fail_uk(int uk_err)
{
	errno = errno_from_uk(uk_err);
	return -1;
}

/** Sets errno to newlib's @p e. @return -1. */
inline int fail(int e)
{
	errno = e;
	return -1;
}

/** Passes a non-negative result through, else errno and -1. */
template <typename T>
T ret_uk(T rc)
{
	return rc < 0 ? static_cast<T>(fail_uk(static_cast<int>(rc))) : rc;
}

/** Sleeps @p ns: the scheduler's sleep with uksched, else halting the
 * CPU until the deadline (threads.cpp or threads_none.cpp). */
void sleep_ns(uint64_t ns);

/**
 * poll()/select(): waits until uk_file_event_count() differs from
 * @p events or the monotonic clock reaches @p deadline_ns. May return
 * early; the caller scans again (threads.cpp or threads_none.cpp).
 */
void wait_event(uint64_t events, uint64_t deadline_ns);

/** newlib's open()/fcntl() flags to UK_O_* (Linux values) and back. */
uint32_t flags_from_newlib(int fl);
int flags_to_newlib(uint32_t f);

/**
 * The absolute path of the directory open under @p dirfd (vfscore's
 * uk_vfs_fgetpath) into @p buf of PATH_MAX bytes. @return its length,
 * or -1 with errno (EBADF, ENOTDIR: path_calls.cpp or path_none.cpp).
 */
intptr_t dir_path(int dirfd, char *buf);

/** Sets the access and modification times of @p path (ns since the
 * epoch; negative: unchanged). @return 0, or -1 with errno. */
int set_times(const char *path, int64_t atime_ns, int64_t mtime_ns);

/** Fills newlib's struct stat from what a file or the VFS reports. */
void fill_stat(const uk_file_info &info, struct stat *st);

/** A reference to the file under a descriptor, dropped at scope exit. */
class [[nodiscard]] FileRef {
public:
	explicit FileRef(int fd) : f_(uk_fdtab_get(fd)) {}
	~FileRef() { uk_fdtab_put(f_); }
	FileRef(const FileRef &) = delete;
	FileRef &operator=(const FileRef &) = delete;

	explicit operator bool() const { return f_ != nullptr; }
	uk_file *operator->() const { return f_; }
	uk_file *get() const { return f_; }

private:
	uk_file *f_;
};

}  // namespace uk::posix

// The nine static locks of newlib 3.3.0 with retargetable locking
// (libc/misc/lock.c defines them together with the ten functions: define
// all or none, else lock.o is linked too and the link fails).
// X(name, recursive)
#define UK_POSIX_NEWLIB_LOCKS(X)                                             \
	X(__lock___sinit_recursive_mutex, 1)                                 \
	X(__lock___sfp_recursive_mutex, 1)                                   \
	X(__lock___atexit_recursive_mutex, 1)                                \
	X(__lock___at_quick_exit_mutex, 0)                                   \
	X(__lock___malloc_recursive_mutex, 1)                                \
	X(__lock___env_recursive_mutex, 1)                                   \
	X(__lock___tz_mutex, 0)                                              \
	X(__lock___dd_hash_mutex, 0)                                         \
	X(__lock___arc4random_mutex, 0)
