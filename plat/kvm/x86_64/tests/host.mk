# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the boot protocol parsers (bootinfo.cpp), on info blocks
# built in test buffers: physical addresses are host pointers.
HOST_SRCS += $(LIB_DIR)/bootinfo.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(UK_ROOT)/plat/common/include
