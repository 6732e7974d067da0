/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of newlib's file calls on the POSIX layer and vfscore
 * (suite "posix_file"): stdio streams, remove/rename/stat, directories
 * (opendir, scandir), descriptor calls, EMFILE, poll and select,
 * temporary files, devices. Everything happens below /uktest-posix.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <uk/config.h>
#include <uk/test.h>

#define TOP "/uktest-posix"

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	DIR *d = opendir(path);
	struct dirent *e;
	char child[PATH_MAX];
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
		remove_tree(child);
		rewinddir(d);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static int posix_setup(void)
{
	remove_tree(TOP);
	return mkdir(TOP, 0755) == 0 ? 0 : -errno;
}
UK_TESTSUITE_INIT(posix_file, posix_setup);

static void posix_teardown(void) { remove_tree(TOP); }
UK_TESTSUITE_FINI(posix_file, posix_teardown);

UK_TESTCASE(posix_file, stdio_round_trip)
{
	FILE *f = fopen(TOP "/stdio.txt", "w");
	UK_TEST_ASSERT_NOT_NULL(f);
	UK_TEST_EXPECT_EQ(fprintf(f, "line %d\nsecond %s\n", 1, "line"), 19);
	UK_TEST_EXPECT_ZERO(fclose(f));
	f = fopen(TOP "/stdio.txt", "r+");
	UK_TEST_ASSERT_NOT_NULL(f);
	char buf[64];
	UK_TEST_EXPECT_NOT_NULL(fgets(buf, sizeof(buf), f));
	UK_TEST_EXPECT_STR_EQ(buf, "line 1\n");
	int n = 0;
	UK_TEST_EXPECT_EQ(fscanf(f, "second %63s", buf), 1);
	UK_TEST_EXPECT_STR_EQ(buf, "line");
	UK_TEST_EXPECT_ZERO(fseek(f, 0, SEEK_END));
	UK_TEST_EXPECT_EQ(ftell(f), 19);
	UK_TEST_EXPECT_EQ(fwrite("tail", 1, 4, f), 4);
	UK_TEST_EXPECT_ZERO(fseek(f, -4, SEEK_CUR));
	UK_TEST_EXPECT_EQ(fread(buf, 1, sizeof(buf), f), 4);
	UK_TEST_EXPECT(feof(f));
	UK_TEST_EXPECT_ZERO(fclose(f));
	f = fopen(TOP "/stdio.txt", "a");
	UK_TEST_ASSERT_NOT_NULL(f);
	fputs("!", f);
	fclose(f);
	struct stat st;
	UK_TEST_EXPECT_ZERO(stat(TOP "/stdio.txt", &st));
	UK_TEST_EXPECT_EQ(st.st_size, 24);
	UK_TEST_EXPECT(S_ISREG(st.st_mode));
	UK_TEST_EXPECT_EQ(st.st_nlink, 1);
	UK_TEST_EXPECT_GT(st.st_mtime, 1600000000);
	UK_TEST_EXPECT_NULL(fopen(TOP "/missing/x", "r"));
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	(void)n;
}

