// SPDX-License-Identifier: BSD-3-Clause
//
// In-image tests of network device 0, whatever its driver (virtio-net
// under QEMU, the tap on linuxu): real exchanges with the link's peer
// (QEMU's slirp at 10.0.2.2, or the host side of a tap), polling and
// interrupt driven, checksum offload or its software fallback, buffer
// ownership through bursts, stop and restart. Addresses come from
// CONFIG_LIBUKNETDEV_TEST_LOCAL_IP/_PEER_IP. Without a device every case
// is skipped with the reason.
//
// The interrupt case is the one that shows the whole path: the thread
// arms the rx interrupt, then blocks on a uk_irq_event with a 5 s
// deadline; only the device's interrupt (MSI-X on x86_64, an SPI on
// arm64, the tap's fd event on linuxu) can end the wait early.

#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/errno.h>
#include <uk/irq_event.h>
#include <uk/netdev.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/sched.h>
#include <uk/test.h>
#include <uk/time.h>

#include "frames.hpp"

using namespace uk::netdev::test;

namespace {

constexpr uint64_t kAnswerTimeout = 5 * UK_NSEC_PER_SEC;
constexpr uint32_t kBufLen = 2048, kHeadroom = 64;
inline constexpr bool kHaveDhcp = UK_IS_ENABLED(CONFIG_LIBUKNETDEV_TEST_DHCP);
#ifdef CONFIG_LIBUKNETDEV_TEST_PEER_UDP_PORT
inline constexpr uint16_t kPeerUdpPort = CONFIG_LIBUKNETDEV_TEST_PEER_UDP_PORT;
#else
inline constexpr uint16_t kPeerUdpPort = 0;
#endif

struct Pool {
	uk_alloc *a;
	unsigned out; // netbufs handed out and not released
	unsigned refused;
};
constinit Pool pool{nullptr, 0, 0};

void pool_release(uk_netbuf *nb, void *) { pool.out--, uk_free(pool.a, nb); }

uk_netbuf *pool_get()
{
	uk_netbuf *nb = uk_netbuf_alloc(pool.a, kBufLen, kHeadroom);
	if (!nb) {
		pool.refused++;
		return nullptr;
	}
	nb->release = pool_release;
	pool.out++;
	return nb;
}

uint16_t alloc_rx(void *, uk_netbuf *pkts[], uint16_t count)
{
	uint16_t n = 0;
	while (n < count && (pkts[n] = pool_get()))
		++n;
	return n;
}

struct RxEvents {
	uk_irq_event ev;
	volatile unsigned calls;
	volatile unsigned calls_irqs_off;
};
constinit RxEvents rxev{UK_IRQ_EVENT_INITIALIZER, 0, 0};

// Interrupt context: only the event.
void on_rx(uk_netdev *, uint16_t, void *)
{
	rxev.calls = rxev.calls + 1;
	if (ukplat_lcpu_irqs_disabled())
		rxev.calls_irqs_off = rxev.calls_irqs_off + 1;
	uk_irq_event_signal(&rxev.ev);
}

struct Ctx {
	const char *skip; // why every case skips, or null
	uk_netdev *dev;
	uk_netdev_info info;
	uk_hwaddr mac;
	Ip4 ip, peer;
	bool intr_mode;
};
constinit Ctx ctx{};

int suite_init()
{
	pool.a = uk_alloc_get_default();
	ctx.dev = uk_netdev_get(0);
	if (!ctx.dev) {
		ctx.skip = "no network device in this image";
		return 0;
	}
	// Configured before the suite: someone owns it (lwIP's netif, in an
	// image with a network stack). Its queues are not ours to replace.
	if (uk_netdev_state_get(ctx.dev) != UK_NETDEV_UNCONFIGURED) {
		ctx.skip = "network device 0 is in use by another library (a network stack)";
		ctx.dev = nullptr;
		return 0;
	}
	if (!parse_ip4(CONFIG_LIBUKNETDEV_TEST_LOCAL_IP, &ctx.ip) ||
	    !parse_ip4(CONFIG_LIBUKNETDEV_TEST_PEER_IP, &ctx.peer))
		return -UK_EINVAL;
	uk_netdev_info_get(ctx.dev, &ctx.info);
	uk_netdev_hwaddr_get(ctx.dev, &ctx.mac);
	const uk_netdev_conf c{1, 1};
	return uk_netdev_configure(ctx.dev, &c);
}
UK_TESTSUITE_INIT(netdev, suite_init);

void suite_fini()
{
	if (ctx.dev && uk_netdev_state_get(ctx.dev) == UK_NETDEV_RUNNING)
		uk_netdev_stop(ctx.dev);
}
UK_TESTSUITE_FINI(netdev, suite_fini);

#define NEED_DEVICE()                                                        \
	do {                                                                 \
		if (!ctx.dev)                                                \
			UK_TEST_SKIP(ctx.skip);                              \
	} while (0)

/** Device 0 running, its rx queue in interrupt or polling mode. */
int bring_up(bool intr)
{
	if (uk_netdev_state_get(ctx.dev) == UK_NETDEV_RUNNING) {
		if (ctx.intr_mode == intr)
			return 0;
		int rc = uk_netdev_stop(ctx.dev);
		if (rc < 0)
			return rc;
	}
	const uk_netdev_rxqueue_conf rc{pool.a, alloc_rx, nullptr, intr ? on_rx : nullptr, nullptr};
	const uk_netdev_txqueue_conf tc{pool.a};
	int r = uk_netdev_rxq_setup(ctx.dev, 0, 0, &rc);
	if (r == 0)
		r = uk_netdev_txq_setup(ctx.dev, 0, 0, &tc);
	if (r == 0)
		r = uk_netdev_start(ctx.dev);
	ctx.intr_mode = intr;
	// A tap's carrier goes up when we attach, but Linux applies it (and
	// lets frames out) asynchronously, up to a second later.
	const uint64_t deadline = uk_time_now_ns() + kAnswerTimeout;
	while (r == 0 && !uk_netdev_link_up(ctx.dev) && uk_time_now_ns() < deadline)
		uk_sched_sleep_ns(10 * UK_NSEC_PER_MSEC);
	return r;
}

int send_bytes(const uint8_t *frame, size_t len)
{
	uk_netbuf *nb = pool_get();
	if (!nb)
		return -UK_ENOMEM;
	__builtin_memcpy(nb->data, frame, len);
	nb->len = static_cast<uint32_t>(len);
	int n = uk_netdev_tx_burst(ctx.dev, 0, &nb, 1);
	if (n != 1)
		uk_netbuf_release(nb);
	return n;
}

/** Takes what arrived; @return 1 when @p match took one, 0 when none
 * did, -1 when nothing arrived at all. */
template <typename Match>
int take_rx(Match &match)
{
	uk_netbuf *pk[16];
	const int n = uk_netdev_rx_burst(ctx.dev, 0, pk, 16);
	bool hit = false;
	for (int i = 0; i < n; ++i) {
		if (!hit)
			hit = match(static_cast<const uint8_t *>(pk[i]->data), pk[i]->len);
		uk_netbuf_release(pk[i]);
	}
	return hit ? 1 : n > 0 ? 0 : -1;
}

/** Polls until @p match accepts a frame or @p timeout passes. */
template <typename Match>
bool poll_for(Match match, uint64_t timeout = kAnswerTimeout)
{
	const uint64_t deadline = uk_time_now_ns() + timeout;
	while (uk_time_now_ns() < deadline) {
		const int r = take_rx(match);
		if (r == 1)
			return true;
		if (r < 0)
			uk_sched_sleep_ns(200 * UK_NSEC_PER_USEC);
	}
	return false;
}

struct Waits {
	unsigned blocked, woken, armed_pending;
};

/** The interrupt-driven loop of uk/netdev.h until @p match accepts a
 * frame or the deadline passes. */
template <typename Match>
bool wait_for(Match match, Waits *w)
{
	const uint64_t deadline = uk_time_now_ns() + kAnswerTimeout;
	for (;;) {
		const int r = take_rx(match);
		if (r == 1)
			return true;
		if (r == 0)
			continue;
		const int armed = uk_netdev_rxq_intr_enable(ctx.dev, 0);
		if (armed < 0)
			return false;
		if (armed == 1) {
			w->armed_pending++;
			continue;
		}
		w->blocked++;
		if (uk_irq_event_wait(&rxev.ev, deadline) < 0)
			return false;
		w->woken++;
	}
}

/** Resolves the peer, asking again every second as ARP does. */
bool arp_peer(uk_hwaddr *peer_mac)
{
	uint8_t f[64];
	for (int tries = 0; tries < 5; ++tries) {
		if (send_bytes(f, build_arp_request(f, ctx.mac, ctx.ip, ctx.peer)) != 1)
			return false;
		if (poll_for([&](const uint8_t *p, size_t n) {
			    return is_arp_reply(p, n, ctx.peer, ctx.ip, peer_mac);
		    }, UK_NSEC_PER_SEC))
			return true;
	}
	return false;
}

}  // namespace

