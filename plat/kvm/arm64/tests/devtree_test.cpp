// SPDX-License-Identifier: BSD-3-Clause
//
// bootinfo_from_fdt on QEMU's virt trees and on trees missing what the
// platform needs.

#include <uk/fdt.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "arm64.hpp"
#include "fdt_builder.hpp"

namespace {

using uk::kvm::BootInfo;
using uk::kvm::bootinfo_from_fdt;
using uk::kvm::GicVersion;
using uk::kvm::PsciMethod;

std::vector<uint8_t> fixture(const char *name)
{
	std::ifstream f(std::string(UKFDT_FIXTURES) + "/" + name, std::ios::binary);
	return {std::istreambuf_iterator<char>(f), {}};
}

TEST(Devtree, QemuVirtGicv2)
{
	auto blob = fixture("qemu-virt-gicv2.dtb");
	ASSERT_EQ(uk_fdt_check(blob.data(), blob.size(), nullptr), 0);
	BootInfo bi;
	const char *why = "";
	ASSERT_EQ(bootinfo_from_fdt(blob.data(), &bi, &why), 0) << why;
	ASSERT_EQ(bi.nram, 1);
	EXPECT_EQ(bi.ram[0].base, 0x40000000u);
	EXPECT_EQ(bi.ram[0].len, 128u << 20);
	EXPECT_EQ(bi.uart_base, 0x9000000u);
	EXPECT_EQ(bi.gic, GicVersion::kV2);
	EXPECT_EQ(bi.gicd_base, 0x8000000u);
	EXPECT_EQ(bi.gicc_base, 0x8010000u);
	EXPECT_EQ(bi.timer_intid, 27u);
	EXPECT_EQ(bi.psci, PsciMethod::kHvc);
	EXPECT_EQ(bi.rtc_base, 0x9010000u);
	EXPECT_EQ(bi.cmdline, nullptr);
	EXPECT_EQ(bi.initrd_len, 0u);
}

TEST(Devtree, QemuVirtGicv3WithCommandLine)
{
	auto blob = fixture("qemu-virt-gicv3-boot.dtb");
	ASSERT_EQ(uk_fdt_check(blob.data(), blob.size(), nullptr), 0);
	BootInfo bi;
	const char *why = "";
	ASSERT_EQ(bootinfo_from_fdt(blob.data(), &bi, &why), 0) << why;
	EXPECT_EQ(bi.gic, GicVersion::kV3);
	EXPECT_EQ(bi.gicd_base, 0x8000000u);
	EXPECT_EQ(bi.gicc_base, 0x80a0000u);
	EXPECT_EQ(bi.gicc_size, 0xf60000u);
	EXPECT_EQ(bi.ram[0].len, 256u << 20);
	EXPECT_STREQ(bi.cmdline, "one 'two words'");
}

// A small board: what a tree needs, with knobs to leave parts out.
struct Board {
	bool memory = true, gic = true, timer = true, uart = true;
	bool initrd32 = false, initrd64 = false;
	std::string psci = "smc";
	std::string stdout_path = "/soc/uart@2000";

