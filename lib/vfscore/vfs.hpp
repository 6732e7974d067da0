// SPDX-License-Identifier: BSD-3-Clause
//
// The namespace as a value: file-system types, the mount table, the
// root, the working directory and the umask. The image has one
// (global(), behind the C interface); host tests make their own.
// Nothing here calls the platform; every allocation uses alloc().
#pragma once

#include "vnode.hpp"

namespace uk::vfs {

/** What a walk stops at: the final vnode, or with kParent the directory
 * holding the last component and that component's name. */
struct Walked {
	VnodeRef node;
	Name last;                   // kParent only; empty for "/"
	bool trailing_slash = false; // kParent only
	PathBuf buf;                 // owns the text of `last` after a symlink
};

class Vfs {
public:
	/** Walk flags. */
	static constexpr unsigned kFollow = 1; // follow a final symlink
	static constexpr unsigned kParent = 2; // stop before the last component

	constexpr Vfs() = default;
	Vfs(const Vfs &) = delete;
	Vfs &operator=(const Vfs &) = delete;

	void init(uk_alloc *a) { alloc_ = a; }
	uk_alloc *alloc() const { return alloc_; }

	Result<void> register_fstype(uk_vfs_fstype *t);
	Result<void> mount(const char *source, const char *target,
			   const char *fstype, uint32_t flags, const char *opts);
	Result<void> umount(const char *target);
	/** Releases the working directory and unmounts everything, innermost
	 * first (tests; the image never does). Fails with -EBUSY if files
	 * are still open. */
	Result<void> shutdown();

	Result<uk_file *> open(const char *path, uint32_t flags, uint32_t mode);
	Result<void> stat(const char *path, uk_file_info *out, bool follow);
	Result<void> mkdir(const char *path, uint32_t mode);
	Result<void> rmdir(const char *path);
	Result<void> unlink(const char *path);
	Result<void> rename(const char *from, const char *to);
	Result<void> link(const char *from, const char *to);
	Result<void> symlink(const char *target, const char *path);
	Result<size_t> readlink(const char *path, char *buf, size_t len);
	Result<void> truncate(const char *path, int64_t len);
	Result<void> setattr(const char *path, const uk_vattr &a, uint32_t mask);
	Result<void> chdir(const char *path);
	Result<void> fchdir(uk_file *f);
	Result<size_t> getcwd(char *buf, size_t len);
	Result<size_t> fgetpath(uk_file *dir, char *buf, size_t len);
	/** realpath(): the absolute path without links, "." or "..". */
	Result<size_t> realpath(const char *path, char *buf, size_t len);
	Result<void> fsetattr(uk_file *f, const uk_vattr &a, uint32_t mask);
	uint32_t umask(uint32_t mask)
	{
		return std::exchange(umask_, mask & 0777);
	}
	uint32_t umask_value() const { return umask_; }

	/**
	 * Resolves @p path from @p start (absolute paths from the root).
	 * @p links counts the symlinks followed so far, across calls.
	 */
	Result<Walked> walk(uk_vnode *start, const char *path, unsigned flags,
			    int *links);
	/** walk() from the working directory with a fresh link count. */
	Result<Walked> walk(const char *path, unsigned flags)
	{
		int links = 0;
		return walk(cwd_, path, flags, &links);
	}

	/** @return the entry @p name of @p dir with a reference, entering
	 * what is mounted on it unless @p raw. */
	Result<VnodeRef> lookup(uk_vnode *dir, Name name, bool raw = false);

	uk_vnode *root() const { return root_; }
	/** @return the number of mounts (tests). */
	size_t mount_count() { return mounts_.size(); }

private:
	Result<VnodeRef> parent_of(uk_vnode *dir);
	Result<bool> splice_link(uk_vnode *link, const char **p, const char **end,
				 bool trailing, PathBuf *buf);
	Result<uk_file *> open_at(uk_vnode *start, const char *path,
				  uint32_t flags, uint32_t mode, int *links);
	Result<VnodeRef> create_or_find(Walked &w, uint32_t flags, uint32_t mode,
					int *links);
	Result<void> check_not_below(uk_vnode *dir, uk_vnode *moved);
	Result<size_t> path_of(uk_vnode *dir, char *buf, size_t len);
	Result<void> unmount(uk_mount *m);

	uk_alloc *alloc_ = nullptr;
	uk_vfs_fstype *types_ = nullptr;
	IntrusiveList<uk_mount, &uk_mount::node_> mounts_;
	uk_vnode *root_ = nullptr; // the root mount's root (its reference)
	uk_vnode *cwd_ = nullptr;  // referenced
	uint32_t umask_ = 022;
	uint64_t next_dev_ = 1;
};

/** The image's namespace, behind the C interface. */
Vfs &global();

/** @return the vnode of a file opened by vfscore, or nullptr. */
uk_vnode *file_vnode(uk_file *f);

/** Fills @p out from the attributes of @p v. */
Result<void> vnode_info(uk_vnode *v, uk_file_info *out);

/**
 * The memory of an open file, taken before open() changes anything (so
 * running out of memory never leaves a created file behind) and given
 * back unless made into a file.
 */
class FileMem {
public:
	explicit FileMem(uk_alloc *a);
	FileMem(const FileMem &) = delete;
	FileMem &operator=(const FileMem &) = delete;
	~FileMem();
	explicit operator bool() const { return p_ != nullptr; }
	/** @return the open file of @p v (a new reference to it), with one
	 * reference owned by the caller; the memory is the file's now. */
	uk_file *make(uk_vnode *v, uint32_t flags);

private:
	uk_alloc *a_;
	void *p_;
};

/** Checks a write to the mount of @p v is allowed. */
inline Result<void> writable(const uk_vnode *v)
{
	if (v->mount->flags & UK_MS_RDONLY)
		return Error{-UK_EROFS};
	return {};
}

/** Turns a driver's 0/-errno into a Result. */
inline Result<void> ok_or(int rc)
{
	if (rc < 0)
		return Error{rc};
	return {};
}

}  // namespace uk::vfs
