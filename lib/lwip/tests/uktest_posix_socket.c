/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of the POSIX socket calls: sockets are descriptors
 * (read, write, close, dup, fstat, fcntl), poll() and select() wake when
 * lwIP reports data or a connection, not at their timeout, and the
 * errors are Linux's. Over 127.0.0.1.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uk/plat.h>
#include <uk/sched.h>
#include <uk/test.h>

static struct sockaddr_in local(unsigned short port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	return a;
}

static int tcp_listener(unsigned short port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a = local(port);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 8) < 0)
		return -1;
	return fd;
}

static int tcp_dial(unsigned short port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = local(port);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static uint64_t ms_since(uint64_t t0) { return (ukplat_monotonic_clock() - t0) / 1000000; }

/* Writes "late" on fd after 30 ms. */
static void late_writer(void *arg)
{
	uk_sched_sleep_ns(30000000);
	write(*(int *)arg, "late", 4);
}

UK_TESTCASE(posix_socket, descriptors_read_write_dup_close)
{
	int l = tcp_listener(7101);
	UK_TEST_ASSERT_GE(l, 3);
	int c = tcp_dial(7101);
	UK_TEST_ASSERT_GE(c, 0);
	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);
	int a = accept(l, (struct sockaddr *)&peer, &plen);
	UK_TEST_ASSERT_GE(a, 0);
	UK_TEST_EXPECT_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	struct stat st;
	UK_TEST_ASSERT_ZERO(fstat(a, &st));
	UK_TEST_EXPECT(S_ISSOCK(st.st_mode));
	UK_TEST_EXPECT_EQ(write(c, "hello", 5), 5);
	char buf[16] = {0};
	UK_TEST_EXPECT_EQ(read(a, buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_STR_EQ(buf, "hello");

	int d = dup(c); /* the same socket under two descriptors */
	UK_TEST_ASSERT_GE(d, 0);
	close(c);
	UK_TEST_EXPECT_EQ(send(d, "again", 5, 0), 5);
	memset(buf, 0, sizeof(buf));
	UK_TEST_EXPECT_EQ(recv(a, buf, sizeof(buf), 0), 5);
	UK_TEST_EXPECT_STR_EQ(buf, "again");
	close(d); /* the last descriptor: the connection closes */
	UK_TEST_EXPECT_EQ(read(a, buf, sizeof(buf)), 0);
	close(a);
	close(l);
}

UK_TESTCASE(posix_socket, poll_wakes_on_data_not_at_the_timeout)
{
	int l = tcp_listener(7102);
	int c = tcp_dial(7102);
	int a = accept(l, NULL, NULL);
	UK_TEST_ASSERT_GE(a, 0);
	struct uk_thread *t = uk_thread_create("late", late_writer, &c);
	UK_TEST_ASSERT_NOT_NULL(t);
	struct pollfd p = {a, POLLIN, 0};
	uint64_t t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(poll(&p, 1, 5000), 1);
	UK_TEST_EXPECT(p.revents & POLLIN);
	uint64_t waited = ms_since(t0);
	UK_TEST_EXPECT_GE(waited, 25);
	UK_TEST_EXPECT_LT(waited, 2000);
	char buf[8];
	UK_TEST_EXPECT_EQ(read(a, buf, sizeof(buf)), 4);
	uk_thread_join(t);
	/* Nothing more to read: poll times out. */
	p.revents = 0;
	UK_TEST_EXPECT_EQ(poll(&p, 1, 20), 0);
	close(a);
	close(c);
	close(l);
}

static void dial_later(void *arg)
{
	uk_sched_sleep_ns(20000000);
	*(int *)arg = tcp_dial(7103);
}

UK_TESTCASE(posix_socket, select_sees_a_connection_coming)
{
	int l = tcp_listener(7103);
	UK_TEST_ASSERT_GE(l, 0);
	int c = -1;
	struct uk_thread *t = uk_thread_create("dialer", dial_later, &c);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(l, &r);
	struct timeval tv = {5, 0};
	uint64_t t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(select(l + 1, &r, NULL, NULL, &tv), 1);
	UK_TEST_EXPECT(FD_ISSET(l, &r));
	UK_TEST_EXPECT_LT(ms_since(t0), 2000);
	int a = accept(l, NULL, NULL);
	UK_TEST_EXPECT_GE(a, 0);
	uk_thread_join(t);
	UK_TEST_EXPECT_GE(c, 0);
	close(a);
	close(c);
	close(l);
}

UK_TESTCASE(posix_socket, nonblocking_and_linux_errors)
{
	int l = tcp_listener(7104);
	int c = tcp_dial(7104);
	int a = accept(l, NULL, NULL);
	UK_TEST_ASSERT_GE(a, 0);
	UK_TEST_ASSERT_ZERO(fcntl(a, F_SETFL, fcntl(a, F_GETFL) | O_NONBLOCK));
	char b;
	errno = 0;
	UK_TEST_EXPECT_EQ(read(a, &b, 1), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	/* accept on a non-blocking listener with nobody waiting */
	int nl = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in any = local(7105);
	UK_TEST_ASSERT_ZERO(bind(nl, (struct sockaddr *)&any, sizeof(any)));
	UK_TEST_ASSERT_ZERO(listen(nl, 1));
	UK_TEST_EXPECT_EQ(accept(nl, NULL, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EWOULDBLOCK);
	close(nl);

	UK_TEST_EXPECT_EQ(tcp_dial(7199), -1);
	UK_TEST_EXPECT_EQ(errno, ECONNREFUSED);
	UK_TEST_EXPECT_EQ(listen(1, 1), -1); /* stdout is no socket */
	UK_TEST_EXPECT_EQ(errno, ENOTSOCK);
	UK_TEST_EXPECT_EQ(listen(999, 1), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	close(a);
	close(c);
	close(l);
}

UK_TESTCASE(posix_socket, udp_and_names)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = local(0); /* any port */
	UK_TEST_ASSERT_ZERO(bind(u, (struct sockaddr *)&a, sizeof(a)));
	socklen_t len = sizeof(a);
	UK_TEST_ASSERT_ZERO(getsockname(u, (struct sockaddr *)&a, &len));
	UK_TEST_EXPECT_NE(ntohs(a.sin_port), 0);
	UK_TEST_EXPECT_EQ(sendto(u, "dgram", 5, 0, (struct sockaddr *)&a, sizeof(a)), 5);
	char buf[8] = {0};
	UK_TEST_EXPECT_EQ(recv(u, buf, sizeof(buf), 0), 5);
	UK_TEST_EXPECT_STR_EQ(buf, "dgram");
	char text[INET_ADDRSTRLEN];
	UK_TEST_EXPECT_STR_EQ(inet_ntop(AF_INET, &a.sin_addr, text, sizeof(text)), "127.0.0.1");
	close(u);
}
