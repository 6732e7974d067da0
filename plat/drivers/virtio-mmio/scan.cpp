// SPDX-License-Identifier: BSD-3-Clause
//
// Discovery: every "virtio,mmio" node of the device tree is a transport;
// one that answers with the magic value, a known version and a device ID
// other than 0 has a device behind it. Pure on its inputs (host-tested).

#include <uk/fdt.h>
#include <uk/print.h>

#include "virtio_mmio_bus.hpp"

namespace uk::virtio_mmio {

ScanResult scan(const void *fdt, const Platform &p, uk_virtio_mmio_device *out, int max)
{
	ScanResult r{0, 0, 0, 0};
	for (int node = uk_fdt_find_compatible(fdt, -1, "virtio,mmio"); node >= 0;
	     node = uk_fdt_find_compatible(fdt, node, "virtio,mmio")) {
		uint64_t base, size;
		uint32_t cells[3];
		if (uk_fdt_reg(fdt, node, 0, &base, &size) < 0 || size < 0x100 ||
		    uk_fdt_interrupt(fdt, node, 0, cells, 3, nullptr) != 3) {
			uk_pr_warn("%s: no usable reg or interrupts: ignored\n", uk_fdt_name(fdt, node));
			r.invalid++;
			continue;
		}
		if (!p.mapped(p.ctx, base, size)) {
			uk_pr_warn("%s: outside the device memory the platform maps: ignored\n",
				   uk_fdt_name(fdt, node));
			r.invalid++;
			continue;
		}
		uint32_t magic = p.read32(p.ctx, base + UK_VIRTIO_MMIO_MAGIC_VALUE);
		uint32_t version = p.read32(p.ctx, base + UK_VIRTIO_MMIO_VERSION);
		if (magic != UK_VIRTIO_MMIO_MAGIC || (version != 1 && version != 2)) {
			uk_pr_warn("virtio-mmio at %#lx: magic %#x version %u: not a virtio transport\n",
				   static_cast<unsigned long>(base), magic, version);
			r.invalid++;
			continue;
		}
		uint32_t id = p.read32(p.ctx, base + UK_VIRTIO_MMIO_DEVICE_ID);
		if (id == 0) {
			r.empty++;
			continue;
		}
		int irq = p.irq(p.ctx, cells);
		if (irq < 0) {
			uk_pr_warn("virtio-mmio at %#lx: interrupt <%u %u %u> unusable: ignored\n",
				   static_cast<unsigned long>(base), cells[0], cells[1], cells[2]);
			r.invalid++;
			continue;
		}
		if (r.found == max) {
			r.dropped++;
			continue;
		}
		out[r.found++] = uk_virtio_mmio_device{
			static_cast<uintptr_t>(base), static_cast<size_t>(size), static_cast<unsigned>(irq),
			version, id, p.read32(p.ctx, base + UK_VIRTIO_MMIO_VENDOR_ID), nullptr, nullptr};
	}
	return r;
}

}  // namespace uk::virtio_mmio
