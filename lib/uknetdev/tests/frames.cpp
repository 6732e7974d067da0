// SPDX-License-Identifier: BSD-3-Clause
//
// Test frames (frames.hpp).

#include "frames.hpp"

namespace uk::netdev::test {
namespace {

constexpr uint8_t kProtoIcmp = 1, kProtoUdp = 17;
constexpr size_t kIpHdr = 20, kUdpHdr = 8;
constexpr size_t kBootp = 236, kDhcpOptions = 312; // RFC 2131's minimum options field
constexpr uk_hwaddr kBroadcast{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

void put16(uint8_t *p, uint16_t v)
{
	p[0] = static_cast<uint8_t>(v >> 8);
	p[1] = static_cast<uint8_t>(v);
}
uint16_t get16(const uint8_t *p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
void put32(uint8_t *p, uint32_t v)
{
	put16(p, static_cast<uint16_t>(v >> 16));
	put16(p + 2, static_cast<uint16_t>(v));
}
uint32_t get32(const uint8_t *p) { return uint32_t{get16(p)} << 16 | get16(p + 2); }
void copy(void *d, const void *s, size_t n) { __builtin_memcpy(d, s, n); }
bool same(const void *a, const void *b, size_t n) { return __builtin_memcmp(a, b, n) == 0; }

uint16_t csum(const void *p, size_t n, uint16_t start = 0)
{
	return static_cast<uint16_t>(~uk_netbuf_csum_add(start, p, n));
}

void put_ip4(uint8_t *ip, uint8_t proto, size_t payload, Ip4 src, Ip4 dst)
{
	__builtin_memset(ip, 0, kIpHdr);
	ip[0] = 0x45;
	put16(ip + 2, static_cast<uint16_t>(kIpHdr + payload));
	ip[6] = 0x40; // don't fragment
	ip[8] = 64;
	ip[9] = proto;
	copy(ip + 12, src.b, 4);
	copy(ip + 16, dst.b, 4);
	put16(ip + 10, csum(ip, kIpHdr));
}

// The uncomplemented sum of the UDP pseudo header.
uint16_t pseudo_sum(const uint8_t *ip, uint16_t udp_len)
{
	uint8_t ph[12] = {};
	copy(ph, ip + 12, 8);
	ph[9] = kProtoUdp;
	put16(ph + 10, udp_len);
	return uk_netbuf_csum_add(0, ph, sizeof(ph));
}

// An IPv4 packet of @p proto inside @p f, its header valid: the payload.
const uint8_t *ip4_payload(const uint8_t *f, size_t len, uint8_t proto, size_t *plen)
{
	if (len < kEthHdr + kIpHdr || get16(f + 12) != kEthIp4)
		return nullptr;
	const uint8_t *ip = f + kEthHdr;
	const size_t ihl = (ip[0] & 15u) * 4;
	const size_t tot = get16(ip + 2);
	if ((ip[0] >> 4) != 4 || ihl < kIpHdr || tot < ihl || kEthHdr + tot > len ||
	    ip[9] != proto || uk_netbuf_csum_add(0, ip, ihl) != 0xffff)
		return nullptr;
	*plen = tot - ihl;
	return ip + ihl;
}

}  // namespace

bool parse_ip4(const char *s, Ip4 *out)
{
	for (int i = 0; i < 4; ++i) {
		unsigned v = 0, digits = 0;
		for (; *s >= '0' && *s <= '9' && digits < 4; ++s, ++digits)
			v = v * 10 + unsigned(*s - '0');
		if (!digits || v > 255 || (i < 3 ? *s != '.' : *s != 0))
			return false;
		out->b[i] = static_cast<uint8_t>(v);
		if (i < 3)
			++s;
	}
	return true;
}

void put_eth(uint8_t *f, const uk_hwaddr &dst, const uk_hwaddr &src, uint16_t type)
{
	copy(f, dst.addr_bytes, 6);
	copy(f + 6, src.addr_bytes, 6);
	put16(f + 12, type);
}

size_t build_arp_request(uint8_t *f, const uk_hwaddr &mac, Ip4 ip, Ip4 target)
{
	put_eth(f, kBroadcast, mac, kEthArp);
	uint8_t *a = f + kEthHdr;
	put16(a, 1);      // Ethernet
	put16(a + 2, kEthIp4);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);  // request
	copy(a + 8, mac.addr_bytes, 6);
	copy(a + 14, ip.b, 4);
	__builtin_memset(a + 18, 0, 6);
	copy(a + 24, target.b, 4);
	const size_t n = kEthHdr + 28;
	__builtin_memset(f + n, 0, 60 - n); // the minimum frame, FCS aside
	return 60;
}

bool is_arp_reply(const uint8_t *f, size_t len, Ip4 peer, Ip4 ip, uk_hwaddr *peer_mac)
{
	if (len < kEthHdr + 28 || get16(f + 12) != kEthArp)
		return false;
	const uint8_t *a = f + kEthHdr;
	if (get16(a) != 1 || get16(a + 2) != kEthIp4 || a[4] != 6 || a[5] != 4 ||
	    get16(a + 6) != 2 || !same(a + 14, peer.b, 4) || !same(a + 24, ip.b, 4))
		return false;
	copy(peer_mac->addr_bytes, a + 8, 6);
	return true;
}

size_t build_icmp_echo(uint8_t *f, const uk_hwaddr &mac, const uk_hwaddr &peer_mac, Ip4 ip,
		       Ip4 peer, uint16_t id, uint16_t seq)
{
	constexpr size_t kPayload = 32, kIcmp = 8 + kPayload;
	put_eth(f, peer_mac, mac, kEthIp4);
	put_ip4(f + kEthHdr, kProtoIcmp, kIcmp, ip, peer);
	uint8_t *icmp = f + kEthHdr + kIpHdr;
	icmp[0] = 8; // echo request
	icmp[1] = 0;
	put16(icmp + 2, 0);
	put16(icmp + 4, id);
	put16(icmp + 6, seq);
	for (size_t i = 0; i < kPayload; ++i)
		icmp[8 + i] = static_cast<uint8_t>('a' + i % 26);
	put16(icmp + 2, csum(icmp, kIcmp));
	return kEthHdr + kIpHdr + kIcmp;
}

bool is_icmp_echo_reply(const uint8_t *f, size_t len, Ip4 peer, Ip4 ip, uint16_t id,
			uint16_t seq)
{
	size_t n;
	const uint8_t *icmp = ip4_payload(f, len, kProtoIcmp, &n);
	if (!icmp || n < 8)
		return false;
	const uint8_t *iph = f + kEthHdr;
	return same(iph + 12, peer.b, 4) && same(iph + 16, ip.b, 4) && icmp[0] == 0 &&
	       icmp[1] == 0 && get16(icmp + 4) == id && get16(icmp + 6) == seq &&
	       uk_netbuf_csum_add(0, icmp, n) == 0xffff;
}

void build_dhcp_discover(uk_netbuf *nb, const uk_hwaddr &mac, uint32_t xid, UdpCsum how)
{
	auto *f = static_cast<uint8_t *>(nb->data);
	const size_t bootp = kBootp + kDhcpOptions, udp_len = kUdpHdr + bootp;
	const Ip4 any{{0, 0, 0, 0}}, all{{255, 255, 255, 255}};
	put_eth(f, kBroadcast, mac, kEthIp4);
	uint8_t *ip = f + kEthHdr;
	put_ip4(ip, kProtoUdp, udp_len, any, all);
	uint8_t *udp = ip + kIpHdr;
	put16(udp, 68);
	put16(udp + 2, 67);
	put16(udp + 4, static_cast<uint16_t>(udp_len));
	put16(udp + 6, 0);
	uint8_t *b = udp + kUdpHdr;
	__builtin_memset(b, 0, bootp);
	b[0] = 1; // BOOTREQUEST
	b[1] = 1; // Ethernet
	b[2] = 6;
	put32(b + 4, xid);
	put16(b + 10, 0x8000); // answer by broadcast: we have no address yet
	copy(b + 28, mac.addr_bytes, 6);
	uint8_t *o = b + kBootp;
	put32(o, 0x63825363); // magic cookie
	o[4] = 53;            // DHCP message type
	o[5] = 1;
	o[6] = 1;             // DISCOVER
	o[7] = 255;           // end
	nb->len = static_cast<uint32_t>(kEthHdr + kIpHdr + udp_len);
	nb->flags = 0;
	const uint16_t ph = pseudo_sum(ip, static_cast<uint16_t>(udp_len));
	if (how == UdpCsum::kPartial) {
		put16(udp + 6, ph);
		nb->flags = UK_NETBUF_F_PARTIAL_CSUM;
		nb->csum_start = kEthHdr + kIpHdr;
		nb->csum_offset = 6;
		return;
	}
	uint16_t c = csum(udp, udp_len, ph);
	if (c == 0)
		c = 0xffff;
	if (how == UdpCsum::kWrong)
		c = static_cast<uint16_t>(c ^ 0x5a5a);
	put16(udp + 6, c);
}

bool is_dhcp_offer(const uint8_t *f, size_t len, uint32_t xid, Ip4 *offered)
{
	size_t n;
	const uint8_t *udp = ip4_payload(f, len, kProtoUdp, &n);
	if (!udp || n < kUdpHdr + kBootp + 4 || get16(udp) != 67 || get16(udp + 2) != 68)
		return false;
	const uint8_t *b = udp + kUdpHdr;
	if (b[0] != 2 || get32(b + 4) != xid || get32(b + kBootp) != 0x63825363)
		return false;
	for (size_t i = kBootp + 4; i + 2 < n - kUdpHdr;) {
		const uint8_t code = b[i];
		if (code == 255)
			break;
		if (code == 0) {
			++i;
			continue;
		}
		if (code == 53 && b[i + 1] == 1 && b[i + 2] == 2) {
			copy(offered->b, b + 16, 4);
			return true;
		}
		i += 2u + b[i + 1];
	}
	return false;
}

bool udp_checksum_ok(const uint8_t *f, size_t len)
{
	size_t n;
	const uint8_t *udp = ip4_payload(f, len, kProtoUdp, &n);
	if (!udp || n < kUdpHdr || get16(udp + 4) > n)
		return false;
	if (get16(udp + 6) == 0)
		return true;
	return uk_netbuf_csum_add(pseudo_sum(f + kEthHdr, get16(udp + 4)), udp, get16(udp + 4)) ==
	       0xffff;
}

}  // namespace uk::netdev::test
