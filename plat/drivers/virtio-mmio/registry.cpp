// SPDX-License-Identifier: BSD-3-Clause
//
// Devices found at boot, registered drivers, matching and probing: the
// life cycle of uk::plat::BusRegistry over the devices scan() found.

#include <uk/plat/bus_registry.hpp>
#include <uk/print.h>

#include "virtio_mmio_bus.hpp"

namespace uk::virtio_mmio {
namespace {

bool matches(const uk_virtio_mmio_driver *drv, const uk_virtio_mmio_device *dev)
{
	for (const uk_virtio_mmio_id *id = drv->ids; id->device_id; id++)
		if (id->device_id == UK_VIRTIO_ID_ANY || id->device_id == dev->device_id)
			return true;
	return false;
}

void report(const uk_virtio_mmio_device *dev, const uk_virtio_mmio_driver *drv, int r)
{
	uk_pr_warn("virtio-mmio at %#lx (device %u): %s probe failed: %d\n",
		   static_cast<unsigned long>(dev->base), dev->device_id, drv->name, r);
}

constinit uk::plat::BusRegistry<uk_virtio_mmio_device, uk_virtio_mmio_driver, kMaxDevices> reg{
	matches, report};

}  // namespace

ScanResult bus_init(const void *fdt, const Platform &p)
{
	ScanResult r = scan(fdt, p, reg.slots(), kMaxDevices);
	reg.scanned(r.found);
	return r;
}

#ifdef UK_HOSTTEST
void reset_for_tests() { reg.reset(); }
#endif

}  // namespace uk::virtio_mmio

extern "C" int uk_virtio_mmio_driver_register(struct uk_virtio_mmio_driver *drv)
{
	if (!drv || !drv->name || !drv->ids || !drv->probe)
		return -UK_EINVAL;
	return uk::virtio_mmio::reg.add_driver(drv);
}

extern "C" int uk_virtio_mmio_device_count(void) { return uk::virtio_mmio::reg.count(); }

extern "C" struct uk_virtio_mmio_device *
uk_virtio_mmio_device_next(struct uk_virtio_mmio_device *prev)
{
	return uk::virtio_mmio::reg.next(prev);
}
