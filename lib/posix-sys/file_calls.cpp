// SPDX-License-Identifier: BSD-3-Clause
//
// Calls on descriptors, through the descriptor table (posix-fdtab) to
// the file's operations: consoles, vfscore's files, later sockets. The
// calls on path names are in path_calls.cpp (vfscore) or path_none.cpp.

#include "posix_sys.hpp"

#include <uk/config.h>
#if CONFIG_LIBPOSIX_PIPE
#include <uk/pipe.h>
#endif

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

// Linux ioctl numbers (uk/fdtab.h files speak Linux; sys/ioctl.h here
// gives programs the same values).
constexpr unsigned long kFionbio = 0x5421;

}  // namespace

namespace uk::posix {

// newlib's O_* values are not Linux's: the table keeps UK_O_* (Linux).
uint32_t flags_from_newlib(int fl)
{
	uint32_t f = static_cast<uint32_t>(fl & O_ACCMODE); // 0, 1, 2 in both
	struct Map {
		int newlib;
		uint32_t uk;
	};
	constexpr Map kMap[] = {
		{O_APPEND, UK_O_APPEND},     {O_NONBLOCK, UK_O_NONBLOCK},
		{O_CREAT, UK_O_CREAT},       {O_EXCL, UK_O_EXCL},
		{O_TRUNC, UK_O_TRUNC},       {O_NOCTTY, UK_O_NOCTTY},
		{O_DIRECTORY, UK_O_DIRECTORY}, {O_NOFOLLOW, UK_O_NOFOLLOW},
		{O_CLOEXEC, UK_O_CLOEXEC},
	};
	for (const Map &m : kMap)
		if (fl & m.newlib)
			f |= m.uk;
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

void fill_stat(const uk_file_info &info, struct stat *st)
{
	constexpr int64_t kNs = 1000000000;
	memset(st, 0, sizeof(*st));
	st->st_mode = info.mode; // S_IF* and permission bits agree
	st->st_size = info.size;
	st->st_blksize = info.blksize;
	st->st_blocks = info.blocks;
	// NOTE: newlib's ino_t and dev_t are 16 bits wide: larger inode
	// numbers wrap.
	st->st_ino = static_cast<ino_t>(info.ino);
	st->st_dev = static_cast<dev_t>(info.dev);
	st->st_rdev = static_cast<dev_t>(info.rdev);
	st->st_nlink = info.nlink ? static_cast<nlink_t>(info.nlink) : 1;
	st->st_uid = static_cast<uid_t>(info.uid);
	st->st_gid = static_cast<gid_t>(info.gid);
	st->st_atim = timespec{static_cast<time_t>(info.atime_ns / kNs), info.atime_ns % kNs};
	st->st_mtim = timespec{static_cast<time_t>(info.mtime_ns / kNs), info.mtime_ns % kNs};
	st->st_ctim = timespec{static_cast<time_t>(info.ctime_ns / kNs), info.ctime_ns % kNs};
}

}  // namespace uk::posix

extern "C" _READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
	FileRef f(fd);
	if (!f || !f->ops->read || !can_read(f.get()))
		return fail(EBADF);
	return ret_uk<_READ_WRITE_RETURN_TYPE>(f->ops->read(f.get(), buf, len));
}

// O_APPEND is the file's business (its write reads f->flags).
extern "C" _READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
	FileRef f(fd);
	if (!f || !f->ops->write || !can_write(f.get()))
		return fail(EBADF);
	return ret_uk<_READ_WRITE_RETURN_TYPE>(f->ops->write(f.get(), buf, len));
}

extern "C" ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	FileRef f(fd);
	if (!f || !can_read(f.get()))
		return fail(EBADF);
	if (!f->ops->pread)
		return fail(ESPIPE);
	if (off < 0)
		return fail(EINVAL);
	return ret_uk<ssize_t>(f->ops->pread(f.get(), buf, len, off));
}

extern "C" ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	FileRef f(fd);
	if (!f || !can_write(f.get()))
		return fail(EBADF);
	if (!f->ops->pwrite)
		return fail(ESPIPE);
	if (off < 0)
		return fail(EINVAL);
	return ret_uk<ssize_t>(f->ops->pwrite(f.get(), buf, len, off));
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
	uk_file_info info{};
	info.mode = UK_S_IFCHR;
	if (f->ops->stat) {
		info.mode = 0;
		if (int rc = f->ops->stat(f.get(), &info); rc < 0)
			return fail_uk(rc);
	}
	uk::posix::fill_stat(info, st);
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

extern "C" int ftruncate(int fd, off_t len)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	if (!f->ops->truncate || !can_write(f.get()))
		return fail(EINVAL);
	return ret_uk(f->ops->truncate(f.get(), len));
}

extern "C" int fsync(int fd)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	return f->ops->fsync ? ret_uk(f->ops->fsync(f.get())) : fail(EINVAL);
}

extern "C" int fdatasync(int fd) { return fsync(fd); }

// FIONBIO sets O_NONBLOCK for any file; the rest is the file's.
extern "C" int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	FileRef f(fd);
	if (!f)
		return fail(EBADF);
	if (request == kFionbio) {
		if (!arg)
			return fail(EFAULT);
		if (*static_cast<int *>(arg))
			f->flags |= UK_O_NONBLOCK;
		else
			f->flags &= ~uint32_t{UK_O_NONBLOCK};
		return 0;
	}
	if (!f->ops->ioctl)
		return fail(ENOTTY);
	return ret_uk(f->ops->ioctl(f.get(), request, arg));
}

#if CONFIG_LIBPOSIX_PIPE
// pipe2's flags: O_NONBLOCK, O_CLOEXEC (means nothing without exec).
extern "C" int pipe2(int fds[2], int flags)
{
	if (!fds)
		return fail(EFAULT);
	if (flags & ~(O_NONBLOCK | O_CLOEXEC))
		return fail(EINVAL);
	return ret_uk(uk_pipe_create(fds, uk::posix::flags_from_newlib(flags)));
}

extern "C" int pipe(int fds[2]) { return pipe2(fds, 0); }
#else
// posix-pipe needs the scheduler (a pipe blocks one thread for another).
extern "C" int pipe(int *) { return fail(ENOSYS); }
extern "C" int pipe2(int *, int) { return fail(ENOSYS); }
#endif

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
		return uk::posix::flags_to_newlib(f->flags);
	case F_SETFL: {
		constexpr uint32_t kSettable = UK_O_APPEND | UK_O_NONBLOCK;
		f->flags = (f->flags & ~kSettable) |
			   (uk::posix::flags_from_newlib(arg) & kSettable);
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
UK_POSIX_ALIAS(fcntl);
