# SPDX-License-Identifier: BSD-3-Clause
#
# The toolchain: GCC and binutils, host or cross (CONFIG_CROSS_COMPILE or
# CROSS_COMPILE=...). What the probe finds is cached in the build dir, so a
# no-op build does not ask the compiler again.

CROSS_COMPILE ?= $(CONFIG_CROSS_COMPILE)
CC := $(CROSS_COMPILE)gcc
CXX := $(CROSS_COMPILE)g++
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
STRIP := $(CROSS_COMPILE)strip
NM := $(CROSS_COMPILE)nm
READELF := $(CROSS_COMPILE)readelf

$(KCONFIG_GEN)/toolchain.mk: $(KCONFIG_GEN)/config.mk
	$(Q)$(UK_ROOT)/support/scripts/probe-toolchain '$(CROSS_COMPILE)' '$(CONFIG_UK_ARCH)' > $@.tmp && mv $@.tmp $@
include $(KCONFIG_GEN)/toolchain.mk
