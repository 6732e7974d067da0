# SPDX-License-Identifier: BSD-3-Clause
# Host tests of vfscore: the real path walk, mount table, namespace calls
# and open files, on the real ramfs and descriptor table, with a host
# allocator that fails on demand. rootfs.cpp stays out (boot glue).
HOST_SRCS += $(LIB_DIR)/path.cpp $(LIB_DIR)/mount.cpp $(LIB_DIR)/namespace.cpp \
	$(LIB_DIR)/file.cpp $(LIB_DIR)/capi.cpp
HOST_SRCS += $(UK_ROOT)/lib/ramfs/file_data.cpp $(UK_ROOT)/lib/ramfs/dir.cpp \
	$(UK_ROOT)/lib/ramfs/fs.cpp $(UK_ROOT)/lib/ramfs/vnode_ops.cpp
HOST_SRCS += $(UK_ROOT)/lib/posix-fdtab/fdtab.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(LIB_DIR)/tests \
	-I$(UK_ROOT)/lib/ramfs -I$(UK_ROOT)/lib/posix-fdtab/include \
	-I$(UK_ROOT)/lib/ukalloc/include -DCONFIG_LIBPOSIX_FDTAB_MAX_FILES=16
