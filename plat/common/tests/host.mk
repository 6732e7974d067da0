# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the shared platform code (command line splitting, the
# interrupt handler table, memory regions minus holes).
HOST_SRCS += $(LIB_DIR)/cmdline.cpp
HOST_CPPFLAGS += -I$(LIB_DIR)/include
