// SPDX-License-Identifier: BSD-3-Clause
//
// The device registry and the checks in front of every driver operation
// (uk/netdev.h, uk/netdev_driver.h): arguments and states are checked
// here once, so drivers only see valid calls. No allocation: devices are
// the drivers' structs, linked in registration order.

#include <uk/assert.h>
#include <uk/errno.h>
#include <uk/netdev_driver.h>

#include "netdev.hpp"

namespace uk::netdev {
namespace {

struct Registry {
	uk_netdev *first = nullptr;
	uk_netdev **tail = &first;
	unsigned int count = 0;
};

constinit Registry reg;

bool name_equal(const char *a, const char *b)
{
	for (; *a && *a == *b; ++a, ++b) {
	}
	return *a == *b;
}

size_t name_length(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		++n;
	return n;
}

bool ops_complete(const uk_netdev_ops *o)
{
	return o && o->info_get && o->configure && o->rxq_setup && o->txq_setup && o->start &&
	       o->stop && o->rx_burst && o->tx_burst && o->hwaddr_get && o->mtu_get &&
	       o->link_up && !o->rxq_intr_enable == !o->rxq_intr_disable;
}

bool info_sane(const uk_netdev_info &i)
{
	return i.max_rx_queues <= UK_NETDEV_MAX_QUEUES && i.max_tx_queues <= UK_NETDEV_MAX_QUEUES &&
	       (i.max_rx_queues || i.max_tx_queues);
}

state_t state(const uk_netdev *dev) { return static_cast<state_t>(dev->state_); }

bool power_of_two(uint16_t v) { return v && !(v & (v - 1)); }

bool valid_nb_desc(uint16_t nb, uint16_t max) { return nb == 0 || (power_of_two(nb) && nb <= max); }

}  // namespace

Result<void> check_queue_call(const uk_netdev *dev, uint16_t q, bool rx)
{
	if (state(dev) != UK_NETDEV_RUNNING)
		return Error{-UK_EINVAL};
	if (q >= (rx ? dev->conf_.nb_rx_queues : dev->conf_.nb_tx_queues))
		return Error{-UK_EINVAL};
	return {};
}

#ifdef UK_HOSTTEST
void reset_for_tests()
{
	for (uk_netdev *d = reg.first; d; d = d->next_)
		d->registered_ = 0;
	reg.first = nullptr;
	reg.tail = &reg.first;
	reg.count = 0;
}
#endif

}  // namespace uk::netdev

using namespace uk::netdev;

extern "C" int uk_netdev_drv_register(struct uk_netdev *dev, const char *name)
{
	if (!dev || !name || !ops_complete(dev->ops))
		return -UK_EINVAL;
	const size_t len = name_length(name, UK_NETDEV_NAME_MAX);
	if (len == 0 || len == UK_NETDEV_NAME_MAX)
		return -UK_EINVAL;
	if (dev->registered_ || uk_netdev_find(name))
		return -UK_EEXIST;
	uk_netdev_info info{};
	dev->ops->info_get(dev, &info);
	if (!info_sane(info))
		return -UK_EINVAL;
	dev->info_ = info;
	for (size_t i = 0; i <= len; ++i)
		dev->name_[i] = name[i];
	for (auto &q : dev->rxq_)
		q = uk_netdev_rxq_priv_{};
	for (auto &q : dev->txq_)
		q = uk_netdev_txq_priv_{};
	dev->conf_ = uk_netdev_conf{};
	dev->state_ = UK_NETDEV_UNCONFIGURED;
	dev->id_ = static_cast<uint16_t>(reg.count++);
	dev->next_ = nullptr;
	dev->registered_ = 1;
	*reg.tail = dev;
	reg.tail = &dev->next_;
	return 0;
}

extern "C" unsigned int uk_netdev_count(void) { return reg.count; }

extern "C" struct uk_netdev *uk_netdev_get(unsigned int id)
{
	uk_netdev *d = reg.first;
	while (d && d->id_ != id)
		d = d->next_;
	return d;
}

