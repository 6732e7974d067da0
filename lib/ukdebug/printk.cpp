// SPDX-License-Identifier: BSD-3-Clause
//
// printk: formats into a stack buffer (no allocation, usable before the
// heap exists) and writes one console call per message.

#include <stdio.h>
#include <uk/plat.h>
#include <uk/print.h>

namespace uk::debug {
namespace {

constexpr size_t kLineMax = 256;

const char *level_name(int lvl)
{
	switch (lvl) {
	case UK_PRINT_CRIT: return "CRIT";
	case UK_PRINT_ERR: return "ERR";
	case UK_PRINT_WARN: return "Warn";
	case UK_PRINT_INFO: return "Info";
	default: return "Debug";
	}
}

}  // namespace
}  // namespace uk::debug

extern "C" void uk_vprintk(int lvl, const char *libname, const char *fmt,
			   va_list ap)
{
	using namespace uk::debug;
	char line[kLineMax];
	int head = snprintf(line, sizeof(line), "%s: [%s] ", level_name(lvl),
			    libname);
	if (head < 0 || static_cast<size_t>(head) >= sizeof(line))
		head = 0;
	int body = vsnprintf(line + head, sizeof(line) - head, fmt, ap);
	size_t len = head + (body > 0 ? static_cast<size_t>(body) : 0);
	if (len >= sizeof(line)) {
		// Truncated: say so instead of silently losing the end.
		len = sizeof(line) - 1;
		line[len - 4] = '.';
		line[len - 3] = '.';
		line[len - 2] = '.';
		line[len - 1] = '\n';
	}
	ukplat_coutk(line, len);
}

extern "C" void uk_printk(int lvl, const char *libname, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	uk_vprintk(lvl, libname, fmt, ap);
	va_end(ap);
}
