// SPDX-License-Identifier: BSD-3-Clause
//
// The C interface (uk/vfs.h, uk/vfs_fs.h) on the image's namespace.

#include "vfs.hpp"

namespace uk::vfs {
namespace {
constinit Vfs the_vfs;

template <typename T>
intptr_t to_c(Result<T> r)
{
	if (!r.ok())
		return r.error();
	if constexpr (std::is_void_v<T>)
		return 0;
	else
		return static_cast<intptr_t>(r.value());
}

}  // namespace

Vfs &global() { return the_vfs; }

}  // namespace uk::vfs

using uk::vfs::global;
using uk::vfs::to_c;

extern "C" void uk_vfs_init(struct uk_alloc *a) { global().init(a); }

extern "C" int uk_vfs_fstype_register(struct uk_vfs_fstype *type)
{
	return static_cast<int>(to_c(global().register_fstype(type)));
}

extern "C" int uk_vfs_mount(const char *source, const char *target,
			    const char *fstype, uint32_t flags, const char *opts)
{
	return static_cast<int>(to_c(global().mount(source, target, fstype, flags, opts)));
}

extern "C" int uk_vfs_umount(const char *target)
{
	return static_cast<int>(to_c(global().umount(target)));
}

extern "C" int uk_vfs_open(const char *path, uint32_t flags, uint32_t mode,
			   struct uk_file **out)
{
	auto r = global().open(path, flags, mode);
	if (!r.ok())
		return r.error();
	*out = r.value();
	return 0;
}

extern "C" int uk_vfs_stat(const char *path, struct uk_file_info *out)
{
	return static_cast<int>(to_c(global().stat(path, out, true)));
}

extern "C" int uk_vfs_lstat(const char *path, struct uk_file_info *out)
{
	return static_cast<int>(to_c(global().stat(path, out, false)));
}

extern "C" int uk_vfs_mkdir(const char *path, uint32_t mode)
{
	return static_cast<int>(to_c(global().mkdir(path, mode)));
}

extern "C" int uk_vfs_rmdir(const char *path)
{
	return static_cast<int>(to_c(global().rmdir(path)));
}

extern "C" int uk_vfs_unlink(const char *path)
{
	return static_cast<int>(to_c(global().unlink(path)));
}

extern "C" int uk_vfs_rename(const char *from, const char *to)
{
	return static_cast<int>(to_c(global().rename(from, to)));
}

extern "C" int uk_vfs_link(const char *from, const char *to)
{
	return static_cast<int>(to_c(global().link(from, to)));
}

extern "C" int uk_vfs_symlink(const char *target, const char *path)
{
	return static_cast<int>(to_c(global().symlink(target, path)));
}

extern "C" intptr_t uk_vfs_readlink(const char *path, char *buf, size_t len)
{
	return to_c(global().readlink(path, buf, len));
}

extern "C" int uk_vfs_truncate(const char *path, int64_t len)
{
	return static_cast<int>(to_c(global().truncate(path, len)));
}

extern "C" int uk_vfs_chmod(const char *path, uint32_t mode)
{
	uk_vattr a{};
	a.mode = mode & 07777;
	return static_cast<int>(to_c(global().setattr(path, a, UK_VATTR_MODE)));
}

extern "C" int uk_vfs_utimes(const char *path, int64_t atime_ns, int64_t mtime_ns)
{
	uk_vattr a{};
	uint32_t mask = 0;
	if (atime_ns >= 0) {
		a.atime_ns = atime_ns;
		mask |= UK_VATTR_ATIME;
	}
	if (mtime_ns >= 0) {
		a.mtime_ns = mtime_ns;
		mask |= UK_VATTR_MTIME;
	}
	return static_cast<int>(to_c(global().setattr(path, a, mask)));
}

extern "C" int uk_vfs_chdir(const char *path)
{
	return static_cast<int>(to_c(global().chdir(path)));
}

extern "C" int uk_vfs_fchdir(struct uk_file *f)
{
	return static_cast<int>(to_c(global().fchdir(f)));
}

extern "C" intptr_t uk_vfs_getcwd(char *buf, size_t len)
{
	return to_c(global().getcwd(buf, len));
}

extern "C" intptr_t uk_vfs_fgetpath(struct uk_file *dir, char *buf, size_t len)
{
	return to_c(global().fgetpath(dir, buf, len));
}

extern "C" intptr_t uk_vfs_realpath(const char *path, char *buf, size_t len)
{
	return to_c(global().realpath(path, buf, len));
}

extern "C" int uk_vfs_fchmod(struct uk_file *f, uint32_t mode)
{
	uk_vattr a{};
	a.mode = mode & 07777;
	return static_cast<int>(to_c(global().fsetattr(f, a, UK_VATTR_MODE)));
}

extern "C" uint32_t uk_vfs_umask(uint32_t mask) { return global().umask(mask); }
