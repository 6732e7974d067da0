// SPDX-License-Identifier: BSD-3-Clause
//
// Calls on path names without vfscore in the image: there is no file to
// find, which callers handle better than ENOSYS (fopen() returns NULL).
// Changes fail with ENOSYS. path_calls.cpp replaces this file when
// vfscore is enabled; both define the same symbols.

#include "posix_sys.hpp"

#include <reent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utime.h>
#include <unistd.h>

using uk::posix::fail;

extern "C" int open(const char *, int, ...) { return fail(ENOENT); }
extern "C" int creat(const char *, mode_t) { return fail(ENOENT); }
extern "C" int stat(const char *, struct stat *) { return fail(ENOENT); }
extern "C" int lstat(const char *, struct stat *) { return fail(ENOENT); }
extern "C" int mkdir(const char *, mode_t) { return fail(ENOSYS); }
extern "C" int rmdir(const char *) { return fail(ENOENT); }
extern "C" int unlink(const char *) { return fail(ENOENT); }
extern "C" int link(const char *, const char *) { return fail(ENOENT); }
extern "C" int symlink(const char *, const char *) { return fail(ENOSYS); }
extern "C" ssize_t readlink(const char *, char *, size_t) { return fail(ENOENT); }
extern "C" int rename(const char *, const char *) { return fail(ENOENT); }
extern "C" int _rename_r(struct _reent *r, const char *, const char *)
{
	r->_errno = ENOENT;
	return -1;
}
extern "C" int _remove_r(struct _reent *r, const char *)
{
	r->_errno = ENOENT;
	return -1;
}
extern "C" int remove(const char *path) { return _remove_r(_REENT, path); }
extern "C" int truncate(const char *, off_t) { return fail(ENOENT); }
extern "C" int chdir(const char *) { return fail(ENOENT); }
extern "C" int fchdir(int) { return fail(ENOTDIR); }
extern "C" char *getcwd(char *, size_t) { return fail(ENOENT), nullptr; }
extern "C" char *realpath(const char *, char *) { return fail(ENOENT), nullptr; }
extern "C" int access(const char *, int) { return fail(ENOENT); }
extern "C" int chmod(const char *, mode_t) { return fail(ENOENT); }
extern "C" int fchmod(int, mode_t) { return fail(EBADF); }
extern "C" mode_t umask(mode_t) { return 022; }
extern "C" int utimes(const char *, const struct timeval *) { return fail(ENOENT); }
extern "C" int utime(const char *, const struct utimbuf *) { return fail(ENOENT); }

namespace uk::posix {

// No vfscore: no descriptor is a directory.
intptr_t dir_path(int dirfd, char *)
{
	FileRef f(dirfd);
	return fail(f ? ENOTDIR : EBADF);
}

int set_times(const char *, int64_t, int64_t) { return fail(ENOENT); }

}  // namespace uk::posix

UK_POSIX_ALIAS(open);
UK_POSIX_ALIAS(stat);
UK_POSIX_ALIAS(mkdir);
UK_POSIX_ALIAS(link);
UK_POSIX_ALIAS(unlink);
