/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of pipes through newlib's calls (suite "pipe"): bytes
 * in order across the ring's wrap, end of file, EPIPE, O_NONBLOCK,
 * atomic writes, poll and select, fstat, dup, and threads blocked on
 * both ends until the other side acts.
 */
#define _GNU_SOURCE /* pipe2(), as on Linux */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/config.h>
#include <uk/pipe.h>
#include <uk/sched.h>
#include <uk/test.h>

#define CAP CONFIG_LIBPOSIX_PIPE_SIZE

static unsigned char big[3 * UK_PIPE_BUF + 123];

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + seed);
}

UK_TESTCASE(pipe, bytes_in_order_then_end_of_file)
{
	int fds[2];
	UK_TEST_ASSERT_ZERO(pipe(fds));
	unsigned char out[sizeof(big)];
	/* Many rounds so that the ring wraps at different places. */
	for (unsigned r = 0; r < 3 * CAP / sizeof(big); r++) {
		fill(big, sizeof(big), r);
		UK_TEST_ASSERT_EQ(write(fds[1], big, sizeof(big)), (ssize_t)sizeof(big));
		size_t got = 0;
		while (got < sizeof(big)) {
			ssize_t n = read(fds[0], out + got, sizeof(out) - got);
			UK_TEST_ASSERT_GT(n, 0);
			got += (size_t)n;
		}
		UK_TEST_ASSERT_ZERO(memcmp(out, big, sizeof(big)));
	}
	UK_TEST_EXPECT_EQ(write(fds[0], "x", 1), -1); /* the wrong end */
	UK_TEST_EXPECT_EQ(errno, EBADF);
	UK_TEST_EXPECT_EQ(read(fds[1], out, 1), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	UK_TEST_EXPECT_EQ(lseek(fds[0], 0, SEEK_SET), -1);
	UK_TEST_EXPECT_EQ(errno, ESPIPE);
	UK_TEST_ASSERT_EQ(write(fds[1], "tail", 4), 4);
	UK_TEST_ASSERT_ZERO(close(fds[1]));
	UK_TEST_EXPECT_EQ(read(fds[0], out, sizeof(out)), 4); /* what was left */
	UK_TEST_EXPECT_ZERO(read(fds[0], out, sizeof(out)));  /* then the end */
	UK_TEST_EXPECT_ZERO(close(fds[0]));
}

UK_TESTCASE(pipe, no_reader_is_epipe)
{
	int fds[2];
	UK_TEST_ASSERT_ZERO(pipe(fds));
	UK_TEST_ASSERT_ZERO(close(fds[0]));
	errno = 0;
	UK_TEST_EXPECT_EQ(write(fds[1], "x", 1), -1);
	UK_TEST_EXPECT_EQ(errno, EPIPE);
	struct pollfd p = {fds[1], POLLOUT, 0};
	UK_TEST_EXPECT_EQ(poll(&p, 1, 0), 1);
	UK_TEST_EXPECT(p.revents & POLLERR);
	UK_TEST_EXPECT_ZERO(close(fds[1]));
}

UK_TESTCASE(pipe, nonblocking_full_and_empty)
{
	int fds[2];
	UK_TEST_ASSERT_ZERO(pipe2(fds, O_NONBLOCK));
	UK_TEST_EXPECT(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	unsigned char b[1];
	errno = 0;
	UK_TEST_EXPECT_EQ(read(fds[0], b, 1), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	/* Fill it: a large write takes what fits. */
	size_t total = 0;
	for (;;) {
		ssize_t n = write(fds[1], big, sizeof(big));
		if (n < 0)
			break;
		total += (size_t)n;
	}
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_EQ(total, (size_t)CAP);
	int avail = -1;
	UK_TEST_EXPECT_ZERO(ioctl(fds[0], FIONREAD, &avail));
	UK_TEST_EXPECT_EQ(avail, CAP);
	/* Room for 100 bytes is not room for an atomic 4096-byte write. */
	UK_TEST_ASSERT_EQ(read(fds[0], big, 100), 100);
	UK_TEST_EXPECT_EQ(write(fds[1], big, UK_PIPE_BUF), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_EQ(write(fds[1], big, 100), 100);
	UK_TEST_EXPECT_ZERO(close(fds[0]));
	UK_TEST_EXPECT_ZERO(close(fds[1]));
	UK_TEST_EXPECT_EQ(pipe2(fds, O_APPEND), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
}

UK_TESTCASE(pipe, poll_select_fstat_dup)
{
	int fds[2];
	UK_TEST_ASSERT_ZERO(pipe(fds));
	struct stat st;
	UK_TEST_ASSERT_ZERO(fstat(fds[0], &st));
	UK_TEST_EXPECT(S_ISFIFO(st.st_mode));
	struct pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLOUT, 0}};
	UK_TEST_EXPECT_EQ(poll(p, 2, 0), 1);
	UK_TEST_EXPECT_EQ(p[0].revents, 0);
	UK_TEST_EXPECT_EQ(p[1].revents, POLLOUT);
	UK_TEST_ASSERT_EQ(write(fds[1], "ab", 2), 2);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	struct timeval tv = {0, 0};
	UK_TEST_EXPECT_EQ(select(fds[0] + 1, &r, NULL, NULL, &tv), 1);
	/* A dup of the write end keeps the pipe open for writing. */
	int w2 = dup(fds[1]);
	UK_TEST_ASSERT_GE(w2, 0);
	UK_TEST_ASSERT_ZERO(close(fds[1]));
	p[0].revents = 0;
	UK_TEST_EXPECT_EQ(poll(p, 1, 0), 1);
	UK_TEST_EXPECT_EQ(p[0].revents, POLLIN);
	UK_TEST_ASSERT_ZERO(close(w2));
	p[0].revents = 0;
	UK_TEST_EXPECT_EQ(poll(p, 1, 0), 1);
	UK_TEST_EXPECT_EQ(p[0].revents, POLLIN | POLLHUP);
	char c[4];
	UK_TEST_EXPECT_EQ(read(fds[0], c, sizeof(c)), 2);
	UK_TEST_EXPECT_ZERO(close(fds[0]));
}

/* ---- threads blocked on one end until the other acts ------------------- */

struct peer {
	int fd;
	int delay_ms;
	size_t bytes; /* to write, or read until end of file */
	size_t done;
	unsigned sum;
};

static void writer(void *arg)
{
	struct peer *w = arg;
	uk_sched_sleep_ns((uint64_t)w->delay_ms * 1000000);
	unsigned char chunk[1000];
	while (w->done < w->bytes) {
		size_t n = w->bytes - w->done < sizeof(chunk) ? w->bytes - w->done : sizeof(chunk);
		fill(chunk, n, (unsigned)w->done);
		for (size_t i = 0; i < n; i++)
			w->sum += chunk[i];
		ssize_t k = write(w->fd, chunk, n);
		if (k <= 0)
			break;
		w->done += (size_t)k;
	}
	close(w->fd);
}

static void reader(void *arg)
{
	struct peer *r = arg;
	uk_sched_sleep_ns((uint64_t)r->delay_ms * 1000000);
	unsigned char buf[777];
	ssize_t n;
	while ((n = read(r->fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			r->sum += buf[i];
		r->done += (size_t)n;
	}
}

UK_TESTCASE(pipe, reader_blocks_until_a_writer_thread_writes)
{
	int fds[2];
	UK_TEST_ASSERT_ZERO(pipe(fds));
	/* Four times the capacity: the writer blocks on a full pipe too. */
	struct peer w = {fds[1], 20, 4 * (size_t)CAP, 0, 0};
	struct uk_thread *t = uk_thread_create("pipe-writer", writer, &w);
	UK_TEST_ASSERT_NOT_NULL(t);
	struct peer r = {fds[0], 0, 0, 0, 0};
	reader(&r); /* blocks at once: the writer sleeps 20 ms first */
	UK_TEST_EXPECT_ZERO(uk_thread_join(t));
	UK_TEST_EXPECT_EQ(r.done, w.bytes);
	UK_TEST_EXPECT_EQ(r.sum, w.sum);
	UK_TEST_EXPECT_ZERO(close(fds[0]));
}

UK_TESTCASE(pipe, blocked_writer_fails_when_the_reader_goes)
{
	int fds[2];
	UK_TEST_ASSERT_ZERO(pipe(fds));
	/* The reader takes 5000 bytes, then closes; the writer, blocked on
	 * a full pipe, must wake with what it wrote, then EPIPE. */
	struct peer w = {fds[1], 0, 2 * (size_t)CAP, 0, 0};
	struct uk_thread *t = uk_thread_create("pipe-writer", writer, &w);
	UK_TEST_ASSERT_NOT_NULL(t);
	uk_sched_sleep_ns(10 * 1000000); /* the writer fills the pipe and waits */
	unsigned char buf[5000];
	UK_TEST_EXPECT_EQ(read(fds[0], buf, sizeof(buf)), (ssize_t)sizeof(buf));
	UK_TEST_ASSERT_ZERO(close(fds[0]));
	UK_TEST_EXPECT_ZERO(uk_thread_join(t));
	/* It filled the pipe in 1000-byte atomic writes (up to 999 bytes
	 * stay free), maybe refilled some of the 5000 read, then failed. */
	UK_TEST_EXPECT_LT(w.done, w.bytes);
	UK_TEST_EXPECT_GE(w.done, (size_t)CAP - 999);
	UK_TEST_EXPECT_LE(w.done, (size_t)CAP + sizeof(buf));
}

UK_TESTCASE(pipe, poll_wakes_when_a_thread_writes)
{
	int fds[2];
	UK_TEST_ASSERT_ZERO(pipe(fds));
	struct peer w = {fds[1], 20, 10, 0, 0};
	struct uk_thread *t = uk_thread_create("pipe-writer", writer, &w);
	UK_TEST_ASSERT_NOT_NULL(t);
	struct pollfd p = {fds[0], POLLIN, 0};
	UK_TEST_EXPECT_EQ(poll(&p, 1, 5000), 1); /* long before the timeout */
	UK_TEST_EXPECT(p.revents & POLLIN);
	UK_TEST_EXPECT_ZERO(uk_thread_join(t));
	UK_TEST_EXPECT_ZERO(close(fds[0]));
}
