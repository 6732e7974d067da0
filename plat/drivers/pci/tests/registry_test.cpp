// SPDX-License-Identifier: BSD-3-Clause
//
// Driver registration, matching and probing, iteration, and the C
// accessors on a simulated bus. uk_printk is mocked to see the warnings.

#include <cstdarg>
#include <string>

#include "fake_bus.hpp"

using namespace pci_test;

namespace {

std::string printed;

struct Probe {
	int calls = 0;
	int result = 0;
};
Probe probes[4];

int probe0(uk_pci_device *) { probes[0].calls++; return probes[0].result; }
int probe1(uk_pci_device *) { probes[1].calls++; return probes[1].result; }
int probe2(uk_pci_device *) { probes[2].calls++; return probes[2].result; }

constexpr uk_pci_id kVirtioNet[] = {{0x1af4, 0x1000}, {0x1af4, 0x1041}, {0, 0}};
constexpr uk_pci_id kAnyVirtio[] = {{0x1af4, UK_PCI_ANY_ID}, {0, 0}};
constexpr uk_pci_id kAnything[] = {{UK_PCI_ANY_ID, UK_PCI_ANY_ID}, {0, 0}};

class PciRegistry : public ::testing::Test {
protected:
	void SetUp() override
	{
		uk::pci::reset_for_tests();
		printed.clear();
		for (auto &p : probes)
			p = Probe{};
		bus.add({0, 0, 0}, 0x8086, 0x1237, 0x06, 0x00);
		bus.add({0, 2, 0}, 0x1af4, 0x1000, 0x02, 0x00);
		bus.add({0, 3, 0}, 0x1af4, 0x1001, 0x01, 0x00);
		cs = bus.ops();
	}
	void TearDown() override { uk::pci::reset_for_tests(); }

	uk_pci_device *find(uint16_t vendor, uint16_t device)
	{
		for (uk_pci_device *d = uk_pci_device_next(nullptr); d; d = uk_pci_device_next(d))
			if (d->vendor_id == vendor && d->device_id == device)
				return d;
		return nullptr;
	}

	FakeBus bus;
	uk::pci::ConfigSpace cs;
	uk_pci_driver net{"virtio-net", kVirtioNet, probe0, nullptr};
	uk_pci_driver virtio{"virtio-any", kAnyVirtio, probe1, nullptr};
	uk_pci_driver any{"catch-all", kAnything, probe2, nullptr};
};

}  // namespace

extern "C" void uk_printk(int, const char *, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printed += buf;
}

TEST_F(PciRegistry, IterationAndCount)
{
	EXPECT_EQ(uk_pci_device_count(), 0);
	EXPECT_EQ(uk_pci_device_next(nullptr), nullptr);
	auto res = uk::pci::bus_init(&cs);
	EXPECT_EQ(res.found, 3);
	EXPECT_EQ(uk_pci_device_count(), 3);
	int n = 0;
	for (uk_pci_device *d = uk_pci_device_next(nullptr); d; d = uk_pci_device_next(d))
		n++;
	EXPECT_EQ(n, 3);
}

TEST_F(PciRegistry, FirstMatchingDriverInRegistrationOrderWins)
{
	ASSERT_EQ(uk_pci_driver_register(&net), 0);
	ASSERT_EQ(uk_pci_driver_register(&virtio), 0);
	ASSERT_EQ(uk_pci_driver_register(&any), 0);
	uk::pci::bus_init(&cs);
	EXPECT_EQ(find(0x1af4, 0x1000)->driver, &net);
	EXPECT_EQ(find(0x1af4, 0x1001)->driver, &virtio);
	EXPECT_EQ(find(0x8086, 0x1237)->driver, &any);
	EXPECT_EQ(probes[0].calls, 1);
	EXPECT_EQ(probes[1].calls, 1);
	EXPECT_EQ(probes[2].calls, 1);
}

TEST_F(PciRegistry, DeclinedDevicesGoToTheNextDriver)
{
	probes[0].result = -UK_ENODEV; // silent
	probes[1].result = -UK_EIO;    // logged
	ASSERT_EQ(uk_pci_driver_register(&net), 0);
	ASSERT_EQ(uk_pci_driver_register(&virtio), 0);
	ASSERT_EQ(uk_pci_driver_register(&any), 0);
	uk::pci::bus_init(&cs);
	EXPECT_EQ(find(0x1af4, 0x1000)->driver, &any);
	EXPECT_EQ(find(0x1af4, 0x1001)->driver, &any);
	EXPECT_EQ(printed.find("virtio-net"), std::string::npos);
	EXPECT_NE(printed.find("00:02.0 1af4:1000: virtio-any probe failed: -5"), std::string::npos)
		<< printed;
}

