// SPDX-License-Identifier: BSD-3-Clause
//
// Host tests of the virtio-net driver (virtio_net.cpp, virtio_net_hdr.cpp,
// virtio.cpp) through uknetdev, with a fake transport and the simulated
// device on the queues it enables: feature negotiation, the header on
// the way out (in the headroom or a descriptor of its own, checksum
// offload or software fallback) and in (DATA_VALID, NEEDS_CSUM completed
// here), rx refill, tx reclaim, one-shot rx interrupts, and a device
// that returns bad lengths, ids and indices: errors counted, buffers
// dropped, each netbuf released exactly once (ASan and the pool watch).

#include <gtest/gtest.h>

#include <cstdarg>
#include <set>

#include <uk/netdev_driver.h>

#include "fake_transport.hpp"
#include "host_alloc.hpp"
#include "netdev.hpp"
#include "sim_device.hpp"
#include "virtio_net_hdr.hpp"

using namespace uk::virtio;
using uk::hosttest::HostAlloc;
using uk::virtio::test::FakeTransport;
using uk::virtio::test::SimDevice;

// What the driver needs from the platform and ukdebug.
extern "C" unsigned long ukplat_lcpu_save_irqf(void) { return 0; }
extern "C" void ukplat_lcpu_restore_irqf(unsigned long) {}
extern "C" void uk_printk(int, const char *, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

namespace {

constexpr uint64_t kModernNet = kFVersion1 | kNetFMac | kNetFStatus | kNetFCsum |
				kNetFGuestCsum | kFRingEventIdx | kNetFMrgRxbuf | kNetFGuestTso4;

struct Pool {
	HostAlloc mem;
	std::set<uk_netbuf *> out;
	uint32_t headroom = 64;
	static void release(uk_netbuf *nb, void *arg)
	{
		Pool *p = static_cast<Pool *>(arg);
		ASSERT_EQ(p->out.erase(nb), 1u) << "netbuf released twice or never handed out";
		p->mem.give(nb);
	}
	uk_netbuf *make(uint32_t len = 0, uint32_t headroom = 64)
	{
		auto *nb = static_cast<uk_netbuf *>(mem.take(64, sizeof(uk_netbuf) + 2048));
		uk_netbuf_init(nb, nb + 1, 2048, headroom, release, this);
		nb->len = len;
		memset(nb->data, 0x11, len);
		out.insert(nb);
		return nb;
	}
	static uint16_t alloc(void *argp, uk_netbuf *pkts[], uint16_t n)
	{
		Pool *p = static_cast<Pool *>(argp);
		for (uint16_t i = 0; i < n; ++i)
			pkts[i] = p->make(0, p->headroom);
		return n;
	}
};

struct Callback {
	int calls = 0;
	static void cb(uk_netdev *, uint16_t, void *c) { static_cast<Callback *>(c)->calls++; }
};

class VirtioNetTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		uk::netdev::reset_for_tests();
		t.offered = kModernNet;
		const uint8_t mac[6] = {0x52, 0x54, 0, 0xab, 0xcd, 0xef};
		memcpy(t.config + kNetCfgMac, mac, 6);
		t.config[kNetCfgStatus] = kNetLinkUp;
	}
	void TearDown() override
	{
		delete rxdev;
		delete txdev;
		uk::netdev::reset_for_tests();
	}
	uk_netdev *probe()
	{
		EXPECT_EQ(net_probe(t, rings.get()), 0);
		return uk_netdev_get(uk_netdev_count() - 1);
	}
	void up(bool intr = false, uint16_t nb_desc = 16)
	{
		dev = probe();
		ASSERT_NE(dev, nullptr);
		uk_netdev_conf c{1, 1};
		ASSERT_EQ(uk_netdev_configure(dev, &c), 0);
		uk_netdev_rxqueue_conf rc{rings.get(), Pool::alloc, &pool, intr ? Callback::cb : nullptr,
					  &cb};
		ASSERT_EQ(uk_netdev_rxq_setup(dev, 0, nb_desc, &rc), 0);
		uk_netdev_txqueue_conf tc{rings.get()};
		ASSERT_EQ(uk_netdev_txq_setup(dev, 0, nb_desc, &tc), 0);
		ASSERT_EQ(uk_netdev_start(dev), 0);
		ASSERT_NE(t.enabled[0], nullptr);
		ASSERT_NE(t.enabled[1], nullptr);
		bool event_idx = t.driver_features & kFRingEventIdx;
		rxdev = new SimDevice(*t.enabled[0], event_idx);
		txdev = new SimDevice(*t.enabled[1], event_idx);
		rxdev->consume();
	}
	/** The device receives a frame into the oldest posted buffer. */
	void deliver(const uint8_t *frame, uint32_t len, NetHdr h = {}, uint32_t claimed = 0)
	{
		ASSERT_FALSE(rxdev->pending.empty());
		const auto &c = rxdev->pending.front();
		ASSERT_EQ(c.segs.size(), 1u);
		auto *dst = reinterpret_cast<uint8_t *>(c.segs[0].addr);
		const uint16_t hl = net_hdr_len(t.driver_features);
		ASSERT_LE(hl + len, c.segs[0].len);
		memcpy(dst, &h, hl);
		memcpy(dst + hl, frame, len);
		rxdev->complete_oldest(claimed ? claimed : hl + len);
	}
	uk_netdev_queue_stats rxs()
	{
		uk_netdev_queue_stats s;
		EXPECT_EQ(uk_netdev_rxq_stats_get(dev, 0, &s), 0);
		return s;
	}
	uk_netdev_queue_stats txs()
	{
		uk_netdev_queue_stats s;
		EXPECT_EQ(uk_netdev_txq_stats_get(dev, 0, &s), 0);
		return s;
	}
	void drop_rx(int n)
	{
		uk_netbuf *pk[32];
		ASSERT_EQ(uk_netdev_rx_burst(dev, 0, pk, 32), n);
		for (int i = 0; i < n; ++i)
			uk_netbuf_release(pk[i]);
	}

	FakeTransport t;
	HostAlloc rings;
	Pool pool;
	Callback cb;
	uk_netdev *dev = nullptr;
	SimDevice *rxdev = nullptr, *txdev = nullptr;
	uint8_t frame[1514] = {};
};

