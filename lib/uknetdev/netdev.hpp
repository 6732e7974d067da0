// SPDX-License-Identifier: BSD-3-Clause
//
// Inside uknetdev: the checks netdev.cpp shares with its tests.
#pragma once

#include <uk/netdev_driver.h>
#include <uk/result.hpp>

namespace uk::netdev {

using state_t = enum uk_netdev_state;

/** Whether a burst or interrupt call on queue @p q of @p dev is valid:
 * the device is running and the queue is configured. */
Result<void> check_queue_call(const uk_netdev *dev, uint16_t q, bool rx);

/** Host tests only (UK_HOSTTEST): forget every registered device. */
void reset_for_tests();

}  // namespace uk::netdev
