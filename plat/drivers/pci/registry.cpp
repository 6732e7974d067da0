// SPDX-License-Identifier: BSD-3-Clause
//
// Devices found at boot, registered drivers, matching and probing (the
// life cycle of uk::plat::BusRegistry, in a table of
// CONFIG_LIBUKPCI_MAX_DEVICES entries), and the C accessors.

#include <uk/plat/bus_registry.hpp>
#include <uk/print.h>

#include "pci_bus.hpp"

namespace uk::pci {
namespace {

bool id_matches(const uk_pci_id &id, const uk_pci_device *dev)
{
	return (id.vendor_id == UK_PCI_ANY_ID || id.vendor_id == dev->vendor_id) &&
	       (id.device_id == UK_PCI_ANY_ID || id.device_id == dev->device_id);
}

void report_probe_failure(const uk_pci_device *dev, const uk_pci_driver *drv, int r)
{
	uk_pr_warn("%02x:%02x.%x %04x:%04x: %s probe failed: %d\n", dev->bus, dev->dev,
		   dev->func, dev->vendor_id, dev->device_id, drv->name, r);
}

}  // namespace

bool driver_matches(const uk_pci_driver *drv, const uk_pci_device *dev)
{
	for (const uk_pci_id *id = drv->ids; id->vendor_id || id->device_id; id++)
		if (id_matches(*id, dev))
			return true;
	return false;
}

namespace {

struct Registry {
	const ConfigSpace *cs;
	uk::plat::BusRegistry<uk_pci_device, uk_pci_driver, kMaxDevices> bus;
};

constinit Registry reg{nullptr, {driver_matches, report_probe_failure}};

}  // namespace

ScanResult bus_init(const ConfigSpace *cs)
{
	reg.cs = cs;
	const ScanResult res = scan(*cs, reg.bus.slots(), kMaxDevices);
	reg.bus.scanned(res.found);
	return res;
}

#ifdef UK_HOSTTEST
void reset_for_tests()
{
	reg.cs = nullptr;
	reg.bus.reset();
}
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
	return reg.bus.add_driver(drv);
}

extern "C" int uk_pci_device_count(void) { return reg.bus.count(); }

extern "C" struct uk_pci_device *uk_pci_device_next(struct uk_pci_device *prev)
{
	return reg.bus.next(prev);
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
