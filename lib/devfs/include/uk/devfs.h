/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs: device files in one flat directory (mounted on /dev at boot).
 * devfs itself provides null, zero, console, random and urandom; a
 * driver adds its own devices with uk_devfs_register() from an init
 * function of class lib or earlier (a mount lists the devices
 * registered when it is made).
 */
#ifndef UK_DEVFS_H
#define UK_DEVFS_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** Linux's device number of @p major:@p minor (st_rdev). */
#define UK_DEVFS_MKDEV(major, minor)                                         \
	((((uint64_t)(major) & 0xfff) << 8) | ((uint64_t)(minor) & 0xff) |   \
	 (((uint64_t)(minor) & ~0xffull) << 12) |                            \
	 (((uint64_t)(major) & ~0xfffull) << 32))

/**
 * A device: static in its driver. Operations may be NULL: read then
 * fails with -EINVAL, write with -EINVAL, poll reports ready for both,
 * ioctl fails with -ENOTTY. They return byte counts or negative UK_E*.
 */
struct uk_devfs_device {
	const char *name;   /**< the file name in /dev */
	uint32_t mode;      /**< UK_S_IFCHR (or UK_S_IFBLK) | permission bits */
	uint64_t rdev;      /**< UK_DEVFS_MKDEV(major, minor) */
	intptr_t (*read)(struct uk_devfs_device *dev, void *buf, size_t len,
			 int64_t off);
	intptr_t (*write)(struct uk_devfs_device *dev, const void *buf,
			  size_t len, int64_t off);
	uint32_t (*poll)(struct uk_devfs_device *dev);
	int (*ioctl)(struct uk_devfs_device *dev, unsigned long request,
		     void *arg);
	void *priv;                   /**< the driver's */
	struct uk_devfs_device *next; /**< devfs's list */
};

/**
 * Adds @p dev to the devices later devfs mounts show.
 * @return 0, -EEXIST (a device of that name), -EINVAL (bad name).
 */
int uk_devfs_register(struct uk_devfs_device *dev);

UK_EXTERN_C_END

#endif /* UK_DEVFS_H */
