// SPDX-License-Identifier: BSD-3-Clause
//
// Inside the PCI bus library: the configuration-space interface that the
// scan goes through (the port I/O backend in the image, a simulated bus in
// the host tests), the scan, and the registry of devices and drivers.
#pragma once

#include <uk/bus/pci.h>
#include <uk/config.h>

namespace uk::pci {

#ifdef CONFIG_LIBUKPCI_MAX_DEVICES
inline constexpr int kMaxDevices = CONFIG_LIBUKPCI_MAX_DEVICES;
#else
inline constexpr int kMaxDevices = 64;
#endif

struct Bdf {
	uint8_t bus, dev, func;
};

/**
 * Access to configuration space. @p off < 256, aligned to @p width
 * (1, 2 or 4). A function that does not exist reads as all ones. The
 * backend makes each access atomic (one address/data pair).
 */
struct ConfigSpace {
	uint32_t (*read)(void *ctx, Bdf bdf, uint8_t off, unsigned width);
	void (*write)(void *ctx, Bdf bdf, uint8_t off, unsigned width, uint32_t v);
	void *ctx;

	uint8_t read8(Bdf b, uint8_t off) const { return static_cast<uint8_t>(read(ctx, b, off, 1)); }
	uint16_t read16(Bdf b, uint8_t off) const { return static_cast<uint16_t>(read(ctx, b, off & ~1u, 2)); }
	uint32_t read32(Bdf b, uint8_t off) const { return read(ctx, b, off & ~3u, 4); }
	void write8(Bdf b, uint8_t off, uint8_t v) const { write(ctx, b, off, 1, v); }
	void write16(Bdf b, uint8_t off, uint16_t v) const { write(ctx, b, off & ~1u, 2, v); }
	void write32(Bdf b, uint8_t off, uint32_t v) const { write(ctx, b, off & ~3u, 4, v); }
};

// Configuration header offsets used here.
inline constexpr uint8_t kVendorId = 0x00;
inline constexpr uint8_t kDeviceId = 0x02;
inline constexpr uint8_t kCommand = 0x04;
inline constexpr uint8_t kClassRev = 0x08; // revision, prog-if, subclass, class
inline constexpr uint8_t kHeaderType = 0x0e;
inline constexpr uint8_t kBar0 = 0x10;
inline constexpr uint8_t kSecondaryBus = 0x19; // bridges (types 1 and 2)
inline constexpr uint8_t kSubordinateBus = 0x1a;
inline constexpr uint8_t kSubsystemVendor = 0x2c; // type 0 only
inline constexpr uint8_t kSubsystemId = 0x2e;
inline constexpr uint8_t kIrqLine = 0x3c;
inline constexpr uint8_t kIrqPin = 0x3d;
inline constexpr uint8_t kMultiFunction = 0x80; // in kHeaderType

/** What a scan found. */
struct ScanResult {
	int found;   // entries written to the output array
	int dropped; // functions that did not fit
};

/**
 * Enumerates every function reachable from bus 0 through bridges, with
 * bus numbers as the firmware assigned them (a bridge whose secondary bus
 * is 0 is unconfigured and not followed; a bus is scanned once even if
 * two bridges claim it). Sizes the BARs with decoding turned off for the
 * moment of the all-ones write, then restores BARs and command register.
 * Pure: only @p cs is touched.
 */
ScanResult scan(const ConfigSpace &cs, uk_pci_device *out, int max);

/** Decodes the BARs of one function (part of scan, exposed for tests). */
void decode_bars(const ConfigSpace &cs, uk_pci_device *d, int nbars);

// ---- registry (registry.cpp) ----------------------------------------------

/** Whether @p drv's id table covers @p dev. */
bool driver_matches(const uk_pci_driver *drv, const uk_pci_device *dev);

/**
 * Scans through @p cs and offers every device to the registered drivers;
 * later accessor calls go through @p cs. Runs once per boot (again only
 * after reset_for_tests()). @return what the scan found.
 */
ScanResult bus_init(const ConfigSpace *cs);

/** Host tests only (UK_HOSTTEST): forget devices, drivers, backend. */
void reset_for_tests();

}  // namespace uk::pci
