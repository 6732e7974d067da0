// SPDX-License-Identifier: BSD-3-Clause
//
// The path walk. Components are looked up one by one from the root or a
// start directory; "." stays, ".." goes up (leaving a mounted file
// system at its root, staying at "/"), a directory with a mount on it
// is entered at the mount's root, and a symbolic link is replaced by its
// target followed by the rest of the path (in a scratch buffer: the
// caller's string is never written). No allocation unless a symlink is
// followed.

#include "vfs.hpp"

namespace uk::vfs {

Result<VnodeRef> Vfs::lookup(uk_vnode *dir, Name name, bool raw)
{
	uk_vnode *out = nullptr;
	if (int rc = dir->ops->lookup(dir, name.p, name.len, &out); rc < 0)
		return Error{rc};
	UK_ASSERT(out && out->mount);
	while (!raw && out->covered)
		out = out->covered->root;
	return VnodeRef(out);
}

// "..": out of a mounted file system first (to the directory it covers),
// then the driver's parent. The root of the namespace is its own parent.
Result<VnodeRef> Vfs::parent_of(uk_vnode *dir)
{
	uk_vnode *v = dir;
	while (v != root_ && is_mount_root(v) && v->mount->covered)
		v = v->mount->covered;
	if (v == root_)
		return VnodeRef(root_);
	return lookup(v, Name{"..", 2});
}

namespace {

// @p buf holds a link's target (@p tlen bytes); appends "/" and the rest
// of the path (@p tail, which lives elsewhere), or just "/" when
// @p slash_only: what is left to walk. @return the length or
// -ENAMETOOLONG.
Result<size_t> append_tail(char *buf, size_t tlen, const char *tail,
			   size_t taillen, bool slash_only)
{
	size_t n = tlen + (slash_only ? 1 : (taillen ? 1 + taillen : 0));
	if (n >= UK_PATH_MAX)
		return Error{-UK_ENAMETOOLONG};
	if (slash_only || taillen)
		buf[tlen] = '/';
	if (!slash_only && taillen)
		memcpy(buf + tlen + 1, tail, taillen);
	buf[n] = '\0';
	return n;
}

}  // namespace

// The rest of the walk, [*p, *end), becomes @p link's target followed by
// it (by "/" alone when only a trailing slash was left: "must be a
// directory" stays), in a new buffer that replaces *@p buf.
// @return whether the target is absolute.
Result<bool> Vfs::splice_link(uk_vnode *link, const char **p, const char **end,
			      bool trailing, PathBuf *buf)
{
	UK_TRY(PathBuf nbuf, PathBuf::make(alloc_));
	char *t = nbuf.data();
	intptr_t tlen = link->ops->readlink(link, t, UK_PATH_MAX);
	if (tlen < 0)
		return Error{static_cast<int>(tlen)};
	if (tlen == 0)
		return Error{-UK_ENOENT};
	if (static_cast<size_t>(tlen) >= UK_PATH_MAX)
		return Error{-UK_ENAMETOOLONG};
	// The rest lives in the old buffer or the caller's string.
	UK_TRY(size_t n, append_tail(t, static_cast<size_t>(tlen), *p,
				     static_cast<size_t>(*end - *p), trailing));
	*buf = std::move(nbuf);
	*p = buf->data();
	*end = *p + n;
	return t[0] == '/';
}

Result<Walked> Vfs::walk(uk_vnode *start, const char *path, unsigned flags,
			 int *links)
{
	size_t len = strnlen(path, UK_PATH_MAX);
	if (len == 0)
		return Error{-UK_ENOENT};
	if (len >= UK_PATH_MAX)
		return Error{-UK_ENAMETOOLONG};
	uk_vnode *first = path[0] == '/' ? root_ : start;
	if (!first)
		return Error{-UK_ENOENT}; // nothing mounted
	VnodeRef cur(first);
	PathBuf buf; // holds the path once a symlink rewrote it
	const char *p = path, *end = path + len;

	for (;;) {
		while (p < end && *p == '/')
			++p;
		if (p == end) { // only slashes left: "/" or a link to "/"
			Walked w;
			w.node = std::move(cur);
			w.trailing_slash = true;
			w.buf = std::move(buf);
			return w;
		}
		Name name{p, 0};
		while (p < end && *p != '/')
			++p;
		name.len = static_cast<size_t>(p - name.p);
		if (name.len > UK_NAME_MAX)
			return Error{-UK_ENAMETOOLONG};
		const char *q = p;
		while (q < end && *q == '/')
			++q;
		const bool last = q == end;
		const bool trailing = last && q != p;
		if (!is_dir(cur.get()))
			return Error{-UK_ENOTDIR};

		if (last && (flags & kParent)) {
			Walked w;
			w.node = std::move(cur);
			w.last = name;
			w.trailing_slash = trailing;
			w.buf = std::move(buf);
			return w;
		}
		p = q;
		VnodeRef next;
		if (name.dot()) {
			next = std::move(cur);
		} else if (name.dotdot()) {
			UK_TRY(next, parent_of(cur.get()));
		} else {
			UK_TRY(next, lookup(cur.get(), name));
		}

		if (is_link(next.get()) && (!last || trailing || (flags & kFollow))) {
			if (++*links > UK_VFS_MAX_SYMLINKS)
				return Error{-UK_ELOOP};
			UK_TRY(bool absolute, splice_link(next.get(), &p, &end, trailing, &buf));
			if (absolute)
				cur = VnodeRef(root_);
			continue; // relative: from the link's own directory
		}
		if (last) {
			if (trailing && !is_dir(next.get()))
				return Error{-UK_ENOTDIR};
			Walked w;
			w.node = std::move(next);
			w.buf = std::move(buf);
			return w;
		}
		cur = std::move(next);
	}
}

}  // namespace uk::vfs
