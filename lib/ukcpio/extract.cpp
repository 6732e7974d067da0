// SPDX-License-Identifier: BSD-3-Clause
//
// Unpacking a checked archive into the VFS through its C interface.
// Two passes: everything in archive order, then the directories' times
// (adding entries changed them on the way).

#include <uk/alloc.h>
#include <uk/errno.h>
#include <uk/vfs.h>

#include <string.h>

#include "cpio.hpp"

namespace uk::cpio {
namespace {

constexpr int64_t kNsPerSec = 1000000000;

const char *err_name(int rc)
{
	switch (-rc) {
	case UK_ENOSPC: return "no space left";
	case UK_ENOMEM: return "out of memory";
	case UK_ENOTDIR: return "a parent is not a directory";
	case UK_EISDIR: return "a directory is in the way";
	case UK_EEXIST: return "exists";
	case UK_ENAMETOOLONG: return "name too long";
	case UK_EROFS: return "read-only file system";
	default: return "error";
	}
}

// A regular file seen with nlink > 1: later entries with its inode are
// hard links to the path it was unpacked at.
struct Linked {
	Linked *next;
	uint32_t ino, major, minor;
	char path[1];
};

class Extractor {
public:
	Extractor(const char *a, size_t len, const char *dest, uk_alloc *al,
		  uk_cpio_stats *st, uk_cpio_error *err)
		: a_(a), len_(len), dest_(dest), alloc_(al), st_(st), err_(err)
	{
	}
	Extractor(const Extractor &) = delete;
	Extractor &operator=(const Extractor &) = delete;
	~Extractor()
	{
		while (Linked *l = links_) {
			links_ = l->next;
			uk_free(alloc_, l);
		}
		if (path_)
			uk_free(alloc_, path_);
		if (target_)
			uk_free(alloc_, target_);
	}

	int run()
	{
		path_ = static_cast<char *>(uk_malloc(alloc_, UK_PATH_MAX));
		target_ = static_cast<char *>(uk_malloc(alloc_, UK_PATH_MAX));
		if (!path_ || !target_)
			return fail(err_, -UK_ENOMEM, 0, 0, nullptr, "out of memory");
		for (int pass = 0; pass < 2; ++pass) {
			size_t pos = 0;
			uk_cpio_entry e;
			for (unsigned i = 0; next(a_, len_, &pos, i, &e, err_) > 0; ++i) {
				if (int rc = pass ? dir_times(e) : unpack(e); rc < 0)
					return rc;
			}
		}
		return 0;
	}

private:
	int vfs_fail(const uk_cpio_entry &e, int rc, const char *what)
	{
		return fail(err_, rc, e.offset, e.index, e.name, "cannot %s %s: %s (%d)", what,
			    path_, err_name(rc), rc);
	}

	// path_ = dest + "/" + the entry's relative name. @return its length
	// without dest, or -ENAMETOOLONG.
	int make_path(const uk_cpio_entry &e, size_t *rel_at)
	{
		const char *rel;
		size_t rel_len;
		relative_name(e, &rel, &rel_len); // checked before: no ".."
		size_t dlen = strlen(dest_);
		while (dlen > 1 && dest_[dlen - 1] == '/')
			--dlen;
		bool slash = dlen == 0 || dest_[dlen - 1] != '/';
		size_t n = dlen + (rel_len ? slash + rel_len : 0);
		if (n >= UK_PATH_MAX)
			return fail(err_, -UK_ENAMETOOLONG, e.offset, e.index, e.name,
				    "the path below %s is too long", dest_);
		memcpy(path_, dest_, dlen);
		*rel_at = dlen + (rel_len ? slash : 0);
		if (rel_len) {
			if (slash)
				path_[dlen] = '/';
			memcpy(path_ + *rel_at, rel, rel_len);
		}
		path_[n] = '\0';
		return 0;
	}

	// mkdir -p of the parents of path_ (from @p rel_at on).
	int parents(const uk_cpio_entry &e, size_t rel_at)
	{
		for (char *s = path_ + rel_at; (s = strchr(s, '/')); ++s) {
			*s = '\0';
			int rc = uk_vfs_mkdir(path_, 0755);
			uk_file_info info;
			if (rc == -UK_EEXIST && uk_vfs_stat(path_, &info) == 0 &&
			    (info.mode & UK_S_IFMT) == UK_S_IFDIR)
				rc = 0;
			if (rc < 0) {
				int r = vfs_fail(e, rc == -UK_EEXIST ? -UK_ENOTDIR : rc, "make directory");
				*s = '/';
				return r;
			}
			*s = '/';
		}
		return 0;
	}

	int write_data(const uk_cpio_entry &e, uk_file *f)
	{
		const char *p = static_cast<const char *>(e.data);
		size_t done = 0;
		while (done < e.size) {
			intptr_t n = f->ops->write(f, p + done, e.size - done);
			if (n <= 0)
				return n < 0 ? static_cast<int>(n) : -UK_EIO;
			done += static_cast<size_t>(n);
		}
		st_->bytes += e.size;
		return 0;
	}

