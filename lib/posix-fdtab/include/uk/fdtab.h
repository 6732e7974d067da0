/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file-descriptor table: one per image, shared by the libc glue
 * (posix-sys), vfscore and the socket layer. A descriptor names a
 * struct uk_file; a file may sit under several descriptors (dup) and is
 * kept alive by a reference count, so closing a descriptor while another
 * thread is inside read() on it does not free the file under that thread.
 *
 * Numbers: errors are negative UK_E* values (Linux numbers), flags and
 * file types use Linux's values (UK_O_*, UK_S_IF*). The libc glue
 * translates both to its libc's numbers; this header includes no libc.
 *
 * Locking: none needed on one CPU with a cooperative scheduler, because
 * no table operation blocks or yields. The release operation of a file
 * runs after its last descriptor is gone, outside any table update, so it
 * may block (a socket flushing on close).
 */
#ifndef UK_FDTAB_H
#define UK_FDTAB_H

#include <uk/essentials.h>
#include <uk/errno.h>

UK_EXTERN_C_BEGIN

/* Open-file flags, Linux values. struct uk_file.flags keeps the access
 * mode and the status flags (APPEND, NONBLOCK); the others only mean
 * something to open(). */
#define UK_O_ACCMODE 0003
#define UK_O_RDONLY 0000
#define UK_O_WRONLY 0001
#define UK_O_RDWR 0002
#define UK_O_CREAT 0100
#define UK_O_EXCL 0200
#define UK_O_NOCTTY 0400
#define UK_O_TRUNC 01000
#define UK_O_APPEND 02000
#define UK_O_NONBLOCK 04000
#define UK_O_DIRECTORY 0200000
#define UK_O_NOFOLLOW 0400000
#define UK_O_CLOEXEC 02000000

/* File types in uk_file_info.mode (POSIX/Linux values). */
#define UK_S_IFMT 0170000
#define UK_S_IFIFO 0010000
#define UK_S_IFCHR 0020000
#define UK_S_IFDIR 0040000
#define UK_S_IFBLK 0060000
#define UK_S_IFREG 0100000
#define UK_S_IFLNK 0120000
#define UK_S_IFSOCK 0140000

/* whence of lseek. */
#define UK_SEEK_SET 0
#define UK_SEEK_CUR 1
#define UK_SEEK_END 2

/* Readiness bits of uk_file_ops.poll and uk_pollfd (Linux values). */
#define UK_POLLIN 0x001
#define UK_POLLPRI 0x002
#define UK_POLLOUT 0x004
#define UK_POLLERR 0x008
#define UK_POLLHUP 0x010
#define UK_POLLNVAL 0x020

/* d_type of struct uk_dirent (Linux/BSD DT_* values). */
#define UK_DT_UNKNOWN 0
#define UK_DT_FIFO 1
#define UK_DT_CHR 2
#define UK_DT_DIR 4
#define UK_DT_BLK 6
#define UK_DT_REG 8
#define UK_DT_LNK 10
#define UK_DT_SOCK 12

/** Longest name of one directory entry, without the NUL (NAME_MAX). */
#define UK_NAME_MAX 255

struct uk_file;

/** What fstat() reports about a file. Fields a file does not know stay 0. */
struct uk_file_info {
	uint32_t mode;    /**< UK_S_IF* type and permission bits */
	uint32_t blksize; /**< preferred I/O size; 0: the libc's default */
	int64_t size;     /**< bytes (regular files, symlinks), else 0 */
	uint64_t ino;     /**< file serial number within its file system */
	uint64_t dev;     /**< the file system (mount) it lives on */
	uint64_t rdev;    /**< device number of a device file */
	uint32_t nlink;   /**< hard links; 0 (unknown) reads as 1 */
	uint32_t uid, gid;
	int64_t blocks;   /**< 512-byte units allocated */
	int64_t atime_ns, mtime_ns, ctime_ns; /**< since the Unix epoch */
};

/** One directory entry, as uk_file_ops.readdir returns it. */
struct uk_dirent {
	uint64_t ino;
	int64_t next;  /**< the directory offset just after this entry */
	uint8_t type;  /**< UK_DT_* */
	char name[UK_NAME_MAX + 1];
};

/**
 * Operations of a file. Any entry may be NULL; the documented fallback
 * applies. Every operation returns a negative UK_E* value on failure.
 */
