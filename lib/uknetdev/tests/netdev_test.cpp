// SPDX-License-Identifier: BSD-3-Clause
//
// Host tests of lib/uknetdev/netdev.cpp: registration and lookup, the
// state machine, the argument checks in front of every driver operation,
// and netbuf ownership through bursts, stops and restarts, on the
// loopback test double (loopback_driver.hpp).

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "host_alloc.hpp"
#include "loopback_driver.hpp"
#include "netdev.hpp"

using uk::hosttest::HostAlloc;
using uk::netdev::test::Loopback;

namespace {

// Netbufs from a HostAlloc, counted: every netbuf the pool handed out
// must come back exactly once (release aborts on a double release).
struct Pool {
	HostAlloc mem;
	std::set<uk_netbuf *> out;
	unsigned allocs = 0, refuse_after = ~0u;

	static void release(uk_netbuf *nb, void *arg)
	{
		Pool *p = static_cast<Pool *>(arg);
		ASSERT_EQ(p->out.erase(nb), 1u) << "netbuf released twice or never handed out";
		p->mem.give(nb);
	}
	uk_netbuf *make(uint32_t len = 0)
	{
		auto *nb = static_cast<uk_netbuf *>(mem.take(64, sizeof(uk_netbuf) + 2048));
		uk_netbuf_init(nb, nb + 1, 2048, 64, release, this);
		nb->len = len;
		for (uint32_t i = 0; i < len; ++i)
			static_cast<uint8_t *>(nb->data)[i] = static_cast<uint8_t>(i * 7 + len);
		out.insert(nb);
		return nb;
	}
	static uint16_t alloc_rxpkts(void *argp, uk_netbuf *pkts[], uint16_t count)
	{
		Pool *p = static_cast<Pool *>(argp);
		uint16_t n = 0;
		for (; n < count && p->allocs < p->refuse_after; ++n, ++p->allocs)
			pkts[n] = p->make();
		return n;
	}
};

struct Events {
	int calls = 0;
	uint16_t queue = 0xffff;
	static void cb(uk_netdev *, uint16_t q, void *cookie)
	{
		auto *e = static_cast<Events *>(cookie);
		e->calls++;
		e->queue = q;
	}
};

class NetdevTest : public ::testing::Test {
protected:
	void SetUp() override { uk::netdev::reset_for_tests(); }
	void TearDown() override { uk::netdev::reset_for_tests(); }

	void bring_up(bool intr, uint16_t nb_desc = 0)
	{
		ASSERT_EQ(uk_netdev_drv_register(lo.dev(), "lo0"), 0);
		uk_netdev_conf c{1, 1};
		ASSERT_EQ(uk_netdev_configure(lo.dev(), &c), 0);
		uk_netdev_rxqueue_conf rc{rings.get(), Pool::alloc_rxpkts, &pool,
					  intr ? Events::cb : nullptr, &ev};
		ASSERT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, nb_desc, &rc), 0);
		uk_netdev_txqueue_conf tc{rings.get()};
		ASSERT_EQ(uk_netdev_txq_setup(lo.dev(), 0, nb_desc, &tc), 0);
		ASSERT_EQ(uk_netdev_start(lo.dev()), 0);
	}

	Loopback lo;
	HostAlloc rings;
	Pool pool;
	Events ev;
};

TEST_F(NetdevTest, RegistrationAssignsIdsInOrderAndNamesAreUnique)
{
	Loopback b, c;
	EXPECT_EQ(uk_netdev_count(), 0u);
	EXPECT_EQ(uk_netdev_drv_register(lo.dev(), "lo0"), 0);
	EXPECT_EQ(uk_netdev_drv_register(b.dev(), "lo1"), 0);
	EXPECT_EQ(uk_netdev_drv_register(c.dev(), "lo0"), -UK_EEXIST);
	EXPECT_EQ(uk_netdev_drv_register(b.dev(), "lo2"), -UK_EEXIST);
	EXPECT_EQ(uk_netdev_count(), 2u);
	EXPECT_EQ(uk_netdev_get(0), lo.dev());
	EXPECT_EQ(uk_netdev_get(1), b.dev());
	EXPECT_EQ(uk_netdev_get(2), nullptr);
	EXPECT_EQ(uk_netdev_find("lo1"), b.dev());
	EXPECT_EQ(uk_netdev_find("lo"), nullptr);
	EXPECT_EQ(uk_netdev_find(nullptr), nullptr);
	EXPECT_EQ(uk_netdev_id(b.dev()), 1u);
	EXPECT_STREQ(uk_netdev_name(b.dev()), "lo1");
	EXPECT_EQ(uk_netdev_state_get(b.dev()), UK_NETDEV_UNCONFIGURED);
}