UK_TESTCASE(netdev, a_device_0_says_what_it_is)
{
	NEED_DEVICE();
	const uk_netdev_info &i = ctx.info;
	const uint8_t *m = ctx.mac.addr_bytes;
	uk_pr_info("netdev: %u device(s); 0 is %s, MAC %02x:%02x:%02x:%02x:%02x:%02x, MTU %u, "
		   "%u/%u descriptors, tx headroom %u, features%s%s%s\n",
		   uk_netdev_count(), uk_netdev_name(ctx.dev), m[0], m[1], m[2], m[3], m[4], m[5],
		   uk_netdev_mtu_get(ctx.dev), i.max_rx_desc, i.max_tx_desc, i.tx_headroom,
		   (i.features & UK_NETDEV_F_TX_CSUM) ? " tx-csum" : "",
		   (i.features & UK_NETDEV_F_RX_CSUM) ? " rx-csum" : "",
		   (i.features & UK_NETDEV_F_RXQ_INTR) ? " rx-interrupts" : "");
	UK_TEST_EXPECT_EQ(uk_netdev_id(ctx.dev), 0);
	UK_TEST_EXPECT_PTR_EQ(uk_netdev_find(uk_netdev_name(ctx.dev)), ctx.dev);
	UK_TEST_EXPECT_GE(i.max_rx_queues, 1);
	UK_TEST_EXPECT_GE(i.max_tx_queues, 1);
	UK_TEST_EXPECT_GE(i.max_rx_desc, 1);
	UK_TEST_EXPECT_LE(i.rx_buflen_min, kBufLen - kHeadroom);
	UK_TEST_EXPECT_LE(i.tx_headroom, kHeadroom);
	UK_TEST_EXPECT_ZERO(m[0] & 1); // unicast
	UK_TEST_EXPECT_NE(m[0] | m[1] | m[2] | m[3] | m[4] | m[5], 0);
	UK_TEST_EXPECT_GE(uk_netdev_mtu_get(ctx.dev), 576);
	UK_TEST_EXPECT_LE(uk_netdev_mtu_get(ctx.dev), 1500);
	UK_TEST_ASSERT_ZERO(bring_up(false));
	UK_TEST_EXPECT_EQ(uk_netdev_link_up(ctx.dev), 1);
	UK_TEST_EXPECT_EQ(uk_netdev_rxq_intr_enable(ctx.dev, 0), -UK_EINVAL); // polling queue
}

