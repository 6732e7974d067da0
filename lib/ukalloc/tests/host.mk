# SPDX-License-Identifier: BSD-3-Clause
HOST_SRCS += $(LIB_DIR)/alloc.cpp
HOST_CPPFLAGS += -I$(LIB_DIR)/include -I$(UK_ROOT)/lib/ukdebug/include
