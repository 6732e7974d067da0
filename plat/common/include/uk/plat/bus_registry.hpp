// SPDX-License-Identifier: BSD-3-Clause
//
// Devices a bus library found at boot and the drivers that claim them,
// with one life cycle for every bus (PCI, virtio-mmio; see uk/bus/pci.h):
// drivers registered before the scan are offered each device, in
// registration order, when the scan ends; a driver registered later is
// offered the devices still unclaimed at once. No allocation: devices
// live in a fixed table, drivers in their own structs linked through
// Drv::next. Everything runs at boot on one CPU: no lock.
//
// Dev needs a `Drv *driver` member; Drv needs `name`, `probe(Dev *)`
// and `next`. A probe returns 0 to claim the device, -ENODEV for "not
// mine" (silently passed on), any other error is reported.
#pragma once

#include <uk/errno.h>

namespace uk::plat {

template <class Dev, class Drv, int kMax>
class BusRegistry {
public:
	using Matches = bool (*)(const Drv *, const Dev *);
	using Report = void (*)(const Dev *, const Drv *, int rc);

	constexpr BusRegistry(Matches matches, Report report) : matches_(matches), report_(report) {}

	/** The table a scan fills before calling scanned(). */
	Dev *slots() { return devices_; }
	static constexpr int capacity() { return kMax; }

	/** The scan wrote @p n devices: offer them to the drivers. */
	void scanned(int n)
	{
		n_ = n;
		scanned_ = true;
		for (int i = 0; i < n_; i++)
			for (Drv *drv = drivers_; drv; drv = drv->next)
				if (offer(drv, &devices_[i]))
					break;
	}

	/** @return 0, or -EEXIST when @p drv is registered already. */
	int add_driver(Drv *drv)
	{
		Drv **tail = &drivers_;
		for (; *tail; tail = &(*tail)->next)
			if (*tail == drv)
				return -UK_EEXIST;
		drv->next = nullptr;
		*tail = drv;
		if (scanned_) // late driver: offer what is still unclaimed
			for (int i = 0; i < n_; i++)
				offer(drv, &devices_[i]);
		return 0;
	}

	int count() const { return n_; }

	/** @return the device after @p prev (nullptr: the first), or nullptr. */
	Dev *next(Dev *prev)
	{
		const int i = prev ? static_cast<int>(prev - devices_) + 1 : 0;
		return i < n_ ? &devices_[i] : nullptr;
	}

	/** Host tests: forget devices and drivers. */
	void reset()
	{
		for (Dev &d : devices_)
			d = Dev{};
		n_ = 0;
		drivers_ = nullptr;
		scanned_ = false;
	}

private:
	bool offer(Drv *drv, Dev *dev)
	{
		if (dev->driver || !matches_(drv, dev))
			return false;
		const int r = drv->probe(dev);
		if (r == 0) {
			dev->driver = drv;
			return true;
		}
		if (r != -UK_ENODEV)
			report_(dev, drv, r);
		return false;
	}

	Matches matches_;
	Report report_;
	Dev devices_[kMax]{};
	int n_ = 0;
	Drv *drivers_ = nullptr;
	bool scanned_ = false;
};

}  // namespace uk::plat
