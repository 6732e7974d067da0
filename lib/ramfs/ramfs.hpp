// SPDX-License-Identifier: BSD-3-Clause
//
// ramfs internals: an instance (Fs), its nodes, the sparse block map of
// a regular file (FileData) and the entries of a directory (Dir). All
// memory comes from the mount's allocator and is charged to the
// instance, so a size= limit and a failing allocator look the same:
// -ENOSPC, with the tree unchanged (or, for a write, the part written).
// The clock is injected (wall time in ns), so the host tests set it.
#pragma once

#include <uk/alloc.h>
#include <uk/list.hpp>
#include <uk/result.hpp>
#include <uk/vfs_fs.h>

namespace uk::ramfs {

/** What a registration supplies: the wall clock (ns since the epoch). */
struct Config {
	uint64_t (*clock)(void);
};

struct Node;

/** One mounted instance. */
struct Fs {
	uk_alloc *alloc = nullptr;
	const Config *config = nullptr;
	uk_mount *mount = nullptr;
	Node *root = nullptr;
	uint64_t next_ino = 1;
	uint64_t used = 0;  // bytes charged: nodes, names, blocks
	uint64_t limit = 0; // size= option; 0: as much as the allocator has

	int64_t now() const { return static_cast<int64_t>(config->clock()); }
	/** @return @p n bytes charged to the instance, or nullptr. */
	void *alloc_bytes(size_t n);
	void free_bytes(void *p, size_t n);
	/** @return one page (not zeroed) charged to the instance, or nullptr. */
	void *alloc_page();
	void free_page(void *p);
};

/**
 * The bytes of a regular file: blocks of 4 KiB in a radix tree of
 * 512-slot index pages, grown in depth as the file grows, so a file with
 * one byte at 1 TiB holds two pages per level, not a terabyte. Missing
 * blocks are holes and read as zeroes. A file of at most 2 KiB that
 * never grew past its first block lives in one small block instead of a
 * page. Invariant: allocated bytes at or past size() are zero, so
 * growing the size (truncate, a write past the end) shows zeroes.
 */
class FileData {
public:
	static constexpr size_t kBlock = 4096;
	static constexpr unsigned kFanShift = 9; // 512 slots per index page
	static constexpr int kMaxDepth = 4;
	/** 2^48 bytes: four index levels. */
	static constexpr int64_t kMaxSize = static_cast<int64_t>(kBlock)
					    << (kFanShift * kMaxDepth);

	constexpr FileData() = default;
	FileData(const FileData &) = delete;
	FileData &operator=(const FileData &) = delete;

	[[nodiscard]] int64_t size() const { return size_; }
	/** @return bytes of storage in use (blocks and index pages). */
	[[nodiscard]] uint64_t storage() const { return storage_; }

	/** @return bytes copied to @p buf (0 at or past the end). */
	size_t read(int64_t off, void *buf, size_t len) const;
	/** @return bytes written, short only when out of room; -ENOSPC when
	 * nothing fitted, -EFBIG at kMaxSize. */
	Result<size_t> write(Fs &fs, int64_t off, const void *buf, size_t len);
	/** Shrinking frees blocks; growing allocates nothing. */
	Result<void> truncate(Fs &fs, int64_t len);
	/** Frees everything; the size becomes 0. */
	void clear(Fs &fs);

private:
	static uint64_t capacity(int depth)
	{
		return uint64_t{1} << (kFanShift * static_cast<unsigned>(depth));
	}
	char *block(uint64_t b) const;
	char *block_for_write(Fs &fs, uint64_t b, size_t need, bool whole);
	bool grow_small(Fs &fs, size_t need);
	bool promote_small(Fs &fs);
	void free_tree(Fs &fs, void *node, int level, uint64_t base, uint64_t first);

	void *root_ = nullptr;   // depth 0: block 0; else an index page
	int depth_ = 0;
	uint32_t small_cap_ = 0; // depth 0: bytes of a small block 0; 0: a page
	int64_t size_ = 0;
	uint64_t storage_ = 0;
};

/** A name in a directory. */
struct Entry {
	Entry *hash_next = nullptr;
	ListNode order_;
	Node *node = nullptr;
	int64_t id = 0; // readdir position; increasing in list order
	uint32_t hash = 0;
	uint16_t len = 0;
	char name[1]; // len bytes and a NUL follow

	static size_t size_for(size_t len) { return offsetof(Entry, name) + len + 1; }
};

/**
 * Entries in creation order (readdir: positions are entry ids, so an
 * entry removed between two readdir calls never makes one skip another)
 * plus a hash table for lookup, grown when it gets crowded (a failed
 * growth only costs speed).
 */
class Dir {
public:
	constexpr Dir() = default;
	Dir(const Dir &) = delete;
	Dir &operator=(const Dir &) = delete;

	Entry *find(const char *name, size_t len);
	/** @return the new entry for @p node, or -ENOSPC. */
	Result<Entry *> add(Fs &fs, const char *name, size_t len, Node *node);
	void remove(Fs &fs, Entry *e);
	/** @return the first entry with id >= @p pos, or nullptr. */
	Entry *at_or_after(int64_t pos);
	Entry *first() { return entries_.front(); }
	[[nodiscard]] bool empty() const { return count_ == 0; }
	[[nodiscard]] size_t count() const { return count_; }
	/** Frees the hash table; the directory must be empty. */
	void destroy(Fs &fs);

	Node *parent = nullptr; // nullptr once removed; the root's is itself

private:
	static uint32_t hash_of(const char *name, size_t len);
	void grow(Fs &fs);

	IntrusiveList<Entry, &Entry::order_> entries_;
	Entry **buckets_ = nullptr;
	uint32_t nbuckets_ = 0;
	size_t count_ = 0;
	int64_t next_id_ = 2; // 0 and 1 are "." and ".."
	Entry *hint_ = nullptr; // where the last readdir stopped
};

struct Node {
	uk_vnode vn{};
	Fs *fs = nullptr;
	uint32_t mode = 0; // type and permission bits
	uint32_t nlink = 0;
	int64_t atime = 0, mtime = 0, ctime = 0;
	FileData data;           // regular files
	Dir dir;                 // directories
	char *target = nullptr;  // symlinks: NUL-terminated
	size_t target_len = 0;

	[[nodiscard]] bool is_dir() const { return (mode & UK_S_IFMT) == UK_S_IFDIR; }
};

inline Node *node_of(uk_vnode *v) { return static_cast<Node *>(v->priv); }

/** The uk_vfs_fstype operations (the type's priv is a Config). */
int fs_mount(const uk_vfs_fstype *type, uk_mount *mnt, const char *source,
	     const char *opts, uk_vnode **root);
void fs_unmount(uk_mount *mnt);

/** Parses a size option value: digits with an optional k/m/g suffix. */
Result<uint64_t> parse_size(const char *s, size_t len);

}  // namespace uk::ramfs
