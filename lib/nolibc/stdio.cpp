/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The three standard streams on the kernel console (ukplat_coutk).
 * stdout is line buffered in a small static buffer, stderr unbuffered,
 * stdin has no input yet (EOF). No FILE is ever allocated.
 */
#include <errno.h>
#include <uk/plat.h>

#include "nolibc.hpp"

struct uk_nolibc_file {
	int fd;
	bool error;
	char *buf;  /* NULL: unbuffered */
	size_t cap;
	size_t len;
};

namespace uk::nolibc {
namespace {

inline constexpr size_t kStdoutBufferSize = 128;
constinit char stdout_buf[kStdoutBufferSize];
constinit FILE stdin_file{0, false, nullptr, 0, 0};
constinit FILE stdout_file{1, false, stdout_buf, kStdoutBufferSize, 0};
constinit FILE stderr_file{2, false, nullptr, 0, 0};

/* Writes all of [s, s + n) to the console. @return false on error. */
bool console_write(const char *s, size_t n)
{
	while (n) {
		int rc = ukplat_coutk(s, n);
		if (rc <= 0) {
			set_errno(rc < 0 ? -rc : EIO);
			return false;
		}
		s += rc, n -= static_cast<size_t>(rc);
	}
	return true;
}

bool flush_buffer(FILE *f)
{
	bool ok = console_write(f->buf, f->len);
	f->len = 0;
	f->error |= !ok;
	return ok;
}

/* @return false (error flag set) when anything could not be written. */
bool file_write(FILE *f, const char *s, size_t n)
{
	if (f->fd == 0) {
		set_errno(EBADF);
		f->error = true;
		return false;
	}
	if (!f->buf) {
		bool ok = console_write(s, n);
		f->error |= !ok;
		return ok;
	}
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		f->buf[f->len++] = s[i];
		if (s[i] == '\n' || f->len == f->cap)
			ok &= flush_buffer(f);
	}
	return ok;
}

/*
 * Collects one printf call's pieces in a stack buffer so that an
 * unbuffered stream (stderr, dprintf) gets whole lines, not one console
 * write per conversion.
 */
struct StackSink : Sink {
	FILE *file; /* NULL: write(fd) */
	int fd;
	bool ok;
	size_t len;
	char buf[128];
};

void stack_flush(StackSink *sink)
{
	if (!sink->len)
		return;
	if (sink->file)
		sink->ok &= file_write(sink->file, sink->buf, sink->len);
	else
		sink->ok &= write(sink->fd, sink->buf, sink->len) >= 0;
	sink->len = 0;
}

void stack_put(Sink *self, const char *s, size_t n)
{
	auto *sink = static_cast<StackSink *>(self);
	while (n) {
		size_t k = sizeof(sink->buf) - sink->len;
		k = n < k ? n : k;
		memcpy(sink->buf + sink->len, s, k);
		sink->len += k, s += k, n -= k;
		if (sink->len == sizeof(sink->buf))
			stack_flush(sink);
	}
}

/* Formats through a StackSink to @p file, or to @p fd when file is NULL. */
int format_to(FILE *file, int fd, const char *fmt, va_list ap)
{
	StackSink sink;
	sink.put = stack_put;
	sink.file = file;
	sink.fd = fd;
	sink.ok = true;
	sink.len = 0;
	int n = format(&sink, fmt, ap);
	stack_flush(&sink);
	return sink.ok ? n : -1;
}

} // namespace

FILE *stdin_ = &stdin_file;
FILE *stdout_ = &stdout_file;
FILE *stderr_ = &stderr_file;

int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
{
	return format_to(f, -1, fmt, ap);
}

int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *__restrict fmt, va_list ap)
{
	return vfprintf(stdout_, fmt, ap);
}

int printf(const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(stdout_, fmt, ap);
	va_end(ap);
	return n;
}

int vdprintf(int fd, const char *__restrict fmt, va_list ap)
{
	return format_to(nullptr, fd, fmt, ap);
}

int dprintf(int fd, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int fputc(int c, FILE *f)
{
	char ch = static_cast<char>(c);
	return file_write(f, &ch, 1) ? static_cast<unsigned char>(ch) : -1;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout_); }

int fputs(const char *__restrict s, FILE *__restrict f)
{
	return file_write(f, s, strlen(s)) ? 0 : -1;
}

int puts(const char *s)
{
	return fputs(s, stdout_) == 0 && fputc('\n', stdout_) != -1 ? 0 : -1;
}

size_t fwrite(const void *__restrict p, size_t size, size_t n,
	      FILE *__restrict f)
{
	size_t total;
	if (!size || !n)
		return 0;
	if (__builtin_mul_overflow(size, n, &total)) {
		set_errno(EINVAL);
		return 0;
	}
	return file_write(f, static_cast<const char *>(p), total) ? n : 0;
}

/* fflush(NULL) flushes every stream, that is stdout. */
int fflush(FILE *f)
{
	if (!f)
		f = stdout_;
	if (!f->buf || !f->len)
		return 0;
	return flush_buffer(f) ? 0 : -1;
}

/* NOTE: no console input yet; these report end of file. */
int fgetc(FILE *) { return -1; }
int getc(FILE *f) { return fgetc(f); }
int getchar() { return fgetc(stdin_); }
char *fgets(char *__restrict, int, FILE *__restrict) { return nullptr; }

void perror(const char *s)
{
	const char *msg = strerror(*errno_location());
	if (s && *s)
		fprintf(stderr_, "%s: %s\n", s, msg);
	else
		fprintf(stderr_, "%s\n", msg);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	if (fd != 1 && fd != 2) {
		set_errno(EBADF);
		return -1;
	}
	fflush(stdout_); /* keep the order of buffered and raw output */
	return console_write(static_cast<const char *>(buf), n)
		       ? static_cast<ssize_t>(n) : -1;
}

} // namespace uk::nolibc
