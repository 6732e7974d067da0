// SPDX-License-Identifier: BSD-3-Clause
//
// The xenbus state machine of a split device (io/xenbus.h): each end
// publishes its state in "<its device path>/state"; a frontend moves
// Initialising -> Initialised (or waits for InitWait) -> Connected, and
// watches the backend's node. Pure code over an XsClient, host-tested
// against the simulated xenstored.
#pragma once

#include "xs_client.hpp"

namespace uk::xen {

/** "<dev>/state" into @p buf. @return false when it does not fit. */
bool state_path(const char *dev, char *buf, size_t size);

/** @return the state in "<dev>/state"; UNKNOWN when absent or garbled. */
Result<int> read_state(XsClient &xs, const char *dev);

/** Writes @p state unless equal or absent, in a transaction (retried on
 * -EAGAIN a few times). */
Result<void> switch_state(XsClient &xs, const char *dev, int state);

/** Waits (a watch on "<dev>/state") until it is @p state, or Closing or
 * Closed. @return the state seen, or -ETIMEDOUT. */
Result<int> wait_state(XsClient &xs, const char *dev, int state, uint64_t deadline_ns);

}  // namespace uk::xen
