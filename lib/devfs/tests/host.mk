# SPDX-License-Identifier: BSD-3-Clause
# Host tests of the devfs file-system type (devfs.cpp) with test devices,
# mounted through the real vfscore on a ramfs root. devices.cpp (the
# image's devices and boot mount) stays out: the in-image suite covers it.
HOST_SRCS += $(LIB_DIR)/devfs.cpp
HOST_SRCS += $(UK_ROOT)/lib/vfscore/path.cpp $(UK_ROOT)/lib/vfscore/mount.cpp \
	$(UK_ROOT)/lib/vfscore/namespace.cpp $(UK_ROOT)/lib/vfscore/file.cpp \
	$(UK_ROOT)/lib/vfscore/capi.cpp
HOST_SRCS += $(UK_ROOT)/lib/ramfs/file_data.cpp $(UK_ROOT)/lib/ramfs/dir.cpp \
	$(UK_ROOT)/lib/ramfs/fs.cpp $(UK_ROOT)/lib/ramfs/vnode_ops.cpp
HOST_SRCS += $(UK_ROOT)/lib/posix-fdtab/fdtab.cpp $(UK_ROOT)/lib/ukalloc/alloc.cpp
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/lib/vfscore \
	-I$(UK_ROOT)/lib/vfscore/include -I$(UK_ROOT)/lib/vfscore/tests \
	-I$(UK_ROOT)/lib/ramfs -I$(UK_ROOT)/lib/posix-fdtab/include \
	-I$(UK_ROOT)/lib/ukalloc/include -DCONFIG_LIBPOSIX_FDTAB_MAX_FILES=16
