// SPDX-License-Identifier: BSD-3-Clause
//
// The *at() calls (openat, fstatat, mkdirat, unlinkat, renameat, ...):
// a relative path with a directory descriptor becomes that directory's
// absolute path (from the tree, uk_vfs_fgetpath) joined with it, then
// the plain call runs. AT_FDCWD and absolute paths pass through. Also
// the calls on owners and special files that one user and no device
// nodes answer simply: chown and friends, mkfifo, mknod, futimens.

#include "posix_sys.hpp"

#include <uk/plat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

using uk::posix::fail;

namespace {

constexpr int64_t kNsPerSec = 1000000000;

// (dirfd, path) as one path for the plain calls; ok() false with errno
// set when it cannot be made. The joined path lives on the heap: two of
// them (renameat) would be 8 KiB of a thread's stack.
class AtPath {
public:
	AtPath(int dirfd, const char *path)
	{
		if (!path) {
			fail(EFAULT);
			return;
		}
		if (dirfd == AT_FDCWD || path[0] == '/') {
			path_ = path;
			return;
		}
		if (!path[0]) { // no AT_EMPTY_PATH
			fail(ENOENT);
			return;
		}
		mem_ = static_cast<char *>(malloc(PATH_MAX));
		if (!mem_) {
			fail(ENOMEM);
			return;
		}
		intptr_t n = uk::posix::dir_path(dirfd, mem_);
		if (n < 0)
			return;
		size_t len = strlen(path);
		if (static_cast<size_t>(n) + 1 + len + 1 > PATH_MAX) {
			fail(ENAMETOOLONG);
			return;
		}
		if (mem_[n - 1] != '/')
			mem_[n++] = '/';
		memcpy(mem_ + n, path, len + 1);
		path_ = mem_;
	}
	~AtPath() { free(mem_); }
	AtPath(const AtPath &) = delete;
	AtPath &operator=(const AtPath &) = delete;

	bool ok() const { return path_ != nullptr; }
	const char *get() const { return path_; }

private:
	const char *path_ = nullptr;
	char *mem_ = nullptr;
};

bool is_link(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

// For calls that cannot act on a symbolic link itself: with
// AT_SYMLINK_NOFOLLOW a link is EOPNOTSUPP. @return 0, or -1 with errno.
int refuse_link(const AtPath &p, int flags)
{
	if (!p.ok())
		return -1;
	return (flags & AT_SYMLINK_NOFOLLOW) && is_link(p.get()) ? fail(EOPNOTSUPP) : 0;
}

// One user, root, who owns everything: a change to owner 0 (or -1, no
// change) is what is already true; any other owner cannot be kept.
int chown_check(int exists, uid_t owner, gid_t group)
{
	if (exists < 0)
		return -1;
	if ((owner != 0 && owner != static_cast<uid_t>(-1)) ||
	    (group != 0 && group != static_cast<gid_t>(-1)))
		return fail(EPERM);
	return 0;
}

int64_t ts_ns(const struct timespec &t, int64_t now)
{
	if (t.tv_nsec == UTIME_NOW)
		return now;
	if (t.tv_nsec == UTIME_OMIT)
		return -1;
	return t.tv_sec * kNsPerSec + t.tv_nsec;
}

}  // namespace

extern "C" int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & O_CREAT) ? static_cast<mode_t>(va_arg(ap, int)) : 0;
	va_end(ap);
	AtPath p(dirfd, path);
	return p.ok() ? open(p.get(), flags, mode) : -1;
}

extern "C" int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return fail(EINVAL);
	AtPath p(dirfd, path);
	if (!p.ok())
		return -1;
	return (flags & AT_SYMLINK_NOFOLLOW) ? lstat(p.get(), st) : stat(p.get(), st);
}

extern "C" int mkdirat(int dirfd, const char *path, mode_t mode)
{
	AtPath p(dirfd, path);
	return p.ok() ? mkdir(p.get(), mode) : -1;
}

extern "C" int unlinkat(int dirfd, const char *path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return fail(EINVAL);
	AtPath p(dirfd, path);
	if (!p.ok())
		return -1;
	return (flags & AT_REMOVEDIR) ? rmdir(p.get()) : unlink(p.get());
}

extern "C" int renameat(int olddirfd, const char *from, int newdirfd, const char *to)
{
	AtPath a(olddirfd, from), b(newdirfd, to);
	return a.ok() && b.ok() ? rename(a.get(), b.get()) : -1;
}

