// SPDX-License-Identifier: BSD-3-Clause
//
// lwIP network interfaces on uknetdev devices: one netif ("en0", "en1",
// ...) per device, attached at boot (init class SYS, priority 1, after
// the tcpip thread and after the buses registered their devices).
//
// Receiving: a thread per device bursts received netbufs and hands each
// to lwIP as a custom pbuf over the netbuf's own memory (no copy); the
// pbuf's free function frees the block. In interrupt mode the thread
// sleeps on a uk_irq_event that the driver's rx interrupt signals (the
// netdev.h loop: burst, re-arm, wait); in polling mode it naps between
// empty bursts.
// Sending: linkoutput hands lwIP's frame to tx_burst without a copy when
// it is one pbuf with the device's tx headroom in front (the pbuf is
// referenced until the driver releases the netbuf); else it is copied
// into a fresh netbuf. A full ring is retried after yielding (the device
// makes room as it sends), then the frame is dropped (TCP resends).
// Checksums: lwIP computes them in software (no offload yet).

#include "netif.hpp"

#include <lwip/etharp.h>
#include <lwip/tcpip.h>
#include <netif/ethernet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/netdev.h>
#include <uk/print.h>
#include <uk/sched.h>
#include <uk/time.h>

namespace uk::lwip {
namespace {

constexpr int kBurst = 32;
constexpr int kTxRetries = 1000;
constexpr uint64_t kPollNapNs = 200000; // 0.2 ms between empty polls
// uknetdev has no link-change notification: a device whose link is down
// (a Linux tap gets its carrier up to a second after the attach) is asked
// again every 10 ms, one whose link is up every 250 ms while idle.
constexpr uint64_t kLinkPollNs = 10000000;
constexpr uint64_t kLinkCheckNs = 250000000;
constexpr uint32_t kRxHeadroom = 64;

// One rx buffer block: the pbuf that lwIP gets, the netbuf the driver
// fills, then the packet memory.
struct RxBlock {
	pbuf_custom pc;
	uk_netbuf nb;
	alignas(64) uint8_t mem[];
};

void rx_block_free(pbuf *p)
{
	free(reinterpret_cast<RxBlock *>(p)); // pc is the first member
}

void rx_block_release(uk_netbuf *, void *arg)
{
	free(arg); // the driver gave it back unused (stop)
}

uint16_t alloc_rx(void *argp, uk_netbuf *pkts[], uint16_t count)
{
	auto *port = static_cast<Port *>(argp);
	uint32_t buflen = kRxHeadroom + port->info.rx_buflen_min;
	uint16_t n = 0;
	for (; n < count; ++n) {
		auto *b = static_cast<RxBlock *>(malloc(sizeof(RxBlock) + buflen));
		if (!b)
			break;
		uk_netbuf_init(&b->nb, b->mem, buflen, kRxHeadroom, rx_block_release, b);
		pkts[n] = &b->nb;
	}
	return n;
}

void rx_interrupt(uk_netdev *, uint16_t, void *cookie)
{
	uk_irq_event_signal(&static_cast<Port *>(cookie)->rx_ev);
}

void deliver(Port *port, uk_netbuf *nb)
{
	auto *b = reinterpret_cast<RxBlock *>(reinterpret_cast<char *>(nb) - offsetof(RxBlock, nb));
	b->pc.custom_free_function = rx_block_free;
	pbuf *p = pbuf_alloced_custom(PBUF_RAW, static_cast<u16_t>(nb->len), PBUF_REF, &b->pc,
				      nb->data, static_cast<u16_t>(nb->len));
	if (!p || port->nif.input(p, &port->nif) != ERR_OK) {
		if (p)
			pbuf_free(p);
		else
			free(b);
	}
}

// Asks the device for its link and tells lwIP when it changed (lwIP
// routes nothing through an interface whose link is down). @return it.
bool link_check(Port *port)
{
	bool up = uk_netdev_link_up(port->dev);
	if (up == static_cast<bool>(netif_is_link_up(&port->nif)))
		return up;
	LOCK_TCPIP_CORE();
	if (up)
		netif_set_link_up(&port->nif);
	else
		netif_set_link_down(&port->nif);
	UNLOCK_TCPIP_CORE();
	uk_pr_info("en%d: link %s\n", port->index, up ? "up" : "down");
	return up;
}

void rx_thread(void *arg)
{
	auto *port = static_cast<Port *>(arg);
	uk_netbuf *pkts[kBurst];
	uint64_t next_check = 0;
	bool link = false;
	for (;;) {
		uint64_t now = uk_time_now_ns();
		if (now >= next_check) {
			link = link_check(port);
			next_check = now + (link ? kLinkCheckNs : kLinkPollNs);
		}
		int n = uk_netdev_rx_burst(port->dev, 0, pkts, kBurst);
		for (int i = 0; i < n; ++i)
			deliver(port, pkts[i]);
		if (n > 0)
			continue;
		if (!port->intr) {
			uk_sched_sleep_ns(kPollNapNs);
			continue;
		}
		if (uk_netdev_rxq_intr_enable(port->dev, 0) == 1)
			continue; // arrived meanwhile: no interrupt comes for them
		uk_irq_event_wait(&port->rx_ev, next_check);
	}
}

// A tx netbuf over lwIP's own pbuf: released when the device is done.
struct TxRef {
	uk_netbuf nb;
	pbuf *p;
};

void tx_ref_release(uk_netbuf *, void *arg)
{
	auto *r = static_cast<TxRef *>(arg);
	pbuf_free(r->p);
	free(r);
}

void tx_copy_release(uk_netbuf *, void *arg) { free(arg); }

uk_netbuf *frame_of(Port *port, pbuf *p)
{
	const uint16_t head = port->info.tx_headroom;
	if (!p->next && pbuf_add_header(p, head) == 0) {
		pbuf_remove_header(p, head); // there is room: use it in place
		auto *r = static_cast<TxRef *>(malloc(sizeof(TxRef)));
		if (!r)
			return nullptr;
		pbuf_ref(p);
		r->p = p;
		uk_netbuf_init(&r->nb, static_cast<char *>(p->payload) - head, head + p->len, head,
			       tx_ref_release, r);
		r->nb.len = p->len;
		return &r->nb;
	}
	size_t buflen = head + p->tot_len;
	auto *blk = static_cast<uint8_t *>(malloc(sizeof(uk_netbuf) + buflen));
	if (!blk)
		return nullptr;
	auto *nb = reinterpret_cast<uk_netbuf *>(blk);
	uk_netbuf_init(nb, blk + sizeof(uk_netbuf), static_cast<uint32_t>(buflen), head,
		       tx_copy_release, blk);
	nb->len = pbuf_copy_partial(p, nb->data, p->tot_len, 0);
	return nb;
}

err_t linkoutput(netif *nif, pbuf *p)
{
	auto *port = static_cast<Port *>(nif->state);
	uk_netbuf *nb = frame_of(port, p);
	if (!nb)
		return ERR_MEM;
	for (int i = 0; i < kTxRetries; ++i) {
		if (uk_netdev_tx_burst(port->dev, 0, &nb, 1) == 1)
			return ERR_OK;
		uk_sched_yield(); // the device frees slots as it sends
	}
	uk_netbuf_release(nb);
	return ERR_MEM;
}

err_t netif_init_cb(netif *nif)
{
	auto *port = static_cast<Port *>(nif->state);
	uk_hwaddr mac;
	uk_netdev_hwaddr_get(port->dev, &mac);
	nif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(nif->hwaddr, mac.addr_bytes, ETH_HWADDR_LEN);
	nif->mtu = uk_netdev_mtu_get(port->dev);
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP;
	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->output = etharp_output;
	nif->linkoutput = linkoutput;
	return ERR_OK;
}

}  // namespace

int port_start(Port *port, uk_netdev *dev)
{
	port->dev = dev;
	uk_netdev_info_get(dev, &port->info);
	uk_alloc *a = uk_alloc_get_default();
	uk_netdev_conf conf{1, 1};
	int rc = uk_netdev_configure(dev, &conf);
	port->intr = (port->info.features & UK_NETDEV_F_RXQ_INTR) && !kPoll;
	uk_netdev_rxqueue_conf rxc{a, alloc_rx, port, port->intr ? rx_interrupt : nullptr, port};
	uk_netdev_txqueue_conf txc{a};
	if (rc == 0)
		rc = uk_netdev_rxq_setup(dev, 0, 0, &rxc);
	if (rc == 0)
		rc = uk_netdev_txq_setup(dev, 0, 0, &txc);
	if (rc == 0)
		rc = uk_netdev_start(dev);
	if (rc < 0)
		return rc;
	LOCK_TCPIP_CORE();
	netif *nif = netif_add(&port->nif, nullptr, nullptr, nullptr, port, netif_init_cb,
			       tcpip_input);
	if (nif && uk_netdev_link_up(dev))
		netif_set_link_up(nif);
	UNLOCK_TCPIP_CORE();
	if (!nif)
		return -UK_ENOMEM;
	port->rx = uk_thread_create("netdev-rx", rx_thread, port);
	return port->rx ? 0 : -UK_ENOMEM;
}

}  // namespace uk::lwip
