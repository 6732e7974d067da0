# SPDX-License-Identifier: BSD-3-Clause
#
# Host tests of nolibc: the real sources are built against the host glibc.
# No clash: with UK_HOSTTEST, nolibc.hpp drops the C symbol names, so
# uk::nolibc::memcpy stays a mangled C++ function (see ../README.md).
NOLIBC_SRCS := errno mem string strerror ctype format format_float \
	format_hexfloat sprintf strtol strtod qsort malloc stdio exit stdlib
HOST_SRCS += $(patsubst %,$(LIB_DIR)/%.cpp,$(NOLIBC_SRCS))
HOST_SRCS += $(TEST_DIR)/stubs.cpp
HOST_CPPFLAGS += -DCONFIG_LIBNOLIBC_FLOAT=1 -I$(UK_ROOT)/lib/ukalloc/include \
	-fno-tree-loop-distribute-patterns -DNOLIBC_DIR='"$(LIB_DIR)"' \
	-DUK_ROOT_DIR='"$(UK_ROOT)"'
