// SPDX-License-Identifier: BSD-3-Clause
//
// File-system types and the mount table. The first mount is the root;
// later ones cover a directory, which the walk then enters at the
// mount's root. A mount holds a reference to its root and to the
// directory it covers; it can go when nothing else references a vnode
// of it and nothing is mounted inside it.

#include "vfs.hpp"

#include <new>

namespace uk::vfs {

Result<void> Vfs::register_fstype(uk_vfs_fstype *t)
{
	UK_ASSERT(t && t->name && t->mount && t->unmount);
	for (uk_vfs_fstype *p = types_; p; p = p->next)
		if (p == t || strcmp(p->name, t->name) == 0)
			return Error{-UK_EEXIST};
	t->next = types_;
	types_ = t;
	return {};
}

Result<void> Vfs::mount(const char *source, const char *target,
			const char *fstype, uint32_t flags, const char *opts)
{
	const uk_vfs_fstype *type = types_;
	while (type && strcmp(type->name, fstype) != 0)
		type = type->next;
	if (!type)
		return Error{-UK_ENODEV};
	if (!alloc_)
		return Error{-UK_ENOMEM};

	VnodeRef covered;
	if (root_) {
		UK_TRY(Walked w, walk(target, kFollow));
		if (!is_dir(w.node.get()))
			return Error{-UK_ENOTDIR};
		if (w.node.get() == root_)
			return Error{-UK_EBUSY}; // no mount over "/"
		covered = std::move(w.node);
	} else {
		// The first mount is the root: "/" (any number of slashes).
		size_t i = 0;
		while (target[i] == '/')
			++i;
		if (i == 0 || target[i] != '\0')
			return Error{-UK_ENOENT};
	}

	void *mem = uk_malloc(alloc_, sizeof(uk_mount));
	if (!mem)
		return Error{-UK_ENOMEM};
	auto *m = new (mem) uk_mount;
	m->type = type;
	m->alloc = alloc_;
	m->dev = next_dev_;
	m->flags = flags;
	uk_vnode *root = nullptr;
	int rc = type->mount(type, m, source ? source : "", opts ? opts : "", &root);
	if (rc < 0) {
		m->~uk_mount();
		uk_free(alloc_, m);
		return Error{rc};
	}
	UK_ASSERT(root && root->mount == m && is_dir(root));
	++next_dev_;
	vget(root);
	m->root = root;
	mounts_.push_back(*m);
	if (covered) {
		covered->covered = m;
		m->covered = covered.release();
	} else {
		root_ = root;
		cwd_ = root;
		vget(cwd_);
	}
	return {};
}

// Takes down @p m; the caller checked that nothing uses it.
Result<void> Vfs::unmount(uk_mount *m)
{
	for (uk_mount &o : mounts_)
		if (o.covered && o.covered->mount == m)
			return Error{-UK_EBUSY}; // something mounted inside
	if (m->vnode_refs != 1) // only the mount's own root reference
		return Error{-UK_EBUSY};
	mounts_.remove(*m);
	if (m->covered) {
		m->covered->covered = nullptr;
		vput(m->covered);
	} else {
		root_ = nullptr;
	}
	vput(m->root);
	m->type->unmount(m);
	uk_alloc *a = m->alloc;
	m->~uk_mount();
	uk_free(a, m);
	return {};
}

Result<void> Vfs::umount(const char *target)
{
	UK_TRY(Walked w, walk(target, kFollow));
	uk_vnode *v = w.node.get();
	if (!is_mount_root(v))
		return Error{-UK_EINVAL};
	uk_mount *m = v->mount;
	w.node.reset();
	return unmount(m);
}

Result<void> Vfs::shutdown()
{
	if (cwd_)
		vput(std::exchange(cwd_, nullptr));
	while (uk_mount *m = mounts_.back()) {
		auto r = unmount(m);
		if (!r.ok())
			return r;
	}
	return {};
}

}  // namespace uk::vfs

extern "C" uk_alloc *uk_vfs_mount_alloc(struct uk_mount *mnt) { return mnt->alloc; }
extern "C" void *uk_vfs_mount_priv(struct uk_mount *mnt) { return mnt->priv; }
extern "C" void uk_vfs_mount_set_priv(struct uk_mount *mnt, void *priv)
{
	mnt->priv = priv;
}