UK_TESTCASE(netdev, b_arp_reply_in_polling_mode)
{
	NEED_DEVICE();
	UK_TEST_ASSERT_ZERO(bring_up(false));
	uk_netdev_queue_stats rx0, tx0, rx1, tx1;
	UK_TEST_ASSERT_ZERO(uk_netdev_rxq_stats_get(ctx.dev, 0, &rx0));
	UK_TEST_ASSERT_ZERO(uk_netdev_txq_stats_get(ctx.dev, 0, &tx0));
	uk_hwaddr peer_mac;
	const uint64_t t0 = uk_time_now_ns();
	UK_TEST_ASSERT(arp_peer(&peer_mac));
	const uint64_t rtt = uk_time_now_ns() - t0;
	const uint8_t *m = peer_mac.addr_bytes;
	uk_pr_info("netdev: %s is at %02x:%02x:%02x:%02x:%02x:%02x (%llu us)\n",
		   CONFIG_LIBUKNETDEV_TEST_PEER_IP, m[0], m[1], m[2], m[3], m[4], m[5],
		   static_cast<unsigned long long>(rtt / 1000));
	UK_TEST_EXPECT_ZERO(m[0] & 1);
	UK_TEST_ASSERT_ZERO(uk_netdev_rxq_stats_get(ctx.dev, 0, &rx1));
	UK_TEST_ASSERT_ZERO(uk_netdev_txq_stats_get(ctx.dev, 0, &tx1));
	UK_TEST_EXPECT_GE(tx1.packets - tx0.packets, 1); // one per ARP try
	UK_TEST_EXPECT_EQ(tx1.bytes - tx0.bytes, 60 * (tx1.packets - tx0.packets));
	UK_TEST_EXPECT_GE(rx1.packets - rx0.packets, 1);
	UK_TEST_EXPECT_GE(rx1.bytes - rx0.bytes, 42);
	UK_TEST_EXPECT_EQ(rx1.errors, rx0.errors);
	UK_TEST_EXPECT_EQ(tx1.errors, tx0.errors);
}

