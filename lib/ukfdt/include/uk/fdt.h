/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reading a flattened device tree (DTB, the Devicetree Specification's
 * binary form) as a loader hands it over: validate it once with
 * uk_fdt_check(), then look nodes and properties up. Compiles as C11 and
 * as C++.
 *
 * Nodes are named by their offset: the byte offset of the node's
 * BEGIN_NODE token inside the structure block (>= 0). Functions that
 * return a node return a negative UK_E* value instead when there is
 * none (-ENOENT) or the blob is malformed (-EINVAL).
 *
 * Every function stays inside the blob's header sizes even on a blob
 * that was never checked (they are safe on corrupt input: they fail or
 * return nonsense, but never read outside [fdt, fdt + totalsize)).
 * Values in the blob are big-endian; the functions return host order.
 * Nothing allocates; nothing writes the blob.
 */
#ifndef UK_FDT_H
#define UK_FDT_H

#include <uk/errno.h>
#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** The header's magic number (big-endian in the blob). */
#define UK_FDT_MAGIC 0xd00dfeedU
/** Deepest nesting uk_fdt_check() accepts (the root is depth 0). */
#define UK_FDT_MAX_DEPTH 32

/**
 * Validates the blob at @p fdt, of which @p bufsize bytes may be read:
 * the header (magic, versions 16 and 17, sizes and offsets inside the
 * blob and aligned), the memory reservation block, and the whole
 * structure block (tokens, balanced nodes below UK_FDT_MAX_DEPTH, names
 * and property values inside the block, property names inside the
 * strings block, one root node, a final END token).
 * @param why if not NULL, receives a short reason on failure.
 * @return 0, or -EINVAL.
 */
int uk_fdt_check(const void *fdt, size_t bufsize, const char **why);

/** @return the blob's size from its header (0 without the magic). */
size_t uk_fdt_totalsize(const void *fdt);

/** @return the root node. */
int uk_fdt_root(const void *fdt);

/**
 * Walks every node in document order. @p depth (if not NULL) tracks the
 * depth: pass the node's depth in, get the next node's depth out.
 * @return the node after @p node, or -ENOENT after the last.
 */
int uk_fdt_next_node(const void *fdt, int node, int *depth);

/** A node as uk_fdt_walk() hands it over, its properties read. */
struct uk_fdt_node_info {
	int node;                  /**< its offset */
	int parent;                /**< the parent's offset; the root's own for the root */
	int depth;                 /**< 0 for the root */
	const char *name;          /**< with the unit address; "" for the root */
	uint32_t phandle;          /**< "phandle" (or "linux,phandle"); 0 when none */
	uint32_t interrupt_parent; /**< its "interrupt-parent", else the nearest
				    *   ancestor's; 0 when none */
};

/** What uk_fdt_walk() calls; either may be NULL. A nonzero return ends
 * the walk with that value. */
struct uk_fdt_visitor {
	/** Each property of a node, in order, before node() for it. */
	int (*prop)(void *arg, int node, const char *name, const void *value, int len);
	/** Each node in document order, after its properties, before its
	 * children. */
	int (*node)(void *arg, const struct uk_fdt_node_info *info);
};

/**
 * Every node and property in one pass over the structure block, with
 * each node's parent, depth and inherited interrupt parent: what a dozen
 * lookups would find by walking the blob a dozen times. Properties after
 * a node's first child are not the node's (uk_fdt_prop() does not see
 * them either) and are skipped.
 * @return 0 after the last node, a callback's nonzero value, or -EINVAL
 *   (malformed, or nested deeper than UK_FDT_MAX_DEPTH).
 */
int uk_fdt_walk(const void *fdt, const struct uk_fdt_visitor *visitor, void *arg);

/** @return the first child of @p node, or -ENOENT. */
int uk_fdt_first_child(const void *fdt, int node);

/** @return the next sibling of @p node, or -ENOENT. */
int uk_fdt_next_sibling(const void *fdt, int node);

/** @return the parent of @p node; -ENOENT for the root. */
int uk_fdt_parent(const void *fdt, int node);

/** @return the node's name with its unit address ("uart@9000000"; the
 * root's is ""), or NULL for a bad offset. */
const char *uk_fdt_name(const void *fdt, int node);

/**
 * @return the value of property @p name of @p node (not NUL-terminated
 * in general; 4-byte aligned), or NULL when there is none. @p len (if
 * not NULL) receives its length in bytes.
 */
const void *uk_fdt_prop(const void *fdt, int node, const char *name, int *len);

/** Reads a property holding one 32-bit cell. @return 0, -ENOENT, or
 * -EINVAL when it is not 4 bytes long. */
int uk_fdt_prop_u32(const void *fdt, int node, const char *name, uint32_t *out);

/** @return the first string of a string (list) property, or NULL when
 * it is missing or not NUL-terminated. */
const char *uk_fdt_prop_string(const void *fdt, int node, const char *name);

/**
 * Finds a node by absolute path ("/", "/chosen", "/intc@8000000/v2m").
 * A component without '@' also matches a node name with a unit address
 * when the part before its '@' equals it (the first such node).
 * Trailing and repeated slashes are ignored.
 * @return the node, or -ENOENT.
 */
int uk_fdt_path(const void *fdt, const char *path);

/** @return 1 if @p compat is one of the strings of node's "compatible". */
int uk_fdt_is_compatible(const void *fdt, int node, const char *compat);

/**
 * @return the first node after @p after (-1: from the start) in
 * document order that is compatible with @p compat, or -ENOENT.
 */
int uk_fdt_find_compatible(const void *fdt, int after, const char *compat);

/** @return the node whose "phandle" (or "linux,phandle") is @p phandle. */
int uk_fdt_find_phandle(const void *fdt, uint32_t phandle);

/**
 * The #address-cells and #size-cells that apply to the children of
 * @p node (the Devicetree Specification's defaults 2 and 1 when absent).
 * @return 0, or -EINVAL when a value is out of range (above 4).
 */
int uk_fdt_cells(const void *fdt, int node, int *address_cells, int *size_cells);

/**
 * Entry @p index of the node's "reg", decoded with its parent's cells.
 * Addresses are the parent bus's (no "ranges" translation: the platforms
 * that use this have identity ranges).
 * @return 0, -ENOENT (no such entry), or -EINVAL (cells above 2, or a
 * reg whose length is not a multiple of the entry size).
 */
int uk_fdt_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size);

/**
 * uk_fdt_reg() for a caller that knows the node's @p parent (a walk that
 * tracks depth does): no search for it. @p parent is the node itself
 * for the root.
 */
int uk_fdt_reg_under(const void *fdt, int parent, int node, int index, uint64_t *addr,
		     uint64_t *size);

/**
 * Interrupt specifier @p index of the node's "interrupts", as
 * #interrupt-cells cells of its interrupt parent ("interrupt-parent"
 * phandle of the node or its nearest ancestor that has one).
 * @param cells receives up to @p max cells.
 * @param parent if not NULL, receives the interrupt controller's node.
 * @return the number of cells of one specifier, -ENOENT (no such
 * entry), or -EINVAL (no interrupt parent or a bad #interrupt-cells).
 */
int uk_fdt_interrupt(const void *fdt, int node, int index, uint32_t *cells, int max,
		     int *parent);

/**
 * uk_fdt_interrupt() for a caller that knows the node's interrupt
 * controller @p ctl (a walk does: uk_fdt_node_info.interrupt_parent):
 * no search for it.
 */
int uk_fdt_interrupt_from(const void *fdt, int node, int ctl, int index, uint32_t *cells,
			  int max);

UK_EXTERN_C_END

#endif /* UK_FDT_H */