struct uk_file_ops {
	/** @return bytes read, 0 at end of file. NULL: -EBADF. */
	intptr_t (*read)(struct uk_file *f, void *buf, size_t len);
	/** @return bytes written. NULL: -EBADF. */
	intptr_t (*write)(struct uk_file *f, const void *buf, size_t len);
	/** @return the new offset. NULL: -ESPIPE (not seekable). */
	int64_t (*lseek)(struct uk_file *f, int64_t off, int whence);
	/** Fills @p out (zeroed by the caller). NULL: type UK_S_IFCHR. */
	int (*stat)(struct uk_file *f, struct uk_file_info *out);
	/** @return 1 for a terminal. NULL: 0. */
	int (*isatty)(struct uk_file *f);
	/** The last reference is gone; may free @p f. NULL: nothing. */
	void (*release)(struct uk_file *f);
	/** Reads at @p off; the file offset is unchanged. NULL: -ESPIPE. */
	intptr_t (*pread)(struct uk_file *f, void *buf, size_t len, int64_t off);
	/** Writes at @p off (even with O_APPEND, as Linux does not); the
	 * file offset is unchanged. NULL: -ESPIPE. */
	intptr_t (*pwrite)(struct uk_file *f, const void *buf, size_t len,
			   int64_t off);
	/**
	 * @return the UK_POLL* bits that hold now (no waiting). A file
	 * whose readiness changes later (a socket) calls uk_file_notify()
	 * when it does. NULL: always ready, UK_POLLIN if it has read and
	 * UK_POLLOUT if it has write (regular files, devices).
	 */
	uint32_t (*poll)(struct uk_file *f);
	/** Device control; FIONBIO is handled by the caller. NULL: -ENOTTY. */
	int (*ioctl)(struct uk_file *f, unsigned long request, void *arg);
	/**
	 * Reads the directory entry at the file offset into @p out and
	 * moves the offset to out->next. @return 1, 0 at the end.
	 * NULL: -ENOTDIR.
	 */
	int (*readdir)(struct uk_file *f, struct uk_dirent *out);
	/** ftruncate(). NULL: -EINVAL. */
	int (*truncate)(struct uk_file *f, int64_t len);
	/** fsync(): data reached its storage. NULL: -EINVAL. */
	int (*fsync)(struct uk_file *f);
};

/** An open file. Embed it in the object behind it (container_of). */
struct uk_file {
	const struct uk_file_ops *ops;
	void *priv;      /**< the owner's */
	uint32_t refcnt; /**< one per descriptor and per uk_fdtab_get() */
	uint32_t flags;  /**< UK_O_* */
};

/** Prepares @p f with one reference, owned by the caller. */
void uk_file_init(struct uk_file *f, const struct uk_file_ops *ops,
		  void *priv, uint32_t flags);

/** Takes one more reference to @p f. */
void uk_file_acquire(struct uk_file *f);

/** Drops a reference; the last one calls ops->release. NULL is ignored. */
void uk_file_put(struct uk_file *f);

/**
 * Puts @p f under the lowest free descriptor. On success the table owns
 * the caller's reference; on failure the caller still does.
 * @return the descriptor, or -EMFILE when the table is full.
 */
int uk_fdtab_install(struct uk_file *f);

/**
 * Puts @p f under descriptor @p fd, closing what was there (dup2's
 * semantics). Takes the caller's reference on success.
 * @return @p fd, or -EBADF when @p fd is outside the table.
 */
int uk_fdtab_install_at(int fd, struct uk_file *f);

/**
 * @return the file under @p fd with a new reference (give it back with
 * uk_fdtab_put()), or NULL when @p fd is not open.
 */
struct uk_file *uk_fdtab_get(int fd);

/** Gives back a reference from uk_fdtab_get(). Same as uk_file_put(). */
void uk_fdtab_put(struct uk_file *f);

/** Frees descriptor @p fd. @return 0 or -EBADF. */
int uk_fdtab_close(int fd);

/** @return a new descriptor (the lowest free) for the file under @p fd,
 * -EBADF, or -EMFILE. */
int uk_fdtab_dup(int fd);

/** fcntl(F_DUPFD): like uk_fdtab_dup() but the lowest free >= @p minfd.
 * @return the descriptor, -EBADF, -EINVAL (@p minfd out of range), or
 * -EMFILE. */
int uk_fdtab_dupfd(int fd, int minfd);

/**
 * dup2(): makes @p newfd name the file under @p oldfd, closing what
 * @p newfd named. @p oldfd == @p newfd returns @p newfd unchanged.
 * @return @p newfd, or -EBADF (@p oldfd not open, @p newfd out of range).
 */
int uk_fdtab_dup2(int oldfd, int newfd);

/** @return the number of descriptors (CONFIG_LIBPOSIX_FDTAB_MAX_FILES). */
int uk_fdtab_size(void);

/** One entry of uk_fdtab_poll_scan(), as struct pollfd. */
struct uk_pollfd {
	int fd;           /**< negative: ignored (revents 0) */
	uint32_t events;  /**< UK_POLL* wanted */
	uint32_t revents; /**< UK_POLL* that hold (ERR, HUP, NVAL always) */
};

/**
 * One pass over @p fds without waiting: sets every revents from the
 * file's poll operation (UK_POLLNVAL for a descriptor that is not open).
 * @return the number of entries with a non-zero revents.
 */
int uk_fdtab_poll_scan(struct uk_pollfd *fds, size_t n);

/**
 * The readiness of @p f changed (data arrived, room appeared, the peer
 * closed): bumps the event count and wakes whoever waits in poll() or
 * select(). Thread context only (not from an interrupt handler).
 */
void uk_file_notify(struct uk_file *f);

/**
 * @return the number of uk_file_notify() calls so far. A poller reads
 * it before a scan and waits only while it has not changed, so a
 * notification between the scan and the wait is never lost.
 */
uint64_t uk_file_event_count(void);

/**
 * Sets the function uk_file_notify() calls after counting (the libc
 * glue's poll() waiters: posix-sys). NULL removes it.
 */
void uk_file_set_notify_hook(void (*wake)(void));

/**
 * Writes all of buf to the kernel console (ukplat_coutk, in chunks its
 * int count can report): the byte count, a short count if the console
 * failed midway, or a negative error if nothing was written. What
 * descriptors 1 and 2 and devfs's /dev/console write through.
 */
intptr_t uk_console_write(const void *buf, size_t len);

UK_EXTERN_C_END

#endif /* UK_FDTAB_H */