UK_TESTCASE(netdev, c_arp_reply_wakes_a_thread_blocked_on_the_rx_interrupt)
{
	NEED_DEVICE();
	if (!(ctx.info.features & UK_NETDEV_F_RXQ_INTR))
		UK_TEST_SKIP("device 0 has no rx interrupts");
	UK_TEST_ASSERT_ZERO(bring_up(true));
	uk_irq_event_try(&rxev.ev); // a stale signal would end the wait early
	rxev.calls = 0;
	rxev.calls_irqs_off = 0;
	// Nothing may be waiting when we block: drain first.
	uk_netbuf *pk[16];
	int n;
	while ((n = uk_netdev_rx_burst(ctx.dev, 0, pk, 16)) > 0)
		for (int i = 0; i < n; ++i)
			uk_netbuf_release(pk[i]);
	// Armed before the request goes out: only the interrupt's callback
	// can signal the event before the deadline.
	UK_TEST_ASSERT_EQ(uk_netdev_rxq_intr_enable(ctx.dev, 0), 0);
	uint8_t f[64];
	UK_TEST_ASSERT_EQ(send_bytes(f, build_arp_request(f, ctx.mac, ctx.ip, ctx.peer)), 1);
	const uint64_t t0 = uk_time_now_ns();
	const int rc = uk_irq_event_wait(&rxev.ev, t0 + kAnswerTimeout);
	const uint64_t took = uk_time_now_ns() - t0;
	UK_TEST_ASSERT_ZERO(rc);
	UK_TEST_EXPECT_EQ(rxev.calls, 1); // one-shot: disarmed by the first frame
	UK_TEST_EXPECT_EQ(rxev.calls_irqs_off, rxev.calls); // interrupt context
	// Then the loop of uk/netdev.h collects the reply.
	uk_hwaddr peer_mac;
	Waits w{};
	UK_TEST_EXPECT(wait_for([&](const uint8_t *p, size_t len) {
		return is_arp_reply(p, len, ctx.peer, ctx.ip, &peer_mac);
	}, &w));
	// Three pings through the same loop: each reply ends a blocked wait
	// or is found at once (then its interrupt was for a frame in hand).
	uk_hwaddr mac_of_peer = peer_mac;
	uint8_t e[128];
	for (uint16_t seq = 1; seq <= 3; ++seq) {
		size_t n = build_icmp_echo(e, ctx.mac, mac_of_peer, ctx.ip, ctx.peer, 0x1e0, seq);
		UK_TEST_ASSERT_EQ(send_bytes(e, n), 1);
		UK_TEST_EXPECT(wait_for([&](const uint8_t *p, size_t len) {
			return is_icmp_echo_reply(p, len, ctx.peer, ctx.ip, 0x1e0, seq);
		}, &w));
	}
	uk_pr_info("netdev: first interrupt %llu us after the request; then %u callbacks, "
		   "blocked %u times, woken %u, armed with packets waiting %u\n",
		   static_cast<unsigned long long>(took / 1000), rxev.calls, w.blocked, w.woken,
		   w.armed_pending);
	UK_TEST_EXPECT_EQ(rxev.calls_irqs_off, rxev.calls);
	UK_TEST_EXPECT_LT(took, kAnswerTimeout);
	// Disarmed, a frame raises no callback.
	UK_TEST_EXPECT_ZERO(uk_netdev_rxq_intr_disable(ctx.dev, 0));
	const unsigned before = rxev.calls;
	UK_TEST_ASSERT_EQ(send_bytes(f, build_arp_request(f, ctx.mac, ctx.ip, ctx.peer)), 1);
	UK_TEST_EXPECT(poll_for([&](const uint8_t *p, size_t len) {
		return is_arp_reply(p, len, ctx.peer, ctx.ip, &peer_mac);
	}));
	UK_TEST_EXPECT_EQ(rxev.calls, before);
}

