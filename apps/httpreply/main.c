/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply: a small HTTP/1.1 server that answers GET (and HEAD) with a
 * fixed page, keeps connections alive (HTTP/1.1 default, HTTP/1.0 with
 * "Connection: keep-alive"), handles pipelined requests, and serves many
 * clients from one thread with poll() on non-blocking sockets. Nothing
 * in it knows Tessera: the same file builds for Linux (the comparison
 * server of support/scripts/bench-http).
 *
 *   httpreply [port]          (default 80)
 *
 * Answers: 200 for GET/HEAD of any path, 405 for other methods, 400 for
 * a malformed request line, 431 (and close) for a header over 8 KiB.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 64
#define REQ_MAX 8192

static const char page[] =
	"<!DOCTYPE html>\n<html><head><title>Tessera</title></head>\n"
	"<body><h1>Hello from httpreply</h1><p>Served by a unikernel.</p></body></html>\n";

struct client {
	int fd;          /* -1: free slot */
	size_t len;      /* bytes in req */
	char req[REQ_MAX];
	char *out;       /* pending response bytes */
	size_t out_len, out_off;
	int close_after; /* close once out is sent */
	size_t draining; /* sent all, write side shut: bytes discarded */
};

static struct client clients[MAX_CLIENTS];
static unsigned long served;

static void set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL, 0);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void drop(struct client *c)
{
	close(c->fd);
	free(c->out);
	c->fd = -1;
	c->len = 0;
	c->out = NULL;
	c->out_len = c->out_off = 0;
	c->close_after = 0;
	c->draining = 0;
}

/* Appends a response to c->out. */
static int respond(struct client *c, int status, const char *reason, int with_body, int keep)
{
	const char *body = status == 200 ? page : reason;
	size_t blen = strlen(body) + (status == 200 ? 0 : 1);
	char head[256];
	int hlen = snprintf(head, sizeof(head),
			    "HTTP/1.1 %d %s\r\nServer: httpreply\r\n"
			    "Content-Type: text/%s\r\nContent-Length: %zu\r\n"
			    "Connection: %s\r\n\r\n",
			    status, reason, status == 200 ? "html" : "plain", blen,
			    keep ? "keep-alive" : "close");
	size_t add = (size_t)hlen + (with_body ? blen : 0);
	char *o = realloc(c->out, c->out_len - c->out_off + add);
	if (!o)
		return -1;
	if (c->out_off) { /* compact what was sent */
		memmove(o, o + c->out_off, c->out_len - c->out_off);
		c->out_len -= c->out_off;
		c->out_off = 0;
	}
	memcpy(o + c->out_len, head, (size_t)hlen);
	if (with_body) {
		memcpy(o + c->out_len + hlen, body, blen - (status == 200 ? 0 : 1));
		if (status != 200)
			o[c->out_len + add - 1] = '\n';
	}
	c->out = o;
	c->out_len += add;
	if (!keep)
		c->close_after = 1;
	return 0;
}

/* A header line "Name: value" in [h, end): is Name @name with value
 * containing @token (case-insensitive)? */
static int header_has(const char *h, const char *end, const char *name, const char *token)
{
	size_t nl = strlen(name), tl = strlen(token);
	for (const char *line = h; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		if ((size_t)(eol - line) > nl + 1 && !strncasecmp(line, name, nl) && line[nl] == ':')
			for (const char *p = line + nl + 1; p + tl <= eol; ++p)
				if (!strncasecmp(p, token, tl))
					return 1;
		line = eol + 1;
	}
	return 0;
}

