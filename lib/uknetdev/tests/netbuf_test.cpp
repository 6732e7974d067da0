// SPDX-License-Identifier: BSD-3-Clause
//
// Host tests of the netbuf helpers (uk/netbuf.h, netbuf.cpp): head and
// tail room, push and pull, one-block allocation and release, and the
// Internet checksum with its software completion of partial checksums.

#include <gtest/gtest.h>

#include <uk/netbuf.h>

#include "host_alloc.hpp"

using uk::hosttest::HostAlloc;

namespace {

TEST(Netbuf, HeadroomTailroomPushPull)
{
	alignas(64) uint8_t mem[256];
	uk_netbuf nb;
	uk_netbuf_init(&nb, mem, sizeof(mem), 32, nullptr, nullptr);
	EXPECT_EQ(uk_netbuf_headroom(&nb), 32u);
	EXPECT_EQ(uk_netbuf_tailroom(&nb), 224u);
	nb.len = 100;
	EXPECT_EQ(uk_netbuf_tailroom(&nb), 124u);
	EXPECT_EQ(uk_netbuf_push(&nb, 14), 0);
	EXPECT_EQ(nb.data, mem + 18);
	EXPECT_EQ(nb.len, 114u);
	EXPECT_EQ(uk_netbuf_push(&nb, 19), -UK_ENOSPC);
	EXPECT_EQ(uk_netbuf_pull(&nb, 14), 0);
	EXPECT_EQ(uk_netbuf_pull(&nb, 101), -UK_EINVAL);
	EXPECT_EQ(nb.len, 100u);
	uk_netbuf_release(&nb); // no callback: nothing happens
	uk_netbuf_init(&nb, mem, 16, 32, nullptr, nullptr); // headroom clamps
	EXPECT_EQ(uk_netbuf_headroom(&nb), 16u);
	EXPECT_EQ(uk_netbuf_tailroom(&nb), 0u);
}

TEST(Netbuf, AllocIsOneBlockThatReleaseFrees)
{
	HostAlloc a;
	uk_netbuf *nb = uk_netbuf_alloc(a.get(), 2048, 128);
	ASSERT_NE(nb, nullptr);
	EXPECT_EQ(a.live.size(), 1u);
	EXPECT_EQ(reinterpret_cast<uintptr_t>(nb->buf) % 64, 0u);
	EXPECT_EQ(uk_netbuf_headroom(nb), 128u);
	EXPECT_EQ(nb->buflen, 2048u);
	EXPECT_EQ(nb->len, 0u);
	memset(nb->buf, 0x5a, nb->buflen); // the whole buffer is ours (ASan checks)
	uk_netbuf_release(nb);
	EXPECT_TRUE(a.live.empty());
	EXPECT_EQ(uk_netbuf_alloc(a.get(), 64, 65), nullptr);
	EXPECT_EQ(uk_netbuf_alloc(nullptr, 64, 0), nullptr);
	a.fail_after = 0;
	EXPECT_EQ(uk_netbuf_alloc(a.get(), 64, 0), nullptr);
}

TEST(Netbuf, ChecksumOfRfc1071Example)
{
	const uint8_t b[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
	EXPECT_EQ(uk_netbuf_csum_add(0, b, sizeof(b)), 0xddf2);
	// Continuing a sum equals summing at once (even split).
	EXPECT_EQ(uk_netbuf_csum_add(uk_netbuf_csum_add(0, b, 4), b + 4, 4), 0xddf2);
	const uint8_t odd[] = {0x12, 0x34, 0x56};
	EXPECT_EQ(uk_netbuf_csum_add(0, odd, 3), 0x1234 + 0x5600);
}

// An IPv4/UDP datagram (192.168.0.1:1000 -> 192.168.0.199:2000, "hello")
// sent with a partial checksum (the pseudo-header sum in the field): once
// completed it passes the receiver's rule, pseudo header plus datagram
// summing to 0xffff.
TEST(Netbuf, PartialChecksumCompletionGivesAValidUdpChecksum)
{
	alignas(64) uint8_t mem[128] = {};
	uk_netbuf nb;
	uk_netbuf_init(&nb, mem, sizeof(mem), 0, nullptr, nullptr);
	const uint8_t src[4] = {192, 168, 0, 1}, dst[4] = {192, 168, 0, 199};
	uint8_t *udp = mem + 20;
	const char payload[] = "hello";
	const uint16_t ulen = 8 + 5;
	udp[0] = 1000 >> 8, udp[1] = 1000 & 0xff, udp[2] = 2000 >> 8, udp[3] = 2000 & 0xff;
	udp[4] = 0, udp[5] = ulen;
	memcpy(udp + 8, payload, 5);
	// Pseudo header: src, dst, 0, proto 17, UDP length.
	uint8_t pseudo[12] = {};
	memcpy(pseudo, src, 4);
	memcpy(pseudo + 4, dst, 4);
	pseudo[9] = 17;
	pseudo[11] = ulen;
	uint16_t ph = uk_netbuf_csum_add(0, pseudo, sizeof(pseudo));
	udp[6] = static_cast<uint8_t>(ph >> 8), udp[7] = static_cast<uint8_t>(ph);
	nb.len = 20 + ulen;
	nb.flags = UK_NETBUF_F_PARTIAL_CSUM;
	nb.csum_start = 20;
	nb.csum_offset = 6;
	ASSERT_EQ(uk_netbuf_csum_complete(&nb), 0);
	EXPECT_FALSE(nb.flags & UK_NETBUF_F_PARTIAL_CSUM);
	uint16_t check = static_cast<uint16_t>(udp[6] << 8 | udp[7]);
	EXPECT_NE(check, 0);
	EXPECT_NE(check, ph);
	EXPECT_EQ(uk_netbuf_csum_add(uk_netbuf_csum_add(0, pseudo, 12), udp, ulen), 0xffff);
}

TEST(Netbuf, PartialChecksumOutsideThePacketIsRefused)
{
	alignas(64) uint8_t mem[64] = {};
	uk_netbuf nb;
	uk_netbuf_init(&nb, mem, sizeof(mem), 0, nullptr, nullptr);
	nb.len = 30;
	nb.flags = UK_NETBUF_F_PARTIAL_CSUM;
	nb.csum_start = 20;
	nb.csum_offset = 9; // field at 29..30: one byte past the end
	EXPECT_EQ(uk_netbuf_csum_complete(&nb), -UK_EINVAL);
	nb.csum_start = 30;
	nb.csum_offset = 0;
	EXPECT_EQ(uk_netbuf_csum_complete(&nb), -UK_EINVAL);
	EXPECT_TRUE(nb.flags & UK_NETBUF_F_PARTIAL_CSUM);
	nb.csum_start = 20;
	nb.csum_offset = 8; // field at 28..29: the last two bytes
	EXPECT_EQ(uk_netbuf_csum_complete(&nb), 0);
}

}  // namespace
