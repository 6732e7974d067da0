# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the cpio parser, the archive check and the unpacker,
# unpacking into the real vfscore + ramfs (the image's C interface on
# vfscore's global namespace). initrd.cpp (boot glue) stays out.
include $(UK_ROOT)/lib/vfscore/tests/stack.mk
HOST_SRCS += $(LIB_DIR)/parse.cpp $(LIB_DIR)/check.cpp $(LIB_DIR)/extract.cpp \
	$(VFS_STACK_SRCS)
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(LIB_DIR)/tests $(VFS_STACK_CPPFLAGS)
