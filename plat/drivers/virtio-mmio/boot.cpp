// SPDX-License-Identifier: BSD-3-Clause
//
// The image's side of the bus: registers read as device memory, the
// device tree and interrupt numbering of the platform, and the scan and
// probe in the last slot of init class PLAT (see uk/bus/virtio_mmio.h).
// Not in the host tests: they drive scan.cpp and registry.cpp with a
// simulated board.

#include <uk/init.h>
#include <uk/plat/devtree.h>
#include <uk/plat/irq.h>
#include <uk/print.h>

#include "virtio_mmio_bus.hpp"

namespace uk::virtio_mmio {
namespace {

inline constexpr bool kPrintDevices = UK_IS_ENABLED(CONFIG_LIBUKVIRTIO_MMIO_PRINT_DEVICES);

uint32_t read32(void *, uintptr_t addr)
{
	return *reinterpret_cast<const volatile uint32_t *>(addr);
}

bool mapped(void *, uintptr_t addr, size_t len)
{
	return ukplat_mmio_mapped(addr, len);
}

int irq_of(void *, const uint32_t cells[3])
{
	int irq = ukplat_irq_from_fdt(cells);
	if (irq < 0)
		return irq;
	int rc = ukplat_irq_set_trigger(static_cast<unsigned>(irq), ukplat_irq_fdt_trigger(cells));
	return rc < 0 ? rc : irq;
}

int virtio_mmio_bus_init(void)
{
	const Platform p{read32, mapped, irq_of, nullptr};
	const ScanResult r = bus_init(ukplat_fdt(), p);
	if (r.dropped)
		uk_pr_warn("%d virtio-mmio devices ignored: the table holds %d "
			   "(CONFIG_LIBUKVIRTIO_MMIO_MAX_DEVICES)\n", r.dropped, kMaxDevices);
	if constexpr (kPrintDevices) {
		uk_pr_info("virtio-mmio: %d devices, %d empty transports\n", r.found, r.empty);
		for (uk_virtio_mmio_device *d = uk_virtio_mmio_device_next(nullptr); d;
		     d = uk_virtio_mmio_device_next(d))
			uk_pr_info("virtio-mmio at %#lx irq %u: device %u vendor %#x, %s%s%s\n",
				   static_cast<unsigned long>(d->base), d->irq, d->device_id,
				   d->vendor_id, d->version == 1 ? "legacy" : "virtio 1.x",
				   d->driver ? ", driver " : "", d->driver ? d->driver->name : "");
	}
	return 0;
}

}  // namespace
}  // namespace uk::virtio_mmio

// Priority 9: after every driver registered in class PLAT (priorities 0-8).
using uk::virtio_mmio::virtio_mmio_bus_init;
uk_plat_initcall_prio(virtio_mmio_bus_init, 9);