extern "C" struct uk_netdev *uk_netdev_find(const char *name)
{
	if (!name)
		return nullptr;
	uk_netdev *d = reg.first;
	while (d && !name_equal(d->name_, name))
		d = d->next_;
	return d;
}

extern "C" unsigned int uk_netdev_id(const struct uk_netdev *dev) { return dev->id_; }

extern "C" const char *uk_netdev_name(const struct uk_netdev *dev) { return dev->name_; }

extern "C" enum uk_netdev_state uk_netdev_state_get(const struct uk_netdev *dev)
{
	return state(dev);
}

extern "C" void uk_netdev_info_get(struct uk_netdev *dev, struct uk_netdev_info *info)
{
	*info = dev->info_;
}

extern "C" int uk_netdev_configure(struct uk_netdev *dev, const struct uk_netdev_conf *conf)
{
	if (!conf || state(dev) != UK_NETDEV_UNCONFIGURED)
		return -UK_EINVAL;
	if (conf->nb_rx_queues > dev->info_.max_rx_queues ||
	    conf->nb_tx_queues > dev->info_.max_tx_queues ||
	    (conf->nb_rx_queues == 0 && conf->nb_tx_queues == 0))
		return -UK_EINVAL;
	int rc = dev->ops->configure(dev, conf);
	if (rc < 0)
		return rc;
	dev->conf_ = *conf;
	dev->state_ = UK_NETDEV_CONFIGURED;
	return 0;
}

extern "C" int uk_netdev_rxq_setup(struct uk_netdev *dev, uint16_t queue_id, uint16_t nb_desc,
				   const struct uk_netdev_rxqueue_conf *conf)
{
	if (!conf || !conf->a || !conf->alloc_rxpkts || state(dev) != UK_NETDEV_CONFIGURED ||
	    queue_id >= dev->conf_.nb_rx_queues || !valid_nb_desc(nb_desc, dev->info_.max_rx_desc))
		return -UK_EINVAL;
	if (conf->callback && !(dev->info_.features & UK_NETDEV_F_RXQ_INTR))
		return -UK_ENOTSUP;
	// A queue set up before (the device was stopped) is replaced: the
	// driver frees the old one. On failure the queue is not set up.
	uk_netdev_rxq_priv_ &q = dev->rxq_[queue_id];
	q.ready = 0;
	q.conf = *conf; // the driver may call the allocator inside
	int rc = dev->ops->rxq_setup(dev, queue_id, nb_desc, conf);
	if (rc < 0) {
		q.conf = uk_netdev_rxqueue_conf{};
		return rc;
	}
	q.ready = 1;
	return 0;
}

extern "C" int uk_netdev_txq_setup(struct uk_netdev *dev, uint16_t queue_id, uint16_t nb_desc,
				   const struct uk_netdev_txqueue_conf *conf)
{
	if (!conf || !conf->a || state(dev) != UK_NETDEV_CONFIGURED ||
	    queue_id >= dev->conf_.nb_tx_queues || !valid_nb_desc(nb_desc, dev->info_.max_tx_desc))
		return -UK_EINVAL;
	dev->txq_[queue_id].ready = 0;
	int rc = dev->ops->txq_setup(dev, queue_id, nb_desc, conf);
	if (rc < 0)
		return rc;
	dev->txq_[queue_id].ready = 1;
	return 0;
}

extern "C" int uk_netdev_start(struct uk_netdev *dev)
{
	if (state(dev) != UK_NETDEV_CONFIGURED)
		return -UK_EINVAL;
	for (uint16_t q = 0; q < dev->conf_.nb_rx_queues; ++q)
		if (!dev->rxq_[q].ready)
			return -UK_EINVAL;
	for (uint16_t q = 0; q < dev->conf_.nb_tx_queues; ++q)
		if (!dev->txq_[q].ready)
			return -UK_EINVAL;
	int rc = dev->ops->start(dev);
	if (rc < 0)
		return rc;
	dev->state_ = UK_NETDEV_RUNNING;
	return 0;
}

