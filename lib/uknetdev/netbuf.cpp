// SPDX-License-Identifier: BSD-3-Clause
//
// Netbufs in one allocation, and the Internet checksum for software
// completion of partial checksums (uk/netbuf.h).

#include <uk/alloc.h>
#include <uk/netbuf.h>

namespace uk::netdev {
namespace {

constexpr size_t kBufAlign = 64;
// The buffer starts on its own cache line after the struct.
constexpr size_t kHeader = (sizeof(uk_netbuf) + kBufAlign - 1) & ~(kBufAlign - 1);

void free_block(uk_netbuf *nb, void *arg) { uk_free(static_cast<uk_alloc *>(arg), nb); }

uint16_t fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return static_cast<uint16_t>(sum);
}

}  // namespace
}  // namespace uk::netdev

using namespace uk::netdev;

extern "C" struct uk_netbuf *uk_netbuf_alloc(struct uk_alloc *a, uint32_t buflen,
					     uint32_t headroom)
{
	if (!a || headroom > buflen)
		return nullptr;
	void *block = nullptr;
	if (uk_posix_memalign(a, &block, kBufAlign, kHeader + buflen) < 0)
		return nullptr;
	auto *nb = static_cast<uk_netbuf *>(block);
	uk_netbuf_init(nb, static_cast<char *>(block) + kHeader, buflen, headroom, free_block, a);
	return nb;
}

extern "C" uint16_t uk_netbuf_csum_add(uint16_t sum, const void *p, size_t len)
{
	const auto *b = static_cast<const uint8_t *>(p);
	uint64_t s = sum;
	size_t i = 0;
	for (; i + 1 < len; i += 2)
		s += uint32_t{b[i]} << 8 | b[i + 1];
	if (i < len)
		s += uint32_t{b[i]} << 8;
	return fold(s);
}

extern "C" int uk_netbuf_csum_complete(struct uk_netbuf *nb)
{
	const size_t field = size_t{nb->csum_start} + nb->csum_offset;
	if (nb->csum_start >= nb->len || field + 2 > nb->len)
		return -UK_EINVAL;
	auto *pkt = static_cast<uint8_t *>(nb->data);
	// The field holds the pseudo-header sum: it is part of the sum.
	uint16_t c = static_cast<uint16_t>(~uk_netbuf_csum_add(0, pkt + nb->csum_start,
								nb->len - nb->csum_start));
	if (c == 0)
		c = 0xffff;
	pkt[field] = static_cast<uint8_t>(c >> 8);
	pkt[field + 1] = static_cast<uint8_t>(c);
	nb->flags &= static_cast<uint16_t>(~UK_NETBUF_F_PARTIAL_CSUM);
	return 0;
}
