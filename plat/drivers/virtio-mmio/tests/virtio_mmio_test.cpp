// SPDX-License-Identifier: BSD-3-Clause
//
// Discovery over QEMU's virt device tree (32 transports at 0x0a000000,
// SPIs 16-47, edge-triggered) with simulated registers behind them, and
// the registry's life cycle. uk_printk is mocked to see the warnings.

#include <uk/fdt.h>

#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fdt_builder.hpp"
#include "virtio_mmio_bus.hpp"

namespace {

using uk::virtio_mmio::Platform;
using uk::virtio_mmio::ScanResult;

std::string printed;

struct Transport {
	uint32_t magic = UK_VIRTIO_MMIO_MAGIC, version = 1, device = 0, vendor = 0x554d4551;
};

struct Board {
	std::map<uintptr_t, Transport> t; // by base address
	uintptr_t mapped_below = 0x40000000;
	std::vector<std::vector<uint32_t>> irq_calls;

	static uint32_t read32(void *ctx, uintptr_t a)
	{
		auto *b = static_cast<Board *>(ctx);
		uintptr_t base = a & ~uintptr_t{0x1ff};
		auto it = b->t.find(base);
		Transport tr = it == b->t.end() ? Transport{} : it->second;
		switch (a - base) {
		case UK_VIRTIO_MMIO_MAGIC_VALUE: return tr.magic;
		case UK_VIRTIO_MMIO_VERSION: return tr.version;
		case UK_VIRTIO_MMIO_DEVICE_ID: return tr.device;
		case UK_VIRTIO_MMIO_VENDOR_ID: return tr.vendor;
		default: return 0;
		}
	}
	static bool mapped(void *ctx, uintptr_t a, size_t len)
	{
		return a + len <= static_cast<Board *>(ctx)->mapped_below;
	}
	static int irq(void *ctx, const uint32_t c[3])
	{
		static_cast<Board *>(ctx)->irq_calls.push_back({c[0], c[1], c[2]});
		return c[0] == 0 ? static_cast<int>(32 + c[1]) : -UK_EINVAL;
	}
	Platform platform() { return Platform{read32, mapped, irq, this}; }
};

constexpr uintptr_t kFirst = 0x0a000000, kLast = 0x0a003e00;

std::vector<uint8_t> qemu_virt()
{
	std::ifstream f(std::string(UKFDT_FIXTURES) + "/qemu-virt-gicv2.dtb", std::ios::binary);
	return {std::istreambuf_iterator<char>(f), {}};
}

struct Probe {
	int calls = 0, result = 0;
};
Probe probes[2];
int probe0(uk_virtio_mmio_device *) { probes[0].calls++; return probes[0].result; }
int probe1(uk_virtio_mmio_device *) { probes[1].calls++; return probes[1].result; }
constexpr uk_virtio_mmio_id kNet[] = {{UK_VIRTIO_ID_NET}, {0}};
constexpr uk_virtio_mmio_id kAny[] = {{UK_VIRTIO_ID_ANY}, {0}};

class VirtioMmio : public ::testing::Test {
protected:
	void SetUp() override
	{
		uk::virtio_mmio::reset_for_tests();
		printed.clear();
		for (auto &p : probes)
			p = Probe{};
		dtb = qemu_virt();
		ASSERT_EQ(uk_fdt_check(dtb.data(), dtb.size(), nullptr), 0);
	}
	ScanResult init() { return uk::virtio_mmio::bus_init(dtb.data(), board.platform()); }
	std::vector<uint8_t> dtb;
	Board board;
	uk_virtio_mmio_driver net{"net", kNet, probe0, nullptr};
	uk_virtio_mmio_driver any{"any", kAny, probe1, nullptr};
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

namespace {

TEST_F(VirtioMmio, EmptyTransportsAreCountedNotOffered)
{
	ScanResult r = init();
	EXPECT_EQ(r.found, 0);
	EXPECT_EQ(r.empty, 32);
	EXPECT_EQ(r.invalid, 0);
	EXPECT_EQ(uk_virtio_mmio_device_count(), 0);
	EXPECT_EQ(uk_virtio_mmio_device_next(nullptr), nullptr);
	EXPECT_TRUE(board.irq_calls.empty()); // no trigger set for nothing
}

TEST_F(VirtioMmio, DevicesInTreeOrderWithTheirInterrupts)
{
	board.t[kLast] = Transport{UK_VIRTIO_MMIO_MAGIC, 2, UK_VIRTIO_ID_RNG, 7};
	board.t[kFirst] = Transport{UK_VIRTIO_MMIO_MAGIC, 1, UK_VIRTIO_ID_NET, 8};
	ScanResult r = init();
	ASSERT_EQ(r.found, 2);
	EXPECT_EQ(r.empty, 30);
	uk_virtio_mmio_device *d = uk_virtio_mmio_device_next(nullptr);
	ASSERT_NE(d, nullptr);
	EXPECT_EQ(d->base, kFirst);
	EXPECT_EQ(d->size, 0x200u);
	EXPECT_EQ(d->device_id, unsigned{UK_VIRTIO_ID_NET});
	EXPECT_EQ(d->version, 1u);
	EXPECT_EQ(d->vendor_id, 8u);
	EXPECT_EQ(d->irq, 32u + 16);
	d = uk_virtio_mmio_device_next(d);
	ASSERT_NE(d, nullptr);
	EXPECT_EQ(d->base, kLast);
	EXPECT_EQ(d->version, 2u);
	EXPECT_EQ(d->irq, 32u + 47);
	EXPECT_EQ(uk_virtio_mmio_device_next(d), nullptr);
	ASSERT_EQ(board.irq_calls.size(), 2u);
	EXPECT_EQ(board.irq_calls[0], (std::vector<uint32_t>{0, 16, 1})); // edge, from the tree
}

TEST_F(VirtioMmio, WhatIsNotATransportIsRefusedAndSaid)
{
	board.t[kFirst] = Transport{0x12345678, 1, UK_VIRTIO_ID_NET, 0};
	board.t[kFirst + 0x200] = Transport{UK_VIRTIO_MMIO_MAGIC, 3, UK_VIRTIO_ID_NET, 0};
	board.t[kFirst + 0x400] = Transport{UK_VIRTIO_MMIO_MAGIC, 2, UK_VIRTIO_ID_BLOCK, 0};
	ScanResult r = init();
	EXPECT_EQ(r.found, 1);
	EXPECT_EQ(r.invalid, 2);
	EXPECT_NE(printed.find("virtio-mmio at 0xa000000: magic 0x12345678 version 1: not a virtio transport"),
		  std::string::npos) << printed;
	EXPECT_NE(printed.find("version 3"), std::string::npos);
}

TEST_F(VirtioMmio, UnmappedTransportsAreNeverRead)
{
	board.mapped_below = kFirst + 0x200; // only the first one is mapped
	board.t[kFirst] = Transport{UK_VIRTIO_MMIO_MAGIC, 1, UK_VIRTIO_ID_NET, 0};
	ScanResult r = init();
	EXPECT_EQ(r.found, 1);
	EXPECT_EQ(r.invalid, 31);
	EXPECT_NE(printed.find("outside the device memory the platform maps"), std::string::npos);
}

TEST_F(VirtioMmio, FullTableDropsAndCounts)
{
	for (int i = 0; i < 6; ++i)
		board.t[kFirst + 0x200 * i] = Transport{UK_VIRTIO_MMIO_MAGIC, 1, UK_VIRTIO_ID_RNG, 0};
	ScanResult r = init();
	EXPECT_EQ(r.found, 4); // CONFIG_LIBUKVIRTIO_MMIO_MAX_DEVICES in host.mk
	EXPECT_EQ(r.dropped, 2);
}

TEST_F(VirtioMmio, EarlyDriversAtTheScanLateOnesAtOnce)
{
	board.t[kFirst] = Transport{UK_VIRTIO_MMIO_MAGIC, 1, UK_VIRTIO_ID_NET, 0};
	board.t[kFirst + 0x200] = Transport{UK_VIRTIO_MMIO_MAGIC, 1, UK_VIRTIO_ID_RNG, 0};
	ASSERT_EQ(uk_virtio_mmio_driver_register(&net), 0);
	EXPECT_EQ(uk_virtio_mmio_driver_register(&net), -UK_EEXIST);
	EXPECT_EQ(probes[0].calls, 0); // nothing scanned yet
	init();
	EXPECT_EQ(probes[0].calls, 1);
	uk_virtio_mmio_device *n = uk_virtio_mmio_device_next(nullptr);
	EXPECT_EQ(n->driver, &net);
	probes[1].result = -UK_EIO;
	ASSERT_EQ(uk_virtio_mmio_driver_register(&any), 0);
	EXPECT_EQ(probes[1].calls, 1); // only the unclaimed rng
	EXPECT_EQ(uk_virtio_mmio_device_next(n)->driver, nullptr);
	EXPECT_NE(printed.find("any probe failed: -5"), std::string::npos) << printed;
	uk_virtio_mmio_driver bad{"bad", nullptr, probe0, nullptr};
	EXPECT_EQ(uk_virtio_mmio_driver_register(&bad), -UK_EINVAL);
}

TEST_F(VirtioMmio, NotMineIsSilent)
{
	board.t[kFirst] = Transport{UK_VIRTIO_MMIO_MAGIC, 1, UK_VIRTIO_ID_NET, 0};
	probes[0].result = -UK_ENODEV;
	probes[1].result = 0;
	ASSERT_EQ(uk_virtio_mmio_driver_register(&net), 0);
	ASSERT_EQ(uk_virtio_mmio_driver_register(&any), 0);
	init();
	EXPECT_EQ(probes[0].calls, 1);
	EXPECT_EQ(probes[1].calls, 1);
	EXPECT_EQ(uk_virtio_mmio_device_next(nullptr)->driver, &any);
	EXPECT_EQ(printed, "");
}

}  // namespace
