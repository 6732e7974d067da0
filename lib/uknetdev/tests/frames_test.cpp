// SPDX-License-Identifier: BSD-3-Clause
//
// Host tests of the test frames (frames.cpp): what the in-image suite
// sends must be valid on the wire, whatever it then proves.

#include <gtest/gtest.h>

#include "frames.hpp"

using namespace uk::netdev::test;

namespace {

const uk_hwaddr kMac{{0x52, 0x54, 0, 0x12, 0x34, 0x56}}, kPeer{{0x52, 0x55, 10, 0, 2, 2}};

TEST(Frames, ParseIp4)
{
	Ip4 a;
	ASSERT_TRUE(parse_ip4("10.0.2.15", &a));
	EXPECT_EQ(a.b[0], 10);
	EXPECT_EQ(a.b[3], 15);
	EXPECT_FALSE(parse_ip4("10.0.2", &a));
	EXPECT_FALSE(parse_ip4("10.0.2.256", &a));
	EXPECT_FALSE(parse_ip4("10.0.2.1x", &a));
	EXPECT_FALSE(parse_ip4("", &a));
}

TEST(Frames, ArpRequestAndTheReplyToIt)
{
	uint8_t f[64];
	const Ip4 me{{10, 0, 2, 15}}, gw{{10, 0, 2, 2}};
	ASSERT_EQ(build_arp_request(f, kMac, me, gw), 60u);
	EXPECT_EQ(f[12], 0x08);
	EXPECT_EQ(f[13], 0x06);
	// Turn it into the reply a peer would send.
	uint8_t r[64];
	memcpy(r, f, 60);
	r[21] = 2;
	memcpy(r + 22, kPeer.addr_bytes, 6);
	memcpy(r + 28, gw.b, 4);
	memcpy(r + 32, kMac.addr_bytes, 6);
	memcpy(r + 38, me.b, 4);
	uk_hwaddr got;
	EXPECT_FALSE(is_arp_reply(f, 60, gw, me, &got)); // a request is no reply
	ASSERT_TRUE(is_arp_reply(r, 60, gw, me, &got));
	EXPECT_EQ(memcmp(&got, &kPeer, 6), 0);
	EXPECT_FALSE(is_arp_reply(r, 60, me, gw, &got));
}

TEST(Frames, IcmpEchoChecksumsAreValidAndAReplyIsRecognised)
{
	uint8_t f[128];
	const Ip4 me{{10, 0, 2, 15}}, gw{{10, 0, 2, 2}};
	size_t n = build_icmp_echo(f, kMac, kPeer, me, gw, 0x1234, 7);
	ASSERT_EQ(n, 14u + 20 + 40);
	EXPECT_EQ(uk_netbuf_csum_add(0, f + 14, 20), 0xffff);
	EXPECT_EQ(uk_netbuf_csum_add(0, f + 34, 40), 0xffff);
	// The reply: addresses swapped, type 0, checksums fixed up.
	uint8_t r[128];
	memcpy(r, f, n);
	memcpy(r + 26, gw.b, 4);
	memcpy(r + 30, me.b, 4);
	r[34] = 0;
	r[36] = r[37] = 0;
	uint16_t c = static_cast<uint16_t>(~uk_netbuf_csum_add(0, r + 34, 40));
	r[36] = static_cast<uint8_t>(c >> 8);
	r[37] = static_cast<uint8_t>(c);
	EXPECT_FALSE(is_icmp_echo_reply(f, n, gw, me, 0x1234, 7));
	EXPECT_TRUE(is_icmp_echo_reply(r, n, gw, me, 0x1234, 7));
	EXPECT_FALSE(is_icmp_echo_reply(r, n, gw, me, 0x1234, 8));
	r[40] ^= 1; // payload changed: checksum no longer matches
	EXPECT_FALSE(is_icmp_echo_reply(r, n, gw, me, 0x1234, 7));
}

TEST(Frames, DhcpDiscoverChecksumsFullPartialAndWrong)
{
	alignas(64) uint8_t mem[1024];
	uk_netbuf nb;
	uk_netbuf_init(&nb, mem, sizeof(mem), 0, nullptr, nullptr);
	build_dhcp_discover(&nb, kMac, 0xabcd0123, UdpCsum::kFull);
	EXPECT_EQ(nb.len, 14u + 20 + 8 + 548);
	EXPECT_TRUE(udp_checksum_ok(mem, nb.len));
	EXPECT_EQ(nb.flags, 0);
	build_dhcp_discover(&nb, kMac, 0xabcd0123, UdpCsum::kWrong);
	EXPECT_FALSE(udp_checksum_ok(mem, nb.len));
	build_dhcp_discover(&nb, kMac, 0xabcd0123, UdpCsum::kPartial);
	EXPECT_FALSE(udp_checksum_ok(mem, nb.len));
	EXPECT_TRUE(nb.flags & UK_NETBUF_F_PARTIAL_CSUM);
	ASSERT_EQ(uk_netbuf_csum_complete(&nb), 0); // what a device or driver does
	EXPECT_TRUE(udp_checksum_ok(mem, nb.len));
}

TEST(Frames, DhcpOfferIsRecognisedByTransactionAndType)
{
	alignas(64) uint8_t mem[1024];
	uk_netbuf nb;
	uk_netbuf_init(&nb, mem, sizeof(mem), 0, nullptr, nullptr);
	build_dhcp_discover(&nb, kMac, 42, UdpCsum::kFull);
	Ip4 got;
	EXPECT_FALSE(is_dhcp_offer(mem, nb.len, 42, &got)); // a request, to port 67
	// Make it an offer: ports swapped, BOOTREPLY, yiaddr, type 2.
	uint8_t *udp = mem + 34, *b = udp + 8;
	std::swap(udp[1], udp[3]);
	b[0] = 2;
	b[16] = 10, b[17] = 0, b[18] = 2, b[19] = 15;
	b[236 + 6] = 2;
	EXPECT_TRUE(is_dhcp_offer(mem, nb.len, 42, &got));
	EXPECT_EQ(got.b[3], 15);
	EXPECT_FALSE(is_dhcp_offer(mem, nb.len, 43, &got));
}

}  // namespace
