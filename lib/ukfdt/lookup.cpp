// SPDX-License-Identifier: BSD-3-Clause
//
// Searches over the tree: paths, compatible strings, phandles, and the
// decoding of reg and interrupts with the cells that apply to them.

#include "fdt.hpp"

using namespace uk::fdt;

namespace {

constexpr int kMaxCells = 4;

// Does node name @p name ("uart@9000000") match path component
// [comp, comp + n)? exact: the whole name; else the part before '@'.
bool component_matches(const char *name, const char *comp, int n, bool exact)
{
	for (int i = 0; i < n; ++i)
		if (name[i] != comp[i])
			return false;
	return exact ? name[n] == 0 : name[n] == '@';
}

bool has_at(const char *comp, int n)
{
	for (int i = 0; i < n; ++i)
		if (comp[i] == '@')
			return true;
	return false;
}

int child_named(const void *fdt, int node, const char *comp, int n)
{
	int prefix = -UK_ENOENT;
	for (int c = uk_fdt_first_child(fdt, node); c >= 0; c = uk_fdt_next_sibling(fdt, c)) {
		const char *name = uk_fdt_name(fdt, c);
		if (!name)
			return -UK_EINVAL;
		if (component_matches(name, comp, n, true))
			return c;
		if (prefix < 0 && !has_at(comp, n) && component_matches(name, comp, n, false))
			prefix = c;
	}
	return prefix;
}

int cells_prop(const void *fdt, int node, const char *name, int dflt, int *out)
{
	uint32_t v;
	int rc = uk_fdt_prop_u32(fdt, node, name, &v);
	if (rc == -UK_ENOENT) {
		*out = dflt;
		return 0;
	}
	if (rc < 0 || v > kMaxCells)
		return -UK_EINVAL;
	*out = static_cast<int>(v);
	return 0;
}

uint64_t read_cells(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; ++i)
		v = v << 32 | be32(p + 4 * i);
	return v;
}

// The interrupt controller that serves @p node: Linux's rule, the
// interrupt-parent phandle of the node or of its nearest ancestor, until
// a node with #interrupt-cells.
int interrupt_parent(const void *fdt, int node)
{
	int n = node;
	for (int hops = 0; hops <= UK_FDT_MAX_DEPTH * 2; ++hops) {
		uint32_t ph;
		int p = uk_fdt_prop_u32(fdt, n, "interrupt-parent", &ph) == 0
				? uk_fdt_find_phandle(fdt, ph)
				: uk_fdt_parent(fdt, n);
		if (p < 0)
			return -UK_EINVAL;
		if (uk_fdt_prop(fdt, p, "#interrupt-cells", nullptr))
			return p;
		n = p;
	}
	return -UK_EINVAL; // a loop of interrupt-parent phandles
}

}  // namespace

extern "C" int uk_fdt_prop_u32(const void *fdt, int node, const char *name, uint32_t *out)
{
	int len;
	const void *p = uk_fdt_prop(fdt, node, name, &len);
	if (!p)
		return -UK_ENOENT;
	if (len != 4)
		return -UK_EINVAL;
	*out = be32(static_cast<const uint8_t *>(p));
	return 0;
}

extern "C" const char *uk_fdt_prop_string(const void *fdt, int node, const char *name)
{
	int len;
	const auto *p = static_cast<const char *>(uk_fdt_prop(fdt, node, name, &len));
	if (!p || len == 0)
		return nullptr;
	for (int i = 0; i < len; ++i)
		if (p[i] == 0)
			return p;
	return nullptr;
}

extern "C" int uk_fdt_path(const void *fdt, const char *path)
{
	if (!path || path[0] != '/')
		return -UK_EINVAL;
	int node = uk_fdt_root(fdt);
	const char *p = path;
	while (node >= 0) {
		while (*p == '/')
			++p;
		if (!*p)
			return node;
		int n = 0;
		while (p[n] && p[n] != '/')
			++n;
		node = child_named(fdt, node, p, n);
		p += n;
	}
	return node;
}

extern "C" int uk_fdt_is_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const auto *p = static_cast<const char *>(uk_fdt_prop(fdt, node, "compatible", &len));
	if (!p)
		return 0;
	// A list of NUL-terminated strings; a last one without NUL is ignored.
	for (int start = 0, i = 0; i < len; ++i) {
		if (p[i] != 0)
			continue;
		if (streq(p + start, compat))
			return 1;
		start = i + 1;
	}
	return 0;
}

