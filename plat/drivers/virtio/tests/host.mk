# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the split virtqueue (ring layout, free list, index
# wrap-around, notification and interrupt suppression, malformed device
# responses) against a simulated device (sim_device.hpp), and of the
# virtio-net header and feature logic.
HOST_SRCS += $(LIB_DIR)/virtqueue.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/lib/ukalloc/include \
	-I$(UK_ROOT)/arch/x86_64/include -I$(UK_ROOT)/lib/uknetdev/tests
