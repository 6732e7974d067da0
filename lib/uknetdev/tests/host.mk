# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the uknetdev API logic (registry, states, argument
# checks, ownership of netbufs) through a loopback test double, and of
# the netbuf helpers (headroom, checksums, one-block allocation).
HOST_SRCS += $(LIB_DIR)/netdev.cpp $(LIB_DIR)/netbuf.cpp $(LIB_DIR)/tests/frames.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/lib/ukalloc/include \
	-DCONFIG_LIBUKNETDEV_MAX_QUEUES=4
