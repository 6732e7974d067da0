// SPDX-License-Identifier: BSD-3-Clause
//
// Descriptors 0, 1 and 2 from boot: console files. stdout and stderr
// write to the kernel console; stdin has no input device yet and reads
// end of file, so a program reading stdin terminates instead of hanging.

#include <uk/fdtab.h>
#include <uk/init.h>
#include <uk/plat.h>

namespace uk::fdtab {
namespace {

intptr_t console_read(uk_file *, void *, size_t) { return 0; }

intptr_t console_write(uk_file *, const void *buf, size_t len)
{
	return uk_console_write(buf, len);
}

int console_stat(uk_file *, uk_file_info *out)
{
	out->mode = UK_S_IFCHR | 0620;
	return 0;
}

int console_isatty(uk_file *) { return 1; }

// Filled member by member: the operations not named stay NULL.
constexpr uk_file_ops kInputOps = [] {
	uk_file_ops o{};
	o.read = console_read;
	o.stat = console_stat;
	o.isatty = console_isatty;
	return o;
}();
constexpr uk_file_ops kOutputOps = [] {
	uk_file_ops o{};
	o.write = console_write;
	o.stat = console_stat;
	o.isatty = console_isatty;
	return o;
}();

// Static files: their release is NULL, so closing fd 1 only drops the
// table's reference. The initial reference is the one the table takes.
constinit uk_file stdin_file = {&kInputOps, nullptr, 1, UK_O_RDONLY};
constinit uk_file stdout_file = {&kOutputOps, nullptr, 1, UK_O_WRONLY};
constinit uk_file stderr_file = {&kOutputOps, nullptr, 1, UK_O_WRONLY};

// Early class, right after the scheduler (priority 5): anything printing
// through the libc from a library init function already finds fd 1.
int console_files_init()
{
	uk_file *files[] = {&stdin_file, &stdout_file, &stderr_file};
	for (int fd = 0; fd < 3; ++fd) {
		int rc = uk_fdtab_install_at(fd, files[fd]);
		if (rc < 0)
			return rc;
	}
	return 0;
}
uk_early_initcall_prio(console_files_init, 6);

}  // namespace
}  // namespace uk::fdtab

extern "C" intptr_t uk_console_write(const void *buf, size_t len)
{
	constexpr size_t kChunk = 1u << 30;
	const char *p = static_cast<const char *>(buf);
	size_t done = 0;
	while (done < len) {
		size_t n = len - done < kChunk ? len - done : kChunk;
		int rc = ukplat_coutk(p + done, n);
		if (rc <= 0)
			return done ? static_cast<intptr_t>(done) : (rc ? rc : -UK_EIO);
		done += static_cast<size_t>(rc);
	}
	return static_cast<intptr_t>(done);
}
