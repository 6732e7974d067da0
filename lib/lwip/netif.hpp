// SPDX-License-Identifier: BSD-3-Clause
//
// lwIP's netifs on uknetdev devices (netif.cpp) and their addresses
// (netconfig.cpp).
#pragma once

#include <lwip/netif.h>

#include <uk/config.h>
#include <uk/irq_event.h>
#include <uk/netdev.h>

struct uk_thread;

namespace uk::lwip {

inline constexpr bool kPoll = UK_IS_ENABLED(CONFIG_LIBLWIP_NETDEV_POLL);

/** One device under lwIP. */
struct Port {
	netif nif;
	uk_netdev *dev;
	uk_netdev_info info;
	uk_irq_event rx_ev;
	int index;      ///< N of its name enN
	bool intr;      ///< rx in interrupt mode (else polling)
	uk_thread *rx;  ///< the receive thread
};

/**
 * Configures and starts @p dev with one rx and one tx queue, adds its
 * netif (no address yet) and starts its receive thread.
 * @return 0 or a negative errno.
 */
int port_start(Port *port, uk_netdev *dev);

}  // namespace uk::lwip
