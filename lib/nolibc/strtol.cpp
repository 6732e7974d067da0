/* SPDX-License-Identifier: BSD-3-Clause */
/* strto[u]l[l], strto[iu]max and ato*: one parser for all of them. */
#include <errno.h>
#include <limits.h>

#include "nolibc.hpp"

namespace uk::nolibc {
namespace {

int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parses an integer as C's strtoull does and clamps it to
 * [-neg_limit, pos_limit]: for signed types neg_limit = -MIN, for
 * unsigned ones neg_limit = pos_limit = MAX and a '-' negates the result
 * modulo 2^N (C's rule). ERANGE and the clamped value on overflow.
 * @p end gets the first unparsed character, or @p s when nothing parsed.
 */
struct Parsed {
	uintmax_t value;
	bool negative;
	bool overflow;
};

Parsed parse(const char *s, char **end, int base, uintmax_t pos_limit,
	     uintmax_t neg_limit)
{
	const char *p = s;
	bool negative = false;
	if (end)
		*end = const_cast<char *>(s);
	if (base < 0 || base == 1 || base > 36) {
		set_errno(EINVAL);
		return {0, false, false};
	}
	while (isspace(static_cast<unsigned char>(*p)))
		p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] | 32) == 'x' && digit_value(p[2]) < 16) {
		p += 2, base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	uintmax_t limit = negative ? neg_limit : pos_limit;
	uintmax_t v = 0;
	bool any = false, overflow = false;
	auto ubase = static_cast<uintmax_t>(base);
	for (int d; (d = digit_value(*p)) < base; p++) {
		any = true;
		if (v > (limit - static_cast<uintmax_t>(d)) / ubase)
			overflow = true;
		else
			v = v * ubase + static_cast<uintmax_t>(d);
	}
	if (!any)
		return {0, false, false};
	if (end)
		*end = const_cast<char *>(p);
	if (overflow)
		set_errno(ERANGE);
	return {overflow ? limit : v, negative, overflow};
}

template <typename T> T parse_signed(const char *s, char **end, int base)
{
	constexpr uintmax_t max = ~uintmax_t{0} >> (65 - 8 * sizeof(T));
	Parsed r = parse(s, end, base, max, max + 1);
	/* Negate in uintmax_t: -(max + 1) converts to T's minimum. */
	return static_cast<T>(r.negative ? -r.value : r.value);
}

template <typename T> T parse_unsigned(const char *s, char **end, int base)
{
	constexpr uintmax_t max = ~uintmax_t{0} >> (64 - 8 * sizeof(T));
	Parsed r = parse(s, end, base, max, max);
	/* C: a '-' negates in the unsigned type, unless out of range. */
	return static_cast<T>(r.negative && !r.overflow ? -r.value : r.value);
}

} // namespace

long strtol(const char *__restrict s, char **__restrict end, int base)
{
	return parse_signed<long>(s, end, base);
}

long long strtoll(const char *__restrict s, char **__restrict end, int base)
{
	return parse_signed<long long>(s, end, base);
}

intmax_t strtoimax(const char *__restrict s, char **__restrict end, int base)
{
	return parse_signed<intmax_t>(s, end, base);
}

unsigned long strtoul(const char *__restrict s, char **__restrict end,
		      int base)
{
	return parse_unsigned<unsigned long>(s, end, base);
}

unsigned long long strtoull(const char *__restrict s, char **__restrict end,
			    int base)
{
	return parse_unsigned<unsigned long long>(s, end, base);
}

uintmax_t strtoumax(const char *__restrict s, char **__restrict end, int base)
{
	return parse_unsigned<uintmax_t>(s, end, base);
}

int atoi(const char *s) { return static_cast<int>(strtol(s, nullptr, 10)); }
long atol(const char *s) { return strtol(s, nullptr, 10); }
long long atoll(const char *s) { return strtoll(s, nullptr, 10); }

} // namespace uk::nolibc
