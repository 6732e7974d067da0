/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw packet I/O figures on network device 0 (support/scripts/bench-netdev
 * runs it): tx bursts of minimum and full-size frames as fast as the
 * device takes them (reclaim included), and ARP request/reply round
 * trips with the link's peer, polling and with rx interrupts.
 * argv[1], argv[2]: our and the peer's IPv4 address (default slirp's).
 * The frames that are only sent go to a made-up station with an
 * experimental EtherType: the peer drops them as cheaply as it can.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/errno.h>
#include <uk/irq_event.h>
#include <uk/netdev.h>
#include <uk/sched.h>
#include <uk/time.h>

#define BUFLEN 2048
#define HEADROOM 64
#define BURST 32
#define RTTS 300

static struct uk_alloc *a;
static struct uk_netdev *dev;
static struct uk_hwaddr mac;
static uint8_t ip[4], peer[4];
static struct uk_irq_event rx_ev;

static void on_rx(struct uk_netdev *d, uint16_t q, void *c)
{
	(void)d, (void)q, (void)c;
	uk_irq_event_signal(&rx_ev);
}

static uint16_t alloc_rx(void *argp, struct uk_netbuf *pkts[], uint16_t n)
{
	(void)argp;
	uint16_t i = 0;
	for (; i < n; ++i)
		if (!(pkts[i] = uk_netbuf_alloc(a, BUFLEN, HEADROOM)))
			break;
	return i;
}

static int parse_ip(const char *s, uint8_t out[4])
{
	for (int i = 0; i < 4; ++i) {
		char *end;
		unsigned long v = strtoul(s, &end, 10);
		if (end == s || v > 255 || *end != (i < 3 ? '.' : 0))
			return -1;
		out[i] = (uint8_t)v;
		s = end + 1;
	}
	return 0;
}

static int bring_up(int intr)
{
	if (uk_netdev_state_get(dev) == UK_NETDEV_RUNNING)
		uk_netdev_stop(dev);
	struct uk_netdev_rxqueue_conf rc = {a, alloc_rx, NULL, intr ? on_rx : NULL, NULL};
	struct uk_netdev_txqueue_conf tc = {a};
	int r = uk_netdev_rxq_setup(dev, 0, 0, &rc);
	if (!r)
		r = uk_netdev_txq_setup(dev, 0, 0, &tc);
	if (!r)
		r = uk_netdev_start(dev);
	uint64_t end = uk_time_now_ns() + 5 * UK_NSEC_PER_SEC;
	while (!r && !uk_netdev_link_up(dev) && uk_time_now_ns() < end)
		uk_sched_sleep_ns(10 * UK_NSEC_PER_MSEC);
	return r;
}

static void tx_run(uint32_t len, unsigned n)
{
	static const uint8_t nobody[6] = {0x02, 0, 0, 0, 0, 0x99};
	unsigned sent = 0;
	uint64_t t0 = uk_time_now_ns();
	while (sent < n) {
		struct uk_netbuf *b[BURST];
		uint16_t k = 0;
		for (; k < BURST && sent + k < n; ++k) {
			b[k] = uk_netbuf_alloc(a, BUFLEN, HEADROOM);
			if (!b[k])
				break;
			uint8_t *f = b[k]->data;
			memcpy(f, nobody, 6);
			memcpy(f + 6, mac.addr_bytes, 6);
			f[12] = 0x88, f[13] = 0xb5;
			memset(f + 14, 0x5a, len - 14);
			b[k]->len = len;
		}
		int got = uk_netdev_tx_burst(dev, 0, b, k);
		for (int i = got < 0 ? 0 : got; i < k; ++i)
			uk_netbuf_release(b[i]);
		if (got < 0)
			break;
		sent += (unsigned)got;
		if (got < k)
			uk_sched_yield();
	}
	uint64_t ns = uk_time_now_ns() - t0;
	struct uk_netdev_queue_stats st;
	uk_netdev_txq_stats_get(dev, 0, &st);
	printf("bench-netdev: tx %u-byte frames: %u in %.1f ms = %.1f kpps (%.1f Mbit/s), "
	       "%llu tx errors so far\n", (unsigned)len, sent, ns / 1e6, sent / (ns / 1e6),
	       sent * (double)len * 8 / (ns / 1e3), (unsigned long long)st.errors);
}

