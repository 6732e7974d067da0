# SPDX-License-Identifier: BSD-3-Clause
#
# The build, step by step: arguments -> configuration -> library
# registration (every Makefile.uk) -> compile rules -> per-library ld -r
# -> the platform's Linker.uk. See ARCHITECTURE.md, "Build flow".

MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.SUFFIXES:
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

UK_VERSION := 0.1.0
UK_FULLVERSION := $(UK_VERSION)
PYTHON := /usr/bin/python3
# dash: recipes start many shells, and dash starts faster than bash.
SHELL := /bin/sh

ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

# One-line build messages: $(call verbose_cmd,TAG,what,command)
define verbose_cmd
$(if $(Q),@printf '  %-7s %s\n' '$(1)' '$(2)';)$(3)
endef

include $(UK_ROOT)/support/build/util.mk

# Goals that never need a configuration or a toolchain.
UK_CONFIG_GOALS := menuconfig defconfig olddefconfig savedefconfig
UK_NOBUILD_GOALS := help clean properclean distclean test hosttest bench \
	$(UK_CONFIG_GOALS) print-%
UK_GOALS := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)
UK_BUILDING := $(filter-out $(UK_NOBUILD_GOALS),$(UK_GOALS))

# ---------------------------------------------------------------------------
# Arguments: A= (application), L= (external libraries), O= (build dir)
# ---------------------------------------------------------------------------
ifneq ($(filter-out help test hosttest bench,$(UK_GOALS)),)
ifeq ($(A),)
$(error no application: give A=<app folder> (e.g. make A=apps/helloworld) or run make in an app folder)
endif
endif

ifneq ($(A),)
override A := $(abspath $(A))
ifeq ($(wildcard $(A)/.),)
$(error A=$(A): no such folder (give the folder of an application, e.g. A=apps/helloworld))
endif
ifeq ($(wildcard $(A)/Makefile.uk),)
$(error A=$(A) has no Makefile.uk: an application folder needs Makefile.uk (with $$(eval $$(call addlib,app<name>))) and Config.uk)
endif
endif

# L= is a colon-separated list, as in Unikraft; spaces also work.
override L := $(strip $(foreach l,$(subst :, ,$(L)),$(abspath $(l))))
$(foreach l,$(L),$(if $(wildcard $(l)/.),,\
	$(error L=$(l): no such library folder (check the path; L= takes folders separated by ':'))))
$(foreach l,$(L),$(if $(wildcard $(l)/Makefile.uk),,\
	$(error L=$(l) has no Makefile.uk: an external library needs Makefile.uk and Config.uk)))

O ?= $(A)/build
override O := $(abspath $(O))
C ?= $(O)/.config
override C := $(abspath $(C))
UK_NAME ?= $(notdir $(A))

KCONFIG_GEN := $(O)/kconfig
UK_GENINCLUDE := $(O)/include

