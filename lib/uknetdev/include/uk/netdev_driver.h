/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev for drivers: the operations a driver fills in, the device
 * struct it embeds, and registration. Users include uk/netdev.h only.
 * Compiles as C11 and as C++.
 *
 * A driver allocates a struct uk_netdev (usually inside its own device
 * struct), sets ops (and driver_data if it likes), and calls
 * uk_netdev_drv_register(), typically from its bus probe at boot. The
 * library checks arguments and states before calling an operation, so an
 * operation only sees: a queue id below the configured count, a state in
 * which the call is valid, non-NULL pointers, nb_desc 0 or a power of two
 * within info's maximum. rxq_setup/txq_setup may come again for a queue
 * set up before (the device is stopped then): the driver replaces the
 * queue, freeing the old one. The driver keeps the queue counters
 * (uk_netdev_drv_rxq_stats/txq_stats), releases every netbuf it owns at
 * stop, and calls uk_netdev_drv_rx_event() from its interrupt handler
 * after disarming the queue's interrupt.
 */
#ifndef UK_NETDEV_DRIVER_H
#define UK_NETDEV_DRIVER_H

#include <uk/config.h>
#include <uk/netdev.h>

UK_EXTERN_C_BEGIN

#ifdef CONFIG_LIBUKNETDEV_MAX_QUEUES
#define UK_NETDEV_MAX_QUEUES CONFIG_LIBUKNETDEV_MAX_QUEUES
#else
#define UK_NETDEV_MAX_QUEUES 4
#endif
/** Longest name, with its NUL. */
#define UK_NETDEV_NAME_MAX 16

struct uk_netdev_ops {
	/* Required. */
	void (*info_get)(struct uk_netdev *dev, struct uk_netdev_info *info);
	int (*configure)(struct uk_netdev *dev, const struct uk_netdev_conf *conf);
	int (*rxq_setup)(struct uk_netdev *dev, uint16_t queue_id, uint16_t nb_desc,
			 const struct uk_netdev_rxqueue_conf *conf);
	int (*txq_setup)(struct uk_netdev *dev, uint16_t queue_id, uint16_t nb_desc,
			 const struct uk_netdev_txqueue_conf *conf);
	int (*start)(struct uk_netdev *dev);
	/** Must leave the device touching no buffer and every netbuf released. */
	void (*stop)(struct uk_netdev *dev);
	int (*rx_burst)(struct uk_netdev *dev, uint16_t queue_id, struct uk_netbuf *pkts[],
			uint16_t cnt);
	int (*tx_burst)(struct uk_netdev *dev, uint16_t queue_id, struct uk_netbuf *pkts[],
			uint16_t cnt);
	void (*hwaddr_get)(struct uk_netdev *dev, struct uk_hwaddr *addr);
	uint16_t (*mtu_get)(struct uk_netdev *dev);
	int (*link_up)(struct uk_netdev *dev);
	/* Optional: NULL makes the call -ENOTSUP. Both intr ops, or none
	 * (and then no UK_NETDEV_F_RXQ_INTR). */
	int (*rxq_intr_enable)(struct uk_netdev *dev, uint16_t queue_id);
	int (*rxq_intr_disable)(struct uk_netdev *dev, uint16_t queue_id);
	int (*hwaddr_set)(struct uk_netdev *dev, const struct uk_hwaddr *addr);
	int (*mtu_set)(struct uk_netdev *dev, uint16_t mtu);
};

/* Private to uknetdev: per-queue state. */
struct uk_netdev_rxq_priv_ {
	struct uk_netdev_rxqueue_conf conf;
	struct uk_netdev_queue_stats stats;
	uint8_t ready;
};
struct uk_netdev_txq_priv_ {
	struct uk_netdev_queue_stats stats;
	uint8_t ready;
};

struct uk_netdev {
	const struct uk_netdev_ops *ops; /**< set by the driver before registering */
	void *driver_data;               /**< free for the driver */
	/* Private to uknetdev from here on: drivers use the helpers below. */
	struct uk_netdev *next_;
	uint16_t id_;
	uint8_t state_;
	uint8_t registered_;
	struct uk_netdev_conf conf_;
	struct uk_netdev_info info_;
	char name_[UK_NETDEV_NAME_MAX];
	struct uk_netdev_rxq_priv_ rxq_[UK_NETDEV_MAX_QUEUES];
	struct uk_netdev_txq_priv_ txq_[UK_NETDEV_MAX_QUEUES];
};

/**
 * Registers @p dev under @p name (unique, shorter than
 * UK_NETDEV_NAME_MAX; copied). Reads the device's info once: it must not
 * change later. The device gets the next id, state UNCONFIGURED.
 * @return 0; -EINVAL (a required op missing, a bad name, info with more
 *   queues than UK_NETDEV_MAX_QUEUES or none at all); -EEXIST (the name
 *   or @p dev is registered already).
 */
int uk_netdev_drv_register(struct uk_netdev *dev, const char *name);

/** The counters of rx queue @p q, for the driver to update. */
static inline struct uk_netdev_queue_stats *uk_netdev_drv_rxq_stats(struct uk_netdev *dev,
								  uint16_t q)
{
	return &dev->rxq_[q].stats;
}

/** The counters of tx queue @p q, for the driver to update. */
static inline struct uk_netdev_queue_stats *uk_netdev_drv_txq_stats(struct uk_netdev *dev,
								  uint16_t q)
{
	return &dev->txq_[q].stats;
}

/** The configuration rx queue @p q was set up with. */
static inline const struct uk_netdev_rxqueue_conf *uk_netdev_drv_rxq_conf(struct uk_netdev *dev,
									 uint16_t q)
{
	return &dev->rxq_[q].conf;
}

/**
 * Gets up to @p count empty netbufs for rx queue @p q from the user's
 * allocator callback. Thread context. @return how many.
 */
static inline uint16_t uk_netdev_drv_rx_alloc(struct uk_netdev *dev, uint16_t q,
					      struct uk_netbuf *pkts[], uint16_t count)
{
	const struct uk_netdev_rxqueue_conf *c = &dev->rxq_[q].conf;
	return count ? c->alloc_rxpkts(c->alloc_rxpkts_argp, pkts, count) : 0;
}

/**
 * Tells the user that rx queue @p q has packets. Call from the interrupt
 * handler once the queue's interrupt is disarmed.
 */
static inline void uk_netdev_drv_rx_event(struct uk_netdev *dev, uint16_t q)
{
	const struct uk_netdev_rxqueue_conf *c = &dev->rxq_[q].conf;
	if (c->callback)
		c->callback(dev, q, c->callback_cookie);
}

UK_EXTERN_C_END

#endif /* UK_NETDEV_DRIVER_H */
