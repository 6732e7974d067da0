// SPDX-License-Identifier: BSD-3-Clause
//
// Devices found at boot, registered drivers, matching and probing, and
// the C accessors. Everything runs at boot on one CPU (see uk/bus/pci.h),
// so the registry takes no lock. No allocation: devices live in a fixed
// table of CONFIG_LIBUKPCI_MAX_DEVICES entries, drivers in their own
// statically allocated structs linked through uk_pci_driver::next.

#include <uk/print.h>

#include "pci_bus.hpp"

namespace uk::pci {
namespace {

struct Registry {
	const ConfigSpace *cs;
	uk_pci_device devices[kMaxDevices];
	int ndevices;
	uk_pci_driver *drivers; // registration order
	bool scanned;
};

constinit Registry reg{};

bool id_matches(const uk_pci_id &id, const uk_pci_device *dev)
{
	return (id.vendor_id == UK_PCI_ANY_ID || id.vendor_id == dev->vendor_id) &&
	       (id.device_id == UK_PCI_ANY_ID || id.device_id == dev->device_id);
}

/** Offers @p dev to @p drv if it matches; @return true if claimed. */
bool offer(uk_pci_driver *drv, uk_pci_device *dev)
{
	if (dev->driver || !driver_matches(drv, dev))
		return false;
	const int r = drv->probe(dev);
	if (r == 0) {
		dev->driver = drv;
		return true;
	}
	if (r != -UK_ENODEV)
		uk_pr_warn("%02x:%02x.%x %04x:%04x: %s probe failed: %d\n",
			   dev->bus, dev->dev, dev->func, dev->vendor_id,
			   dev->device_id, drv->name, r);
	return false;
}

}  // namespace

bool driver_matches(const uk_pci_driver *drv, const uk_pci_device *dev)
{
	for (const uk_pci_id *id = drv->ids; id->vendor_id || id->device_id; id++)
		if (id_matches(*id, dev))
			return true;
	return false;
}

ScanResult bus_init(const ConfigSpace *cs)
{
	reg.cs = cs;
	const ScanResult res = scan(*cs, reg.devices, kMaxDevices);
	reg.ndevices = res.found;
	reg.scanned = true;
	for (int i = 0; i < reg.ndevices; i++)
		for (uk_pci_driver *drv = reg.drivers; drv; drv = drv->next)
			if (offer(drv, &reg.devices[i]))
				break;
	return res;
}

#ifdef UK_HOSTTEST
void reset_for_tests() { reg = Registry{}; }
#endif

}  // namespace uk::pci

using uk::pci::Bdf;
using uk::pci::reg;

namespace {

Bdf bdf_of(const uk_pci_device *d) { return {d->bus, d->dev, d->func}; }

void command_set(uk_pci_device *dev, uint16_t bits)
{
	const uint16_t cmd = uk_pci_config_read16(dev, uk::pci::kCommand);
	if ((cmd & bits) != bits)
		uk_pci_config_write16(dev, uk::pci::kCommand,
				      static_cast<uint16_t>(cmd | bits));
}

}  // namespace

extern "C" int uk_pci_driver_register(struct uk_pci_driver *drv)
{
	if (!drv || !drv->name || !drv->ids || !drv->probe)
		return -UK_EINVAL;
	uk_pci_driver **tail = &reg.drivers;
	for (; *tail; tail = &(*tail)->next)
		if (*tail == drv)
			return -UK_EEXIST;
	drv->next = nullptr;
	*tail = drv;
	if (reg.scanned) // late driver: offer what is still unclaimed
		for (int i = 0; i < reg.ndevices; i++)
			uk::pci::offer(drv, &reg.devices[i]);
	return 0;
}

extern "C" int uk_pci_device_count(void) { return reg.ndevices; }

extern "C" struct uk_pci_device *uk_pci_device_next(struct uk_pci_device *prev)
{
	const int i = prev ? static_cast<int>(prev - reg.devices) + 1 : 0;
	return i < reg.ndevices ? &reg.devices[i] : nullptr;
}

// The accessors work on any uk_pci_device (also one a test or a driver
// built by hand), but need the backend that the bus was scanned with.
extern "C" uint8_t uk_pci_config_read8(const struct uk_pci_device *dev, uint8_t off)
{
	return reg.cs->read8(bdf_of(dev), off);
}
extern "C" uint16_t uk_pci_config_read16(const struct uk_pci_device *dev, uint8_t off)
{
	return reg.cs->read16(bdf_of(dev), off);
}
extern "C" uint32_t uk_pci_config_read32(const struct uk_pci_device *dev, uint8_t off)
{
	return reg.cs->read32(bdf_of(dev), off);
}
extern "C" void uk_pci_config_write8(const struct uk_pci_device *dev, uint8_t off, uint8_t v)
{
	reg.cs->write8(bdf_of(dev), off, v);
}
extern "C" void uk_pci_config_write16(const struct uk_pci_device *dev, uint8_t off, uint16_t v)
{
	reg.cs->write16(bdf_of(dev), off, v);
}
extern "C" void uk_pci_config_write32(const struct uk_pci_device *dev, uint8_t off, uint32_t v)
{
	reg.cs->write32(bdf_of(dev), off, v);
}

extern "C" void uk_pci_enable_io(struct uk_pci_device *dev)
{
	command_set(dev, UK_PCI_COMMAND_IO);
}
extern "C" void uk_pci_enable_memory(struct uk_pci_device *dev)
{
	command_set(dev, UK_PCI_COMMAND_MEMORY);
}
extern "C" void uk_pci_enable_bus_master(struct uk_pci_device *dev)
{
	command_set(dev, UK_PCI_COMMAND_MASTER);
}
