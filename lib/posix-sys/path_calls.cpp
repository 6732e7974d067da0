// SPDX-License-Identifier: BSD-3-Clause
//
// Calls on path names, with vfscore in the image: open() makes a file
// and installs it in the descriptor table; the rest map one to one onto
// uk/vfs.h. newlib's remove() and rename() would fall back to
// unlink()/link(), so both (and their _r forms, which newlib's own
// tmpfile() uses) are defined here.

#include "posix_sys.hpp"

#include <uk/plat.h>
#include <uk/vfs.h>

#include <fcntl.h>
#include <limits.h>
#include <reent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utime.h>
#include <unistd.h>

using uk::posix::FileRef;
using uk::posix::fail;
using uk::posix::fail_uk;
using uk::posix::ret_uk;

namespace {

constexpr int64_t kNsPerSec = 1000000000;

int stat_common(const char *path, struct stat *st, bool follow)
{
	uk_file_info info{};
	int rc = follow ? uk_vfs_stat(path, &info) : uk_vfs_lstat(path, &info);
	if (rc < 0)
		return fail_uk(rc);
	uk::posix::fill_stat(info, st);
	return 0;
}

}  // namespace

extern "C" int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = static_cast<mode_t>(va_arg(ap, int));
		va_end(ap);
	}
	uk_file *f;
	int rc = uk_vfs_open(path, uk::posix::flags_from_newlib(flags), mode, &f);
	if (rc < 0)
		return fail_uk(rc);
	int fd = uk_fdtab_install(f);
	if (fd < 0)
		uk_file_put(f); // -EMFILE: the file goes again
	return ret_uk(fd);
}

extern "C" int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

extern "C" int stat(const char *path, struct stat *st) { return stat_common(path, st, true); }
extern "C" int lstat(const char *path, struct stat *st) { return stat_common(path, st, false); }
extern "C" int mkdir(const char *path, mode_t mode) { return ret_uk(uk_vfs_mkdir(path, mode)); }
extern "C" int rmdir(const char *path) { return ret_uk(uk_vfs_rmdir(path)); }
extern "C" int unlink(const char *path) { return ret_uk(uk_vfs_unlink(path)); }
extern "C" int link(const char *from, const char *to) { return ret_uk(uk_vfs_link(from, to)); }
extern "C" int symlink(const char *target, const char *path)
{
	return ret_uk(uk_vfs_symlink(target, path));
}

extern "C" ssize_t readlink(const char *path, char *buf, size_t len)
{
	return ret_uk<ssize_t>(uk_vfs_readlink(path, buf, len));
}

extern "C" int rename(const char *from, const char *to)
{
	return ret_uk(uk_vfs_rename(from, to));
}

extern "C" int _rename_r(struct _reent *r, const char *from, const char *to)
{
	int rc = uk_vfs_rename(from, to);
	if (rc < 0) {
		r->_errno = uk::posix::errno_from_uk(rc);
		return -1;
	}
	return 0;
}

// remove(): unlink() for files, rmdir() for directories (C and POSIX).
extern "C" int _remove_r(struct _reent *r, const char *path)
{
	int rc = uk_vfs_unlink(path);
	if (rc == -UK_EISDIR)
		rc = uk_vfs_rmdir(path);
	if (rc < 0) {
		r->_errno = uk::posix::errno_from_uk(rc);
		return -1;
	}
	return 0;
}

extern "C" int remove(const char *path) { return _remove_r(_REENT, path); }

extern "C" int truncate(const char *path, off_t len)
{
	return ret_uk(uk_vfs_truncate(path, len));
}

extern "C" int chdir(const char *path) { return ret_uk(uk_vfs_chdir(path)); }

extern "C" int fchdir(int fd)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	return ret_uk(uk_vfs_fchdir(f.get()));
}

// getcwd(NULL, size) allocates (a common extension: glibc, musl, newlib
// users expect it); size 0 then means "as large as needed".
extern "C" char *getcwd(char *buf, size_t size)
{
	if (buf && size == 0)
		return fail(EINVAL), nullptr;
	char *out = buf;
	if (!buf) {
		out = static_cast<char *>(malloc(size ? size : PATH_MAX));
		if (!out)
			return fail(ENOMEM), nullptr;
	}
	intptr_t n = uk_vfs_getcwd(out, buf || size ? size : PATH_MAX);
	if (n < 0) {
		if (!buf)
			free(out);
		return fail_uk(static_cast<int>(n)), nullptr;
	}
	return out;
}

extern "C" char *realpath(const char *path, char *resolved)
{
	if (!path)
		return fail(EINVAL), nullptr;
	char *out = resolved ? resolved : static_cast<char *>(malloc(PATH_MAX));
	if (!out)
		return fail(ENOMEM), nullptr;
	intptr_t n = uk_vfs_realpath(path, out, PATH_MAX);
	if (n < 0) {
		if (!resolved)
			free(out);
		return fail_uk(static_cast<int>(n)), nullptr;
	}
	return out;
}

// One user, root: existence is the question, and X_OK needs an x bit on
// a non-directory (as root's access() does on Linux).
extern "C" int access(const char *path, int mode)
{
	if (mode & ~(R_OK | W_OK | X_OK))
		return fail(EINVAL);
	uk_file_info info{};
	if (int rc = uk_vfs_stat(path, &info); rc < 0)
		return fail_uk(rc);
	if ((mode & X_OK) && (info.mode & UK_S_IFMT) != UK_S_IFDIR && !(info.mode & 0111))
		return fail(EACCES);
	return 0;
}

extern "C" int chmod(const char *path, mode_t mode) { return ret_uk(uk_vfs_chmod(path, mode)); }

extern "C" int fchmod(int fd, mode_t mode)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	return ret_uk(uk_vfs_fchmod(f.get(), mode));
}

extern "C" mode_t umask(mode_t mask) { return static_cast<mode_t>(uk_vfs_umask(mask)); }

// NULL times: now.
extern "C" int utimes(const char *path, const struct timeval tv[2])
{
	int64_t now = static_cast<int64_t>(ukplat_wall_clock());
	int64_t a = tv ? tv[0].tv_sec * kNsPerSec + tv[0].tv_usec * 1000 : now;
	int64_t m = tv ? tv[1].tv_sec * kNsPerSec + tv[1].tv_usec * 1000 : now;
	return ret_uk(uk_vfs_utimes(path, a, m));
}

extern "C" int utime(const char *path, const struct utimbuf *t)
{
	if (!t)
		return utimes(path, nullptr);
	struct timeval tv[2] = {{t->actime, 0}, {t->modtime, 0}};
	return utimes(path, tv);
}

namespace uk::posix {

intptr_t dir_path(int dirfd, char *buf)
{
	FileRef f(dirfd);
	if (!f)
		return fail(EBADF);
	return ret_uk(uk_vfs_fgetpath(f.get(), buf, PATH_MAX));
}

int set_times(const char *path, int64_t atime_ns, int64_t mtime_ns)
{
	return ret_uk(uk_vfs_utimes(path, atime_ns, mtime_ns));
}

}  // namespace uk::posix

UK_POSIX_ALIAS(open);
UK_POSIX_ALIAS(stat);
UK_POSIX_ALIAS(mkdir);
UK_POSIX_ALIAS(link);
UK_POSIX_ALIAS(unlink);
