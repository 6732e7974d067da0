# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the descriptor table: the template (fd_table.hpp) and the
# real C interface (fdtab.cpp) on a small table. console.cpp stays out: it
# is the only file that talks to the platform.
HOST_SRCS += $(LIB_DIR)/fdtab.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -DCONFIG_LIBPOSIX_FDTAB_MAX_FILES=16
