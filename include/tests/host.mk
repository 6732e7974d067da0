# Host tests of the header-only essentials in include/uk/.
HOST_SRCS +=
