// SPDX-License-Identifier: BSD-3-Clause
//
// The virtio-mmio transport (virtio 1.x, 4.2) over the devices the
// virtio-mmio bus found: version 1 (legacy: queues by page frame number,
// QEMU 7.2's default) and version 2 (virtio 1.x: queues by address,
// FEATURES_OK, -global virtio-mmio.force-legacy=false). One interrupt
// per device, an SPI whose trigger the bus already set from the device
// tree: the handler acknowledges InterruptStatus and runs the handlers of
// every queue that asked for interrupts.

#include <uk/alloc.h>
#include <uk/bus/virtio_mmio.h>
#include <uk/init.h>
#include <uk/plat/irq.h>
#include <uk/print.h>

#include "virtio.hpp"

namespace uk::virtio {
namespace {

constexpr int kMaxQueues = 8;
constexpr uint32_t kPageSize = 4096;

// Registers (4.2.2; legacy ones from 4.2.4).
enum : uint32_t {
	kDeviceFeatures = 0x010, kDeviceFeaturesSel = 0x014, kDriverFeatures = 0x020,
	kDriverFeaturesSel = 0x024, kGuestPageSize = 0x028 /* v1 */, kQueueSel = 0x030,
	kQueueNumMax = 0x034, kQueueNum = 0x038, kQueueAlign = 0x03c /* v1 */,
	kQueuePfn = 0x040 /* v1 */, kQueueReady = 0x044 /* v2 */, kQueueNotify = 0x050,
	kInterruptStatus = 0x060, kInterruptAck = 0x064, kStatus = 0x070,
	kQueueDescLow = 0x080, kQueueDescHigh = 0x084, kQueueDriverLow = 0x090,
	kQueueDriverHigh = 0x094, kQueueDeviceLow = 0x0a0, kQueueDeviceHigh = 0x0a4,
	kConfigGeneration = 0x0fc /* v2 */, kConfig = 0x100,
};
constexpr uint32_t kInterruptVring = 1;

class MmioTransport final : public Transport {
public:
	static Result<MmioTransport *> create(uk_alloc *a, uk_virtio_mmio_device *dev);

	const char *name() const override { return v2_ ? "virtio-mmio v2" : "virtio-mmio v1"; }
	bool modern() const override { return v2_; }
	uint32_t device_id() const override { return dev_->device_id; }

	void reset() override
	{
		w32(kStatus, 0);
		for (int i = 0; i < 1000000 && r32(kStatus) != 0; ++i) {
		}
		if (!v2_)
			w32(kGuestPageSize, kPageSize); // what QueuePFN counts in
	}
	uint8_t status() override { return static_cast<uint8_t>(r32(kStatus)); }
	void set_status(uint8_t s) override { w32(kStatus, s); }

	uint64_t device_features() override
	{
		w32(kDeviceFeaturesSel, 0);
		uint64_t lo = r32(kDeviceFeatures);
		w32(kDeviceFeaturesSel, 1);
		return lo | uint64_t{r32(kDeviceFeatures)} << 32;
	}
	void set_driver_features(uint64_t f) override
	{
		w32(kDriverFeaturesSel, 0);
		w32(kDriverFeatures, static_cast<uint32_t>(f));
		w32(kDriverFeaturesSel, 1);
		w32(kDriverFeatures, static_cast<uint32_t>(f >> 32));
	}

	uint8_t config8(uint32_t off) override { return at<uint8_t>(kConfig + off); }
	uint16_t config16(uint32_t off) override { return at<uint16_t>(kConfig + off); }
	uint32_t config32(uint32_t off) override { return at<uint32_t>(kConfig + off); }
	uint32_t config_generation() override { return v2_ ? r32(kConfigGeneration) : 0; }

	uint16_t queue_max(uint16_t q) override
	{
		if (q >= kMaxQueues)
			return 0;
		w32(kQueueSel, q);
		const uint32_t n = r32(kQueueNumMax);
		return static_cast<uint16_t>(n > kMaxQueueSize ? kMaxQueueSize : n);
	}

