// SPDX-License-Identifier: BSD-3-Clause
//
// In-image tests of the file system stack (suite "vfs"): vfscore on the
// image's ramfs root, devfs on /dev, the descriptor table. Through the
// C interface only (uk/vfs.h, uk/fdtab.h), so it runs with any libc.
// Everything happens below /uktest-vfs, removed again by the suite's
// fini function.

#include <uk/alloc.h>
#include <uk/fdtab.h>
#include <uk/test.h>
#include <uk/vfs.h>

#include <stdio.h>
#include <string.h>

namespace {

constexpr const char *kTop = "/uktest-vfs";

// Removes a tree below @p path (depth-first, names from readdir).
void remove_tree(const char *path)
{
	uk_file_info info;
	if (uk_vfs_lstat(path, &info) < 0)
		return;
	if ((info.mode & UK_S_IFMT) != UK_S_IFDIR) {
		(void)uk_vfs_unlink(path);
		return;
	}
	uk_file *d;
	if (uk_vfs_open(path, UK_O_RDONLY | UK_O_DIRECTORY, 0, &d) < 0)
		return;
	uk_dirent e;
	char child[UK_PATH_MAX];
	for (;;) {
		// Restart the listing after each removal: simple and always right.
		(void)d->ops->lseek(d, 0, UK_SEEK_SET);
		bool removed = false;
		while (d->ops->readdir(d, &e) > 0) {
			if (!strcmp(e.name, ".") || !strcmp(e.name, ".."))
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, e.name);
			remove_tree(child);
			removed = true;
			break;
		}
		if (!removed)
			break;
	}
	uk_file_put(d);
	(void)uk_vfs_rmdir(path);
}

int vfs_setup()
{
	remove_tree(kTop);
	return uk_vfs_mkdir(kTop, 0755);
}
UK_TESTSUITE_INIT(vfs, vfs_setup);

void vfs_teardown() { remove_tree(kTop); }
UK_TESTSUITE_FINI(vfs, vfs_teardown);

// A path below the suite's folder (one static buffer per call site is
// enough: cases are sequential).
const char *at(char *buf, const char *rel)
{
	snprintf(buf, UK_PATH_MAX, "%s/%s", kTop, rel);
	return buf;
}

uk_file *open_or_null(const char *path, uint32_t flags, uint32_t mode = 0644)
{
	uk_file *f = nullptr;
	return uk_vfs_open(path, flags, mode, &f) == 0 ? f : nullptr;
}

// Writes @p len bytes of @p data; @return the file's size after.
int64_t write_file(const char *path, const void *data, size_t len)
{
	uk_file *f = open_or_null(path, UK_O_WRONLY | UK_O_CREAT | UK_O_TRUNC);
	if (!f)
		return -1;
	intptr_t n = len ? f->ops->write(f, data, len) : 0;
	uk_file_info info{};
	f->ops->stat(f, &info);
	uk_file_put(f);
	return n == static_cast<intptr_t>(len) ? info.size : -1;
}

bool content_is(const char *path, const char *want)
{
	uk_file *f = open_or_null(path, UK_O_RDONLY);
	if (!f)
		return false;
	char buf[256];
	intptr_t n = f->ops->read(f, buf, sizeof(buf));
	uk_file_put(f);
	return n == static_cast<intptr_t>(strlen(want)) && !memcmp(buf, want, static_cast<size_t>(n));
}

uint8_t pattern(uint64_t i) { return static_cast<uint8_t>((i * 131) ^ (i >> 13)); }

}  // namespace

UK_TESTCASE(vfs, root_is_mounted_with_dev)
{
	uk_file_info info{};
	UK_TEST_ASSERT_ZERO(uk_vfs_stat("/", &info));
	UK_TEST_EXPECT_EQ(info.mode & UK_S_IFMT, UK_S_IFDIR);
	UK_TEST_ASSERT_ZERO(uk_vfs_stat("/dev/null", &info));
	UK_TEST_EXPECT_EQ(info.mode & UK_S_IFMT, UK_S_IFCHR);
	UK_TEST_EXPECT_EQ(info.rdev, (1u << 8) | 3u);
	char cwd[64];
	UK_TEST_EXPECT_EQ(uk_vfs_getcwd(cwd, sizeof(cwd)), 1);
	UK_TEST_EXPECT_STR_EQ(cwd, "/");
}

