# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the pipe's ring (ring.hpp) against a byte model. The
# blocking file operations need the scheduler: they are tested in the
# image (uktest_pipe.c, suite pipe).
HOST_CPPFLAGS += -I$(LIB_DIR)
