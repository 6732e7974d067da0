# SPDX-License-Identifier: BSD-3-Clause
# The region allocator is tested through the real uk_* entry points.
HOST_SRCS += $(LIB_DIR)/allocregion.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
HOST_CPPFLAGS += -I$(LIB_DIR)/include -I$(UK_ROOT)/lib/ukalloc/include \
	-I$(UK_ROOT)/lib/ukdebug/include
