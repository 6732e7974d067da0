// SPDX-License-Identifier: BSD-3-Clause
//
// The working directory and path names from the tree: chdir, fchdir,
// getcwd and realpath. Names are found upwards ("..", then the entry of
// the parent whose inode number matches), so a renamed directory shows
// its new path and a removed one is ENOENT.

#include "vfs.hpp"

namespace uk::vfs {

Result<void> Vfs::chdir(const char *path)
{
	UK_TRY(Walked w, walk(path, kFollow));
	if (!is_dir(w.node.get()))
		return Error{-UK_ENOTDIR};
	if (cwd_)
		vput(cwd_);
	cwd_ = w.node.release();
	return {};
}

Result<void> Vfs::fchdir(uk_file *f)
{
	uk_vnode *v = file_vnode(f);
	if (!v)
		return Error{-UK_EBADF};
	if (!is_dir(v))
		return Error{-UK_ENOTDIR};
	vget(v);
	if (cwd_)
		vput(cwd_);
	cwd_ = v;
	return {};
}

namespace {

// Finds the name of @p v in its parent @p dir (same file system) from
// the inode numbers of the entries. @return its length, or -ENOENT.
Result<size_t> name_in(uk_vnode *dir, const uk_vnode *v, uk_dirent *ent)
{
	if (!dir->ops->readdir)
		return Error{-UK_ENOENT};
	int64_t pos = 0;
	for (;;) {
		int rc = dir->ops->readdir(dir, &pos, ent);
		if (rc < 0)
			return Error{rc};
		if (rc == 0)
			return Error{-UK_ENOENT}; // v was removed
		Name n{ent->name, strlen(ent->name)};
		if (ent->ino == v->ino && !n.dot() && !n.dotdot())
			return n.len;
	}
}

}  // namespace

// Builds the path of directory @p dir from the tree, right to left in a
// scratch buffer: the names come from the tree as it is now.
Result<size_t> Vfs::path_of(uk_vnode *dir, char *buf, size_t len)
{
	UK_TRY(PathBuf tmp, PathBuf::make(alloc_));
	uk_dirent ent;
	char *out = tmp.data();
	size_t pos = UK_PATH_MAX - 1;
	out[pos] = '\0';
	VnodeRef cur(dir);
	while (cur.get() != root_) {
		uk_vnode *v = cur.get();
		while (is_mount_root(v) && v->mount->covered)
			v = v->mount->covered;
		if (v == root_)
			break;
		UK_TRY(VnodeRef parent, lookup(v, Name{"..", 2}, true));
		UK_TRY(size_t n, name_in(parent.get(), v, &ent));
		if (n + 1 > pos)
			return Error{-UK_ENAMETOOLONG};
		pos -= n;
		memcpy(out + pos, ent.name, n);
		out[--pos] = '/';
		cur = std::move(parent);
	}
	if (pos == UK_PATH_MAX - 1)
		out[--pos] = '/';
	size_t n = UK_PATH_MAX - 1 - pos;
	if (n + 1 > len)
		return Error{-UK_ERANGE};
	memcpy(buf, out + pos, n + 1);
	return n;
}

Result<size_t> Vfs::getcwd(char *buf, size_t len)
{
	if (!cwd_)
		return Error{-UK_ENOENT};
	return path_of(cwd_, buf, len);
}

Result<size_t> Vfs::fgetpath(uk_file *dir, char *buf, size_t len)
{
	uk_vnode *v = file_vnode(dir);
	if (!v)
		return Error{-UK_EBADF};
	if (!is_dir(v))
		return Error{-UK_ENOTDIR};
	return path_of(v, buf, len);
}

// Every symlink resolved, "." and ".." gone: the directory part comes
// from path_of(), a final non-directory keeps its own name.
Result<size_t> Vfs::realpath(const char *path, char *buf, size_t len)
{
	int links = 0;
	VnodeRef start(cwd_);
	PathBuf target; // the path being resolved, once a final link moved it
	const char *p = path;
	for (;;) {
		UK_TRY(Walked w, walk(start.get(), p, kParent, &links));
		if (w.last.empty() || w.last.dot() || w.last.dotdot()) {
			VnodeRef d = std::move(w.node);
			if (w.last.dotdot()) {
				UK_TRY(d, parent_of(d.get()));
			}
			return path_of(d.get(), buf, len);
		}
		UK_TRY(VnodeRef v, lookup(w.node.get(), w.last));
		if (is_link(v.get())) {
			if (++links > UK_VFS_MAX_SYMLINKS)
				return Error{-UK_ELOOP};
			UK_TRY(PathBuf next, PathBuf::make(alloc_));
			intptr_t n = v->ops->readlink(v.get(), next.data(), UK_PATH_MAX - 1);
			if (n < 0)
				return Error{static_cast<int>(n)};
			if (n == 0)
				return Error{-UK_ENOENT};
			next.data()[n] = '\0';
			start = std::move(w.node); // relative to the link's directory
			target = std::move(next);
			p = target.data();
			continue;
		}
		if (w.trailing_slash && !is_dir(v.get()))
			return Error{-UK_ENOTDIR};
		if (is_dir(v.get()))
			return path_of(v.get(), buf, len);
		UK_TRY(size_t n, path_of(w.node.get(), buf, len));
		size_t at = n == 1 ? 1 : n + 1; // "/" + name, or dir + "/" + name
		if (at + w.last.len + 1 > len)
			return Error{-UK_ERANGE};
		buf[at - 1] = '/';
		memcpy(buf + at, w.last.p, w.last.len);
		buf[at + w.last.len] = '\0';
		return at + w.last.len;
	}
}

}  // namespace uk::vfs
