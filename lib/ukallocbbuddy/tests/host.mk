# SPDX-License-Identifier: BSD-3-Clause
# The buddy allocator is tested through the real uk_* entry points, with
# the double/invalid free checks on (death tests rely on them).
HOST_SRCS += $(LIB_DIR)/allocator.cpp $(LIB_DIR)/buddy.cpp \
	$(LIB_DIR)/heap.cpp $(LIB_DIR)/slab.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
HOST_CPPFLAGS += -DCONFIG_LIBUKALLOCBBUDDY_DEBUG=1 -I$(LIB_DIR) \
	-I$(LIB_DIR)/include -I$(UK_ROOT)/lib/ukalloc/include \
	-I$(UK_ROOT)/lib/ukdebug/include