extern "C" int uk_fdt_find_compatible(const void *fdt, int after, const char *compat)
{
	int node = after < 0 ? uk_fdt_root(fdt) : uk_fdt_next_node(fdt, after, nullptr);
	for (; node >= 0; node = uk_fdt_next_node(fdt, node, nullptr))
		if (uk_fdt_is_compatible(fdt, node, compat))
			return node;
	return node == -UK_EINVAL ? -UK_EINVAL : -UK_ENOENT;
}

extern "C" int uk_fdt_find_phandle(const void *fdt, uint32_t phandle)
{
	if (phandle == 0 || phandle == 0xffffffffu)
		return -UK_ENOENT; // reserved values
	int node = uk_fdt_root(fdt);
	for (; node >= 0; node = uk_fdt_next_node(fdt, node, nullptr)) {
		uint32_t v;
		if ((uk_fdt_prop_u32(fdt, node, "phandle", &v) == 0 ||
		     uk_fdt_prop_u32(fdt, node, "linux,phandle", &v) == 0) &&
		    v == phandle)
			return node;
	}
	return node == -UK_EINVAL ? -UK_EINVAL : -UK_ENOENT;
}

extern "C" int uk_fdt_cells(const void *fdt, int node, int *address_cells, int *size_cells)
{
	if (!uk_fdt_name(fdt, node))
		return -UK_EINVAL;
	int rc = cells_prop(fdt, node, "#address-cells", 2, address_cells);
	return rc < 0 ? rc : cells_prop(fdt, node, "#size-cells", 1, size_cells);
}

extern "C" int uk_fdt_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size)
{
	int parent = uk_fdt_parent(fdt, node);
	if (parent == -UK_ENOENT)
		parent = node; // the root's reg, if any, uses its own cells
	if (parent < 0)
		return parent;
	return uk_fdt_reg_under(fdt, parent, node, index, addr, size);
}

extern "C" int uk_fdt_reg_under(const void *fdt, int parent, int node, int index,
				uint64_t *addr, uint64_t *size)
{
	int ac, sc;
	int rc = uk_fdt_cells(fdt, parent, &ac, &sc);
	if (rc < 0)
		return rc;
	if (ac > 2 || sc > 2 || ac == 0)
		return -UK_EINVAL;
	int len;
	const auto *p = static_cast<const uint8_t *>(uk_fdt_prop(fdt, node, "reg", &len));
	if (!p)
		return -UK_ENOENT;
	int entry = (ac + sc) * 4;
	if (len % entry)
		return -UK_EINVAL;
	if (index < 0 || index >= len / entry)
		return -UK_ENOENT;
	p += index * entry;
	*addr = read_cells(p, ac);
	*size = read_cells(p + 4 * ac, sc);
	return 0;
}

extern "C" int uk_fdt_interrupt(const void *fdt, int node, int index, uint32_t *cells, int max,
				int *parent)
{
	if (!uk_fdt_prop(fdt, node, "interrupts", nullptr))
		return -UK_ENOENT;
	int ctl = interrupt_parent(fdt, node);
	if (ctl < 0)
		return ctl;
	int n = uk_fdt_interrupt_from(fdt, node, ctl, index, cells, max);
	if (n > 0 && parent)
		*parent = ctl;
	return n;
}

extern "C" int uk_fdt_interrupt_from(const void *fdt, int node, int ctl, int index,
				     uint32_t *cells, int max)
{
	int len;
	const auto *p = static_cast<const uint8_t *>(uk_fdt_prop(fdt, node, "interrupts", &len));
	if (!p)
		return -UK_ENOENT;
	uint32_t n;
	if (uk_fdt_prop_u32(fdt, ctl, "#interrupt-cells", &n) < 0 || n == 0 || n > kMaxCells)
		return -UK_EINVAL;
	int entry = static_cast<int>(n) * 4;
	if (len % entry)
		return -UK_EINVAL;
	if (index < 0 || index >= len / entry)
		return -UK_ENOENT;
	p += index * entry;
	for (int i = 0; i < static_cast<int>(n) && i < max; ++i)
		cells[i] = be32(p + 4 * i);
	return static_cast<int>(n);
}
