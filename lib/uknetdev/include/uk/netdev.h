/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: packet I/O on network devices, in Unikraft's spirit: bursts
 * of packet buffers (uk/netbuf.h) in and out of per-device queues,
 * polling or interrupt driven per rx queue, no copy on the fast path
 * where the device allows. A network stack (lwIP's netif) sits on top;
 * drivers (virtio-net, the linuxu tap) register devices underneath
 * (uk/netdev_driver.h). Compiles as C11 and as C++.
 *
 * Life cycle of a device:
 *
 *   registered (UNCONFIGURED) --configure--> CONFIGURED
 *   CONFIGURED --rxq_setup/txq_setup of every queue, then start--> RUNNING
 *   RUNNING --stop--> CONFIGURED (queues stay set up: start again, or
 *   set some up again first, e.g. to switch an rx queue's mode)
 *
 * Receiving:
 *   - The user gives each rx queue an allocator callback; the driver
 *     fills the device's ring with empty netbufs from it at start and
 *     after every rx_burst (refill). rx_burst hands filled netbufs to the
 *     user: data points at the Ethernet header, len is the frame length
 *     (no FCS). The user releases them (uk_netbuf_release) when done.
 *   - Polling mode (no callback): call rx_burst when you like.
 *   - Interrupt mode (a callback): uk_netdev_rxq_intr_enable() arms the
 *     queue's interrupt; when a packet arrives the driver disarms it and
 *     calls the callback, in interrupt context (interrupts off, on
 *     whatever stack was running: the callback must not block, allocate
 *     or call the scheduler: signal a uk_irq_event, uk/irq_event.h). The
 *     thread then drains the queue with rx_burst and re-arms. Re-arming
 *     returns 1 when packets arrived since the last burst (no interrupt
 *     will come for them: burst again), so this loop loses nothing:
 *
 *         for (;;) {
 *                 int n = uk_netdev_rx_burst(dev, 0, pkts, 32);
 *                 if (n > 0) { deliver(pkts, n); continue; }
 *                 if (uk_netdev_rxq_intr_enable(dev, 0) == 1)
 *                         continue;
 *                 uk_irq_event_wait(&rx_ev, UK_TIME_NEVER);
 *         }
 *
 * Sending: tx_burst takes netbufs whose data/len is a whole Ethernet
 * frame (no FCS). Accepted netbufs belong to the driver until the device
 * has sent them: the driver releases them, at the latest in a later
 * tx_burst (which reclaims finished ones first; a burst of 0 packets only
 * reclaims) or at stop. Netbufs with at least info.tx_headroom bytes of
 * headroom go out without a copy. Netbufs the ring has no room for are
 * not accepted and stay with the caller (the return value counts the
 * accepted ones, always a prefix of the array); an invalid one (empty,
 * longer than MTU + 14 + 4, or a checksum field outside it) is accepted,
 * released and counted as a tx error.
 *
 * Threads: every function here is for thread context. Calls on one queue
 * must not overlap (one thread per queue, or a lock); on one CPU without
 * preemption that holds as long as no call blocks, and none does.
 * Only the rx callback runs in interrupt context.
 *
 * Errors: 0 or a count, or a negative errno: -EINVAL for bad arguments or
 * a call in the wrong state, -ENOTSUP for what the device cannot do,
 * -ENODEV/-ENOENT where noted.
 */
#ifndef UK_NETDEV_H
#define UK_NETDEV_H

#include <uk/essentials.h>
#include <uk/netbuf.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;
struct uk_netdev;

#define UK_NETDEV_HWADDR_LEN 6
/** An Ethernet (MAC) address. */
struct uk_hwaddr {
	uint8_t addr_bytes[UK_NETDEV_HWADDR_LEN];
};

enum uk_netdev_state {
	UK_NETDEV_UNCONFIGURED = 0,
	UK_NETDEV_CONFIGURED,
	UK_NETDEV_RUNNING,
};

/* Device features (uk_netdev_info.features). */
/** tx: UK_NETBUF_F_PARTIAL_CSUM is done by the device (else in software). */
#define UK_NETDEV_F_TX_CSUM 0x1
/** rx: netbufs may come with UK_NETBUF_F_DATA_VALID. */
#define UK_NETDEV_F_RX_CSUM 0x2
/** rx queues can run in interrupt mode (a callback at rxq_setup). */
#define UK_NETDEV_F_RXQ_INTR 0x4

/** What a device can do; valid from registration on. */
struct uk_netdev_info {
	uint16_t max_rx_queues;
	uint16_t max_tx_queues;
	uint16_t max_rx_desc;   /**< largest nb_desc for rxq_setup */
	uint16_t max_tx_desc;   /**< largest nb_desc for txq_setup */
	uint16_t tx_headroom;   /**< headroom a tx netbuf needs to go out without a copy */
	uint16_t rx_buflen_min; /**< rx netbufs need this much room from data on */
	uint32_t features;      /**< UK_NETDEV_F_* */
};

/** Number of queues, for uk_netdev_configure(). */
struct uk_netdev_conf {
	uint16_t nb_rx_queues; /**< 1 .. info.max_rx_queues (0: no rx) */
	uint16_t nb_tx_queues; /**< 1 .. info.max_tx_queues (0: no tx) */
};

/**
 * Fills pkts[0 .. count - 1] with empty netbufs for an rx ring (each with
 * at least info.rx_buflen_min bytes from data on). Called in thread
 * context, inside start and rx_burst. @return how many it filled (fewer,
 * down to 0, when memory is short: the ring is refilled later).
 */
typedef uint16_t (*uk_netdev_alloc_rxpkts_t)(void *argp, struct uk_netbuf *pkts[],
					     uint16_t count);

/**
 * A packet arrived on rx queue @p queue_id while its interrupt was armed;
 * the interrupt is now disarmed. Interrupt context: see above.
 */
typedef void (*uk_netdev_queue_event_t)(struct uk_netdev *dev, uint16_t queue_id,
					void *cookie);

struct uk_netdev_rxqueue_conf {
	struct uk_alloc *a; /**< for the ring and the driver's queue state */
	uk_netdev_alloc_rxpkts_t alloc_rxpkts; /**< required */
	void *alloc_rxpkts_argp;
	uk_netdev_queue_event_t callback; /**< NULL: polling mode */
	void *callback_cookie;
};

struct uk_netdev_txqueue_conf {
	struct uk_alloc *a; /**< for the ring and the driver's queue state */
};

/**
 * Per-queue counters, kept by the driver since registration.
 * rx: packets/bytes handed to the user; drops: frames received but not
 * handed over (runts, bad offload data); errors: the device broke the
 * protocol (bad descriptor ids or lengths). tx: packets/bytes accepted
 * for sending; drops: accepted but not sent (the backend refused);
 * errors: invalid netbufs given to tx_burst.
 */
struct uk_netdev_queue_stats {
	uint64_t packets;
	uint64_t bytes;
	uint64_t drops;
	uint64_t errors;
};

/** @return the number of registered devices; their ids are 0 .. n - 1. */
unsigned int uk_netdev_count(void);

/** @return device @p id, or NULL when there is none. */
struct uk_netdev *uk_netdev_get(unsigned int id);

/** @return the device named @p name, or NULL. */
struct uk_netdev *uk_netdev_find(const char *name);

/** @return @p dev's id (registration order). */
unsigned int uk_netdev_id(const struct uk_netdev *dev);

/** @return @p dev's name (the driver's choice: "virtio-net0", "tap0"). */
const char *uk_netdev_name(const struct uk_netdev *dev);

/** @return @p dev's state. */
enum uk_netdev_state uk_netdev_state_get(const struct uk_netdev *dev);

/** Copies what @p dev can do to @p info. */
void uk_netdev_info_get(struct uk_netdev *dev, struct uk_netdev_info *info);

/**
 * Sets the number of queues. UNCONFIGURED -> CONFIGURED.
 * @return 0; -EINVAL for counts out of range or a device not UNCONFIGURED.
 */
int uk_netdev_configure(struct uk_netdev *dev, const struct uk_netdev_conf *conf);

/**
 * Sets up rx queue @p queue_id with a ring of @p nb_desc descriptors
 * (0: the device's default; else a power of two up to max_rx_desc) and
 * the ring memory from conf->a, while CONFIGURED. Setting up a queue
 * again (after a stop) replaces it: another mode, size or allocator;
 * the old ring is freed. A failed setup leaves the queue not set up.
 * @return 0; -EINVAL; -ENOTSUP for a callback on a device without
 *   UK_NETDEV_F_RXQ_INTR (or another nb_desc than the device's, where it
 *   cannot change it); -ENOMEM.
 */
int uk_netdev_rxq_setup(struct uk_netdev *dev, uint16_t queue_id, uint16_t nb_desc,
			const struct uk_netdev_rxqueue_conf *conf);

/** Sets up tx queue @p queue_id; as uk_netdev_rxq_setup(). */
int uk_netdev_txq_setup(struct uk_netdev *dev, uint16_t queue_id, uint16_t nb_desc,
			const struct uk_netdev_txqueue_conf *conf);

/**
 * Starts @p dev: rx rings filled, interrupts of interrupt-mode queues
 * disarmed (arm them with uk_netdev_rxq_intr_enable()). CONFIGURED ->
 * RUNNING. @return 0; -EINVAL (wrong state, a queue not set up); a
 * driver's error (-EIO: the device refused).
 */
int uk_netdev_start(struct uk_netdev *dev);

/**
 * Stops @p dev: the device no longer touches any buffer; posted rx
 * netbufs and unfinished tx netbufs are released. RUNNING -> CONFIGURED.
 * @return 0, or -EINVAL when it is not running.
 */
int uk_netdev_stop(struct uk_netdev *dev);

/**
 * Takes up to @p cnt received packets from rx queue @p queue_id into
 * pkts[] (ownership passes to the caller) and refills the ring.
 * @return the number taken (0: none); -EINVAL (not running, bad queue).
 */
int uk_netdev_rx_burst(struct uk_netdev *dev, uint16_t queue_id, struct uk_netbuf *pkts[],
		       uint16_t cnt);

/**
 * Queues pkts[0 .. cnt - 1] for sending on tx queue @p queue_id, after
 * reclaiming what the device finished (released to their owners).
 * @return how many were accepted (a prefix of pkts[]); -EINVAL.
 */
int uk_netdev_tx_burst(struct uk_netdev *dev, uint16_t queue_id, struct uk_netbuf *pkts[],
		       uint16_t cnt);

/**
 * Arms the interrupt of rx queue @p queue_id (interrupt mode only).
 * @return 0: armed, the queue was empty; 1: armed, but packets are
 *   waiting already (call rx_burst: no interrupt comes for them);
 *   -EINVAL (not running, bad queue, polling-mode queue).
 */
int uk_netdev_rxq_intr_enable(struct uk_netdev *dev, uint16_t queue_id);

/** Disarms it again. @return 0 or -EINVAL. */
int uk_netdev_rxq_intr_disable(struct uk_netdev *dev, uint16_t queue_id);

/** Copies @p dev's MAC address to @p addr. */
void uk_netdev_hwaddr_get(struct uk_netdev *dev, struct uk_hwaddr *addr);

/**
 * Sets @p dev's MAC address (a unicast one).
 * @return 0; -EINVAL (multicast or all zeroes); -ENOTSUP.
 */
int uk_netdev_hwaddr_set(struct uk_netdev *dev, const struct uk_hwaddr *addr);

/** @return the MTU (bytes of payload after the Ethernet header). */
uint16_t uk_netdev_mtu_get(struct uk_netdev *dev);

/** Sets the MTU. @return 0; -EINVAL (out of the device's range); -ENOTSUP. */
int uk_netdev_mtu_set(struct uk_netdev *dev, uint16_t mtu);

/** @return 1 when the link is up, 0 when it is down. */
int uk_netdev_link_up(struct uk_netdev *dev);

/**
 * Copies the counters of rx queue @p queue_id to @p out.
 * @return 0, or -EINVAL for a queue that is not configured.
 */
int uk_netdev_rxq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_stats *out);

/** The same for tx queue @p queue_id. */
int uk_netdev_txq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_stats *out);

UK_EXTERN_C_END

#endif /* UK_NETDEV_H */
