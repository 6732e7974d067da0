// SPDX-License-Identifier: BSD-3-Clause
//
// The virtio-net header on the way out and in (virtio_net_hdr.hpp).

#include "virtio_net_hdr.hpp"

namespace uk::virtio {

void net_tx_header(const uk_netbuf *nb, bool csum_offload, NetHdr *h)
{
	*h = NetHdr{};
	if (csum_offload && (nb->flags & UK_NETBUF_F_PARTIAL_CSUM)) {
		h->flags = kNetHdrNeedsCsum;
		h->csum_start = nb->csum_start;
		h->csum_offset = nb->csum_offset;
	}
}

RxVerdict net_rx_frame(uk_netbuf *nb, uint32_t used_len, uint16_t hdr_len)
{
	if (used_len < uint32_t{hdr_len} + kEthHeader)
		return RxVerdict::kRunt;
	NetHdr h{};
	__builtin_memcpy(&h, nb->data, hdr_len);
	nb->data = static_cast<char *>(nb->data) + hdr_len;
	nb->len = used_len - hdr_len;
	nb->flags = 0;
	if (h.flags & kNetHdrNeedsCsum) {
		nb->flags = UK_NETBUF_F_PARTIAL_CSUM;
		nb->csum_start = h.csum_start;
		nb->csum_offset = h.csum_offset;
		if (uk_netbuf_csum_complete(nb) < 0)
			return RxVerdict::kBadOffload;
		nb->flags = UK_NETBUF_F_DATA_VALID;
	} else if (h.flags & kNetHdrDataValid) {
		nb->flags = UK_NETBUF_F_DATA_VALID;
	}
	return RxVerdict::kOk;
}

}  // namespace uk::virtio
