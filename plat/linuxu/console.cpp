// SPDX-License-Identifier: BSD-3-Clause
//
// The console is the process's standard output.

#include <uk/plat.h>

#include "linuxu.hpp"

extern "C" int ukplat_coutk(const char *buf, size_t len)
{
	using namespace uk::linuxu;
	size_t done = 0;
	// write() may be partial (a pipe, a signal); loop until all is out.
	while (done < len) {
		long rc = syscall6(sys::kWrite, kStdout,
				   reinterpret_cast<long>(buf + done),
				   static_cast<long>(len - done));
		if (rc == -4 /* EINTR */)
			continue;
		if (rc <= 0)
			return done ? static_cast<int>(done) : static_cast<int>(rc);
		done += static_cast<size_t>(rc);
	}
	return static_cast<int>(done);
}
