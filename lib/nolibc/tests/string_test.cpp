/* SPDX-License-Identifier: BSD-3-Clause */
/* <string.h>, <strings.h>, <ctype.h> and strerror against the host. */
#include <gtest/gtest.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <random>
#include <string>
#include <strings.h>
#include <vector>

#include "../nolibc.hpp"

#pragma GCC diagnostic ignored "-Wstringop-truncation"

namespace nl = uk::nolibc;

namespace {

TEST(String, MemcpyAllAlignmentsAndSizes)
{
	unsigned char src[96], dst[96], ref[96];
	for (int i = 0; i < 96; i++)
		src[i] = static_cast<unsigned char>(i * 7 + 1);
	for (int so = 0; so < 8; so++)
		for (int d = 0; d < 8; d++)
			for (int n = 0; n < 70; n++) {
				std::memset(dst, 0xee, sizeof(dst));
				std::memset(ref, 0xee, sizeof(ref));
				EXPECT_EQ(nl::memcpy(dst + d, src + so, n), dst + d);
				std::memcpy(ref + d, src + so, n);
				ASSERT_EQ(std::memcmp(dst, ref, sizeof(dst)), 0);
			}
}

TEST(String, MemmoveOverlapBothWays)
{
	for (int from = 0; from < 24; from++)
		for (int to = 0; to < 24; to++)
			for (int n = 0; n + (from > to ? from : to) <= 64; n += 3) {
				unsigned char ours[64], ref[64];
				for (int i = 0; i < 64; i++)
					ours[i] = ref[i] = static_cast<unsigned char>(i);
				nl::memmove(ours + to, ours + from, n);
				std::memmove(ref + to, ref + from, n);
				ASSERT_EQ(std::memcmp(ours, ref, 64), 0)
					<< from << "->" << to << " n=" << n;
			}
}

TEST(String, MemsetMemcmpMemchr)
{
	unsigned char buf[288]; /* past the 64-byte rounds, at every alignment */
	for (int off = 0; off < 8; off++)
		for (int n = 0; n < 272; n++) {
			std::memset(buf, 1, sizeof(buf));
			nl::memset(buf + off, 0x1ab, n); /* only the low byte */
			for (int i = 0; i < 288; i++)
				ASSERT_EQ(buf[i], i >= off && i < off + n ? 0xab : 1);
		}
	const char a[] = "abc\x80", b[] = "abd\x01";
	EXPECT_LT(nl::memcmp(a, b, 4), 0);
	EXPECT_EQ(nl::memcmp(a, b, 2), 0);
	EXPECT_GT(nl::memcmp("\x80", "\x01", 1), 0); /* unsigned bytes */
	EXPECT_EQ(nl::memcmp(a, b, 0), 0);
	const char s[] = "hello world";
	EXPECT_EQ(nl::memchr(s, 'o', sizeof(s)), s + 4);
	EXPECT_EQ(nl::memrchr(s, 'o', sizeof(s)), s + 7);
	EXPECT_EQ(nl::memchr(s, 'z', sizeof(s)), nullptr);
	EXPECT_EQ(nl::memchr(s, '\0', sizeof(s)), s + 11);
	EXPECT_EQ(nl::memrchr(s, 'h', 0), nullptr);
	char z[5] = "abcd";
	nl::bzero(z, 2);
	EXPECT_EQ(z[1], 0);
	EXPECT_EQ(z[2], 'c');
}

int sign(int v) { return (v > 0) - (v < 0); }

TEST(String, LengthsAndCompares)
{
	const char *strs[] = {"", "a", "ab", "abc", "abd", "ABC", "\xff", "a\xff"};
	for (const char *x : strs) {
		EXPECT_EQ(nl::strlen(x), std::strlen(x));
		EXPECT_EQ(nl::strnlen(x, 1), strnlen(x, 1));
		for (const char *y : strs) {
			EXPECT_EQ(sign(nl::strcmp(x, y)), sign(std::strcmp(x, y)));
			EXPECT_EQ(sign(nl::strcoll(x, y)), sign(std::strcmp(x, y)));
			for (size_t n = 0; n < 4; n++) {
				EXPECT_EQ(sign(nl::strncmp(x, y, n)),
					  sign(std::strncmp(x, y, n)));
				EXPECT_EQ(sign(nl::strncasecmp(x, y, n)),
					  sign(::strncasecmp(x, y, n)));
			}
			EXPECT_EQ(sign(nl::strcasecmp(x, y)),
				  sign(::strcasecmp(x, y)));
		}
	}
}

TEST(String, CopiesAndConcatenation)
{
	char buf[32];
	EXPECT_EQ(nl::strcpy(buf, "abc"), buf);
	EXPECT_STREQ(buf, "abc");
	EXPECT_EQ(nl::stpcpy(buf, "xyz"), buf + 3);
	EXPECT_EQ(nl::strcat(buf, "123"), buf);
	EXPECT_STREQ(buf, "xyz123");
	nl::strncat(buf, "4567", 2);
	EXPECT_STREQ(buf, "xyz12345");

	char ours[8], ref[8];
	std::memset(ours, 'Q', 8);
	std::memset(ref, 'Q', 8);
	nl::strncpy(ours, "ab", 6);
	std::strncpy(ref, "ab", 6);
	EXPECT_EQ(std::memcmp(ours, ref, 8), 0); /* NUL padding, no more */
	nl::strncpy(ours, "abcdefgh", 4);
	std::strncpy(ref, "abcdefgh", 4);
	EXPECT_EQ(std::memcmp(ours, ref, 8), 0); /* no terminator */

	EXPECT_EQ(nl::strlcpy(buf, "hello", 3), 5u);
	EXPECT_STREQ(buf, "he");
	EXPECT_EQ(nl::strlcpy(buf, "hello", 0), 5u);
	std::strcpy(buf, "ab");
	EXPECT_EQ(nl::strlcat(buf, "cdef", 5), 6u);
	EXPECT_STREQ(buf, "abcd");
	EXPECT_EQ(nl::strlcat(buf, "xy", 2), 4u); /* buffer already full */

	char *d = nl::strdup("dup");
	ASSERT_NE(d, nullptr);
	EXPECT_STREQ(d, "dup");
	nl::free(d);
	d = nl::strndup("truncate", 4);
	EXPECT_STREQ(d, "trun");
	nl::free(d);
}

TEST(String, Searching)
{
	const char *s = "the quick brown fox";
	EXPECT_EQ(nl::strchr(s, 'q'), s + 4);
	EXPECT_EQ(nl::strchr(s, '\0'), s + std::strlen(s));
	EXPECT_EQ(nl::strchr(s, 'z'), nullptr);
	EXPECT_EQ(nl::strrchr(s, 'o'), s + 17);
	EXPECT_EQ(nl::strrchr(s, '\0'), s + std::strlen(s));
	EXPECT_EQ(nl::strstr(s, "brown"), s + 10);
	EXPECT_EQ(nl::strstr(s, ""), s);
	EXPECT_EQ(nl::strstr(s, "foxes"), nullptr);
	EXPECT_EQ(nl::strstr("aaab", "aab"), std::strstr("aaab", "aab"));
	EXPECT_EQ(nl::strspn(s, "eht"), 3u);
	EXPECT_EQ(nl::strcspn(s, "qz"), 4u);
	EXPECT_EQ(nl::strcspn(s, ""), std::strlen(s));
	EXPECT_EQ(nl::strpbrk(s, "kq"), s + 4);
	EXPECT_EQ(nl::strpbrk(s, "Z"), nullptr);
}

TEST(String, Tokenising)
{
	char a[] = ",,a,b;;c,", b[] = ",,a,b;;c,";
	std::vector<std::string> ours, ref;
	for (char *t = nl::strtok(a, ",;"); t; t = nl::strtok(nullptr, ",;"))
		ours.push_back(t);
	for (char *t = std::strtok(b, ",;"); t; t = std::strtok(nullptr, ",;"))
		ref.push_back(t);
	EXPECT_EQ(ours, ref);
	EXPECT_EQ(nl::strtok(nullptr, ","), nullptr);

	char c[] = "x::y";
	char *save, *t = nl::strtok_r(c, ":", &save);
	EXPECT_STREQ(t, "x");
	EXPECT_STREQ(nl::strtok_r(nullptr, ":", &save), "y");
	EXPECT_EQ(nl::strtok_r(nullptr, ":", &save), nullptr);

	char d[] = "a,,b";
	char *p = d;
	EXPECT_STREQ(nl::strsep(&p, ","), "a");
	EXPECT_STREQ(nl::strsep(&p, ","), "");
	EXPECT_STREQ(nl::strsep(&p, ","), "b");
	EXPECT_EQ(p, nullptr);
	EXPECT_EQ(nl::strsep(&p, ","), nullptr);
}

TEST(String, Ffs)
{
	for (int v : {0, 1, 2, 3, 8, 0x40000000, -1, (int)0x80000000})
		EXPECT_EQ(nl::ffs(v), ::ffs(v));
}

TEST(Ctype, AllBytesAgainstGlibcCLocale)
{
	for (int c = -1; c < 256; c++) {
		EXPECT_EQ(!!nl::isalnum(c), !!std::isalnum(c)) << c;
		EXPECT_EQ(!!nl::isalpha(c), !!std::isalpha(c)) << c;
		EXPECT_EQ(!!nl::isblank(c), !!std::isblank(c)) << c;
		EXPECT_EQ(!!nl::iscntrl(c), !!std::iscntrl(c)) << c;
		EXPECT_EQ(!!nl::isdigit(c), !!std::isdigit(c)) << c;
		EXPECT_EQ(!!nl::isgraph(c), !!std::isgraph(c)) << c;
		EXPECT_EQ(!!nl::islower(c), !!std::islower(c)) << c;
		EXPECT_EQ(!!nl::isprint(c), !!std::isprint(c)) << c;
		EXPECT_EQ(!!nl::ispunct(c), !!std::ispunct(c)) << c;
		EXPECT_EQ(!!nl::isspace(c), !!std::isspace(c)) << c;
		EXPECT_EQ(!!nl::isupper(c), !!std::isupper(c)) << c;
		EXPECT_EQ(!!nl::isxdigit(c), !!std::isxdigit(c)) << c;
		EXPECT_EQ(!!nl::isascii(c), !!isascii(c)) << c;
		EXPECT_EQ(nl::tolower(c), std::tolower(c)) << c;
		EXPECT_EQ(nl::toupper(c), std::toupper(c)) << c;
	}
}

TEST(Strerror, EveryNumberMatchesGlibc)
{
	for (int e = -2; e < 140; e++)
		EXPECT_STREQ(nl::strerror(e), std::strerror(e)) << e;
	EXPECT_STREQ(nl::strerror(EAGAIN), "Resource temporarily unavailable");
	EXPECT_STREQ(nl::strerror(ENOSYS), "Function not implemented");
	EXPECT_STREQ(nl::strerror(1000), "Unknown error 1000");
}

} // namespace