TEST_F(NetdevTest, RegistrationRefusesBadNamesAndIncompleteDrivers)
{
	EXPECT_EQ(uk_netdev_drv_register(lo.dev(), ""), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_drv_register(lo.dev(), "a-name-of-16-chr"), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_drv_register(lo.dev(), nullptr), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_drv_register(nullptr, "x"), -UK_EINVAL);
	uk_netdev_ops half = *lo.dev()->ops;
	half.rx_burst = nullptr;
	uk_netdev d{};
	d.ops = &half;
	d.driver_data = &lo;
	EXPECT_EQ(uk_netdev_drv_register(&d, "x"), -UK_EINVAL);
	half = *lo.dev()->ops;
	half.rxq_intr_disable = nullptr; // enable without disable
	EXPECT_EQ(uk_netdev_drv_register(&d, "x"), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_drv_register(lo.dev(), "fifteen-chars-x"), 0);
	EXPECT_EQ(uk_netdev_count(), 1u);
}

TEST_F(NetdevTest, ConfigureChecksCountsAndState)
{
	ASSERT_EQ(uk_netdev_drv_register(lo.dev(), "lo0"), 0);
	uk_netdev_conf c{2, 1};
	EXPECT_EQ(uk_netdev_configure(lo.dev(), &c), -UK_EINVAL);
	c = {0, 0};
	EXPECT_EQ(uk_netdev_configure(lo.dev(), &c), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_configure(lo.dev(), nullptr), -UK_EINVAL);
	c = {1, 1};
	EXPECT_EQ(uk_netdev_configure(lo.dev(), &c), 0);
	EXPECT_EQ(uk_netdev_state_get(lo.dev()), UK_NETDEV_CONFIGURED);
	EXPECT_EQ(uk_netdev_configure(lo.dev(), &c), -UK_EINVAL);
}

TEST_F(NetdevTest, QueueSetupChecksArguments)
{
	ASSERT_EQ(uk_netdev_drv_register(lo.dev(), "lo0"), 0);
	uk_netdev_rxqueue_conf rc{rings.get(), Pool::alloc_rxpkts, &pool, nullptr, nullptr};
	uk_netdev_txqueue_conf tc{rings.get()};
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 0, &rc), -UK_EINVAL); // not configured
	uk_netdev_conf c{1, 1};
	ASSERT_EQ(uk_netdev_configure(lo.dev(), &c), 0);
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 1, 0, &rc), -UK_EINVAL);  // no queue 1
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 24, &rc), -UK_EINVAL); // not a power of 2
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 128, &rc), -UK_EINVAL); // above max
	uk_netdev_rxqueue_conf no_alloc = rc;
	no_alloc.alloc_rxpkts = nullptr;
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 0, &no_alloc), -UK_EINVAL);
	no_alloc = rc;
	no_alloc.a = nullptr;
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 0, &no_alloc), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_start(lo.dev()), -UK_EINVAL); // queues not set up
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 32, &rc), 0);
	EXPECT_EQ(lo.rx_ring_size(), 32);
	EXPECT_EQ(uk_netdev_start(lo.dev()), -UK_EINVAL); // tx queue missing
	EXPECT_EQ(uk_netdev_txq_setup(lo.dev(), 0, 0, nullptr), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_txq_setup(lo.dev(), 0, 0, &tc), 0);
	EXPECT_EQ(uk_netdev_start(lo.dev()), 0);
	EXPECT_EQ(uk_netdev_state_get(lo.dev()), UK_NETDEV_RUNNING);
	EXPECT_EQ(uk_netdev_start(lo.dev()), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
}