TEST_F(VirtioNetTest, NegotiatesWhatTheDriverUsesAndReadsTheConfiguration)
{
	uk_netdev *d = probe();
	ASSERT_NE(d, nullptr);
	// No MRG_RXBUF, no GSO: offered, not taken.
	EXPECT_EQ(t.driver_features, kFVersion1 | kNetFMac | kNetFStatus | kNetFCsum |
					     kNetFGuestCsum | kFRingEventIdx);
	EXPECT_EQ(t.status_, 0); // reset again after probing: idle until start
	EXPECT_EQ(strncmp(uk_netdev_name(d), "virtio-net", 10), 0);
	uk_hwaddr mac;
	uk_netdev_hwaddr_get(d, &mac);
	EXPECT_EQ(mac.addr_bytes[5], 0xef);
	uk_netdev_info i;
	uk_netdev_info_get(d, &i);
	EXPECT_EQ(i.tx_headroom, 12);
	EXPECT_EQ(i.rx_buflen_min, 12 + 14 + 4 + 1500);
	EXPECT_EQ(i.max_rx_desc, 256);
	EXPECT_EQ(i.features, UK_NETDEV_F_TX_CSUM | UK_NETDEV_F_RX_CSUM | UK_NETDEV_F_RXQ_INTR);
	EXPECT_EQ(uk_netdev_link_up(d), 1);
	t.config[kNetCfgStatus] = 0;
	EXPECT_EQ(uk_netdev_link_up(d), 0);
	EXPECT_EQ(uk_netdev_mtu_get(d), 1500);
	EXPECT_EQ(uk_netdev_mtu_set(d, 1400), 0);
	EXPECT_EQ(uk_netdev_mtu_set(d, 1501), -UK_EINVAL); // no bigger rx buffers
	EXPECT_EQ(uk_netdev_mtu_set(d, 67), -UK_EINVAL);
	uk_hwaddr other{{0x02, 1, 1, 1, 1, 1}};
	EXPECT_EQ(uk_netdev_hwaddr_set(d, &other), -UK_ENOTSUP); // no control queue
}

