// SPDX-License-Identifier: BSD-3-Clause
//
// The block map of a regular file (see FileData in ramfs.hpp). Pages
// are linked into the tree only once allocated, so a failed allocation
// leaves a consistent tree (at worst an index page with no blocks yet,
// freed with the file).

#include "ramfs.hpp"

#include <bit>
#include <string.h>

namespace uk::ramfs {
namespace {

constexpr size_t kSmallMin = 64;
constexpr size_t kSmallMax = 2048;
constexpr uint64_t kSlotMask = (uint64_t{1} << FileData::kFanShift) - 1;

unsigned slot(uint64_t b, int level)
{
	return static_cast<unsigned>((b >> (FileData::kFanShift * static_cast<unsigned>(level - 1))) &
				     kSlotMask);
}

}  // namespace

char *FileData::block(uint64_t b) const
{
	if (!root_)
		return nullptr;
	if (depth_ == 0)
		return b == 0 ? static_cast<char *>(root_) : nullptr;
	if (b >= capacity(depth_))
		return nullptr;
	void *node = root_;
	for (int level = depth_; level > 0 && node; --level)
		node = static_cast<void **>(node)[slot(b, level)];
	return static_cast<char *>(node);
}

// Grows the small block 0 to hold @p need bytes (or makes it).
bool FileData::grow_small(Fs &fs, size_t need)
{
	size_t cap = std::bit_ceil(need < kSmallMin ? kSmallMin : need);
	auto *p = static_cast<char *>(fs.alloc_bytes(cap));
	if (!p)
		return false;
	size_t old = root_ ? small_cap_ : 0;
	if (old)
		memcpy(p, root_, old);
	memset(p + old, 0, cap - old);
	if (root_)
		fs.free_bytes(root_, small_cap_);
	storage_ += cap - old;
	root_ = p;
	small_cap_ = static_cast<uint32_t>(cap);
	return true;
}

// Turns a small block 0 into a full page.
bool FileData::promote_small(Fs &fs)
{
	if (!root_ || depth_ != 0 || small_cap_ == 0)
		return true;
	auto *p = static_cast<char *>(fs.alloc_page());
	if (!p)
		return false;
	memcpy(p, root_, small_cap_);
	memset(p + small_cap_, 0, kBlock - small_cap_);
	fs.free_bytes(root_, small_cap_);
	storage_ += kBlock - small_cap_;
	root_ = p;
	small_cap_ = 0;
	return true;
}

// @return block @p b, made if missing, able to hold @p need bytes; a
// new block is zeroed unless the caller overwrites it all (@p whole).
char *FileData::block_for_write(Fs &fs, uint64_t b, size_t need, bool whole)
{
	if (depth_ == 0 && b == 0) {
		if (root_ && small_cap_ == 0)
			return static_cast<char *>(root_);
		if (root_ && need <= small_cap_)
			return static_cast<char *>(root_);
		if (need <= kSmallMax)
			return grow_small(fs, need) ? static_cast<char *>(root_) : nullptr;
		if (!root_) {
			void *p = fs.alloc_page();
			if (!p)
				return nullptr;
			if (!whole)
				memset(p, 0, kBlock);
			storage_ += kBlock;
			root_ = p;
			small_cap_ = 0;
			return static_cast<char *>(p);
		}
		return promote_small(fs) ? static_cast<char *>(root_) : nullptr;
	}
	if (!promote_small(fs))
		return nullptr;
	while (b >= capacity(depth_)) { // one level up: the old root is slot 0
		if (!root_) {
			++depth_;
			continue;
		}
		void *idx = fs.alloc_page();
		if (!idx)
			return nullptr;
		memset(idx, 0, kBlock);
		storage_ += kBlock;
		static_cast<void **>(idx)[0] = root_;
		root_ = idx;
		++depth_;
	}
	void **link = &root_;
	for (int level = depth_; level >= 0; --level) {
		if (!*link) {
			void *p = fs.alloc_page();
			if (!p)
				return nullptr;
			if (level > 0 || !whole)
				memset(p, 0, kBlock);
			storage_ += kBlock;
			*link = p;
		}
		if (level == 0)
			break;
		link = &static_cast<void **>(*link)[slot(b, level)];
	}
	return static_cast<char *>(*link);
}

size_t FileData::read(int64_t off, void *buf, size_t len) const
{
	if (off >= size_ || len == 0)
		return 0;
	if (static_cast<uint64_t>(size_ - off) < len)
		len = static_cast<size_t>(size_ - off);
	auto *out = static_cast<char *>(buf);
	size_t done = 0;
	while (done < len) {
		uint64_t pos = static_cast<uint64_t>(off) + done;
		uint64_t b = pos / kBlock;
		size_t in = pos % kBlock;
		size_t n = kBlock - in < len - done ? kBlock - in : len - done;
		const char *blk = block(b);
		// A small block 0 holds its first small_cap_ bytes.
		size_t have = !blk ? 0 : (depth_ == 0 && small_cap_) ? small_cap_ : kBlock;
		size_t copy = in >= have ? 0 : (have - in < n ? have - in : n);
		if (copy)
			memcpy(out + done, blk + in, copy);
		if (copy < n)
			memset(out + done + copy, 0, n - copy);
		done += n;
	}
	return len;
}

Result<size_t> FileData::write(Fs &fs, int64_t off, const void *buf, size_t len)
{
	if (off >= kMaxSize)
		return Error{-UK_EFBIG};
	if (static_cast<uint64_t>(kMaxSize - off) < len)
		len = static_cast<size_t>(kMaxSize - off);
	const auto *in_buf = static_cast<const char *>(buf);
	size_t done = 0;
	while (done < len) {
		uint64_t pos = static_cast<uint64_t>(off) + done;
		uint64_t b = pos / kBlock;
		size_t in = pos % kBlock;
		size_t n = kBlock - in < len - done ? kBlock - in : len - done;
		char *blk = block_for_write(fs, b, in + n, in == 0 && n == kBlock);
		if (!blk)
			break;
		memcpy(blk + in, in_buf + done, n);
		done += n;
	}
	if (done == 0 && len)
		return Error{-UK_ENOSPC};
	if (off + static_cast<int64_t>(done) > size_)
		size_ = off + static_cast<int64_t>(done);
	return done;
}

// Frees the blocks >= @p first below @p node (covering blocks from
// @p base, @p level levels above the data blocks).
void FileData::free_tree(Fs &fs, void *node, int level, uint64_t base, uint64_t first)
{
	auto **slots = static_cast<void **>(node);
	const uint64_t span = capacity(level - 1);
	for (uint64_t i = 0; i < (uint64_t{1} << kFanShift); ++i) {
		uint64_t lo = base + i * span;
		if (!slots[i] || lo + span <= first)
			continue;
		if (level > 1)
			free_tree(fs, slots[i], level - 1, lo, first);
		if (lo >= first) { // wholly past the cut
			fs.free_page(slots[i]);
			storage_ -= kBlock;
			slots[i] = nullptr;
		}
	}
}

Result<void> FileData::truncate(Fs &fs, int64_t len)
{
	if (len < 0)
		return Error{-UK_EINVAL};
	if (len > kMaxSize)
		return Error{-UK_EFBIG};
	if (len >= size_) { // holes: nothing to allocate
		size_ = len;
		return {};
	}
	if (len == 0) {
		clear(fs);
		return {};
	}
	uint64_t first_gone = (static_cast<uint64_t>(len) + kBlock - 1) / kBlock;
	if (depth_ > 0)
		free_tree(fs, root_, depth_, 0, first_gone);
	// Fewer levels when the blocks left fit below slot 0 of the root.
	while (depth_ > 0 && first_gone <= capacity(depth_ - 1)) {
		void *below = static_cast<void **>(root_)[0];
		fs.free_page(root_);
		storage_ -= kBlock;
		root_ = below;
		--depth_;
	}
	// Keep "bytes past the size are zero" in the block the cut falls in.
	size_t in = static_cast<size_t>(len % static_cast<int64_t>(kBlock));
	if (char *blk = in ? block(static_cast<uint64_t>(len) / kBlock) : nullptr) {
		size_t have = depth_ == 0 && small_cap_ ? small_cap_ : kBlock;
		if (in < have)
			memset(blk + in, 0, have - in);
	}
	size_ = len;
	return {};
}

void FileData::clear(Fs &fs)
{
	if (root_) {
		if (depth_ == 0 && small_cap_) {
			fs.free_bytes(root_, small_cap_);
		} else {
			if (depth_ > 0)
				free_tree(fs, root_, depth_, 0, 0);
			fs.free_page(root_);
		}
	}
	root_ = nullptr;
	depth_ = 0;
	small_cap_ = 0;
	size_ = 0;
	storage_ = 0;
}

}  // namespace uk::ramfs
