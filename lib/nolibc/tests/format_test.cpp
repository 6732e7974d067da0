/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The printf engine against the host glibc: a table of formats and a
 * randomised sweep of integer conversions.
 */
#include <gtest/gtest.h>

#include <cerrno>
#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "../nolibc.hpp"

namespace {

#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat-overflow"

/* Formats with both libcs; compares text and return value. */
#define EXPECT_SAME(...)                                                     \
	do {                                                                 \
		char ours[512], host[512];                                   \
		int a = uk::nolibc::snprintf(ours, sizeof(ours), __VA_ARGS__); \
		int b = std::snprintf(host, sizeof(host), __VA_ARGS__);      \
		EXPECT_STREQ(ours, host) << "format: " << #__VA_ARGS__;      \
		EXPECT_EQ(a, b) << "format: " << #__VA_ARGS__;               \
	} while (0)

TEST(Format, Literals)
{
	EXPECT_SAME("");
	EXPECT_SAME("hello");
	EXPECT_SAME("100%%");
	EXPECT_SAME("%%%d%%", 5);
}

TEST(Format, Integers)
{
	EXPECT_SAME("%d %i %u", 0, -1, 42u);
	EXPECT_SAME("%d %d", INT_MIN, INT_MAX);
	EXPECT_SAME("%ld %ld", LONG_MIN, LONG_MAX);
	EXPECT_SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
	EXPECT_SAME("%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	EXPECT_SAME("%hhd %hd", -129, -32769);
	EXPECT_SAME("%zu %zd %zx", SIZE_MAX, (ssize_t)-5, (size_t)255);
	EXPECT_SAME("%jd %ju", INTMAX_MIN, UINTMAX_MAX);
	EXPECT_SAME("%td %tx", (ptrdiff_t)-77, (ptrdiff_t)77);
	EXPECT_SAME("%o %#o %#o %#.0o", 8u, 8u, 0u, 0u);
	EXPECT_SAME("%x %X %#x %#X %#x", 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu, 0u);
	EXPECT_SAME("%.0d|%.0x|%5.0d|%-5.0u|", 0, 0u, 0, 0u);
	EXPECT_SAME("%+d %+d % d % d %+ d", 5, -5, 5, -5, 5);
	EXPECT_SAME("%05d|%-5d|%5d|%-05d|", -42, -42, -42, -42);
	EXPECT_SAME("%.5d|%8.5d|%-8.5d|%08.5d|", -42, -42, -42, -42);
	EXPECT_SAME("%#010x|%#-10x|%#10.4x|%#010o", 0x1fu, 0x1fu, 0x1fu, 9u);
	EXPECT_SAME("%*d|%-*d|%*d|", 6, 1, 6, 2, -6, 3);
	EXPECT_SAME("%.*d|%.*d|%*.*d|", 4, 7, -1, 7, 6, 3, 9);
	EXPECT_SAME("%+u % u %+x", 5u, 5u, 5u);
	EXPECT_SAME("%lo %lX %#llx", ULONG_MAX, ULONG_MAX, ULLONG_MAX);
}

TEST(Format, CharsAndStrings)
{
	EXPECT_SAME("%c%c%c", 'a', 'b', 'c');
	EXPECT_SAME("%5c|%-5c|", 'x', 'y');
	EXPECT_SAME("%s|%10s|%-10s|%.2s|%10.2s|", "abc", "abc", "abc", "abc",
		    "abc");
	EXPECT_SAME("%s|%10s|%.3s|%.6s|%.*s", (char *)nullptr,
		    (char *)nullptr, (char *)nullptr, (char *)nullptr, 0,
		    (char *)nullptr);
	EXPECT_SAME("%.0s|%.*s|", "abc", 100, "abc");
	char unterminated[3] = {'x', 'y', 'z'};
	EXPECT_SAME("%.3s", unterminated);
}

TEST(Format, Pointers)
{
	int x;
	EXPECT_SAME("%p", (void *)&x);
	EXPECT_SAME("%p|%10p|%-10p|", (void *)nullptr, (void *)nullptr,
		    (void *)nullptr);
	EXPECT_SAME("%20p|%-20p|", (void *)0x1234, (void *)0x1234);
	EXPECT_SAME("%p", (void *)UINTPTR_MAX);
}

TEST(Format, CountStored)
{
	int n1 = 0, n2 = 0;
	long ln = 0;
	signed char hn = 0;
	uk::nolibc::snprintf(nullptr, 0, "abc%nde%lnf%hhn%d%n", &n1, &ln, &hn,
			     12345, &n2);
	EXPECT_EQ(n1, 3);
	EXPECT_EQ(ln, 5);
	EXPECT_EQ(hn, 6);
	EXPECT_EQ(n2, 11);
}

TEST(Format, TruncationAndReturn)
{
	char buf[8];
	std::memset(buf, '#', sizeof(buf));
	EXPECT_EQ(uk::nolibc::snprintf(buf, 4, "%s", "abcdef"), 6);
	EXPECT_STREQ(buf, "abc");
	EXPECT_EQ(buf[4], '#');

	std::memset(buf, '#', sizeof(buf));
	EXPECT_EQ(uk::nolibc::snprintf(buf, 0, "%d", 12345), 5);
	EXPECT_EQ(buf[0], '#'); /* size 0 writes nothing */
	EXPECT_EQ(uk::nolibc::snprintf(nullptr, 0, "%10d", 1), 10);

	EXPECT_EQ(uk::nolibc::snprintf(buf, 1, "xyz"), 3);
	EXPECT_STREQ(buf, "");
	EXPECT_EQ(uk::nolibc::snprintf(buf, 8, "1234567"), 7);
	EXPECT_STREQ(buf, "1234567");
	EXPECT_EQ(uk::nolibc::snprintf(buf, 8, "12345678"), 8);
	EXPECT_STREQ(buf, "1234567");

	/* Every size from 0 to past the end, padding in the middle. */
	for (size_t size = 0; size < 40; size++) {
		char ours[48], host[48];
		std::memset(ours, '@', sizeof(ours));
		std::memset(host, '@', sizeof(host));
		int a = uk::nolibc::snprintf(ours, size, "[%-8s|%08.3f|%#x]",
					     "ab", 3.14159, 255u);
		int b = std::snprintf(host, size, "[%-8s|%08.3f|%#x]", "ab",
				      3.14159, 255u);
		EXPECT_EQ(a, b);
		EXPECT_EQ(std::memcmp(ours, host, sizeof(ours)), 0) << size;
	}
}

TEST(Format, Sprintf)
{
	char buf[64];
	EXPECT_EQ(uk::nolibc::sprintf(buf, "%s-%d", "x", 7), 3);
	EXPECT_STREQ(buf, "x-7");
	char *p = nullptr;
	EXPECT_EQ(uk::nolibc::asprintf(&p, "%s %05d", "long", 42), 10);
	ASSERT_NE(p, nullptr);
	EXPECT_STREQ(p, "long 00042");
	uk::nolibc::free(p);
}

TEST(Format, UnknownConversionIsCopied)
{
	char buf[32];
	uk::nolibc::snprintf(buf, sizeof(buf), "a%yb");
	EXPECT_STREQ(buf, "a%yb");
}

/* Builds a random integer conversion and checks it against glibc. */
TEST(Format, RandomIntegerSweep)
{
	std::mt19937_64 rng(12345);
	const char flags[] = "-+ #0";
	const char *lengths[] = {"", "hh", "h", "l", "ll", "z", "j", "t"};
	const char convs[] = "diuoxX";
	int checked = 0;
	for (int iter = 0; iter < 20000; iter++) {
		std::string f = "%";
		for (char c : std::string(flags))
			if (rng() % 3 == 0)
				f += c;
		if (rng() % 2)
			f += std::to_string(rng() % 25);
		if (rng() % 2)
			f += "." + std::to_string(rng() % 25);
		const char *len = lengths[rng() % 8];
		f += len;
		f += convs[rng() % 6];
		uint64_t v = rng();
		switch (rng() % 4) { /* favour edge values */
		case 0: v = 0; break;
		case 1: v = rng() % 300; break;
		case 2: v = -(rng() % 300); break;
		default: break;
		}
		std::string full = "<" + f + ">";
		char ours[128], host[128];
		int a, b;
		/* Pass the argument in the width the length modifier wants. */
		if (!*len || len[0] == 'h') {
			a = uk::nolibc::snprintf(ours, sizeof(ours), full.c_str(), (int)v);
			b = std::snprintf(host, sizeof(host), full.c_str(), (int)v);
		} else {
			a = uk::nolibc::snprintf(ours, sizeof(ours), full.c_str(), (long long)v);
			b = std::snprintf(host, sizeof(host), full.c_str(), (long long)v);
		}
		ASSERT_EQ(a, b) << full << " v=" << v;
		ASSERT_STREQ(ours, host) << full << " v=" << v;
		checked++;
	}
	EXPECT_EQ(checked, 20000);
}

} // namespace
