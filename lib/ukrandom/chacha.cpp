// SPDX-License-Identifier: BSD-3-Clause
//
// ChaCha20 from RFC 8439 and Bernstein's fast-key-erasure construction:
// the first 32 bytes of a request's key stream become the next key, the
// rest is the output. Nonce 0: the key never repeats.

#include "chacha.hpp"

#include <string.h>

namespace uk::random {
namespace {

constexpr uint32_t rotl(uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

inline void quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] = rotl(x[d] ^ x[a], 16);
	x[c] += x[d]; x[b] = rotl(x[b] ^ x[c], 12);
	x[a] += x[b]; x[d] = rotl(x[d] ^ x[a], 8);
	x[c] += x[d]; x[b] = rotl(x[b] ^ x[c], 7);
}

inline void store_le32(uint8_t *p, uint32_t v)
{
	p[0] = static_cast<uint8_t>(v);
	p[1] = static_cast<uint8_t>(v >> 8);
	p[2] = static_cast<uint8_t>(v >> 16);
	p[3] = static_cast<uint8_t>(v >> 24);
}

inline uint32_t load_le32(const uint8_t *p)
{
	return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 |
	       uint32_t{p[3]} << 24;
}

constexpr uint32_t kNonce[3] = {0, 0, 0};

}  // namespace

void chacha20_block(const uint32_t key[8], uint32_t counter,
		    const uint32_t nonce[3], uint8_t out[64])
{
	// "expand 32-byte k"
	uint32_t s[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
	for (int i = 0; i < 8; ++i)
		s[4 + i] = key[i];
	s[12] = counter;
	s[13] = nonce[0];
	s[14] = nonce[1];
	s[15] = nonce[2];
	uint32_t x[16];
	memcpy(x, s, sizeof(x));
	for (int i = 0; i < 10; ++i) { // 20 rounds: column, then diagonal
		quarter(x, 0, 4, 8, 12);
		quarter(x, 1, 5, 9, 13);
		quarter(x, 2, 6, 10, 14);
		quarter(x, 3, 7, 11, 15);
		quarter(x, 0, 5, 10, 15);
		quarter(x, 1, 6, 11, 12);
		quarter(x, 2, 7, 8, 13);
		quarter(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; ++i)
		store_le32(out + 4 * i, x[i] + s[i]);
}

void Generator::reseed(const void *seed, size_t len)
{
	const auto *p = static_cast<const uint8_t *>(seed);
	uint8_t k[32];
	for (int i = 0; i < 8; ++i)
		store_le32(k + 4 * i, key_[i]);
	for (size_t i = 0; i < len; ++i)
		k[i % 32] ^= p[i];
	for (int i = 0; i < 8; ++i)
		key_[i] = load_le32(k + 4 * i);
	memset(k, 0, sizeof(k));
	uint8_t none[1];
	fill_chunk(none, 0); // erase: the seed cannot be read back either
}

void Generator::fill_chunk(uint8_t *out, size_t len)
{
	uint8_t block[64];
	chacha20_block(key_, 0, kNonce, block);
	uint32_t next_key[8];
	for (int i = 0; i < 8; ++i)
		next_key[i] = load_le32(block + 4 * i);
	size_t n = len < 32 ? len : 32;
	memcpy(out, block + 32, n);
	size_t done = n;
	for (uint32_t ctr = 1; done < len; ++ctr) {
		chacha20_block(key_, ctr, kNonce, block);
		n = len - done < 64 ? len - done : 64;
		memcpy(out + done, block, n);
		done += n;
	}
	memcpy(key_, next_key, sizeof(key_));
	memset(block, 0, sizeof(block));
	memset(next_key, 0, sizeof(next_key));
}

void Generator::fill(void *buf, size_t len)
{
	auto *out = static_cast<uint8_t *>(buf);
	do {
		size_t n = len < kChunk ? len : kChunk;
		fill_chunk(out, n);
		out += n;
		len -= n;
	} while (len);
}

}  // namespace uk::random