UK_TESTCASE(vfs, create_write_read_back)
{
	char p[UK_PATH_MAX];
	uk_file *f = open_or_null(at(p, "hello.txt"), UK_O_RDWR | UK_O_CREAT | UK_O_EXCL, 0600);
	UK_TEST_ASSERT_NOT_NULL(f);
	UK_TEST_EXPECT_EQ(f->ops->write(f, "hello, ", 7), 7);
	UK_TEST_EXPECT_EQ(f->ops->write(f, "world", 5), 5);
	UK_TEST_EXPECT_EQ(f->ops->lseek(f, 0, UK_SEEK_SET), 0);
	char buf[32] = {0};
	UK_TEST_EXPECT_EQ(f->ops->read(f, buf, sizeof(buf)), 12);
	UK_TEST_EXPECT_STR_EQ(buf, "hello, world");
	UK_TEST_EXPECT_EQ(f->ops->pread(f, buf, 5, 7), 5);
	UK_TEST_EXPECT_ZERO(memcmp(buf, "world", 5));
	uk_file_info info{};
	UK_TEST_EXPECT_ZERO(f->ops->stat(f, &info));
	UK_TEST_EXPECT_EQ(info.size, 12);
	UK_TEST_EXPECT_EQ(info.mode, UK_S_IFREG | 0600);
	UK_TEST_EXPECT_GT(info.mtime_ns, 1600000000ll * 1000000000); // the wall clock
	uk_file_put(f);
	UK_TEST_EXPECT(content_is(p, "hello, world"));
	uk_file *again;
	UK_TEST_EXPECT_EQ(uk_vfs_open(p, UK_O_CREAT | UK_O_EXCL | UK_O_WRONLY, 0644, &again),
			  -UK_EEXIST);
	f = open_or_null(p, UK_O_WRONLY | UK_O_APPEND);
	UK_TEST_ASSERT_NOT_NULL(f);
	UK_TEST_EXPECT_EQ(f->ops->write(f, "!", 1), 1);
	uk_file_put(f);
	UK_TEST_EXPECT(content_is(p, "hello, world!"));
}

UK_TESTCASE(vfs, directories_and_listing)
{
	char p[UK_PATH_MAX], q[UK_PATH_MAX];
	UK_TEST_ASSERT_ZERO(uk_vfs_mkdir(at(p, "d"), 0755));
	UK_TEST_ASSERT_ZERO(uk_vfs_mkdir(at(p, "d/sub"), 0700));
	UK_TEST_EXPECT_EQ(write_file(at(p, "d/f1"), "1", 1), 1);
	UK_TEST_EXPECT_EQ(write_file(at(p, "d/f2"), "22", 2), 2);
	UK_TEST_EXPECT_EQ(uk_vfs_mkdir(at(p, "d"), 0755), -UK_EEXIST);
	UK_TEST_EXPECT_EQ(uk_vfs_rmdir(at(p, "d")), -UK_ENOTEMPTY);
	uk_file *d = open_or_null(at(p, "d"), UK_O_RDONLY | UK_O_DIRECTORY);
	UK_TEST_ASSERT_NOT_NULL(d);
	uk_dirent e;
	int n = 0, seen = 0;
	while (d->ops->readdir(d, &e) > 0) {
		++n;
		if (!strcmp(e.name, "sub")) {
			seen |= 1;
			UK_TEST_EXPECT_EQ(e.type, UK_DT_DIR);
		}
		if (!strcmp(e.name, "f2")) {
			seen |= 2;
			UK_TEST_EXPECT_EQ(e.type, UK_DT_REG);
		}
	}
	uk_file_put(d);
	UK_TEST_EXPECT_EQ(n, 5); // ., .., sub, f1, f2
	UK_TEST_EXPECT_EQ(seen, 3);
	uk_file_info info{};
	UK_TEST_ASSERT_ZERO(uk_vfs_stat(at(p, "d"), &info));
	UK_TEST_EXPECT_EQ(info.nlink, 3u);
	UK_TEST_EXPECT_ZERO(uk_vfs_chdir(at(p, "d/sub")));
	UK_TEST_EXPECT_EQ(uk_vfs_getcwd(q, sizeof(q)), static_cast<intptr_t>(strlen(p)));
	UK_TEST_EXPECT_STR_EQ(q, p);
	UK_TEST_EXPECT_EQ(write_file("../f3", "333", 3), 3);
	UK_TEST_EXPECT_ZERO(uk_vfs_chdir("/"));
	UK_TEST_EXPECT(content_is(at(p, "d/f3"), "333"));
	UK_TEST_EXPECT_ZERO(uk_vfs_unlink(at(p, "d/f1")));
	UK_TEST_EXPECT_EQ(uk_vfs_unlink(at(p, "d/f1")), -UK_ENOENT);
}

