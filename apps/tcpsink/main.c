/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tcpsink: an iperf-style TCP sink for throughput figures. Accepts one
 * connection after the other, reads and discards everything until the
 * client shuts its side down, then answers one line,
 *
 *   received <bytes> bytes in <seconds> s
 *
 * and closes. Plain POSIX: the same file builds for Linux (the
 * comparison of support/scripts/bench-tcp).
 *
 *   tcpsink [port]     (default 5001)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char *argv[])
{
	int port = argc > 1 ? atoi(argv[1]) : 5001;
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 4) < 0) {
		perror("tcpsink");
		return 1;
	}
	printf("tcpsink: listening on port %d\n", port);
	fflush(stdout);
	static char buf[64 * 1024];
	for (;;) {
		int c = accept(l, NULL, NULL);
		if (c < 0)
			continue;
		unsigned long long total = 0;
		double t0 = now();
		for (;;) {
			ssize_t n = read(c, buf, sizeof(buf));
			if (n <= 0)
				break;
			total += (unsigned long long)n;
		}
		char line[96];
		int len = snprintf(line, sizeof(line), "received %llu bytes in %.3f s\n", total,
				   now() - t0);
		write(c, line, (size_t)len);
		close(c);
	}
}
