/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI bus: devices found through configuration space at boot, and drivers
 * that claim them. Compiles as C11 and as C++.
 *
 * Life cycle:
 *   1. Drivers call uk_pci_driver_register() from an init function in
 *      class PLAT with priority 0..8: uk_plat_initcall(my_driver_init).
 *   2. At uk_plat_initcall_prio(.., 9) (the last slot of class PLAT) the
 *      bus is scanned and every device is offered to the registered
 *      drivers, in registration order, until one probe returns 0.
 *   3. A driver registered later (classes LIB and after) is offered the
 *      devices still without a driver at once, inside its register call.
 * Libraries in class LIB and later therefore see every bound device.
 *
 * Concurrency: everything here runs at boot on one CPU, except the
 * config-space accessors, which may be called any time (they disable
 * interrupts around the two-port access).
 */
#ifndef UK_BUS_PCI_H
#define UK_BUS_PCI_H

#include <uk/errno.h>
#include <uk/essentials.h>

/* NOTE: belongs in uk/errno.h; defined here until it is there (an
 * identical redefinition is harmless). */
#ifndef UK_ENODEV
#define UK_ENODEV 19
#endif

UK_EXTERN_C_BEGIN

/** Wildcard for uk_pci_id.vendor_id / device_id. */
#define UK_PCI_ANY_ID 0xffff

/** One entry of a driver's id table; the table ends with {0, 0}. */
struct uk_pci_id {
	uint16_t vendor_id;
	uint16_t device_id;
};

/* Kinds of base address registers. */
#define UK_PCI_BAR_NONE 0  /* not implemented, or upper half of a 64-bit BAR */
#define UK_PCI_BAR_IO 1    /* I/O ports: base is a port number */
#define UK_PCI_BAR_MEM32 2 /* memory below 4 GiB (includes "below 1 MiB") */
#define UK_PCI_BAR_MEM64 3 /* memory anywhere; uses this and the next BAR */

#define UK_PCI_MAX_BARS 6

/** A decoded BAR, as the firmware programmed it. */
struct uk_pci_bar {
	uint64_t base; /**< port or physical address; 0 if unassigned */
	uint64_t size; /**< bytes (write-all-ones method); 0 for NONE */
	uint8_t type;  /**< UK_PCI_BAR_* */
	uint8_t prefetchable;
};

struct uk_pci_driver;

/** A function found on the bus. Filled by the scan; read-only for others
 * except driver_data. */
struct uk_pci_device {
	uint8_t bus, dev, func;
	uint8_t header_type;   /**< 0 device, 1 PCI-PCI bridge, 2 CardBus */
	uint16_t vendor_id, device_id;
	uint16_t subsystem_vendor_id, subsystem_id; /**< 0 for bridges */
	uint8_t class_code, subclass, prog_if, revision;
	uint8_t irq_line;      /**< as firmware set it; 0xff: none */
	uint8_t irq_pin;       /**< 0 none, 1..4 INTA#..INTD# */
	uint8_t secondary_bus; /**< bridges: bus behind it (0 otherwise) */
	uint8_t subordinate_bus;
	struct uk_pci_bar bar[UK_PCI_MAX_BARS];
	struct uk_pci_driver *driver; /**< the driver that claimed it */
	void *driver_data;            /**< free for that driver */
};

/** A driver. Statically allocated by the driver; never unregistered. */
struct uk_pci_driver {
	const char *name;
	const struct uk_pci_id *ids; /**< ends with {0, 0} */
	/**
	 * Called for a device that matches @ref ids and has no driver yet.
	 * @return 0 to claim it; a negative errno to decline (the device is
	 * offered to the next matching driver; errors other than
	 * -UK_ENODEV, "not mine", are logged).
	 */
	int (*probe)(struct uk_pci_device *dev);
	struct uk_pci_driver *next; /**< private to the bus */
};

/**
 * Registers @p drv (see the life cycle above).
 * @return 0; -EINVAL if name, ids or probe is missing; -EEXIST if @p drv
 * is already registered.
 */
int uk_pci_driver_register(struct uk_pci_driver *drv);

/** @return the number of functions found (0 before the scan). */
int uk_pci_device_count(void);

