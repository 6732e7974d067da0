# SPDX-License-Identifier: BSD-3-Clause
# Host tests of what the arm64 platform reads from the device tree
# (devtree.cpp, on QEMU's own trees and built ones) and of the page-table
# mapper and walk (pagetable.hpp, on tables in test memory).
HOST_SRCS += $(LIB_DIR)/devtree.cpp $(UK_ROOT)/lib/ukfdt/fdt.cpp $(UK_ROOT)/lib/ukfdt/lookup.cpp $(UK_ROOT)/lib/ukfdt/walk.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/plat/common/include \
	-I$(UK_ROOT)/lib/ukfdt/include -I$(UK_ROOT)/lib/ukfdt/tests \
	-DUKFDT_FIXTURES='"$(UK_ROOT)/lib/ukfdt/tests"'