UK_TESTCASE(vfs, rename_across_directories)
{
	char a[UK_PATH_MAX], b[UK_PATH_MAX];
	UK_TEST_ASSERT_ZERO(uk_vfs_mkdir(at(a, "ra"), 0755));
	UK_TEST_ASSERT_ZERO(uk_vfs_mkdir(at(a, "rb"), 0755));
	UK_TEST_ASSERT_ZERO(uk_vfs_mkdir(at(a, "ra/tree"), 0755));
	UK_TEST_EXPECT_EQ(write_file(at(a, "ra/tree/leaf"), "leaf", 4), 4);
	UK_TEST_EXPECT_EQ(write_file(at(a, "ra/file"), "moved", 5), 5);
	UK_TEST_EXPECT_ZERO(uk_vfs_rename(at(a, "ra/file"), at(b, "rb/file")));
	UK_TEST_EXPECT(content_is(b, "moved"));
	uk_file_info info;
	UK_TEST_EXPECT_EQ(uk_vfs_stat(a, &info), -UK_ENOENT);
	UK_TEST_EXPECT_ZERO(uk_vfs_rename(at(a, "ra/tree"), at(b, "rb/tree")));
	UK_TEST_EXPECT(content_is(at(a, "rb/tree/leaf"), "leaf"));
	UK_TEST_EXPECT_EQ(uk_vfs_rename(at(a, "rb"), at(b, "rb/tree/inside")), -UK_EINVAL);
	UK_TEST_EXPECT_EQ(write_file(at(a, "rb/other"), "x", 1), 1);
	UK_TEST_EXPECT_ZERO(uk_vfs_rename(at(a, "rb/other"), at(b, "rb/file"))); // replaces
	UK_TEST_EXPECT(content_is(b, "x"));
	UK_TEST_EXPECT_EQ(uk_vfs_rename(at(a, "rb/file"), "/dev/file"), -UK_EXDEV);
}

// 8 MiB in 64 KiB writes, read back in odd-sized pieces; then holes.
UK_TESTCASE(vfs, large_and_sparse_files)
{
	constexpr size_t kSize = 8u << 20, kChunk = 64u << 10;
	uk_alloc *a = uk_alloc_get_default();
	auto *buf = static_cast<uint8_t *>(uk_malloc(a, kChunk));
	UK_TEST_ASSERT_NOT_NULL(buf);
	char p[UK_PATH_MAX];
	uk_file *f = open_or_null(at(p, "large"), UK_O_RDWR | UK_O_CREAT);
	if (!f) {
		uk_free(a, buf);
		UK_TEST_FAIL("cannot create %s", p);
	}
	bool ok = true;
	for (size_t off = 0; off < kSize && ok; off += kChunk) {
		for (size_t i = 0; i < kChunk; ++i)
			buf[i] = pattern(off + i);
		ok = f->ops->write(f, buf, kChunk) == static_cast<intptr_t>(kChunk);
	}
	UK_TEST_EXPECT(ok);
	size_t bad = kSize, off = 0, piece = 1000;
	while (off < kSize && bad == kSize) {
		intptr_t n = f->ops->pread(f, buf, piece, static_cast<int64_t>(off));
		if (n <= 0)
			break;
		for (intptr_t i = 0; i < n; ++i)
			if (buf[i] != pattern(off + static_cast<size_t>(i)))
				bad = off + static_cast<size_t>(i);
		off += static_cast<size_t>(n);
		piece = piece * 3 % 60000 + 1;
	}
	UK_TEST_EXPECT_EQ(off, kSize);
	UK_TEST_EXPECT_EQ(bad, kSize);
	// A byte at 1 TiB: the file is that large, the storage is not.
	const int64_t tib = int64_t{1} << 40;
	UK_TEST_EXPECT_EQ(f->ops->pwrite(f, "Z", 1, tib), 1);
	uk_file_info info{};
	UK_TEST_EXPECT_ZERO(f->ops->stat(f, &info));
	UK_TEST_EXPECT_EQ(info.size, tib + 1);
	UK_TEST_EXPECT_LT(info.blocks * 512, static_cast<int64_t>(kSize + (1u << 20)));
	UK_TEST_EXPECT_EQ(f->ops->pread(f, buf, 4, tib - 3), 4);
	UK_TEST_EXPECT(buf[0] == 0 && buf[1] == 0 && buf[2] == 0 && buf[3] == 'Z');
	UK_TEST_EXPECT_ZERO(f->ops->truncate(f, 100));
	UK_TEST_EXPECT_ZERO(f->ops->stat(f, &info));
	UK_TEST_EXPECT_EQ(info.size, 100);
	UK_TEST_EXPECT_EQ(info.blocks, 8); // one page: the block tree collapsed
	uk_file_put(f);
	uk_free(a, buf);
}

