/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of lwIP on Tessera, through its loopback interface
 * (127.0.0.1) and lwIP's own socket API (lwip_*): the tcpip thread,
 * sys_arch's semaphores, mailboxes, timeouts and threads underneath.
 */
#include <errno.h>
#include <string.h>

#include <lwip/inet.h>
#include <lwip/sockets.h>
#include <uk/plat.h>
#include <uk/sched.h>
#include <uk/test.h>

static struct sockaddr_in loopback(unsigned short port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_len = sizeof(a);
	a.sin_family = AF_INET;
	a.sin_port = lwip_htons(port);
	a.sin_addr.s_addr = lwip_htonl(INADDR_LOOPBACK);
	return a;
}

static int listener(unsigned short port)
{
	int s = lwip_socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return -1;
	int one = 1;
	lwip_setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a = loopback(port);
	if (lwip_bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || lwip_listen(s, 64) < 0) {
		lwip_close(s);
		return -1;
	}
	return s;
}

/* Echo server: accepts `conns` connections, echoes each until EOF. */
struct echo_server {
	int fd;
	int conns;
	long echoed;
};

static void echo_server_thread(void *arg)
{
	struct echo_server *e = arg;
	static char buf[4096];
	for (int i = 0; i < e->conns; ++i) {
		int c = lwip_accept(e->fd, NULL, NULL);
		if (c < 0)
			break;
		for (;;) {
			int n = lwip_read(c, buf, sizeof(buf));
			if (n <= 0)
				break;
			for (int off = 0; off < n;) {
				int w = lwip_write(c, buf + off, n - off);
				if (w <= 0)
					break;
				off += w;
				e->echoed += w;
			}
		}
		lwip_close(c);
	}
}

static int dial(unsigned short port)
{
	int s = lwip_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = loopback(port);
	if (s >= 0 && lwip_connect(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
		int e = errno;
		lwip_close(s);
		errno = e;
		return -1;
	}
	return s;
}

UK_TESTCASE(lwip, tcp_echo_of_100k_over_loopback)
{
	enum { kLen = 100 * 1024 };
	static char out[kLen], in[kLen];
	for (int i = 0; i < kLen; ++i)
		out[i] = (char)(i * 7 + i / 251);
	struct echo_server e = {listener(7001), 1, 0};
	UK_TEST_ASSERT_GE(e.fd, 0);
	struct uk_thread *t = uk_thread_create("echo", echo_server_thread, &e);
	UK_TEST_ASSERT_NOT_NULL(t);
	int c = dial(7001);
	UK_TEST_ASSERT_GE(c, 0);
	/* Write and read in turns: the windows are smaller than 100 KiB. */
	int sent = 0, got = 0;
	while (got < kLen) {
		if (sent < kLen) {
			int w = lwip_write(c, out + sent, kLen - sent > 8192 ? 8192 : kLen - sent);
			UK_TEST_ASSERT_GT(w, 0);
			sent += w;
			if (sent == kLen)
				lwip_shutdown(c, SHUT_WR);
		}
		int r = lwip_recv(c, in + got, kLen - got, sent < kLen ? MSG_DONTWAIT : 0);
		if (r < 0 && errno == EWOULDBLOCK) {
			uk_sched_yield(); /* cooperative: let the server run */
			continue;
		}
		UK_TEST_ASSERT_GT(r, 0);
		got += r;
	}
	UK_TEST_EXPECT_ZERO(memcmp(in, out, kLen));
	UK_TEST_EXPECT_ZERO(lwip_read(c, in, 1)); /* the server closed: EOF */
	lwip_close(c);
	uk_thread_join(t);
	UK_TEST_EXPECT_EQ(e.echoed, kLen);
	lwip_close(e.fd);
}

UK_TESTCASE(lwip, many_connections_at_once)
{
	enum { kConns = 32 };
	struct echo_server e = {listener(7002), kConns, 0};
	UK_TEST_ASSERT_GE(e.fd, 0);
	struct uk_thread *t = uk_thread_create("echo", echo_server_thread, &e);
	int fds[kConns];
	for (int i = 0; i < kConns; ++i) {
		fds[i] = dial(7002);
		UK_TEST_ASSERT_GE(fds[i], 0);
		char b = (char)('A' + i % 26);
		UK_TEST_ASSERT_EQ(lwip_write(fds[i], &b, 1), 1);
		lwip_shutdown(fds[i], SHUT_WR);
	}
	/* The server serves them in order; every one gets its byte back. */
	for (int i = 0; i < kConns; ++i) {
		char b = 0;
		UK_TEST_EXPECT_EQ(lwip_read(fds[i], &b, 1), 1);
		UK_TEST_EXPECT_EQ(b, (char)('A' + i % 26));
		lwip_close(fds[i]);
	}
	uk_thread_join(t);
	UK_TEST_EXPECT_EQ(e.echoed, kConns);
	lwip_close(e.fd);
}

UK_TESTCASE(lwip, udp_keeps_datagram_boundaries)
{
	int rx = lwip_socket(AF_INET, SOCK_DGRAM, 0), tx = lwip_socket(AF_INET, SOCK_DGRAM, 0);
	UK_TEST_ASSERT_GE(rx, 0);
	UK_TEST_ASSERT_GE(tx, 0);
	struct sockaddr_in a = loopback(7003);
	UK_TEST_ASSERT_ZERO(lwip_bind(rx, (struct sockaddr *)&a, sizeof(a)));
	static const int sizes[] = {1, 512, 1400};
	char buf[2048];
	memset(buf, 'u', sizeof(buf));
	for (int i = 0; i < 3; ++i)
		UK_TEST_EXPECT_EQ(lwip_sendto(tx, buf, sizes[i], 0, (struct sockaddr *)&a, sizeof(a)),
				  sizes[i]);
	for (int i = 0; i < 3; ++i) {
		struct sockaddr_in from;
		socklen_t len = sizeof(from);
		UK_TEST_EXPECT_EQ(lwip_recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len),
				  sizes[i]);
		UK_TEST_EXPECT_EQ(from.sin_addr.s_addr, lwip_htonl(INADDR_LOOPBACK));
	}
	lwip_close(rx);
	lwip_close(tx);
}

UK_TESTCASE(lwip, receive_timeout_and_refused_connect)
{
	int s = lwip_socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = loopback(7004);
	UK_TEST_ASSERT_ZERO(lwip_bind(s, (struct sockaddr *)&a, sizeof(a)));
	struct timeval tv = {0, 50000}; /* 50 ms */
	UK_TEST_ASSERT_ZERO(lwip_setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	char b;
	uint64_t t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(lwip_recv(s, &b, 1, 0), -1);
	UK_TEST_EXPECT(errno == EAGAIN || errno == EWOULDBLOCK);
	uint64_t waited = ukplat_monotonic_clock() - t0;
	UK_TEST_EXPECT_GE(waited, 49000000ULL);
	UK_TEST_EXPECT_LT(waited, 1000000000ULL);
	lwip_close(s);

	/* lwIP reports the RST of a refused connect as ECONNRESET (its
	 * ERR_RST); the POSIX socket layer turns it into ECONNREFUSED. */
	UK_TEST_EXPECT_EQ(dial(7999), -1);
	UK_TEST_EXPECT_EQ(errno, ECONNRESET);
}
