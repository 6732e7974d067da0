// SPDX-License-Identifier: BSD-3-Clause
//
// ChaCha20 (RFC 8439, section 2.3) and a fast-key-erasure generator on
// it. No platform calls: the entropy comes in through reseed().
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace uk::random {

/** One 64-byte block of the ChaCha20 key stream. */
void chacha20_block(const uint32_t key[8], uint32_t counter,
		    const uint32_t nonce[3], uint8_t out[64]);

class Generator {
public:
	constexpr Generator() = default;
	Generator(const Generator &) = delete;
	Generator &operator=(const Generator &) = delete;

	/** Mixes @p len bytes into the key (XOR, then one key erasure). */
	void reseed(const void *seed, size_t len);
	/** Fills @p buf; the key is replaced before this returns. */
	void fill(void *buf, size_t len);

private:
	// Up to this many bytes come from one key (the 32-bit block counter
	// never wraps); then the key is replaced and the next part begins.
	static constexpr size_t kChunk = size_t{1} << 20;
	void fill_chunk(uint8_t *out, size_t len);

	uint32_t key_[8] = {};
};

}  // namespace uk::random