UK_TESTCASE(vfs, many_files)
{
	constexpr int kFiles = 1000;
	char p[UK_PATH_MAX], name[64];
	UK_TEST_ASSERT_ZERO(uk_vfs_mkdir(at(p, "many"), 0755));
	int made = 0;
	for (int i = 0; i < kFiles; ++i) {
		snprintf(name, sizeof(name), "many/file-%04d", i);
		made += write_file(at(p, name), name, strlen(name)) == static_cast<int64_t>(strlen(name));
	}
	UK_TEST_EXPECT_EQ(made, kFiles);
	int right = 0;
	for (int i = 0; i < kFiles; i += 37) {
		snprintf(name, sizeof(name), "many/file-%04d", i);
		right += content_is(at(p, name), name);
	}
	UK_TEST_EXPECT_EQ(right, (kFiles + 36) / 37);
	uk_file *d = open_or_null(at(p, "many"), UK_O_RDONLY | UK_O_DIRECTORY);
	UK_TEST_ASSERT_NOT_NULL(d);
	uk_dirent e;
	int listed = 0;
	while (d->ops->readdir(d, &e) > 0)
		++listed;
	uk_file_put(d);
	UK_TEST_EXPECT_EQ(listed, kFiles + 2);
	int gone = 0;
	for (int i = 0; i < kFiles; ++i) {
		snprintf(name, sizeof(name), "many/file-%04d", i);
		gone += uk_vfs_unlink(at(p, name)) == 0;
	}
	UK_TEST_EXPECT_EQ(gone, kFiles);
	UK_TEST_EXPECT_ZERO(uk_vfs_rmdir(at(p, "many")));
}

// Files go into the descriptor table until it is full: EMFILE, the
// caller keeps its file; closing one makes room again.
UK_TESTCASE(vfs, fd_exhaustion_is_emfile)
{
	char p[UK_PATH_MAX];
	UK_TEST_EXPECT_EQ(write_file(at(p, "fdfile"), "fd", 2), 2);
	const int size = uk_fdtab_size();
	int fds[4096];
	int n = 0, rc = 0;
	uk_file *f = nullptr;
	while (n < size && n < 4096) {
		f = open_or_null(p, UK_O_RDONLY);
		UK_TEST_ASSERT_NOT_NULL(f);
		rc = uk_fdtab_install(f);
		if (rc < 0)
			break;
		fds[n++] = rc;
		f = nullptr;
	}
	UK_TEST_EXPECT_EQ(rc, -UK_EMFILE);
	UK_TEST_EXPECT_GE(n, size - 8); // 0-2 and whatever else is open
	UK_TEST_EXPECT_LT(n, size);
	if (f) {
		UK_TEST_EXPECT_EQ(f->refcnt, 1u);
		uk_file_put(f);
	}
	UK_TEST_EXPECT_EQ(uk_fdtab_dup(fds[0]), -UK_EMFILE);
	UK_TEST_EXPECT_ZERO(uk_fdtab_close(fds[n / 2]));
	f = open_or_null(p, UK_O_RDONLY);
	UK_TEST_ASSERT_NOT_NULL(f);
	UK_TEST_EXPECT_EQ(uk_fdtab_install(f), fds[n / 2]); // the lowest free
	for (int i = 0; i < n; ++i)
		UK_TEST_EXPECT_ZERO(uk_fdtab_close(fds[i]));
}