TEST_F(NetdevTest, AStoppedDeviceTakesNewQueueSetups)
{
	bring_up(false);
	uk_netdev_rxqueue_conf rc{rings.get(), Pool::alloc_rxpkts, &pool, Events::cb, &ev};
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 8, &rc), -UK_EINVAL); // running
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 8, &rc), 0); // now in interrupt mode
	EXPECT_EQ(lo.rx_ring_size(), 8);
	EXPECT_EQ(uk_netdev_start(lo.dev()), 0);
	EXPECT_EQ(lo.rx_posted(), 8u);
	EXPECT_EQ(uk_netdev_rxq_intr_enable(lo.dev(), 0), 0);
	uk_netbuf *tx = pool.make(64);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, &tx, 1), 1);
	EXPECT_EQ(ev.calls, 1);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	// A failed setup leaves the queue unusable until set up again.
	rc.a = nullptr;
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 8, &rc), -UK_EINVAL);
	uk_netdev_rxqueue_conf bad{rings.get(), Pool::alloc_rxpkts, &pool, nullptr, nullptr};
	lo.fail_rx_setup = true;
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 8, &bad), -UK_ENOMEM);
	EXPECT_EQ(uk_netdev_start(lo.dev()), -UK_EINVAL);
	lo.fail_rx_setup = false;
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 8, &bad), 0);
	EXPECT_EQ(uk_netdev_start(lo.dev()), 0);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(NetdevTest, InterruptModeNeedsTheFeature)
{
	lo.features = 0;
	ASSERT_EQ(uk_netdev_drv_register(lo.dev(), "lo0"), 0);
	uk_netdev_conf c{1, 1};
	ASSERT_EQ(uk_netdev_configure(lo.dev(), &c), 0);
	uk_netdev_rxqueue_conf rc{rings.get(), Pool::alloc_rxpkts, &pool, Events::cb, &ev};
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 0, &rc), -UK_ENOTSUP);
	rc.callback = nullptr;
	EXPECT_EQ(uk_netdev_rxq_setup(lo.dev(), 0, 0, &rc), 0);
}

