# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the split virtqueue (ring layout, free list, index
# wrap-around, notification and interrupt suppression, malformed device
# responses) against a simulated device (sim_device.hpp), and of the
# virtio-net driver through uknetdev on a fake transport
# (fake_transport.hpp) with the simulated device on its queues.
HOST_SRCS += $(LIB_DIR)/virtqueue.cpp $(LIB_DIR)/virtio.cpp $(LIB_DIR)/virtio_net.cpp \
	$(LIB_DIR)/virtio_net_hdr.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp \
	$(UK_ROOT)/lib/uknetdev/netdev.cpp $(UK_ROOT)/lib/uknetdev/netbuf.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/lib/ukalloc/include \
	-I$(UK_ROOT)/arch/x86_64/include -I$(UK_ROOT)/lib/uknetdev/include \
	-I$(UK_ROOT)/lib/uknetdev -I$(UK_ROOT)/lib/uknetdev/tests \
	-DCONFIG_LIBUKDEBUG_PRINTK_INFO=1