	std::vector<uint8_t> blob() const
	{
		fdt_test::Builder b;
		b.begin("").prop_u32("#address-cells", {2}).prop_u32("#size-cells", {2})
			.prop_u32("interrupt-parent", {1});
		b.begin("chosen").prop_str("stdout-path", stdout_path + ":115200n8");
		if (initrd32)
			b.prop_u32("linux,initrd-start", {0x48000000}).prop_u32("linux,initrd-end", {0x48001000});
		if (initrd64)
			b.prop_u32("linux,initrd-start", {1, 0}).prop_u32("linux,initrd-end", {1, 0x200});
		b.end();
		if (memory) {
			b.begin("memory@40000000").prop_str("device_type", "memory")
				.prop_u32("reg", {0, 0x40000000, 0, 0x4000000, 1, 0, 0, 0x1000000}).end();
			b.begin("memory@80000000").prop_str("device_type", "memory")
				.prop_u32("reg", {0, 0x80000000, 0, 0x1000000}).end();
		}
		if (!psci.empty())
			b.begin("psci").prop_strs("compatible", std::string("arm,psci-1.0\0arm,psci-0.2", 25))
				.prop_str("method", psci).end();
		b.begin("soc").prop_u32("#address-cells", {1}).prop_u32("#size-cells", {1});
		if (gic)
			b.begin("intc@1000").prop_u32("phandle", {1}).prop_u32("#interrupt-cells", {3})
				.prop_strs("compatible", "arm,gic-400").prop_u32("reg", {0x1000, 0x1000, 0x2000, 0x2000})
				.end();
		b.begin("uart@3000").prop_strs("compatible", std::string("arm,pl011\0arm,primecell", 23))
			.prop_u32("reg", {0x3000, 0x1000}).end();
		if (uart)
			b.begin("uart@2000").prop_strs("compatible", "arm,pl011").prop_u32("reg", {0x2000, 0x1000}).end();
		b.end();
		if (timer)
			b.begin("timer").prop_strs("compatible", "arm,armv8-timer")
				.prop_u32("interrupts", {1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4}).end();
		b.end();
		return b.blob();
	}
};

int parse(const Board &board, BootInfo *bi, std::string *why)
{
	auto blob = board.blob();
	EXPECT_EQ(uk_fdt_check(blob.data(), blob.size(), nullptr), 0);
	const char *w = "";
	int rc = bootinfo_from_fdt(blob.data(), bi, &w);
	*why = w;
	return rc;
}

TEST(Devtree, EveryMemoryRangeAndTheStdoutPathUart)
{
	BootInfo bi;
	std::string why;
	ASSERT_EQ(parse(Board{}, &bi, &why), 0) << why;
	ASSERT_EQ(bi.nram, 3);
	EXPECT_EQ(bi.ram[1].base, 0x100000000u);
	EXPECT_EQ(bi.ram[2].base, 0x80000000u);
	EXPECT_EQ(bi.uart_base, 0x2000u); // stdout-path, options cut off
	EXPECT_EQ(bi.psci, PsciMethod::kSmc);
	EXPECT_EQ(bi.gicc_base, 0x2000u);
	EXPECT_EQ(bi.rtc_base, 0u);
	Board other;
	other.stdout_path = "/nowhere";
	ASSERT_EQ(parse(other, &bi, &why), 0);
	EXPECT_EQ(bi.uart_base, 0x3000u); // the first PL011 then
	// A path the walk's copy does not spell the same way: looked up.
	other.stdout_path = "//soc//uart@2000";
	ASSERT_EQ(parse(other, &bi, &why), 0);
	EXPECT_EQ(bi.uart_base, 0x2000u);
}

TEST(Devtree, InitrdInEitherCellSize)
{
	BootInfo bi;
	std::string why;
	Board b32;
	b32.initrd32 = true;
	ASSERT_EQ(parse(b32, &bi, &why), 0);
	EXPECT_EQ(bi.initrd_base, 0x48000000u);
	EXPECT_EQ(bi.initrd_len, 0x1000u);
	Board b64;
	b64.initrd64 = true;
	ASSERT_EQ(parse(b64, &bi, &why), 0);
	EXPECT_EQ(bi.initrd_base, 0x100000000u);
	EXPECT_EQ(bi.initrd_len, 0x200u);
}

TEST(Devtree, MissingPartsAreNamed)
{
	BootInfo bi;
	std::string why;
	Board no_mem;
	no_mem.memory = false;
	EXPECT_EQ(parse(no_mem, &bi, &why), -UK_EINVAL);
	EXPECT_EQ(why, "no memory node (device_type \"memory\" with a reg)");
	Board no_gic;
	no_gic.gic = false;
	EXPECT_EQ(parse(no_gic, &bi, &why), -UK_EINVAL);
	EXPECT_EQ(why, "no interrupt controller (arm,gic-v3 or a GICv2 such as arm,cortex-a15-gic)");
	Board no_timer;
	no_timer.timer = false;
	EXPECT_EQ(parse(no_timer, &bi, &why), -UK_EINVAL);
	EXPECT_EQ(why, "no generic timer (arm,armv8-timer)");
	Board no_psci;
	no_psci.psci = "";
	ASSERT_EQ(parse(no_psci, &bi, &why), 0);
	EXPECT_EQ(bi.psci, PsciMethod::kNone);
}

}  // namespace
