// SPDX-License-Identifier: BSD-3-Clause
//
// uk::pci::scan() and decode_bars() on a simulated bus: topology
// (multi-function devices, bridges, loops), header fields, BARs of every
// kind, restoration of what the sizing wrote, and random config spaces.

#include <random>
#include <vector>

#include "fake_bus.hpp"

using namespace pci_test;
using uk::pci::Bdf;

namespace {

/** A QEMU-like machine: bus 0 with a multi-function PIIX, a virtio NIC and
 * a bridge to bus 1, which has a second bridge to bus 2 (that one also
 * points back at bus 1: a loop the scan must survive). */
void build_machine(FakeBus &bus)
{
	bus.add({0, 0, 0}, 0x8086, 0x1237, 0x06, 0x00);
	auto &isa = bus.add({0, 1, 0}, 0x8086, 0x7000, 0x06, 0x01, 0, true);
	(void)isa;
	auto &ide = bus.add({0, 1, 1}, 0x8086, 0x7010, 0x01, 0x01);
	FakeBus::io_bar(ide, 4, 0xc040, 0x10);
	bus.add({0, 1, 3}, 0x8086, 0x7113, 0x06, 0x80); // function 2 absent
	auto &net = bus.add({0, 2, 0}, 0x1af4, 0x1000, 0x02, 0x00);
	FakeBus::io_bar(net, 0, 0xc000, 0x20);
	FakeBus::mem32_bar(net, 1, 0xfebd1000, 0x1000);
	FakeBus::mem64_bar(net, 4, 0xfe000000, 0x4000, true);
	net.cfg[0x2c] = 0xf4; net.cfg[0x2d] = 0x1a; // subsystem 1af4:0001
	net.cfg[0x2e] = 0x01;
	net.cfg[0x3c] = 11; net.cfg[0x3d] = 1;
	net.cfg[4] = 0x07; // decoding and bus mastering on, as firmware left it
	auto &br = bus.add({0, 3, 0}, 0x1b36, 0x0001, 0x06, 0x04, 1);
	FakeBus::mem32_bar(br, 0, 0xfebd2000, 0x100);
	bus.bridge_buses(br, 1, 2);
	br.cfg[4] = 0x03;

	auto &big = bus.add({1, 0, 0}, 0x1af4, 0x1041, 0x01, 0x00);
	FakeBus::mem64_bar(big, 2, 0x800000000ull, 0x200000000ull); // 8 GiB
	auto &br2 = bus.add({1, 5, 0}, 0x1b36, 0x0001, 0x06, 0x04, 1);
	bus.bridge_buses(br2, 2, 2);

	auto &old = bus.add({2, 0, 0}, 0x1234, 0x1111, 0xff, 0x00);
	FakeBus::io_bar(old, 0, 0x1000, 0x100, true); // 16-bit decoder
	auto &loop = bus.add({2, 7, 0}, 0x1b36, 0x0001, 0x06, 0x04, 1);
	bus.bridge_buses(loop, 1, 1);

	bus.add({3, 0, 0}, 0xdead, 0xbeef, 0, 0); // no bridge leads here
}

std::vector<uk_pci_device> scan_all(FakeBus &bus, int max = 64, int *dropped = nullptr)
{
	std::vector<uk_pci_device> out(static_cast<size_t>(max));
	auto cs = bus.ops();
	auto res = uk::pci::scan(cs, out.data(), max);
	if (dropped)
		*dropped = res.dropped;
	out.resize(static_cast<size_t>(res.found));
	return out;
}

const uk_pci_device *at(const std::vector<uk_pci_device> &v, Bdf b)
{
	for (const auto &d : v)
		if (d.bus == b.bus && d.dev == b.dev && d.func == b.func)
			return &d;
	return nullptr;
}

}  // namespace

TEST(PciScan, TopologyOrderAndReach)
{
	FakeBus bus;
	build_machine(bus);
	auto devs = scan_all(bus);
	std::vector<std::tuple<int, int, int>> got;
	for (const auto &d : devs)
		got.emplace_back(d.bus, d.dev, d.func);
	std::vector<std::tuple<int, int, int>> want = {
		{0, 0, 0}, {0, 1, 0}, {0, 1, 1}, {0, 1, 3}, {0, 2, 0}, {0, 3, 0},
		{1, 0, 0}, {1, 5, 0}, {2, 0, 0}, {2, 7, 0}};
	EXPECT_EQ(got, want);
}

