/* SPDX-License-Identifier: BSD-3-Clause */
#include "nolibc.hpp"

namespace uk::nolibc {
namespace {
/* NOTE: one errno for the whole image until a scheduler provides a
 * per-thread one; __errno() is the single place to change. */
constinit int errno_value = 0;
} // namespace

int *errno_location() { return &errno_value; }

} // namespace uk::nolibc
