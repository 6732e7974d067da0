// SPDX-License-Identifier: BSD-3-Clause
//
// A loopback netdev for the host tests (a test double, not shipped): every
// frame sent on tx queue 0 is copied into the next buffer posted on rx
// queue 0. Sent netbufs stay "in the device" until the test completes
// them (complete_tx), so reclaim and ownership can be watched; an armed
// rx interrupt fires (synchronously) when a frame lands.
#pragma once

#include <string.h>

#include <uk/alloc.h>
#include <uk/netdev_driver.h>

namespace uk::netdev::test {

class Loopback {
public:
	static constexpr uint16_t kMaxDesc = 64;
	static constexpr uint16_t kDefaultDesc = 16;
	static constexpr uint16_t kMtu = 1500;

	Loopback() { dev_.ops = &kOps; dev_.driver_data = this; }
	uk_netdev *dev() { return &dev_; }

	/** The device finished the oldest @p n frames in flight. */
	void complete_tx(unsigned n) { done_ += n; if (done_ > inflight_n_) done_ = inflight_n_; }
	unsigned tx_in_flight() const { return inflight_n_; }
	unsigned rx_posted() const { return posted_n_; }
	bool rx_armed() const { return armed_; }
	uint16_t rx_ring_size() const { return rx_size_; }

	uint32_t features = UK_NETDEV_F_RXQ_INTR | UK_NETDEV_F_TX_CSUM;
	bool fail_rx_setup = false;

private:
	static Loopback *of(uk_netdev *d) { return static_cast<Loopback *>(d->driver_data); }

	static void info_get(uk_netdev *d, uk_netdev_info *i)
	{
		*i = uk_netdev_info{1, 1, kMaxDesc, kMaxDesc, 0, 64, of(d)->features};
	}
	static int configure(uk_netdev *, const uk_netdev_conf *) { return 0; }
	static int rxq_setup(uk_netdev *d, uint16_t, uint16_t nb, const uk_netdev_rxqueue_conf *)
	{
		if (of(d)->fail_rx_setup)
			return -UK_ENOMEM;
		of(d)->rx_size_ = nb ? nb : kDefaultDesc;
		return 0;
	}
	static int txq_setup(uk_netdev *d, uint16_t, uint16_t nb, const uk_netdev_txqueue_conf *)
	{
		of(d)->tx_size_ = nb ? nb : kDefaultDesc;
		return 0;
	}
	static int start(uk_netdev *d)
	{
		of(d)->armed_ = false;
		of(d)->refill(d);
		return 0;
	}
	static void stop(uk_netdev *d)
	{
		Loopback *l = of(d);
		for (unsigned i = 0; i < l->posted_n_; ++i)
			uk_netbuf_release(l->posted_[i]);
		for (unsigned i = 0; i < l->ready_n_; ++i)
			uk_netbuf_release(l->ready_[i]);
		for (unsigned i = 0; i < l->inflight_n_; ++i)
			uk_netbuf_release(l->inflight_[i]);
		l->posted_n_ = l->ready_n_ = l->inflight_n_ = l->done_ = 0;
	}

	void refill(uk_netdev *d)
	{
		posted_n_ += uk_netdev_drv_rx_alloc(d, 0, posted_ + posted_n_,
						    static_cast<uint16_t>(rx_size_ - posted_n_ - ready_n_));
	}

	void reclaim()
	{
		for (unsigned i = 0; i < done_; ++i)
			uk_netbuf_release(inflight_[i]);
		memmove(inflight_, inflight_ + done_, (inflight_n_ - done_) * sizeof(inflight_[0]));
		inflight_n_ -= done_;
		done_ = 0;
	}

	// The "wire": copies the frame into the oldest posted rx buffer.
	void loop(uk_netdev *d, uk_netbuf *nb)
	{
		uk_netdev_queue_stats *rs = uk_netdev_drv_rxq_stats(d, 0);
		if (posted_n_ == 0) {
			rs->drops++;
			return;
		}
		uk_netbuf *rx = posted_[0];
		memmove(posted_, posted_ + 1, --posted_n_ * sizeof(posted_[0]));
		memcpy(rx->data, nb->data, nb->len);
		rx->len = nb->len;
		rx->flags = UK_NETBUF_F_DATA_VALID;
		ready_[ready_n_++] = rx;
		if (armed_) {
			armed_ = false; // one-shot, as the API says
			uk_netdev_drv_rx_event(d, 0);
		}
	}

	static int tx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt)
	{
		Loopback *l = of(d);
		uk_netdev_queue_stats *ts = uk_netdev_drv_txq_stats(d, 0);
		l->reclaim();
		uint16_t n = 0;
		for (; n < cnt; ++n) {
			uk_netbuf *nb = pkts[n];
			if (nb->len < 14 || nb->len > kMtu + 18 ||
			    ((nb->flags & UK_NETBUF_F_PARTIAL_CSUM) && uk_netbuf_csum_complete(nb) < 0)) {
				ts->errors++;
				uk_netbuf_release(nb);
				continue;
			}
			if (l->inflight_n_ == l->tx_size_)
				break;
			l->inflight_[l->inflight_n_++] = nb;
			ts->packets++;
			ts->bytes += nb->len;
			l->loop(d, nb);
		}
		return n;
	}

	static int rx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt)
	{
		Loopback *l = of(d);
		uk_netdev_queue_stats *rs = uk_netdev_drv_rxq_stats(d, 0);
		uint16_t n = 0;
		for (; n < cnt && n < l->ready_n_; ++n) {
			pkts[n] = l->ready_[n];
			rs->packets++;
			rs->bytes += pkts[n]->len;
		}
		memmove(l->ready_, l->ready_ + n, (l->ready_n_ - n) * sizeof(l->ready_[0]));
		l->ready_n_ -= n;
		l->refill(d);
		return n;
	}

	static int intr_enable(uk_netdev *d, uint16_t)
	{
		of(d)->armed_ = true;
		return of(d)->ready_n_ ? 1 : 0;
	}
	static int intr_disable(uk_netdev *d, uint16_t)
	{
		of(d)->armed_ = false;
		return 0;
	}
	static void hwaddr_get(uk_netdev *d, uk_hwaddr *a) { *a = of(d)->mac_; }
	static int hwaddr_set(uk_netdev *d, const uk_hwaddr *a)
	{
		of(d)->mac_ = *a;
		return 0;
	}
	static uint16_t mtu_get(uk_netdev *) { return kMtu; }
	static int link_up(uk_netdev *) { return 1; }

	static constexpr uk_netdev_ops kOps = {info_get, configure, rxq_setup, txq_setup, start,
					       stop, rx_burst, tx_burst, hwaddr_get, mtu_get,
					       link_up, intr_enable, intr_disable, hwaddr_set, nullptr};

	uk_netdev dev_{};
	uk_hwaddr mac_{{0x02, 0, 0, 0, 0, 1}};
	uint16_t rx_size_ = 0, tx_size_ = 0;
	bool armed_ = false;
	uk_netbuf *posted_[kMaxDesc]{}, *ready_[kMaxDesc]{}, *inflight_[kMaxDesc]{};
	unsigned posted_n_ = 0, ready_n_ = 0, inflight_n_ = 0, done_ = 0;
};

}  // namespace uk::netdev::test
