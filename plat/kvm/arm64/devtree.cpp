// SPDX-License-Identifier: BSD-3-Clause
//
// What the platform reads from the device tree: RAM, the command line
// and initrd (/chosen), the console UART, the interrupt controller, the
// generic timer's interrupt, PSCI and the real-time clock. Pure logic on
// a checked blob (host-tested on QEMU's own trees: tests/devtree_test.cpp).

#include <uk/fdt.h>
#include <uk/plat/irq.h>

#include "arm64.hpp"

namespace uk::kvm {
namespace {

constexpr const char *kGicV2Compat[] = {"arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a9-gic",
					"arm,arm11mp-gic"};
constexpr const char *kPsciCompat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"};
constexpr int kTimerVirtIndex = 2; // secure, non-secure, virtual, hypervisor

bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		++a, ++b;
	return *a == *b;
}

int find_any(const void *fdt, const char *const *compat, size_t n)
{
	for (size_t i = 0; i < n; ++i) {
		int node = uk_fdt_find_compatible(fdt, -1, compat[i]);
		if (node >= 0)
			return node;
	}
	return -UK_ENOENT;
}

bool reg0(const void *fdt, int node, uintptr_t *base, size_t *size = nullptr)
{
	uint64_t a, s;
	if (uk_fdt_reg(fdt, node, 0, &a, &s) < 0 || a == 0)
		return false;
	*base = static_cast<uintptr_t>(a);
	if (size)
		*size = static_cast<size_t>(s);
	return true;
}

// A 32- or 64-bit cell value (linux,initrd-start/-end come as either).
bool read_addr(const void *fdt, int node, const char *name, uint64_t *out)
{
	int len;
	const auto *p = static_cast<const uint8_t *>(uk_fdt_prop(fdt, node, name, &len));
	if (!p || (len != 4 && len != 8))
		return false;
	uint64_t v = 0;
	for (int i = 0; i < len; ++i)
		v = v << 8 | p[i];
	*out = v;
	return true;
}

void read_memory(const void *fdt, BootInfo *out)
{
	for (int n = uk_fdt_root(fdt); n >= 0; n = uk_fdt_next_node(fdt, n, nullptr)) {
		const char *type = uk_fdt_prop_string(fdt, n, "device_type");
		if (!type || !same(type, "memory"))
			continue;
		uint64_t a, s;
		for (int i = 0; uk_fdt_reg(fdt, n, i, &a, &s) == 0; ++i) {
			if (s == 0 || out->nram == BootInfo::kMaxRegions)
				continue;
			out->ram[out->nram++] = {static_cast<uintptr_t>(a), static_cast<size_t>(s),
						 UKPLAT_MEMRF_ALLOCATABLE};
		}
	}
}

void read_chosen(const void *fdt, BootInfo *out)
{
	int chosen = uk_fdt_path(fdt, "/chosen");
	if (chosen < 0)
		return;
	out->cmdline = uk_fdt_prop_string(fdt, chosen, "bootargs");
	uint64_t lo, hi;
	if (read_addr(fdt, chosen, "linux,initrd-start", &lo) &&
	    read_addr(fdt, chosen, "linux,initrd-end", &hi) && hi > lo) {
		out->initrd_base = static_cast<uintptr_t>(lo);
		out->initrd_len = static_cast<size_t>(hi - lo);
	}
}

// stdout-path names the console ("/pl011@9000000", maybe with ":115200"
// options, or an alias); else the first PL011.
uintptr_t find_uart(const void *fdt)
{
	int chosen = uk_fdt_path(fdt, "/chosen");
	const char *path = chosen >= 0 ? uk_fdt_prop_string(fdt, chosen, "stdout-path") : nullptr;
	if (path && path[0] == '/') {
		char buf[128];
		size_t i = 0;
		for (; path[i] && path[i] != ':' && i < sizeof(buf) - 1; ++i)
			buf[i] = path[i];
		buf[i] = 0;
		int node = uk_fdt_path(fdt, buf);
		uintptr_t base;
		if (node >= 0 && uk_fdt_is_compatible(fdt, node, "arm,pl011") && reg0(fdt, node, &base))
			return base;
	}
	int node = uk_fdt_find_compatible(fdt, -1, "arm,pl011");
	uintptr_t base = 0;
	return node >= 0 && reg0(fdt, node, &base) ? base : 0;
}

const char *read_gic(const void *fdt, BootInfo *out)
{
	int node = uk_fdt_find_compatible(fdt, -1, "arm,gic-v3");
	out->gic = GicVersion::kV3;
	if (node < 0) {
		node = find_any(fdt, kGicV2Compat, UK_ARRAY_SIZE(kGicV2Compat));
		out->gic = GicVersion::kV2;
	}
	if (node < 0) {
		out->gic = GicVersion::kNone;
		return "no interrupt controller (arm,gic-v3 or a GICv2 such as arm,cortex-a15-gic)";
	}
	uint64_t a, s;
	if (!reg0(fdt, node, &out->gicd_base) || uk_fdt_reg(fdt, node, 1, &a, &s) < 0)
		return "the interrupt controller's reg lacks the distributor or CPU interface";
	out->gicc_base = static_cast<uintptr_t>(a);
	out->gicc_size = static_cast<size_t>(s);
	return nullptr;
}

const char *read_timer(const void *fdt, BootInfo *out)
{
	int node = uk_fdt_find_compatible(fdt, -1, "arm,armv8-timer");
	if (node < 0)
		return "no generic timer (arm,armv8-timer)";
	uint32_t cells[3];
	int parent;
	if (uk_fdt_interrupt(fdt, node, kTimerVirtIndex, cells, 3, &parent) != 3)
		return "the generic timer has no virtual timer interrupt";
	int intid = ukplat_irq_from_fdt(cells);
	if (intid < 16 || intid > 31)
		return "the virtual timer's interrupt is not a PPI";
	out->timer_intid = static_cast<uint32_t>(intid);
	return nullptr;
}

PsciMethod read_psci(const void *fdt)
{
	int node = find_any(fdt, kPsciCompat, UK_ARRAY_SIZE(kPsciCompat));
	const char *m = node >= 0 ? uk_fdt_prop_string(fdt, node, "method") : nullptr;
	if (m && same(m, "hvc"))
		return PsciMethod::kHvc;
	if (m && same(m, "smc"))
		return PsciMethod::kSmc;
	return PsciMethod::kNone;
}

}  // namespace

int bootinfo_from_fdt(const void *fdt, BootInfo *out, const char **why)
{
	*out = BootInfo{};
	read_memory(fdt, out);
	if (out->nram == 0) {
		*why = "no memory node (device_type \"memory\" with a reg)";
		return -UK_EINVAL;
	}
	read_chosen(fdt, out);
	out->uart_base = find_uart(fdt);
	const char *problem = read_gic(fdt, out);
	if (!problem)
		problem = read_timer(fdt, out);
	if (problem) {
		*why = problem;
		return -UK_EINVAL;
	}
	out->psci = read_psci(fdt);
	int rtc = uk_fdt_find_compatible(fdt, -1, "arm,pl031");
	if (rtc < 0 || !reg0(fdt, rtc, &out->rtc_base))
		out->rtc_base = 0;
	return 0;
}

}  // namespace uk::kvm
