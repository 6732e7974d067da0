# SPDX-License-Identifier: BSD-3-Clause
# Host tests of ramfs through vfscore (lib/vfscore/tests/stack.mk: the
# real sources of both, the descriptor table and ukalloc's front end) on
# a host allocator that fails on demand, with a clock the tests set.
include $(UK_ROOT)/lib/vfscore/tests/stack.mk
HOST_SRCS += $(VFS_STACK_SRCS)
HOST_CPPFLAGS += $(VFS_STACK_CPPFLAGS)