	const Linked *find_link(const uk_cpio_entry &e) const
	{
		for (const Linked *l = links_; l; l = l->next)
			if (l->ino == e.ino && l->major == e.devmajor && l->minor == e.devminor)
				return l;
		return nullptr;
	}

	int remember_link(const uk_cpio_entry &e)
	{
		size_t n = strlen(path_);
		auto *l = static_cast<Linked *>(uk_malloc(alloc_, offsetof(Linked, path) + n + 1));
		if (!l)
			return vfs_fail(e, -UK_ENOMEM, "remember the hard link");
		*l = Linked{links_, e.ino, e.devmajor, e.devminor, {0}};
		memcpy(l->path, path_, n + 1);
		links_ = l;
		return 0;
	}

	int regular(const uk_cpio_entry &e)
	{
		const Linked *first = e.nlink > 1 ? find_link(e) : nullptr;
		if (first) { // GNU cpio puts the data on the last link
			(void)uk_vfs_unlink(path_);
			if (int rc = uk_vfs_link(first->path, path_); rc < 0)
				return vfs_fail(e, rc, "link");
			++st_->hardlinks;
			if (e.size == 0)
				return 0;
		}
		uk_file *f;
		int rc = uk_vfs_open(path_, UK_O_WRONLY | UK_O_CREAT | UK_O_TRUNC | UK_O_NOFOLLOW, 0600, &f);
		if (rc == -UK_EISDIR || rc == -UK_ELOOP) { // a directory or link in the way
			(void)uk_vfs_unlink(path_);
			rc = uk_vfs_open(path_, UK_O_WRONLY | UK_O_CREAT | UK_O_TRUNC | UK_O_NOFOLLOW, 0600, &f);
		}
		if (rc < 0)
			return vfs_fail(e, rc, "create");
		rc = write_data(e, f);
		uk_file_put(f);
		if (rc < 0)
			return vfs_fail(e, rc, "write");
		if (!first) {
			++st_->files;
			if (e.nlink > 1 && (rc = remember_link(e)) < 0)
				return rc;
		}
		return 0;
	}

	int symlink(const uk_cpio_entry &e)
	{
		memcpy(target_, e.data, e.size);
		target_[e.size] = '\0';
		int rc = uk_vfs_symlink(target_, path_);
		if (rc == -UK_EEXIST) {
			(void)uk_vfs_unlink(path_);
			rc = uk_vfs_symlink(target_, path_);
		}
		if (rc < 0)
			return vfs_fail(e, rc, "make symbolic link");
		++st_->symlinks;
		return 0;
	}

	int unpack(const uk_cpio_entry &e)
	{
		size_t rel_at = 0;
		if (int rc = make_path(e, &rel_at); rc < 0)
			return rc;
		const uint32_t type = e.mode & UK_S_IFMT;
		if (type != UK_S_IFREG && type != UK_S_IFDIR && type != UK_S_IFLNK) {
			++st_->skipped;
			return 0;
		}
		if (int rc = parents(e, rel_at); rc < 0)
			return rc;
		int rc = 0;
		if (type == UK_S_IFDIR) {
			rc = uk_vfs_mkdir(path_, 0755);
			if (rc < 0 && rc != -UK_EEXIST)
				return vfs_fail(e, rc, "make directory");
			if (rc == 0)
				++st_->dirs;
		} else if (type == UK_S_IFLNK) {
			return symlink(e); // the VFS keeps no mode or time for links
		} else if ((rc = regular(e)) < 0) {
			return rc;
		}
		rc = uk_vfs_chmod(path_, e.mode & 07777);
		if (rc == 0 && type == UK_S_IFREG)
			rc = uk_vfs_utimes(path_, -1, static_cast<int64_t>(e.mtime) * kNsPerSec);
		return rc < 0 ? vfs_fail(e, rc, "set the mode or time of") : 0;
	}

	int dir_times(const uk_cpio_entry &e)
	{
		if ((e.mode & UK_S_IFMT) != UK_S_IFDIR)
			return 0;
		size_t rel_at = 0;
		if (int rc = make_path(e, &rel_at); rc < 0)
			return rc;
		int rc = uk_vfs_utimes(path_, -1, static_cast<int64_t>(e.mtime) * kNsPerSec);
		return rc < 0 ? vfs_fail(e, rc, "set the time of") : 0;
	}

	const char *a_;
	size_t len_;
	const char *dest_;
	uk_alloc *alloc_;
	uk_cpio_stats *st_;
	uk_cpio_error *err_;
	char *path_ = nullptr;
	char *target_ = nullptr;
	Linked *links_ = nullptr;
};

}  // namespace
}  // namespace uk::cpio

extern "C" int uk_cpio_extract(const void *archive, size_t len, const char *dest,
			       struct uk_alloc *a, struct uk_cpio_stats *stats,
			       struct uk_cpio_error *err)
{
	uk_cpio_stats local{};
	uk_cpio_stats *st = stats ? stats : &local;
	*st = uk_cpio_stats{};
	int n = uk_cpio_check(archive, len, err);
	if (n < 0)
		return n;
	uk::cpio::Extractor x(static_cast<const char *>(archive), len, dest, a, st, err);
	return x.run();
}
