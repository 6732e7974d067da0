/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-mmio bus: the virtio devices the device tree lists
 * (compatible "virtio,mmio"; 32 transports on QEMU's virt board, most
 * of them empty), and the drivers that claim them. The same life cycle
 * as the PCI bus (uk/bus/pci.h):
 *   1. Drivers call uk_virtio_mmio_driver_register() from an init
 *      function in class PLAT with priority 0..8.
 *   2. At uk_plat_initcall_prio(.., 9) the transports are probed (magic
 *      "virt", version 1 legacy or 2 modern, device ID not 0) and every
 *      device is offered to the registered drivers, in registration
 *      order, until one probe returns 0.
 *   3. A driver registered later is offered the devices still without a
 *      driver at once, inside its register call.
 * Compiles as C11 and as C++.
 */
#ifndef UK_BUS_VIRTIO_MMIO_H
#define UK_BUS_VIRTIO_MMIO_H

#include <uk/errno.h>
#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/* virtio device IDs (virtio 1.x, section 5). */
#define UK_VIRTIO_ID_NET 1
#define UK_VIRTIO_ID_BLOCK 2
#define UK_VIRTIO_ID_CONSOLE 3
#define UK_VIRTIO_ID_RNG 4
#define UK_VIRTIO_ID_BALLOON 5
/** Wildcard for uk_virtio_mmio_id.device_id. */
#define UK_VIRTIO_ID_ANY 0xffffffffU

/* Registers every driver reads first (virtio 1.x, section 4.2.2). */
#define UK_VIRTIO_MMIO_MAGIC_VALUE 0x000
#define UK_VIRTIO_MMIO_VERSION 0x004
#define UK_VIRTIO_MMIO_DEVICE_ID 0x008
#define UK_VIRTIO_MMIO_VENDOR_ID 0x00c
/** "virt", little-endian. */
#define UK_VIRTIO_MMIO_MAGIC 0x74726976U

/** One entry of a driver's id table; the table ends with {0}. */
struct uk_virtio_mmio_id {
	uint32_t device_id;
};

struct uk_virtio_mmio_driver;

/** A device found on the bus. Read-only for drivers except driver_data. */
struct uk_virtio_mmio_device {
	uintptr_t base;     /**< the transport's registers (mapped, device memory) */
	size_t size;        /**< their size from the device tree */
	unsigned int irq;   /**< IRQ number (uk/plat/irq.h), trigger already set */
	uint32_t version;   /**< 1: legacy interface, 2: virtio 1.x */
	uint32_t device_id; /**< UK_VIRTIO_ID_* */
	uint32_t vendor_id;
	struct uk_virtio_mmio_driver *driver; /**< the driver that claimed it */
	void *driver_data;                    /**< free for that driver */
};

/** A driver. Statically allocated by the driver; never unregistered. */
struct uk_virtio_mmio_driver {
	const char *name;
	const struct uk_virtio_mmio_id *ids; /**< ends with {0} */
	/**
	 * Called for a device that matches @ref ids and has no driver yet.
	 * @return 0 to claim it; a negative errno to decline (-UK_ENODEV:
	 * "not mine"; other errors are logged).
	 */
	int (*probe)(struct uk_virtio_mmio_device *dev);
	struct uk_virtio_mmio_driver *next; /**< private to the bus */
};

/**
 * Registers @p drv (see the life cycle above).
 * @return 0; -EINVAL if name, ids or probe is missing; -EEXIST if @p drv
 * is already registered.
 */
int uk_virtio_mmio_driver_register(struct uk_virtio_mmio_driver *drv);

/** @return the number of devices found (0 before the scan). */
int uk_virtio_mmio_device_count(void);

/**
 * Iterates over the devices found, in device tree order: pass NULL for
 * the first. @return the next device, or NULL after the last.
 */
struct uk_virtio_mmio_device *uk_virtio_mmio_device_next(struct uk_virtio_mmio_device *prev);

UK_EXTERN_C_END

#endif /* UK_BUS_VIRTIO_MMIO_H */
