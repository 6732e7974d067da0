// SPDX-License-Identifier: BSD-3-Clause
//
// File hooks on the descriptor table (posix-fdtab). Path calls fail with
// ENOENT until vfscore provides a file system: there is no file to find,
// which callers handle better than ENOSYS (fopen() returns NULL).

#include "posix_sys.hpp"

#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

using uk::posix::FileRef;
using uk::posix::fail;
using uk::posix::fail_uk;
using uk::posix::ret_uk;

namespace {

bool can_read(const uk_file *f) { return (f->flags & UK_O_ACCMODE) != UK_O_WRONLY; }
bool can_write(const uk_file *f) { return (f->flags & UK_O_ACCMODE) != UK_O_RDONLY; }

// newlib's O_* values are not Linux's: the table keeps UK_O_* (Linux).
uint32_t flags_from_newlib(int fl)
{
	uint32_t f = static_cast<uint32_t>(fl & O_ACCMODE);  // 0, 1, 2 in both
	if (fl & O_APPEND)
		f |= UK_O_APPEND;
	if (fl & O_NONBLOCK)
		f |= UK_O_NONBLOCK;
	return f;
}

int flags_to_newlib(uint32_t f)
{
	int fl = static_cast<int>(f & UK_O_ACCMODE);
	if (f & UK_O_APPEND)
		fl |= O_APPEND;
	if (f & UK_O_NONBLOCK)
		fl |= O_NONBLOCK;
	return fl;
}

}  // namespace

extern "C" _READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
	FileRef f(fd);
	if (!f || !f->ops->read || !can_read(f.get()))
		return fail(EBADF);
	return ret_uk<_READ_WRITE_RETURN_TYPE>(f->ops->read(f.get(), buf, len));
}

extern "C" _READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
	FileRef f(fd);
	if (!f || !f->ops->write || !can_write(f.get()))
		return fail(EBADF);
	// O_APPEND: seek to the end first. Nothing runs between the seek and
	// the write (cooperative scheduler, neither call yields before it
	// writes), so the pair is as atomic as POSIX asks.
	if ((f->flags & UK_O_APPEND) && f->ops->lseek) {
		int64_t rc = f->ops->lseek(f.get(), 0, UK_SEEK_END);
		if (rc < 0)
			return fail_uk(static_cast<int>(rc));
	}
	return ret_uk<_READ_WRITE_RETURN_TYPE>(f->ops->write(f.get(), buf, len));
}

extern "C" int close(int fd) { return ret_uk(uk_fdtab_close(fd)); }

extern "C" off_t lseek(int fd, off_t off, int whence)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return fail(EINVAL);
	if (!f->ops->lseek)
		return fail(ESPIPE);
	// SEEK_* are 0, 1, 2 in newlib and in uk/fdtab.h.
	return ret_uk<off_t>(f->ops->lseek(f.get(), off, whence));
}

extern "C" int fstat(int fd, struct stat *st)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	uk_file_info info = {UK_S_IFCHR, 0, 0};
	if (f->ops->stat) {
		info.mode = 0;
		if (int rc = f->ops->stat(f.get(), &info); rc < 0)
			return fail_uk(rc);
	}
	memset(st, 0, sizeof(*st));
	st->st_mode = info.mode;  // S_IF* and permission bits agree
	st->st_size = info.size;
	st->st_blksize = info.blksize;
	st->st_nlink = 1;
	return 0;
}

extern "C" int isatty(int fd)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF), 0;
	if (f->ops->isatty && f->ops->isatty(f.get()) > 0)
		return 1;
	return fail(ENOTTY), 0;
}

extern "C" int open(const char *, int, ...) { return fail(ENOENT); }
extern "C" int stat(const char *, struct stat *) { return fail(ENOENT); }
extern "C" int mkdir(const char *, mode_t) { return fail(ENOSYS); }
extern "C" int link(const char *, const char *) { return fail(ENOENT); }
extern "C" int unlink(const char *) { return fail(ENOENT); }
extern "C" int pipe(int *) { return fail(ENOSYS); }

extern "C" int dup(int fd) { return ret_uk(uk_fdtab_dup(fd)); }
extern "C" int dup2(int fd, int fd2) { return ret_uk(uk_fdtab_dup2(fd, fd2)); }

// F_DUPFD, F_GETFL/F_SETFL (O_APPEND, O_NONBLOCK), F_GETFD/F_SETFD
// (accepted: there is no exec, so close-on-exec means nothing).
extern "C" int fcntl(int fd, int cmd, ...)
{
	// Only F_DUPFD and F_SETFL carry an argument (an int); reading one
	// the caller did not pass would be undefined.
	int arg = 0;
	if (cmd == F_DUPFD || cmd == F_SETFL) {
		va_list ap;
		va_start(ap, cmd);
		arg = va_arg(ap, int);
		va_end(ap);
	}

	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	switch (cmd) {
	case F_DUPFD:
		return ret_uk(uk_fdtab_dupfd(fd, arg));
	case F_GETFL:
		return flags_to_newlib(f->flags);
	case F_SETFL: {
		constexpr uint32_t kSettable = UK_O_APPEND | UK_O_NONBLOCK;
		f->flags = (f->flags & ~kSettable) | (flags_from_newlib(arg) & kSettable);
		return 0;
	}
	case F_GETFD:
	case F_SETFD:
		return 0;
	default:
		return fail(EINVAL);
	}
}

UK_POSIX_ALIAS(read);
UK_POSIX_ALIAS(write);
UK_POSIX_ALIAS(close);
UK_POSIX_ALIAS(lseek);
UK_POSIX_ALIAS(fstat);
UK_POSIX_ALIAS(isatty);
UK_POSIX_ALIAS(open);
UK_POSIX_ALIAS(stat);
UK_POSIX_ALIAS(mkdir);
UK_POSIX_ALIAS(link);
UK_POSIX_ALIAS(unlink);
UK_POSIX_ALIAS(fcntl);
