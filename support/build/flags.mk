# SPDX-License-Identifier: BSD-3-Clause
#
# Flags every library of the image is compiled with. Arch and platform
# Makefile.uk add ARCHFLAGS/ARCHFLAGS-y; libraries add their own
# LIBNAME_*FLAGS-y; apps may add to the global CINCLUDES-y etc.

ARCHFLAGS :=
ARCHFLAGS-y :=
CINCLUDES-y :=
CXXINCLUDES-y :=
ASINCLUDES-y :=
CFLAGS-y :=
CXXFLAGS-y :=
ASFLAGS-y :=
LDFLAGS-y :=

UK_OPTFLAGS-$(CONFIG_OPTIMIZE_PERF) := -O2
UK_OPTFLAGS-$(CONFIG_OPTIMIZE_SIZE) := -Os
UK_OPTFLAGS-$(CONFIG_OPTIMIZE_NONE) := -O0
UK_DBGFLAGS-$(CONFIG_DEBUG_SYMBOLS) := -g
UK_SECFLAGS-$(CONFIG_OPTIMIZE_DEADELIM) := -ffunction-sections -fdata-sections

# NOTE: -nostdinc: no header of the build machine reaches the image. GCC's
# own freestanding headers (stddef.h, stdint.h, stdarg.h, ...) stay.
UK_COMMONFLAGS = -nostdinc -ffreestanding -fno-stack-protector \
	-fno-pic -fno-pie -fno-omit-frame-pointer -fno-common \
	-fno-asynchronous-unwind-tables \
	$(UK_OPTFLAGS-y) $(UK_DBGFLAGS-y) $(UK_SECFLAGS-y) \
	-D__Unikraft__ -D__Tessera__ -D__TESSERA_VERSION__=\"$(UK_VERSION)\"
UK_WARNFLAGS := -Wall -Wextra -Wno-unused-parameter

UK_CSTD := -std=gnu11
# The libstdc++ header-only parts come before GCC's dir (#include_next).
UK_CXXSTD = -std=gnu++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics \
	-fno-use-cxa-atexit -isystem $(UK_ROOT)/support/build/freestanding-include \
	$(addprefix -isystem ,$(UK_CXX_INCLUDES))

UK_INCLUDES = -I$(UK_GENINCLUDE) -I$(UK_ROOT)/include
UK_SYSINCLUDE = -isystem $(UK_CC_INCLUDE)
