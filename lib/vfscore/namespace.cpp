// SPDX-License-Identifier: BSD-3-Clause
//
// Calls on names: stat, mkdir, rmdir, unlink, rename, link, symlink,
// readlink, truncate, chmod/utimes (and fchmod). Each one
// walks to the parent directory (or the file), applies the POSIX checks
// that do not depend on the file system, then calls the driver.

#include "vfs.hpp"

namespace uk::vfs {

Result<void> vnode_info(uk_vnode *v, uk_file_info *out)
{
	uk_vattr a{};
	if (int rc = v->ops->getattr(v, &a); rc < 0)
		return Error{rc};
	*out = uk_file_info{};
	out->mode = a.mode;
	out->size = a.size;
	out->blocks = a.blocks;
	out->ino = v->ino;
	out->dev = v->mount->dev;
	out->rdev = a.rdev;
	out->nlink = a.nlink;
	out->blksize = 4096;
	out->atime_ns = a.atime_ns;
	out->mtime_ns = a.mtime_ns;
	out->ctime_ns = a.ctime_ns;
	return {};
}

Result<void> Vfs::stat(const char *path, uk_file_info *out, bool follow)
{
	UK_TRY(Walked w, walk(path, follow ? kFollow : 0));
	return vnode_info(w.node.get(), out);
}

Result<void> Vfs::mkdir(const char *path, uint32_t mode)
{
	UK_TRY(Walked w, walk(path, kParent));
	if (w.last.empty() || w.last.dot() || w.last.dotdot())
		return Error{-UK_EEXIST};
	uk_vnode *dir = w.node.get();
	if (!writable(dir).ok() || !dir->ops->create)
		return Error{-UK_EROFS};
	uk_vnode *made = nullptr;
	int rc = dir->ops->create(dir, w.last.p, w.last.len,
				  UK_S_IFDIR | (mode & 07777 & ~umask_), &made);
	if (rc < 0)
		return Error{rc};
	VnodeRef drop(made); // take and drop a reference: nobody holds it
	return {};
}

Result<void> Vfs::rmdir(const char *path)
{
	UK_TRY(Walked w, walk(path, kParent));
	if (w.last.empty())
		return Error{-UK_EBUSY};
	if (w.last.dot())
		return Error{-UK_EINVAL};
	if (w.last.dotdot())
		return Error{-UK_ENOTEMPTY};
	uk_vnode *dir = w.node.get();
	UK_TRY(VnodeRef v, lookup(dir, w.last, true));
	if (!is_dir(v.get()))
		return Error{-UK_ENOTDIR};
	if (v->covered)
		return Error{-UK_EBUSY};
	if (!writable(dir).ok())
		return Error{-UK_EROFS};
	if (!dir->ops->unlink)
		return Error{-UK_EROFS};
	return ok_or(dir->ops->unlink(dir, w.last.p, w.last.len));
}

Result<void> Vfs::unlink(const char *path)
{
	UK_TRY(Walked w, walk(path, kParent));
	if (w.last.empty() || w.last.dot() || w.last.dotdot())
		return Error{-UK_EISDIR};
	uk_vnode *dir = w.node.get();
	UK_TRY(VnodeRef v, lookup(dir, w.last, true));
	if (is_dir(v.get()))
		return Error{-UK_EISDIR};
	if (w.trailing_slash)
		return Error{-UK_ENOTDIR};
	if (!writable(dir).ok())
		return Error{-UK_EROFS};
	if (!dir->ops->unlink)
		return Error{-UK_EROFS};
	// The reference in v keeps an open-but-unlinked file's node until
	// its last user goes (inactive frees it then).
	return ok_or(dir->ops->unlink(dir, w.last.p, w.last.len));
}

// A directory must not move below itself: walk up from the new parent
// to the root of the file system (rename never crosses one).
Result<void> Vfs::check_not_below(uk_vnode *dir, uk_vnode *moved)
{
	VnodeRef v(dir);
	for (;;) {
		if (v.get() == moved)
			return Error{-UK_EINVAL};
		if (is_mount_root(v.get()))
			return {};
		UK_TRY(v, lookup(v.get(), Name{"..", 2}, true));
	}
}

Result<void> Vfs::rename(const char *from, const char *to)
{
	UK_TRY(Walked a, walk(from, kParent));
	UK_TRY(Walked b, walk(to, kParent));
	if (a.last.empty() || b.last.empty())
		return Error{-UK_EBUSY};
	if (a.last.dot() || a.last.dotdot() || b.last.dot() || b.last.dotdot())
		return Error{-UK_EINVAL};
	uk_vnode *olddir = a.node.get(), *newdir = b.node.get();
	UK_TRY(VnodeRef old, lookup(olddir, a.last, true));
	if (old->covered)
		return Error{-UK_EBUSY};
	if ((a.trailing_slash || b.trailing_slash) && !is_dir(old.get()))
		return Error{-UK_ENOTDIR};
	if (olddir->mount != newdir->mount)
		return Error{-UK_EXDEV};
	if (!writable(olddir).ok())
		return Error{-UK_EROFS};

	auto existing = lookup(newdir, b.last, true);
	if (existing.ok()) {
		uk_vnode *nv = existing.value().get();
		if (nv == old.get())
			return {}; // the same file: nothing to do
		if (nv->covered)
			return Error{-UK_EBUSY};
		if (is_dir(old.get()) && !is_dir(nv))
			return Error{-UK_ENOTDIR};
		if (!is_dir(old.get()) && is_dir(nv))
			return Error{-UK_EISDIR};
	} else if (existing.error() != -UK_ENOENT) {
		return Error{existing.error()};
	}
	if (is_dir(old.get())) {
		auto below = check_not_below(newdir, old.get());
		if (!below.ok())
			return below;
	}
	if (!olddir->ops->rename)
		return Error{-UK_EROFS};
	return ok_or(olddir->ops->rename(olddir, a.last.p, a.last.len, newdir,
					 b.last.p, b.last.len));
}

Result<void> Vfs::link(const char *from, const char *to)
{
	UK_TRY(Walked a, walk(from, 0));
	if (is_dir(a.node.get()))
		return Error{-UK_EPERM};
	UK_TRY(Walked b, walk(to, kParent));
	if (b.last.empty() || b.last.dot() || b.last.dotdot())
		return Error{-UK_EEXIST};
	uk_vnode *dir = b.node.get();
	if (b.trailing_slash)
		return Error{-UK_ENOENT};
	if (dir->mount != a.node->mount)
		return Error{-UK_EXDEV};
	if (!writable(dir).ok())
		return Error{-UK_EROFS};
	if (!dir->ops->link)
		return Error{-UK_EPERM};
	return ok_or(dir->ops->link(dir, b.last.p, b.last.len, a.node.get()));
}

Result<void> Vfs::symlink(const char *target, const char *path)
{
	size_t tlen = strnlen(target, UK_PATH_MAX);
	if (tlen == 0)
		return Error{-UK_ENOENT};
	if (tlen >= UK_PATH_MAX)
		return Error{-UK_ENAMETOOLONG};
	UK_TRY(Walked w, walk(path, kParent));
	if (w.last.empty() || w.last.dot() || w.last.dotdot())
		return Error{-UK_EEXIST};
	uk_vnode *dir = w.node.get();
	if (!writable(dir).ok())
		return Error{-UK_EROFS};
	if (!dir->ops->symlink)
		return Error{-UK_EPERM};
	uk_vnode *made = nullptr;
	int rc = dir->ops->symlink(dir, w.last.p, w.last.len, target, &made);
	if (rc < 0)
		return Error{rc};
	VnodeRef drop(made);
	return {};
}

Result<size_t> Vfs::readlink(const char *path, char *buf, size_t len)
{
	UK_TRY(Walked w, walk(path, 0));
	uk_vnode *v = w.node.get();
	if (!is_link(v) || !v->ops->readlink)
		return Error{-UK_EINVAL};
	intptr_t n = v->ops->readlink(v, buf, len);
	if (n < 0)
		return Error{static_cast<int>(n)};
	return static_cast<size_t>(n) < len ? static_cast<size_t>(n) : len;
}

Result<void> Vfs::truncate(const char *path, int64_t len)
{
	if (len < 0)
		return Error{-UK_EINVAL};
	UK_TRY(Walked w, walk(path, kFollow));
	uk_vnode *v = w.node.get();
	if (is_dir(v))
		return Error{-UK_EISDIR};
	if (!is_reg(v) || !v->ops->truncate)
		return Error{-UK_EINVAL};
	if (!writable(v).ok())
		return Error{-UK_EROFS};
	return ok_or(v->ops->truncate(v, len));
}

Result<void> Vfs::setattr(const char *path, const uk_vattr &a, uint32_t mask)
{
	UK_TRY(Walked w, walk(path, kFollow));
	uk_vnode *v = w.node.get();
	if (!writable(v).ok())
		return Error{-UK_EROFS};
	if (!v->ops->setattr)
		return Error{-UK_EPERM};
	return ok_or(v->ops->setattr(v, &a, mask));
}

Result<void> Vfs::fsetattr(uk_file *f, const uk_vattr &a, uint32_t mask)
{
	uk_vnode *v = file_vnode(f);
	if (!v)
		return Error{-UK_EBADF};
	if (!writable(v).ok())
		return Error{-UK_EROFS};
	if (!v->ops->setattr)
		return Error{-UK_EPERM};
	return ok_or(v->ops->setattr(v, &a, mask));
}

}  // namespace uk::vfs
