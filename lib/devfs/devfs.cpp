// SPDX-License-Identifier: BSD-3-Clause
//
// The file-system type "devfs": a root directory and one vnode per
// registered device, made at mount time in one allocation. Nothing can
// be created, removed or renamed (EPERM from vfscore: the operations are
// NULL). Times are the mount's.

#include "devfs.hpp"

#include <uk/alloc.h>

#include <new>
#include <string.h>

namespace uk::devfs {

Result<void> Registry::add(uk_devfs_device *dev)
{
	size_t len = dev->name ? strlen(dev->name) : 0;
	if (len == 0 || len > UK_NAME_MAX || strchr(dev->name, '/') ||
	    strcmp(dev->name, ".") == 0 || strcmp(dev->name, "..") == 0)
		return Error{-UK_EINVAL};
	uk_devfs_device **tail = &head;
	for (; *tail; tail = &(*tail)->next)
		if (*tail == dev || strcmp((*tail)->name, dev->name) == 0)
			return Error{-UK_EEXIST};
	dev->next = nullptr;
	*tail = dev; // registration order is listing order
	return {};
}

namespace {

struct DevNode {
	uk_vnode vn;
	uk_devfs_device *dev; // nullptr: the root
};

struct Instance {
	uk_alloc *alloc;
	size_t count; // devices
	int64_t time;
	DevNode nodes[1]; // [0] is the root, then count devices
	static size_t size_for(size_t n) { return offsetof(Instance, nodes) + (n + 1) * sizeof(DevNode); }
};

Instance *inst(uk_vnode *v) { return static_cast<Instance *>(uk_vfs_mount_priv(v->mount)); }
uk_devfs_device *dev_of(uk_vnode *v) { return static_cast<DevNode *>(v->priv)->dev; }

int d_lookup(uk_vnode *dir, const char *name, size_t len, uk_vnode **out)
{
	Instance *in = inst(dir);
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = dir;
		return 0;
	}
	for (size_t i = 1; i <= in->count; ++i) {
		const char *n = in->nodes[i].dev->name;
		if (strlen(n) == len && memcmp(n, name, len) == 0) {
			*out = &in->nodes[i].vn;
			return 0;
		}
	}
	return -UK_ENOENT;
}

int d_readdir(uk_vnode *dir, int64_t *pos, uk_dirent *out)
{
	Instance *in = inst(dir);
	int64_t p = *pos < 0 ? 0 : *pos;
	if (static_cast<size_t>(p) >= in->count + 2)
		return 0;
	const char *name = p == 0 ? "." : p == 1 ? ".." : in->nodes[p - 1].dev->name;
	const DevNode &n = p < 2 ? in->nodes[0] : in->nodes[p - 1];
	out->ino = n.vn.ino;
	out->type = p < 2 ? UK_DT_DIR
			  : ((n.dev->mode & UK_S_IFMT) == UK_S_IFBLK ? UK_DT_BLK : UK_DT_CHR);
	strcpy(out->name, name);
	out->next = *pos = p + 1;
	return 1;
}

intptr_t d_read(uk_vnode *vn, void *buf, size_t len, int64_t off)
{
	uk_devfs_device *d = dev_of(vn);
	return d->read ? d->read(d, buf, len, off) : -UK_EINVAL;
}

intptr_t d_write(uk_vnode *vn, const void *buf, size_t len, int64_t off)
{
	uk_devfs_device *d = dev_of(vn);
	return d->write ? d->write(d, buf, len, off) : -UK_EINVAL;
}

int d_getattr(uk_vnode *vn, uk_vattr *out)
{
	Instance *in = inst(vn);
	uk_devfs_device *d = dev_of(vn);
	*out = uk_vattr{};
	out->mode = d ? d->mode : (UK_S_IFDIR | 0755);
	out->nlink = d ? 1 : 2;
	out->rdev = d ? d->rdev : 0;
	out->atime_ns = out->mtime_ns = out->ctime_ns = in->time;
	return 0;
}

uint32_t d_poll(uk_vnode *vn)
{
	uk_devfs_device *d = dev_of(vn);
	return d->poll ? d->poll(d) : UK_POLLIN | UK_POLLOUT;
}

int d_ioctl(uk_vnode *vn, unsigned long request, void *arg)
{
	uk_devfs_device *d = dev_of(vn);
	return d->ioctl ? d->ioctl(d, request, arg) : -UK_ENOTTY;
}

constexpr uk_vnode_ops kRootOps = [] {
	uk_vnode_ops o{};
	o.lookup = d_lookup;
	o.readdir = d_readdir;
	o.getattr = d_getattr;
	return o;
}();

constexpr uk_vnode_ops kDeviceOps = [] {
	uk_vnode_ops o{};
	o.read = d_read;
	o.write = d_write;
	o.getattr = d_getattr;
	o.poll = d_poll;
	o.ioctl = d_ioctl;
	return o;
}();

}  // namespace

int fs_mount(const uk_vfs_fstype *type, uk_mount *mnt, const char *,
	     const char *opts, uk_vnode **root)
{
	if (opts && *opts)
		return -UK_EINVAL; // devfs has no options
	auto *reg = static_cast<Registry *>(type->priv);
	size_t n = 0;
	for (uk_devfs_device *d = reg->head; d; d = d->next)
		++n;
	uk_alloc *a = uk_vfs_mount_alloc(mnt);
	void *mem = uk_malloc(a, Instance::size_for(n));
	if (!mem)
		return -UK_ENOMEM;
	auto *in = static_cast<Instance *>(mem);
	in->alloc = a;
	in->count = n;
	in->time = static_cast<int64_t>(reg->clock());
	uk_devfs_device *d = reg->head;
	for (size_t i = 0; i <= n; ++i) {
		DevNode *node = new (&in->nodes[i]) DevNode{};
		node->dev = i ? d : nullptr;
		if (i)
			d = d->next;
		node->vn.ops = i ? &kDeviceOps : &kRootOps;
		node->vn.mount = mnt;
		node->vn.priv = node;
		node->vn.ino = i + 1;
		node->vn.type = i ? (node->dev->mode & UK_S_IFMT) : UK_S_IFDIR;
	}
	uk_vfs_mount_set_priv(mnt, in);
	*root = &in->nodes[0].vn;
	return 0;
}

void fs_unmount(uk_mount *mnt)
{
	auto *in = static_cast<Instance *>(uk_vfs_mount_priv(mnt));
	uk_free(in->alloc, in);
}

}  // namespace uk::devfs
