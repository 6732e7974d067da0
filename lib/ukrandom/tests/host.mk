# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the ChaCha20 block function and the generator
# (chacha.cpp); source.cpp (RDRAND, clocks) stays out.
HOST_SRCS += $(LIB_DIR)/chacha.cpp
HOST_CPPFLAGS += -I$(LIB_DIR)