/**
 * Iterates over the functions found, in scan order (bus 0 first, then the
 * buses behind bridges): pass NULL for the first.
 * @return the next device, or NULL after the last.
 */
struct uk_pci_device *uk_pci_device_next(struct uk_pci_device *prev);

/*
 * Configuration space of @p dev, through the mechanism the bus was
 * scanned with: usable from the scan on (every device a driver is given).
 * @p off is below 256 and a multiple of the access width; other offsets
 * are rounded down to it.
 */
/** @return the byte at @p off. */
uint8_t uk_pci_config_read8(const struct uk_pci_device *dev, uint8_t off);
/** @return the 16-bit word at @p off. */
uint16_t uk_pci_config_read16(const struct uk_pci_device *dev, uint8_t off);
/** @return the 32-bit word at @p off. */
uint32_t uk_pci_config_read32(const struct uk_pci_device *dev, uint8_t off);
/** Writes one byte at @p off. */
void uk_pci_config_write8(const struct uk_pci_device *dev, uint8_t off, uint8_t v);
/** Writes a 16-bit word at @p off. */
void uk_pci_config_write16(const struct uk_pci_device *dev, uint8_t off, uint16_t v);
/** Writes a 32-bit word at @p off. */
void uk_pci_config_write32(const struct uk_pci_device *dev, uint8_t off, uint32_t v);

/* Command register bits. */
#define UK_PCI_COMMAND_IO 0x1
#define UK_PCI_COMMAND_MEMORY 0x2
#define UK_PCI_COMMAND_MASTER 0x4

/** Lets @p dev decode its I/O BARs. */
void uk_pci_enable_io(struct uk_pci_device *dev);
/** Lets @p dev decode its memory BARs. */
void uk_pci_enable_memory(struct uk_pci_device *dev);
/** Lets @p dev master the bus (DMA, MSI). */
void uk_pci_enable_bus_master(struct uk_pci_device *dev);

/* Capability IDs (PCI Local Bus 3.0, appendix H). */
#define UK_PCI_CAP_MSI 0x05
#define UK_PCI_CAP_VENDOR 0x09 /**< vendor specific (virtio's structures) */
#define UK_PCI_CAP_MSIX 0x11

/**
 * Walks @p dev's capability list for capability @p id, starting after
 * the one at offset @p after (0: from the first).
 * @return its offset in configuration space, or 0 when there is none
 *   (or no list; a list that loops or leaves the device-specific area
 *   ends the walk).
 */
uint8_t uk_pci_find_capability(const struct uk_pci_device *dev, uint8_t id, uint8_t after);

/*
 * MSI-X (PCI Local Bus 3.0, 6.8.2). The table lives in one of the
 * device's memory BARs; uk_pci_enable_memory() must be on before these
 * are used. Entries start masked; each is unmasked when it is set. The
 * message (address, data) comes from the platform (KVM x86_64:
 * ukplat_irq_alloc_msi() in uk/plat/irq.h). MSI-X interrupts are
 * memory writes: the device needs uk_pci_enable_bus_master() too.
 */

/**
 * @return the number of entries of @p dev's MSI-X table; -ENOENT
 *   without the capability; -EINVAL when the table is not inside a
 *   memory BAR.
 */
int uk_pci_msix_count(const struct uk_pci_device *dev);

/**
 * Writes @p addr and @p data into entry @p entry and unmasks it.
 * @return 0; -ENOENT, -EINVAL (as uk_pci_msix_count, or entry out of
 *   range).
 */
int uk_pci_msix_set_entry(const struct uk_pci_device *dev, uint16_t entry, uint64_t addr,
			  uint32_t data);

/** Masks entry @p entry. @return 0, -ENOENT, -EINVAL. */
int uk_pci_msix_mask_entry(const struct uk_pci_device *dev, uint16_t entry);

/**
 * Turns MSI-X on (function mask off) and the device's INTx line off.
 * @return 0, -ENOENT, -EINVAL.
 */
int uk_pci_msix_enable(const struct uk_pci_device *dev);

/** Turns MSI-X off again (INTx stays off). */
void uk_pci_msix_disable(const struct uk_pci_device *dev);

UK_EXTERN_C_END

#endif /* UK_BUS_PCI_H */
