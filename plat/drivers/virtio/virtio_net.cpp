// SPDX-License-Identifier: BSD-3-Clause
//
// virtio-net as a uknetdev driver: one rx/tx queue pair, the features of
// virtio_net_hdr.hpp, the rx ring refilled from the user's allocator in
// every burst, tx completions reclaimed in every tx burst (tx interrupts
// are never asked for), rx interrupts one-shot per arming (the
// interrupt handler disarms the queue, then calls the user's callback).
//
// Buffers: an rx netbuf is posted as one device-writable descriptor from
// data to the end of the buffer; the device writes the virtio-net header
// there, followed by the frame, and rx_burst moves data past the header.
// A tx netbuf with hdr_len bytes of headroom carries the header in that
// headroom and goes out as one descriptor; with less, the header comes
// from a per-descriptor slot of the driver's and the frame is a second
// descriptor. Nothing is copied either way.

#include <uk/alloc.h>
#include <uk/arch/lcpu.h>
#include <uk/irq.hpp>
#include <uk/netdev_driver.h>
#include <uk/print.h>

#include "virtio_net_hdr.hpp"

namespace uk::virtio {
namespace {

constexpr uint16_t kRefillBatch = 32;

constinit unsigned next_index = 0;

class VirtioNet {
public:
	static int probe(Transport &t, uk_alloc *a);

private:
	struct Rx {
		Virtqueue *vq;
		uk_alloc *a;
		bool intr;
		volatile bool armed;
		uint64_t seen_errors;
	};
	struct Tx {
		Virtqueue *vq;
		uk_alloc *a;
		NetHdr *hdrs; // one per descriptor: headers of two-descriptor chains
		uint64_t seen_errors;
	};

	static VirtioNet *of(uk_netdev *d) { return static_cast<VirtioNet *>(d->driver_data); }
	bool event_idx() const { return features_ & kFRingEventIdx; }
	uint32_t rx_room_min() const { return uint32_t{hdr_len_} + kEthHeader + kVlanTag + max_mtu_; }

	Result<uint64_t> read_config();
	void refill();
	void reclaim();
	void sync_errors(Virtqueue *vq, uint64_t *seen, uk_netdev_queue_stats *st);
	bool tx_valid(const uk_netbuf *nb) const;
	void drain();

	static void info_get(uk_netdev *d, uk_netdev_info *i);
	static int configure(uk_netdev *, const uk_netdev_conf *) { return 0; }
	static int rxq_setup(uk_netdev *d, uint16_t, uint16_t nb_desc, const uk_netdev_rxqueue_conf *c);
	static int txq_setup(uk_netdev *d, uint16_t, uint16_t nb_desc, const uk_netdev_txqueue_conf *c);
	static int start(uk_netdev *d);
	static void stop(uk_netdev *d);
	static int rx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt);
	static int tx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt);
	static int intr_enable(uk_netdev *d, uint16_t);
	static int intr_disable(uk_netdev *d, uint16_t);
	static void hwaddr_get(uk_netdev *d, uk_hwaddr *a) { *a = of(d)->mac_; }
	static uint16_t mtu_get(uk_netdev *d) { return of(d)->mtu_; }
	static int mtu_set(uk_netdev *d, uint16_t mtu);
	static int link_up(uk_netdev *d);
	static int rx_irq(void *arg);

	static constexpr uk_netdev_ops kOps = {
		info_get, configure, rxq_setup, txq_setup, start, stop, rx_burst, tx_burst,
		hwaddr_get, mtu_get, link_up, intr_enable, intr_disable, nullptr, mtu_set};

	uk_netdev netdev_{};
	Transport *t_ = nullptr;
	uint64_t features_ = 0;
	uint16_t hdr_len_ = 0;
	bool hdr_inline_ = false;
	uk_hwaddr mac_{};
	uint16_t mtu_ = kDefaultMtu, max_mtu_ = kDefaultMtu;
	uint16_t rx_max_ = 0, tx_max_ = 0;
	Rx rx_{};
	Tx tx_{};
};

constexpr uk_netdev_ops VirtioNet::kOps;

// The configuration as one consistent snapshot (modern devices bump the
// generation when it changes under us).
Result<uint64_t> VirtioNet::read_config()
{
	for (int tries = 0; tries < 16; ++tries) {
		const uint32_t gen = t_->config_generation();
		if (features_ & kNetFMac) {
			for (uint32_t i = 0; i < UK_NETDEV_HWADDR_LEN; ++i)
				mac_.addr_bytes[i] = t_->config8(kNetCfgMac + i);
		}
		max_mtu_ = kDefaultMtu;
		if (features_ & kNetFMtu) {
			const uint16_t m = t_->config16(kNetCfgMtu);
			// Bigger frames would need bigger rx buffers (no MRG_RXBUF).
			max_mtu_ = m < kMinMtu ? kMinMtu : m > kDefaultMtu ? kDefaultMtu : m;
		}
		if (t_->config_generation() == gen)
			return features_;
	}
	return Error{-UK_EIO};
}