UK_TESTCASE(vfs, unlinked_file_stays_open)
{
	char p[UK_PATH_MAX];
	UK_TEST_EXPECT_EQ(write_file(at(p, "ghost"), "boo", 3), 3);
	uk_file *f = open_or_null(p, UK_O_RDWR);
	UK_TEST_ASSERT_NOT_NULL(f);
	UK_TEST_EXPECT_ZERO(uk_vfs_unlink(p));
	uk_file_info info{};
	UK_TEST_EXPECT_EQ(uk_vfs_stat(p, &info), -UK_ENOENT);
	UK_TEST_EXPECT_EQ(f->ops->pwrite(f, "!", 1, 3), 1);
	char buf[8] = {0};
	UK_TEST_EXPECT_EQ(f->ops->pread(f, buf, sizeof(buf), 0), 4);
	UK_TEST_EXPECT_STR_EQ(buf, "boo!");
	UK_TEST_EXPECT_ZERO(f->ops->stat(f, &info));
	UK_TEST_EXPECT_EQ(info.nlink, 0u);
	uk_file_put(f);
}

UK_TESTCASE(vfs, symlinks_and_limits)
{
	char p[UK_PATH_MAX], q[UK_PATH_MAX];
	UK_TEST_EXPECT_EQ(write_file(at(p, "target"), "via link", 8), 8);
	UK_TEST_EXPECT_ZERO(uk_vfs_symlink("target", at(q, "link")));
	UK_TEST_EXPECT(content_is(q, "via link"));
	UK_TEST_EXPECT_ZERO(uk_vfs_symlink(at(p, "loop2"), at(q, "loop1")));
	UK_TEST_EXPECT_ZERO(uk_vfs_symlink(at(p, "loop1"), at(q, "loop2")));
	uk_file_info info;
	UK_TEST_EXPECT_EQ(uk_vfs_stat(q, &info), -UK_ELOOP);
	char name[UK_NAME_MAX + 2];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	UK_TEST_EXPECT_EQ(uk_vfs_stat(at(p, name), &info), -UK_ENAMETOOLONG);
	UK_TEST_EXPECT_EQ(uk_vfs_stat(at(p, "target/"), &info), -UK_ENOTDIR);
	UK_TEST_EXPECT_EQ(uk_vfs_realpath(at(p, "./link"), q, sizeof(q)),
			  static_cast<intptr_t>(strlen(kTop) + 7));
	UK_TEST_EXPECT_ZERO(strcmp(q + strlen(kTop), "/target"));
}

