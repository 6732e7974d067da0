// SPDX-License-Identifier: BSD-3-Clause
//
// The capability list and MSI-X tables (uk/bus/pci.h). Configuration
// space goes through the bus's accessors; the MSI-X table is device
// memory inside a BAR (identity mapped on the platforms; host memory in
// the host tests).

#include <uk/bus/pci.h>
#include <uk/errno.h>
#include <uk/result.hpp>

#include "pci_bus.hpp"

namespace uk::pci {
namespace {

constexpr uint8_t kStatus = 0x06;
constexpr uint16_t kStatusCapList = 0x10;
constexpr uint8_t kCapPtr = 0x34;        // header types 0 and 1
constexpr uint8_t kCapPtrCardbus = 0x14; // header type 2
constexpr uint8_t kFirstCap = 0x40;      // the standard header ends here
constexpr int kMaxCaps = 48;             // (256 - 64) / 4: more means a loop
constexpr uint16_t kCommandIntxDisable = 1u << 10;

// MSI-X capability: message control at +2, table offset/BIR at +4.
constexpr uint16_t kMsixEnable = 1u << 15;
constexpr uint16_t kMsixFunctionMask = 1u << 14;
constexpr uint16_t kMsixSizeMask = 0x7ff;
constexpr uint32_t kEntryMasked = 1;

struct Msix {
	uint8_t cap;
	uint16_t count;
	volatile uint32_t *table; // 4 dwords per entry: addr lo, hi, data, control
};

Result<Msix> msix_of(const uk_pci_device *dev)
{
	const uint8_t cap = uk_pci_find_capability(dev, UK_PCI_CAP_MSIX, 0);
	if (!cap)
		return Error{-UK_ENOENT};
	const uint16_t ctrl = uk_pci_config_read16(dev, static_cast<uint8_t>(cap + 2));
	const uint32_t tbl = uk_pci_config_read32(dev, static_cast<uint8_t>(cap + 4));
	const uint16_t count = static_cast<uint16_t>((ctrl & kMsixSizeMask) + 1);
	const uint32_t bir = tbl & 7, off = tbl & ~7u;
	if (bir >= UK_PCI_MAX_BARS)
		return Error{-UK_EINVAL};
	const uk_pci_bar &bar = dev->bar[bir];
	if ((bar.type != UK_PCI_BAR_MEM32 && bar.type != UK_PCI_BAR_MEM64) || !bar.base ||
	    uint64_t{off} + 16u * count > bar.size)
		return Error{-UK_EINVAL};
	return Msix{cap, count, reinterpret_cast<volatile uint32_t *>(bar.base + off)};
}

}  // namespace
}  // namespace uk::pci

using uk::pci::Msix;

extern "C" uint8_t uk_pci_find_capability(const struct uk_pci_device *dev, uint8_t id,
					  uint8_t after)
{
	using namespace uk::pci;
	if (!(uk_pci_config_read16(dev, kStatus) & kStatusCapList))
		return 0;
	uint8_t p = after ? uk_pci_config_read8(dev, static_cast<uint8_t>(after + 1))
			  : uk_pci_config_read8(dev, dev->header_type == 2 ? kCapPtrCardbus : kCapPtr);
	for (int hops = 0; hops < kMaxCaps; ++hops) {
		p &= 0xfc; // the low two bits are reserved
		if (p < kFirstCap)
			return 0;
		if (uk_pci_config_read8(dev, p) == id)
			return p;
		p = uk_pci_config_read8(dev, static_cast<uint8_t>(p + 1));
	}
	return 0;
}

extern "C" int uk_pci_msix_count(const struct uk_pci_device *dev)
{
	auto m = uk::pci::msix_of(dev);
	return m.ok() ? m.value().count : m.error();
}

extern "C" int uk_pci_msix_set_entry(const struct uk_pci_device *dev, uint16_t entry,
				     uint64_t addr, uint32_t data)
{
	auto r = uk::pci::msix_of(dev);
	if (!r.ok())
		return r.error();
	Msix m = r.take();
	if (entry >= m.count)
		return -UK_EINVAL;
	volatile uint32_t *e = m.table + 4 * entry;
	// Masked while the message is half written.
	e[3] = e[3] | uk::pci::kEntryMasked;
	e[0] = static_cast<uint32_t>(addr);
	e[1] = static_cast<uint32_t>(addr >> 32);
	e[2] = data;
	e[3] = e[3] & ~uk::pci::kEntryMasked;
	return 0;
}

extern "C" int uk_pci_msix_mask_entry(const struct uk_pci_device *dev, uint16_t entry)
{
	auto r = uk::pci::msix_of(dev);
	if (!r.ok())
		return r.error();
	Msix m = r.take();
	if (entry >= m.count)
		return -UK_EINVAL;
	m.table[4 * entry + 3] = m.table[4 * entry + 3] | uk::pci::kEntryMasked;
	return 0;
}

extern "C" int uk_pci_msix_enable(const struct uk_pci_device *dev)
{
	using namespace uk::pci;
	auto r = msix_of(dev);
	if (!r.ok())
		return r.error();
	const uint8_t ctrl = static_cast<uint8_t>(r.value().cap + 2);
	const uint16_t cmd = uk_pci_config_read16(dev, kCommand);
	uk_pci_config_write16(dev, kCommand, static_cast<uint16_t>(cmd | kCommandIntxDisable));
	const uint16_t v = uk_pci_config_read16(dev, ctrl);
	uk_pci_config_write16(dev, ctrl,
			      static_cast<uint16_t>((v | kMsixEnable) & ~kMsixFunctionMask));
	return 0;
}

extern "C" void uk_pci_msix_disable(const struct uk_pci_device *dev)
{
	const uint8_t cap = uk_pci_find_capability(dev, UK_PCI_CAP_MSIX, 0);
	if (!cap)
		return;
	const uint8_t ctrl = static_cast<uint8_t>(cap + 2);
	const uint16_t v = uk_pci_config_read16(dev, ctrl);
	uk_pci_config_write16(dev, ctrl, static_cast<uint16_t>(v & ~uk::pci::kMsixEnable));
}
