/* SPDX-License-Identifier: BSD-3-Clause */
/* Fakes of the platform and allocator that nolibc calls, for host tests. */
#ifndef NOLIBC_TESTS_STUBS_HPP
#define NOLIBC_TESTS_STUBS_HPP

#include <string>
#include <vector>

namespace nolibc_test {
/** Every ukplat_coutk() call, one string per call. */
extern std::vector<std::string> console_writes;
/** All console output so far, concatenated. */
std::string console_text();
/** When false, uk_alloc_get_default() returns NULL. */
extern bool have_allocator;
} // namespace nolibc_test

#endif
