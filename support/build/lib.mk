# SPDX-License-Identifier: BSD-3-Clause
#
# What a Makefile.uk may call, with Unikraft's names:
#   $(eval $(call addlib,libname))               always registered
#   $(eval $(call addlib_s,libname,$(CONFIG_X))) registered when CONFIG_X=y
#   $(eval $(call addplatlib,plat,libname))      registered for that platform
#   $(eval $(call addplatlib_s,plat,libname,$(CONFIG_X)))
#   $(eval $(call fetch,libname,archive[,name])) unpack a LOCAL archive
#   $(eval $(call patch,libname,patchdir,subdir)) apply patchdir/*.patch
# and set UK_LINK_ARCHIVES += <archive> (final link), LIBNAME_SRCS-y, LIBNAME_CFLAGS-y, LIBNAME_CXXFLAGS-y,
# LIBNAME_ASFLAGS-y, LIBNAME_CINCLUDES-y, LIBNAME_CXXINCLUDES-y,
# LIBNAME_ASINCLUDES-y, LIBNAME_<FILE>_FLAGS-y, LIBNAME_<FILE>_INCLUDES-y.
# Each library's folder is LIBNAME_BASE, its build folder LIBNAME_BUILD,
# and unpacked sources live in LIBNAME_ORIGIN.

UK_ALIBS :=
UK_PREPARE :=
# Static archives a library adds to the final link (e.g. a libc built from
# its own sources), searched together with libgcc; only the members the
# image needs are linked.
UK_LINK_ARCHIVES :=

define import_makefile_uk
_IMPORT_BASE := $(1)
include $(1)/Makefile.uk
endef

define _setlib_vars
$(call uc,$(1))_BASE := $(_IMPORT_BASE)
$(call uc,$(1))_BUILD := $(O)/$(1)
$(call uc,$(1))_ORIGIN := $(O)/$(1)/origin
$(call uc,$(1))_NAME := $(1)
endef

define addlib
$(_setlib_vars)
$(if $(filter $(1),$(UK_ALIBS)),$$(error $(1) is registered twice (addlib in $(_IMPORT_BASE)/Makefile.uk): library names must be unique))
UK_ALIBS += $(1)
endef

addlib_s = $(if $(filter y,$(2)),$(call addlib,$(1)),$(_setlib_vars))
addplatlib = $(if $(filter $(1),$(CONFIG_UK_PLAT)),$(call addlib,$(2)),$(call _setlib_vars,$(2)))
addplatlib_s = $(if $(filter y,$(3)),$(call addplatlib,$(1),$(2)),$(call _setlib_vars,$(2)))

# Archives come from the local disk only (a path or file://...): nothing is
# downloaded at build time. LIBNAME_FETCH_HINT, when set before the call,
# says how to get the archive (e.g. the Debian package that ships it).
define fetch
$(if $(filter http://% https://% ftp://%,$(2)),$$(error $(1): fetch of $(2): Tessera downloads nothing at build time; give a local archive (a path or file://...), e.g. from a Debian source package))
$(call uc,$(1))_ARCHIVE := $(patsubst file://%,%,$(2))
$(call uc,$(1))_PREPARED := $(O)/$(1)/.fetched
UK_PREPARE += $(O)/$(1)/.fetched
$(O)/$(1)/.fetched: $(patsubst file://%,%,$(2))
	$$(call verbose_cmd,UNPACK,$(1): $$(notdir $$<),$(UK_ROOT)/support/scripts/unarchive $$< $(O)/$(1)/origin)
	$(Q)touch $$@
$(patsubst file://%,%,$(2)):
	@echo "error: $(1): archive $$@ not found$$(if $$($(call uc,$(1))_FETCH_HINT),: $$($(call uc,$(1))_FETCH_HINT))" >&2; exit 1
endef

define patch
$(call uc,$(1))_PATCHES := $(sort $(wildcard $(2)/*.patch))
UK_PREPARE += $(O)/$(1)/.patched
$(O)/$(1)/.patched: $(O)/$(1)/.fetched $$($(call uc,$(1))_PATCHES)
	$(Q)for p in $$($(call uc,$(1))_PATCHES); do \
		$(if $(Q),printf '  %-7s %s\n' PATCH "$(1): $$$${p##*/}";) \
		patch -s -p1 -N -d $(O)/$(1)/origin/$(3) < $$$$p || \
		{ echo "error: $(1): $$$$p does not apply to $(3) (wrong version of the archive?)" >&2; exit 1; }; \
	done
	$(Q)touch $$@
endef
