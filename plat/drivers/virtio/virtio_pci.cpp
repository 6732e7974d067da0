// SPDX-License-Identifier: BSD-3-Clause
//
// The virtio 1.x PCI transport (virtio 1.x, 4.1): the common, notify,
// ISR and device configuration structures that the vendor-specific
// capabilities point into memory BARs, and MSI-X for queue interrupts
// (one vector per queue that wants interrupts; the configuration-change
// vector stays unused). QEMU 7.2's virtio-net-pci is transitional, so the
// modern interface is always there; a legacy-only device
// (disable-modern=on) is refused with a message. KVM x86_64 only (the
// PCI bus library's platform); device interrupts use
// ukplat_irq_alloc_msi(), since INTx reaches no interrupt controller.

#include <uk/alloc.h>
#include <uk/bus/pci.h>
#include <uk/init.h>
#include <uk/plat/irq.h>
#include <uk/print.h>

#include "virtio.hpp"

namespace uk::virtio {
namespace {

constexpr uint16_t kVendor = 0x1af4;
constexpr uint16_t kFirstDevice = 0x1000, kFirstModern = 0x1040, kLastDevice = 0x107f;
constexpr uint16_t kNoVector = 0xffff;
constexpr int kMaxQueues = 8;

// Vendor capability (4.1.4): cfg_type at +3, bar at +4, offset, length.
constexpr uint8_t kCapCommon = 1, kCapNotify = 2, kCapIsr = 3, kCapDevice = 4;

// Common configuration structure (4.1.4.3).
enum : uint32_t {
	kDeviceFeatureSelect = 0, kDeviceFeature = 4, kDriverFeatureSelect = 8,
	kDriverFeature = 12, kMsixConfig = 16, kNumQueues = 18, kDeviceStatus = 20,
	kConfigGeneration = 21, kQueueSelect = 22, kQueueSize = 24, kQueueMsixVector = 26,
	kQueueEnable = 28, kQueueNotifyOff = 30, kQueueDesc = 32, kQueueDriver = 40,
	kQueueDevice = 48,
};

struct Region {
	volatile uint8_t *base = nullptr;
	uint32_t len = 0;
};

class PciTransport final : public Transport {
public:
	static Result<PciTransport *> create(uk_alloc *a, uk_pci_device *dev, uint32_t id);

	const char *name() const override { return "virtio-pci"; }
	bool modern() const override { return true; }
	uint32_t device_id() const override { return id_; }

	void reset() override
	{
		w8(kDeviceStatus, 0);
		// The reset is done when the status reads 0 again (4.1.4.3.2).
		for (int i = 0; i < 1000000 && r8(kDeviceStatus) != 0; ++i) {
		}
	}
	uint8_t status() override { return r8(kDeviceStatus); }
	void set_status(uint8_t s) override { w8(kDeviceStatus, s); }

	uint64_t device_features() override
	{
		w32(kDeviceFeatureSelect, 0);
		uint64_t lo = r32(kDeviceFeature);
		w32(kDeviceFeatureSelect, 1);
		return lo | uint64_t{r32(kDeviceFeature)} << 32;
	}
	void set_driver_features(uint64_t f) override
	{
		w32(kDriverFeatureSelect, 0);
		w32(kDriverFeature, static_cast<uint32_t>(f));
		w32(kDriverFeatureSelect, 1);
		w32(kDriverFeature, static_cast<uint32_t>(f >> 32));
	}

	uint8_t config8(uint32_t off) override { return off < dev_.len ? dev_.base[off] : 0xff; }
	uint16_t config16(uint32_t off) override
	{
		return off + 2 <= dev_.len ? *reinterpret_cast<volatile uint16_t *>(dev_.base + off) : 0xffff;
	}
	uint32_t config32(uint32_t off) override
	{
		return off + 4 <= dev_.len ? *reinterpret_cast<volatile uint32_t *>(dev_.base + off)
					   : 0xffffffff;
	}
	uint32_t config_generation() override { return r8(kConfigGeneration); }

	uint16_t queue_max(uint16_t q) override
	{
		if (q >= r16(kNumQueues) || q >= kMaxQueues)
			return 0;
		w16(kQueueSelect, q);
		return r16(kQueueSize);
	}

