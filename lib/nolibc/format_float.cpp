/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * %f %e %g %a for the printf engine (CONFIG_LIBNOLIBC_FLOAT).
 *
 * The double is converted exactly into base 10^9 "limbs" (a binary
 * fraction always has a finite decimal expansion, at most 1074 digits for
 * a double), then rounded to nearest-even at the requested digit. Output
 * therefore matches glibc digit for digit at any precision, with about
 * 500 bytes of stack and no table. Same scheme as musl's fmt_fp.
 * long double arguments are converted to double first.
 */
#include <float.h>

#include "nolibc.hpp"

namespace uk::nolibc {
namespace {

using Limb = uint32_t;
inline constexpr Limb kBase = 1000000000;
/* Integer part: up to 309 digits; fraction: up to 1074+29 digits. */
inline constexpr int kLimbs = 5 + (DBL_MAX_EXP + DBL_MANT_DIG + 28 + 8) / 9;

struct Digits {
	Limb limbs[kLimbs];
	Limb *a;   /* first (most significant) limb */
	Limb *r;   /* the limb holding the units (radix point after it) */
	Limb *z;   /* one past the last limb */
	int e;     /* decimal exponent of the first digit */
};

int count_digits(Limb v)
{
	int n = 1;
	for (Limb i = 10; v >= i && n < 9; i *= 10)
		n++;
	return n;
}

void update_exponent(Digits &d)
{
	Limb *first = d.a;
	while (first < d.z && !*first)
		first++;
	if (first < d.z)
		d.e = static_cast<int>(9 * (d.r - first)) + count_digits(*first) - 1;
}

/* frexp() without libm: @p v = result * 2^e, result in [0.5, 1). */
double split_exponent(double v, int &e)
{
	e = 0;
	if (v == 0)
		return v;
	uint64_t bits = __builtin_bit_cast(uint64_t, v);
	if (!(bits >> 52 & 0x7ff)) { /* subnormal: scale into the normals */
		bits = __builtin_bit_cast(uint64_t, v * 0x1p64);
		e = -64;
	}
	e += static_cast<int>(bits >> 52 & 0x7ff) - 1022;
	bits = (bits & ~(uint64_t{0x7ff} << 52)) | uint64_t{1022} << 52;
	return __builtin_bit_cast(double, bits);
}

/* Exact decimal expansion of finite @p v >= 0. */
void expand(Digits &d, double v)
{
	int e2 = 0;
	double y = split_exponent(v, e2) * 2;
	if (y != 0)
		e2--;
	if (y != 0) {
		y *= 0x1p28;
		e2 -= 28;
	}
	d.a = d.r = d.z = e2 < 0 ? d.limbs : d.limbs + kLimbs - DBL_MANT_DIG - 1;
	do { /* exact: each step drops at least 9 bits of fraction */
		*d.z = static_cast<Limb>(y);
		y = kBase * (y - *d.z++);
	} while (y != 0);

	while (e2 > 0) { /* multiply by 2^sh */
		int sh = e2 < 29 ? e2 : 29;
		uint32_t carry = 0;
		for (Limb *p = d.z - 1; p >= d.a; p--) {
			uint64_t x = (static_cast<uint64_t>(*p) << sh) + carry;
			*p = static_cast<Limb>(x % kBase);
			carry = static_cast<uint32_t>(x / kBase);
		}
		if (carry)
			*--d.a = carry;
		while (d.z > d.a && !d.z[-1])
			d.z--;
		e2 -= sh;
	}
	while (e2 < 0) { /* divide by 2^sh */
		int sh = -e2 < 9 ? -e2 : 9;
		uint32_t carry = 0;
		for (Limb *p = d.a; p < d.z; p++) {
			Limb rem = *p & ((1u << sh) - 1);
			*p = (*p >> sh) + carry;
			carry = (kBase >> sh) * rem;
		}
		if (!*d.a && d.a < d.r)
			d.a++;
		if (carry)
			*d.z++ = carry;
		e2 += sh;
	}
	d.e = 0;
	update_exponent(d);
}

long floor_div9(long x) { return x >= 0 ? x / 9 : -((-x + 8) / 9); }

/* The limb holding the digit of weight 10^@p exp, and that digit's place. */
Limb *limb_of(const Digits &d, long exp, Limb &unit)
{
	long q = floor_div9(exp);
	unit = 1;
	for (long k = exp - 9 * q; k > 0; k--)
		unit *= 10;
	return const_cast<Limb *>(d.r - q);
}

/*
 * Rounds to nearest, ties to even, keeping the digits of weight
 * 10^-@p keep and above. Precondition: that digit lies at or below the
 * first limb (true for every caller: keep >= -(e + 1)).
 */
void round_at(Digits &d, long keep)
{
	Limb unit;
	Limb *p = limb_of(d, -keep, unit);
	if (p >= d.z)
		return;
	Limb rest, half;
	const Limb *beyond;
	if (unit > 1) {
		rest = *p % unit, half = unit / 2, beyond = p + 1;
	} else { /* the first dropped digit starts the next limb */
		rest = p + 1 < d.z ? p[1] : 0, half = kBase / 2, beyond = p + 2;
	}
	bool more = false;
	for (const Limb *q = beyond; q < d.z; q++)
		more |= *q != 0;
	bool odd = (*p / unit) & 1;
	bool up = rest > half || (rest == half && (more || odd));
	if (unit > 1)
		*p -= rest;
	d.z = p + 1;
	if (up) {
		/* No carry out of limb a when a == limbs: then a == r < 2^29. */
		for (*p += unit; *p >= kBase; (*p)++) {
			*p-- = 0;
			if (p < d.a)
				*--d.a = 0;
		}
	}
	update_exponent(d);
}

/* The decimal digit of weight 10^@p exp of the expansion. */
int digit_at(const Digits &d, long exp)
{
	Limb unit;
	const Limb *p = limb_of(d, exp, unit);
	if (p < d.a || p >= d.z)
		return 0;
	return static_cast<int>(*p / unit % 10);
}

struct Out {
	Sink *sink;
	int n;
	void put(const char *s, int len)
	{
		sink->put(sink, s, static_cast<size_t>(len));
		n += len;
	}
	void chr(char c) { put(&c, 1); }
	void digits(const Digits &d, long from_exp, long to_exp)
	{
		for (long x = from_exp; x >= to_exp; x--)
			chr(static_cast<char>('0' + digit_at(d, x)));
	}
};

} // namespace

int format_double(Sink *sink, const Spec &in, double v)
{
	Spec spec = in;
	char conv = spec.conv | 32; /* lower case */
	bool upper = !(spec.conv & 32);
	char sign = 0;
	if (__builtin_signbit(v))
		sign = '-', v = -v;
	else if (spec.flags & kFlagPlus)
		sign = '+';
	else if (spec.flags & kFlagSpace)
		sign = ' ';

	if (__builtin_isinf(v) || __builtin_isnan(v)) {
		const char *s = __builtin_isnan(v) ? (upper ? "NAN" : "nan")
						   : (upper ? "INF" : "inf");
		int len = 3 + (sign != 0);
		int pad = spec.width > len ? spec.width - len : 0;
		Out out{sink, 0};
		if (!(spec.flags & kFlagLeft))
			put_repeat(sink, ' ', pad);
		if (sign)
			out.chr(sign);
		out.put(s, 3);
		if (spec.flags & kFlagLeft)
			put_repeat(sink, ' ', pad);
		return out.n + pad;
	}

	if (conv == 'a')
		return format_hexfloat(sink, spec, sign, v, upper);

	long p = spec.precision < 0 ? 6 : spec.precision;
	Digits d;
	expand(d, v);
	bool alt = spec.flags & kFlagAlt;
	if (conv == 'g') {
		if (p == 0)
			p = 1;
		/* The exponent after rounding to p significant digits decides. */
		round_at(d, p - 1 - d.e);
		if (d.e < p && d.e >= -4)
			conv = 'f', p = p - 1 - d.e;
		else
			conv = 'e', p = p - 1;
		if (!alt) { /* drop trailing zeros */
			long last = conv == 'f' ? -p : d.e - p;
			long top = conv == 'f' ? 0 : d.e;
			while (last < top && digit_at(d, last) == 0)
				last++, p--;
		}
	}

	char ebuf[8];
	int elen = 0;
	if (conv == 'e') {
		round_at(d, p - d.e);
		int e = v == 0 ? 0 : d.e;
		int ae = e < 0 ? -e : e;
		char tmp[6];
		int t = 0;
		do
			tmp[t++] = static_cast<char>('0' + ae % 10);
		while ((ae /= 10));
		if (t < 2)
			tmp[t++] = '0';
		ebuf[elen++] = upper ? 'E' : 'e';
		ebuf[elen++] = e < 0 ? '-' : '+';
		while (t)
			ebuf[elen++] = tmp[--t];
	} else {
		round_at(d, p);
	}

	long int_digits = conv == 'f' ? (d.e >= 0 && v != 0 ? d.e + 1 : 1) : 1;
	bool point = p > 0 || alt;
	long len = (sign != 0) + int_digits + point + p + elen;
	if (len > INT32_MAX)
		return 0; /* FIXME: report EOVERFLOW */
	int pad = spec.width > len ? spec.width - static_cast<int>(len) : 0;
	Out out{sink, 0};
	bool zero_pad = (spec.flags & (kFlagZero | kFlagLeft)) == kFlagZero;
	if (!zero_pad && !(spec.flags & kFlagLeft))
		put_repeat(sink, ' ', pad);
	if (sign)
		out.chr(sign);
	if (zero_pad)
		put_repeat(sink, '0', pad);
	long top = conv == 'f' ? int_digits - 1 : d.e;
	out.digits(d, top, top - int_digits + 1);
	if (point)
		out.chr('.');
	out.digits(d, top - int_digits, top - int_digits - p + 1);
	out.put(ebuf, elen);
	if (spec.flags & kFlagLeft)
		put_repeat(sink, ' ', pad);
	return out.n + pad;
}

} // namespace uk::nolibc