TEST_F(NetdevTest, BurstsNeedARunningDeviceAndAConfiguredQueue)
{
	uk_netbuf *pkts[4];
	ASSERT_EQ(uk_netdev_drv_register(lo.dev(), "lo0"), 0);
	EXPECT_EQ(uk_netdev_rx_burst(lo.dev(), 0, pkts, 4), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, pkts, 4), -UK_EINVAL);
	uk_netdev_queue_stats st;
	EXPECT_EQ(uk_netdev_rxq_stats_get(lo.dev(), 0, &st), -UK_EINVAL);
	uk::netdev::reset_for_tests();
	bring_up(false);
	EXPECT_EQ(uk_netdev_rx_burst(lo.dev(), 1, pkts, 4), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 1, pkts, 4), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_rx_burst(lo.dev(), 0, nullptr, 4), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_rx_burst(lo.dev(), 0, pkts, 4), 0);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, nullptr, 0), 0); // reclaim only
	EXPECT_EQ(uk_netdev_rxq_intr_enable(lo.dev(), 0), -UK_EINVAL); // polling queue
	EXPECT_EQ(uk_netdev_rxq_stats_get(lo.dev(), 1, &st), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_rxq_stats_get(lo.dev(), 0, nullptr), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_rx_burst(lo.dev(), 0, pkts, 4), -UK_EINVAL);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(NetdevTest, FramesGoRoundWithCountersAndEveryNetbufComesBack)
{
	bring_up(false);
	EXPECT_EQ(lo.rx_posted(), Loopback::kDefaultDesc);
	uk_netbuf *tx[3] = {pool.make(60), pool.make(1514), pool.make(100)};
	const uint32_t lens[3] = {60, 1514, 100};
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, tx, 3), 3);
	EXPECT_EQ(lo.tx_in_flight(), 3u);
	uk_netbuf *rx[8];
	ASSERT_EQ(uk_netdev_rx_burst(lo.dev(), 0, rx, 8), 3);
	for (int i = 0; i < 3; ++i) {
		ASSERT_EQ(rx[i]->len, lens[i]);
		EXPECT_EQ(memcmp(rx[i]->data, tx[i]->data, lens[i]), 0);
		EXPECT_TRUE(rx[i]->flags & UK_NETBUF_F_DATA_VALID);
		uk_netbuf_release(rx[i]);
	}
	EXPECT_EQ(lo.rx_posted(), Loopback::kDefaultDesc); // refilled
	uk_netdev_queue_stats rs, ts;
	ASSERT_EQ(uk_netdev_rxq_stats_get(lo.dev(), 0, &rs), 0);
	ASSERT_EQ(uk_netdev_txq_stats_get(lo.dev(), 0, &ts), 0);
	EXPECT_EQ(rs.packets, 3u);
	EXPECT_EQ(rs.bytes, 60u + 1514 + 100);
	EXPECT_EQ(ts.packets, 3u);
	EXPECT_EQ(ts.bytes, 60u + 1514 + 100);
	// Sent netbufs are the driver's until done; then a burst reclaims them.
	EXPECT_EQ(pool.out.size(), 3u + Loopback::kDefaultDesc);
	lo.complete_tx(2);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, nullptr, 0), 0);
	EXPECT_EQ(lo.tx_in_flight(), 1u);
	EXPECT_EQ(pool.out.size(), 1u + Loopback::kDefaultDesc);
	// Stop gives back the posted rx buffers and the unfinished tx one.
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_TRUE(pool.out.empty());
	// And a restart fills the ring again.
	EXPECT_EQ(uk_netdev_start(lo.dev()), 0);
	EXPECT_EQ(lo.rx_posted(), Loopback::kDefaultDesc);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(NetdevTest, AFullTxRingAcceptsAPrefixAndInvalidFramesAreConsumed)
{
	bring_up(false, 4);
	uk_netbuf *tx[6];
	for (auto &p : tx)
		p = pool.make(64);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, tx, 6), 4);
	// The two refused ones are still ours: send them once there is room.
	lo.complete_tx(4);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, tx + 4, 2), 2);
	uk_netbuf *bad[2] = {pool.make(0), pool.make(2000)};
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, bad, 2), 2);
	uk_netdev_queue_stats ts;
	ASSERT_EQ(uk_netdev_txq_stats_get(lo.dev(), 0, &ts), 0);
	EXPECT_EQ(ts.packets, 6u);
	EXPECT_EQ(ts.errors, 2u);
	EXPECT_EQ(pool.out.count(bad[0]) + pool.out.count(bad[1]), 0u); // released
	uk_netbuf *rx[8];
	int n;
	while ((n = uk_netdev_rx_burst(lo.dev(), 0, rx, 8)) > 0)
		for (int i = 0; i < n; ++i)
			uk_netbuf_release(rx[i]);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(NetdevTest, RxAllocatorShortageLeavesTheRingPartlyFilled)
{
	pool.refuse_after = 3;
	bring_up(false);
	EXPECT_EQ(lo.rx_posted(), 3u);
	uk_netbuf *tx[5];
	for (auto &p : tx)
		p = pool.make(64);
	pool.refuse_after = ~0u;
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, tx, 5), 5);
	uk_netdev_queue_stats rs;
	ASSERT_EQ(uk_netdev_rxq_stats_get(lo.dev(), 0, &rs), 0);
	EXPECT_EQ(rs.drops, 2u); // no buffer posted for the last two
	uk_netbuf *rx[8];
	ASSERT_EQ(uk_netdev_rx_burst(lo.dev(), 0, rx, 8), 3);
	for (int i = 0; i < 3; ++i)
		uk_netbuf_release(rx[i]);
	EXPECT_EQ(lo.rx_posted(), Loopback::kDefaultDesc); // refill caught up
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(NetdevTest, InterruptModeCallsBackOnceWhenArmedAndReportsPending)
{
	bring_up(true);
	uk_netbuf *tx = pool.make(64);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, &tx, 1), 1);
	EXPECT_EQ(ev.calls, 0); // not armed after start
	// Armed while a packet waits: 1, poll first.
	EXPECT_EQ(uk_netdev_rxq_intr_enable(lo.dev(), 0), 1);
	uk_netbuf *rx[4];
	ASSERT_EQ(uk_netdev_rx_burst(lo.dev(), 0, rx, 4), 1);
	uk_netbuf_release(rx[0]);
	EXPECT_EQ(uk_netdev_rxq_intr_enable(lo.dev(), 0), 0);
	uk_netbuf *two[2] = {pool.make(64), pool.make(64)};
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, two, 2), 2);
	EXPECT_EQ(ev.calls, 1); // one-shot: the second frame raised nothing
	EXPECT_EQ(ev.queue, 0);
	EXPECT_FALSE(lo.rx_armed());
	ASSERT_EQ(uk_netdev_rx_burst(lo.dev(), 0, rx, 4), 2);
	uk_netbuf_release(rx[0]);
	uk_netbuf_release(rx[1]);
	EXPECT_EQ(uk_netdev_rxq_intr_enable(lo.dev(), 0), 0);
	EXPECT_EQ(uk_netdev_rxq_intr_disable(lo.dev(), 0), 0);
	uk_netbuf *one = pool.make(64);
	EXPECT_EQ(uk_netdev_tx_burst(lo.dev(), 0, &one, 1), 1);
	EXPECT_EQ(ev.calls, 1); // disarmed
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
	EXPECT_TRUE(pool.out.empty());
}

