// SPDX-License-Identifier: BSD-3-Clause
//
// The file and attribute operations of ramfs, and the operation table.
// Times as Linux's tmpfs keeps them: a write or truncate sets the file's
// mtime and ctime, a read its atime, an attribute change the ctime.

#include "nodes.hpp"

#include <string.h>

namespace uk::ramfs {
namespace {

intptr_t rf_read(uk_vnode *vn, void *buf, size_t len, int64_t off)
{
	Node *n = node_of(vn);
	size_t got = n->data.read(off, buf, len);
	n->atime = n->fs->now();
	return static_cast<intptr_t>(got);
}

intptr_t rf_write(uk_vnode *vn, const void *buf, size_t len, int64_t off)
{
	Node *n = node_of(vn);
	if (len == 0)
		return 0;
	auto r = n->data.write(*n->fs, off, buf, len);
	if (!r.ok())
		return r.error();
	n->mtime = n->ctime = n->fs->now();
	return static_cast<intptr_t>(r.value());
}

int rf_truncate(uk_vnode *vn, int64_t len)
{
	Node *n = node_of(vn);
	auto r = n->data.truncate(*n->fs, len);
	if (!r.ok())
		return r.error();
	n->mtime = n->ctime = n->fs->now();
	return 0;
}

intptr_t rf_readlink(uk_vnode *vn, char *buf, size_t len)
{
	Node *n = node_of(vn);
	memcpy(buf, n->target, n->target_len < len ? n->target_len : len);
	return static_cast<intptr_t>(n->target_len);
}

int rf_getattr(uk_vnode *vn, uk_vattr *out)
{
	Node *n = node_of(vn);
	out->mode = n->mode;
	out->nlink = n->nlink;
	if (n->is_dir())
		out->size = FileData::kBlock;
	else if (n->target)
		out->size = static_cast<int64_t>(n->target_len);
	else
		out->size = n->data.size();
	out->blocks = static_cast<int64_t>((n->data.storage() + 511) / 512);
	out->rdev = 0;
	out->atime_ns = n->atime;
	out->mtime_ns = n->mtime;
	out->ctime_ns = n->ctime;
	return 0;
}

int rf_setattr(uk_vnode *vn, const uk_vattr *in, uint32_t mask)
{
	Node *n = node_of(vn);
	if (mask & UK_VATTR_MODE)
		n->mode = (n->mode & UK_S_IFMT) | (in->mode & 07777);
	if (mask & UK_VATTR_ATIME)
		n->atime = in->atime_ns;
	if (mask & UK_VATTR_MTIME)
		n->mtime = in->mtime_ns;
	n->ctime = n->fs->now();
	return 0;
}

void rf_inactive(uk_vnode *vn) { maybe_free(node_of(vn)); }

}  // namespace

constexpr uk_vnode_ops kVnodeOps = {
	.lookup = rf_lookup,
	.create = rf_create,
	.symlink = rf_symlink,
	.link = rf_link,
	.unlink = rf_unlink,
	.rename = rf_rename,
	.readdir = rf_readdir,
	.read = rf_read,
	.write = rf_write,
	.truncate = rf_truncate,
	.readlink = rf_readlink,
	.getattr = rf_getattr,
	.setattr = rf_setattr,
	.poll = nullptr,
	.ioctl = nullptr,
	.open = nullptr,
	.fsync = nullptr,
	.inactive = rf_inactive,
};

}  // namespace uk::ramfs