UK_TESTCASE(netdev, d_icmp_echo_reply_from_the_peer)
{
	NEED_DEVICE();
	UK_TEST_ASSERT_ZERO(bring_up(false));
	uk_hwaddr peer_mac;
	UK_TEST_ASSERT(arp_peer(&peer_mac));
	uint8_t f[128];
	for (uint16_t seq = 1; seq <= 3; ++seq) {
		size_t n = build_icmp_echo(f, ctx.mac, peer_mac, ctx.ip, ctx.peer, 0x7e55, seq);
		UK_TEST_ASSERT_EQ(send_bytes(f, n), 1);
		UK_TEST_EXPECT(poll_for([&](const uint8_t *p, size_t len) {
			return is_icmp_echo_reply(p, len, ctx.peer, ctx.ip, 0x7e55, seq);
		}));
	}
}

static bool dhcp_exchange(UdpCsum how, uint32_t xid, uint64_t timeout, Ip4 *offered)
{
	uk_netbuf *nb = pool_get();
	if (!nb)
		return false;
	build_dhcp_discover(nb, ctx.mac, xid, how);
	if (uk_netdev_tx_burst(ctx.dev, 0, &nb, 1) != 1) {
		uk_netbuf_release(nb);
		return false;
	}
	return poll_for([&](const uint8_t *p, size_t len) {
		return is_dhcp_offer(p, len, xid, offered) && udp_checksum_ok(p, len);
	}, timeout);
}

UK_TESTCASE(netdev, e_dhcp_offer_for_a_discover)
{
	NEED_DEVICE();
	if constexpr (!kHaveDhcp)
		UK_TEST_SKIP("no DHCP server on this link (CONFIG_LIBUKNETDEV_TEST_DHCP)");
	UK_TEST_ASSERT_ZERO(bring_up(false));
	Ip4 offered{};
	UK_TEST_ASSERT(dhcp_exchange(UdpCsum::kFull, 0x7e550001, kAnswerTimeout, &offered));
	uk_pr_info("netdev: DHCP offers %u.%u.%u.%u\n", offered.b[0], offered.b[1], offered.b[2],
		   offered.b[3]);
	UK_TEST_EXPECT_EQ(offered.b[0], ctx.ip.b[0]);
	UK_TEST_EXPECT_EQ(offered.b[1], ctx.ip.b[1]);
	UK_TEST_EXPECT_EQ(offered.b[2], ctx.ip.b[2]);
}

// The peer checks UDP checksums: a spoiled one gets no answer, so an
// answer to a partial one proves that the device (tx-csum) or the driver
// (software fallback) completed it correctly. The answer: slirp's DHCP
// OFFER, or the ICMP port unreachable of a Linux peer for a closed port.
static bool udp_answered(UdpCsum how, uint16_t sport, const uk_hwaddr &peer_mac, uint64_t timeout)
{
	uk_netbuf *nb = pool_get();
	if (!nb)
		return false;
	constexpr uint16_t kClosedPort = 9; // discard: nobody listens
	build_udp(nb, ctx.mac, peer_mac, ctx.ip, ctx.peer, sport, kClosedPort, 32, how);
	if (uk_netdev_tx_burst(ctx.dev, 0, &nb, 1) != 1) {
		uk_netbuf_release(nb);
		return false;
	}
	return poll_for([&](const uint8_t *p, size_t len) {
		return is_port_unreachable(p, len, ctx.peer, ctx.ip, kClosedPort);
	}, timeout);
}