// AT_SYMLINK_FOLLOW: link to what a final symbolic link names.
extern "C" int linkat(int olddirfd, const char *from, int newdirfd, const char *to, int flags)
{
	if (flags & ~AT_SYMLINK_FOLLOW)
		return fail(EINVAL);
	AtPath a(olddirfd, from), b(newdirfd, to);
	if (!a.ok() || !b.ok())
		return -1;
	if (!(flags & AT_SYMLINK_FOLLOW) || !is_link(a.get()))
		return link(a.get(), b.get());
	char *target = realpath(a.get(), nullptr);
	if (!target)
		return -1;
	int rc = link(target, b.get());
	free(target);
	return rc;
}

extern "C" int symlinkat(const char *target, int dirfd, const char *path)
{
	if (!target)
		return fail(EFAULT);
	AtPath p(dirfd, path);
	return p.ok() ? symlink(target, p.get()) : -1;
}

extern "C" ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	AtPath p(dirfd, path);
	return p.ok() ? readlink(p.get(), buf, len) : -1;
}

// AT_EACCESS: the effective user is the real one (root).
extern "C" int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW))
		return fail(EINVAL);
	AtPath p(dirfd, path);
	if (!p.ok())
		return -1;
	if ((flags & AT_SYMLINK_NOFOLLOW) && is_link(p.get()))
		return mode & ~(R_OK | W_OK | X_OK) ? fail(EINVAL) : 0; // links are 0777
	return access(p.get(), mode);
}

// A symbolic link's own mode cannot be changed (as on Linux).
extern "C" int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return fail(EINVAL);
	AtPath p(dirfd, path);
	return refuse_link(p, flags) < 0 ? -1 : chmod(p.get(), mode);
}

// NULL times: now; UTIME_NOW and UTIME_OMIT per time.
extern "C" int utimensat(int dirfd, const char *path, const struct timespec ts[2], int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return fail(EINVAL);
	AtPath p(dirfd, path);
	if (refuse_link(p, flags) < 0) // vfscore sets times through links
		return -1;
	int64_t now = static_cast<int64_t>(ukplat_wall_clock());
	int64_t a = ts ? ts_ns(ts[0], now) : now, m = ts ? ts_ns(ts[1], now) : now;
	for (int i = 0; ts && i < 2; ++i)
		if (ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT &&
		    (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= kNsPerSec))
			return fail(EINVAL);
	return uk::posix::set_times(p.get(), a, m);
}

extern "C" int futimesat(int dirfd, const char *path, const struct timeval tv[2])
{
	AtPath p(dirfd, path);
	return p.ok() ? utimes(p.get(), tv) : -1;
}

// An open file has no name to reach it by, and vfscore sets times by
// name: only a directory's times can be set through its descriptor.
extern "C" int futimens(int fd, const struct timespec ts[2])
{
	char *buf = static_cast<char *>(malloc(PATH_MAX));
	if (!buf)
		return fail(ENOMEM);
	int rc = uk::posix::dir_path(fd, buf) < 0 ? -1 : utimensat(AT_FDCWD, buf, ts, 0);
	if (rc < 0 && errno == ENOTDIR)
		errno = ENOSYS;
	free(buf);
	return rc;
}

extern "C" int chown(const char *path, uid_t owner, gid_t group)
{
	struct stat st;
	return chown_check(stat(path, &st), owner, group);
}

extern "C" int lchown(const char *path, uid_t owner, gid_t group)
{
	struct stat st;
	return chown_check(lstat(path, &st), owner, group);
}

extern "C" int fchown(int fd, uid_t owner, gid_t group)
{
	struct stat st;
	return chown_check(fstat(fd, &st), owner, group);
}

extern "C" int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return fail(EINVAL);
	AtPath p(dirfd, path);
	if (!p.ok())
		return -1;
	return (flags & AT_SYMLINK_NOFOLLOW) ? lchown(p.get(), owner, group)
					     : chown(p.get(), owner, group);
}

// No named pipes or device nodes in vfscore's file systems.
extern "C" int mkfifo(const char *, mode_t) { return fail(ENOSYS); }
extern "C" int mkfifoat(int, const char *, mode_t) { return fail(ENOSYS); }
extern "C" int mknod(const char *, mode_t, dev_t) { return fail(ENOSYS); }
extern "C" int mknodat(int, const char *, mode_t, dev_t) { return fail(ENOSYS); }