	Result<void> queue_enable(uint16_t q, const Virtqueue &vq) override
	{
		if (queue_max(q) < vq.size())
			return Error{-UK_EINVAL};
		w32(kQueueSel, q);
		if (r32(v2_ ? kQueueReady : kQueuePfn))
			return Error{-UK_EBUSY};
		w32(kQueueNum, vq.size());
		if (v2_) {
			w64(kQueueDescLow, vq.desc_addr());
			w64(kQueueDriverLow, vq.avail_addr());
			w64(kQueueDeviceLow, vq.used_addr());
			w32(kQueueReady, 1);
		} else {
			// The legacy layout in one block, the used ring aligned to
			// QueueAlign (virtqueue.hpp lays it out that way).
			const uint64_t pfn = vq.desc_addr() / kPageSize;
			if (pfn > 0xffffffffULL || vq.desc_addr() % kPageSize)
				return Error{-UK_EINVAL};
			w32(kQueueAlign, kRingAlign);
			w32(kQueuePfn, static_cast<uint32_t>(pfn));
		}
		return {};
	}

	void queue_notify(uint16_t q) override { w32(kQueueNotify, q); }

	bool has_interrupts() const override { return true; }
	Result<void> queue_irq(uint16_t q, IrqFn fn, void *arg) override;
	void queue_irq_release(uint16_t q) override;

private:
	MmioTransport() = default;

	template <typename T>
	T at(uint32_t off) { return *reinterpret_cast<volatile T *>(dev_->base + off); }
	uint32_t r32(uint32_t off) { return at<uint32_t>(off); }
	void w32(uint32_t off, uint32_t v) { *reinterpret_cast<volatile uint32_t *>(dev_->base + off) = v; }
	void w64(uint32_t low, uint64_t v)
	{
		w32(low, static_cast<uint32_t>(v));
		w32(low + 4, static_cast<uint32_t>(v >> 32));
	}

	static int irq_handler(void *arg);

	struct QueueIrq {
		IrqFn fn;
		void *arg;
	};

	uk_virtio_mmio_device *dev_ = nullptr;
	bool v2_ = false;
	bool registered_ = false;
	QueueIrq qirq_[kMaxQueues] = {};
};

Result<MmioTransport *> MmioTransport::create(uk_alloc *a, uk_virtio_mmio_device *dev)
{
	void *mem = uk_malloc(a, sizeof(MmioTransport));
	if (!mem)
		return Error{-UK_ENOMEM};
	auto *t = new (mem) MmioTransport();
	t->dev_ = dev;
	t->v2_ = dev->version == 2;
	return t;
}

int MmioTransport::irq_handler(void *arg)
{
	auto *t = static_cast<MmioTransport *>(arg);
	const uint32_t st = t->r32(kInterruptStatus);
	if (!st)
		return 0;
	t->w32(kInterruptAck, st);
	if (st & kInterruptVring)
		for (const QueueIrq &q : t->qirq_)
			if (q.fn)
				q.fn(q.arg);
	return 1;
}

Result<void> MmioTransport::queue_irq(uint16_t q, IrqFn fn, void *arg)
{
	if (q >= kMaxQueues || !fn)
		return Error{-UK_EINVAL};
	if (qirq_[q].fn)
		return Error{-UK_EBUSY};
	if (!registered_) {
		int rc = ukplat_irq_register(dev_->irq, irq_handler, this);
		if (rc < 0)
			return Error{rc};
		registered_ = true;
	}
	qirq_[q] = QueueIrq{fn, arg};
	return {};
}

void MmioTransport::queue_irq_release(uint16_t q)
{
	if (q >= kMaxQueues)
		return;
	qirq_[q] = QueueIrq{};
	for (const QueueIrq &x : qirq_)
		if (x.fn)
			return;
	if (registered_) {
		ukplat_irq_unregister(dev_->irq, irq_handler, this);
		registered_ = false;
	}
}

int mmio_probe(uk_virtio_mmio_device *dev)
{
	uk_alloc *a = uk_alloc_get_default();
	auto created = MmioTransport::create(a, dev);
	if (!created.ok())
		return created.error();
	MmioTransport *t = created.take();
	int rc = net_probe(*t, a);
	if (rc < 0) {
		t->~MmioTransport();
		uk_free(a, t);
	}
	return rc;
}

constinit const uk_virtio_mmio_id kIds[] = {{UK_VIRTIO_ID_NET}, {0}};
constinit uk_virtio_mmio_driver driver{"virtio-net", kIds, mmio_probe, nullptr};

int virtio_mmio_register() { return uk_virtio_mmio_driver_register(&driver); }

}  // namespace
}  // namespace uk::virtio

using uk::virtio::virtio_mmio_register;
uk_plat_initcall_prio(virtio_mmio_register, 5);
