// SPDX-License-Identifier: BSD-3-Clause
//
// open(): the walk with O_CREAT (creating the last component, or
// following an existing symlink to create its target) or without it
// (following symlinks unless O_NOFOLLOW), then the checks of the flags
// against what was found, then the open file.

#include "vfs.hpp"

namespace uk::vfs {

// O_CREAT: the last component is made unless it exists; an existing
// symlink is followed (its target is created if missing, as on Linux)
// unless O_EXCL or O_NOFOLLOW say otherwise.
Result<VnodeRef> Vfs::create_or_find(Walked &w, uint32_t flags, uint32_t mode,
				     int *links)
{
	uk_vnode *dir = w.node.get();
	if (w.last.empty() || w.last.dot() || w.last.dotdot())
		return Error{-UK_EISDIR};
	auto found = lookup(dir, w.last);
	if (found.ok()) {
		VnodeRef v = found.take();
		if (flags & UK_O_EXCL)
			return Error{-UK_EEXIST};
		if (w.trailing_slash)
			return Error{-UK_EISDIR};
		if (!is_link(v.get()))
			return v;
		if (flags & UK_O_NOFOLLOW)
			return Error{-UK_ELOOP};
		if (++*links > UK_VFS_MAX_SYMLINKS)
			return Error{-UK_ELOOP};
		UK_TRY(PathBuf target, PathBuf::make(alloc_));
		intptr_t n = v->ops->readlink(v.get(), target.data(), UK_PATH_MAX);
		if (n < 0)
			return Error{static_cast<int>(n)};
		if (n == 0)
			return Error{-UK_ENOENT};
		if (n >= UK_PATH_MAX)
			return Error{-UK_ENAMETOOLONG};
		target.data()[n] = '\0';
		UK_TRY(Walked next, walk(dir, target.data(), kParent, links));
		return create_or_find(next, flags, mode, links);
	}
	if (found.error() != -UK_ENOENT)
		return Error{found.error()};
	if (w.trailing_slash)
		return Error{-UK_EISDIR};
	if (!writable(dir).ok() || !dir->ops->create)
		return Error{-UK_EROFS};
	uk_vnode *made = nullptr;
	int rc = dir->ops->create(dir, w.last.p, w.last.len,
				  UK_S_IFREG | (mode & 07777 & ~umask_), &made);
	if (rc < 0)
		return Error{rc};
	return VnodeRef(made);
}

Result<uk_file *> Vfs::open_at(uk_vnode *start, const char *path,
			       uint32_t flags, uint32_t mode, int *links)
{
	const uint32_t acc = flags & UK_O_ACCMODE;
	if (acc == UK_O_ACCMODE)
		return Error{-UK_EINVAL};
	FileMem mem(alloc_);
	if (!mem)
		return Error{-UK_ENOMEM};
	VnodeRef v;
	if (flags & UK_O_CREAT) {
		UK_TRY(Walked w, walk(start, path, kParent, links));
		UK_TRY(v, create_or_find(w, flags, mode, links));
		if (is_dir(v.get()))
			return Error{-UK_EISDIR};
	} else {
		UK_TRY(Walked w, walk(start, path,
				      (flags & UK_O_NOFOLLOW) ? 0 : kFollow, links));
		v = std::move(w.node);
		if (is_link(v.get()))
			return Error{-UK_ELOOP}; // O_NOFOLLOW on a symlink
	}
	const bool writes = acc != UK_O_RDONLY || (flags & UK_O_TRUNC);
	if ((flags & UK_O_DIRECTORY) && !is_dir(v.get()))
		return Error{-UK_ENOTDIR};
	if (is_dir(v.get()) && writes)
		return Error{-UK_EISDIR};
	if (writes && is_reg(v.get()) && !writable(v.get()).ok())
		return Error{-UK_EROFS};

	constexpr uint32_t kKept = UK_O_ACCMODE | UK_O_APPEND | UK_O_NONBLOCK;
	uk_file *f = mem.make(v.get(), flags & kKept);
	if (v->ops->open) {
		if (int rc = v->ops->open(v.get(), flags); rc < 0) {
			uk_file_put(f);
			return Error{rc};
		}
	}
	if ((flags & UK_O_TRUNC) && is_reg(v.get())) {
		int rc = v->ops->truncate ? v->ops->truncate(v.get(), 0) : -UK_EINVAL;
		if (rc < 0) {
			uk_file_put(f);
			return Error{rc};
		}
	}
	return f;
}

Result<uk_file *> Vfs::open(const char *path, uint32_t flags, uint32_t mode)
{
	int links = 0;
	return open_at(cwd_, path, flags, mode, &links);
}

}  // namespace uk::vfs
