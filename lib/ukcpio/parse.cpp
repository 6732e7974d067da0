// SPDX-License-Identifier: BSD-3-Clause
//
// Reading newc entries. Every length is checked against what is left
// of the archive before anything is read, so a corrupted or truncated
// archive is an error message, never a read out of bounds.

#include <uk/cpio.h>
#include <uk/errno.h>
#include <uk/fdtab.h>
#include <uk/vfs.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpio.hpp"

namespace uk::cpio {
namespace {

constexpr size_t kHeader = 110;
constexpr const char *kFields[] = {"ino", "mode", "uid", "gid", "nlink",
				   "mtime", "filesize", "devmajor",
				   "devminor", "rdevmajor", "rdevminor",
				   "namesize", "check"};

size_t pad4(size_t v) { return (v + 3) & ~size_t{3}; }

// Printable copy of up to @p n archive bytes for a message.
void printable(char *out, const char *in, size_t n)
{
	for (size_t i = 0; i < n; ++i)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f ? in[i] : '?';
	out[n] = '\0';
}

bool hex8(const char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; ++i) {
		char c = p[i];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = static_cast<uint32_t>(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = static_cast<uint32_t>(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = static_cast<uint32_t>(c - 'A' + 10);
		else
			return false;
		v = (v << 4) | d;
	}
	*out = v;
	return true;
}

}  // namespace

int fail(uk_cpio_error *err, int code, size_t offset, unsigned entry,
	 const char *name, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	err->offset = offset;
	err->entry = entry;
	int n;
	if (name)
		n = snprintf(err->msg, sizeof(err->msg), "entry %u (\"%.60s\") at offset %zu: ",
			     entry, name, offset);
	else
		n = snprintf(err->msg, sizeof(err->msg), "entry %u at offset %zu: ", entry,
			     offset);
	va_list ap;
	va_start(ap, fmt);
	if (n > 0 && static_cast<size_t>(n) < sizeof(err->msg))
		vsnprintf(err->msg + n, sizeof(err->msg) - static_cast<size_t>(n), fmt, ap);
	va_end(ap);
	return code;
}

namespace {

// The magic and the 13 hex fields of the header at @p h (offset @p at).
int header_fields(const char *h, size_t at, unsigned index, uint32_t f[13],
		  uk_cpio_error *err)
{
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2')) {
		char shown[7];
		printable(shown, h, 6);
		return fail(err, -UK_EINVAL, at, index, nullptr, "bad magic \"%s\" (%s)", shown,
			    memcmp(h, "070707", 6) == 0
				    ? "an old portable (odc) archive: make it with cpio -H newc"
				    : "not a newc cpio archive: each entry starts with 070701");
	}
	for (int i = 0; i < 13; ++i) {
		if (!hex8(h + 6 + 8 * i, &f[i])) {
			char shown[9];
			printable(shown, h + 6 + 8 * i, 8);
			return fail(err, -UK_EINVAL, at + 6 + 8 * i, index, nullptr,
				    "field c_%s is not 8 hex digits (\"%s\")", kFields[i], shown);
		}
	}
	return 0;
}

}  // namespace

int next(const char *a, size_t len, size_t *pos, unsigned index,
	 uk_cpio_entry *out, uk_cpio_error *err)
{
	const size_t at = *pos;
	if (at >= len)
		return fail(err, -UK_EINVAL, at, index, nullptr,
			    "no TRAILER!!! entry: the archive ends here (%zu bytes)", len);
	if (len - at < kHeader)
		return fail(err, -UK_EINVAL, at, index, nullptr,
			    "truncated header: %zu bytes left, a header has %zu",
			    len - at, kHeader);
	const char *h = a + at;
	uint32_t f[13];
	if (int rc = header_fields(h, at, index, f, err); rc < 0)
		return rc;
	const uint32_t namesize = f[11], filesize = f[6];
	if (namesize == 0)
		return fail(err, -UK_EINVAL, at, index, nullptr, "name size is 0");
	if (namesize > UK_PATH_MAX)
		return fail(err, -UK_EINVAL, at, index, nullptr,
			    "name of %u bytes (more than PATH_MAX, %d)", namesize, UK_PATH_MAX);
	if (len - at - kHeader < namesize)
		return fail(err, -UK_EINVAL, at, index, nullptr,
			    "name of %u bytes runs past the end of the archive (%zu bytes)",
			    namesize, len);
	const char *name = h + kHeader;
	if (name[namesize - 1] != '\0' || memchr(name, '\0', namesize - 1))
		return fail(err, -UK_EINVAL, at + kHeader, index, nullptr,
			    "name is not %u bytes ending with its only NUL", namesize);
	// The padding after the name may be missing when nothing follows
	// (a trailer at the very end).
	const size_t data_at = pad4(at + kHeader + namesize);
	if (filesize && (data_at > len || len - data_at < filesize))
		return fail(err, -UK_EINVAL, at, index, name,
			    "data of %u bytes at offset %zu runs past the end of the archive (%zu bytes)",
			    filesize, data_at, len);

	*out = uk_cpio_entry{};
	out->name = name;
	out->namelen = namesize - 1;
	out->ino = f[0];
	out->mode = f[1];
	out->uid = f[2];
	out->gid = f[3];
	out->nlink = f[4];
	out->mtime = f[5];
	out->size = filesize;
	out->devmajor = f[7];
	out->devminor = f[8];
	out->rdevmajor = f[9];
	out->rdevminor = f[10];
	out->data = a + (data_at < len ? data_at : len);
	out->offset = at;
	out->index = index;
	if (h[5] == '2') { // "070702": c_check is the sum of the data bytes
		uint32_t sum = 0;
		for (size_t i = 0; i < filesize; ++i)
			sum += static_cast<unsigned char>(a[data_at + i]);
		if (sum != f[12])
			return fail(err, -UK_EINVAL, at, index, name,
				    "checksum %08x, the data sums to %08x", f[12], sum);
	}
	if (out->namelen == 10 && memcmp(name, "TRAILER!!!", 10) == 0)
		return 0;
	*pos = pad4(data_at + filesize);
	if (*pos > len)
		*pos = len; // the last entry's padding may be missing
	return 1;
}

}  // namespace uk::cpio

extern "C" int uk_cpio_next(const void *archive, size_t len, size_t *pos,
			    unsigned index, struct uk_cpio_entry *out,
			    struct uk_cpio_error *err)
{
	return uk::cpio::next(static_cast<const char *>(archive), len, pos, index, out, err);
}
