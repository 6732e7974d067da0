// SPDX-License-Identifier: BSD-3-Clause
//
// The reader on QEMU's own device trees and on built ones.

#include <uk/fdt.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fdt_builder.hpp"

namespace {

std::vector<uint8_t> fixture(const char *name)
{
	std::ifstream f(std::string(UKFDT_FIXTURES) + "/" + name, std::ios::binary);
	return {std::istreambuf_iterator<char>(f), {}};
}

std::vector<uint8_t> sample()
{
	fdt_test::Builder b;
	b.begin("")
		.prop_u32("#address-cells", {1})
		.prop_u32("#size-cells", {1})
		.prop_str("model", "test")
		.begin("chosen")
		.prop_str("bootargs", "one two")
		.end()
		.nop()
		.begin("soc")
		.prop_u32("#address-cells", {2})
		.prop_u32("#size-cells", {2})
		.prop_u32("interrupt-parent", {7})
		.begin("intc@1000")
		.prop_u32("phandle", {7})
		.prop_u32("#interrupt-cells", {3})
		.prop_strs("compatible", std::string("vendor,gic\0arm,gic-400", 22))
		.end()
		.begin("uart@2000")
		.prop_u32("reg", {0, 0x2000, 0, 0x100, 1, 0x3000, 0, 0x200})
		.prop_u32("interrupts", {0, 5, 4, 1, 6, 8})
		.prop_strs("compatible", "arm,pl011")
		.end()
		.begin("uart")
		.prop_str("status", "disabled")
		.end()
		.end()
		.begin("memory@40000000")
		.prop_u32("reg", {0x40000000, 0x8000000})
		.end()
		.end();
	return b.blob();
}

TEST(Fdt, QemuVirtGicv2)
{
	auto blob = fixture("qemu-virt-gicv2.dtb");
	ASSERT_FALSE(blob.empty());
	const void *f = blob.data();
	const char *why = nullptr;
	ASSERT_EQ(uk_fdt_check(f, blob.size(), &why), 0) << why;
	EXPECT_EQ(uk_fdt_totalsize(f), blob.size());

	int mem = uk_fdt_path(f, "/memory");
	ASSERT_GE(mem, 0);
	EXPECT_STREQ(uk_fdt_name(f, mem), "memory@40000000");
	uint64_t a, s;
	ASSERT_EQ(uk_fdt_reg(f, mem, 0, &a, &s), 0);
	EXPECT_EQ(a, 0x40000000u);
	EXPECT_EQ(s, 0x8000000u);
	EXPECT_EQ(uk_fdt_reg(f, mem, 1, &a, &s), -UK_ENOENT);

	int psci = uk_fdt_find_compatible(f, -1, "arm,psci-0.2");
	ASSERT_GE(psci, 0);
	EXPECT_STREQ(uk_fdt_prop_string(f, psci, "method"), "hvc");

	int gic = uk_fdt_find_compatible(f, -1, "arm,cortex-a15-gic");
	ASSERT_GE(gic, 0);
	ASSERT_EQ(uk_fdt_reg(f, gic, 1, &a, &s), 0);
	EXPECT_EQ(a, 0x8010000u);

	int uart = uk_fdt_find_compatible(f, -1, "arm,pl011");
	ASSERT_GE(uart, 0);
	ASSERT_EQ(uk_fdt_reg(f, uart, 0, &a, &s), 0);
	EXPECT_EQ(a, 0x9000000u);
	uint32_t cells[3];
	int parent;
	ASSERT_EQ(uk_fdt_interrupt(f, uart, 0, cells, 3, &parent), 3);
	EXPECT_EQ(parent, gic);
	EXPECT_EQ(cells[0], 0u); // SPI
	EXPECT_EQ(cells[1], 1u);

	int timer = uk_fdt_find_compatible(f, -1, "arm,armv8-timer");
	ASSERT_GE(timer, 0);
	ASSERT_EQ(uk_fdt_interrupt(f, timer, 2, cells, 3, nullptr), 3);
	EXPECT_EQ(cells[0], 1u);  // PPI
	EXPECT_EQ(cells[1], 11u); // the virtual timer
	EXPECT_EQ(uk_fdt_interrupt(f, timer, 4, cells, 3, nullptr), -UK_ENOENT);

	int n = 0, last = -1;
	uint64_t prev = 0;
	for (int v = uk_fdt_find_compatible(f, -1, "virtio,mmio"); v >= 0;
	     v = uk_fdt_find_compatible(f, v, "virtio,mmio")) {
		ASSERT_EQ(uk_fdt_reg(f, v, 0, &a, &s), 0);
		EXPECT_EQ(s, 0x200u);
		if (n) {
			EXPECT_NE(a, prev);
		}
		prev = a;
		++n;
		last = v;
	}
	EXPECT_EQ(n, 32);
	EXPECT_EQ(uk_fdt_find_compatible(f, last, "virtio,mmio"), -UK_ENOENT);

	int chosen = uk_fdt_path(f, "/chosen");
	ASSERT_GE(chosen, 0);
	EXPECT_STREQ(uk_fdt_prop_string(f, chosen, "stdout-path"), "/pl011@9000000");
	EXPECT_EQ(uk_fdt_path(f, "/pl011@9000000"), uart);
}

TEST(Fdt, QemuVirtGicv3)
{
	auto blob = fixture("qemu-virt-gicv3.dtb");
	const void *f = blob.data();
	ASSERT_EQ(uk_fdt_check(f, blob.size(), nullptr), 0);
	int gic = uk_fdt_find_compatible(f, -1, "arm,gic-v3");
	ASSERT_GE(gic, 0);
	uint64_t a, s;
	ASSERT_EQ(uk_fdt_reg(f, gic, 0, &a, &s), 0);
	EXPECT_EQ(a, 0x8000000u);
	ASSERT_EQ(uk_fdt_reg(f, gic, 1, &a, &s), 0);
	EXPECT_EQ(a, 0x80a0000u); // the redistributors
	EXPECT_EQ(uk_fdt_find_compatible(f, -1, "arm,cortex-a15-gic"), -UK_ENOENT);
	// The ITS child inherits nothing odd: its parent is the GIC.
	int its = uk_fdt_first_child(f, gic);
	ASSERT_GE(its, 0);
	EXPECT_EQ(uk_fdt_parent(f, its), gic);
}

TEST(Fdt, PathsAndUnitAddresses)
{
	auto blob = sample();
	const void *f = blob.data();
	ASSERT_EQ(uk_fdt_check(f, blob.size(), nullptr), 0);
	int root = uk_fdt_root(f);
	EXPECT_EQ(uk_fdt_path(f, "/"), root);
	EXPECT_EQ(uk_fdt_path(f, "//"), root);
	EXPECT_STREQ(uk_fdt_name(f, root), "");
	int soc = uk_fdt_path(f, "/soc/");
	ASSERT_GE(soc, 0);
	// Without '@' the exact name wins over a unit-address match.
	int plain = uk_fdt_path(f, "/soc/uart");
	ASSERT_GE(plain, 0);
	EXPECT_STREQ(uk_fdt_name(f, plain), "uart");
	EXPECT_STREQ(uk_fdt_name(f, uk_fdt_path(f, "/soc/uart@2000")), "uart@2000");
	EXPECT_STREQ(uk_fdt_name(f, uk_fdt_path(f, "/soc/intc")), "intc@1000");
	EXPECT_EQ(uk_fdt_path(f, "/soc/uart@2001"), -UK_ENOENT);
	EXPECT_EQ(uk_fdt_path(f, "/so"), -UK_ENOENT);
	EXPECT_EQ(uk_fdt_path(f, "/chosen/bootargs"), -UK_ENOENT); // a property, not a node
	EXPECT_EQ(uk_fdt_path(f, "soc"), -UK_EINVAL);
	EXPECT_EQ(uk_fdt_parent(f, soc), root);
	EXPECT_EQ(uk_fdt_parent(f, root), -UK_ENOENT);
	EXPECT_EQ(uk_fdt_parent(f, plain), soc);
}

TEST(Fdt, WalkVisitsEveryNodeWithDepth)
{
	auto blob = sample();
	const void *f = blob.data();
	std::vector<std::pair<std::string, int>> seen;
	int depth = 0;
	for (int n = uk_fdt_root(f); n >= 0; n = uk_fdt_next_node(f, n, &depth))
		seen.emplace_back(uk_fdt_name(f, n), depth);
	std::vector<std::pair<std::string, int>> want = {
		{"", 0}, {"chosen", 1}, {"soc", 1}, {"intc@1000", 2},
		{"uart@2000", 2}, {"uart", 2}, {"memory@40000000", 1}};
	EXPECT_EQ(seen, want);
	int soc = uk_fdt_path(f, "/soc");
	std::vector<std::string> kids;
	for (int c = uk_fdt_first_child(f, soc); c >= 0; c = uk_fdt_next_sibling(f, c))
		kids.emplace_back(uk_fdt_name(f, c));
	EXPECT_EQ(kids, (std::vector<std::string>{"intc@1000", "uart@2000", "uart"}));
	EXPECT_EQ(uk_fdt_first_child(f, uk_fdt_path(f, "/chosen")), -UK_ENOENT);
}

struct Seen {
	std::vector<std::string> events; // "prop <node> <name>" and "node ..." in order
	const char *stop_at = nullptr;   // node() returns 7 there
};

int seen_prop(void *arg, int node, const char *name, const void *, int len)
{
	auto *s = static_cast<Seen *>(arg);
	s->events.push_back("prop " + std::to_string(node) + " " + name + " " +
			    std::to_string(len));
	return 0;
}

int seen_node(void *arg, const uk_fdt_node_info *n)
{
	auto *s = static_cast<Seen *>(arg);
	s->events.push_back("node " + std::string(n->name) + " d" + std::to_string(n->depth) +
			    " up" + std::to_string(n->parent) + " ph" + std::to_string(n->phandle) +
			    " ip" + std::to_string(n->interrupt_parent));
	return s->stop_at && s->stop_at == std::string(n->name) ? 7 : 0;
}

// The walk against the lookups it replaces: same nodes, parents,
// phandles and inherited interrupt parents, properties before their node.
TEST(Fdt, WalkHandsOverEveryNodeAfterItsProperties)
{
	auto blob = sample();
	const void *f = blob.data();
	Seen s;
	const uk_fdt_visitor v{seen_prop, seen_node};
	ASSERT_EQ(uk_fdt_walk(f, &v, &s), 0);
	auto node_line = [&](const char *path) {
		int n = uk_fdt_path(f, path);
		int up = uk_fdt_parent(f, n);
		uint32_t ph = 0;
		(void)uk_fdt_prop_u32(f, n, "phandle", &ph);
		int depth = 0;
		for (const char *p = path; *p; ++p)
			depth += *p == '/' && p[1];
		return "node " + std::string(uk_fdt_name(f, n)) + " d" + std::to_string(depth) +
		       " up" + std::to_string(up < 0 ? n : up) + " ph" + std::to_string(ph);
	};
	std::vector<std::string> nodes;
	for (const auto &e : s.events)
		if (e.rfind("node ", 0) == 0)
			nodes.push_back(e.substr(0, e.rfind(" ip")));
	EXPECT_EQ(nodes, (std::vector<std::string>{
				 node_line("/"), node_line("/chosen"), node_line("/soc"),
				 node_line("/soc/intc@1000"), node_line("/soc/uart@2000"),
				 node_line("/soc/uart"), node_line("/memory@40000000")}));
	// soc's interrupt-parent <7> reaches its children, not its siblings.
	EXPECT_EQ(s.events[0], "prop " + std::to_string(uk_fdt_root(f)) + " #address-cells 4");
	int uart = uk_fdt_path(f, "/soc/uart@2000");
	std::vector<std::string> uart_events;
	for (const auto &e : s.events)
		if (e.find(" " + std::to_string(uart) + " ") != std::string::npos ||
		    e.find("node uart@2000 ") == 0)
			uart_events.push_back(e);
	std::string id = std::to_string(uart);
	EXPECT_EQ(uart_events, (std::vector<std::string>{
				       "prop " + id + " reg 32", "prop " + id + " interrupts 24",
				       "prop " + id + " compatible 10",
				       "node uart@2000 d2 up" + std::to_string(uk_fdt_path(f, "/soc")) +
					       " ph0 ip7"}));
	for (const auto &e : s.events)
		if (e.find("node memory") == 0 || e.find("node chosen") == 0)
			EXPECT_NE(e.find(" ip0"), std::string::npos) << e;

	// A callback's nonzero value ends the walk.
	Seen stop;
	stop.stop_at = "intc@1000";
	EXPECT_EQ(uk_fdt_walk(f, &v, &stop), 7);
	EXPECT_EQ(stop.events.back().rfind("node intc@1000", 0), 0u);
	// Either callback may be missing.
	const uk_fdt_visitor none{nullptr, nullptr};
	EXPECT_EQ(uk_fdt_walk(f, &none, nullptr), 0);
}

TEST(Fdt, WalkSkipsPropertiesAfterAChild)
{
	fdt_test::Builder b;
	b.begin("")
		.begin("a")
		.begin("b")
		.end()
		.prop_u32("phandle", {3})
		.end()
		.end();
	auto blob = b.blob();
	Seen s;
	const uk_fdt_visitor v{seen_prop, seen_node};
	ASSERT_EQ(uk_fdt_walk(blob.data(), &v, &s), 0);
	EXPECT_EQ(s.events.size(), 3u);
	for (const auto &e : s.events)
		EXPECT_EQ(e.find("prop"), std::string::npos) << e;
	EXPECT_EQ(uk_fdt_prop(blob.data(), uk_fdt_path(blob.data(), "/a"), "phandle", nullptr),
		  nullptr); // the lookups agree
}

TEST(Fdt, InterruptFromAKnownController)
{
	auto blob = sample();
	const void *f = blob.data();
	int uart = uk_fdt_path(f, "/soc/uart@2000"), intc = uk_fdt_path(f, "/soc/intc");
	uint32_t a[3], b[3];
	ASSERT_EQ(uk_fdt_interrupt(f, uart, 1, a, 3, nullptr), 3);
	ASSERT_EQ(uk_fdt_interrupt_from(f, uart, intc, 1, b, 3), 3);
	EXPECT_EQ(std::vector<uint32_t>(a, a + 3), std::vector<uint32_t>(b, b + 3));
	EXPECT_EQ(uk_fdt_interrupt_from(f, uart, intc, 2, b, 3), -UK_ENOENT);
	// A "controller" without #interrupt-cells, and no node at all.
	EXPECT_EQ(uk_fdt_interrupt_from(f, uart, uk_fdt_path(f, "/chosen"), 0, b, 3), -UK_EINVAL);
	EXPECT_EQ(uk_fdt_interrupt_from(f, uart, 3, 0, b, 3), -UK_EINVAL);
	EXPECT_EQ(uk_fdt_interrupt_from(f, intc, intc, 0, b, 3), -UK_ENOENT); // no interrupts
}

TEST(Fdt, PropertiesRegAndInterrupts)
{
	auto blob = sample();
	const void *f = blob.data();
	int chosen = uk_fdt_path(f, "/chosen");
	EXPECT_STREQ(uk_fdt_prop_string(f, chosen, "bootargs"), "one two");
	int len = -1;
	EXPECT_EQ(uk_fdt_prop(f, chosen, "nothing", &len), nullptr);
	uint32_t v;
	EXPECT_EQ(uk_fdt_prop_u32(f, chosen, "bootargs", &v), -UK_EINVAL);
	EXPECT_EQ(uk_fdt_prop_u32(f, chosen, "nothing", &v), -UK_ENOENT);

	int mem = uk_fdt_path(f, "/memory");
	uint64_t a, s;
	ASSERT_EQ(uk_fdt_reg(f, mem, 0, &a, &s), 0); // root's 1/1 cells
	EXPECT_EQ(a, 0x40000000u);
	EXPECT_EQ(s, 0x8000000u);

	int uart = uk_fdt_path(f, "/soc/uart@2000");
	ASSERT_EQ(uk_fdt_reg(f, uart, 1, &a, &s), 0); // soc's 2/2 cells
	EXPECT_EQ(a, 0x100003000u);
	EXPECT_EQ(s, 0x200u);
	EXPECT_EQ(uk_fdt_reg(f, uart, 2, &a, &s), -UK_ENOENT);
	// With the parent given: the same, without the search.
	uint64_t a2, s2;
	ASSERT_EQ(uk_fdt_reg_under(f, uk_fdt_path(f, "/soc"), uart, 1, &a2, &s2), 0);
	EXPECT_EQ(a2, a);
	EXPECT_EQ(s2, s);
	EXPECT_EQ(uk_fdt_reg_under(f, uk_fdt_root(f), mem, 0, &a2, &s2), 0);
	EXPECT_EQ(a2, 0x40000000u);
	EXPECT_EQ(uk_fdt_reg(f, uart, -1, &a, &s), -UK_ENOENT);

	int intc = uk_fdt_find_phandle(f, 7);
	EXPECT_EQ(intc, uk_fdt_path(f, "/soc/intc"));
	EXPECT_EQ(uk_fdt_find_phandle(f, 8), -UK_ENOENT);
	EXPECT_EQ(uk_fdt_find_phandle(f, 0), -UK_ENOENT);
	EXPECT_TRUE(uk_fdt_is_compatible(f, intc, "arm,gic-400"));
	EXPECT_TRUE(uk_fdt_is_compatible(f, intc, "vendor,gic"));
	EXPECT_FALSE(uk_fdt_is_compatible(f, intc, "arm,gic"));
	EXPECT_EQ(uk_fdt_find_compatible(f, -1, "arm,gic-400"), intc);

	uint32_t cells[3];
	int parent = -1;
	// interrupt-parent is inherited from soc.
	ASSERT_EQ(uk_fdt_interrupt(f, uart, 1, cells, 3, &parent), 3);
	EXPECT_EQ(parent, intc);
	EXPECT_EQ(cells[0], 1u);
	EXPECT_EQ(cells[1], 6u);
	EXPECT_EQ(cells[2], 8u);
	// Fewer cells wanted than the specifier has: the count still says 3.
	EXPECT_EQ(uk_fdt_interrupt(f, uart, 0, cells, 1, nullptr), 3);
	EXPECT_EQ(cells[0], 0u);
	EXPECT_EQ(uk_fdt_interrupt(f, mem, 0, cells, 3, nullptr), -UK_ENOENT);
}

TEST(Fdt, BadCellsAndRegLengths)
{
	fdt_test::Builder b;
	b.begin("")
		.prop_u32("#address-cells", {3})
		.begin("dev")
		.prop_u32("reg", {1, 2, 3, 4})
		.end()
		.begin("bus")
		.prop_u32("#address-cells", {1})
		.prop_u32("#size-cells", {1})
		.begin("odd")
		.prop_u32("reg", {1, 2, 3})
		.prop_u32("interrupts", {1})
		.end()
		.end()
		.end();
	auto blob = b.blob();
	const void *f = blob.data();
	ASSERT_EQ(uk_fdt_check(f, blob.size(), nullptr), 0);
	uint64_t a, s;
	EXPECT_EQ(uk_fdt_reg(f, uk_fdt_path(f, "/dev"), 0, &a, &s), -UK_EINVAL);
	int odd = uk_fdt_path(f, "/bus/odd");
	EXPECT_EQ(uk_fdt_reg(f, odd, 0, &a, &s), -UK_EINVAL);
	uint32_t c;
	EXPECT_EQ(uk_fdt_interrupt(f, odd, 0, &c, 1, nullptr), -UK_EINVAL); // no controller
}

TEST(Fdt, InterruptParentLoopEnds)
{
	fdt_test::Builder b;
	b.begin("")
		.begin("a")
		.prop_u32("phandle", {1})
		.prop_u32("interrupt-parent", {2})
		.prop_u32("interrupts", {1})
		.end()
		.begin("b")
		.prop_u32("phandle", {2})
		.prop_u32("interrupt-parent", {1})
		.end()
		.end();
	auto blob = b.blob();
	uint32_t c;
	EXPECT_EQ(uk_fdt_interrupt(blob.data(), uk_fdt_path(blob.data(), "/a"), 0, &c, 1, nullptr),
		  -UK_EINVAL);
}

}  // namespace
