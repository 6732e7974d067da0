# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the PCI scan and registry on a simulated configuration
# space (fake_bus.hpp); boot.cpp (port I/O, init table) is image-only.
HOST_SRCS += $(LIB_DIR)/scan.cpp $(LIB_DIR)/registry.cpp $(LIB_DIR)/capability.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/plat/common/include \
	-DCONFIG_LIBUKDEBUG_PRINTK_INFO=1 -DCONFIG_LIBUKPCI_MAX_DEVICES=16