int VirtioNet::probe(Transport &t, uk_alloc *a)
{
	auto f = negotiate(t, kNetWanted);
	if (!f.ok()) {
		uk_pr_warn("virtio-net on %s: feature negotiation failed: %d\n", t.name(), f.error());
		return f.error();
	}
	void *mem = uk_malloc(a, sizeof(VirtioNet));
	if (!mem)
		return -UK_ENOMEM;
	auto *v = new (mem) VirtioNet();
	v->t_ = &t;
	v->features_ = f.value();
	v->hdr_len_ = net_hdr_len(v->features_);
	v->hdr_inline_ = net_hdr_inline(v->features_);
	int rc = v->read_config().ok() ? 0 : -UK_EIO;
	if (!(v->features_ & kNetFMac)) {
		// A locally administered unicast address of our own (5.1.5).
		const uint64_t r = ukarch_rdtsc() * 0x9e3779b97f4a7c15ULL;
		v->mac_ = uk_hwaddr{{0x02, uint8_t(r >> 8), uint8_t(r >> 16), uint8_t(r >> 24),
				     uint8_t(r >> 32), uint8_t(next_index)}};
	}
	v->mtu_ = v->max_mtu_;
	v->rx_max_ = t.queue_max(kNetRxQueue);
	v->tx_max_ = t.queue_max(kNetTxQueue);
	t.reset(); // idle until start
	if (rc == 0 && (!v->rx_max_ || !v->tx_max_))
		rc = -UK_ENODEV;
	char name[UK_NETDEV_NAME_MAX] = "virtio-net";
	name[10] = static_cast<char>('0' + next_index % 10);
	v->netdev_.ops = &kOps;
	v->netdev_.driver_data = v;
	if (rc == 0)
		rc = uk_netdev_drv_register(&v->netdev_, name);
	if (rc < 0) {
		v->~VirtioNet();
		uk_free(a, v);
		return rc;
	}
	++next_index;
	const uint8_t *m = v->mac_.addr_bytes;
	uk_pr_info("%s: %s, MAC %02x:%02x:%02x:%02x:%02x:%02x, features %#llx, "
		   "%u/%u descriptors, %s\n",
		   name, t.name(), m[0], m[1], m[2], m[3], m[4], m[5],
		   static_cast<unsigned long long>(v->features_), v->rx_max_, v->tx_max_,
		   t.has_interrupts() ? "rx interrupts" : "polling only");
	return 0;
}

void VirtioNet::info_get(uk_netdev *d, uk_netdev_info *i)
{
	VirtioNet *v = of(d);
	uint32_t f = 0;
	if (v->features_ & kNetFCsum)
		f |= UK_NETDEV_F_TX_CSUM;
	if (v->features_ & kNetFGuestCsum)
		f |= UK_NETDEV_F_RX_CSUM;
	if (v->t_->has_interrupts())
		f |= UK_NETDEV_F_RXQ_INTR;
	*i = uk_netdev_info{1, 1, v->rx_max_, v->tx_max_, v->hdr_len_,
			    static_cast<uint16_t>(v->rx_room_min()), f};
}

int VirtioNet::rxq_setup(uk_netdev *d, uint16_t, uint16_t nb_desc, const uk_netdev_rxqueue_conf *c)
{
	VirtioNet *v = of(d);
	const uint16_t n = nb_desc ? nb_desc : v->rx_max_;
	if (n > v->rx_max_)
		return -UK_EINVAL;
	auto vq = Virtqueue::create(c->a, kNetRxQueue, n, v->event_idx());
	if (!vq.ok())
		return vq.error();
	// A queue set up again (stopped device): its buffers were released
	// at stop, its error count goes into the stats first.
	if (v->rx_.vq) {
		v->sync_errors(v->rx_.vq, &v->rx_.seen_errors, uk_netdev_drv_rxq_stats(d, 0));
		Virtqueue::destroy(v->rx_.a, v->rx_.vq);
	}
	v->rx_ = Rx{vq.take(), c->a, c->callback != nullptr, false, 0};
	return 0;
}