extern "C" int uk_netdev_stop(struct uk_netdev *dev)
{
	if (state(dev) != UK_NETDEV_RUNNING)
		return -UK_EINVAL;
	dev->ops->stop(dev);
	dev->state_ = UK_NETDEV_CONFIGURED;
	return 0;
}

extern "C" int uk_netdev_rx_burst(struct uk_netdev *dev, uint16_t queue_id,
				  struct uk_netbuf *pkts[], uint16_t cnt)
{
	if (!check_queue_call(dev, queue_id, true).ok() || (cnt && !pkts))
		return -UK_EINVAL;
	if (cnt == 0)
		return 0;
	return dev->ops->rx_burst(dev, queue_id, pkts, cnt);
}

extern "C" int uk_netdev_tx_burst(struct uk_netdev *dev, uint16_t queue_id,
				  struct uk_netbuf *pkts[], uint16_t cnt)
{
	if (!check_queue_call(dev, queue_id, false).ok() || (cnt && !pkts))
		return -UK_EINVAL;
	return dev->ops->tx_burst(dev, queue_id, pkts, cnt);
}

extern "C" int uk_netdev_rxq_intr_enable(struct uk_netdev *dev, uint16_t queue_id)
{
	if (!check_queue_call(dev, queue_id, true).ok() || !dev->rxq_[queue_id].conf.callback)
		return -UK_EINVAL;
	if (!dev->ops->rxq_intr_enable)
		return -UK_ENOTSUP;
	return dev->ops->rxq_intr_enable(dev, queue_id);
}

extern "C" int uk_netdev_rxq_intr_disable(struct uk_netdev *dev, uint16_t queue_id)
{
	if (!check_queue_call(dev, queue_id, true).ok() || !dev->rxq_[queue_id].conf.callback)
		return -UK_EINVAL;
	if (!dev->ops->rxq_intr_disable)
		return -UK_ENOTSUP;
	return dev->ops->rxq_intr_disable(dev, queue_id);
}

extern "C" void uk_netdev_hwaddr_get(struct uk_netdev *dev, struct uk_hwaddr *addr)
{
	dev->ops->hwaddr_get(dev, addr);
}

extern "C" int uk_netdev_hwaddr_set(struct uk_netdev *dev, const struct uk_hwaddr *addr)
{
	if (!addr || (addr->addr_bytes[0] & 1))
		return -UK_EINVAL;
	uint8_t any = 0;
	for (uint8_t b : addr->addr_bytes)
		any |= b;
	if (!any)
		return -UK_EINVAL;
	if (!dev->ops->hwaddr_set)
		return -UK_ENOTSUP;
	return dev->ops->hwaddr_set(dev, addr);
}

extern "C" uint16_t uk_netdev_mtu_get(struct uk_netdev *dev) { return dev->ops->mtu_get(dev); }

extern "C" int uk_netdev_mtu_set(struct uk_netdev *dev, uint16_t mtu)
{
	if (!dev->ops->mtu_set)
		return -UK_ENOTSUP;
	return dev->ops->mtu_set(dev, mtu);
}

extern "C" int uk_netdev_link_up(struct uk_netdev *dev) { return dev->ops->link_up(dev) ? 1 : 0; }

extern "C" int uk_netdev_rxq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
				       struct uk_netdev_queue_stats *out)
{
	if (!out || state(dev) == UK_NETDEV_UNCONFIGURED || queue_id >= dev->conf_.nb_rx_queues)
		return -UK_EINVAL;
	*out = dev->rxq_[queue_id].stats;
	return 0;
}

extern "C" int uk_netdev_txq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
				       struct uk_netdev_queue_stats *out)
{
	if (!out || state(dev) == UK_NETDEV_UNCONFIGURED || queue_id >= dev->conf_.nb_tx_queues)
		return -UK_EINVAL;
	*out = dev->txq_[queue_id].stats;
	return 0;
}
