// SPDX-License-Identifier: BSD-3-Clause
//
// virtio-net without the device (virtio 1.x, 5.1): which features the
// driver takes, and the header in front of every frame. Pure code, host
// tested (tests/virtio_net_hdr_test.cpp).
//
// Choices:
//  - No VIRTIO_NET_F_MRG_RXBUF: without GSO every frame fits one 2 KiB
//    rx buffer (header + 1514 + VLAN tag), so one netbuf is one packet
//    and nothing is ever chained; merged buffers would buy nothing but a
//    multi-buffer rx path.
//  - VIRTIO_NET_F_CSUM: tx checksums are offloaded (UK_NETBUF_F_PARTIAL_CSUM
//    becomes NEEDS_CSUM): under emulation summing in the guest is the
//    dearest part of sending.
//  - VIRTIO_NET_F_GUEST_CSUM: rx frames may come with DATA_VALID (passed
//    on) or NEEDS_CSUM (a partial checksum, e.g. from a tap with offloads:
//    completed here in software, so users always see whole checksums).
//  - No GSO/TSO, control queue or multiqueue: one rx/tx pair.
//  - MAC, STATUS and MTU when offered; RING_EVENT_IDX for suppression;
//    ANY_LAYOUT (legacy) lets the header share the frame's descriptor.
#pragma once

#include <uk/netbuf.h>

#include "virtio.hpp"

namespace uk::virtio {

inline constexpr uint64_t kNetFCsum = 1ULL << 0;
inline constexpr uint64_t kNetFGuestCsum = 1ULL << 1;
inline constexpr uint64_t kNetFMtu = 1ULL << 3;
inline constexpr uint64_t kNetFMac = 1ULL << 5;
inline constexpr uint64_t kNetFGuestTso4 = 1ULL << 7;
inline constexpr uint64_t kNetFMrgRxbuf = 1ULL << 15;
inline constexpr uint64_t kNetFStatus = 1ULL << 16;
inline constexpr uint64_t kNetFCtrlVq = 1ULL << 17;
inline constexpr uint64_t kNetFMq = 1ULL << 22;

// Configuration space (5.1.4).
inline constexpr uint32_t kNetCfgMac = 0;
inline constexpr uint32_t kNetCfgStatus = 6; // with STATUS
inline constexpr uint32_t kNetCfgMtu = 10;   // with MTU
inline constexpr uint16_t kNetLinkUp = 1;

inline constexpr uint16_t kNetRxQueue = 0, kNetTxQueue = 1;

/** struct virtio_net_hdr (5.1.6); num_buffers exists with VERSION_1 or
 * MRG_RXBUF only. */
struct NetHdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;
};
static_assert(sizeof(NetHdr) == 12);
inline constexpr uint8_t kNetHdrNeedsCsum = 1;
inline constexpr uint8_t kNetHdrDataValid = 2;

inline constexpr uint16_t kEthHeader = 14;
inline constexpr uint16_t kVlanTag = 4;
inline constexpr uint16_t kDefaultMtu = 1500;
inline constexpr uint16_t kMinMtu = 68;

/** The features the driver asks for (before VERSION_1, which negotiate() adds). */
inline constexpr uint64_t kNetWanted = kNetFCsum | kNetFGuestCsum | kNetFMtu | kNetFMac |
				       kNetFStatus | kFRingEventIdx | kFAnyLayout;

/** @return the header length for negotiated @p features (10 or 12). */
constexpr uint16_t net_hdr_len(uint64_t features)
{
	return (features & (kFVersion1 | kNetFMrgRxbuf)) ? 12 : 10;
}

/** Whether the header may share the frame's descriptor. */
constexpr bool net_hdr_inline(uint64_t features)
{
	return features & (kFVersion1 | kFAnyLayout);
}

/**
 * Fills @p h for sending @p nb: a partial checksum becomes NEEDS_CSUM
 * when @p csum_offload, else the caller completes it in software first.
 */
void net_tx_header(const uk_netbuf *nb, bool csum_offload, NetHdr *h);

enum class RxVerdict : uint8_t {
	kOk,
	kRunt,       // shorter than the header and an Ethernet header
	kBadOffload, // NEEDS_CSUM with a checksum field outside the frame
};

/**
 * Turns a received buffer (the device wrote @p used_len bytes at
 * nb->data: the header, then the frame) into the frame: data and len
 * cover the frame, flags say what the header said (NEEDS_CSUM completed
 * here, then DATA_VALID).
 */
RxVerdict net_rx_frame(uk_netbuf *nb, uint32_t used_len, uint16_t hdr_len);

}  // namespace uk::virtio
