// SPDX-License-Identifier: BSD-3-Clause
//
// Ethernet frames for the network tests: ARP requests, ICMP echo
// requests and DHCP DISCOVER to build, their answers to recognise. Plain
// byte layouts (RFC 826, 791, 792, 768, 2131), no stack. Used by the
// in-image suite (uktest_netdev.cpp) and host-tested (frames_test.cpp).
#pragma once

#include <uk/netbuf.h>
#include <uk/netdev.h>

namespace uk::netdev::test {

struct Ip4 {
	uint8_t b[4];
};

/** Parses "a.b.c.d". @return false when malformed. */
bool parse_ip4(const char *s, Ip4 *out);

inline constexpr uint16_t kEthArp = 0x0806, kEthIp4 = 0x0800;
inline constexpr uint16_t kEthExperimental = 0x88b5; // IEEE local experimental
inline constexpr size_t kEthHdr = 14;

/** Writes an Ethernet header at @p f. */
void put_eth(uint8_t *f, const uk_hwaddr &dst, const uk_hwaddr &src, uint16_t type);

/** ARP who-has @p target tell @p ip (@p mac). @return the frame length. */
size_t build_arp_request(uint8_t *f, const uk_hwaddr &mac, Ip4 ip, Ip4 target);

/** Is @p f (@p len bytes) "@p peer is at <mac>" for us? Fills @p peer_mac. */
bool is_arp_reply(const uint8_t *f, size_t len, Ip4 peer, Ip4 ip, uk_hwaddr *peer_mac);

/** ICMP echo request @p id/@p seq with 32 bytes of payload. @return the length. */
size_t build_icmp_echo(uint8_t *f, const uk_hwaddr &mac, const uk_hwaddr &peer_mac, Ip4 ip,
		       Ip4 peer, uint16_t id, uint16_t seq);

/** Is @p f an echo reply from @p peer to @p ip with @p id/@p seq and valid checksums? */
bool is_icmp_echo_reply(const uint8_t *f, size_t len, Ip4 peer, Ip4 ip, uint16_t id,
			uint16_t seq);

/** How the UDP checksum of a DHCP DISCOVER is made. */
enum class UdpCsum {
	kFull,    // computed here
	kPartial, // pseudo-header sum in the field, UK_NETBUF_F_PARTIAL_CSUM set
	kWrong,   // computed, then spoiled: a checking peer drops it
};

/**
 * DHCP DISCOVER (broadcast) with transaction @p xid into @p nb (data at
 * the frame, len set, checksum as @p csum says).
 */
void build_dhcp_discover(uk_netbuf *nb, const uk_hwaddr &mac, uint32_t xid, UdpCsum csum);

/** Is @p f a DHCP OFFER for @p xid? Fills the offered address. */
bool is_dhcp_offer(const uint8_t *f, size_t len, uint32_t xid, Ip4 *offered);

/** Checks the UDP checksum of an IPv4/UDP frame (0: none, accepted). */
bool udp_checksum_ok(const uint8_t *f, size_t len);

}  // namespace uk::netdev::test