TEST_F(VirtioNetTest, LegacyDevicesGetTheShortHeaderAndNoHighFeatures)
{
	t.is_modern = false;
	t.offered = kNetFMac | kFAnyLayout | kFRingEventIdx | (1ULL << 40);
	uk_netdev *d = probe();
	ASSERT_NE(d, nullptr);
	EXPECT_EQ(t.driver_features, kNetFMac | kFAnyLayout | kFRingEventIdx);
	uk_netdev_info i;
	uk_netdev_info_get(d, &i);
	EXPECT_EQ(i.tx_headroom, 10);
	EXPECT_EQ(i.features & (UK_NETDEV_F_TX_CSUM | UK_NETDEV_F_RX_CSUM), 0u);
	EXPECT_EQ(uk_netdev_link_up(d), 1); // no STATUS: always up
}

TEST_F(VirtioNetTest, AModernDeviceWithoutVersion1OrRefusingFeaturesIsNotTaken)
{
	t.offered = kNetFMac;
	EXPECT_EQ(net_probe(t, rings.get()), -UK_ENOTSUP);
	EXPECT_TRUE(t.status_ & kStatusFailed);
	t.offered = kModernNet;
	t.accepted = kFVersion1; // FEATURES_OK does not stick
	EXPECT_EQ(net_probe(t, rings.get()), -UK_EIO);
	EXPECT_TRUE(t.status_ & kStatusFailed);
	EXPECT_EQ(uk_netdev_count(), 0u);
	EXPECT_TRUE(rings.live.empty());
	t.id = 2;
	EXPECT_EQ(net_probe(t, rings.get()), -UK_ENODEV);
}