UK_TESTCASE(netdev, f_udp_partial_checksum_is_completed_on_the_way_out)
{
	NEED_DEVICE();
	UK_TEST_ASSERT_ZERO(bring_up(false));
	Ip4 offered{};
	if constexpr (kHaveDhcp) {
		UK_TEST_EXPECT(!dhcp_exchange(UdpCsum::kWrong, 0x7e550002, UK_NSEC_PER_SEC, &offered));
		UK_TEST_EXPECT(dhcp_exchange(UdpCsum::kPartial, 0x7e550003, kAnswerTimeout, &offered));
	} else {
		uk_hwaddr peer_mac;
		UK_TEST_ASSERT(arp_peer(&peer_mac));
		UK_TEST_EXPECT(!udp_answered(UdpCsum::kWrong, 4001, peer_mac, UK_NSEC_PER_SEC));
		UK_TEST_EXPECT(udp_answered(UdpCsum::kPartial, 4002, peer_mac, kAnswerTimeout));
	}
	uk_pr_info("netdev: partial UDP checksum completed by the %s\n",
		   (ctx.info.features & UK_NETDEV_F_TX_CSUM) ? "device" : "driver");
}

UK_TESTCASE(netdev, g_tx_bursts_reclaim_and_stop_returns_every_buffer)
{
	NEED_DEVICE();
	UK_TEST_ASSERT_ZERO(bring_up(false));
	uk_netdev_queue_stats tx0, tx1;
	UK_TEST_ASSERT_ZERO(uk_netdev_txq_stats_get(ctx.dev, 0, &tx0));
	// 1000 frames nobody answers (an experimental EtherType to a made-up
	// station), more than the ring holds: reclaim must keep up.
	const uk_hwaddr nobody{{0x02, 0, 0, 0, 0, 0x99}};
	unsigned sent = 0, rounds = 0;
	while (sent < 1000 && rounds < 100000) {
		++rounds;
		uk_netbuf *b[32];
		uint16_t k = 0;
		for (; k < 32 && sent + k < 1000; ++k) {
			if (!(b[k] = pool_get()))
				break;
			put_eth(static_cast<uint8_t *>(b[k]->data), nobody, ctx.mac, kEthExperimental);
			__builtin_memset(static_cast<uint8_t *>(b[k]->data) + kEthHdr, int(k), 50);
			b[k]->len = 64;
		}
		const int n = uk_netdev_tx_burst(ctx.dev, 0, b, k);
		UK_TEST_ASSERT_GE(n, 0);
		for (uint16_t i = static_cast<uint16_t>(n); i < k; ++i)
			uk_netbuf_release(b[i]); // not accepted: still ours
		sent += static_cast<unsigned>(n);
		if (n < k)
			uk_sched_sleep_ns(100 * UK_NSEC_PER_USEC); // the ring is full
	}
	UK_TEST_EXPECT_EQ(sent, 1000);
	UK_TEST_ASSERT_ZERO(uk_netdev_txq_stats_get(ctx.dev, 0, &tx1));
	UK_TEST_EXPECT_EQ(tx1.packets - tx0.packets, 1000);
	UK_TEST_EXPECT_EQ(tx1.bytes - tx0.bytes, 64000);
	UK_TEST_EXPECT_EQ(tx1.errors, tx0.errors);
	// Stopped, the device holds nothing: every netbuf of ours is back.
	UK_TEST_ASSERT_ZERO(uk_netdev_stop(ctx.dev));
	UK_TEST_EXPECT_EQ(pool.out, 0);
	UK_TEST_EXPECT_EQ(uk_netdev_tx_burst(ctx.dev, 0, nullptr, 0), -UK_EINVAL);
}

