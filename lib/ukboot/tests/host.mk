# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the library parameters taken off the command line.
HOST_SRCS += $(LIB_DIR)/libparam.cpp
HOST_CPPFLAGS += -I$(LIB_DIR)/include