TEST_F(VirtioNetTest, StartFillsTheRxRingWithWholeFrameBuffers)
{
	up();
	EXPECT_EQ(t.status_, kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk | kStatusDriverOk);
	ASSERT_EQ(rxdev->pending.size(), 16u);
	for (const auto &c : rxdev->pending) {
		ASSERT_EQ(c.segs.size(), 1u);
		EXPECT_EQ(c.segs[0].flags, kDescFWrite);
		EXPECT_EQ(c.segs[0].len, 2048u - 64);
	}
	EXPECT_GE(t.notified[0], 1u);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, TooSmallRxBuffersAreNotPosted)
{
	pool.headroom = 600; // 1448 bytes of room: less than a frame
	up();
	EXPECT_TRUE(rxdev->pending.empty());
	EXPECT_GE(rxs().drops, 16u);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, ReceivedFramesComeWithoutTheHeaderAndWithTheirFlags)
{
	up();
	for (int i = 0; i < 60; ++i)
		frame[i] = static_cast<uint8_t>(i);
	deliver(frame, 60);
	NetHdr valid{};
	valid.flags = kNetHdrDataValid;
	deliver(frame, 60, valid);
	uk_netbuf *pk[4];
	ASSERT_EQ(uk_netdev_rx_burst(dev, 0, pk, 4), 2);
	EXPECT_EQ(pk[0]->len, 60u);
	EXPECT_EQ(memcmp(pk[0]->data, frame, 60), 0);
	EXPECT_EQ(pk[0]->flags, 0);
	EXPECT_EQ(uk_netbuf_headroom(pk[0]), 64u + 12);
	EXPECT_EQ(pk[1]->flags, UK_NETBUF_F_DATA_VALID);
	uk_netbuf_release(pk[0]);
	uk_netbuf_release(pk[1]);
	EXPECT_EQ(rxs().packets, 2u);
	EXPECT_EQ(rxs().bytes, 120u);
	rxdev->consume(); // the refill
	EXPECT_EQ(rxdev->pending.size(), 16u);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, PartialChecksumsFromTheDeviceAreCompleted)
{
	up();
	// An IPv4/UDP frame whose UDP checksum holds the pseudo-header sum.
	uint8_t *ip = frame + 14, *udp = ip + 20;
	frame[12] = 0x08;
	ip[0] = 0x45, ip[9] = 17;
	const uint8_t src[4] = {10, 0, 2, 2}, dst[4] = {10, 0, 2, 15};
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	udp[5] = 8 + 20;
	memset(udp + 8, 'x', 20);
	uint8_t ph[12] = {10, 0, 2, 2, 10, 0, 2, 15, 0, 17, 0, 28};
	const uint16_t sum = uk_netbuf_csum_add(0, ph, 12);
	udp[6] = static_cast<uint8_t>(sum >> 8), udp[7] = static_cast<uint8_t>(sum);
	NetHdr h{};
	h.flags = kNetHdrNeedsCsum;
	h.csum_start = 34;
	h.csum_offset = 6;
	deliver(frame, 62, h);
	NetHdr bad = h;
	bad.csum_start = 61; // field beyond the frame
	deliver(frame, 62, bad);
	uk_netbuf *pk[4];
	ASSERT_EQ(uk_netdev_rx_burst(dev, 0, pk, 4), 1);
	EXPECT_EQ(pk[0]->flags, UK_NETBUF_F_DATA_VALID);
	auto *u = static_cast<uint8_t *>(pk[0]->data) + 34;
	EXPECT_EQ(uk_netbuf_csum_add(uk_netbuf_csum_add(0, ph, 12), u, 28), 0xffff);
	uk_netbuf_release(pk[0]);
	EXPECT_EQ(rxs().drops, 1u);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, MalformedRxCompletionsAreCountedAndTheirBuffersDropped)
{
	up();
	deliver(frame, 60, {}, 2048);  // longer than the buffer
	deliver(frame, 60, {}, 12 + 5); // a runt
	rxdev->write_used(1000, 60);   // no such descriptor
	deliver(frame, 60);            // a good one after all that
	uk_netbuf *pk[4];
	ASSERT_EQ(uk_netdev_rx_burst(dev, 0, pk, 4), 1);
	uk_netbuf_release(pk[0]);
	EXPECT_EQ(rxs().errors, 2u); // bad length, bad id
	EXPECT_EQ(rxs().drops, 1u);  // the runt
	EXPECT_EQ(rxs().packets, 1u);
	// Then the device loses its mind: nothing more comes out, and stop
	// still gives every buffer back once.
	rxdev->set_used_idx(40000);
	EXPECT_EQ(uk_netdev_rx_burst(dev, 0, pk, 4), 0);
	EXPECT_EQ(rxs().errors, 3u);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, TxHeaderGoesIntoTheHeadroomOrItsOwnDescriptor)
{
	up();
	uk_netbuf *a = pool.make(60, 64), *b = pool.make(60, 0);
	a->flags = UK_NETBUF_F_PARTIAL_CSUM;
	a->csum_start = 34;
	a->csum_offset = 6;
	uk_netbuf *pk[2] = {a, b};
	ASSERT_EQ(uk_netdev_tx_burst(dev, 0, pk, 2), 2);
	EXPECT_GE(t.notified[1], 1u);
	ASSERT_EQ(txdev->consume(), 2u);
	const auto &ca = txdev->pending[0], &cb2 = txdev->pending[1];
	ASSERT_EQ(ca.segs.size(), 1u);
	EXPECT_EQ(ca.segs[0].len, 72u);
	EXPECT_EQ(ca.segs[0].flags, 0);
	NetHdr h;
	memcpy(&h, reinterpret_cast<void *>(ca.segs[0].addr), 12);
	EXPECT_EQ(h.flags, kNetHdrNeedsCsum); // offloaded: CSUM negotiated
	EXPECT_EQ(h.csum_start, 34);
	EXPECT_EQ(h.csum_offset, 6);
	EXPECT_EQ(ca.segs[0].addr + 12, reinterpret_cast<uintptr_t>(a->data));
	ASSERT_EQ(cb2.segs.size(), 2u);
	EXPECT_EQ(cb2.segs[0].len, 12u);
	EXPECT_EQ(cb2.segs[1].len, 60u);
	EXPECT_EQ(cb2.segs[1].addr, reinterpret_cast<uintptr_t>(b->data));
	memcpy(&h, reinterpret_cast<void *>(cb2.segs[0].addr), 12);
	EXPECT_EQ(h.flags, 0);
	EXPECT_EQ(txs().packets, 2u);
	EXPECT_EQ(txs().bytes, 120u);
	// Done: the next burst gives them back.
	txdev->complete_oldest(0);
	txdev->complete_oldest(0);
	EXPECT_EQ(pool.out.count(a) + pool.out.count(b), 2u);
	ASSERT_EQ(uk_netdev_tx_burst(dev, 0, nullptr, 0), 0);
	EXPECT_EQ(pool.out.count(a) + pool.out.count(b), 0u);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, WithoutCsumTheDriverCompletesPartialChecksums)
{
	t.offered = kModernNet & ~kNetFCsum;
	up();
	uk_netbuf *a = pool.make(60, 64);
	auto *p = static_cast<uint8_t *>(a->data);
	memset(p, 0, 60);
	a->flags = UK_NETBUF_F_PARTIAL_CSUM;
	a->csum_start = 34;
	a->csum_offset = 6;
	ASSERT_EQ(uk_netdev_tx_burst(dev, 0, &a, 1), 1);
	ASSERT_EQ(txdev->consume(), 1u);
	NetHdr h;
	memcpy(&h, reinterpret_cast<void *>(txdev->pending[0].segs[0].addr), 12);
	EXPECT_EQ(h.flags, 0);
	EXPECT_EQ(p[40] << 8 | p[41], 0xffff); // ~sum of zeroes, computed here
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, AFullTxRingAcceptsAPrefix)
{
	up(false, 4);
	uk_netbuf *pk[6];
	for (auto &p : pk)
		p = pool.make(60, 0); // two descriptors each
	EXPECT_EQ(uk_netdev_tx_burst(dev, 0, pk, 6), 2);
	txdev->consume();
	txdev->complete_oldest(0);
	EXPECT_EQ(uk_netdev_tx_burst(dev, 0, pk + 2, 4), 1);
	for (int i = 3; i < 6; ++i)
		uk_netbuf_release(pk[i]);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, RxInterruptIsOneShotAndReportsPendingFrames)
{
	up(true);
	ASSERT_NE(t.irq_fn[0], nullptr);
	EXPECT_EQ(t.irq_fn[1], nullptr); // tx completions never interrupt
	EXPECT_EQ(rxdev->interrupts, 0u);
	EXPECT_EQ(uk_netdev_rxq_intr_enable(dev, 0), 0);
	deliver(frame, 60);
	EXPECT_EQ(rxdev->interrupts, 1u); // the device was asked for one
	EXPECT_EQ(t.raise(0), 1);
	EXPECT_EQ(cb.calls, 1);
	deliver(frame, 60);
	EXPECT_EQ(rxdev->interrupts, 1u); // disarmed by the handler
	EXPECT_EQ(t.raise(0), 0);         // and a stray one does nothing
	EXPECT_EQ(cb.calls, 1);
	EXPECT_EQ(uk_netdev_rxq_intr_enable(dev, 0), 1); // two frames wait
	drop_rx(2);
	EXPECT_EQ(uk_netdev_rxq_intr_enable(dev, 0), 0);
	EXPECT_EQ(uk_netdev_rxq_intr_disable(dev, 0), 0);
	rxdev->consume();
	deliver(frame, 60);
	EXPECT_EQ(t.raise(0), 0);
	EXPECT_EQ(cb.calls, 1);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	EXPECT_EQ(t.irq_fn[0], nullptr); // released at stop
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(VirtioNetTest, RestartNegotiatesAgainAndRepostsBuffers)
{
	up();
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	const int resets = t.resets;
	ASSERT_EQ(uk_netdev_start(dev), 0);
	EXPECT_GT(t.resets, resets);
	SimDevice again(*t.enabled[0], true);
	EXPECT_EQ(again.consume(), 16u);
	ASSERT_EQ(uk_netdev_stop(dev), 0);
	// A device that changed its features meanwhile is refused.
	t.offered &= ~kNetFCsum;
	EXPECT_EQ(uk_netdev_start(dev), -UK_EIO);
	EXPECT_TRUE(pool.out.empty());
}

}  // namespace