static int is_reply(const uint8_t *f, uint32_t len)
{
	return len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[20] == 0 && f[21] == 2 &&
	       !memcmp(f + 28, peer, 4) && !memcmp(f + 38, ip, 4);
}

static int send_arp(void)
{
	struct uk_netbuf *nb = uk_netbuf_alloc(a, BUFLEN, HEADROOM);
	if (!nb)
		return -1;
	uint8_t *f = nb->data;
	memset(f, 0xff, 6);
	memcpy(f + 6, mac.addr_bytes, 6);
	f[12] = 0x08, f[13] = 0x06;
	static const uint8_t hdr[8] = {0, 1, 8, 0, 6, 4, 0, 1};
	memcpy(f + 14, hdr, 8);
	memcpy(f + 22, mac.addr_bytes, 6);
	memcpy(f + 28, ip, 4);
	memset(f + 32, 0, 6);
	memcpy(f + 38, peer, 4);
	memset(f + 42, 0, 18);
	nb->len = 60;
	if (uk_netdev_tx_burst(dev, 0, &nb, 1) != 1) {
		uk_netbuf_release(nb);
		return -1;
	}
	return 0;
}

/* One request, until its reply: polling, or blocked on the rx interrupt. */
static int64_t rtt(int intr)
{
	uint64_t t0 = uk_time_now_ns(), deadline = t0 + UK_NSEC_PER_SEC;
	if (intr)
		uk_netdev_rxq_intr_enable(dev, 0);
	if (send_arp() < 0)
		return -1;
	for (;;) {
		struct uk_netbuf *pk[16];
		int n = uk_netdev_rx_burst(dev, 0, pk, 16), hit = 0;
		for (int i = 0; i < n; ++i) {
			hit |= is_reply(pk[i]->data, pk[i]->len);
			uk_netbuf_release(pk[i]);
		}
		if (hit)
			return (int64_t)(uk_time_now_ns() - t0);
		if (n > 0)
			continue;
		if (uk_time_now_ns() > deadline)
			return -1;
		if (intr && uk_netdev_rxq_intr_enable(dev, 0) == 0)
			uk_irq_event_wait(&rx_ev, deadline);
	}
}

static int cmp(const void *x, const void *y)
{
	int64_t a1 = *(const int64_t *)x, b1 = *(const int64_t *)y;
	return a1 < b1 ? -1 : a1 > b1;
}

static void rtt_run(int intr)
{
	static int64_t v[RTTS];
	int n = 0, lost = 0;
	for (int i = 0; i < RTTS; ++i) {
		int64_t t = rtt(intr);
		if (t < 0)
			lost++;
		else
			v[n++] = t;
	}
	if (!n) {
		printf("bench-netdev: ARP round trip, %s: no reply\n", intr ? "rx interrupt" : "polling");
		return;
	}
	qsort(v, (size_t)n, sizeof(v[0]), cmp);
	printf("bench-netdev: ARP round trip, %s: median %lld us, p90 %lld us, min %lld us "
	       "(%d round trips, %d lost)\n", intr ? "rx interrupt" : "polling",
	       (long long)v[n / 2] / 1000, (long long)v[n * 9 / 10] / 1000,
	       (long long)v[0] / 1000, n, lost);
}

int main(int argc, char *argv[])
{
	a = uk_alloc_get_default();
	dev = uk_netdev_get(0);
	if (!dev) {
		printf("bench-netdev: no network device\n");
		return 1;
	}
	if (parse_ip(argc > 1 ? argv[1] : "10.0.2.15", ip) ||
	    parse_ip(argc > 2 ? argv[2] : "10.0.2.2", peer)) {
		printf("bench-netdev: usage: bench-net [our-ip [peer-ip]]\n");
		return 1;
	}
	uk_netdev_hwaddr_get(dev, &mac);
	struct uk_netdev_conf conf = {1, 1};
	struct uk_netdev_info info;
	uk_netdev_info_get(dev, &info);
	if (uk_netdev_configure(dev, &conf) || bring_up(0)) {
		printf("bench-netdev: cannot start %s\n", uk_netdev_name(dev));
		return 1;
	}
	printf("bench-netdev: %s, %u tx descriptors\n", uk_netdev_name(dev), info.max_tx_desc);
	tx_run(60, 20000);
	tx_run(1514, 5000);
	rtt_run(0);
	if (info.features & UK_NETDEV_F_RXQ_INTR) {
		bring_up(1);
		rtt_run(1);
	}
	uk_netdev_stop(dev);
	return 0;
}
