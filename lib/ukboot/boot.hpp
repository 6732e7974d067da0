// SPDX-License-Identifier: BSD-3-Clause
#pragma once

namespace uk::boot {

/**
 * Puts the configured allocator on every allocatable memory region of the
 * platform and makes it the default.
 * @return 0 (also when no allocator is configured) or a negative errno.
 */
int heap_init();

}  // namespace uk::boot