	Result<void> queue_enable(uint16_t q, const Virtqueue &vq) override
	{
		if (queue_max(q) < vq.size())
			return Error{-UK_EINVAL};
		w16(kQueueSelect, q);
		if (r16(kQueueEnable))
			return Error{-UK_EBUSY};
		w16(kQueueSize, vq.size());
		w64(kQueueDesc, vq.desc_addr());
		w64(kQueueDriver, vq.avail_addr());
		w64(kQueueDevice, vq.used_addr());
		const uint64_t at = uint64_t{r16(kQueueNotifyOff)} * notify_mult_;
		if (at + 2 > notify_.len)
			return Error{-UK_EINVAL};
		notify_at_[q] = reinterpret_cast<volatile uint16_t *>(notify_.base + at);
		w16(kQueueEnable, 1);
		return {};
	}

	void queue_notify(uint16_t q) override
	{
		if (q < kMaxQueues && notify_at_[q])
			*notify_at_[q] = q;
	}

	bool has_interrupts() const override { return msix_entries_ > 0; }
	Result<void> queue_irq(uint16_t q, IrqFn fn, void *arg) override;
	void queue_irq_release(uint16_t q) override;

private:
	PciTransport() = default;

	uint8_t r8(uint32_t off) { return common_.base[off]; }
	uint16_t r16(uint32_t off) { return *reinterpret_cast<volatile uint16_t *>(common_.base + off); }
	uint32_t r32(uint32_t off) { return *reinterpret_cast<volatile uint32_t *>(common_.base + off); }
	void w8(uint32_t off, uint8_t v) { common_.base[off] = v; }
	void w16(uint32_t off, uint16_t v) { *reinterpret_cast<volatile uint16_t *>(common_.base + off) = v; }
	void w32(uint32_t off, uint32_t v) { *reinterpret_cast<volatile uint32_t *>(common_.base + off) = v; }
	// 64-bit fields as two 32-bit writes, low half first (4.1.3.1).
	void w64(uint32_t off, uint64_t v)
	{
		w32(off, static_cast<uint32_t>(v));
		w32(off + 4, static_cast<uint32_t>(v >> 32));
	}

	struct QueueIrq {
		unsigned irq;
		IrqFn fn;
		void *arg;
		bool on;
	};

