/* SPDX-License-Identifier: BSD-3-Clause */
/* strto[u]l[l], ato* and strtod against the host glibc. */
#include <gtest/gtest.h>

#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "../nolibc.hpp"

namespace {

int &our_errno() { return *uk::nolibc::errno_location(); }

const char *const kIntInputs[] = {
	"0", "1", "-1", "+1", "  42", "\t\n\v\f\r 42", "42abc", "abc", "",
	" ", "-", "+", "+-1", "--1", "0x", "0x1f", "0X1F", "0xg", "-0x10",
	"010", "08", "0b101", "z", "Z9", "7fffffffffffffff",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "18446744073709551615", "18446744073709551616",
	"-18446744073709551615", "-18446744073709551616",
	"99999999999999999999999999", "-99999999999999999999999999",
	"0x7fffffffffffffff", "0xffffffffffffffff", "0x10000000000000000",
	"  -0", "1e5", "12 34", "0000000000000000000000000000000001",
	"zzzzzzzzzzzzz", "1z", "  +0x", "-0x", "0x-1",
};

TEST(Strtol, AllBasesAgainstGlibc)
{
	for (const char *s : kIntInputs) {
		for (int base : {0, 2, 8, 10, 16, 36}) {
			char *e1, *e2;
			our_errno() = 0;
			errno = 0;
			long a = uk::nolibc::strtol(s, &e1, base);
			long b = std::strtol(s, &e2, base);
			EXPECT_EQ(a, b) << '"' << s << "\" base " << base;
			EXPECT_EQ(e1 - s, e2 - s) << '"' << s << "\" base " << base;
			EXPECT_EQ(our_errno(), errno) << '"' << s << "\" base " << base;

			our_errno() = 0;
			errno = 0;
			unsigned long ua = uk::nolibc::strtoul(s, &e1, base);
			unsigned long ub = std::strtoul(s, &e2, base);
			EXPECT_EQ(ua, ub) << '"' << s << "\" base " << base;
			EXPECT_EQ(e1 - s, e2 - s) << '"' << s << "\" base " << base;
			EXPECT_EQ(our_errno(), errno) << '"' << s << "\" base " << base;

			EXPECT_EQ(uk::nolibc::strtoll(s, nullptr, base),
				  std::strtoll(s, nullptr, base));
			EXPECT_EQ(uk::nolibc::strtoull(s, nullptr, base),
				  std::strtoull(s, nullptr, base));
		}
	}
}

TEST(Strtol, RandomNumbersRoundTrip)
{
	std::mt19937_64 rng(99);
	for (int i = 0; i < 5000; i++) {
		long long v = static_cast<long long>(rng()) >> (rng() % 64);
		int base = 2 + static_cast<int>(rng() % 35);
		/* Print in @p base with the host, then parse with both. */
		std::string s = std::to_string(v);
		char *e1, *e2;
		EXPECT_EQ(uk::nolibc::strtoll(s.c_str(), &e1, 10), v);
		EXPECT_EQ(uk::nolibc::strtoll(s.c_str(), &e1, base),
			  std::strtoll(s.c_str(), &e2, base)) << s << " " << base;
		EXPECT_EQ(e1, e2);
	}
}

TEST(Strtol, BadBase)
{
	char *end;
	our_errno() = 0;
	EXPECT_EQ(uk::nolibc::strtol("123", &end, 1), 0);
	EXPECT_EQ(our_errno(), EINVAL);
	EXPECT_EQ(uk::nolibc::strtol("123", &end, 37), 0);
	EXPECT_STREQ(end, "123");
}

TEST(Strtol, Ato)
{
	EXPECT_EQ(uk::nolibc::atoi("  -123xyz"), -123);
	EXPECT_EQ(uk::nolibc::atol("2147483648"), 2147483648L);
	EXPECT_EQ(uk::nolibc::atoll("-9223372036854775808"), LLONG_MIN);
	EXPECT_EQ(uk::nolibc::atoi("x"), 0);
	EXPECT_EQ(uk::nolibc::strtoimax("-0x10", nullptr, 0), -16);
	EXPECT_EQ(uk::nolibc::strtoumax("0777", nullptr, 0), 0777u);
}

const char *const kDoubleInputs[] = {
	"0", "-0", "1", "-1", "+1.5", "  3.25xyz", ".5", "5.", ".", "-.",
	"1e10", "1E-10", "1e", "1e+", "1e-x", "1.5e3.5", "0x1p3", "0x1.8p1",
	"0X.8P0", "0x", "0xp1", "0x1p", "-0x1.fffffffffffffp1023",
	"0x1.0000000000000801p0", "inf", "-INF", "infinity", "InFiNiTy",
	"infinit", "nan", "-nan", "NaN(123)", "nan(", "nan(abc", "1e308",
	"1.7976931348623157e308", "1.7976931348623159e308", "1e309", "-1e400",
	"2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324",
	"2.4703282292062328e-324", "2.4703282292062327e-324", "1e-400",
	"0.1", "0.2", "0.3", "3.141592653589793", "2.718281828459045",
	"123456789012345678901234567890", "0.000000000000000000000000000001",
	"9007199254740993", "9007199254740992.5", "1.00000000000000011102230246251565404236316680908203125",
	"6.02214076e23", "1.602176634e-19", "   -42.000001e-3",
	"00000000000000000000000000000000000001.5",
};

TEST(Strtod, AgainstGlibc)
{
	for (const char *s : kDoubleInputs) {
		char *e1, *e2;
		our_errno() = 0;
		errno = 0;
		double a = uk::nolibc::strtod(s, &e1);
		double b = std::strtod(s, &e2);
		if (std::isnan(b)) {
			EXPECT_TRUE(std::isnan(a)) << s;
		} else {
			EXPECT_EQ(std::memcmp(&a, &b, sizeof(a)), 0)
				<< s << ": " << a << " vs " << b;
		}
		EXPECT_EQ(e1 - s, e2 - s) << s;
		EXPECT_EQ(our_errno() == ERANGE, errno == ERANGE) << s;
	}
}

/* Shortest round-trip strings and random digit strings. */
TEST(Strtod, RandomAgainstGlibc)
{
	std::mt19937_64 rng(4242);
	int mismatches = 0;
	for (int i = 0; i < 20000; i++) {
		char buf[64];
		uint64_t bits = rng();
		double v;
		std::memcpy(&v, &bits, sizeof(v));
		if (!std::isfinite(v))
			continue;
		std::snprintf(buf, sizeof(buf), "%.*g", 1 + (int)(rng() % 19), v);
		double a = uk::nolibc::strtod(buf, nullptr);
		double b = std::strtod(buf, nullptr);
		if (a != b) {
			/* Documented limit: within one ulp. */
			EXPECT_EQ(std::nextafter(a, b), b) << buf;
			mismatches++;
		}
	}
	EXPECT_LE(mismatches, 2);
}

/*
 * Documented limit: only 19 significant digits are kept, so a value that
 * lies a hair above a halfway point beyond the 19th digit may round down.
 */
TEST(Strtod, BeyondNineteenDigitsWithinOneUlp)
{
	const char *s = "1.00000000000000011102230246251565404236316680908203126";
	double a = uk::nolibc::strtod(s, nullptr), b = std::strtod(s, nullptr);
	EXPECT_TRUE(a == b || std::nextafter(a, b) == b);
}

TEST(Strtod, Strtof)
{
	EXPECT_EQ(uk::nolibc::strtof("0.1", nullptr), 0.1f);
	EXPECT_EQ(uk::nolibc::strtof("3.4028235e38", nullptr), FLT_MAX);
	our_errno() = 0;
	EXPECT_TRUE(std::isinf(uk::nolibc::strtof("1e39", nullptr)));
	EXPECT_EQ(our_errno(), ERANGE);
	EXPECT_EQ(uk::nolibc::atof("  2.5e1"), 25.0);
}

} // namespace
