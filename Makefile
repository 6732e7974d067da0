# SPDX-License-Identifier: BSD-3-Clause
#
# Tessera entry point.
#
#   make [A=<app>] [L=<lib>:<lib>] [O=<builddir>] [C=<config>] [V=1] <target>
#
# `make help` lists the targets. Everything else lives in support/build/.

UK_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
include $(UK_ROOT)/support/build/main.mk
