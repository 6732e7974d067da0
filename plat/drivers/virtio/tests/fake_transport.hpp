// SPDX-License-Identifier: BSD-3-Clause
//
// A virtio transport for host tests of device drivers: features,
// status and configuration space as plain fields, the queues the driver
// enables captured (a SimDevice then plays the device on them),
// notifications counted, and the queue interrupt handlers kept so that a
// test can raise an interrupt by calling them.
#pragma once

#include <cstring>

#include "virtio.hpp"

namespace uk::virtio::test {

class FakeTransport final : public Transport {
public:
	bool is_modern = true;
	uint32_t id = kIdNet;
	uint64_t offered = 0;
	uint64_t accepted = ~0ULL; // FEATURES_OK only sticks within these
	uint8_t config[64] = {};
	uint16_t max_size[4] = {256, 256, 0, 0};
	bool interrupts = true;

	uint8_t status_ = 0;
	uint64_t driver_features = 0;
	int resets = 0;
	const Virtqueue *enabled[4] = {};
	unsigned notified[4] = {};
	IrqFn irq_fn[4] = {};
	void *irq_arg[4] = {};

	const char *name() const override { return "fake"; }
	bool modern() const override { return is_modern; }
	uint32_t device_id() const override { return id; }
	void reset() override
	{
		status_ = 0;
		++resets;
		for (auto &e : enabled)
			e = nullptr;
	}
	uint8_t status() override { return status_; }
	void set_status(uint8_t s) override
	{
		if ((s & kStatusFeaturesOk) && (driver_features & ~accepted))
			s = static_cast<uint8_t>(s & ~kStatusFeaturesOk); // the device refuses
		status_ = s;
	}
	uint64_t device_features() override { return offered; }
	void set_driver_features(uint64_t f) override { driver_features = f; }
	uint8_t config8(uint32_t off) override { return config[off]; }
	uint16_t config16(uint32_t off) override
	{
		uint16_t v;
		memcpy(&v, config + off, 2);
		return v;
	}
	uint32_t config32(uint32_t off) override
	{
		uint32_t v;
		memcpy(&v, config + off, 4);
		return v;
	}
	uint32_t config_generation() override { return 0; }
	uint16_t queue_max(uint16_t q) override { return q < 4 ? max_size[q] : 0; }
	Result<void> queue_enable(uint16_t q, const Virtqueue &vq) override
	{
		if (q >= 4 || vq.size() > max_size[q])
			return Error{-UK_EINVAL};
		if (enabled[q])
			return Error{-UK_EBUSY};
		enabled[q] = &vq;
		return {};
	}
	void queue_notify(uint16_t q) override { ++notified[q]; }
	bool has_interrupts() const override { return interrupts; }
	Result<void> queue_irq(uint16_t q, IrqFn fn, void *arg) override
	{
		if (!interrupts)
			return Error{-UK_ENOTSUP};
		irq_fn[q] = fn;
		irq_arg[q] = arg;
		return {};
	}
	void queue_irq_release(uint16_t q) override
	{
		irq_fn[q] = nullptr;
		irq_arg[q] = nullptr;
	}
	/** The device raises queue @p q's interrupt. @return the handler's. */
	int raise(uint16_t q) { return irq_fn[q] ? irq_fn[q](irq_arg[q]) : -1; }
};

}  // namespace uk::virtio::test