UK_TESTCASE(posix_file, remove_rename_mkdir_errors)
{
	UK_TEST_ASSERT_ZERO(mkdir(TOP "/a", 0755));
	UK_TEST_ASSERT_ZERO(mkdir(TOP "/b", 0755));
	FILE *f = fopen(TOP "/a/f", "w");
	UK_TEST_ASSERT_NOT_NULL(f);
	fputs("data", f);
	fclose(f);
	UK_TEST_EXPECT_ZERO(rename(TOP "/a/f", TOP "/b/g"));
	struct stat st;
	UK_TEST_EXPECT_EQ(stat(TOP "/a/f", &st), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	UK_TEST_EXPECT_ZERO(stat(TOP "/b/g", &st));
	UK_TEST_EXPECT_EQ(st.st_size, 4);
	UK_TEST_EXPECT_EQ(mkdir(TOP "/a", 0755), -1);
	UK_TEST_EXPECT_EQ(errno, EEXIST);
	UK_TEST_EXPECT_EQ(rmdir(TOP "/b"), -1);
	UK_TEST_EXPECT_EQ(errno, ENOTEMPTY);
	UK_TEST_EXPECT_ZERO(rename(TOP "/b", TOP "/a/b")); // a directory, across
	UK_TEST_EXPECT_ZERO(stat(TOP "/a/b/g", &st));
	UK_TEST_EXPECT_ZERO(remove(TOP "/a/b/g")); // a file
	UK_TEST_EXPECT_ZERO(remove(TOP "/a/b"));   // an empty directory
	UK_TEST_EXPECT_EQ(remove(TOP "/a/b"), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	UK_TEST_EXPECT_EQ(unlink(TOP "/a"), -1);
	UK_TEST_EXPECT_EQ(errno, EISDIR);
	UK_TEST_EXPECT_EQ(open(TOP "/a/x/y", O_RDONLY), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
}

static int only_n(const struct dirent *e) { return e->d_name[0] == 'n'; }

UK_TESTCASE(posix_file, directories)
{
	UK_TEST_ASSERT_ZERO(mkdir(TOP "/list", 0700));
	const char *names[] = {"n3", "n1", "other", "n2"};
	for (int i = 0; i < 4; ++i) {
		char p[PATH_MAX];
		snprintf(p, sizeof(p), TOP "/list/%s", names[i]);
		int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
		UK_TEST_ASSERT_GE(fd, 0);
		close(fd);
	}
	DIR *d = opendir(TOP "/list");
	UK_TEST_ASSERT_NOT_NULL(d);
	int count = 0;
	long pos_of_n1 = -1;
	struct dirent *e;
	while ((long)(e = readdir(d)) != 0) {
		++count;
		if (!strcmp(e->d_name, "n1")) {
			UK_TEST_EXPECT_EQ(e->d_type, DT_REG);
			pos_of_n1 = telldir(d);
		}
	}
	UK_TEST_EXPECT_EQ(count, 6);
	seekdir(d, pos_of_n1); // the entry after n1 comes again
	e = readdir(d);
	UK_TEST_ASSERT_NOT_NULL(e);
	UK_TEST_EXPECT_STR_EQ(e->d_name, "other");
	rewinddir(d);
	e = readdir(d);
	UK_TEST_ASSERT_NOT_NULL(e);
	UK_TEST_EXPECT_STR_EQ(e->d_name, ".");
	UK_TEST_EXPECT_GE(dirfd(d), 3);
	UK_TEST_EXPECT_ZERO(closedir(d));
	struct dirent **list;
	int n = scandir(TOP "/list", &list, only_n, alphasort);
	UK_TEST_ASSERT_EQ(n, 3);
	UK_TEST_EXPECT_STR_EQ(list[0]->d_name, "n1");
	UK_TEST_EXPECT_STR_EQ(list[2]->d_name, "n3");
	for (int i = 0; i < n; ++i)
		free(list[i]);
	free(list);
	UK_TEST_EXPECT_NULL(opendir(TOP "/list/n1"));
	UK_TEST_EXPECT_EQ(errno, ENOTDIR);
	UK_TEST_EXPECT_NULL(opendir(TOP "/nope"));
	UK_TEST_EXPECT_EQ(errno, ENOENT);
}

UK_TESTCASE(posix_file, descriptor_calls)
{
	int fd = open(TOP "/fd", O_RDWR | O_CREAT | O_EXCL, 0640);
	UK_TEST_ASSERT_GE(fd, 3);
	UK_TEST_EXPECT_EQ(write(fd, "0123456789", 10), 10);
	int fd2 = dup(fd);
	UK_TEST_EXPECT_EQ(lseek(fd2, 0, SEEK_CUR), 10); // dup shares the offset
	UK_TEST_EXPECT_EQ(lseek(fd, 2, SEEK_SET), 2);
	char c;
	UK_TEST_EXPECT_EQ(read(fd2, &c, 1), 1);
	UK_TEST_EXPECT_EQ(c, '2');
	UK_TEST_EXPECT_EQ(dup2(fd, 50), 50);
	UK_TEST_EXPECT_EQ(lseek(50, 0, SEEK_END), 10);
	UK_TEST_EXPECT_ZERO(close(50));
	char buf[8] = {0};
	UK_TEST_EXPECT_EQ(pread(fd, buf, 3, 7), 3);
	UK_TEST_EXPECT_STR_EQ(buf, "789");
	UK_TEST_EXPECT_EQ(pwrite(fd, "AB", 2, 0), 2);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	UK_TEST_EXPECT_ZERO(fcntl(fd, F_SETFL, O_APPEND));
	UK_TEST_EXPECT_EQ(write(fd, "Z", 1), 1);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 11);
	UK_TEST_EXPECT_ZERO(ftruncate(fd, 4));
	UK_TEST_EXPECT_ZERO(fsync(fd));
	struct stat st;
	UK_TEST_EXPECT_ZERO(fstat(fd, &st));
	UK_TEST_EXPECT_EQ(st.st_size, 4);
	UK_TEST_EXPECT_EQ(st.st_mode & 0777, 0640);
	UK_TEST_EXPECT_ZERO(isatty(fd));
	UK_TEST_EXPECT_EQ(errno, ENOTTY);
	UK_TEST_EXPECT_ZERO(close(fd));
	UK_TEST_EXPECT_ZERO(close(fd2));
	UK_TEST_EXPECT_EQ(read(fd, buf, 1), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);

	UK_TEST_EXPECT_ZERO(access(TOP "/fd", F_OK | R_OK | W_OK));
	UK_TEST_EXPECT_EQ(access(TOP "/fd", X_OK), -1);
	UK_TEST_EXPECT_ZERO(chmod(TOP "/fd", 0750));
	UK_TEST_EXPECT_ZERO(access(TOP "/fd", X_OK));
	UK_TEST_EXPECT_ZERO(symlink("fd", TOP "/fd-link"));
	UK_TEST_EXPECT_EQ(readlink(TOP "/fd-link", buf, sizeof(buf)), 2);
	UK_TEST_EXPECT_ZERO(lstat(TOP "/fd-link", &st));
	UK_TEST_EXPECT(S_ISLNK(st.st_mode));
	UK_TEST_EXPECT_ZERO(link(TOP "/fd", TOP "/fd-hard"));
	UK_TEST_EXPECT_ZERO(stat(TOP "/fd", &st));
	UK_TEST_EXPECT_EQ(st.st_nlink, 2);
	char path[PATH_MAX];
	UK_TEST_ASSERT_NOT_NULL(realpath(TOP "/./fd-link", path));
	UK_TEST_EXPECT_STR_EQ(path, TOP "/fd");
	UK_TEST_EXPECT_ZERO(chdir(TOP));
	UK_TEST_EXPECT_STR_EQ(getcwd(path, sizeof(path)), TOP);
	char *dyn = getcwd(NULL, 0);
	UK_TEST_EXPECT_STR_EQ(dyn, TOP);
	free(dyn);
	UK_TEST_EXPECT_ZERO(truncate("fd", 0));
	UK_TEST_EXPECT_ZERO(stat("fd-hard", &st));
	UK_TEST_EXPECT_EQ(st.st_size, 0);
	UK_TEST_EXPECT_ZERO(chdir("/"));
	mode_t old = umask(077);
	UK_TEST_EXPECT_EQ(old, 022);
	fd = open(TOP "/masked", O_WRONLY | O_CREAT, 0666);
	UK_TEST_EXPECT_ZERO(fstat(fd, &st));
	UK_TEST_EXPECT_EQ(st.st_mode & 0777, 0600);
	close(fd);
	umask(old);
}

UK_TESTCASE(posix_file, open_until_emfile)
{
	int fds[4096], n = 0, fd;
	FILE *f = fopen(TOP "/many", "w");
	UK_TEST_ASSERT_NOT_NULL(f);
	fclose(f);
	while (n < 4096 && (fd = open(TOP "/many", O_RDONLY)) >= 0)
		fds[n++] = fd;
	UK_TEST_EXPECT_EQ(errno, EMFILE);
	UK_TEST_EXPECT_GT(n, 10);
	UK_TEST_EXPECT_NULL(fopen(TOP "/many", "r"));
	UK_TEST_EXPECT_EQ(errno, EMFILE);
	while (n)
		UK_TEST_EXPECT_ZERO(close(fds[--n]));
	f = fopen(TOP "/many", "r");
	UK_TEST_EXPECT_NOT_NULL(f);
	if (f)
		fclose(f);
}

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

UK_TESTCASE(posix_file, poll_and_select)
{
	int fd = open(TOP "/pollme", O_RDWR | O_CREAT, 0644);
	UK_TEST_ASSERT_GE(fd, 0);
	struct pollfd p[3] = {{fd, POLLIN | POLLOUT, 0}, {1, POLLOUT, 0}, {99, POLLIN, 0}};
	UK_TEST_EXPECT_EQ(poll(p, 3, 1000), 3);
	UK_TEST_EXPECT_EQ(p[0].revents, POLLIN | POLLOUT);
	UK_TEST_EXPECT_EQ(p[1].revents, POLLOUT);
	UK_TEST_EXPECT_EQ(p[2].revents, POLLNVAL);
	// Nothing to watch: poll sleeps its timeout.
	uint64_t t0 = now_ms();
	UK_TEST_EXPECT_ZERO(poll(NULL, 0, 30));
	UK_TEST_EXPECT_GE(now_ms() - t0, 30);
	struct pollfd none = {-1, POLLIN, 7};
	UK_TEST_EXPECT_ZERO(poll(&none, 1, 0));
	UK_TEST_EXPECT_ZERO(none.revents);

	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(fd, &r);
	FD_SET(fd, &w);
	struct timeval tv = {1, 0};
	UK_TEST_EXPECT_EQ(select(fd + 1, &r, &w, NULL, &tv), 2);
	UK_TEST_EXPECT(FD_ISSET(fd, &r) && FD_ISSET(fd, &w));
	tv.tv_sec = 0;
	tv.tv_usec = 20000;
	t0 = now_ms();
	UK_TEST_EXPECT_ZERO(select(0, NULL, NULL, NULL, &tv));
	UK_TEST_EXPECT_GE(now_ms() - t0, 20);
	FD_ZERO(&r);
	FD_SET(40, &r); // not open
	tv.tv_usec = 0;
	UK_TEST_EXPECT_EQ(select(41, &r, NULL, NULL, &tv), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	close(fd);
}

UK_TESTCASE(posix_file, temporary_files_and_devices)
{
	FILE *t = tmpfile();
	UK_TEST_ASSERT_NOT_NULL(t);
	fputs("scratch", t);
	rewind(t);
	char buf[16] = {0};
	UK_TEST_EXPECT_NOT_NULL(fgets(buf, sizeof(buf), t));
	UK_TEST_EXPECT_STR_EQ(buf, "scratch");
	fclose(t);
	char name[] = TOP "/tmpXXXXXX";
	int fd = mkstemp(name);
	UK_TEST_ASSERT_GE(fd, 0);
	UK_TEST_EXPECT_STR_NE(name + strlen(TOP), "/tmpXXXXXX");
	close(fd);
	UK_TEST_EXPECT_ZERO(unlink(name));
	FILE *u = fopen("/dev/urandom", "r");
	UK_TEST_ASSERT_NOT_NULL(u);
	unsigned char a[16], b[16];
	UK_TEST_EXPECT_EQ(fread(a, 1, 16, u), 16);
	UK_TEST_EXPECT_EQ(fread(b, 1, 16, u), 16);
	UK_TEST_EXPECT(memcmp(a, b, 16) != 0);
	fclose(u);
	FILE *c = fopen("/dev/console", "w");
	UK_TEST_ASSERT_NOT_NULL(c);
	UK_TEST_EXPECT(isatty(fileno(c)));
	fprintf(c, "posix_file: hello on /dev/console\n");
	fclose(c);
	fd = open("/dev/null", O_WRONLY);
	UK_TEST_EXPECT_EQ(write(fd, "x", 1), 1);
	close(fd);
}

#if UK_IS_ENABLED(CONFIG_LIBUKSCHED)
#include <uk/fdtab.h>
#include <uk/sched.h>

/* A file whose readiness changes later, as a socket's does: poll() and
 * select() must sleep until it notifies, not until their timeout. */
static uint32_t late_ready;
static struct uk_file late_file;

static uint32_t late_poll(struct uk_file *f)
{
	(void)f;
	return late_ready;
}

static intptr_t late_read(struct uk_file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return 0;
}

static const struct uk_file_ops late_ops = {.read = late_read, .poll = late_poll};

static void make_ready_later(void *arg)
{
	(void)arg;
	uk_sched_sleep_ns(30 * 1000000ull);
	late_ready = UK_POLLIN;
	uk_file_notify(&late_file);
}

UK_TESTCASE(posix_file, poll_wakes_on_notify)
{
	late_ready = 0;
	uk_file_init(&late_file, &late_ops, NULL, UK_O_RDONLY);
	int fd = uk_fdtab_install(&late_file);
	UK_TEST_ASSERT_GE(fd, 0);
	struct pollfd p = {fd, POLLIN, 0};
	UK_TEST_EXPECT_ZERO(poll(&p, 1, 0)); // not ready yet
	struct uk_thread *t = uk_thread_create("notifier", make_ready_later, NULL);
	UK_TEST_ASSERT_NOT_NULL(t);
	uint64_t t0 = now_ms();
	UK_TEST_EXPECT_EQ(poll(&p, 1, 5000), 1);
	uint64_t waited = now_ms() - t0;
	UK_TEST_EXPECT_EQ(p.revents, POLLIN);
	UK_TEST_EXPECT_GE(waited, 29);
	UK_TEST_EXPECT_LT(waited, 2000); // woken, not timed out
	uk_thread_join(t);

	late_ready = 0;
	t = uk_thread_create("notifier", make_ready_later, NULL);
	UK_TEST_ASSERT_NOT_NULL(t);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(fd, &r);
	struct timeval tv = {5, 0};
	t0 = now_ms();
	UK_TEST_EXPECT_EQ(select(fd + 1, &r, NULL, NULL, &tv), 1);
	UK_TEST_EXPECT(FD_ISSET(fd, &r));
	UK_TEST_EXPECT_LT(now_ms() - t0, 2000);
	UK_TEST_EXPECT_GT(tv.tv_sec, 2); // the time left
	uk_thread_join(t);
	UK_TEST_EXPECT_ZERO(close(fd));
	UK_TEST_EXPECT_EQ(late_file.refcnt, 0u); // the table had the only one
}
#endif

/* The *at() calls against a directory descriptor, which keeps naming
 * its directory after a rename; owners and special files. */
UK_TESTCASE(posix_file, at_calls_relative_to_a_directory_descriptor)
{
	UK_TEST_ASSERT_ZERO(mkdir(TOP "/at", 0755));
	int d = open(TOP "/at", O_RDONLY | O_DIRECTORY);
	UK_TEST_ASSERT_GE(d, 0);
	int f = openat(d, "f", O_CREAT | O_WRONLY, 0644);
	UK_TEST_ASSERT_GE(f, 0);
	UK_TEST_EXPECT_EQ(write(f, "hi", 2), 2);
	UK_TEST_EXPECT_ZERO(close(f));
	struct stat st;
	UK_TEST_ASSERT_ZERO(fstatat(d, "f", &st, 0));
	UK_TEST_EXPECT_EQ(st.st_size, 2);
	UK_TEST_EXPECT_ZERO(mkdirat(d, "sub", 0755));
	UK_TEST_EXPECT_ZERO(renameat(d, "f", d, "sub/g"));
	UK_TEST_EXPECT_EQ(fstatat(d, "f", &st, 0), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	UK_TEST_EXPECT_ZERO(symlinkat("sub/g", d, "l"));
	char buf[32] = "";
	UK_TEST_EXPECT_EQ(readlinkat(d, "l", buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_ZERO(strncmp(buf, "sub/g", 5));
	UK_TEST_EXPECT_ZERO(fstatat(d, "l", &st, AT_SYMLINK_NOFOLLOW));
	UK_TEST_EXPECT(S_ISLNK(st.st_mode));
	UK_TEST_EXPECT_ZERO(fstatat(d, "l", &st, 0));
	UK_TEST_EXPECT(S_ISREG(st.st_mode));
	UK_TEST_EXPECT_EQ(fchmodat(d, "l", 0600, AT_SYMLINK_NOFOLLOW), -1); /* a link's own mode */
	UK_TEST_EXPECT_EQ(errno, EOPNOTSUPP);
	UK_TEST_EXPECT_EQ(utimensat(d, "l", NULL, AT_SYMLINK_NOFOLLOW), -1);
	UK_TEST_EXPECT_EQ(errno, EOPNOTSUPP);
	UK_TEST_EXPECT_ZERO(faccessat(d, "l", F_OK, AT_SYMLINK_NOFOLLOW));
	UK_TEST_EXPECT_ZERO(linkat(d, "l", d, "hard", AT_SYMLINK_FOLLOW));
	UK_TEST_EXPECT_ZERO(fstatat(d, "hard", &st, AT_SYMLINK_NOFOLLOW));
	UK_TEST_EXPECT(S_ISREG(st.st_mode));
	UK_TEST_EXPECT_EQ(st.st_nlink, 2);
	UK_TEST_EXPECT_ZERO(faccessat(d, "sub/g", R_OK | W_OK, AT_EACCESS));
	UK_TEST_EXPECT_ZERO(fchmodat(d, "sub/g", 0600, 0));
	UK_TEST_EXPECT_ZERO(stat(TOP "/at/sub/g", &st));
	UK_TEST_EXPECT_EQ(st.st_mode & 0777, 0600);
	time_t mtime = st.st_mtime;
	struct timespec ts[2] = {{1000, 0}, {0, UTIME_OMIT}};
	UK_TEST_EXPECT_ZERO(utimensat(d, "sub/g", ts, 0));
	UK_TEST_EXPECT_ZERO(stat(TOP "/at/sub/g", &st));
	UK_TEST_EXPECT_EQ(st.st_atime, 1000);
	UK_TEST_EXPECT_EQ(st.st_mtime, mtime);

	/* The descriptor follows its directory through a rename. */
	UK_TEST_ASSERT_ZERO(rename(TOP "/at", TOP "/at2"));
	f = openat(d, "x", O_CREAT | O_WRONLY, 0644);
	UK_TEST_EXPECT_GE(f, 0);
	close(f);
	UK_TEST_EXPECT_ZERO(access(TOP "/at2/x", F_OK));

	UK_TEST_EXPECT_EQ(unlinkat(d, "sub", 0), -1);
	UK_TEST_EXPECT_EQ(errno, EISDIR);
	UK_TEST_EXPECT_ZERO(unlinkat(d, "sub/g", 0));
	UK_TEST_EXPECT_ZERO(unlinkat(d, "sub", AT_REMOVEDIR));
	UK_TEST_EXPECT_EQ(unlinkat(d, "x", 0x1000), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);

	/* Not a directory, not open; AT_FDCWD and absolute paths pass. */
	f = open(TOP "/at2/hard", O_RDONLY);
	UK_TEST_ASSERT_GE(f, 0);
	UK_TEST_EXPECT_EQ(openat(f, "y", O_RDONLY), -1);
	UK_TEST_EXPECT_EQ(errno, ENOTDIR);
	UK_TEST_EXPECT_ZERO(fstatat(f, TOP "/at2/x", &st, 0));
	close(f);
	UK_TEST_EXPECT_EQ(mkdirat(1000, "y", 0755), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	UK_TEST_EXPECT_ZERO(fstatat(AT_FDCWD, TOP "/at2", &st, 0));

	/* One user, root; no device nodes or named pipes. */
	UK_TEST_EXPECT_ZERO(chown(TOP "/at2/x", 0, 0));
	UK_TEST_EXPECT_ZERO(fchownat(d, "x", (uid_t)-1, 0, 0));
	UK_TEST_EXPECT_EQ(chown(TOP "/at2/x", 1000, 1000), -1);
	UK_TEST_EXPECT_EQ(errno, EPERM);
	UK_TEST_EXPECT_EQ(chown(TOP "/at2/none", 0, 0), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	UK_TEST_EXPECT_EQ(mkfifo(TOP "/at2/fifo", 0600), -1);
	UK_TEST_EXPECT_EQ(errno, ENOSYS);
	UK_TEST_EXPECT_ZERO(futimens(d, NULL)); /* a directory: by its path */
	UK_TEST_EXPECT_ZERO(close(d));
}
