// SPDX-License-Identifier: BSD-3-Clause
//
// What the platform reads from the device tree: RAM, the command line
// and initrd (/chosen), the console UART, the interrupt controller, the
// generic timer's interrupt, PSCI and the real-time clock. One pass over
// the structure block (uk_fdt_walk) finds every node of interest with
// its parent, path, phandle and interrupt parent (lookups one by one
// walk it a dozen times: about 2 ms of every boot under TCG). Pure
// logic on a checked blob (host-tested on QEMU's own trees:
// tests/devtree_test.cpp).

#include <uk/fdt.h>
#include <uk/plat/irq.h>

#include "arm64.hpp"

namespace uk::kvm {
namespace {

constexpr int kTimerVirtIndex = 2; // secure, non-secure, virtual, hypervisor

bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		++a, ++b;
	return *a == *b;
}

// The nodes the platform needs: the first of each kind, in document
// order, as found with its parent.
enum Kind { kGicV3, kGicV2, kTimer, kPsci, kUart, kRtc, kKinds };

struct Wanted {
	Kind kind;
	const char *compat;
};
constexpr Wanted kWanted[] = {
	{kGicV3, "arm,gic-v3"},       {kGicV2, "arm,cortex-a15-gic"}, {kGicV2, "arm,gic-400"},
	{kGicV2, "arm,cortex-a9-gic"}, {kGicV2, "arm,arm11mp-gic"},   {kTimer, "arm,armv8-timer"},
	{kPsci, "arm,psci-1.0"},      {kPsci, "arm,psci-0.2"},        {kPsci, "arm,psci"},
	{kUart, "arm,pl011"},         {kRtc, "arm,pl031"},
};

struct Node {
	int node = -1, parent = -1;
	uint32_t phandle = 0, interrupt_parent = 0;
};

// A PL011 with its path, for /chosen/stdout-path.
struct Uart {
	Node n;
	char path[64];
};
constexpr int kMaxUarts = 4;

struct Found {
	Node kind[kKinds];
	int chosen = -1;
	Uart uarts[kMaxUarts];
	int nuarts = 0;
};

// The walk's state: the current node's properties of interest, and the
// path of each open node (path[0, path_end[depth])).
struct Walk {
	const void *fdt;
	Found *f;
	BootInfo *out;
	const char *compat = nullptr, *type = nullptr;
	int compat_len = 0;
	char path[64] = {};
	int path_end[UK_FDT_MAX_DEPTH + 1] = {};
};

int on_prop(void *arg, int, const char *name, const void *value, int len)
{
	auto *w = static_cast<Walk *>(arg);
	const auto *v = static_cast<const char *>(value);
	if (same(name, "compatible")) {
		w->compat = v, w->compat_len = len;
	} else if (same(name, "device_type") && len > 0 && v[len - 1] == 0) {
		w->type = v;
	}
	return 0;
}

void add_memory(const void *fdt, int node, int parent, BootInfo *out)
{
	uint64_t a, s;
	for (int i = 0; uk_fdt_reg_under(fdt, parent, node, i, &a, &s) == 0; ++i) {
		if (s == 0 || out->nram == BootInfo::kMaxRegions)
			continue;
		out->ram[out->nram++] = {static_cast<uintptr_t>(a), static_cast<size_t>(s),
					 UKPLAT_MEMRF_ALLOCATABLE};
	}
}

// path_end[depth] = the end of "/a/b/<name>"; 0 for the root and for a
// path too long to keep (no stdout-path will match it).
void push_path(Walk *w, const uk_fdt_node_info *n)
{
	int at = n->depth ? w->path_end[n->depth - 1] : 0;
	w->path_end[n->depth] = 0;
	if (n->depth == 0 || (n->depth > 1 && at == 0))
		return;
	int len = 0;
	while (n->name[len])
		++len;
	if (at + 1 + len >= static_cast<int>(sizeof(w->path)))
		return;
	w->path[at] = '/';
	for (int i = 0; i < len; ++i)
		w->path[at + 1 + i] = n->name[i];
	w->path_end[n->depth] = at + 1 + len;
}

void add_uart(Walk *w, const Node &n, int depth)
{
	Found *f = w->f;
	if (f->nuarts == kMaxUarts)
		return;
	Uart &u = f->uarts[f->nuarts++];
	u.n = n;
	int end = w->path_end[depth];
	for (int i = 0; i < end; ++i)
		u.path[i] = w->path[i];
	u.path[end] = 0; // "" when the path was too long
}

int on_node(void *arg, const uk_fdt_node_info *n)
{
	auto *w = static_cast<Walk *>(arg);
	Found *f = w->f;
	Node here{n->node, n->parent, n->phandle, n->interrupt_parent};
	push_path(w, n);
	if (n->depth == 1 && f->chosen < 0 && same(n->name, "chosen"))
		f->chosen = n->node;
	if (w->type && same(w->type, "memory"))
		add_memory(w->fdt, n->node, n->parent, w->out);
	const char *c = w->compat;
	for (int start = 0, i = 0; c && i < w->compat_len; ++i) {
		if (c[i] != 0)
			continue;
		for (const Wanted &want : kWanted)
			if (f->kind[want.kind].node < 0 && same(c + start, want.compat))
				f->kind[want.kind] = here;
		if (same(c + start, "arm,pl011"))
			add_uart(w, here, n->depth);
		start = i + 1;
	}
	w->compat = w->type = nullptr;
	return 0;
}

// Every node once (uk_fdt_walk), each with its parent and path.
int walk(const void *fdt, Found *f, BootInfo *out)
{
	Walk w{fdt, f, out};
	const uk_fdt_visitor visitor{on_prop, on_node};
	return uk_fdt_walk(fdt, &visitor, &w);
}

bool reg(const void *fdt, Node n, int index, uintptr_t *base, size_t *size = nullptr)
{
	uint64_t a, s;
	if (n.node < 0 || uk_fdt_reg_under(fdt, n.parent, n.node, index, &a, &s) < 0 || a == 0)
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

void read_chosen(const void *fdt, int chosen, BootInfo *out)
{
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
// options); else the first PL011.
uintptr_t find_uart(const void *fdt, const Found &f)
{
	const char *path = f.chosen >= 0 ? uk_fdt_prop_string(fdt, f.chosen, "stdout-path") : nullptr;
	uintptr_t base = 0;
	if (path && path[0] == '/') {
		char buf[128];
		size_t i = 0;
		for (; path[i] && path[i] != ':' && i < sizeof(buf) - 1; ++i)
			buf[i] = path[i];
		buf[i] = 0;
		for (int u = 0; u < f.nuarts; ++u)
			if (same(f.uarts[u].path, buf) && reg(fdt, f.uarts[u].n, 0, &base))
				return base;
		// A path the walk did not keep (unit address left out, too
		// long, a fifth PL011): look it up.
		int node = uk_fdt_path(fdt, buf);
		if (node >= 0 && uk_fdt_is_compatible(fdt, node, "arm,pl011") &&
		    reg(fdt, Node{node, uk_fdt_parent(fdt, node)}, 0, &base))
			return base;
	}
	return reg(fdt, f.kind[kUart], 0, &base) ? base : 0;
}

const char *read_gic(const void *fdt, const Found &f, BootInfo *out, Node *gic)
{
	Node &n = *gic;
	n = f.kind[kGicV3];
	out->gic = GicVersion::kV3;
	if (n.node < 0) {
		n = f.kind[kGicV2];
		out->gic = GicVersion::kV2;
	}
	if (n.node < 0) {
		out->gic = GicVersion::kNone;
		return "no interrupt controller (arm,gic-v3 or a GICv2 such as arm,cortex-a15-gic)";
	}
	if (!reg(fdt, n, 0, &out->gicd_base) || !reg(fdt, n, 1, &out->gicc_base, &out->gicc_size))
		return "the interrupt controller's reg lacks the distributor or CPU interface";
	return nullptr;
}

// The timer's interrupt controller is normally the GIC the walk found
// (the timer inherits the root's interrupt-parent): then no search.
const char *read_timer(const void *fdt, const Found &f, const Node &gic, BootInfo *out)
{
	const Node &timer = f.kind[kTimer];
	if (timer.node < 0)
		return "no generic timer (arm,armv8-timer)";
	uint32_t cells[3];
	int n = timer.interrupt_parent && timer.interrupt_parent == gic.phandle
			? uk_fdt_interrupt_from(fdt, timer.node, gic.node, kTimerVirtIndex, cells, 3)
			: uk_fdt_interrupt(fdt, timer.node, kTimerVirtIndex, cells, 3, nullptr);
	if (n != 3)
		return "the generic timer has no virtual timer interrupt";
	int intid = ukplat_irq_from_fdt(cells);
	if (intid < 16 || intid > 31)
		return "the virtual timer's interrupt is not a PPI";
	out->timer_intid = static_cast<uint32_t>(intid);
	return nullptr;
}

PsciMethod read_psci(const void *fdt, const Found &f)
{
	int node = f.kind[kPsci].node;
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
	Found f;
	if (walk(fdt, &f, out) < 0) {
		*why = "malformed structure block";
		return -UK_EINVAL;
	}
	if (out->nram == 0) {
		*why = "no memory node (device_type \"memory\" with a reg)";
		return -UK_EINVAL;
	}
	read_chosen(fdt, f.chosen, out);
	out->uart_base = find_uart(fdt, f);
	Node gic;
	const char *problem = read_gic(fdt, f, out, &gic);
	if (!problem)
		problem = read_timer(fdt, f, gic, out);
	if (problem) {
		*why = problem;
		return -UK_EINVAL;
	}
	out->psci = read_psci(fdt, f);
	if (!reg(fdt, f.kind[kRtc], 0, &out->rtc_base))
		out->rtc_base = 0;
	return 0;
}

}  // namespace uk::kvm
