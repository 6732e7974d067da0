/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Linux tap device as a uknetdev (linuxu): frames in and out of a
 * /dev/net/tun file descriptor opened with IFF_TAP | IFF_NO_PI. Devices
 * named by the library parameter tap.ifnames= on the command line
 * (image tap.ifnames=tap0,tap1 -- args), or else in
 * CONFIG_LIBUKTAP_IFNAMES, are created at boot; an application creates
 * more at run time with uk_tap_create().
 * Compiles as C11 and as C++.
 *
 * The netdev is named after the interface ("tap0"). It has one rx and
 * one tx queue; rx interrupts are the fd's readability (uk/plat/irq.h on
 * linuxu), so interrupt mode works as on KVM. Every frame is copied by
 * the kernel (read/write), the netbufs themselves are not.
 */
#ifndef UK_TAP_H
#define UK_TAP_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;
struct uk_netdev;

/**
 * Attaches to tap interface @p ifname (created by the kernel if it does
 * not exist and the process may: CAP_NET_ADMIN) and registers it as a
 * netdev. The driver's state comes from @p a. Thread context.
 * @return 0 with *out set (out may be NULL); -EINVAL (bad name);
 *   the kernel's error (-ENOENT: no /dev/net/tun, -EPERM, -EBUSY);
 *   -ENOMEM; -EEXIST (a netdev of that name exists).
 */
int uk_tap_create(const char *ifname, struct uk_alloc *a, struct uk_netdev **out);

UK_EXTERN_C_END

#endif /* UK_TAP_H */