TEST_F(NetdevTest, DriversWithoutInterruptOpsSayNotSupported)
{
	uk_netdev_ops ops = *lo.dev()->ops;
	ops.rxq_intr_enable = ops.rxq_intr_disable = nullptr;
	ops.hwaddr_set = nullptr;
	lo.dev()->ops = &ops;
	lo.features = UK_NETDEV_F_RXQ_INTR; // claims it, lacks the ops
	bring_up(true);
	EXPECT_EQ(uk_netdev_rxq_intr_enable(lo.dev(), 0), -UK_ENOTSUP);
	uk_hwaddr a{{0x02, 1, 2, 3, 4, 5}};
	EXPECT_EQ(uk_netdev_hwaddr_set(lo.dev(), &a), -UK_ENOTSUP);
	EXPECT_EQ(uk_netdev_mtu_set(lo.dev(), 1400), -UK_ENOTSUP);
	EXPECT_EQ(uk_netdev_stop(lo.dev()), 0);
}

TEST_F(NetdevTest, HwaddrSetRefusesMulticastAndZero)
{
	ASSERT_EQ(uk_netdev_drv_register(lo.dev(), "lo0"), 0);
	uk_hwaddr multi{{0x01, 0, 0x5e, 0, 0, 1}}, zero{}, ok{{0x02, 9, 8, 7, 6, 5}};
	EXPECT_EQ(uk_netdev_hwaddr_set(lo.dev(), &multi), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_hwaddr_set(lo.dev(), &zero), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_hwaddr_set(lo.dev(), nullptr), -UK_EINVAL);
	EXPECT_EQ(uk_netdev_hwaddr_set(lo.dev(), &ok), 0);
	uk_hwaddr got;
	uk_netdev_hwaddr_get(lo.dev(), &got);
	EXPECT_EQ(memcmp(&got, &ok, sizeof(ok)), 0);
	EXPECT_EQ(uk_netdev_mtu_get(lo.dev()), 1500);
	EXPECT_EQ(uk_netdev_link_up(lo.dev()), 1);
	uk_netdev_info info;
	uk_netdev_info_get(lo.dev(), &info);
	EXPECT_EQ(info.max_rx_queues, 1);
	EXPECT_EQ(info.max_rx_desc, Loopback::kMaxDesc);
}

}  // namespace
