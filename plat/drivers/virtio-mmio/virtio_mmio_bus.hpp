// SPDX-License-Identifier: BSD-3-Clause
//
// Inside the virtio-mmio bus library: the discovery over a device tree
// and a register reader (device memory in the image, a simulated board
// in the host tests), and the registry.
#pragma once

#include <uk/bus/virtio_mmio.h>
#include <uk/config.h>

namespace uk::virtio_mmio {

#ifdef CONFIG_LIBUKVIRTIO_MMIO_MAX_DEVICES
inline constexpr int kMaxDevices = CONFIG_LIBUKVIRTIO_MMIO_MAX_DEVICES;
#else
inline constexpr int kMaxDevices = 16;
#endif

/** How discovery reaches the platform. */
struct Platform {
	/** Reads the 32-bit register at physical @p addr. */
	uint32_t (*read32)(void *ctx, uintptr_t addr);
	/** @return whether [addr, addr + len) is mapped as device memory. */
	bool (*mapped)(void *ctx, uintptr_t addr, size_t len);
	/** Sets an IRQ's trigger from a device tree specifier; @return the
	 * IRQ number or a negative errno. */
	int (*irq)(void *ctx, const uint32_t cells[3]);
	void *ctx;
};

struct ScanResult {
	int found;   ///< devices written to the output array
	int empty;   ///< transports without a device (device ID 0)
	int invalid; ///< nodes or transports that were refused (logged)
	int dropped; ///< devices that did not fit
};

/** Finds the devices behind the "virtio,mmio" nodes of @p fdt. */
ScanResult scan(const void *fdt, const Platform &p, uk_virtio_mmio_device *out, int max);

/** Scans and offers every device to the registered drivers. */
ScanResult bus_init(const void *fdt, const Platform &p);

/** Host tests only (UK_HOSTTEST): forget devices and drivers. */
void reset_for_tests();

}  // namespace uk::virtio_mmio
