// SPDX-License-Identifier: BSD-3-Clause
//
// Between the parser (parse.cpp), the archive check (check.cpp) and the
// unpacker (extract.cpp).
#pragma once

#include <uk/cpio.h>
#include <uk/essentials.h>

namespace uk::cpio {

/** Fills @p err (when not NULL) with "entry N ("name") at offset O: " and
 * the formatted text. @return @p code. */
int fail(uk_cpio_error *err, int code, size_t offset, unsigned entry,
	 const char *name, const char *fmt, ...) __printf_like(6, 7);

/** uk_cpio_next() on bytes. */
int next(const char *a, size_t len, size_t *pos, unsigned index,
	 uk_cpio_entry *out, uk_cpio_error *err);

/**
 * The name as a path below the destination: leading "/" and "./" and
 * trailing "/" dropped ("" is the destination itself).
 * @return false when a component is "..".
 */
bool relative_name(const uk_cpio_entry &e, const char **p, size_t *len);

}  // namespace uk::cpio
