// SPDX-License-Identifier: BSD-3-Clause
//
// uk_fdt_walk(): the whole tree in one pass over the structure block. A
// node is handed over when its first child or its END_NODE shows that
// its properties are over; its children inherit its interrupt parent.

#include "fdt.hpp"

using namespace uk::fdt;

namespace {

struct Level {
	uk_fdt_node_info info;
	bool pending; // properties still coming: node() not called yet
};

uint32_t cell(const Token &t) { return t.len == 4 ? be32(t.value) : 0; }

int finish(const uk_fdt_visitor *v, void *arg, Level &l)
{
	if (!l.pending)
		return 0;
	l.pending = false;
	return v->node ? v->node(arg, &l.info) : 0;
}

}  // namespace

extern "C" int uk_fdt_walk(const void *fdt, const uk_fdt_visitor *visitor, void *arg)
{
	View v = view(fdt);
	int off = uk_fdt_root(fdt);
	if (off < 0)
		return -UK_EINVAL;
	Level stack[UK_FDT_MAX_DEPTH + 1];
	int depth = -1; // of the innermost open node
	for (;;) {
		Token t = token(v, off);
		if (t.next < 0)
			return -UK_EINVAL;
		int rc = 0;
		switch (t.tag) {
		case kBeginNode: {
			if (depth >= 0 && (rc = finish(visitor, arg, stack[depth])) != 0)
				return rc;
			if (++depth > UK_FDT_MAX_DEPTH)
				return -UK_EINVAL;
			const Level *up = depth ? &stack[depth - 1] : nullptr;
			stack[depth] = Level{{off, up ? up->info.node : off, depth, t.name, 0,
					      up ? up->info.interrupt_parent : 0},
					     true};
			break;
		}
		case kProp: {
			if (depth < 0)
				return -UK_EINVAL;
			Level &l = stack[depth];
			if (!l.pending)
				break; // after a child: not this node's
			if (streq(t.name, "phandle") || streq(t.name, "linux,phandle"))
				l.info.phandle = cell(t);
			else if (streq(t.name, "interrupt-parent"))
				l.info.interrupt_parent = cell(t);
			if (visitor->prop)
				rc = visitor->prop(arg, l.info.node, t.name, t.value, t.len);
			break;
		}
		case kEndNode:
			if (depth < 0)
				return -UK_EINVAL;
			rc = finish(visitor, arg, stack[depth]);
			if (--depth < 0)
				return rc; // the root is closed
			break;
		case kEnd:
			return -UK_EINVAL; // inside the root
		default:
			break; // NOP
		}
		if (rc != 0)
			return rc;
		off = t.next;
	}
}
