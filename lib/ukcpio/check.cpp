// SPDX-License-Identifier: BSD-3-Clause
//
// The whole-archive check that runs before anything is unpacked: what
// the parser checks per entry, plus the meaning of each entry (a known
// file type, a sane symlink target, a name that stays below the
// destination) and a trailer at the end.

#include <uk/errno.h>
#include <uk/fdtab.h>
#include <uk/vfs.h>

#include <string.h>

#include "cpio.hpp"

namespace uk::cpio {

bool relative_name(const uk_cpio_entry &e, const char **p, size_t *len)
{
	const char *s = e.name, *end = e.name + e.namelen;
	for (;;) {
		if (s < end && *s == '/')
			++s;
		else if (end - s >= 2 && s[0] == '.' && s[1] == '/')
			s += 2;
		else
			break;
	}
	if (end - s == 1 && *s == '.')
		s = end;
	while (end > s && end[-1] == '/')
		--end;
	for (const char *c = s; c < end;) {
		const char *slash = static_cast<const char *>(memchr(c, '/', static_cast<size_t>(end - c)));
		const char *stop = slash ? slash : end;
		if (stop - c == 2 && c[0] == '.' && c[1] == '.')
			return false;
		c = slash ? slash + 1 : end;
	}
	*p = s;
	*len = static_cast<size_t>(end - s);
	return true;
}

namespace {

int check_entry(const uk_cpio_entry &e, uk_cpio_error *err)
{
	const char *rel;
	size_t rel_len;
	if (!relative_name(e, &rel, &rel_len))
		return fail(err, -UK_EINVAL, e.offset, e.index, e.name,
			    "a \"..\" component would leave the destination");
	switch (e.mode & UK_S_IFMT) {
	case UK_S_IFREG:
	case UK_S_IFDIR:
	case UK_S_IFCHR:
	case UK_S_IFBLK:
	case UK_S_IFIFO:
	case UK_S_IFSOCK:
		break;
	case UK_S_IFLNK:
		if (e.size == 0 || e.size >= UK_PATH_MAX)
			return fail(err, -UK_EINVAL, e.offset, e.index, e.name,
				    "symbolic link target of %zu bytes (1 to %d)", e.size,
				    UK_PATH_MAX - 1);
		if (memchr(e.data, '\0', e.size))
			return fail(err, -UK_EINVAL, e.offset, e.index, e.name,
				    "symbolic link target contains a NUL");
		break;
	default:
		return fail(err, -UK_EINVAL, e.offset, e.index, e.name,
			    "unknown file type in mode 0%o", e.mode);
	}
	if (rel_len == 0 && (e.mode & UK_S_IFMT) != UK_S_IFDIR)
		return fail(err, -UK_EINVAL, e.offset, e.index, e.name,
			    "names the destination itself but is not a directory");
	return 0;
}

}  // namespace
}  // namespace uk::cpio

extern "C" int uk_cpio_check(const void *archive, size_t len, struct uk_cpio_error *err)
{
	const char *a = static_cast<const char *>(archive);
	size_t pos = 0;
	for (unsigned i = 0;; ++i) {
		uk_cpio_entry e;
		int rc = uk::cpio::next(a, len, &pos, i, &e, err);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return static_cast<int>(i);
		if ((rc = uk::cpio::check_entry(e, err)) < 0)
			return rc;
	}
}
