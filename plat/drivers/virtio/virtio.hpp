// SPDX-License-Identifier: BSD-3-Clause
//
// What virtio device drivers see of a device, whatever the transport:
// status, features, the device-specific configuration, queues and their
// interrupts (virtio 1.x, sections 2-4). Transports: virtio_pci.cpp
// (virtio 1.x PCI through the vendor capabilities, MSI-X), virtio_mmio.cpp
// (legacy version 1 and virtio 1.x version 2). Drivers: virtio_net.cpp.
#pragma once

#include <uk/essentials.h>
#include <uk/result.hpp>

#include "virtqueue.hpp"

struct uk_alloc;

namespace uk::virtio {

// Device status (2.1).
inline constexpr uint8_t kStatusAcknowledge = 1;
inline constexpr uint8_t kStatusDriver = 2;
inline constexpr uint8_t kStatusDriverOk = 4;
inline constexpr uint8_t kStatusFeaturesOk = 8;
inline constexpr uint8_t kStatusNeedsReset = 64;
inline constexpr uint8_t kStatusFailed = 128;

// Device-independent feature bits (6).
inline constexpr uint64_t kFNotifyOnEmpty = 1ULL << 24; // legacy
inline constexpr uint64_t kFAnyLayout = 1ULL << 27;     // legacy; implied by VERSION_1
inline constexpr uint64_t kFRingIndirectDesc = 1ULL << 28;
inline constexpr uint64_t kFRingEventIdx = 1ULL << 29;
inline constexpr uint64_t kFVersion1 = 1ULL << 32;
inline constexpr uint64_t kFAccessPlatform = 1ULL << 33;
inline constexpr uint64_t kFRingPacked = 1ULL << 34;

// Device IDs (5).
inline constexpr uint32_t kIdNet = 1;

/** An interrupt handler (uk/plat/irq.h's signature). */
using IrqFn = int (*)(void *arg);

/**
 * One virtio device behind its transport. Not thread safe: the driver
 * calls it from thread context, one call at a time; interrupt handlers
 * get only what queue_irq() registered.
 */
class Transport {
public:
	/** "virtio-pci", "virtio-mmio v1", "virtio-mmio v2" (for messages). */
	virtual const char *name() const = 0;
	/** The virtio 1.x interface: VERSION_1 must be negotiated. */
	virtual bool modern() const = 0;
	virtual uint32_t device_id() const = 0;

	/** Writes 0 and waits until the device reads back 0 (modern). */
	virtual void reset() = 0;
	virtual uint8_t status() = 0;
	/** Sets the status byte (bits accumulate: pass the whole value). */
	virtual void set_status(uint8_t s) = 0;

	virtual uint64_t device_features() = 0;
	virtual void set_driver_features(uint64_t f) = 0;

	/** Device-specific configuration, natural widths (4.1.3.1). */
	virtual uint8_t config8(uint32_t off) = 0;
	virtual uint16_t config16(uint32_t off) = 0;
	virtual uint32_t config32(uint32_t off) = 0;
	/** Changes whenever the configuration changed (0 for legacy). */
	virtual uint32_t config_generation() = 0;

	/** @return the largest size of queue @p q, 0 if it does not exist. */
	virtual uint16_t queue_max(uint16_t q) = 0;
	/** Tells the device where queue @p q's rings are and enables it.
	 * @return 0; -EBUSY (already in use); -EINVAL (size refused). */
	virtual Result<void> queue_enable(uint16_t q, const Virtqueue &vq) = 0;
	virtual void queue_notify(uint16_t q) = 0;

	/** Whether queue_irq() can work on this device and platform. */
	virtual bool has_interrupts() const = 0;
	/**
	 * Arranges for @p fn(@p arg) to run in interrupt context whenever
	 * queue @p q may have completed chains. Before queue_enable().
	 * @return 0; -ENOTSUP; -ENOSPC (no vector or IRQ left).
	 */
	virtual Result<void> queue_irq(uint16_t q, IrqFn fn, void *arg) = 0;
	/** Undoes queue_irq() (after reset()). */
	virtual void queue_irq_release(uint16_t q) = 0;

protected:
	Transport() = default;
	~Transport() = default;
};

/**
 * The start of every driver's initialisation (3.1.1): reset,
 * ACKNOWLEDGE, DRIVER, then the features: the device's & @p wanted
 * (VERSION_1 added on modern transports, where the device must offer
 * it), FEATURES_OK checked (modern). On failure the device is left
 * with FAILED set.
 * @return the negotiated features; -ENOTSUP (a modern device without
 *   VERSION_1); -EIO (FEATURES_OK refused).
 */
Result<uint64_t> negotiate(Transport &t, uint64_t wanted);

/**
 * The device drivers, called by the transports' probes with a device
 * of their ID. @return 0 when claimed; -ENODEV; another error.
 */
int net_probe(Transport &t, uk_alloc *a);

}  // namespace uk::virtio
