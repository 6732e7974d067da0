// SPDX-License-Identifier: BSD-3-Clause
//
// One memory region: an anonymous private mapping made at start; the
// initrd (--initrd=FILE) is a private mapping of that file.

#include <uk/errno.h>
#include <uk/plat.h>

#include "linuxu.hpp"

namespace uk::linuxu {
namespace {
constinit ukplat_memregion heap_region{};
constinit const void *initrd_base = nullptr;
constinit size_t initrd_len = 0;
constinit bool initrd_given = false;
constinit char empty_initrd[1] = {0};

const char *reason(long err)
{
	switch (-err) {
	case 2: return "no such file";
	case 13: return "permission denied";
	case 19: return "cannot be mapped (not a regular file?)";
	case 21: return "is a directory";
	case 29: return "cannot seek (a pipe?)";
	default: return "failed";
	}
}

__noreturn void initrd_fail(const char *path, const char *what, long err)
{
	const char *parts[] = {"linuxu: --initrd=", path, ": cannot ", what, ": ",
			       reason(err), "\n"};
	for (const char *p : parts) {
		size_t n = 0;
		while (p[n])
			++n;
		ukplat_coutk(p, n);
	}
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}
}  // namespace

void initrd_map(const char *path)
{
	long fd = syscall6(sys::kOpen, reinterpret_cast<long>(path),
			   kOpenReadOnly | kOpenCloexec);
	if (fd < 0)
		initrd_fail(path, "open it", fd);
	long size = syscall6(sys::kLseek, fd, 0, kSeekEnd);
	if (size < 0)
		initrd_fail(path, "find its size", size);
	long addr = reinterpret_cast<long>(empty_initrd); // an empty file: 0 bytes
	if (size > 0) {
		addr = syscall6(sys::kMmap, 0, size, kProtRead | kProtWrite, kMapPrivate,
				fd, 0);
		if (addr < 0 && addr > -4096)
			initrd_fail(path, "map it", addr);
	}
	syscall6(sys::kClose, fd);
	initrd_base = reinterpret_cast<const void *>(addr);
	initrd_len = static_cast<size_t>(size);
	initrd_given = true;
}

int memory_init(size_t heap_bytes)
{
	long addr = syscall6(sys::kMmap, 0, static_cast<long>(heap_bytes),
			     kProtRead | kProtWrite,
			     kMapPrivate | kMapAnonymous, -1, 0);
	if (addr < 0 && addr > -4096)
		return static_cast<int>(addr);
	heap_region = {static_cast<uintptr_t>(addr), heap_bytes,
		       UKPLAT_MEMRF_ALLOCATABLE};
	return 0;
}

}  // namespace uk::linuxu

extern "C" int ukplat_memregion_count(void)
{
	return uk::linuxu::heap_region.len ? 1 : 0;
}

extern "C" int ukplat_memregion_get(int i, struct ukplat_memregion *out)
{
	if (i != 0 || !uk::linuxu::heap_region.len)
		return -22; /* EINVAL */
	*out = uk::linuxu::heap_region;
	return 0;
}

// The file of --initrd=FILE, mapped at start; no allocatable region
// covers it (a mapping of its own).
extern "C" int ukplat_initrd_get(const void **base, size_t *len)
{
	if (!uk::linuxu::initrd_given)
		return -UK_ENOENT;
	*base = uk::linuxu::initrd_base;
	*len = uk::linuxu::initrd_len;
	return 0;
}
