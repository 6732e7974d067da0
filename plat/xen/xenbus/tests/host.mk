# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the xenstore client (xs_client.cpp, frontend.cpp) against
# a simulated xenstored on the other side of the rings (fake_xenstored.hpp).
HOST_SRCS += $(LIB_DIR)/xs_client.cpp $(LIB_DIR)/frontend.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/.. -I$(LIB_DIR)/../include
