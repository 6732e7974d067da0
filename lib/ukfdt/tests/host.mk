# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the DTB reader: QEMU's own device trees (virt, GICv2 and
# GICv3, dumped with -M virt,dumpdtb= and compacted by dtc), blobs built
# by tests/fdt_builder.hpp, and truncated and corrupted copies of both.
HOST_SRCS += $(LIB_DIR)/fdt.cpp $(LIB_DIR)/lookup.cpp $(LIB_DIR)/walk.cpp
HOST_CPPFLAGS += -I$(LIB_DIR)/include -I$(LIB_DIR) -DUKFDT_FIXTURES='"$(TEST_DIR)"'
