// SPDX-License-Identifier: BSD-3-Clause
//
// opendir() and friends for newlib (which has only the declarations):
// a DIR is a descriptor and one struct dirent; entries come from the
// file's readdir operation, and the file offset is the position, so
// telldir()/seekdir()/rewinddir() are lseek().

#include "posix_sys.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

using uk::posix::FileRef;
using uk::posix::fail;
using uk::posix::fail_uk;

struct __tessera_dir {
	int fd;
	struct dirent ent;
};

extern "C" DIR *fdopendir(int fd)
{
	FileRef f(fd);
	if (!f)
		return fail(EBADF), nullptr;
	if (!f->ops->readdir)
		return fail(ENOTDIR), nullptr;
	auto *d = static_cast<DIR *>(malloc(sizeof(DIR)));
	if (!d)
		return fail(ENOMEM), nullptr;
	d->fd = fd;
	return d;
}

extern "C" DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return nullptr;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

extern "C" int closedir(DIR *d)
{
	if (!d)
		return fail(EBADF);
	int rc = close(d->fd);
	free(d);
	return rc;
}

extern "C" int dirfd(DIR *d) { return d ? d->fd : fail(EBADF); }

// @return 1 with *out filled, 0 at the end, -1 with errno.
static int read_entry(DIR *d, struct dirent *out)
{
	FileRef f(d->fd);
	if (!f || !f->ops->readdir)
		return fail(EBADF);
	uk_dirent e;
	int rc = f->ops->readdir(f.get(), &e);
	if (rc < 0)
		return fail_uk(rc);
	if (rc == 0)
		return 0;
	out->d_ino = static_cast<ino_t>(e.ino);
	out->d_off = e.next;
	out->d_reclen = sizeof(struct dirent);
	out->d_type = e.type; // DT_* are Linux's values in both
	strcpy(out->d_name, e.name);
	return 1;
}

extern "C" struct dirent *readdir(DIR *d)
{
	if (!d)
		return fail(EBADF), nullptr;
	return read_entry(d, &d->ent) == 1 ? &d->ent : nullptr; // errno stays at the end
}

extern "C" int readdir_r(DIR *d, struct dirent *entry, struct dirent **result)
{
	int saved = errno;
	int rc = d ? read_entry(d, entry) : fail(EBADF);
	if (rc < 0) {
		int e = errno;
		errno = saved;
		*result = nullptr;
		return e;
	}
	*result = rc ? entry : nullptr;
	return 0;
}

extern "C" void rewinddir(DIR *d)
{
	if (d)
		(void)lseek(d->fd, 0, SEEK_SET);
}

extern "C" long telldir(DIR *d) { return d ? static_cast<long>(lseek(d->fd, 0, SEEK_CUR)) : -1; }

extern "C" void seekdir(DIR *d, long pos)
{
	if (d)
		(void)lseek(d->fd, pos, SEEK_SET);
}

extern "C" int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

extern "C" int scandir(const char *path, struct dirent ***list,
		       int (*keep)(const struct dirent *),
		       int (*compare)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent **v = nullptr;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int err = 0;
	errno = 0;
	while ((e = readdir(d))) {
		if (keep && !keep(e))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			auto **nv = static_cast<struct dirent **>(realloc(v, cap * sizeof(*v)));
			if (!nv) {
				err = ENOMEM;
				break;
			}
			v = nv;
		}
		if (!(v[n] = static_cast<struct dirent *>(malloc(sizeof(struct dirent))))) {
			err = ENOMEM;
			break;
		}
		memcpy(v[n++], e, sizeof(struct dirent));
	}
	if (!err)
		err = errno;
	closedir(d);
	if (err) {
		while (n)
			free(v[--n]);
		free(v);
		return fail(err);
	}
	if (compare && n > 1)
		qsort(v, n, sizeof(*v),
		      reinterpret_cast<int (*)(const void *, const void *)>(compare));
	*list = v;
	return static_cast<int>(n);
}
