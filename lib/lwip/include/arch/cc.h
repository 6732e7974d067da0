/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's compiler and platform glue: types from <stdint.h>, diagnostics
 * through the kernel console, assertions that stop the image with the
 * message (UK_CRASH: a failed lwIP assertion is a bug, not an error).
 * newlib's and posix-sys's <fcntl.h>, <poll.h> and <sys/ioctl.h> come
 * first, so that lwIP's own code and applications see one set of
 * O_NONBLOCK, POLL* and FIONREAD values (lwIP defines its own only where
 * none exist).
 */
#ifndef TESSERA_LWIP_ARCH_CC_H
#define TESSERA_LWIP_ARCH_CC_H

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <uk/assert.h>

#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

#define LWIP_NO_STDINT_H 0
#define LWIP_NO_INTTYPES_H 0
#define LWIP_NO_LIMITS_H 0
#define LWIP_NO_CTYPE_H 0

#define LWIP_PLATFORM_DIAG(x) \
	do {                  \
		printf x;     \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) UK_CRASH("lwIP assertion: %s", x)

#ifndef BYTE_ORDER /* newlib's machine/endian.h has it */
#define BYTE_ORDER LITTLE_ENDIAN
#endif

#endif /* TESSERA_LWIP_ARCH_CC_H */