UK_TESTCASE(vfs, devices)
{
	char buf[64];
	uk_file *f = open_or_null("/dev/zero", UK_O_RDONLY);
	UK_TEST_ASSERT_NOT_NULL(f);
	memset(buf, 'x', sizeof(buf));
	UK_TEST_EXPECT_EQ(f->ops->read(f, buf, sizeof(buf)), 64);
	UK_TEST_EXPECT(buf[0] == 0 && buf[63] == 0);
	uk_file_put(f);
	f = open_or_null("/dev/null", UK_O_RDWR);
	UK_TEST_ASSERT_NOT_NULL(f);
	UK_TEST_EXPECT_EQ(f->ops->read(f, buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_EQ(f->ops->write(f, buf, sizeof(buf)), 64);
	uk_file_put(f);
	f = open_or_null("/dev/urandom", UK_O_RDONLY);
	UK_TEST_ASSERT_NOT_NULL(f);
	uint8_t r1[32], r2[32];
	UK_TEST_EXPECT_EQ(f->ops->read(f, r1, sizeof(r1)), 32);
	UK_TEST_EXPECT_EQ(f->ops->read(f, r2, sizeof(r2)), 32);
	UK_TEST_EXPECT(memcmp(r1, r2, sizeof(r1)) != 0);
	uk_file_put(f);
	f = open_or_null("/dev/console", UK_O_WRONLY);
	UK_TEST_ASSERT_NOT_NULL(f);
	UK_TEST_EXPECT_EQ(f->ops->write(f, "vfs: hello on /dev/console\n", 27), 27);
	UK_TEST_EXPECT_EQ(f->ops->isatty(f), 1);
	uk_file_put(f);
	uk_file *g;
	UK_TEST_EXPECT_EQ(uk_vfs_open("/dev/newfile", UK_O_CREAT | UK_O_WRONLY, 0644, &g),
			  -UK_EROFS);
}

// A small ramfs (size=64k) of its own: full is ENOSPC, what was written
// stays, and removing it makes room again.
UK_TESTCASE(vfs, full_ramfs_is_enospc)
{
	char p[UK_PATH_MAX], q[UK_PATH_MAX];
	UK_TEST_ASSERT_ZERO(uk_vfs_mkdir(at(p, "small"), 0755));
	UK_TEST_ASSERT_ZERO(uk_vfs_mount("", p, "ramfs", 0, "size=64k"));
	uk_file *f = open_or_null(at(q, "small/fill"), UK_O_WRONLY | UK_O_CREAT);
	UK_TEST_ASSERT_NOT_NULL(f);
	char chunk[1024];
	memset(chunk, 'f', sizeof(chunk));
	intptr_t total = 0, n;
	while ((n = f->ops->write(f, chunk, sizeof(chunk))) > 0)
		total += n;
	UK_TEST_EXPECT_EQ(n, -UK_ENOSPC);
	UK_TEST_EXPECT_GT(total, 32 * 1024);
	UK_TEST_EXPECT_LE(total, 64 * 1024);
	uk_file_info info{};
	UK_TEST_EXPECT_ZERO(f->ops->stat(f, &info));
	UK_TEST_EXPECT_EQ(info.size, total);
	UK_TEST_EXPECT_EQ(uk_vfs_umount(p), -UK_EBUSY); // f is open
	uk_file_put(f);
	// Full: a new directory fits or fails cleanly, nothing in between.
	int rc = uk_vfs_mkdir(at(q, "small/d"), 0755);
	UK_TEST_EXPECT(rc == 0 || rc == -UK_ENOSPC);
	UK_TEST_EXPECT_EQ(uk_vfs_stat(q, &info), rc == 0 ? 0 : -UK_ENOENT);
	UK_TEST_EXPECT_ZERO(uk_vfs_unlink(at(q, "small/fill")));
	UK_TEST_EXPECT_EQ(write_file(at(q, "small/again"), chunk, sizeof(chunk)), 1024);
	UK_TEST_EXPECT_ZERO(uk_vfs_unlink(q));
	if (rc == 0)
		UK_TEST_EXPECT_ZERO(uk_vfs_rmdir(at(q, "small/d")));
	UK_TEST_EXPECT_ZERO(uk_vfs_umount(p));
	UK_TEST_EXPECT_ZERO(uk_vfs_rmdir(p));
}

UK_TESTCASE(vfs, poll_scan_sees_files_ready)
{
	char p[UK_PATH_MAX];
	UK_TEST_EXPECT_EQ(write_file(at(p, "pollme"), "p", 1), 1);
	uk_file *f = open_or_null(p, UK_O_RDWR);
	UK_TEST_ASSERT_NOT_NULL(f);
	int fd = uk_fdtab_install(f);
	UK_TEST_ASSERT_GE(fd, 0);
	uk_pollfd fds[2] = {{fd, UK_POLLIN | UK_POLLOUT, 0}, {fd + 1000, UK_POLLIN, 0}};
	UK_TEST_EXPECT_EQ(uk_fdtab_poll_scan(fds, 2), 2);
	UK_TEST_EXPECT_EQ(fds[0].revents, UK_POLLIN | UK_POLLOUT);
	UK_TEST_EXPECT_EQ(fds[1].revents, UK_POLLNVAL);
	UK_TEST_EXPECT_ZERO(uk_fdtab_close(fd));
}
