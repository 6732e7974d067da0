// SPDX-License-Identifier: BSD-3-Clause
//
// Between fs.cpp (making and freeing nodes), dir_ops.cpp and
// file_ops.cpp (the operations vfscore calls).
#pragma once

#include "ramfs.hpp"

namespace uk::ramfs {

extern const uk_vnode_ops kVnodeOps;

/** @return a node of @p mode (type and permissions) with no links and
 * all times now, or nullptr when out of room. */
Node *make_node(Fs &fs, uint32_t mode);

/** Frees @p n and its data; nothing links or references it. */
void free_node(Node *n);

/** Frees every node of @p fs (unmount). */
void destroy_tree(Fs &fs);

inline constexpr uint32_t kMaxLinks = 0xffffffffu;

/** A new or removed entry: the directory's mtime and ctime are now. */
inline void touch_dir(Node *d) { d->mtime = d->ctime = d->fs->now(); }

/** Frees @p n once nothing links or references it. */
inline void maybe_free(Node *n)
{
	if (n->nlink == 0 && n->vn.refcnt == 0)
		free_node(n);
}

/** A removed directory takes no new entries (Linux: ENOENT). */
inline bool removed(const Node *d) { return d->nlink == 0; }

// The directory operations (dir_ops.cpp), in the table of file_ops.cpp.
int rf_lookup(uk_vnode *dir, const char *name, size_t len, uk_vnode **out);
int rf_create(uk_vnode *dir, const char *name, size_t len, uint32_t mode,
	      uk_vnode **out);
int rf_symlink(uk_vnode *dir, const char *name, size_t len, const char *target,
	       uk_vnode **out);
int rf_link(uk_vnode *dir, const char *name, size_t len, uk_vnode *vn);
int rf_unlink(uk_vnode *dir, const char *name, size_t len);
int rf_rename(uk_vnode *olddir, const char *oldname, size_t oldlen,
	      uk_vnode *newdir, const char *newname, size_t newlen);
int rf_readdir(uk_vnode *dir, int64_t *pos, uk_dirent *out);

}  // namespace uk::ramfs
