// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target for the cpio reader: support/scripts/fuzz-cpio builds
// it with clang (-fsanitize=fuzzer,address,undefined) and runs it.
#include "fuzz_one.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uk::hosttest::cpio_fuzz_one(reinterpret_cast<const char *>(data), size);
	return 0;
}
