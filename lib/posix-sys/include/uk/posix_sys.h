/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What posix-sys adds beyond the POSIX calls newlib declares. The POSIX
 * calls themselves (read, clock_gettime, getentropy, ...) are declared by
 * newlib's headers.
 */
#ifndef UK_POSIX_SYS_H
#define UK_POSIX_SYS_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/**
 * @return which source getentropy() uses: "rdrand" (x86_64's RDRAND),
 * "rndr" (arm64's RNDR), "fallback" (splitmix64 seeded from the cycle
 * counter and the wall clock: not cryptographic), or "none" before the
 * first getentropy().
 */
const char *uk_posix_entropy_source(void);

/**
 * The libc's errno value @p e as a negative Linux number (-UK_E*), for
 * glue that calls libc-level code (lwIP's sockets) inside a file
 * operation. Unknown values give -EIO.
 */
int uk_posix_errno_to_uk(int e);

UK_EXTERN_C_END

#endif /* UK_POSIX_SYS_H */
