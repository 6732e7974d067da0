/* SPDX-License-Identifier: BSD-3-Clause */
/* %a and %A of the printf engine (CONFIG_LIBNOLIBC_FLOAT). */
#include "nolibc.hpp"

namespace uk::nolibc {

/* %a: hexadecimal mantissa, binary exponent; ties round to even. */
int format_hexfloat(Sink *sink, const Spec &spec, char sign, double v,
		    bool upper)
{
	uint64_t bits = __builtin_bit_cast(uint64_t, v);
	int exp = static_cast<int>(bits >> 52) & 0x7ff;
	uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
	int lead = exp != 0;
	exp = exp ? exp - 1023 : (mant ? -1022 : 0);
	int p = spec.precision, ndigits = 13;
	if (p >= 0 && p < 13) {
		int drop = 4 * (13 - p);
		uint64_t rest = mant & ((uint64_t{1} << drop) - 1);
		uint64_t half = uint64_t{1} << (drop - 1);
		mant >>= drop;
		bool odd = p ? mant & 1 : lead & 1;
		if (rest > half || (rest == half && odd))
			mant++;
		if (mant >> (4 * p)) { /* carry into the leading digit */
			lead++;
			mant &= (uint64_t{1} << (4 * p)) - 1;
		}
		ndigits = p;
	} else if (p < 0) {
		while (ndigits > 0 && !(mant & 0xf))
			mant >>= 4, ndigits--;
		p = ndigits;
	}
	const char *xd = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[40];
	int n = 0;
	if (sign)
		buf[n++] = sign;
	buf[n++] = '0';
	buf[n++] = upper ? 'X' : 'x';
	int body = n;
	buf[n++] = xd[lead];
	if (p > 0 || (spec.flags & kFlagAlt))
		buf[n++] = '.';
	for (int i = ndigits - 1; i >= 0; i--)
		buf[n++] = xd[(mant >> (4 * i)) & 0xf];
	int zeros = p - ndigits;
	char ebuf[8];
	int elen = 0, ae = exp < 0 ? -exp : exp;
	ebuf[elen++] = upper ? 'P' : 'p';
	ebuf[elen++] = exp < 0 ? '-' : '+';
	char tmp[5];
	int t = 0;
	do
		tmp[t++] = static_cast<char>('0' + ae % 10);
	while ((ae /= 10));
	while (t)
		ebuf[elen++] = tmp[--t];
	int len = n + zeros + elen;
	int pad = spec.width > len ? spec.width - len : 0;
	bool zero_pad = (spec.flags & (kFlagZero | kFlagLeft)) == kFlagZero;
	if (!zero_pad && !(spec.flags & kFlagLeft))
		put_repeat(sink, ' ', pad);
	sink->put(sink, buf, static_cast<size_t>(body));
	if (zero_pad)
		put_repeat(sink, '0', pad);
	sink->put(sink, buf + body, static_cast<size_t>(n - body));
	put_repeat(sink, '0', zeros);
	sink->put(sink, ebuf, static_cast<size_t>(elen));
	if (spec.flags & kFlagLeft)
		put_repeat(sink, ' ', pad);
	return len + pad;
}

} // namespace uk::nolibc