/* Answers every complete request in c->req; @return 0, or -1 to close. */
static int handle_requests(struct client *c)
{
	for (;;) {
		char *end = NULL;
		for (size_t i = 3; i < c->len; ++i)
			if (c->req[i - 3] == '\r' && c->req[i - 2] == '\n' && c->req[i - 1] == '\r' &&
			    c->req[i] == '\n') {
				end = c->req + i + 1;
				break;
			}
		if (!end) {
			if (c->len == REQ_MAX) { /* no end of header in 8 KiB */
				respond(c, 431, "Request Header Fields Too Large", 1, 0);
				return 0;
			}
			return 0; /* wait for more */
		}
		char method[16], path[1024], version[16];
		const char *eol = memchr(c->req, '\r', (size_t)(end - c->req));
		int ok = sscanf(c->req, "%15s %1023s %15s", method, path, version) == 3 &&
			 !strncmp(version, "HTTP/1.", 7) && eol;
		int http10 = ok && !strcmp(version, "HTTP/1.0");
		const char *headers = eol ? eol + 2 : end;
		int keep = ok && !header_has(headers, end, "Connection", "close") &&
			   (!http10 || header_has(headers, end, "Connection", "keep-alive"));
		int rc;
		if (!ok)
			rc = respond(c, 400, "Bad Request", 1, 0);
		else if (!strcmp(method, "GET"))
			rc = respond(c, 200, "OK", 1, keep);
		else if (!strcmp(method, "HEAD"))
			rc = respond(c, 200, "OK", 0, keep);
		else
			rc = respond(c, 405, "Method Not Allowed", 1, keep);
		if (rc < 0)
			return -1;
		served++;
		size_t used = (size_t)(end - c->req);
		memmove(c->req, end, c->len - used);
		c->len -= used;
		if (c->close_after)
			return 0; /* the rest is not read */
	}
}

/* Sends what it can of c->out. @return 0, or -1 to close. */
static int flush(struct client *c)
{
	while (c->out_off < c->out_len) {
		ssize_t n = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		c->out_off += (size_t)n;
	}
	free(c->out);
	c->out = NULL;
	c->out_len = c->out_off = 0;
	if (c->close_after) {
		/* Lingering close: a close with unread input would reset the
		 * connection and could destroy the answer in flight. */
		shutdown(c->fd, SHUT_WR);
		c->draining = 1;
	}
	return 0;
}

static void accept_all(int lfd)
{
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			return;
		struct client *slot = NULL;
		for (int i = 0; i < MAX_CLIENTS && !slot; ++i)
			if (clients[i].fd < 0)
				slot = &clients[i];
		if (!slot) { /* full: refuse this one politely */
			close(fd);
			continue;
		}
		set_nonblocking(fd);
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		slot->fd = fd;
	}
}

static void serve(struct client *c, short revents)
{
	if (c->draining) {
		char sink[4096];
		ssize_t n = read(c->fd, sink, sizeof(sink));
		if (n > 0)
			c->draining += (size_t)n;
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) ||
		    c->draining > 1024 * 1024)
			drop(c);
		return;
	}
	if (revents & (POLLIN | POLLHUP | POLLERR)) {
		ssize_t n = read(c->fd, c->req + c->len, REQ_MAX - c->len);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
			drop(c); /* the client went away, maybe mid-request */
			return;
		}
		if (n > 0) {
			c->len += (size_t)n;
			if (handle_requests(c) < 0) {
				drop(c);
				return;
			}
		}
	}
	if (c->out && flush(c) < 0)
		drop(c);
}

int main(int argc, char *argv[])
{
	int port = argc > 1 ? atoi(argv[1]) : 80;
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0) {
		perror("httpreply: socket");
		return 1;
	}
	int one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(lfd, 128) < 0) {
		perror("httpreply: bind/listen");
		return 1;
	}
	set_nonblocking(lfd);
	for (int i = 0; i < MAX_CLIENTS; ++i)
		clients[i].fd = -1;
	printf("httpreply: listening on port %d\n", port);
	fflush(stdout);

	struct pollfd p[MAX_CLIENTS + 1];
	struct client *who[MAX_CLIENTS + 1];
	for (;;) {
		int n = 0;
		p[n] = (struct pollfd){lfd, POLLIN, 0};
		who[n++] = NULL;
		for (int i = 0; i < MAX_CLIENTS; ++i) {
			if (clients[i].fd < 0)
				continue;
			short ev = POLLIN | (clients[i].out ? POLLOUT : 0);
			p[n] = (struct pollfd){clients[i].fd, ev, 0};
			who[n++] = &clients[i];
		}
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("httpreply: poll");
			return 1;
		}
		for (int i = 1; i < n; ++i)
			if (p[i].revents)
				serve(who[i], p[i].revents);
		if (p[0].revents & POLLIN)
			accept_all(lfd);
	}
}