TEST_F(PciRegistry, LateDriverGetsUnclaimedDevicesOnly)
{
	ASSERT_EQ(uk_pci_driver_register(&net), 0);
	uk::pci::bus_init(&cs);
	EXPECT_EQ(probes[0].calls, 1);
	ASSERT_EQ(uk_pci_driver_register(&any), 0);
	EXPECT_EQ(probes[2].calls, 2); // the two devices net did not take
	EXPECT_EQ(find(0x1af4, 0x1000)->driver, &net);
	EXPECT_EQ(find(0x8086, 0x1237)->driver, &any);
}

TEST_F(PciRegistry, RegisterErrors)
{
	EXPECT_EQ(uk_pci_driver_register(nullptr), -UK_EINVAL);
	uk_pci_driver noprobe{"x", kAnything, nullptr, nullptr};
	EXPECT_EQ(uk_pci_driver_register(&noprobe), -UK_EINVAL);
	uk_pci_driver noids{"x", nullptr, probe0, nullptr};
	EXPECT_EQ(uk_pci_driver_register(&noids), -UK_EINVAL);
	uk_pci_driver noname{nullptr, kAnything, probe0, nullptr};
	EXPECT_EQ(uk_pci_driver_register(&noname), -UK_EINVAL);
	ASSERT_EQ(uk_pci_driver_register(&net), 0);
	ASSERT_EQ(uk_pci_driver_register(&virtio), 0);
	EXPECT_EQ(uk_pci_driver_register(&net), -UK_EEXIST);
	EXPECT_EQ(uk_pci_driver_register(&virtio), -UK_EEXIST);
	EXPECT_EQ(net.next, &virtio); // the list is intact
}

TEST_F(PciRegistry, Matching)
{
	uk_pci_device d{};
	d.vendor_id = 0x1af4;
	d.device_id = 0x1041;
	EXPECT_TRUE(uk::pci::driver_matches(&net, &d));
	EXPECT_TRUE(uk::pci::driver_matches(&virtio, &d));
	d.device_id = 0x1042;
	EXPECT_FALSE(uk::pci::driver_matches(&net, &d));
	EXPECT_TRUE(uk::pci::driver_matches(&virtio, &d));
	d.vendor_id = 0x8086;
	EXPECT_FALSE(uk::pci::driver_matches(&virtio, &d));
	EXPECT_TRUE(uk::pci::driver_matches(&any, &d));
	constexpr uk_pci_id kEmpty[] = {{0, 0}};
	uk_pci_driver none{"none", kEmpty, probe0, nullptr};
	EXPECT_FALSE(uk::pci::driver_matches(&none, &d));
}

TEST_F(PciRegistry, AccessorsAndEnableHelpers)
{
	Function *f = bus.find({0, 2, 0});
	f->cfg[6] = 0x10; // status: capabilities list (must survive)
	f->writable[0x40 / 4] = 0xffffffff;
	uk::pci::bus_init(&cs);
	uk_pci_device *d = find(0x1af4, 0x1000);
	EXPECT_EQ(uk_pci_config_read16(d, 0), 0x1af4);
	EXPECT_EQ(uk_pci_config_read32(d, 0), 0x10001af4u);
	EXPECT_EQ(uk_pci_config_read8(d, 2), 0x00);
	EXPECT_EQ(uk_pci_config_read8(d, 3), 0x10);
	uk_pci_config_write32(d, 0x40, 0x11223344);
	uk_pci_config_write8(d, 0x41, 0xaa);
	uk_pci_config_write16(d, 0x42, 0xbbcc);
	EXPECT_EQ(uk_pci_config_read32(d, 0x40), 0xbbccaa44u);
	EXPECT_EQ(uk_pci_config_read16(d, 0x43), 0xbbcc); // rounded down to 0x42

	uk_pci_enable_memory(d);
	uk_pci_enable_bus_master(d);
	EXPECT_EQ(f->cfg[4], UK_PCI_COMMAND_MEMORY | UK_PCI_COMMAND_MASTER);
	uk_pci_enable_io(d);
	EXPECT_EQ(f->cfg[4], 0x7);
	EXPECT_EQ(f->cfg[6], 0x10);
	const int writes = bus.writes;
	uk_pci_enable_io(d); // already on: no write
	EXPECT_EQ(bus.writes, writes);
}

TEST_F(PciRegistry, MoreFunctionsThanTheTable)
{
	for (uint8_t dev = 4; dev < 32; dev++)
		bus.add({0, dev, 0}, 0x1234, dev, 0, 0);
	ASSERT_EQ(uk_pci_driver_register(&any), 0);
	auto res = uk::pci::bus_init(&cs);
	EXPECT_EQ(res.found, uk::pci::kMaxDevices);
	EXPECT_EQ(res.dropped, 3 + 28 - uk::pci::kMaxDevices);
	EXPECT_EQ(uk_pci_device_count(), uk::pci::kMaxDevices);
	EXPECT_EQ(probes[2].calls, uk::pci::kMaxDevices);
}
