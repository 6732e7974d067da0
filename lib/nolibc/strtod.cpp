/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strtod/strtof/atof (CONFIG_LIBNOLIBC_FLOAT).
 *
 * Up to 19 significant digits are kept (later ones only as a sticky bit).
 * Exact fast path (Clinger) when the digits fit 53 bits and |exp| <= 22;
 * otherwise the digits are scaled by a power of ten computed in a 128-bit
 * binary float and rounded once to nearest-even. The 128-bit product is
 * off by a few units of 2^-125 at most, so the result is correctly
 * rounded except for inputs within ~2^-70 relative of a halfway point.
 * No table, no allocation, no long double, no 128-bit division.
 */
#include <errno.h>

#include "nolibc.hpp"

namespace uk::nolibc {
namespace {

using U128 = unsigned __int128;

/* f * 2^e with f normalised (bit 127 set) unless zero. */
struct Fp {
	U128 f;
	int e;
};

Fp normalise(Fp x)
{
	if (!x.f)
		return x;
	int shift = (x.f >> 64) ? __builtin_clzll(static_cast<uint64_t>(x.f >> 64))
				: 64 + __builtin_clzll(static_cast<uint64_t>(x.f));
	return {x.f << shift, x.e - shift};
}

/* Upper 128 bits of the product, rounded down (error < 3 * 2^-128). */
Fp multiply(Fp a, Fp b)
{
	uint64_t ah = a.f >> 64, al = static_cast<uint64_t>(a.f);
	uint64_t bh = b.f >> 64, bl = static_cast<uint64_t>(b.f);
	U128 mid = (static_cast<U128>(ah) * bl >> 64) +
		   (static_cast<U128>(al) * bh >> 64);
	U128 hi = static_cast<U128>(ah) * bh + mid;
	return normalise({hi, a.e + b.e + 128});
}

/* 10^k for |k| <= ~400, by binary powering. */
Fp power_of_ten(int k)
{
	Fp result{U128{1} << 127, -127};
	/* 10 exactly; 1/10 rounded to 128 bits (0xcccc...cccd * 2^-131). */
	Fp base = k >= 0 ? Fp{U128{10} << 124, -124}
			 : Fp{~U128{0} / 5 * 4 + 1, -131};
	for (unsigned n = k >= 0 ? k : -k; n; n >>= 1) {
		if (n & 1)
			result = multiply(result, base);
		base = multiply(base, base);
	}
	return result;
}

/* Rounds a normalised x to the nearest double (ties to even). */
double to_double(Fp x, bool &range_error)
{
	range_error = false;
	if (!x.f)
		return 0;
	int exp2 = x.e + 127; /* x = 1.fff * 2^exp2 */
	if (exp2 > 1023) {
		range_error = true;
		return __builtin_inf();
	}
	int bits = 53;
	if (exp2 < -1022)
		bits = 53 - (-1022 - exp2);
	if (bits < 0) {
		range_error = true;
		return 0;
	}
	int shift = 128 - bits;
	U128 mant = bits ? x.f >> shift : 0;
	U128 rest = bits ? x.f & ((U128{1} << shift) - 1) : x.f;
	U128 half = U128{1} << (shift - 1);
	if (rest > half || (rest == half && (mant & 1)))
		mant++;
	uint64_t raw;
	if (bits < 53) { /* subnormal: raw bits are the mantissa */
		raw = static_cast<uint64_t>(mant);
		range_error = raw < (uint64_t{1} << 52);
	} else {
		if (mant >> 53)
			mant >>= 1, exp2++;
		if (exp2 > 1023) {
			range_error = true;
			return __builtin_inf();
		}
		raw = static_cast<uint64_t>(exp2 + 1023) << 52 |
		      (static_cast<uint64_t>(mant) & ((uint64_t{1} << 52) - 1));
	}
	return __builtin_bit_cast(double, raw);
}

bool match(const char *&p, const char *word)
{
	size_t i = 0;
	for (; word[i]; i++)
		if (tolower(static_cast<unsigned char>(p[i])) != word[i])
			return false;
	p += i;
	return true;
}

int digit16(char c)
{
	if (isdigit(c))
		return c - '0';
	c = static_cast<char>(tolower(c));
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads [eEpP][+-]digits; leaves @p p alone when no digit follows. */
long parse_exponent(const char *&p, char letter)
{
	if ((*p | 32) != letter)
		return 0;
	const char *q = p + 1;
	bool neg = *q == '-';
	if (*q == '+' || *q == '-')
		q++;
	if (!isdigit(*q))
		return 0;
	long e = 0;
	for (; isdigit(*q); q++)
		e = e < 100000 ? e * 10 + (*q - '0') : e;
	p = q;
	return neg ? -e : e;
}

/* Mantissa digits of @p radix after the prefix: value m * radix^exp. */
struct Mantissa {
	uint64_t m = 0;
	long exp = 0;     /* in units of the radix's digit */
	bool sticky = false;
	bool any = false;
};

Mantissa parse_digits(const char *&p, int radix, int max_digits)
{
	Mantissa r;
	int kept = 0;
	bool point = false;
	for (;; p++) {
		int d = 0;
		if (*p == '.' && !point) {
			point = true;
			continue;
		}
		if (radix == 16 ? (d = digit16(*p)) < 0 : !isdigit(*p))
			break;
		if (radix == 10)
			d = *p - '0';
		r.any = true;
		if (kept < max_digits) {
			r.m = r.m * radix + d;
			kept += r.m != 0;
			r.exp -= point;
		} else {
			r.sticky |= d != 0;
			r.exp += !point;
		}
	}
	return r;
}

double parse_unsigned(const char *&p, bool &range_error)
{
	range_error = false;
	if (match(p, "inf")) {
		match(p, "inity");
		return __builtin_inf();
	}
	if (match(p, "nan")) {
		if (*p == '(') {
			const char *q = p + 1;
			while (isalnum(*q) || *q == '_')
				q++;
			if (*q == ')')
				p = q + 1;
		}
		return __builtin_nan("");
	}
	const char *start = p;
	bool hex = p[0] == '0' && (p[1] | 32) == 'x';
	if (hex)
		p += 2;
	Mantissa m = parse_digits(p, hex ? 16 : 10, hex ? 15 : 19);
	if (!m.any) { /* "0x" without digits parses as "0" */
		p = hex ? start + 1 : start;
		return 0;
	}
	long exp = parse_exponent(p, hex ? 'p' : 'e');
	if (!m.m)
		return 0;
	if (hex) {
		Fp x = normalise({static_cast<U128>(m.m) << 64 | m.sticky,
				  static_cast<int>(4 * m.exp + exp) - 64});
		return to_double(x, range_error);
	}
	long e10 = m.exp + exp;
	if (!m.sticky && m.m < (uint64_t{1} << 53) && e10 >= -22 && e10 <= 22) {
		double v = static_cast<double>(m.m), scale = 1;
		for (long i = e10 < 0 ? -e10 : e10; i; i--)
			scale *= 10; /* exact up to 1e22 */
		return e10 < 0 ? v / scale : v * scale;
	}
	if (e10 > 330) {
		range_error = true;
		return __builtin_inf();
	}
	if (e10 < -360) {
		range_error = true;
		return 0;
	}
	Fp x = normalise({static_cast<U128>(m.m) << 64 | m.sticky, -64});
	return to_double(multiply(x, power_of_ten(static_cast<int>(e10))),
			 range_error);
}

} // namespace

double strtod(const char *__restrict s, char **__restrict end)
{
	const char *p = s;
	while (isspace(static_cast<unsigned char>(*p)))
		p++;
	bool neg = *p == '-';
	if (*p == '+' || *p == '-')
		p++;
	const char *digits = p;
	bool range_error;
	double v = parse_unsigned(p, range_error);
	if (p == digits)
		p = s, neg = false; /* nothing parsed */
	if (end)
		*end = const_cast<char *>(p);
	if (range_error)
		set_errno(ERANGE);
	return neg ? -v : v;
}

float strtof(const char *__restrict s, char **__restrict end)
{
	double d = strtod(s, end);
	auto f = static_cast<float>(d);
	if ((__builtin_isinf(f) && !__builtin_isinf(d)) || (f == 0 && d != 0))
		set_errno(ERANGE);
	return f;
}

double atof(const char *s) { return strtod(s, nullptr); }

} // namespace uk::nolibc
