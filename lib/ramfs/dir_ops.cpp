// SPDX-License-Identifier: BSD-3-Clause
//
// The directory operations of ramfs: lookup, create, symlink, link,
// unlink, rename, readdir. vfscore has checked the POSIX rules that need
// no knowledge of the tree (uk/vfs_fs.h); these check names, emptiness
// and room, and keep link counts and times as Linux's tmpfs does: a new
// or removed entry changes its directory's mtime and ctime, a link count
// change the node's ctime.

#include "nodes.hpp"

#include <string.h>

namespace uk::ramfs {

int rf_lookup(uk_vnode *dir, const char *name, size_t len, uk_vnode **out)
{
	Node *d = node_of(dir);
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (!d->dir.parent)
			return -UK_ENOENT;
		*out = &d->dir.parent->vn;
		return 0;
	}
	Entry *e = d->dir.find(name, len);
	if (!e)
		return -UK_ENOENT;
	*out = &e->node->vn;
	return 0;
}

namespace {

// Links a new node under @p name, or frees it again.
int attach(Node *d, const char *name, size_t len, Node *n, uk_vnode **out)
{
	auto e = d->dir.add(*d->fs, name, len, n);
	if (!e.ok()) {
		n->nlink = 0;
		free_node(n);
		return e.error();
	}
	if (n->is_dir()) {
		n->nlink = 2;
		n->dir.parent = d;
		++d->nlink;
	} else {
		n->nlink = 1;
	}
	touch_dir(d);
	*out = &n->vn;
	return 0;
}

}  // namespace

int rf_create(uk_vnode *dir, const char *name, size_t len, uint32_t mode,
	      uk_vnode **out)
{
	Node *d = node_of(dir);
	if (removed(d))
		return -UK_ENOENT;
	if (d->dir.find(name, len))
		return -UK_EEXIST;
	uint32_t type = mode & UK_S_IFMT;
	if (type != UK_S_IFREG && type != UK_S_IFDIR)
		return -UK_EINVAL;
	if (type == UK_S_IFDIR && d->nlink == kMaxLinks)
		return -UK_EMLINK;
	Node *n = make_node(*d->fs, mode);
	if (!n)
		return -UK_ENOSPC;
	return attach(d, name, len, n, out);
}

int rf_symlink(uk_vnode *dir, const char *name, size_t len, const char *target,
	       uk_vnode **out)
{
	Node *d = node_of(dir);
	if (removed(d))
		return -UK_ENOENT;
	if (d->dir.find(name, len))
		return -UK_EEXIST;
	Node *n = make_node(*d->fs, UK_S_IFLNK | 0777);
	if (!n)
		return -UK_ENOSPC;
	size_t tlen = strlen(target);
	n->target = static_cast<char *>(d->fs->alloc_bytes(tlen + 1));
	if (!n->target) {
		free_node(n);
		return -UK_ENOSPC;
	}
	memcpy(n->target, target, tlen + 1);
	n->target_len = tlen;
	return attach(d, name, len, n, out);
}

int rf_link(uk_vnode *dir, const char *name, size_t len, uk_vnode *vn)
{
	Node *d = node_of(dir), *n = node_of(vn);
	if (removed(d))
		return -UK_ENOENT;
	if (d->dir.find(name, len))
		return -UK_EEXIST;
	if (n->nlink == 0)
		return -UK_ENOENT; // unlinked while open: Linux refuses too
	if (n->nlink == kMaxLinks)
		return -UK_EMLINK;
	auto e = d->dir.add(*d->fs, name, len, n);
	if (!e.ok())
		return e.error();
	++n->nlink;
	n->ctime = d->fs->now();
	touch_dir(d);
	return 0;
}

namespace {

// The entry is gone: @p n loses the link it held (a directory: both of
// its own and the one its ".." held on the parent).
void unlinked(Node *d, Node *n)
{
	if (n->is_dir()) {
		n->nlink = 0;
		n->dir.parent = nullptr;
		--d->nlink;
	} else {
		--n->nlink;
	}
	n->ctime = d->fs->now();
	maybe_free(n);
}

}  // namespace

int rf_unlink(uk_vnode *dir, const char *name, size_t len)
{
	Node *d = node_of(dir);
	Entry *e = d->dir.find(name, len);
	if (!e)
		return -UK_ENOENT;
	Node *n = e->node;
	if (n->is_dir() && !n->dir.empty())
		return -UK_ENOTEMPTY;
	d->dir.remove(*d->fs, e);
	touch_dir(d);
	unlinked(d, n);
	return 0;
}

int rf_rename(uk_vnode *olddir, const char *oldname, size_t oldlen,
	      uk_vnode *newdir, const char *newname, size_t newlen)
{
	Node *od = node_of(olddir), *nd = node_of(newdir);
	Fs &fs = *od->fs;
	Entry *e = od->dir.find(oldname, oldlen);
	if (!e)
		return -UK_ENOENT;
	if (removed(nd))
		return -UK_ENOENT;
	Node *n = e->node;
	Entry *victim = nd->dir.find(newname, newlen);
	if (victim && victim->node == n)
		return 0;
	if (victim && victim->node->is_dir() && !victim->node->dir.empty())
		return -UK_ENOTEMPTY;
	if (n->is_dir() && od != nd && nd->nlink == kMaxLinks && !victim)
		return -UK_EMLINK;

	// Allocate first, change second: a failure leaves both names as
	// they were. Replacing reuses the victim's entry (no allocation).
	Node *replaced = nullptr;
	if (victim) {
		replaced = victim->node;
		victim->node = n;
	} else {
		auto added = nd->dir.add(fs, newname, newlen, n);
		if (!added.ok())
			return added.error();
	}
	od->dir.remove(fs, e);
	if (n->is_dir() && od != nd) {
		--od->nlink;
		++nd->nlink;
		n->dir.parent = nd;
	}
	n->ctime = fs.now();
	touch_dir(od);
	touch_dir(nd);
	if (replaced)
		unlinked(nd, replaced);
	return 0;
}

int rf_readdir(uk_vnode *dir, int64_t *pos, uk_dirent *out)
{
	Node *d = node_of(dir);
	auto put = [&](uint64_t ino, uint8_t type, const char *name, size_t len,
		       int64_t next) {
		out->ino = ino;
		out->type = type;
		memcpy(out->name, name, len);
		out->name[len] = '\0';
		out->next = next;
		*pos = next;
		return 1;
	};
	if (*pos <= 0)
		return put(d->vn.ino, UK_DT_DIR, ".", 1, 1);
	if (*pos == 1) {
		Node *p = d->dir.parent ? d->dir.parent : d;
		return put(p->vn.ino, UK_DT_DIR, "..", 2, 2);
	}
	Entry *e = d->dir.at_or_after(*pos);
	if (!e)
		return 0;
	static constexpr uint8_t kTypes[16] = {
		UK_DT_UNKNOWN, UK_DT_FIFO, UK_DT_CHR, UK_DT_UNKNOWN, UK_DT_DIR,
		UK_DT_UNKNOWN, UK_DT_BLK, UK_DT_UNKNOWN, UK_DT_REG,
		UK_DT_UNKNOWN, UK_DT_LNK, UK_DT_UNKNOWN, UK_DT_SOCK};
	return put(e->node->vn.ino, kTypes[(e->node->mode >> 12) & 15], e->name,
		   e->len, e->id + 1);
}

}  // namespace uk::ramfs
