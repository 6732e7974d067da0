// SPDX-License-Identifier: BSD-3-Clause
//
// Bus enumeration and BAR decoding through a ConfigSpace. Pure code: the
// host tests run it on a simulated bus.

#include "pci_bus.hpp"

namespace uk::pci {
namespace {

constexpr uint16_t kNoDevice = 0xffff;

/** Lowest set bit: the size of a BAR from its all-ones read-back mask. */
constexpr uint64_t lowest_bit(uint64_t v) { return v & (~v + 1); }

/** Writes all ones to @p off, returns what sticks, restores the value. */
uint32_t probe_mask(const ConfigSpace &cs, Bdf b, uint8_t off, uint32_t orig)
{
	cs.write32(b, off, 0xffffffff);
	const uint32_t rb = cs.read32(b, off);
	cs.write32(b, off, orig);
	return rb;
}

/** Fills everything but the BARs; @return how many BARs the header has. */
int read_header(const ConfigSpace &cs, Bdf b, uk_pci_device *d)
{
	*d = uk_pci_device{};
	d->bus = b.bus;
	d->dev = b.dev;
	d->func = b.func;
	d->vendor_id = cs.read16(b, kVendorId);
	d->device_id = cs.read16(b, kDeviceId);
	const uint32_t cr = cs.read32(b, kClassRev);
	d->revision = static_cast<uint8_t>(cr);
	d->prog_if = static_cast<uint8_t>(cr >> 8);
	d->subclass = static_cast<uint8_t>(cr >> 16);
	d->class_code = static_cast<uint8_t>(cr >> 24);
	d->header_type = cs.read8(b, kHeaderType) & ~kMultiFunction;
	d->irq_line = cs.read8(b, kIrqLine);
	d->irq_pin = cs.read8(b, kIrqPin);
	switch (d->header_type) {
	case 0:
		d->subsystem_vendor_id = cs.read16(b, kSubsystemVendor);
		d->subsystem_id = cs.read16(b, kSubsystemId);
		return 6;
	case 1: // PCI-to-PCI bridge: two BARs, then the bus numbers
		d->secondary_bus = cs.read8(b, kSecondaryBus);
		d->subordinate_bus = cs.read8(b, kSubordinateBus);
		return 2;
	case 2: // CardBus bridge: socket registers in BAR0
		d->secondary_bus = cs.read8(b, kSecondaryBus);
		d->subordinate_bus = cs.read8(b, kSubordinateBus);
		return 1;
	default: // unknown layout: do not guess at BARs
		return 0;
	}
}

/** One bus: every device, every function of a multi-function device. */
void scan_bus(const ConfigSpace &cs, uint8_t bus, uk_pci_device *out, int max,
	      ScanResult *res, uint8_t *queue, int *queued, uint32_t *seen)
{
	for (uint8_t dev = 0; dev < 32; dev++) {
		if (cs.read16({bus, dev, 0}, kVendorId) == kNoDevice)
			continue;
		const bool multi = cs.read8({bus, dev, 0}, kHeaderType) & kMultiFunction;
		for (uint8_t func = 0; func < (multi ? 8 : 1); func++) {
			const Bdf b{bus, dev, func};
			if (func && cs.read16(b, kVendorId) == kNoDevice)
				continue;
			// A function that does not fit is still read, without
			// sizing its BARs, so that bridges are followed and the
			// dropped count is complete.
			uk_pci_device spare;
			const bool fits = res->found < max;
			uk_pci_device *d = fits ? &out[res->found++] : &spare;
			const int nbars = read_header(cs, b, d);
			if (fits)
				decode_bars(cs, d, nbars);
			else
				res->dropped++;
			const uint8_t sec = d->secondary_bus;
			if (sec && !(seen[sec / 32] & (1u << (sec % 32)))) {
				seen[sec / 32] |= 1u << (sec % 32);
				queue[(*queued)++] = sec;
			}
		}
	}
}

}  // namespace

void decode_bars(const ConfigSpace &cs, uk_pci_device *d, int nbars)
{
	const Bdf b{d->bus, d->dev, d->func};
	// The all-ones pattern is briefly a live address: turn decoding off
	// so that the device cannot claim accesses meant for others.
	const uint16_t cmd = cs.read16(b, kCommand);
	const uint16_t decode = UK_PCI_COMMAND_IO | UK_PCI_COMMAND_MEMORY;
	if (nbars && (cmd & decode))
		cs.write16(b, kCommand, static_cast<uint16_t>(cmd & ~decode));

	for (int i = 0; i < nbars; i++) {
		uk_pci_bar &bar = d->bar[i];
		const uint8_t off = kBar0 + 4 * i;
		const uint32_t orig = cs.read32(b, off);
		const uint32_t rb = probe_mask(cs, b, off, orig);
		if (orig & 1) { // I/O space; 16-bit decoders read 0 above bit 15
			bar.size = lowest_bit(rb & ~3u);
			if (bar.size) {
				bar.type = UK_PCI_BAR_IO;
				bar.base = orig & ~3u;
			}
			continue;
		}
		const unsigned kind = (orig >> 1) & 3; // 0: 32-bit, 1: <1M, 2: 64-bit
		const bool prefetch = orig & 8;
		uint64_t mask = rb & ~0xfu;
		uint64_t base = orig & ~0xfu;
		if (kind == 2) {
			if (i + 1 == nbars) // no upper half: malformed, leave NONE
				continue;
			const uint8_t hi = off + 4;
			const uint32_t orig_hi = cs.read32(b, hi);
			mask |= uint64_t{probe_mask(cs, b, hi, orig_hi)} << 32;
			base |= uint64_t{orig_hi} << 32;
			i++; // the upper half stays UK_PCI_BAR_NONE
		} else if (kind == 3) { // reserved encoding
			continue;
		}
		bar.size = lowest_bit(mask);
		if (!bar.size)
			continue;
		bar.type = kind == 2 ? UK_PCI_BAR_MEM64 : UK_PCI_BAR_MEM32;
		bar.base = base;
		bar.prefetchable = prefetch;
	}

	if (nbars && (cmd & decode))
		cs.write16(b, kCommand, cmd);
}

ScanResult scan(const ConfigSpace &cs, uk_pci_device *out, int max)
{
	ScanResult res{0, 0};
	// Each bus number is queued at most once: 256 entries always suffice,
	// and a bridge loop in a broken topology cannot make this spin.
	uint8_t queue[256];
	uint32_t seen[256 / 32] = {1}; // bus 0
	int queued = 1;
	queue[0] = 0;
	for (int next = 0; next < queued; next++)
		scan_bus(cs, queue[next], out, max, &res, queue, &queued, seen);
	return res;
}

}  // namespace uk::pci
