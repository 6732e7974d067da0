/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: one file-system namespace per image. Path calls in the shape
 * of their POSIX counterparts; the libc glue (posix-sys) turns them into
 * open(), stat(), mkdir(), ... and installs the files open() returns in
 * the descriptor table (uk/fdtab.h), which sockets share.
 *
 * Paths: absolute, or relative to the working directory (uk_vfs_chdir).
 * "." and ".." are handled here ("/.." is "/", ".." at the root of a
 * mounted file system leaves it), symbolic links are followed up to 40
 * deep (-ELOOP beyond), a trailing slash requires a directory. A path of
 * UK_PATH_MAX bytes or more, or a component longer than UK_NAME_MAX, is
 * -ENAMETOOLONG; an empty path is -ENOENT. Every call returns 0 (or a
 * count) or a negative UK_E* value (Linux numbers).
 *
 * There is one user, root: permission bits are kept and reported but
 * never refuse access.
 */
#ifndef UK_VFS_H
#define UK_VFS_H

#include <uk/essentials.h>
#include <uk/fdtab.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;

/** Longest path, including its NUL (PATH_MAX). */
#define UK_PATH_MAX 4096
/** Symbolic links followed in one walk before -ELOOP (Linux: 40). */
#define UK_VFS_MAX_SYMLINKS 40

/* uk_vfs_mount() flags (Linux MS_* values). */
#define UK_MS_RDONLY 0x1 /**< refuse every change: -EROFS */

/**
 * Sets the allocator that vfscore (open files, mounts, path buffers) and
 * the file systems mounted afterwards use. vfscore calls it at boot with
 * the default allocator; call it again only before anything is mounted.
 */
void uk_vfs_init(struct uk_alloc *a);

/**
 * Mounts a file system of type @p fstype on the directory @p target
 * ("/" for the first mount, which becomes the root). @p opts is the
 * type's option string (ramfs: "size=16M"), NULL for none.
 * @return 0, -ENODEV (no such type), -ENOTDIR, -EBUSY ("/" again), ...
 */
int uk_vfs_mount(const char *source, const char *target, const char *fstype,
		 uint32_t flags, const char *opts);

/** Unmounts the file system whose root is @p target.
 * @return 0, -EINVAL (not a mount point), -EBUSY (files of it are open,
 * it is a working directory, or something is mounted inside it). */
int uk_vfs_umount(const char *target);

/**
 * Opens @p path. @p flags: UK_O_RDONLY/WRONLY/RDWR plus UK_O_CREAT,
 * UK_O_EXCL, UK_O_TRUNC, UK_O_APPEND, UK_O_DIRECTORY, UK_O_NOFOLLOW,
 * UK_O_NONBLOCK (others are ignored). @p mode: permission bits of a file
 * O_CREAT makes (less the umask). *@p out gets a file with one reference
 * owned by the caller: install it with uk_fdtab_install() or drop it
 * with uk_file_put().
 * @return 0, or -ENOENT, -EEXIST, -EISDIR, -ENOTDIR, -ELOOP, -EROFS,
 * -ENOMEM, -ENOSPC, -EINVAL (bad access mode), ...
 */
int uk_vfs_open(const char *path, uint32_t flags, uint32_t mode,
		struct uk_file **out);

/** stat(): follows a final symbolic link. */
int uk_vfs_stat(const char *path, struct uk_file_info *out);
/** lstat(): describes a final symbolic link itself. */
int uk_vfs_lstat(const char *path, struct uk_file_info *out);
/** mkdir(): permission bits @p mode less the umask. */
int uk_vfs_mkdir(const char *path, uint32_t mode);
/** rmdir(): -ENOTEMPTY, -EBUSY (a mount point or "/"), -EINVAL ("."). */
int uk_vfs_rmdir(const char *path);
/** unlink(): not for directories (-EISDIR). Open files stay readable. */
int uk_vfs_unlink(const char *path);
/** rename(): atomic replace; -EXDEV across file systems, -EINVAL to
 * below itself, -ENOTEMPTY, -EISDIR, -ENOTDIR as POSIX says. */
int uk_vfs_rename(const char *from, const char *to);
/** link(): a hard link @p to for the non-directory @p from. */
int uk_vfs_link(const char *from, const char *to);
/** symlink(): @p path becomes a link to @p target (not checked). */
int uk_vfs_symlink(const char *target, const char *path);
/** readlink(): @return the length copied (no NUL), -EINVAL if @p path
 * is not a symbolic link. */
intptr_t uk_vfs_readlink(const char *path, char *buf, size_t len);
/** truncate(): sets the size of a regular file (holes read as zeroes). */
int uk_vfs_truncate(const char *path, int64_t len);
/** chmod(): the permission bits (07777) of @p path. */
int uk_vfs_chmod(const char *path, uint32_t mode);
/**
 * utimensat()-like: sets atime and mtime of @p path (ns since the
 * epoch); a negative value leaves that time unchanged.
 */
int uk_vfs_utimes(const char *path, int64_t atime_ns, int64_t mtime_ns);
/** chdir(): relative paths start at @p path from now on. */
int uk_vfs_chdir(const char *path);
/** fchdir(): the directory of an open file (-ENOTDIR otherwise, -EBADF
 * for a file that is not vfscore's). */
int uk_vfs_fchdir(struct uk_file *f);
/**
 * getcwd(): writes the working directory's absolute path (found from
 * the names in the tree, so a renamed directory shows its new path).
 * @return the length without the NUL, -ERANGE when @p len is too small,
 * -ENOENT when the directory was removed.
 */
intptr_t uk_vfs_getcwd(char *buf, size_t len);
/**
 * The absolute path of the open directory @p dir, as uk_vfs_getcwd()
 * finds it: what the *at() calls put in front of a relative path.
 * @return its length without the NUL, -EBADF (not vfscore's),
 * -ENOTDIR, -ERANGE, or -ENOENT (removed).
 */
intptr_t uk_vfs_fgetpath(struct uk_file *dir, char *buf, size_t len);
/**
 * realpath(): the absolute path of @p path with every symbolic link
 * resolved and no "." or "..". @return its length without the NUL,
 * -ERANGE when @p len is too small, or the walk's error.
 */
intptr_t uk_vfs_realpath(const char *path, char *buf, size_t len);
/** fchmod(): the permission bits of an open file (-EBADF for a file
 * that is not vfscore's). */
int uk_vfs_fchmod(struct uk_file *f, uint32_t mode);
/** umask(): sets the mask for new files. @return the previous one. */
uint32_t uk_vfs_umask(uint32_t mask);

UK_EXTERN_C_END

#endif /* UK_VFS_H */
