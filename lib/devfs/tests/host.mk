# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the devfs file-system type (devfs.cpp) with test devices,
# mounted through the real vfscore on a ramfs root. devices.cpp (the
# image's devices and boot mount) stays out: the in-image suite covers it.
include $(UK_ROOT)/lib/vfscore/tests/stack.mk
HOST_SRCS += $(LIB_DIR)/devfs.cpp $(VFS_STACK_SRCS)
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include $(VFS_STACK_CPPFLAGS)
