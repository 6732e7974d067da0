# SPDX-License-Identifier: BSD-3-Clause
#
# Compile rules for every source of every registered library, then one
# relocatable object per library (ld -r) with its symbols not named in
# exportsyms.uk made local.

# A library's include/ folder is public to all others when it is enabled.
UK_LIB_INCLUDES := $(foreach l,$(UK_ALIBS),$(if $(wildcard $($(call uc,$(l))_BASE)/include/.),-I$($(call uc,$(l))_BASE)/include))

# Source list entries may carry Unikraft's "|variant" suffix: ignored.
_src_of = $(firstword $(subst |, ,$(1)))
_ext_of = $(suffix $(call _src_of,$(1)))
# The object path mirrors the source path below the library's folder or
# its unpacked origin, so equal base names in two folders do not clash.
_rel_of = $(patsubst $(UK_ROOT)/%,%,$(patsubst $($(2)_BASE)/%,%,$(patsubst $($(2)_ORIGIN)/%,origin/%,$(1))))
_obj_of = $(O)/$(1)/$(basename $(call _rel_of,$(call _src_of,$(3)),$(2))).o
_fileflags = $($(2)_$(call uc,$(basename $(notdir $(call _src_of,$(3)))))_FLAGS-y) \
	$($(2)_$(call uc,$(basename $(notdir $(call _src_of,$(3)))))_FLAGS) \
	$($(2)_$(call uc,$(basename $(notdir $(call _src_of,$(3)))))_INCLUDES-y) \
	$($(2)_$(call uc,$(basename $(notdir $(call _src_of,$(3)))))_INCLUDES)

_libinc = -D__LIBNAME__=$($(1)_NAME) $(UK_INCLUDES) $(UK_LIB_INCLUDES)
_lib_cflags = $(ARCHFLAGS) $(ARCHFLAGS-y) $(UK_COMMONFLAGS) $(UK_WARNFLAGS) \
	$(UK_CSTD) $(call _libinc,$(1)) $(CINCLUDES-y) $(CINCLUDES) $($(1)_CINCLUDES-y) \
	$($(1)_CINCLUDES) $(UK_SYSINCLUDE) $(CFLAGS-y) $(CFLAGS) \
	$($(1)_CFLAGS-y) $($(1)_CFLAGS)
_lib_cxxflags = $(ARCHFLAGS) $(ARCHFLAGS-y) $(UK_COMMONFLAGS) \
	$(UK_WARNFLAGS) $(UK_CXXSTD) $(call _libinc,$(1)) $(CXXINCLUDES-y) \
	$(CXXINCLUDES) $($(1)_CXXINCLUDES-y) $($(1)_CXXINCLUDES) \
	$(UK_SYSINCLUDE) $(CXXFLAGS-y) $(CXXFLAGS) $($(1)_CXXFLAGS-y) \
	$($(1)_CXXFLAGS)
_lib_asflags = $(ARCHFLAGS) $(ARCHFLAGS-y) $(UK_COMMONFLAGS) \
	-D__ASSEMBLY__ $(call _libinc,$(1)) $(ASINCLUDES-y) $(ASINCLUDES) \
	$($(1)_ASINCLUDES-y) $($(1)_ASINCLUDES) $(UK_SYSINCLUDE) \
	$(ASFLAGS-y) $(ASFLAGS) $($(1)_ASFLAGS-y) $($(1)_ASFLAGS)

UK_FIXDEP = $(UK_ROOT)/support/scripts/fixdep -v depsdir=$(KCONFIG_GEN)/deps \
	-v config_h=$(UK_GENINCLUDE)/uk/config.h

# Compile, then turn the compiler's dependency list into per-symbol
# dependencies (support/scripts/fixdep): a .config change rebuilds only
# the objects whose sources or headers mention a changed CONFIG_ symbol.
# $(1)=lib $(2)=LIB $(3)=src $(4)=obj $(5)=tag $(6)=compiler $(7)=flags var
define _compile_rule
$(4)_FFLAGS := $(call _fileflags,$(1),$(2),$(3))
$(4): $(call _src_of,$(3)) $(O)/$(1)/.flags | $(UK_PREPARE) $(KCONFIG_GEN)/config.mk
	$$(call verbose_cmd,$(5),$$(patsubst $(O)/%,%,$$@),mkdir -p $$(@D) && \
		$(6) $$($(7)) $$($(4)_FFLAGS) -MMD -MP -MF $$@.d.tmp -c $$< -o $$@ && \
		$(UK_FIXDEP) $$@.d.tmp > $$(@:.o=.d) && rm -f $$@.d.tmp)
