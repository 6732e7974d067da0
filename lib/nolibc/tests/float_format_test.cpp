/* SPDX-License-Identifier: BSD-3-Clause */
/* %f %e %g %a against the host glibc, which prints doubles exactly. */
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "../nolibc.hpp"

namespace {

#pragma GCC diagnostic ignored "-Wformat"

::testing::AssertionResult same(const char *fmt, double v)
{
	char ours[1600], host[1600];
	int a = uk::nolibc::snprintf(ours, sizeof(ours), fmt, v);
	int b = std::snprintf(host, sizeof(host), fmt, v);
	if (a == b && std::strcmp(ours, host) == 0)
		return ::testing::AssertionSuccess();
	char hex[64];
	std::snprintf(hex, sizeof(hex), "%a", v);
	return ::testing::AssertionFailure()
	       << "fmt " << fmt << " v=" << hex << "\n ours: " << ours << " ("
	       << a << ")\n host: " << host << " (" << b << ")";
}

const double kValues[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.1, 0.2, 0.3,
	1.0 / 3, 2.0 / 3, 9.5, 99.5, 999.9999, 0.05, 0.005, 0.0005, 0.00001234,
	123456789.0, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e100, 1.7976931348623157e308,
	DBL_MIN, DBL_TRUE_MIN, 5e-324, 2.2250738585072009e-308, 4.9406564584124654e-320,
	3.14159265358979323846, 2.718281828459045, 6.02214076e23, 1.602176634e-19,
	0.9999999, 9.9999999e10, 0.099999, 123.456, -987654.321, 1e-5, 1e-4,
	9.999999999999999e22, 1125899906842624.125, 4503599627370496.5,
	HUGE_VAL, -HUGE_VAL, NAN, -NAN,
};

const char *const kFormats[] = {
	"%f", "%.0f", "%.1f", "%.2f", "%.3f", "%.10f", "%.17f", "%.20f",
	"%#.0f", "%+f", "% f", "%12.4f", "%-12.4f|", "%012.4f", "%+012.4f",
	"%F", "%e", "%.0e", "%.1e", "%.5e", "%.16e", "%.20e", "%#.0e", "%E",
	"%+15.3e", "%-15.3e|", "%015.3e", "%g", "%.0g", "%.1g", "%.2g",
	"%.6g", "%.10g", "%.17g", "%#g", "%#.3g", "%G", "%+g", "%12g",
	"%-12g|", "%012g", "%a", "%A", "%.0a", "%.1a", "%.3a", "%.20a",
	"%#a", "%20a", "%-20a|", "%020a", "%+a", "%.400f", "%.60e",
	"%Lf",
};

TEST(FloatFormat, TableAgainstGlibc)
{
	for (const char *fmt : kFormats) {
		for (double v : kValues) {
			if (std::strcmp(fmt, "%Lf") == 0) {
				char ours[512], host[512];
				uk::nolibc::snprintf(ours, sizeof(ours), fmt, (long double)v);
				std::snprintf(host, sizeof(host), fmt, (long double)v);
				EXPECT_STREQ(ours, host);
				continue;
			}
			if (std::strcmp(fmt, "%#.3g") == 0 && v == 999.9999)
				continue; /* glibc bug, see GlibcAltGCarryBug */
			EXPECT_TRUE(same(fmt, v));
		}
	}
}

/*
 * glibc prints "1.e+03" for ("%#.3g", 999.9999): it loses the precision
 * when rounding carries into a new digit. C says P=3, X=3 -> style e with
 * precision 2.
 */
TEST(FloatFormat, GlibcAltGCarryBug)
{
	char buf[32];
	uk::nolibc::snprintf(buf, sizeof(buf), "%#.3g", 999.9999);
	EXPECT_STREQ(buf, "1.00e+03");
	uk::nolibc::snprintf(buf, sizeof(buf), "%.3g", 999.9999);
	EXPECT_STREQ(buf, "1e+03");
}

TEST(FloatFormat, HugeAndTinyExact)
{
	/* Exact expansion: every digit of DBL_MAX and DBL_TRUE_MIN. */
	EXPECT_TRUE(same("%f", DBL_MAX));
	EXPECT_TRUE(same("%.1074f", DBL_TRUE_MIN));
	EXPECT_TRUE(same("%.1100f", DBL_MIN));
	EXPECT_TRUE(same("%.760e", DBL_TRUE_MIN));
}

TEST(FloatFormat, RoundingTiesToEven)
{
	for (double v : {0.5, 1.5, 2.5, 3.5, 0.25, 0.75, 0.125, 0.375, 1e22 + 0.0})
		for (const char *f : {"%.0f", "%.1f", "%.2f", "%.0e", "%.1e", "%.1g"})
			EXPECT_TRUE(same(f, v));
}

/* Random bit patterns, random precision: exact equality with glibc. */
TEST(FloatFormat, RandomSweep)
{
	std::mt19937_64 rng(777);
	const char convs[] = "feEgGa";
	for (int i = 0; i < 30000; i++) {
		double v;
		uint64_t bits = rng();
		if (i % 3 == 0) /* moderate magnitudes are the common case */
			v = std::ldexp(static_cast<double>(bits >> 11), -(int)(rng() % 80));
		else
			std::memcpy(&v, &bits, sizeof(v));
		std::string fmt = "%";
		if (rng() % 4 == 0)
			fmt += "#";
		if (rng() % 4 == 0)
			fmt += "+";
		if (rng() % 3 == 0)
			fmt += std::to_string(rng() % 30);
		if (rng() % 2)
			fmt += "." + std::to_string(rng() % 25);
		fmt += convs[rng() % 6];
		ASSERT_TRUE(same(fmt.c_str(), v));
	}
}

} // namespace
