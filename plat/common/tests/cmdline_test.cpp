// SPDX-License-Identifier: BSD-3-Clause
//
// ukplat_cmdline_split(): fixed cases, a randomized comparison with a
// small reference model written differently (it builds std::strings, not
// in place), and a randomized comparison with the system's /bin/sh on the
// characters where a shell and a kernel command line agree.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <uk/plat/cmdline.h>

namespace {

using Args = std::vector<std::string>;

/** Runs the real splitter on a copy; nullopt plus rc on error. */
std::optional<Args> split(const std::string &s, int max_args = 64, int *rc_out = nullptr)
{
	std::vector<char> buf(s.begin(), s.end());
	buf.push_back('\0');
	std::vector<char *> argv(static_cast<size_t>(max_args > 0 ? max_args : 1),
				 reinterpret_cast<char *>(0x1));
	const int rc = ukplat_cmdline_split(buf.data(), argv.data(), max_args);
	if (rc_out)
		*rc_out = rc;
	if (rc < 0) {
		// Errors leave both buffers untouched.
		EXPECT_EQ(std::string(buf.data()), s);
		for (char *p : argv)
			EXPECT_EQ(p, reinterpret_cast<char *>(0x1));
		return std::nullopt;
	}
	EXPECT_EQ(argv[static_cast<size_t>(rc)], nullptr);
	Args out;
	for (int i = 0; i < rc; i++) {
		// Every argument lies inside the buffer.
		EXPECT_GE(argv[i], buf.data());
		EXPECT_LT(argv[i], buf.data() + buf.size());
		out.emplace_back(argv[i]);
	}
	return out;
}

/**
 * Reference model: a character class table and a state machine that
 * appends to std::string words. nullopt for an unterminated quote.
 */
std::optional<Args> model(const std::string &s)
{
	Args out;
	std::string cur;
	bool have = false;
	enum { kPlain, kSq, kDq } st = kPlain;
	const std::string blanks = " \t\n\r\v\f", dq_esc = "$`\"\\\n";
	for (size_t i = 0; i < s.size(); i++) {
		char c = s[i];
		bool next = i + 1 < s.size();
		switch (st) {
		case kSq:
			if (c == '\'') st = kPlain; else cur += c;
			break;
		case kDq:
			if (c == '"') st = kPlain;
			else if (c == '\\' && next && dq_esc.find(s[i + 1]) != std::string::npos) {
				if (s[++i] != '\n') cur += s[i];
			} else cur += c;
			break;
		case kPlain:
			if (blanks.find(c) != std::string::npos) {
				if (have) out.push_back(cur);
				cur.clear();
				have = false;
			} else if (c == '\'') { st = kSq; have = true; }
			else if (c == '"') { st = kDq; have = true; }
			else if (c == '\\' && next) {
				if (s[++i] != '\n') { cur += s[i]; have = true; }
			} else { cur += c; have = true; }
			break;
		}
	}
	if (st != kPlain)
		return std::nullopt;
	if (have)
		out.push_back(cur);
	return out;
}

Args A(std::initializer_list<const char *> l) { return Args(l.begin(), l.end()); }

}  // namespace

TEST(Cmdline, Plain)
{
	EXPECT_EQ(split("a bb  ccc"), A({"a", "bb", "ccc"}));
	EXPECT_EQ(split("  \t lead and trail \n "), A({"lead", "and", "trail"}));
	EXPECT_EQ(split("x"), A({"x"}));
	EXPECT_EQ(split("console=ttyS0 -- foo"), A({"console=ttyS0", "--", "foo"}));
}

TEST(Cmdline, Empty)
{
	EXPECT_EQ(split(""), Args{});
	EXPECT_EQ(split(" \t\n "), Args{});
	char *argv[2] = {reinterpret_cast<char *>(1), reinterpret_cast<char *>(1)};
	EXPECT_EQ(ukplat_cmdline_split(nullptr, argv, 2), 0);
	EXPECT_EQ(argv[0], nullptr);
	EXPECT_EQ(split("", 1), Args{});
}

TEST(Cmdline, Quotes)
{
	EXPECT_EQ(split("'a b' \"c d\""), A({"a b", "c d"}));
	EXPECT_EQ(split("a\"b c\"'d'e"), A({"ab cde"}));
	EXPECT_EQ(split("'' \"\" x"), A({"", "", "x"}));
	EXPECT_EQ(split("'\"' \"'\""), A({"\"", "'"}));
	EXPECT_EQ(split("'a\\b'"), A({"a\\b"})); // no escapes in '...'
	EXPECT_EQ(split("\"tab\there\""), A({"tab\there"}));
}

TEST(Cmdline, Escapes)
{
	EXPECT_EQ(split("a\\ b c"), A({"a b", "c"}));
	EXPECT_EQ(split("\\'x\\\""), A({"'x\""}));
	EXPECT_EQ(split("\\\\"), A({"\\"}));
	EXPECT_EQ(split("end\\"), A({"end\\"})); // final lone backslash stays
	EXPECT_EQ(split("\"\\\" \\$ \\a \\\\\""), A({"\" $ \\a \\"}));
	EXPECT_EQ(split("con\\\ntinued"), A({"continued"}));
	EXPECT_EQ(split("a \\\n b"), A({"a", "b"})); // escaped newline alone: no argument
	EXPECT_EQ(split("\"a\\\nb\""), A({"ab"}));
}

TEST(Cmdline, UnterminatedQuote)
{
	int rc = 0;
	EXPECT_EQ(split("a 'b", 64, &rc), std::nullopt);
	EXPECT_EQ(rc, -UK_EINVAL);
	EXPECT_EQ(split("\"abc\\\"", 64, &rc), std::nullopt);
	EXPECT_EQ(rc, -UK_EINVAL);
	EXPECT_EQ(split("'", 64, &rc), std::nullopt);
	EXPECT_EQ(rc, -UK_EINVAL);
}

