// SPDX-License-Identifier: BSD-3-Clause
//
// A ramfs instance: memory charged against the size= limit, mount
// options, making and freeing nodes, and taking the whole tree down at
// unmount.

#include "ramfs.hpp"
#include "nodes.hpp"

#include <new>
#include <string.h>

namespace uk::ramfs {

void *Fs::alloc_bytes(size_t n)
{
	if (limit && used + n > limit)
		return nullptr;
	void *p = uk_malloc(alloc, n);
	if (p)
		used += n;
	return p;
}

void Fs::free_bytes(void *p, size_t n)
{
	UK_ASSERT(used >= n);
	used -= n;
	uk_free(alloc, p);
}

void *Fs::alloc_page()
{
	if (limit && used + FileData::kBlock > limit)
		return nullptr;
	void *p = uk_palloc(alloc, 1);
	if (p)
		used += FileData::kBlock;
	return p;
}

void Fs::free_page(void *p)
{
	UK_ASSERT(used >= FileData::kBlock);
	used -= FileData::kBlock;
	uk_pfree(alloc, p, 1);
}

Result<uint64_t> parse_size(const char *s, size_t len)
{
	uint64_t v = 0;
	size_t i = 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; ++i)
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, static_cast<uint64_t>(s[i] - '0'), &v))
			return Error{-UK_EINVAL};
	if (i == 0)
		return Error{-UK_EINVAL};
	if (i < len) {
		unsigned shift;
		switch (s[i]) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return Error{-UK_EINVAL};
		}
		if (i + 1 != len || (v >> (64 - shift)) != 0)
			return Error{-UK_EINVAL};
		v <<= shift;
	}
	return v;
}

namespace {

// "size=16M": the only option. Unknown ones are an error, as on Linux.
Result<void> parse_options(Fs &fs, const char *opts)
{
	const char *p = opts;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? static_cast<size_t>(end - p) : strlen(p);
		if (n > 5 && memcmp(p, "size=", 5) == 0) {
			UK_TRY(fs.limit, parse_size(p + 5, n - 5));
		} else if (n) {
			return Error{-UK_EINVAL};
		}
		p += n + (end ? 1 : 0);
	}
	return {};
}

}  // namespace

Node *make_node(Fs &fs, uint32_t mode)
{
	void *mem = fs.alloc_bytes(sizeof(Node));
	if (!mem)
		return nullptr;
	auto *n = new (mem) Node;
	n->fs = &fs;
	n->mode = mode;
	n->atime = n->mtime = n->ctime = fs.now();
	n->vn.ops = &kVnodeOps;
	n->vn.mount = fs.mount;
	n->vn.priv = n;
	n->vn.ino = fs.next_ino++;
	n->vn.type = mode & UK_S_IFMT;
	return n;
}

void free_node(Node *n)
{
	Fs &fs = *n->fs;
	UK_ASSERT(n->nlink == 0 || n == fs.root);
	n->data.clear(fs);
	if (n->target)
		fs.free_bytes(n->target, n->target_len + 1);
	n->dir.destroy(fs);
	n->~Node();
	fs.free_bytes(n, sizeof(Node));
}

// Post-order without recursion: a directory is left for its first
// child until empty, then freed on the way back up (parent pointers).
void destroy_tree(Fs &fs)
{
	Node *cur = fs.root;
	while (cur) {
		if (cur->is_dir() && !cur->dir.empty()) {
			Entry *e = cur->dir.first();
			Node *child = e->node;
			cur->dir.remove(fs, e);
			if (child->is_dir()) {
				cur = child; // its parent pointer leads back
				continue;
			}
			if (--child->nlink == 0)
				free_node(child);
			continue;
		}
		Node *up = cur == fs.root ? nullptr : cur->dir.parent;
		cur->nlink = 0;
		free_node(cur);
		cur = up;
	}
	fs.root = nullptr;
}

int fs_mount(const uk_vfs_fstype *type, uk_mount *mnt, const char *,
	     const char *opts, uk_vnode **root)
{
	uk_alloc *a = uk_vfs_mount_alloc(mnt);
	void *mem = uk_malloc(a, sizeof(Fs));
	if (!mem)
		return -UK_ENOMEM;
	auto *fs = new (mem) Fs;
	fs->alloc = a;
	fs->config = static_cast<const Config *>(type->priv);
	fs->mount = mnt;
	auto parsed = parse_options(*fs, opts);
	Node *r = parsed.ok() ? make_node(*fs, UK_S_IFDIR | 0755) : nullptr;
	if (!r) {
		fs->~Fs();
		uk_free(a, fs);
		return parsed.ok() ? -UK_ENOSPC : parsed.error();
	}
	r->nlink = 2;
	r->dir.parent = r;
	fs->root = r;
	uk_vfs_mount_set_priv(mnt, fs);
	*root = &r->vn;
	return 0;
}

void fs_unmount(uk_mount *mnt)
{
	auto *fs = static_cast<Fs *>(uk_vfs_mount_priv(mnt));
	destroy_tree(*fs);
	UK_ASSERT(fs->used == 0);
	uk_alloc *a = fs->alloc;
	fs->~Fs();
	uk_free(a, fs);
}

}  // namespace uk::ramfs
