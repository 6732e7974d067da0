// SPDX-License-Identifier: BSD-3-Clause
//
// Between fs.cpp (making and freeing nodes) and vnode_ops.cpp (the
// operations vfscore calls).
#pragma once

#include "ramfs.hpp"

namespace uk::ramfs {

extern const uk_vnode_ops kVnodeOps;

/** @return a node of @p mode (type and permissions) with no links and
 * all times now, or nullptr when out of room. */
Node *make_node(Fs &fs, uint32_t mode);

/** Frees @p n and its data; nothing links or references it. */
void free_node(Node *n);

/** Frees every node of @p fs (unmount). */
void destroy_tree(Fs &fs);

}  // namespace uk::ramfs
