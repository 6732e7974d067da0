# SPDX-License-Identifier: BSD-3-Clause
# Host tests of vfscore: the real path walk, mount table, namespace calls
# and open files, on the real ramfs and descriptor table, with a host
# allocator that fails on demand.
include $(LIB_DIR)/tests/stack.mk
HOST_SRCS += $(VFS_STACK_SRCS)
HOST_CPPFLAGS += $(VFS_STACK_CPPFLAGS)
