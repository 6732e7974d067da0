// SPDX-License-Identifier: BSD-3-Clause
//
// State shared by the runner (run.cpp) and the failure reports
// (report.cpp). One case runs at a time: no locking.

#pragma once

#include <stdarg.h>
#include <uk/test.h>

namespace uk::test {

// What the running case has recorded so far.
struct CaseState {
	unsigned failures;
	bool skipped;
	const char *skip_reason;
};

extern constinit CaseState g_case;

// Prints one console line (a '\n' is added). Formats into a stack buffer
// and writes it with ukplat_coutk after flushing stdout, so that it comes
// after what the case printed: no allocation, ever (see README.md).
void emit(const char *fmt, ...) __printf_like(1, 2);
void vemit(const char *fmt, va_list ap);

} // namespace uk::test