UK_TESTCASE(netdev, h_invalid_tx_frames_are_released_and_counted)
{
	NEED_DEVICE();
	UK_TEST_ASSERT_ZERO(bring_up(false));
	uk_netdev_queue_stats tx0, tx1;
	UK_TEST_ASSERT_ZERO(uk_netdev_txq_stats_get(ctx.dev, 0, &tx0));
	const unsigned out0 = pool.out;
	uk_netbuf *b[3] = {pool_get(), pool_get(), pool_get()};
	UK_TEST_ASSERT(b[0] && b[1] && b[2]);
	b[0]->len = 5;    // shorter than an Ethernet header
	b[1]->len = 1900; // longer than MTU + header + VLAN tag
	b[2]->len = 60;   // a checksum field past the end
	b[2]->flags = UK_NETBUF_F_PARTIAL_CSUM;
	b[2]->csum_start = 50;
	b[2]->csum_offset = 9;
	UK_TEST_EXPECT_EQ(uk_netdev_tx_burst(ctx.dev, 0, b, 3), 3);
	UK_TEST_ASSERT_ZERO(uk_netdev_txq_stats_get(ctx.dev, 0, &tx1));
	UK_TEST_EXPECT_EQ(tx1.errors - tx0.errors, 3);
	UK_TEST_EXPECT_EQ(tx1.packets, tx0.packets);
	UK_TEST_EXPECT_EQ(pool.out, out0); // released at once
}

UK_TESTCASE(netdev, i_a_restarted_device_still_answers)
{
	NEED_DEVICE();
	UK_TEST_ASSERT_ZERO(bring_up(false));
	UK_TEST_ASSERT_ZERO(uk_netdev_stop(ctx.dev));
	UK_TEST_EXPECT_EQ(uk_netdev_stop(ctx.dev), -UK_EINVAL);
	UK_TEST_ASSERT_ZERO(uk_netdev_start(ctx.dev));
	uk_hwaddr peer_mac;
	UK_TEST_EXPECT(arp_peer(&peer_mac));
	UK_TEST_ASSERT_ZERO(uk_netdev_stop(ctx.dev));
	UK_TEST_EXPECT_EQ(pool.out, 0);
	UK_TEST_EXPECT_ZERO(pool.refused);
}

// The peer's datagrams arrive with whole checksums: a device with
// rx-csum may hand over partial ones (NEEDS_CSUM: the kernel behind a
// tap with offloads sends its own UDP that way), which the driver
// completes and marks DATA_VALID.
UK_TESTCASE(netdev, j_udp_from_the_peer_arrives_with_a_whole_checksum)
{
	NEED_DEVICE();
	if constexpr (kPeerUdpPort == 0)
		UK_TEST_SKIP("the peer sends no UDP (CONFIG_LIBUKNETDEV_TEST_PEER_UDP_PORT)");
	UK_TEST_ASSERT_ZERO(bring_up(false));
	unsigned seen = 0, valid = 0, flagged = 0;
	poll_for([&](const uint8_t *p, size_t len) {
		if (!is_udp_to(p, len, ctx.peer, ctx.ip, kPeerUdpPort))
			return false;
		++seen;
		valid += udp_checksum_ok(p, len);
		return seen == 5;
	}, 10 * UK_NSEC_PER_SEC);
	// The flags of the last datagram, for the record.
	uk_netbuf *pk[16];
	const uint64_t deadline = uk_time_now_ns() + 2 * UK_NSEC_PER_SEC;
	while (!flagged && uk_time_now_ns() < deadline) {
		const int n = uk_netdev_rx_burst(ctx.dev, 0, pk, 16);
		for (int i = 0; i < n; ++i) {
			if (!flagged && is_udp_to(static_cast<const uint8_t *>(pk[i]->data), pk[i]->len,
						  ctx.peer, ctx.ip, kPeerUdpPort))
				flagged = 1 + (pk[i]->flags & UK_NETBUF_F_DATA_VALID ? 1 : 0);
			uk_netbuf_release(pk[i]);
		}
		if (n <= 0)
			uk_sched_sleep_ns(UK_NSEC_PER_MSEC);
	}
	uk_pr_info("netdev: %u datagrams from the peer, %u with a whole checksum; flags %s\n",
		   seen, valid, flagged == 2 ? "DATA_VALID" : flagged == 1 ? "none" : "(no more)");
	UK_TEST_EXPECT_EQ(seen, 5);
	UK_TEST_EXPECT_EQ(valid, seen);
}
