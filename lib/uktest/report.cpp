// SPDX-License-Identifier: BSD-3-Clause
//
// Failure reports of the expectation macros: one console line each,
// "<file>:<line>: <expression> (<values>)", and the comparison helpers
// the macros call.

#include <stdio.h>
#include <string.h>
#include <uk/plat.h>

#include "uktest.hpp"

namespace uk::test {

constinit CaseState g_case{};

namespace {

constexpr size_t kLineMax = 512;
// A string operand is quoted, escaped and cut to this many characters,
// so that one failure stays one line.
constexpr size_t kQuoteMax = 80;
constexpr size_t kQuotedMax = 4 * kQuoteMax + 8; // every char as \xNN

// @return the magnitude of a value the macros passed as (signed flag,
// two's-complement bits); *negative says whether it is below zero.
unsigned long long magnitude(int is_signed, unsigned long long v,
			     bool *negative)
{
	*negative = is_signed && static_cast<long long>(v) < 0;
	return *negative ? 0ULL - v : v;
}

void format_int(char *out, size_t len, int is_signed, unsigned long long v)
{
	if (is_signed)
		snprintf(out, len, "%lld", static_cast<long long>(v));
	else
		snprintf(out, len, "%llu", v);
}

// Writes "s" with C escapes (or NULL) into out[len].
void quote(char *out, size_t len, const char *s)
{
	if (!s) {
		snprintf(out, len, "NULL");
		return;
	}
	size_t n = 0;
	out[n++] = '"';
	size_t shown = 0;
	for (; *s && shown < kQuoteMax && n + 8 < len; ++s, ++shown) {
		const auto c = static_cast<unsigned char>(*s);
		if (c == '"' || c == '\\')
			n += snprintf(out + n, len - n, "\\%c", c);
		else if (c == '\n')
			n += snprintf(out + n, len - n, "\\n");
		else if (c < 0x20 || c >= 0x7f)
			n += snprintf(out + n, len - n, "\\x%02x", c);
		else
			out[n++] = static_cast<char>(c);
	}
	snprintf(out + n, len - n, *s ? "\"..." : "\"");
}

void format_ptr(char *out, size_t len, const void *p)
{
	if (p)
		snprintf(out, len, "%p", p);
	else
		snprintf(out, len, "NULL");
}

} // namespace

void vemit(const char *fmt, va_list ap)
{
	char line[kLineMax];
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	size_t len = n > 0 ? static_cast<size_t>(n) : 0;
	if (len >= sizeof(line) - 1) {
		len = sizeof(line) - 1;
		memcpy(line + len - 3, "...", 3);
	}
	line[len++] = '\n';
	fflush(stdout);
	ukplat_coutk(line, len);
}

void emit(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vemit(fmt, ap);
	va_end(ap);
}

} // namespace uk::test

using namespace uk::test;

extern "C" {

int uk_test_failed(void)
{
	return g_case.failures != 0;
}

int uk_test_cmp_(int a_signed, unsigned long long a, int b_signed,
		 unsigned long long b)
{
	bool a_neg, b_neg;
	const unsigned long long am = magnitude(a_signed, a, &a_neg);
	const unsigned long long bm = magnitude(b_signed, b, &b_neg);
	if (a_neg != b_neg)
		return a_neg ? -1 : 1;
	if (am == bm)
		return 0;
	// Both negative: the larger magnitude is the smaller value.
	return (am < bm) != a_neg ? -1 : 1;
}

int uk_test_str_eq_(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void uk_test_fail_(const char *file, int line, const char *fmt, ...)
{
	char msg[kLineMax];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	g_case.failures++;
	emit("%s:%d: %s", file, line, msg);
}

void uk_test_fail_int_(const char *file, int line, const char *expr,
		       int a_signed, unsigned long long a, int b_signed,
		       unsigned long long b)
{
	char va[24], vb[24];
	format_int(va, sizeof(va), a_signed, a);
	format_int(vb, sizeof(vb), b_signed, b);
	uk_test_fail_(file, line, "%s (%s vs %s)", expr, va, vb);
}

void uk_test_fail_ptr_(const char *file, int line, const char *expr,
		       const void *a, const void *b)
{
	char va[24], vb[24];
	format_ptr(va, sizeof(va), a);
	format_ptr(vb, sizeof(vb), b);
	uk_test_fail_(file, line, "%s (%s vs %s)", expr, va, vb);
}

void uk_test_fail_str_(const char *file, int line, const char *expr,
		       const char *a, const char *b)
{
	char qa[kQuotedMax], qb[kQuotedMax];
	quote(qa, sizeof(qa), a);
	quote(qb, sizeof(qb), b);
	uk_test_fail_(file, line, "%s (%s vs %s)", expr, qa, qb);
}

void uk_test_skip_(const char *reason)
{
	g_case.skipped = true;
	g_case.skip_reason = reason;
}

} // extern "C"
