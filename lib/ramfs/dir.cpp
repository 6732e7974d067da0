// SPDX-License-Identifier: BSD-3-Clause
//
// Directory entries (see Dir in ramfs.hpp).

#include "ramfs.hpp"

#include <new>
#include <string.h>

namespace uk::ramfs {
namespace {
constexpr uint32_t kFirstBuckets = 16;
constexpr size_t kHashFrom = 8; // below this many entries a list scan is as fast
}  // namespace

uint32_t Dir::hash_of(const char *name, size_t len)
{
	uint32_t h = 2166136261u; // FNV-1a
	for (size_t i = 0; i < len; ++i)
		h = (h ^ static_cast<unsigned char>(name[i])) * 16777619u;
	return h;
}

Entry *Dir::find(const char *name, size_t len)
{
	uint32_t h = hash_of(name, len);
	auto matches = [&](const Entry *e) {
		return e->hash == h && e->len == len && memcmp(e->name, name, len) == 0;
	};
	if (buckets_) {
		for (Entry *e = buckets_[h & (nbuckets_ - 1)]; e; e = e->hash_next)
			if (matches(e))
				return e;
		return nullptr;
	}
	for (Entry &e : entries_)
		if (matches(&e))
			return &e;
	return nullptr;
}

// Doubles the table (or makes the first one). Out of memory: keeps the
// old one, which still finds everything.
void Dir::grow(Fs &fs)
{
	uint32_t n = nbuckets_ ? nbuckets_ * 2 : kFirstBuckets;
	auto **b = static_cast<Entry **>(fs.alloc_bytes(n * sizeof(Entry *)));
	if (!b)
		return;
	for (uint32_t i = 0; i < n; ++i)
		b[i] = nullptr;
	for (Entry &e : entries_) {
		Entry *&head = b[e.hash & (n - 1)];
		e.hash_next = head;
		head = &e;
	}
	if (buckets_)
		fs.free_bytes(buckets_, nbuckets_ * sizeof(Entry *));
	buckets_ = b;
	nbuckets_ = n;
}

Result<Entry *> Dir::add(Fs &fs, const char *name, size_t len, Node *node)
{
	void *mem = fs.alloc_bytes(Entry::size_for(len));
	if (!mem)
		return Error{-UK_ENOSPC};
	auto *e = new (mem) Entry;
	e->node = node;
	e->id = next_id_++;
	e->hash = hash_of(name, len);
	e->len = static_cast<uint16_t>(len);
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	entries_.push_back(*e);
	++count_;
	if (buckets_) {
		Entry *&head = buckets_[e->hash & (nbuckets_ - 1)];
		e->hash_next = head;
		head = e;
	}
	if (count_ >= kHashFrom && count_ > size_t{nbuckets_} * 2)
		grow(fs);
	return e;
}

void Dir::remove(Fs &fs, Entry *e)
{
	if (hint_ == e)
		hint_ = entries_.next(*e);
	if (buckets_) {
		Entry **p = &buckets_[e->hash & (nbuckets_ - 1)];
		while (*p != e)
			p = &(*p)->hash_next;
		*p = e->hash_next;
	}
	entries_.remove(*e);
	--count_;
	size_t size = Entry::size_for(e->len);
	e->~Entry();
	fs.free_bytes(e, size);
}

Entry *Dir::at_or_after(int64_t pos)
{
	// The common case, a readdir loop: the entry after the last one
	// returned, unless something before it was added since (ids only
	// grow, so "first with id >= pos" is then still this one).
	Entry *e = hint_;
	if (e && e->id >= pos) {
		Entry *before = entries_.prev(*e);
		if (!before || before->id < pos) {
			hint_ = entries_.next(*e);
			return e;
		}
	}
	for (Entry &x : entries_) {
		if (x.id >= pos) {
			hint_ = entries_.next(x);
			return &x;
		}
	}
	return nullptr;
}

void Dir::destroy(Fs &fs)
{
	UK_ASSERT(count_ == 0);
	if (buckets_)
		fs.free_bytes(buckets_, nbuckets_ * sizeof(Entry *));
	buckets_ = nullptr;
	nbuckets_ = 0;
	hint_ = nullptr;
}

}  // namespace uk::ramfs
