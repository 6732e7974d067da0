# SPDX-License-Identifier: BSD-3-Clause
#
# Builds the host GoogleTest binary of one test folder.
#
#   make -f support/build/hosttest.mk T=lib/nolibc/tests O=build/hosttest
#
# The folder holds *_test.cpp files and a host.mk that names the real
# library sources under test and any extra flags:
#
#   HOST_SRCS     += $(LIB_DIR)/format.cpp      (real sources, not copies)
#   HOST_CPPFLAGS += -DCONFIG_LIBFOO_BAR=1
#
# LIB_DIR is the library folder (the parent of T), UK_ROOT the tree.
# Library include/ folders are NOT added automatically: a libc's string.h
# must never shadow the host's. host.mk adds what its tests need.

UK_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
T ?= $(error T=<test folder> is required, e.g. T=lib/nolibc/tests)
O ?= $(UK_ROOT)/build/hosttest
TEST_DIR := $(abspath $(T))
LIB_DIR := $(abspath $(TEST_DIR)/..)
NAME := $(subst /,_,$(patsubst $(UK_ROOT)/%,%,$(TEST_DIR)))
OUT := $(abspath $(O))/$(NAME)

HOST_SRCS :=
HOST_CPPFLAGS :=
HOST_LDFLAGS :=
include $(TEST_DIR)/host.mk
HOST_SRCS += $(sort $(wildcard $(TEST_DIR)/*_test.cpp))

HOST_CXX ?= g++
HOST_CC ?= gcc
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
COMMON := -g -O1 -Wall -Wextra -DUK_HOSTTEST=1 $(SAN) \
	-I$(UK_ROOT)/support/build/hosttest-include -I$(UK_ROOT)/include -I$(UK_ROOT)/lib/ukdebug/include \
	$(HOST_CPPFLAGS)
OBJS := $(patsubst /%,$(OUT)/obj/%.o,$(abspath $(HOST_SRCS)))

ifeq ($(V),1)
Q :=
else
Q := @
endif

$(OUT)/$(NAME): $(OBJS)
	$(Q)echo '  HOSTLD  $(NAME)'
	$(Q)$(HOST_CXX) $(SAN) -o $@ $^ $(HOST_LDFLAGS) -lgmock -lgtest_main -lgtest -pthread

$(OUT)/obj/%.cpp.o: /%.cpp
	$(Q)mkdir -p $(dir $@)
	$(Q)echo '  HOSTCXX $(patsubst $(UK_ROOT)/%,%,$<)'
	$(Q)$(HOST_CXX) -std=gnu++20 $(COMMON) -MMD -MP -c -o $@ $<

$(OUT)/obj/%.c.o: /%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo '  HOSTCC  $(patsubst $(UK_ROOT)/%,%,$<)'
	$(Q)$(HOST_CC) -std=gnu11 $(COMMON) -MMD -MP -c -o $@ $<

-include $(OBJS:.o=.d)

.PHONY: print-binary
print-binary:
	@echo $(OUT)/$(NAME)
