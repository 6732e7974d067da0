/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file-system driver interface of vfscore. A driver (ramfs, devfs)
 * registers a struct uk_vfs_fstype; mounting it creates an instance whose
 * files and directories are vnodes: a struct uk_vnode embedded in the
 * driver's own node, with the operations below.
 *
 * Contract:
 *  - Names passed to operations are (pointer, length), not
 *    NUL-terminated, 1 to UK_NAME_MAX bytes, without '/', never "." (the
 *    walk handles it); lookup may get "..", which at the root of the
 *    instance names the root itself. Operations that create or remove
 *    entries never get "." or "..".
 *  - vfscore owns refcnt and covered; the driver sets the other fields
 *    when it makes a vnode (mount: the instance's struct uk_mount) and
 *    never changes type afterwards. lookup, create and symlink return a
 *    vnode without taking a reference: vfscore takes one at once. The
 *    vnode must stay valid until the driver is called again, and for as
 *    long as refcnt > 0. inactive runs when refcnt drops to 0: a driver
 *    frees the node there once no directory links it (unlinked while
 *    open, then closed).
 *  - vfscore checks types and POSIX rules before it calls (target is a
 *    directory, not a mount point, same instance for rename and link,
 *    not read-only); the driver checks what only it knows (a name
 *    exists, a directory is empty, it has room).
 *  - Every operation returns 0 or a non-negative count, or a negative
 *    UK_E* value. NULL operations get the fallback noted.
 *
 * Locking: none. On one CPU with the cooperative scheduler no operation
 * of vfscore, ramfs or devfs blocks or yields, so they never interleave.
 * A driver that blocks (a disk) must serialise itself.
 */
#ifndef UK_VFS_FS_H
#define UK_VFS_FS_H

#include <uk/essentials.h>
#include <uk/fdtab.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;
struct uk_mount;
struct uk_vnode;

/** Attributes of a vnode (getattr), or what setattr changes. */
struct uk_vattr {
	uint32_t mode;  /**< UK_S_IF* type and permission bits */
	uint32_t nlink; /**< directory entries naming it (dirs: 2 + subdirs) */
	int64_t size;   /**< bytes; symlinks: length of the target */
	int64_t blocks; /**< 512-byte units of storage in use */
	uint64_t rdev;  /**< device number of a device file */
	int64_t atime_ns, mtime_ns, ctime_ns; /**< since the Unix epoch */
};

/* What uk_vnode_ops.setattr changes (mask bits). */
#define UK_VATTR_MODE 0x1  /**< permission bits of mode (not the type) */
#define UK_VATTR_ATIME 0x2 /**< atime_ns */
#define UK_VATTR_MTIME 0x4 /**< mtime_ns */

struct uk_vnode_ops {
	/** Finds @p name in @p dir. -ENOENT when absent. */
	int (*lookup)(struct uk_vnode *dir, const char *name, size_t len,
		      struct uk_vnode **out);
	/**
	 * Makes @p name in @p dir: a regular file or a directory (the type
	 * in @p mode). -EEXIST when the name exists, -ENOENT when @p dir
	 * was removed. NULL: -EROFS.
	 */
	int (*create)(struct uk_vnode *dir, const char *name, size_t len,
		      uint32_t mode, struct uk_vnode **out);
	/** Makes a symbolic link @p name to @p target (NUL-terminated).
	 * NULL: -EPERM. */
	int (*symlink)(struct uk_vnode *dir, const char *name, size_t len,
		       const char *target, struct uk_vnode **out);
	/** Adds @p name in @p dir for the non-directory @p vn (a hard
	 * link). NULL: -EPERM. */
	int (*link)(struct uk_vnode *dir, const char *name, size_t len,
		    struct uk_vnode *vn);
	/** Removes the entry @p name (a directory only when empty:
	 * -ENOTEMPTY). NULL: -EROFS. */
	int (*unlink)(struct uk_vnode *dir, const char *name, size_t len);
	/**
	 * Moves @p oldname of @p olddir to @p newname of @p newdir,
	 * replacing what @p newname named (an empty directory when the
	 * moved one is a directory: -ENOTEMPTY otherwise). vfscore has
	 * checked types, and that a directory is not moved below itself.
	 * NULL: -EROFS.
	 */
	int (*rename)(struct uk_vnode *olddir, const char *oldname,
		      size_t oldlen, struct uk_vnode *newdir,
		      const char *newname, size_t newlen);
	/**
	 * Reads the entry at position *@p pos of @p dir ("." and ".."
	 * included) and advances *@p pos. A position names where to go on,
	 * even after entries were added or removed in between.
	 * @return 1, or 0 at the end. NULL: -ENOTDIR.
	 */
	int (*readdir)(struct uk_vnode *dir, int64_t *pos, struct uk_dirent *out);
	/** @return bytes read at @p off, 0 at or past the end. */
	intptr_t (*read)(struct uk_vnode *vn, void *buf, size_t len,
			 int64_t off);
	/** @return bytes written at @p off (short only when out of room:
	 * -ENOSPC when nothing fitted). NULL: -EINVAL. */
	intptr_t (*write)(struct uk_vnode *vn, const void *buf, size_t len,
			  int64_t off);
	/** Sets the size of a regular file. NULL: -EINVAL. */
	int (*truncate)(struct uk_vnode *vn, int64_t len);
	/** @return the target's length (it is copied without a NUL, cut
	 * at @p len). */
	intptr_t (*readlink)(struct uk_vnode *vn, char *buf, size_t len);
	/** Fills @p out. Required. */
	int (*getattr)(struct uk_vnode *vn, struct uk_vattr *out);
	/** Changes the attributes named in @p mask. NULL: -EPERM. */
	int (*setattr)(struct uk_vnode *vn, const struct uk_vattr *in,
		       uint32_t mask);
	/** Device files: UK_POLL* readiness. NULL: in and out. */
	uint32_t (*poll)(struct uk_vnode *vn);
	/** Device files: control requests. NULL: -ENOTTY. */
	int (*ioctl)(struct uk_vnode *vn, unsigned long request, void *arg);
	/** The file is being opened with UK_O_* @p flags. NULL: 0. */
	int (*open)(struct uk_vnode *vn, uint32_t flags);
	/** Data reached its storage. NULL: 0 (nothing to write back). */
	int (*fsync)(struct uk_vnode *vn);
	/** refcnt dropped to 0. NULL: nothing. */
	void (*inactive)(struct uk_vnode *vn);
};

/** A file or directory of a mounted instance, inside the driver's node. */
struct uk_vnode {
	const struct uk_vnode_ops *ops;
	struct uk_mount *mount;   /**< the instance it belongs to (driver) */
	struct uk_mount *covered; /**< vfscore: what is mounted on it, or NULL */
	void *priv;               /**< the driver's */
	uint64_t ino;             /**< unique within its instance (driver) */
	uint32_t type;            /**< UK_S_IFMT bits, fixed (driver) */
	uint32_t refcnt;          /**< vfscore: references held */
};

/** A file-system type. Static in the driver; registered once. */
struct uk_vfs_fstype {
	const char *name; /**< "ramfs", "devfs": mount's fstype argument */
	/**
	 * Creates an instance for @p mnt (allocating from
	 * uk_vfs_mount_alloc(@p mnt)). @p opts is the mount's data string
	 * ("" when none). Sets *@p root to the root directory.
	 */
	int (*mount)(const struct uk_vfs_fstype *type, struct uk_mount *mnt,
		     const char *source, const char *opts,
		     struct uk_vnode **root);
	/** Frees the instance. No vnode of it is referenced any more. */
	void (*unmount)(struct uk_mount *mnt);
	void *priv;                 /**< the driver's (e.g. its clock) */
	struct uk_vfs_fstype *next; /**< vfscore's list */
};

/**
 * Makes @p type available to uk_vfs_mount() under its name.
 * @return 0, or -EEXIST when a type of that name is registered.
 */
int uk_vfs_fstype_register(struct uk_vfs_fstype *type);

/** @return the allocator an instance allocates from. */
struct uk_alloc *uk_vfs_mount_alloc(struct uk_mount *mnt);

/** @return the instance's private pointer (NULL until set). */
void *uk_vfs_mount_priv(struct uk_mount *mnt);

/** Sets the instance's private pointer (in its mount operation). */
void uk_vfs_mount_set_priv(struct uk_mount *mnt, void *priv);

UK_EXTERN_C_END

#endif /* UK_VFS_FS_H */