	uk_pci_device *pci_ = nullptr;
	uint32_t id_ = 0;
	Region common_, notify_, dev_;
	uint32_t notify_mult_ = 0;
	volatile uint16_t *notify_at_[kMaxQueues] = {};
	int msix_entries_ = 0;
	bool msix_on_ = false;
	QueueIrq qirq_[kMaxQueues] = {};
};

/** Where a vendor capability points, if it fits its memory BAR. */
Region resolve(const uk_pci_device *dev, uint8_t cap)
{
	const uint8_t bar = uk_pci_config_read8(dev, static_cast<uint8_t>(cap + 4));
	const uint32_t off = uk_pci_config_read32(dev, static_cast<uint8_t>(cap + 8));
	const uint32_t len = uk_pci_config_read32(dev, static_cast<uint8_t>(cap + 12));
	if (bar >= UK_PCI_MAX_BARS)
		return {};
	const uk_pci_bar &b = dev->bar[bar];
	if ((b.type != UK_PCI_BAR_MEM32 && b.type != UK_PCI_BAR_MEM64) || !b.base ||
	    uint64_t{off} + len > b.size)
		return {};
	return {reinterpret_cast<volatile uint8_t *>(b.base + off), len};
}

Result<PciTransport *> PciTransport::create(uk_alloc *a, uk_pci_device *dev, uint32_t id)
{
	Region common, notify, isr, device;
	uint32_t mult = 0;
	for (uint8_t c = uk_pci_find_capability(dev, UK_PCI_CAP_VENDOR, 0); c;
	     c = uk_pci_find_capability(dev, UK_PCI_CAP_VENDOR, c)) {
		const uint8_t type = uk_pci_config_read8(dev, static_cast<uint8_t>(c + 3));
		// The first usable structure of each type wins (4.1.4.1).
		Region *slot = type == kCapCommon ? &common : type == kCapNotify ? &notify
			     : type == kCapIsr ? &isr : type == kCapDevice ? &device : nullptr;
		if (!slot || slot->base)
			continue;
		*slot = resolve(dev, c);
		if (type == kCapNotify && slot->base)
			mult = uk_pci_config_read32(dev, static_cast<uint8_t>(c + 16));
	}
	if (!common.base || common.len < 56 || !notify.base) {
		uk_pr_warn("%02x:%02x.%x: virtio device without the virtio 1.x interface "
			   "(legacy only: not supported; QEMU offers both unless disable-modern=on)\n",
			   dev->bus, dev->dev, dev->func);
		return Error{-UK_ENODEV};
	}
	void *mem = uk_malloc(a, sizeof(PciTransport));
	if (!mem)
		return Error{-UK_ENOMEM};
	auto *t = new (mem) PciTransport();
	t->pci_ = dev;
	t->id_ = id;
	t->common_ = common;
	t->notify_ = notify;
	t->dev_ = device;
	t->notify_mult_ = mult;
	const int n = uk_pci_msix_count(dev);
	t->msix_entries_ = n > 0 ? n : 0;
	return t;
}

Result<void> PciTransport::queue_irq(uint16_t q, IrqFn fn, void *arg)
{
	if (q >= kMaxQueues || q >= msix_entries_)
		return Error{-UK_ENOTSUP};
	QueueIrq &qi = qirq_[q];
	if (qi.on)
		return Error{-UK_EBUSY};
	unsigned irq;
	ukplat_msi_msg msg;
	int rc = ukplat_irq_alloc_msi(&irq, &msg);
	if (rc < 0)
		return Error{rc};
	rc = ukplat_irq_register(irq, fn, arg);
	if (rc < 0) {
		ukplat_irq_free_msi(irq);
		return Error{rc};
	}
	// Entry q serves queue q: the table has room for every queue here.
	rc = uk_pci_msix_set_entry(pci_, q, msg.addr, msg.data);
	if (rc == 0 && !msix_on_) {
		rc = uk_pci_msix_enable(pci_);
		msix_on_ = rc == 0;
		w16(kMsixConfig, kNoVector);
	}
	if (rc == 0) {
		w16(kQueueSelect, q);
		w16(kQueueMsixVector, q);
		// The device reads back NO_VECTOR when it could not map it.
		if (r16(kQueueMsixVector) != q)
			rc = -UK_ENOSPC;
	}
	if (rc < 0) {
		uk_pci_msix_mask_entry(pci_, q);
		ukplat_irq_unregister(irq, fn, arg);
		ukplat_irq_free_msi(irq);
		return Error{rc};
	}
	qi = QueueIrq{irq, fn, arg, true};
	return {};
}

void PciTransport::queue_irq_release(uint16_t q)
{
	if (q >= kMaxQueues || !qirq_[q].on)
		return;
	QueueIrq &qi = qirq_[q];
	uk_pci_msix_mask_entry(pci_, q);
	w16(kQueueSelect, q);
	w16(kQueueMsixVector, kNoVector);
	ukplat_irq_unregister(qi.irq, qi.fn, qi.arg);
	ukplat_irq_free_msi(qi.irq);
	qi = QueueIrq{};
}

int pci_probe(uk_pci_device *dev)
{
	if (dev->device_id < kFirstDevice || dev->device_id > kLastDevice)
		return -UK_ENODEV;
	// Transitional devices say what they are in the subsystem id.
	const uint32_t id = dev->device_id >= kFirstModern ? dev->device_id - kFirstModern
							   : dev->subsystem_id;
	if (id != kIdNet)
		return -UK_ENODEV;
	uk_alloc *a = uk_alloc_get_default();
	uk_pci_enable_memory(dev);
	uk_pci_enable_bus_master(dev);
	auto created = PciTransport::create(a, dev, id);
	if (!created.ok())
		return created.error();
	PciTransport *t = created.take();
	int rc = net_probe(*t, a);
	if (rc < 0) {
		t->~PciTransport();
		uk_free(a, t);
	}
	return rc;
}

constinit const uk_pci_id kIds[] = {{kVendor, UK_PCI_ANY_ID}, {0, 0}};
constinit uk_pci_driver driver{"virtio-pci", kIds, pci_probe, nullptr};

int virtio_pci_register() { return uk_pci_driver_register(&driver); }

}  // namespace
}  // namespace uk::virtio

using uk::virtio::virtio_pci_register;
uk_plat_initcall_prio(virtio_pci_register, 5);
