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

# The cache says which prefix and arch it was probed for: when they differ
# from what this pass sees, it is probed again. (A .config change remakes
# config.mk and toolchain.mk in one pass, still with the old values;
# after Make restarts, the key tells the cache is stale.)
_UK_TC_KEY := $(CROSS_COMPILE)|$(CONFIG_UK_ARCH)
_UK_TC_OLD := $(shell sed -n 's/^UK_TOOLCHAIN_KEY := //p' $(KCONFIG_GEN)/toolchain.mk 2>/dev/null)
.PHONY: _uk_toolchain_changed
$(KCONFIG_GEN)/toolchain.mk: $(KCONFIG_GEN)/config.mk \
		$(if $(filter-out x$(_UK_TC_KEY),x$(_UK_TC_OLD)),_uk_toolchain_changed)
	$(Q)$(UK_ROOT)/support/scripts/probe-toolchain '$(CROSS_COMPILE)' '$(CONFIG_UK_ARCH)' > $@.tmp && mv $@.tmp $@
include $(KCONFIG_GEN)/toolchain.mk