TEST(Cmdline, BadArguments)
{
	char buf[] = "a b";
	char *argv[4];
	EXPECT_EQ(ukplat_cmdline_split(buf, nullptr, 4), -UK_EINVAL);
	EXPECT_EQ(ukplat_cmdline_split(buf, argv, 0), -UK_EINVAL);
	EXPECT_EQ(ukplat_cmdline_split(buf, argv, -3), -UK_EINVAL);
}

TEST(Cmdline, ManyArgsAndOverflow)
{
	std::string s;
	for (int i = 0; i < 1000; i++)
		s += "arg" + std::to_string(i) + " ";
	auto r = split(s, 1001);
	ASSERT_TRUE(r);
	ASSERT_EQ(r->size(), 1000u);
	EXPECT_EQ((*r)[999], "arg999");
	int rc = 0;
	EXPECT_EQ(split(s, 1000, &rc), std::nullopt);
	EXPECT_EQ(rc, -UK_E2BIG);
	EXPECT_EQ(split("a", 1, &rc), std::nullopt);
	EXPECT_EQ(rc, -UK_E2BIG);
	EXPECT_EQ(split("a b", 3), A({"a", "b"}));
	// An unterminated quote wins over too many arguments.
	EXPECT_EQ(split("a b c 'd", 2, &rc), std::nullopt);
	EXPECT_EQ(rc, -UK_EINVAL);
}

TEST(Cmdline, RandomAgainstModel)
{
	std::mt19937 rng(1234);
	const char alphabet[] = "ab \t\n'\"\\$`x";
	for (int it = 0; it < 20000; it++) {
		std::string s;
		const size_t n = rng() % 24;
		for (size_t i = 0; i < n; i++)
			s += alphabet[rng() % (sizeof(alphabet) - 1)];
		const int max_args = 1 + static_cast<int>(rng() % 8);
		int rc = 0;
		auto got = split(s, max_args, &rc);
		auto want = model(s);
		if (!want) {
			ASSERT_EQ(rc, -UK_EINVAL) << "input: " << s;
		} else if (static_cast<int>(want->size()) > max_args - 1) {
			ASSERT_EQ(rc, -UK_E2BIG) << "input: " << s;
		} else {
			ASSERT_EQ(got, want) << "input: " << s;
		}
	}
}

/** Words per /bin/sh, or nullopt when the shell rejects the input. */
std::optional<Args> sh_words(const std::string &s)
{
	// The input reaches sh through an environment variable and eval, so
	// only sh's own parser sees it; set -f disables globbing.
	setenv("UK_CMDLINE_TEST", s.c_str(), 1);
	FILE *p = popen("/bin/sh -c 'set -f; eval \"set -- $UK_CMDLINE_TEST\" "
			"2>/dev/null || exit 3; for a; do printf \"%s\\0\" \"$a\"; done'",
			"r");
	if (!p)
		return std::nullopt;
	std::string out;
	char buf[256];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		out.append(buf, n);
	if (pclose(p) != 0)
		return std::nullopt;
	Args words;
	for (size_t i = 0; i < out.size();) {
		size_t z = out.find('\0', i);
		words.push_back(out.substr(i, z - i));
		i = z + 1;
	}
	return words;
}

TEST(Cmdline, RandomAgainstShell)
{
	if (access("/bin/sh", X_OK) != 0)
		GTEST_SKIP() << "no /bin/sh";
	// No newline (a command separator for sh), no $ or ` (expansions).
	const char alphabet[] = "ab \t'\"\\";
	std::mt19937 rng(99);
	for (int it = 0; it < 300; it++) {
		std::string s;
		const size_t n = 1 + rng() % 16;
		for (size_t i = 0; i < n; i++)
			s += alphabet[rng() % (sizeof(alphabet) - 1)];
		auto want = sh_words(s);
		int rc = 0;
		auto got = split(s, 64, &rc);
		if (!want)
			ASSERT_EQ(rc, -UK_EINVAL) << "input: [" << s << "]";
		else
			ASSERT_EQ(got, want) << "input: [" << s << "]";
	}
}

TEST(CmdlineArgv, CopiesThenSplitsAfterArgv0)
{
	const char loader[] = "a 'b c'";
	char buf[16];
	char *argv[4];
	ASSERT_EQ(ukplat_cmdline_argv(loader, buf, sizeof(buf), "img", argv, 4), 3);
	EXPECT_STREQ(argv[0], "img");
	EXPECT_STREQ(argv[1], "a");
	EXPECT_STREQ(argv[2], "b c");
	EXPECT_EQ(argv[3], nullptr);
	EXPECT_STREQ(loader, "a 'b c'"); // the loader's copy is untouched
	ASSERT_EQ(ukplat_cmdline_argv(nullptr, buf, sizeof(buf), "img", argv, 4), 1);
	ASSERT_EQ(ukplat_cmdline_argv("x y", buf, sizeof(buf), nullptr, argv, 4), 2);
	EXPECT_STREQ(argv[0], "x");
	// Cut at the buffer: "abcdefgh" -> "abc".
	ASSERT_EQ(ukplat_cmdline_argv("abcdefgh", buf, 4, nullptr, argv, 4), 1);
	EXPECT_STREQ(argv[0], "abc");
	EXPECT_EQ(ukplat_cmdline_argv("a b c d", buf, sizeof(buf), "img", argv, 4), -UK_E2BIG);
	EXPECT_EQ(ukplat_cmdline_argv("'", buf, sizeof(buf), nullptr, argv, 4), -UK_EINVAL);
}