TEST(PciScan, HeaderFields)
{
	FakeBus bus;
	build_machine(bus);
	auto devs = scan_all(bus);
	const uk_pci_device *net = at(devs, {0, 2, 0});
	ASSERT_NE(net, nullptr);
	EXPECT_EQ(net->vendor_id, 0x1af4);
	EXPECT_EQ(net->device_id, 0x1000);
	EXPECT_EQ(net->class_code, 0x02);
	EXPECT_EQ(net->subclass, 0x00);
	EXPECT_EQ(net->prog_if, 0x01);
	EXPECT_EQ(net->revision, 0x02);
	EXPECT_EQ(net->subsystem_vendor_id, 0x1af4);
	EXPECT_EQ(net->subsystem_id, 0x0001);
	EXPECT_EQ(net->irq_line, 11);
	EXPECT_EQ(net->irq_pin, 1);
	EXPECT_EQ(net->header_type, 0);
	EXPECT_EQ(net->driver, nullptr);
	const uk_pci_device *br = at(devs, {0, 3, 0});
	ASSERT_NE(br, nullptr);
	EXPECT_EQ(br->header_type, 1);
	EXPECT_EQ(br->secondary_bus, 1);
	EXPECT_EQ(br->subordinate_bus, 2);
	EXPECT_EQ(at(devs, {0, 1, 0})->header_type, 0); // multi-function bit stripped
}

TEST(PciScan, BarsOfEveryKind)
{
	FakeBus bus;
	build_machine(bus);
	auto devs = scan_all(bus);
	const uk_pci_device *net = at(devs, {0, 2, 0});
	EXPECT_EQ(net->bar[0].type, UK_PCI_BAR_IO);
	EXPECT_EQ(net->bar[0].base, 0xc000u);
	EXPECT_EQ(net->bar[0].size, 0x20u);
	EXPECT_EQ(net->bar[1].type, UK_PCI_BAR_MEM32);
	EXPECT_EQ(net->bar[1].base, 0xfebd1000u);
	EXPECT_EQ(net->bar[1].size, 0x1000u);
	EXPECT_FALSE(net->bar[1].prefetchable);
	EXPECT_EQ(net->bar[2].type, UK_PCI_BAR_NONE);
	EXPECT_EQ(net->bar[3].type, UK_PCI_BAR_NONE);
	EXPECT_EQ(net->bar[4].type, UK_PCI_BAR_MEM64);
	EXPECT_EQ(net->bar[4].base, 0xfe000000u);
	EXPECT_EQ(net->bar[4].size, 0x4000u);
	EXPECT_TRUE(net->bar[4].prefetchable);
	EXPECT_EQ(net->bar[5].type, UK_PCI_BAR_NONE); // upper half

	const uk_pci_device *big = at(devs, {1, 0, 0});
	EXPECT_EQ(big->bar[2].type, UK_PCI_BAR_MEM64);
	EXPECT_EQ(big->bar[2].base, 0x800000000ull);
	EXPECT_EQ(big->bar[2].size, 0x200000000ull);

	const uk_pci_device *old = at(devs, {2, 0, 0});
	EXPECT_EQ(old->bar[0].type, UK_PCI_BAR_IO);
	EXPECT_EQ(old->bar[0].size, 0x100u);

	const uk_pci_device *br = at(devs, {0, 3, 0});
	EXPECT_EQ(br->bar[0].type, UK_PCI_BAR_MEM32);
	EXPECT_EQ(br->bar[0].size, 0x100u);
	for (int i = 2; i < UK_PCI_MAX_BARS; i++) // bridges have two BARs
		EXPECT_EQ(br->bar[i].type, UK_PCI_BAR_NONE);
	EXPECT_EQ(at(devs, {0, 1, 1})->bar[4].base, 0xc040u);
}

TEST(PciScan, SizingRestoresConfigSpaceAndNeverDecodesAllOnes)
{
	FakeBus bus;
	build_machine(bus);
	auto before = bus.functions();
	scan_all(bus);
	EXPECT_EQ(bus.decode_violations, 0);
	for (auto &[bdf, f] : bus.functions())
		EXPECT_EQ(f.cfg, before[bdf].cfg)
			<< int(bdf.bus) << ":" << int(bdf.dev) << "." << int(bdf.func);
}

