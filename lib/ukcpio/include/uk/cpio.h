/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newc cpio archives (what `cpio -o -H newc` writes and Linux's initramfs
 * uses): reading entries with every field checked, and unpacking an
 * archive into the VFS. At boot, ukcpio unpacks the initrd
 * (ukplat_initrd_get) into the root file system.
 *
 * An entry is a 110-byte ASCII header ("070701" or "070702", then 13
 * fields of 8 hex digits), its NUL-terminated name, padding to 4 bytes,
 * its data, padding to 4 bytes; the entry named "TRAILER!!!" ends the
 * archive (anything after it, e.g. block padding, is ignored).
 */
#ifndef UK_CPIO_H
#define UK_CPIO_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;

/** One entry; name and data point into the archive. */
struct uk_cpio_entry {
	const char *name; /**< NUL-terminated, as stored ("./etc/x", "etc") */
	size_t namelen;
	uint32_t ino, mode, uid, gid, nlink;
	uint64_t mtime; /**< seconds since the epoch */
	const void *data;
	size_t size;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	size_t offset;  /**< of the header in the archive */
	unsigned index; /**< 0 for the first entry */
};

/** What went wrong, for one line of report. */
struct uk_cpio_error {
	int code;       /**< the negative UK_E* returned */
	size_t offset;  /**< in the archive, where the problem is */
	unsigned entry; /**< index of the entry */
	char msg[200];  /**< "entry 3 ("etc/x") at offset 512: ..." */
};

/** What uk_cpio_extract() made. */
struct uk_cpio_stats {
	unsigned files, dirs, symlinks, hardlinks;
	unsigned skipped; /**< devices, FIFOs, sockets: not unpacked */
	uint64_t bytes;   /**< file data written */
};

/**
 * Reads the entry whose header is at *@p pos (0 for the first; the
 * entry's @p index is only for messages).
 * @return 1 with *@p out filled and *@p pos at the next entry, 0 for the
 * trailer, or -EINVAL for a malformed entry (*@p err says why).
 */
int uk_cpio_next(const void *archive, size_t len, size_t *pos, unsigned index,
		 struct uk_cpio_entry *out, struct uk_cpio_error *err);

/**
 * Checks the whole archive: every header, name and size, symbolic link
 * targets, file types, "070702" checksums, no ".." in a name, a trailer.
 * @return the number of entries, or -EINVAL (*@p err says why).
 */
int uk_cpio_check(const void *archive, size_t len, struct uk_cpio_error *err);

/**
 * Unpacks the archive below the directory @p dest of the VFS, after
 * uk_cpio_check() passed (a malformed archive changes nothing). Missing
 * parent directories are made; existing files are replaced, existing
 * directories kept; modes and modification times are set from the
 * archive (directories' once all entries are in); hard links (newc's
 * shared inode numbers) become hard links. Device, FIFO and socket
 * entries are skipped and counted. @p a holds bookkeeping (paths of hard
 * links) until it returns.
 * @return 0, or a negative UK_E*: -EINVAL (malformed), -ENOSPC, ...
 * (*@p err names the entry).
 */
int uk_cpio_extract(const void *archive, size_t len, const char *dest,
		    struct uk_alloc *a, struct uk_cpio_stats *stats,
		    struct uk_cpio_error *err);

UK_EXTERN_C_END

#endif /* UK_CPIO_H */
