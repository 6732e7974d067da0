// SPDX-License-Identifier: BSD-3-Clause
//
// Header, tokens, validation and the walks over nodes.

#include "fdt.hpp"

namespace uk::fdt {
namespace {

constexpr uint32_t kHeaderV16 = 36, kHeaderV17 = 40;
constexpr int kBadBlob = -UK_EINVAL;

struct Header {
	uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap,
		version, last_comp_version, boot_cpuid_phys, size_dt_strings,
		size_dt_struct;
};

Header read_header(const uint8_t *p, bool with_struct_size)
{
	Header h{};
	uint32_t *f = &h.magic;
	for (int i = 0; i < 9; ++i)
		f[i] = be32(p + 4 * i);
	h.size_dt_struct = with_struct_size ? be32(p + 36) : 0;
	return h;
}

bool block_inside(uint32_t off, uint32_t size, uint32_t total)
{
	return off <= total && size <= total - off;
}

// Length of the NUL-terminated string at p, or -1 when no NUL comes
// before end.
int bounded_strlen(const uint8_t *p, const uint8_t *end)
{
	for (const uint8_t *q = p; q < end; ++q)
		if (*q == 0)
			return static_cast<int>(q - p);
	return -1;
}

constexpr int align4(int v) { return (v + 3) & ~3; }

}  // namespace

View view(const void *fdt, const char **why)
{
	View v{};
	auto fail = [&](const char *reason) {
		if (why)
			*why = reason;
		v.ok = false;
		return v;
	};
	if (!fdt)
		return fail("no blob");
	const auto *p = static_cast<const uint8_t *>(fdt);
	if (be32(p) != UK_FDT_MAGIC)
		return fail("bad magic (not a device tree blob)");
	uint32_t version = be32(p + 20);
	Header h = read_header(p, version >= 17);
	if (h.version < 16)
		return fail("version older than 16");
	if (h.last_comp_version > 17)
		return fail("needs a newer reader (last compatible version above 17)");
	uint32_t hdr = h.version >= 17 ? kHeaderV17 : kHeaderV16;
	if (h.totalsize < hdr || h.totalsize > 0x7fffffffu)
		return fail("totalsize smaller than the header or too large");
	if (h.version < 17)
		h.size_dt_struct = h.off_dt_struct <= h.totalsize ? h.totalsize - h.off_dt_struct : 0;
	if (h.off_dt_struct % 4 || h.off_dt_struct < hdr ||
	    !block_inside(h.off_dt_struct, h.size_dt_struct, h.totalsize))
		return fail("structure block outside the blob or misaligned");
	if (h.off_dt_strings < hdr || !block_inside(h.off_dt_strings, h.size_dt_strings, h.totalsize))
		return fail("strings block outside the blob");
	if (h.off_mem_rsvmap % 8 || h.off_mem_rsvmap < hdr ||
	    !block_inside(h.off_mem_rsvmap, 16, h.totalsize))
		return fail("memory reservation block outside the blob or misaligned");
	v = View{p, h.totalsize, h.version,
		 static_cast<int>(h.off_dt_struct), static_cast<int>(h.size_dt_struct),
		 static_cast<int>(h.off_dt_strings), static_cast<int>(h.size_dt_strings),
		 h.off_mem_rsvmap, true};
	return v;
}

Token token(const View &v, int off)
{
	Token t{0, kBadBlob, nullptr, nullptr, 0};
	if (!v.ok || off < 0 || off % 4 || off > v.struct_size - 4)
		return t;
	const uint8_t *end = v.at(v.struct_size);
	t.tag = be32(v.at(off));
	switch (t.tag) {
	case kBeginNode: {
		int n = bounded_strlen(v.at(off + 4), end);
		if (n < 0)
			return t;
		t.name = reinterpret_cast<const char *>(v.at(off + 4));
		t.next = align4(off + 4 + n + 1);
		break;
	}
	case kProp: {
		if (off > v.struct_size - 12)
			return t;
		uint32_t len = be32(v.at(off + 4)), nameoff = be32(v.at(off + 8));
		if (len > static_cast<uint32_t>(v.struct_size - off - 12))
			return t;
		if (nameoff >= static_cast<uint32_t>(v.strings_size))
			return t;
		const uint8_t *name = v.base + v.strings_off + nameoff;
		if (bounded_strlen(name, v.base + v.strings_off + v.strings_size) < 0)
			return t;
		t.name = reinterpret_cast<const char *>(name);
		t.value = v.at(off + 12);
		t.len = static_cast<int>(len);
		t.next = align4(off + 12 + static_cast<int>(len));
		break;
	}
	case kEndNode:
	case kNop:
	case kEnd:
		t.next = off + 4;
		break;
	default:
		return t;
	}
	// Past the block (the padding after a name), or not forward: every
	// walk relies on offsets that only grow to end.
	if (t.next > v.struct_size || t.next <= off)
		t.next = kBadBlob;
	return t;
}

Token first_nonprop_after(const View &v, int node, int *off)
{
	Token t = token(v, node);
	if (t.next < 0 || t.tag != kBeginNode) {
		t.next = kBadBlob;
		return t;
	}
	for (*off = t.next;; *off = t.next) {
		t = token(v, *off);
		if (t.next < 0 || (t.tag != kProp && t.tag != kNop))
			return t;
	}
}

}  // namespace uk::fdt

using namespace uk::fdt;