int VirtioNet::txq_setup(uk_netdev *d, uint16_t, uint16_t nb_desc, const uk_netdev_txqueue_conf *c)
{
	VirtioNet *v = of(d);
	const uint16_t n = nb_desc ? nb_desc : v->tx_max_;
	if (n > v->tx_max_)
		return -UK_EINVAL;
	auto *hdrs = static_cast<NetHdr *>(uk_malloc(c->a, sizeof(NetHdr) * n));
	if (!hdrs)
		return -UK_ENOMEM;
	auto vq = Virtqueue::create(c->a, kNetTxQueue, n, v->event_idx());
	if (!vq.ok()) {
		uk_free(c->a, hdrs);
		return vq.error();
	}
	if (v->tx_.vq) {
		v->sync_errors(v->tx_.vq, &v->tx_.seen_errors, uk_netdev_drv_txq_stats(d, 0));
		Virtqueue::destroy(v->tx_.a, v->tx_.vq);
		uk_free(v->tx_.a, v->tx_.hdrs);
	}
	v->tx_ = Tx{vq.take(), c->a, hdrs, 0};
	return 0;
}

int VirtioNet::start(uk_netdev *d)
{
	VirtioNet *v = of(d);
	Transport &t = *v->t_;
	auto f = negotiate(t, kNetWanted);
	if (!f.ok() || f.value() != v->features_) {
		t.reset();
		return -UK_EIO;
	}
	v->rx_.vq->reset(v->event_idx());
	v->tx_.vq->reset(v->event_idx());
	v->rx_.armed = false;
	if (v->rx_.intr) {
		auto r = t.queue_irq(kNetRxQueue, rx_irq, v);
		if (!r.ok()) {
			t.reset();
			return r.error();
		}
	}
	auto r1 = t.queue_enable(kNetRxQueue, *v->rx_.vq);
	auto r2 = r1.ok() ? t.queue_enable(kNetTxQueue, *v->tx_.vq) : Result<void>(Error{r1.error()});
	if (!r2.ok()) {
		t.reset();
		t.queue_irq_release(kNetRxQueue);
		return r2.error();
	}
	t.set_status(kStatusAcknowledge | kStatusDriver | (t.modern() ? kStatusFeaturesOk : 0) |
		     kStatusDriverOk);
	v->refill();
	return 0;
}

void VirtioNet::drain()
{
	while (void *c = rx_.vq->take_in_flight())
		uk_netbuf_release(static_cast<uk_netbuf *>(c));
	while (void *c = tx_.vq->take_in_flight())
		uk_netbuf_release(static_cast<uk_netbuf *>(c));
}

void VirtioNet::stop(uk_netdev *d)
{
	VirtioNet *v = of(d);
	v->t_->reset(); // from here on the device touches no buffer
	v->t_->queue_irq_release(kNetRxQueue);
	v->rx_.armed = false;
	v->sync_errors(v->rx_.vq, &v->rx_.seen_errors, uk_netdev_drv_rxq_stats(d, 0));
	v->sync_errors(v->tx_.vq, &v->tx_.seen_errors, uk_netdev_drv_txq_stats(d, 0));
	v->drain();
}

void VirtioNet::sync_errors(Virtqueue *vq, uint64_t *seen, uk_netdev_queue_stats *st)
{
	st->errors += vq->errors() - *seen;
	*seen = vq->errors();
}

void VirtioNet::refill()
{
	Virtqueue *vq = rx_.vq;
	uk_netdev_queue_stats *st = uk_netdev_drv_rxq_stats(&netdev_, 0);
	uk_netbuf *fresh[kRefillBatch];
	bool added = false;
	while (vq->free_descriptors() > 0 && !vq->broken()) {
		const uint16_t want = vq->free_descriptors() < kRefillBatch ? vq->free_descriptors()
									 : kRefillBatch;
		const uint16_t got = uk_netdev_drv_rx_alloc(&netdev_, 0, fresh, want);
		for (uint16_t i = 0; i < got; ++i) {
			uk_netbuf *nb = fresh[i];
			const size_t room = nb->buflen - uk_netbuf_headroom(nb);
			const Segment s{nb->data, static_cast<uint32_t>(room), true};
			if (room < rx_room_min() || !vq->add(&s, 1, nb).ok()) {
				st->drops++; // a buffer too small for a frame: not posted
				uk_netbuf_release(nb);
				continue;
			}
			added = true;
		}
		if (got < want)
			break; // the user is short of memory: retry at the next burst
	}
	if (added && vq->publish())
		t_->queue_notify(kNetRxQueue);
}

int VirtioNet::rx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt)
{
	VirtioNet *v = of(d);
	uk_netdev_queue_stats *st = uk_netdev_drv_rxq_stats(d, 0);
	uint16_t n = 0;
	while (n < cnt) {
		void *c;
		uint32_t len;
		const Virtqueue::Got g = v->rx_.vq->get(&c, &len);
		if (g == Virtqueue::Got::kNone || g == Virtqueue::Got::kBroken)
			break;
		auto *nb = static_cast<uk_netbuf *>(c);
		if (g == Virtqueue::Got::kBadLength) {
			uk_netbuf_release(nb); // counted by the queue as an error
			continue;
		}
		if (net_rx_frame(nb, len, v->hdr_len_) != RxVerdict::kOk) {
			st->drops++;
			uk_netbuf_release(nb);
			continue;
		}
		st->packets++;
		st->bytes += nb->len;
		pkts[n++] = nb;
	}
	v->refill();
	v->sync_errors(v->rx_.vq, &v->rx_.seen_errors, st);
	return n;
}

