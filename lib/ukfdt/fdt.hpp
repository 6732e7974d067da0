// SPDX-License-Identifier: BSD-3-Clause
//
// The blob's layout and its tokens, shared by fdt.cpp (validation and
// walking) and lookup.cpp (searches). Every read is bounds-checked against
// the header's sizes: see uk/fdt.h for what that promises.
#pragma once

#include <uk/errno.h>
#include <uk/fdt.h>

namespace uk::fdt {

enum Tag : uint32_t {
	kBeginNode = 1,
	kEndNode = 2,
	kProp = 3,
	kNop = 4,
	kEnd = 9,
};

inline uint32_t be32(const uint8_t *p)
{
	return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

/** The header's view of the blob; ok is false when its blocks do not lie
 * inside totalsize (then nothing else may be read). */
struct View {
	const uint8_t *base;
	uint32_t total;
	uint32_t version;
	int struct_off, struct_size;
	int strings_off, strings_size;
	uint32_t rsvmap_off;
	bool ok;

	const uint8_t *at(int off) const { return base + struct_off + off; }
};

/** Reads and range-checks the header (not the blocks' contents). */
View view(const void *fdt, const char **why = nullptr);

/** One token of the structure block. */
struct Token {
	uint32_t tag;
	int next;            ///< offset of the token after it; < 0: malformed
	const char *name;    ///< BEGIN_NODE: node name; PROP: property name
	const uint8_t *value; ///< PROP: the value
	int len;             ///< PROP: value length
};

/** Decodes the token at @p off; next < 0 when it is malformed or out of
 * the block. Offsets only grow: next > off for every good token. */
Token token(const View &v, int off);

/** @return the token after the BEGIN_NODE at @p node that is not a NOP
 * or a property, or one with next < 0. */
Token first_nonprop_after(const View &v, int node, int *off);

inline bool streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		++a, ++b;
	return *a == *b;
}

}  // namespace uk::fdt