extern "C" int uk_fdt_check(const void *fdt, size_t bufsize, const char **why)
{
	const char *reason = nullptr;
	auto fail = [&](const char *r) {
		if (why)
			*why = r;
		return -UK_EINVAL;
	};
	if (!fdt || bufsize < kHeaderV16)
		return fail("shorter than a device tree header");
	if (be32(static_cast<const uint8_t *>(fdt)) != UK_FDT_MAGIC)
		return fail("bad magic (not a device tree blob)");
	if (bufsize < 8 || be32(static_cast<const uint8_t *>(fdt) + 4) > bufsize)
		return fail("truncated: totalsize is larger than the buffer");
	View v = view(fdt, &reason);
	if (!v.ok)
		return fail(reason);

	// Memory reservation entries (address, size pairs) end with 0, 0.
	for (uint32_t off = v.rsvmap_off;; off += 16) {
		if (off > v.total - 16)
			return fail("memory reservation block not terminated");
		if (be32(v.base + off) == 0 && be32(v.base + off + 4) == 0 &&
		    be32(v.base + off + 8) == 0 && be32(v.base + off + 12) == 0)
			break;
	}

	int depth = 0, off = 0;
	bool seen_root = false, done = false;
	while (!done) {
		Token t = token(v, off);
		if (t.next < 0)
			return fail(off > v.struct_size - 4 ? "structure block ends without an END token"
							    : "malformed token in the structure block");
		switch (t.tag) {
		case kBeginNode:
			if (depth == 0 && seen_root)
				return fail("more than one root node");
			seen_root = true;
			if (++depth > UK_FDT_MAX_DEPTH)
				return fail("nodes nested too deeply");
			break;
		case kEndNode:
			if (depth == 0)
				return fail("END_NODE without a node");
			--depth;
			break;
		case kProp:
			if (depth == 0)
				return fail("property outside any node");
			break;
		case kEnd:
			if (depth != 0 || !seen_root)
				return fail(seen_root ? "END inside a node" : "no root node");
			done = true;
			break;
		default:
			break; // NOP
		}
		off = t.next;
	}
	return 0;
}

extern "C" size_t uk_fdt_totalsize(const void *fdt)
{
	View v = view(fdt);
	return v.ok ? v.total : 0;
}

extern "C" int uk_fdt_root(const void *fdt)
{
	View v = view(fdt);
	for (int off = 0;;) {
		Token t = token(v, off);
		if (t.next < 0)
			return -UK_EINVAL;
		if (t.tag == kBeginNode)
			return off;
		if (t.tag != kNop)
			return -UK_EINVAL;
		off = t.next;
	}
}

extern "C" int uk_fdt_next_node(const void *fdt, int node, int *depth)
{
	View v = view(fdt);
	Token t = token(v, node);
	if (t.next < 0 || t.tag != kBeginNode)
		return -UK_EINVAL;
	int d = depth ? *depth : 0;
	for (int off = t.next;; off = t.next) {
		t = token(v, off);
		if (t.next < 0)
			return -UK_EINVAL;
		if (t.tag == kBeginNode) {
			if (depth)
				*depth = d + 1;
			return off;
		}
		if (t.tag == kEndNode)
			--d;
		else if (t.tag == kEnd)
			return -UK_ENOENT;
	}
}

extern "C" int uk_fdt_first_child(const void *fdt, int node)
{
	View v = view(fdt);
	int off;
	Token t = first_nonprop_after(v, node, &off);
	if (t.next < 0)
		return -UK_EINVAL;
	return t.tag == kBeginNode ? off : -UK_ENOENT;
}

extern "C" int uk_fdt_next_sibling(const void *fdt, int node)
{
	View v = view(fdt);
	Token t = token(v, node);
	if (t.next < 0 || t.tag != kBeginNode)
		return -UK_EINVAL;
	int level = 1;
	for (int off = t.next;; off = t.next) {
		t = token(v, off);
		if (t.next < 0)
			return -UK_EINVAL;
		if (t.tag == kBeginNode) {
			if (level == 0)
				return off;
			++level;
		} else if (t.tag == kEndNode) {
			if (level == 0)
				return -UK_ENOENT; // the parent ends
			--level;
		} else if (t.tag == kEnd) {
			return -UK_ENOENT;
		}
	}
}

extern "C" int uk_fdt_parent(const void *fdt, int node)
{
	int stack[UK_FDT_MAX_DEPTH + 1];
	int depth = 0;
	int off = uk_fdt_root(fdt);
	while (off >= 0) {
		if (depth > UK_FDT_MAX_DEPTH)
			return -UK_EINVAL;
		stack[depth] = off;
		if (off == node)
			return depth == 0 ? -UK_ENOENT : stack[depth - 1];
		off = uk_fdt_next_node(fdt, off, &depth);
		if (depth < 0)
			return -UK_ENOENT; // past the root: node is not a node
	}
	return off;
}

extern "C" const char *uk_fdt_name(const void *fdt, int node)
{
	Token t = token(view(fdt), node);
	return t.next >= 0 && t.tag == kBeginNode ? t.name : nullptr;
}

extern "C" const void *uk_fdt_prop(const void *fdt, int node, const char *name, int *len)
{
	View v = view(fdt);
	Token t = token(v, node);
	if (t.next < 0 || t.tag != kBeginNode)
		return nullptr;
	for (int off = t.next;; off = t.next) {
		t = token(v, off);
		if (t.next < 0 || (t.tag != kProp && t.tag != kNop))
			return nullptr;
		if (t.tag == kProp && streq(t.name, name)) {
			if (len)
				*len = t.len;
			return t.value;
		}
	}
}