void VirtioNet::reclaim()
{
	void *c;
	uint32_t len;
	for (;;) {
		const Virtqueue::Got g = tx_.vq->get(&c, &len);
		if (g == Virtqueue::Got::kNone || g == Virtqueue::Got::kBroken)
			return;
		uk_netbuf_release(static_cast<uk_netbuf *>(c)); // sent, or bad: done either way
	}
}

bool VirtioNet::tx_valid(const uk_netbuf *nb) const
{
	if (nb->len < kEthHeader || nb->len > uint32_t{mtu_} + kEthHeader + kVlanTag)
		return false;
	if (nb->flags & UK_NETBUF_F_PARTIAL_CSUM)
		return nb->csum_start < nb->len &&
		       uint32_t{nb->csum_start} + nb->csum_offset + 2 <= nb->len;
	return true;
}

int VirtioNet::tx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt)
{
	VirtioNet *v = of(d);
	Virtqueue *vq = v->tx_.vq;
	uk_netdev_queue_stats *st = uk_netdev_drv_txq_stats(d, 0);
	const bool offload = v->features_ & kNetFCsum;
	v->reclaim();
	uint16_t n = 0;
	bool added = false;
	for (; n < cnt && !vq->broken(); ++n) {
		uk_netbuf *nb = pkts[n];
		if (!v->tx_valid(nb)) {
			st->errors++;
			uk_netbuf_release(nb);
			continue;
		}
		const bool one = v->hdr_inline_ && uk_netbuf_headroom(nb) >= v->hdr_len_;
		if (vq->free_descriptors() < (one ? 1 : 2))
			break;
		if (!offload && (nb->flags & UK_NETBUF_F_PARTIAL_CSUM))
			uk_netbuf_csum_complete(nb); // in range: checked above
		NetHdr h;
		net_tx_header(nb, offload, &h);
		Result<void> r;
		if (one) {
			void *at = static_cast<char *>(nb->data) - v->hdr_len_;
			__builtin_memcpy(at, &h, v->hdr_len_);
			const Segment s{at, nb->len + v->hdr_len_, false};
			r = vq->add(&s, 1, nb);
		} else {
			NetHdr *slot = &v->tx_.hdrs[vq->next_head()];
			*slot = h;
			const Segment s[2] = {{slot, v->hdr_len_, false}, {nb->data, nb->len, false}};
			r = vq->add(s, 2, nb);
		}
		if (!r.ok())
			break;
		st->packets++;
		st->bytes += nb->len;
		added = true;
	}
	if (added && vq->publish())
		v->t_->queue_notify(kNetTxQueue);
	v->sync_errors(vq, &v->tx_.seen_errors, st);
	return n;
}

// Interrupt context. On virtio-mmio every queue's handler runs for any
// queue's interrupt: only a queue that is armed and has completions
// takes it.
int VirtioNet::rx_irq(void *arg)
{
	auto *v = static_cast<VirtioNet *>(arg);
	if (!v->rx_.armed || !v->rx_.vq->has_used())
		return 0;
	v->rx_.armed = false;
	v->rx_.vq->disable_interrupts();
	uk_netdev_drv_rx_event(&v->netdev_, 0);
	return 1;
}

int VirtioNet::intr_enable(uk_netdev *d, uint16_t)
{
	VirtioNet *v = of(d);
	IrqGuard g; // against our own handler
	v->rx_.armed = true;
	return v->rx_.vq->enable_interrupts() ? 1 : 0;
}

int VirtioNet::intr_disable(uk_netdev *d, uint16_t)
{
	VirtioNet *v = of(d);
	IrqGuard g;
	v->rx_.armed = false;
	v->rx_.vq->disable_interrupts();
	return 0;
}

int VirtioNet::mtu_set(uk_netdev *d, uint16_t mtu)
{
	VirtioNet *v = of(d);
	if (mtu < kMinMtu || mtu > v->max_mtu_)
		return -UK_EINVAL;
	v->mtu_ = mtu;
	return 0;
}

int VirtioNet::link_up(uk_netdev *d)
{
	VirtioNet *v = of(d);
	if (!(v->features_ & kNetFStatus))
		return 1; // no status: always up (5.1.4.2)
	return (v->t_->config16(kNetCfgStatus) & kNetLinkUp) ? 1 : 0;
}

}  // namespace

int net_probe(Transport &t, uk_alloc *a)
{
	if (t.device_id() != kIdNet)
		return -UK_ENODEV;
	return VirtioNet::probe(t, a);
}

}  // namespace uk::virtio
