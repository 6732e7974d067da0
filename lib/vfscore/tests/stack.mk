# SPDX-License-Identifier: BSD-3-Clause
# The file-system stack for host tests, included by the host.mk of
# vfscore, ramfs, devfs and ukcpio: the real vfscore and ramfs sources,
# the descriptor table and ukalloc's front end (on the TestAlloc of
# host_alloc.hpp), with their include folders. Boot glue (rootfs.cpp,
# ramfs's register.cpp) stays out.
VFS_STACK_SRCS := $(addprefix $(UK_ROOT)/lib/vfscore/,path.cpp mount.cpp \
	namespace.cpp cwd.cpp file.cpp open.cpp capi.cpp)
VFS_STACK_SRCS += $(addprefix $(UK_ROOT)/lib/ramfs/,file_data.cpp dir.cpp fs.cpp \
	dir_ops.cpp file_ops.cpp)
VFS_STACK_SRCS += $(UK_ROOT)/lib/posix-fdtab/fdtab.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
VFS_STACK_CPPFLAGS := -I$(UK_ROOT)/lib/vfscore -I$(UK_ROOT)/lib/vfscore/include \
	-I$(UK_ROOT)/lib/vfscore/tests -I$(UK_ROOT)/lib/ramfs \
	-I$(UK_ROOT)/lib/posix-fdtab/include -I$(UK_ROOT)/lib/ukalloc/include \
	-DCONFIG_LIBPOSIX_FDTAB_MAX_FILES=16
