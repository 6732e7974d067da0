/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device tree the loader handed over (KVM arm64), for drivers that
 * find their devices in it (virtio-mmio), and whether their registers
 * are mapped. Read the tree with uk/fdt.h.
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

/**
 * @return 1 when every byte of [addr, addr + len) is mapped as device
 * memory (the range below RAM: where QEMU's virt board puts its
 * devices), else 0.
 */
int ukplat_mmio_mapped(uintptr_t addr, size_t len);

UK_EXTERN_C_END

#endif /* UK_PLAT_DEVTREE_H */
