/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel's random numbers: a ChaCha20 generator (RFC 8439 block
 * function, fast key erasure: every request ends with a fresh key, so
 * earlier output cannot be recomputed from the state), with entropy
 * from the CPU mixed into the key before every request: RDRAND (x86_64)
 * or RNDR (arm64 with FEAT_RNG) where the CPU has it, else only the
 * cycle counter and the clocks, which is NOT cryptographic. /dev/urandom and /dev/random (devfs) read
 * from it. Never blocks, never fails.
 */
#ifndef UK_RANDOM_H
#define UK_RANDOM_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** Fills @p buf with @p len random bytes. */
void uk_random_fill(void *buf, size_t len);

/**
 * @return the entropy source mixed in: "rdrand", "rndr", or "fallback"
 * (cycle counter and clocks: not cryptographic).
 */
const char *uk_random_source(void);

UK_EXTERN_C_END

#endif /* UK_RANDOM_H */
