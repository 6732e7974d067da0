# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the virtio-mmio discovery and registry on QEMU's virt
# device tree with simulated transports; boot.cpp (device memory, init
# table) is image-only.
HOST_SRCS += $(LIB_DIR)/scan.cpp $(LIB_DIR)/registry.cpp \
	$(UK_ROOT)/lib/ukfdt/fdt.cpp $(UK_ROOT)/lib/ukfdt/lookup.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/plat/common/include \
	-I$(UK_ROOT)/lib/ukfdt/include -I$(UK_ROOT)/lib/ukfdt/tests \
	-DUKFDT_FIXTURES='"$(UK_ROOT)/lib/ukfdt/tests"' \
	-DCONFIG_LIBUKDEBUG_PRINTK_INFO=1 -DCONFIG_LIBUKVIRTIO_MMIO_MAX_DEVICES=4
