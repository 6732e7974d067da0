// SPDX-License-Identifier: BSD-3-Clause
//
// One fuzz input for the cpio reader: shared by the randomized GoogleTest
// corpus (fuzz_test.cpp, part of make test) and the libFuzzer target
// (fuzz/cpio_fuzz.cpp, support/scripts/fuzz-cpio). The checks: the
// reader never reads outside the input (ASan), every error has a
// message, the entry-by-entry reader agrees with the check, and the
// fields it hands out stay inside the input.
#pragma once

#include <uk/cpio.h>
#include <uk/errno.h>

#include <cstdlib>
#include <cstring>

namespace uk::hosttest {

/** @return the check's result for @p data (aborts on a broken invariant). */
inline int cpio_fuzz_one(const char *data, size_t size)
{
	uk_cpio_error err{};
	int n = uk_cpio_check(data, size, &err);
	if (n < 0 && (n != -UK_EINVAL || err.msg[0] == '\0' || err.code != n))
		abort();
	size_t pos = 0;
	unsigned i = 0;
	for (;; ++i) {
		uk_cpio_entry e;
		int rc = uk_cpio_next(data, size, &pos, i, &e, &err);
		if (rc <= 0)
			break;
		const char *d = static_cast<const char *>(e.data);
		if (e.name < data || e.name + e.namelen >= data + size || e.name[e.namelen] != '\0' ||
		    d < data || d + e.size > data + size || pos > size)
			abort();
	}
	if (n >= 0 && static_cast<unsigned>(n) != i)
		abort(); // the check passed but counted differently
	return n;
}

}  // namespace uk::hosttest
