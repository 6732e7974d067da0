// SPDX-License-Identifier: BSD-3-Clause
//
// The image's side of the bus: configuration mechanism #1 (address at
// port 0xCF8, data at 0xCFC..0xCFF) and the boot-time scan and probe in
// the last slot of init class PLAT (see uk/bus/pci.h for the order).
// Not in the host tests: they drive registry.cpp with a simulated bus.

#include <uk/init.h>
#include <uk/irq.hpp>
#include <uk/print.h>

#include "pci_bus.hpp"

namespace uk::pci {
namespace {

inline constexpr bool kPrintDevices = UK_IS_ENABLED(CONFIG_LIBUKPCI_PRINT_DEVICES);

constexpr uint16_t kConfigAddress = 0xcf8;
constexpr uint16_t kConfigData = 0xcfc;

uint32_t address(Bdf b, uint8_t off)
{
	return 0x80000000u | uint32_t{b.bus} << 16 | uint32_t{b.dev & 31u} << 11 |
	       uint32_t{b.func & 7u} << 8 | (off & 0xfcu);
}

// The address/data pair must not be split by an interrupt handler that
// also touches configuration space: interrupts are off for each access.
uint32_t port_read(void *, Bdf b, uint8_t off, unsigned width)
{
	IrqGuard g;
	const uint16_t port = static_cast<uint16_t>(kConfigData + (off & 3));
	__asm__ __volatile__("outl %0, %1" : : "a"(address(b, off)), "Nd"(kConfigAddress));
	if (width == 1) {
		uint8_t v;
		__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
		return v;
	}
	if (width == 2) {
		uint16_t v;
		__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
		return v;
	}
	uint32_t v;
	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void port_write(void *, Bdf b, uint8_t off, unsigned width, uint32_t v)
{
	IrqGuard g;
	const uint16_t port = static_cast<uint16_t>(kConfigData + (off & 3));
	__asm__ __volatile__("outl %0, %1" : : "a"(address(b, off)), "Nd"(kConfigAddress));
	if (width == 1)
		__asm__ __volatile__("outb %0, %1" : : "a"(static_cast<uint8_t>(v)), "Nd"(port));
	else if (width == 2)
		__asm__ __volatile__("outw %0, %1" : : "a"(static_cast<uint16_t>(v)), "Nd"(port));
	else
		__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

constinit const ConfigSpace port_io{port_read, port_write, nullptr};

const char *bar_kind(uint8_t type)
{
	switch (type) {
	case UK_PCI_BAR_IO: return "io";
	case UK_PCI_BAR_MEM32: return "mem32";
	default: return "mem64";
	}
}

void print_device(const uk_pci_device *d)
{
	uk_pr_info("%02x:%02x.%x %04x:%04x class %02x.%02x.%02x rev %02x irq %u pin %u%s%s\n",
		   d->bus, d->dev, d->func, d->vendor_id, d->device_id,
		   d->class_code, d->subclass, d->prog_if, d->revision,
		   d->irq_line, d->irq_pin, d->driver ? " driver " : "",
		   d->driver ? d->driver->name : "");
	for (int i = 0; i < UK_PCI_MAX_BARS; i++) {
		const uk_pci_bar &bar = d->bar[i];
		if (bar.type != UK_PCI_BAR_NONE)
			uk_pr_info("  BAR%d %s %#llx size %#llx%s\n", i,
				   bar_kind(bar.type),
				   static_cast<unsigned long long>(bar.base),
				   static_cast<unsigned long long>(bar.size),
				   bar.prefetchable ? " prefetchable" : "");
	}
}

int pci_bus_init(void)
{
	const ScanResult res = bus_init(&port_io);
	if (res.dropped)
		uk_pr_warn("%d PCI functions ignored: the table holds %d "
			   "(CONFIG_LIBUKPCI_MAX_DEVICES)\n", res.dropped, kMaxDevices);
	if constexpr (kPrintDevices)
		for (uk_pci_device *d = uk_pci_device_next(nullptr); d;
		     d = uk_pci_device_next(d))
			print_device(d);
	return 0;
}

}  // namespace
}  // namespace uk::pci

// Priority 9: after every driver registered in class PLAT (priorities 0-8).
using uk::pci::pci_bus_init;
uk_plat_initcall_prio(pci_bus_init, 9);
