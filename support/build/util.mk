# SPDX-License-Identifier: BSD-3-Clause
# Small Make helpers used everywhere in the build.

empty :=
space := $(empty) $(empty)
comma := ,
define newline


endef

# Upper case and '-' -> '_': libfoo-bar -> LIBFOO_BAR (no shell needed).
uc = $(subst -,_,$(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,$(subst z,Z,$(1))))))))))))))))))))))))))))

# $(call str_eq,a,b): non-empty when a and b are equal after $(strip).
str_eq = $(and $(findstring x$(strip $(1))x,x$(strip $(2))x),$(findstring x$(strip $(2))x,x$(strip $(1))x))

# $(call write_if_changed,file,VARIABLE): writes the value of VARIABLE to
# file only when it differs (whitespace-insensitive), so timestamps change
# only with the content. Uses $(file) so a no-op build starts no process.
write_if_changed = $(if $(and $(wildcard $(1)),$(call str_eq,$(file <$(1)),$($(2)))),,\
	$(shell mkdir -p $(dir $(1)))$(file >$(1),$($(2))))
