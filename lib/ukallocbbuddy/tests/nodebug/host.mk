# SPDX-License-Identifier: BSD-3-Clause
# The same tests with CONFIG_LIBUKALLOCBBUDDY_DEBUG off: the configuration
# without the live bits compiles and behaves (checks that need the bits
# are skipped). LIB_DIR is lib/ukallocbbuddy/tests here.
BB_DIR := $(abspath $(LIB_DIR)/..)
HOST_SRCS += $(BB_DIR)/allocator.cpp $(BB_DIR)/buddy.cpp \
	$(BB_DIR)/heap.cpp $(BB_DIR)/slab.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp \
	$(wildcard $(LIB_DIR)/*_test.cpp)
HOST_CPPFLAGS += -I$(BB_DIR) -I$(BB_DIR)/include \
	-I$(UK_ROOT)/lib/ukalloc/include -I$(UK_ROOT)/lib/ukdebug/include
