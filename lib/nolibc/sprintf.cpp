/* SPDX-License-Identifier: BSD-3-Clause */
/* The string sinks of the printf engine: s(n)printf and as(n)printf. */
#include <errno.h>
#include <limits.h>

#include "nolibc.hpp"

namespace uk::nolibc {
namespace {

/* Copies what fits into [buf, buf + size - 1] and drops the rest. */
struct BufferSink : Sink {
	char *buf;
	size_t size; /* room left, terminating NUL included */
};

void buffer_put(Sink *self, const char *s, size_t n)
{
	auto *b = static_cast<BufferSink *>(self);
	if (b->size <= 1)
		return;
	size_t k = n < b->size - 1 ? n : b->size - 1;
	memcpy(b->buf, s, k);
	b->buf += k;
	b->size -= k;
}

} // namespace

int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	      va_list ap)
{
	BufferSink sink;
	sink.put = buffer_put;
	sink.buf = buf;
	sink.size = size;
	int n = format(&sink, fmt, ap);
	if (size)
		*sink.buf = '\0';
	return n;
}

int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX + size_t{1}, fmt, ap);
}

int sprintf(char *__restrict buf, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

/* Measures first, then formats into an exact allocation. */
int vasprintf(char **strp, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(nullptr, 0, fmt, ap);
	if (n >= 0) {
		*strp = static_cast<char *>(malloc(static_cast<size_t>(n) + 1));
		if (*strp)
			vsnprintf(*strp, static_cast<size_t>(n) + 1, fmt, again);
		else
			n = -1; /* malloc set ENOMEM */
	}
	va_end(again);
	return n;
}

int asprintf(char **strp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(strp, fmt, ap);
	va_end(ap);
	return n;
}

} // namespace uk::nolibc
