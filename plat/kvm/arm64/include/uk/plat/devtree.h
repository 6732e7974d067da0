/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device tree the loader handed over (KVM arm64), for drivers that
 * find their devices in it (virtio-mmio). Read it with uk/fdt.h.
 */
#ifndef UK_PLAT_DEVTREE_H
#define UK_PLAT_DEVTREE_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/**
 * @return the device tree blob, already validated with uk_fdt_check()
 * at boot; it stays mapped and untouched for the image's lifetime.
 */
const void *ukplat_fdt(void);

UK_EXTERN_C_END

#endif /* UK_PLAT_DEVTREE_H */
