// SPDX-License-Identifier: BSD-3-Clause
//
// References to vnodes and the small value types of the path walk. A
// reference counts on the vnode and on its mount (a mount with vnodes in
// use cannot be unmounted).
#pragma once

#include <uk/alloc.h>
#include <uk/list.hpp>
#include <uk/result.hpp>
#include <uk/vfs.h>
#include <uk/vfs_fs.h>

#include <string.h>
#include <utility>

// vfscore's view of a mount; opaque to drivers (uk/vfs_fs.h accessors).
struct uk_mount {
	uk::ListNode node_;
	const uk_vfs_fstype *type = nullptr;
	uk_vnode *root = nullptr;    // referenced while mounted
	uk_vnode *covered = nullptr; // the directory it sits on (referenced)
	uk_alloc *alloc = nullptr;
	void *priv = nullptr;
	uint64_t dev = 0;
	uint32_t flags = 0;      // UK_MS_*
	uint32_t vnode_refs = 0; // references on vnodes of this instance
};

namespace uk::vfs {

inline bool is_dir(const uk_vnode *v) { return v->type == UK_S_IFDIR; }
inline bool is_link(const uk_vnode *v) { return v->type == UK_S_IFLNK; }
inline bool is_reg(const uk_vnode *v) { return v->type == UK_S_IFREG; }
inline bool is_mount_root(const uk_vnode *v) { return v == v->mount->root; }

inline void vget(uk_vnode *v)
{
	++v->refcnt;
	++v->mount->vnode_refs;
}

inline void vput(uk_vnode *v)
{
	UK_ASSERT(v->refcnt > 0 && v->mount->vnode_refs > 0);
	--v->mount->vnode_refs;
	if (--v->refcnt == 0 && v->ops->inactive)
		v->ops->inactive(v);
}

/** One reference to a vnode, dropped when the holder goes. */
class [[nodiscard]] VnodeRef {
public:
	VnodeRef() = default;
	/** Takes a new reference to @p v (may be null). */
	explicit VnodeRef(uk_vnode *v) : v_(v)
	{
		if (v_)
			vget(v_);
	}
	VnodeRef(VnodeRef &&o) : v_(std::exchange(o.v_, nullptr)) {}
	VnodeRef &operator=(VnodeRef &&o)
	{
		if (this != &o) {
			reset();
			v_ = std::exchange(o.v_, nullptr);
		}
		return *this;
	}
	VnodeRef(const VnodeRef &) = delete;
	VnodeRef &operator=(const VnodeRef &) = delete;
	~VnodeRef() { reset(); }

	void reset()
	{
		if (v_)
			vput(std::exchange(v_, nullptr));
	}
	/** Gives the reference to the caller. */
	uk_vnode *release() { return std::exchange(v_, nullptr); }
	uk_vnode *get() const { return v_; }
	uk_vnode *operator->() const { return v_; }
	explicit operator bool() const { return v_ != nullptr; }

private:
	uk_vnode *v_ = nullptr;
};

/** A path component: not NUL-terminated. */
struct Name {
	const char *p = nullptr;
	size_t len = 0;

	[[nodiscard]] bool empty() const { return len == 0; }
	[[nodiscard]] bool is(const char *s) const
	{
		return strlen(s) == len && memcmp(p, s, len) == 0;
	}
	[[nodiscard]] bool dot() const { return is("."); }
	[[nodiscard]] bool dotdot() const { return is(".."); }
};

/** A UK_PATH_MAX scratch buffer from an allocator, freed with its owner. */
class PathBuf {
public:
	PathBuf() = default;
	PathBuf(PathBuf &&o)
		: a_(o.a_), p_(std::exchange(o.p_, nullptr))
	{
	}
	PathBuf &operator=(PathBuf &&o)
	{
		if (this != &o) {
			free();
			a_ = o.a_;
			p_ = std::exchange(o.p_, nullptr);
		}
		return *this;
	}
	PathBuf(const PathBuf &) = delete;
	PathBuf &operator=(const PathBuf &) = delete;
	~PathBuf() { free(); }

	/** @return a buffer of UK_PATH_MAX bytes, or -ENOMEM. */
	static Result<PathBuf> make(uk_alloc *a)
	{
		PathBuf b;
		b.a_ = a;
		b.p_ = static_cast<char *>(uk_malloc(a, UK_PATH_MAX));
		if (!b.p_)
			return Error{-UK_ENOMEM};
		return b;
	}
	char *data() const { return p_; }

private:
	void free()
	{
		if (p_)
			uk_free(a_, std::exchange(p_, nullptr));
	}
	uk_alloc *a_ = nullptr;
	char *p_ = nullptr;
};

}  // namespace uk::vfs