UK_LIB_DIRS := $(patsubst %/Config.uk,%,$(wildcard $(UK_ROOT)/lib/*/Config.uk))
UK_KCONFIG_FILES := $(UK_ROOT)/Config.uk $(UK_ROOT)/support/build/Config.uk \
	$(wildcard $(UK_ROOT)/arch/Config.uk $(UK_ROOT)/arch/*/Config.uk \
		$(UK_ROOT)/plat/Config.uk $(UK_ROOT)/plat/*/Config.uk \
		$(UK_ROOT)/plat/drivers/*/Config.uk) \
	$(addsuffix /Config.uk,$(UK_LIB_DIRS)) \
	$(wildcard $(addsuffix /Config.uk,$(L) $(A))) \
	$(KCONFIG_GEN)/libs.uk $(KCONFIG_GEN)/extlibs.uk $(KCONFIG_GEN)/app.uk

# ---------------------------------------------------------------------------
# Generated Kconfig source lists (rewritten only when they change, so that
# a no-op build does not re-run kconfiglib)
# ---------------------------------------------------------------------------
ifneq ($(A),)
_KC_LIBS := $(foreach d,$(UK_LIB_DIRS),source "$(d)/Config.uk"$(newline))
_KC_EXTLIBS := $(foreach d,$(L),$(if $(wildcard $(d)/Config.uk),source "$(d)/Config.uk"$(newline)))
_KC_APP := $(if $(wildcard $(A)/Config.uk),source "$(A)/Config.uk"$(newline))
$(call write_if_changed,$(KCONFIG_GEN)/libs.uk,_KC_LIBS)
$(call write_if_changed,$(KCONFIG_GEN)/extlibs.uk,_KC_EXTLIBS)
$(call write_if_changed,$(KCONFIG_GEN)/app.uk,_KC_APP)
endif

# ARCH= chooses the architecture over the .config (aarch64 means arm64).
override ARCH := $(patsubst aarch64,arm64,$(ARCH))
ifneq ($(filter-out x86_64 arm64,$(ARCH)),)
$(error ARCH=$(ARCH): unknown architecture (give ARCH=x86_64 or ARCH=arm64))
endif

UKCONFIG = $(Q)env srctree=$(UK_ROOT) KCONFIG_GEN=$(KCONFIG_GEN) \
	UK_NAME=$(UK_NAME) UK_FULLVERSION=$(UK_FULLVERSION) \
	$(PYTHON) $(UK_ROOT)/support/kconfig/ukconfig.py \
	--config $(C) --gen $(KCONFIG_GEN) $(if $(ARCH),--arch $(ARCH))

$(if $(filter $(UK_CONFIG_GOALS) all,$(UK_GOALS))$(UK_BUILDING),\
	$(if $(wildcard $(PYTHON)),,$(error $(PYTHON) not found: apt-get install python3 python3-kconfiglib (or run support/scripts/install-deps))))

.PHONY: menuconfig defconfig olddefconfig savedefconfig
menuconfig:
	$(UKCONFIG) menuconfig
# A relative UK_DEFCONFIG is looked up from the shell's folder ($(PWD)),
# then the app folder, then the tree.
_defconfig_path = $(if $(filter /%,$(1)),$(1),$(firstword $(wildcard $(PWD)/$(1) $(A)/$(1) $(UK_ROOT)/$(1)) $(abspath $(1))))
defconfig:
	$(UKCONFIG) defconfig $(if $(UK_DEFCONFIG),--defconfig $(call _defconfig_path,$(UK_DEFCONFIG)))
olddefconfig:
	$(UKCONFIG) olddefconfig
savedefconfig:
	$(UKCONFIG) savedefconfig --out $(O)/defconfig

# ---------------------------------------------------------------------------
# Configuration -> Make variables. config.mk is remade (and Make restarts)
# whenever the .config or any Config.uk changed.
# ---------------------------------------------------------------------------
ifneq ($(UK_BUILDING),)
# An ARCH= other than the configured one forces a sync.
_UK_CONFIGURED_ARCH := $(if $(ARCH),$(shell sed -n 's/^CONFIG_UK_ARCH := //p' $(KCONFIG_GEN)/config.mk 2>/dev/null))
.PHONY: _uk_arch_changed
$(KCONFIG_GEN)/config.mk: $(UK_KCONFIG_FILES) $(wildcard $(C)) \
		$(if $(and $(ARCH),$(filter-out $(ARCH),$(_UK_CONFIGURED_ARCH))),_uk_arch_changed)
	$(UKCONFIG) sync
include $(KCONFIG_GEN)/config.mk
endif

include $(UK_ROOT)/support/build/help.mk
include $(UK_ROOT)/support/build/test.mk

ifneq ($(UK_BUILDING),)
ifneq ($(CONFIG_UK_ARCH),)
include $(UK_ROOT)/support/build/toolchain.mk
include $(UK_ROOT)/support/build/lib.mk
include $(UK_ROOT)/support/build/flags.mk

# Registration: every Makefile.uk, in this order. A library only gets
# rules if its CONFIG_ symbol is y (addlib_s).
$(eval $(call import_makefile_uk,$(UK_ROOT)/arch/$(CONFIG_UK_ARCH)))
$(eval $(call import_makefile_uk,$(UK_ROOT)/plat/$(CONFIG_UK_PLAT)))
$(foreach d,$(patsubst %/Makefile.uk,%,$(wildcard $(UK_ROOT)/plat/common/Makefile.uk $(UK_ROOT)/plat/drivers/*/Makefile.uk)),$(eval $(call import_makefile_uk,$(d))))
$(foreach d,$(UK_LIB_DIRS),$(eval $(call import_makefile_uk,$(d))))
$(foreach d,$(L),$(eval $(call import_makefile_uk,$(d))))
$(eval $(call import_makefile_uk,$(A)))

include $(UK_ROOT)/support/build/rules.mk
include $(UK_ROOT)/plat/$(CONFIG_UK_PLAT)/Linker.uk
include $(UK_ROOT)/support/build/initrd.mk
endif
endif

.PHONY: clean properclean distclean
clean:
	$(Q)rm -rf $(filter-out $(O)/kconfig $(O)/include $(O)/.config,$(wildcard $(O)/*))
	@echo '  CLEAN   $(O) (configuration kept)'
properclean distclean:
	$(Q)rm -rf $(O)
	@echo '  CLEAN   $(O)'