$(if $(filter $($(2)_ORIGIN)/%,$(call _src_of,$(3))),$(call _src_of,$(3)): | $(UK_PREPARE) ;)
endef

# Everything about one library: compile rules, the flags file (a change of
# any flag rebuilds the library) and the ld -r step.
define _lib_rules
$(2)_SRCS := $(strip $($(2)_SRCS-y) $($(2)_SRCS))
$(2)_OBJS := $$(foreach s,$$($(2)_SRCS),$$(call _obj_of,$(1),$(2),$$(s)))
$(2)_FLAGS_C := $(call _lib_cflags,$(2))
$(2)_FLAGS_CXX := $(call _lib_cxxflags,$(2))
$(2)_FLAGS_AS := $(call _lib_asflags,$(2))
$(2)_FLAGS_ALL := $$($(2)_FLAGS_C) $$($(2)_FLAGS_CXX) $$($(2)_FLAGS_AS) $$(foreach s,$$($(2)_SRCS),$$(s) $$(call _fileflags,$(1),$(2),$$(s)))
$$(call write_if_changed,$(O)/$(1)/.flags,$(2)_FLAGS_ALL)
$$(foreach s,$$(filter %.c,$$($(2)_SRCS)),$$(eval $$(call _compile_rule,$(1),$(2),$$(s),$$(call _obj_of,$(1),$(2),$$(s)),CC,$(CC),$(2)_FLAGS_C)))
$$(foreach s,$$(filter %.cpp %.cc %.cxx,$$(foreach x,$$($(2)_SRCS),$$(call _src_of,$$(x)))),$$(eval $$(call _compile_rule,$(1),$(2),$$(s),$$(call _obj_of,$(1),$(2),$$(s)),CXX,$(CXX),$(2)_FLAGS_CXX)))
$$(foreach s,$$(filter %.S %.s,$$(foreach x,$$($(2)_SRCS),$$(call _src_of,$$(x)))),$$(eval $$(call _compile_rule,$(1),$(2),$$(s),$$(call _obj_of,$(1),$(2),$$(s)),AS,$(CC),$(2)_FLAGS_AS)))
$$(foreach s,$$(filter-out %.c %.cpp %.cc %.cxx %.S %.s,$$(foreach x,$$($(2)_SRCS),$$(call _src_of,$$(x)))),$$(error $(1): $$(s): unknown source type (.c, .cpp, .cc, .S are built)))
$$(if $$(filter-out $$(words $$($(2)_OBJS)),$$(words $$(sort $$($(2)_OBJS)))),$$(error $(1): two sources map to one object ($$(sort $$(foreach o,$$($(2)_OBJS),$$(if $$(filter-out 1,$$(words $$(filter $$(o),$$($(2)_OBJS)))),$$(notdir $$(o)))))): rename one of them))
-include $$($(2)_OBJS:.o=.d)

ifneq ($$($(2)_SRCS),)
$(O)/$(1).o: $$($(2)_OBJS) $(wildcard $($(2)_BASE)/exportsyms.uk)
	$$(call verbose_cmd,LD,$(1).o,$(UK_ROOT)/support/scripts/link-lib \
		'$(CROSS_COMPILE)' $$@ '$(wildcard $($(2)_BASE)/exportsyms.uk)' \
		$(if $(and $(filter $(UK_ROOT)/%,$($(2)_BASE)),$(filter-out $(A),$($(2)_BASE))),check-ctors,allow-ctors) \
		$$($(2)_OBJS))
UK_LIB_OBJS += $(O)/$(1).o
endif
endef

UK_LIB_OBJS :=
$(foreach l,$(UK_ALIBS),$(eval $(call _lib_rules,$(l),$(call uc,$(l)))))