TEST(PciScan, OddBars)
{
	FakeBus bus;
	auto &f = bus.add({0, 4, 0}, 0x1111, 0x2222, 0, 0);
	FakeBus::mem64_bar(f, 4, 0xfe000000, 0x1000); // BAR5 is its upper half
	f.set_dword(4 + 5, 0);
	auto &g = bus.add({0, 5, 0}, 0x1111, 0x2223, 0, 0);
	g.set_dword(4 + 5, 0x4); // 64-bit type in the last BAR: no upper half
	g.writable[4 + 5] = 0xfffff000;
	g.set_dword(4 + 0, 0x6); // reserved memory type 3
	g.writable[4 + 0] = 0xfffff000;
	FakeBus::mem32_bar(g, 1, 0x0, 0x1000); // implemented but unassigned
	auto devs = scan_all(bus);
	ASSERT_EQ(devs.size(), 2u);
	EXPECT_EQ(devs[0].bar[4].type, UK_PCI_BAR_MEM64);
	EXPECT_EQ(devs[0].bar[5].type, UK_PCI_BAR_NONE);
	EXPECT_EQ(devs[1].bar[5].type, UK_PCI_BAR_NONE);
	EXPECT_EQ(devs[1].bar[0].type, UK_PCI_BAR_NONE);
	EXPECT_EQ(devs[1].bar[1].type, UK_PCI_BAR_MEM32);
	EXPECT_EQ(devs[1].bar[1].base, 0u);
	EXPECT_EQ(devs[1].bar[1].size, 0x1000u);
	EXPECT_EQ(devs[1].bar[2].type, UK_PCI_BAR_NONE); // nothing sticks
}

TEST(PciScan, TableFullCountsDropped)
{
	FakeBus bus;
	build_machine(bus);
	int dropped = 0;
	auto devs = scan_all(bus, 4, &dropped);
	EXPECT_EQ(devs.size(), 4u);
	// Bridges that did not fit are still followed, so that the count
	// covers everything behind them.
	EXPECT_EQ(dropped, 6);
}

TEST(PciScan, EmptyBus)
{
	FakeBus bus;
	EXPECT_TRUE(scan_all(bus).empty());
	EXPECT_EQ(bus.writes, 0);
}

TEST(PciScan, RandomConfigSpacesTerminateAndStayInBounds)
{
	std::mt19937 rng(4242);
	for (int it = 0; it < 300; it++) {
		FakeBus bus;
		const int n = 1 + static_cast<int>(rng() % 40);
		for (int i = 0; i < n; i++) {
			Bdf b{static_cast<uint8_t>(rng() % 4), static_cast<uint8_t>(rng() % 32),
			      static_cast<uint8_t>(rng() % 8)};
			auto &f = bus.add(b, static_cast<uint16_t>(rng()), 0x1, 0, 0,
					  static_cast<uint8_t>(rng() % 4), rng() % 2);
			for (auto &byte : f.cfg) // random everything but the ids
				if (&byte >= &f.cfg[8])
					byte = static_cast<uint8_t>(rng());
			for (auto &w : f.writable)
				w = static_cast<uint32_t>(rng());
			if (f.dword(0) == 0xffff0001u)
				f.set_dword(0, 0x00010001u);
		}
		const int max = 1 + static_cast<int>(rng() % 70);
		int dropped = 0;
		auto devs = scan_all(bus, max, &dropped);
		ASSERT_LE(static_cast<int>(devs.size()), max);
		for (const auto &d : devs) {
			ASSERT_LT(d.dev, 32);
			ASSERT_LT(d.func, 8);
			for (const auto &bar : d.bar) {
				ASSERT_LE(bar.type, UK_PCI_BAR_MEM64);
				if (bar.type != UK_PCI_BAR_NONE) {
					ASSERT_NE(bar.size, 0u);
					ASSERT_EQ(bar.size & (bar.size - 1), 0u); // power of two
				}
			}
		}
		// 4 buses x 32 devices x 8 functions at most, plus the BARs.
		ASSERT_LT(bus.reads, 4 * 256 * 64);
	}
}
