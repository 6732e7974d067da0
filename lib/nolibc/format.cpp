/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The printf engine: parses a format and hands the pieces to a Sink.
 * No allocation, no buffering: the caller's sink decides where bytes go.
 * Not supported: positional arguments (%1$d), wide strings (%ls).
 */
#include <errno.h>
#include <limits.h>

#include "nolibc.hpp"

namespace uk::nolibc {

void put_repeat(Sink *sink, char c, int pad)
{
	char chunk[16];
	for (auto &x : chunk)
		x = c;
	while (pad > 0) {
		int n = pad < 16 ? pad : 16;
		sink->put(sink, chunk, static_cast<size_t>(n));
		pad -= n;
	}
}

namespace {

enum class Length { kNone, kChar, kShort, kLong, kLongLong, kMax, kSize,
		    kPtrdiff, kLongDouble };

/* Pads and prints a string of @p len bytes. @return characters emitted. */
int put_padded(Sink *sink, const Spec &spec, const char *s, int len)
{
	int pad = spec.width > len ? spec.width - len : 0;
	if (!(spec.flags & kFlagLeft))
		put_repeat(sink, ' ', pad);
	sink->put(sink, s, static_cast<size_t>(len));
	if (spec.flags & kFlagLeft)
		put_repeat(sink, ' ', pad);
	return len + pad;
}

/* d i u o x X p: @p negative only for signed conversions. */
int put_integer(Sink *sink, const Spec &spec, uintmax_t v, bool negative)
{
	char digits[24]; /* 22 octal digits for 64 bits */
	char *end = digits + sizeof(digits), *p = end;
	unsigned base = 10;
	const char *xdigits = "0123456789abcdef";
	if (spec.conv == 'o')
		base = 8;
	else if (spec.conv == 'x' || spec.conv == 'p')
		base = 16;
	else if (spec.conv == 'X')
		base = 16, xdigits = "0123456789ABCDEF";
	bool nonzero = v != 0;
	for (; v; v /= base)
		*--p = xdigits[v % base];
	int ndigits = static_cast<int>(end - p);

	int zeros = 0;
	if (spec.precision < 0)
		zeros = ndigits == 0;
	else if (spec.precision > ndigits)
		zeros = spec.precision - ndigits;
	/* '#' with 'o': the first digit printed must be a zero. */
	if (spec.conv == 'o' && (spec.flags & kFlagAlt) && zeros == 0)
		zeros = 1;

	char prefix[2];
	int nprefix = 0;
	bool is_signed = spec.conv == 'd' || spec.conv == 'i' ||
			 spec.conv == 'p';
	if (negative)
		prefix[nprefix++] = '-';
	else if (is_signed && (spec.flags & kFlagPlus))
		prefix[nprefix++] = '+';
	else if (is_signed && (spec.flags & kFlagSpace))
		prefix[nprefix++] = ' ';
	if ((spec.conv == 'x' || spec.conv == 'X') && (spec.flags & kFlagAlt) &&
	    nonzero) {
		prefix[0] = '0', prefix[1] = spec.conv;
		nprefix = 2;
	}
	int len = nprefix + zeros + ndigits;
	if (spec.conv == 'p') { /* "0x" after any sign */
		len += 2;
	}
	int pad = spec.width > len ? spec.width - len : 0;
	if ((spec.flags & (kFlagZero | kFlagLeft)) == kFlagZero &&
	    spec.precision < 0)
		zeros += pad, len += pad, pad = 0;

	if (!(spec.flags & kFlagLeft))
		put_repeat(sink, ' ', pad);
	sink->put(sink, prefix, static_cast<size_t>(nprefix));
	if (spec.conv == 'p')
		sink->put(sink, "0x", 2);
	put_repeat(sink, '0', zeros);
	sink->put(sink, p, static_cast<size_t>(ndigits));
	if (spec.flags & kFlagLeft)
		put_repeat(sink, ' ', pad);
	return len + pad;
}

intmax_t signed_arg(va_list &ap, Length len)
{
	switch (len) {
	case Length::kChar: return static_cast<signed char>(va_arg(ap, int));
	case Length::kShort: return static_cast<short>(va_arg(ap, int));
	case Length::kLong: return va_arg(ap, long);
	case Length::kLongLong: return va_arg(ap, long long);
	case Length::kMax: return va_arg(ap, intmax_t);
	case Length::kSize: return va_arg(ap, ssize_t);
	case Length::kPtrdiff: return va_arg(ap, ptrdiff_t);
	default: return va_arg(ap, int);
	}
}

uintmax_t unsigned_arg(va_list &ap, Length len)
{
	switch (len) {
	case Length::kChar:
		return static_cast<unsigned char>(va_arg(ap, unsigned int));
	case Length::kShort:
		return static_cast<unsigned short>(va_arg(ap, unsigned int));
	case Length::kLong: return va_arg(ap, unsigned long);
	case Length::kLongLong: return va_arg(ap, unsigned long long);
	case Length::kMax: return va_arg(ap, uintmax_t);
	case Length::kSize: return va_arg(ap, size_t);
	case Length::kPtrdiff:
		return static_cast<uintmax_t>(va_arg(ap, ptrdiff_t));
	default: return va_arg(ap, unsigned int);
	}
}

void store_count(va_list &ap, Length len, size_t count)
{
	switch (len) {
	case Length::kChar: *va_arg(ap, signed char *) = static_cast<signed char>(count); break;
	case Length::kShort: *va_arg(ap, short *) = static_cast<short>(count); break;
	case Length::kLong: *va_arg(ap, long *) = static_cast<long>(count); break;
	case Length::kLongLong: *va_arg(ap, long long *) = static_cast<long long>(count); break;
	case Length::kMax: *va_arg(ap, intmax_t *) = static_cast<intmax_t>(count); break;
	case Length::kSize: *va_arg(ap, ssize_t *) = static_cast<ssize_t>(count); break;
	case Length::kPtrdiff: *va_arg(ap, ptrdiff_t *) = static_cast<ptrdiff_t>(count); break;
	default: *va_arg(ap, int *) = static_cast<int>(count); break;
	}
}

/* Parses "[digits]" or "*"; @return the value, -1 when absent. */
int parse_number(const char *&f, va_list &ap, bool &from_arg)
{
	from_arg = false;
	if (*f == '*') {
		f++;
		from_arg = true;
		return va_arg(ap, int);
	}
	if (*f < '0' || *f > '9')
		return -1;
	int v = 0;
	for (; *f >= '0' && *f <= '9'; f++)
		v = v < INT_MAX / 10 ? v * 10 + (*f - '0') : INT_MAX;
	return v;
}

Length parse_length(const char *&f)
{
	switch (*f++) {
	case 'h': return *f == 'h' ? (f++, Length::kChar) : Length::kShort;
	case 'l': return *f == 'l' ? (f++, Length::kLongLong) : Length::kLong;
	case 'q': return Length::kLongLong;
	case 'j': return Length::kMax;
	case 'z': return Length::kSize;
	case 't': return Length::kPtrdiff;
	case 'L': return Length::kLongDouble;
	default: f--; return Length::kNone;
	}
}

/* One conversion at @p f (just past the '%'). @return characters emitted. */
int convert(Sink *sink, const char *&f, va_list &ap, size_t done)
{
	Spec spec{0, -1, -1, 0};
	for (;; f++) {
		if (*f == '-') spec.flags |= kFlagLeft;
		else if (*f == '+') spec.flags |= kFlagPlus;
		else if (*f == ' ') spec.flags |= kFlagSpace;
		else if (*f == '#') spec.flags |= kFlagAlt;
		else if (*f == '0') spec.flags |= kFlagZero;
		else break;
	}
	bool from_arg;
	spec.width = parse_number(f, ap, from_arg);
	if (from_arg && spec.width < 0) {
		spec.flags |= kFlagLeft;
		spec.width = spec.width == INT_MIN ? INT_MAX : -spec.width;
	}
	if (*f == '.') {
		f++;
		spec.precision = parse_number(f, ap, from_arg);
		if (spec.precision < 0 && !from_arg)
			spec.precision = 0; /* "." alone means 0 */
		else if (spec.precision < 0)
			spec.precision = -1;
	}
	Length len = parse_length(f);
	spec.conv = *f;
	if (spec.conv)
		f++;

	switch (spec.conv) {
	case 'd': case 'i': {
		intmax_t v = signed_arg(ap, len);
		uintmax_t mag = v < 0 ? -static_cast<uintmax_t>(v)
				      : static_cast<uintmax_t>(v);
		return put_integer(sink, spec, mag, v < 0);
	}
	case 'u': case 'o': case 'x': case 'X':
		return put_integer(sink, spec, unsigned_arg(ap, len), false);
	case 'p': {
		void *v = va_arg(ap, void *);
		if (!v)
			return put_padded(sink, spec, "(nil)", 5);
		return put_integer(sink, spec, reinterpret_cast<uintptr_t>(v),
				   false);
	}
	case 'c': {
		char c = static_cast<char>(va_arg(ap, int));
		return put_padded(sink, spec, &c, 1);
	}
	case 's': {
		const char *s = va_arg(ap, const char *);
		if (!s)
			s = spec.precision < 0 || spec.precision >= 6 ? "(null)" : "";
		size_t max = spec.precision < 0 ? INT_MAX : spec.precision;
		return put_padded(sink, spec, s, static_cast<int>(strnlen(s, max)));
	}
	case 'n':
		store_count(ap, len, done);
		return 0;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a':
	case 'A': {
		double v = len == Length::kLongDouble
				   ? static_cast<double>(va_arg(ap, long double))
				   : va_arg(ap, double);
		if constexpr (kFloat)
			return format_double(sink, spec, v);
		else
			return 0;
	}
	case '%':
		sink->put(sink, "%", 1);
		return 1;
	default:
		return -1; /* unknown: the caller prints it verbatim */
	}
}

} // namespace

int format(Sink *sink, const char *fmt, va_list ap)
{
	size_t done = 0;
	va_list args;
	va_copy(args, ap);
	for (const char *f = fmt; *f;) {
		if (*f != '%') {
			const char *lit = f;
			while (*f && *f != '%')
				f++;
			sink->put(sink, lit, static_cast<size_t>(f - lit));
			done += static_cast<size_t>(f - lit);
			continue;
		}
		const char *start = f++;
		int n = convert(sink, f, args, done);
		if (n < 0) {
			n = static_cast<int>(f - start);
			sink->put(sink, start, static_cast<size_t>(n));
		}
		done += static_cast<size_t>(n);
	}
	va_end(args);
	if (done > INT_MAX) {
		set_errno(EOVERFLOW);
		return -1;
	}
	return static_cast<int>(done);
}

} // namespace uk::nolibc
