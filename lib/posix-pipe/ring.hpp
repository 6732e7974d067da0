// SPDX-License-Identifier: BSD-3-Clause
//
// The bytes in a pipe: a ring over a buffer the pipe owns. Pure logic,
// host-tested (tests/ring_test.cpp).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace uk::pipe {

class Ring {
public:
	Ring(uint8_t *buf, size_t cap) : buf_(buf), cap_(cap) {}

	size_t used() const { return used_; }
	size_t room() const { return cap_ - used_; }

	/** Copies in as much of @p len as fits. @return bytes taken. */
	size_t put(const void *src, size_t len)
	{
		const auto *s = static_cast<const uint8_t *>(src);
		size_t n = len < room() ? len : room();
		size_t tail = (head_ + used_) % cap_;
		size_t first = n < cap_ - tail ? n : cap_ - tail;
		copy(buf_ + tail, s, first);
		copy(buf_, s + first, n - first);
		used_ += n;
		return n;
	}

	/** Copies out up to @p len bytes, oldest first. @return bytes given. */
	size_t take(void *dst, size_t len)
	{
		auto *d = static_cast<uint8_t *>(dst);
		size_t n = len < used_ ? len : used_;
		size_t first = n < cap_ - head_ ? n : cap_ - head_;
		copy(d, buf_ + head_, first);
		copy(d + first, buf_, n - first);
		head_ = (head_ + n) % cap_;
		used_ -= n;
		return n;
	}

private:
	static void copy(uint8_t *d, const uint8_t *s, size_t n)
	{
		if (n) // a zero-length caller may pass NULL
			__builtin_memcpy(d, s, n);
	}

	uint8_t *buf_;
	size_t cap_;
	size_t head_ = 0; // oldest byte
	size_t used_ = 0;
};

}  // namespace uk::pipe
