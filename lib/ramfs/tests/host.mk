# SPDX-License-Identifier: BSD-3-Clause
# Host tests of ramfs through vfscore (the real sources of both, the
# descriptor table and ukalloc's front end) on a host allocator that
# fails on demand, with a clock the tests set. register.cpp stays out.
HOST_SRCS += $(LIB_DIR)/file_data.cpp $(LIB_DIR)/dir.cpp $(LIB_DIR)/fs.cpp \
	$(LIB_DIR)/vnode_ops.cpp
HOST_SRCS += $(UK_ROOT)/lib/vfscore/path.cpp $(UK_ROOT)/lib/vfscore/mount.cpp \
	$(UK_ROOT)/lib/vfscore/namespace.cpp $(UK_ROOT)/lib/vfscore/file.cpp \
	$(UK_ROOT)/lib/vfscore/capi.cpp
HOST_SRCS += $(UK_ROOT)/lib/posix-fdtab/fdtab.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(UK_ROOT)/lib/vfscore -I$(UK_ROOT)/lib/vfscore/include \
	-I$(UK_ROOT)/lib/vfscore/tests -I$(UK_ROOT)/lib/posix-fdtab/include \
	-I$(UK_ROOT)/lib/ukalloc/include -DCONFIG_LIBPOSIX_FDTAB_MAX_FILES=16
