# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the Xen platform's pure parts: the ABI layouts against
# Xen's public headers (libxen-dev, /usr/include/xen), pvclock
# arithmetic, the console ring and grant-table bookkeeping against
# simulated peers. Header-only code: no library source to add.
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/x86_64 -I$(LIB_DIR)/include
