// SPDX-License-Identifier: BSD-3-Clause
//
// The capability walk and MSI-X table programming (capability.cpp) on a
// simulated function whose MSI-X table sits in host memory behind a
// 64-bit BAR.

#include <cstdlib>

#include "fake_bus.hpp"

using namespace pci_test;

namespace {

class PciCapabilities : public ::testing::Test {
protected:
	void SetUp() override
	{
		uk::pci::reset_for_tests();
		f = &bus.add({0, 4, 0}, 0x1af4, 0x1041, 0x02, 0x00);
		f->cfg[6] = 0x10; // status: capability list
		f->cfg[0x34] = 0x40;
		// 0x40 vendor -> 0x50 MSI-X -> 0x60 vendor -> end
		cap(0x40, UK_PCI_CAP_VENDOR, 0x53); // reserved low bits set
		cap(0x50, UK_PCI_CAP_MSIX, 0x60);
		cap(0x60, UK_PCI_CAP_VENDOR, 0x00);
		f->cfg[0x52] = 3; // 4 entries
		f->writable[0x50 / 4] = 0xc0000000u; // enable and function mask
		table = static_cast<uint32_t *>(std::aligned_alloc(4096, 4096));
		for (int i = 0; i < 1024; ++i)
			table[i] = (i % 4 == 3) ? 1 : 0xdeadbeef; // entries start masked
		FakeBus::mem64_bar(*f, 2, reinterpret_cast<uintptr_t>(table), 4096);
		FakeBus::io_bar(*f, 0, 0xc000, 0x20);
		set_table(2, 0x800);
		cs = bus.ops();
	}
	void TearDown() override
	{
		uk::pci::reset_for_tests();
		std::free(table);
	}
	void cap(uint8_t at, uint8_t id, uint8_t next)
	{
		f->cfg[at] = id;
		f->cfg[at + 1] = next;
	}
	void set_table(uint8_t bir, uint32_t off)
	{
		const uint32_t v = off | bir;
		memcpy(&f->cfg[0x54], &v, 4);
	}
	uk_pci_device *dev()
	{
		uk::pci::bus_init(&cs);
		return uk_pci_device_next(nullptr);
	}

	FakeBus bus;
	Function *f = nullptr;
	uint32_t *table = nullptr;
	uk::pci::ConfigSpace cs;
};

TEST_F(PciCapabilities, WalkFindsEachInOrder)
{
	uk_pci_device *d = dev();
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_VENDOR, 0), 0x40);
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_VENDOR, 0x40), 0x60);
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_VENDOR, 0x60), 0);
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_MSIX, 0), 0x50);
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_MSI, 0), 0);
}

TEST_F(PciCapabilities, NoListLoopsAndPointersIntoTheHeaderEndTheWalk)
{
	f->cfg[6] = 0;
	uk_pci_device *d = dev();
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_VENDOR, 0), 0);
	f->cfg[6] = 0x10;
	cap(0x60, UK_PCI_CAP_VENDOR, 0x40); // 0x40 -> 0x50 -> 0x60 -> 0x40 ...
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_MSI, 0), 0);
	cap(0x50, UK_PCI_CAP_MSIX, 0x3c); // into the standard header
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_MSI, 0), 0);
	EXPECT_EQ(uk_pci_find_capability(d, UK_PCI_CAP_MSIX, 0), 0x50);
}

TEST_F(PciCapabilities, MsixEntriesAreWrittenAndUnmasked)
{
	uk_pci_device *d = dev();
	ASSERT_EQ(d->bar[2].type, UK_PCI_BAR_MEM64);
	EXPECT_EQ(uk_pci_msix_count(d), 4);
	EXPECT_EQ(uk_pci_msix_set_entry(d, 1, 0xfee01000, 0x41), 0);
	uint32_t *e = table + 0x800 / 4 + 4;
	EXPECT_EQ(e[0], 0xfee01000u);
	EXPECT_EQ(e[1], 0u);
	EXPECT_EQ(e[2], 0x41u);
	EXPECT_EQ(e[3] & 1, 0u);
	EXPECT_EQ(table[0x800 / 4 + 3] & 1, 1u); // entry 0 untouched
	EXPECT_EQ(uk_pci_msix_mask_entry(d, 1), 0);
	EXPECT_EQ(e[3] & 1, 1u);
	EXPECT_EQ(uk_pci_msix_set_entry(d, 4, 0xfee00000, 0x40), -UK_EINVAL);
	EXPECT_EQ(uk_pci_msix_mask_entry(d, 4), -UK_EINVAL);
}

TEST_F(PciCapabilities, EnableSetsTheBitClearsTheMaskAndTurnsIntxOff)
{
	f->cfg[0x53] = 0x40; // function mask on, as firmware may leave it
	uk_pci_device *d = dev();
	EXPECT_EQ(uk_pci_msix_enable(d), 0);
	EXPECT_EQ(f->cfg[0x53] & 0xc0, 0x80);
	EXPECT_TRUE(f->cfg[5] & 0x04); // command bit 10: INTx disable
	EXPECT_EQ(f->cfg[0x52], 3); // table size is read-only
	uk_pci_msix_disable(d);
	EXPECT_EQ(f->cfg[0x53] & 0x80, 0);
}

TEST_F(PciCapabilities, ATableOutsideAMemoryBarIsRefused)
{
	set_table(0, 0); // BAR0 is I/O
	uk_pci_device *d = dev();
	EXPECT_EQ(uk_pci_msix_count(d), -UK_EINVAL);
	EXPECT_EQ(uk_pci_msix_set_entry(d, 0, 0xfee00000, 0x40), -UK_EINVAL);
	EXPECT_EQ(uk_pci_msix_enable(d), -UK_EINVAL);
	set_table(2, 4096 - 32); // 4 entries need 64 bytes
	EXPECT_EQ(uk_pci_msix_count(d), -UK_EINVAL);
	set_table(7, 0);
	EXPECT_EQ(uk_pci_msix_count(d), -UK_EINVAL);
	cap(0x40, UK_PCI_CAP_VENDOR, 0x60); // MSI-X unlinked
	EXPECT_EQ(uk_pci_msix_count(d), -UK_ENOENT);
}

}  // namespace
