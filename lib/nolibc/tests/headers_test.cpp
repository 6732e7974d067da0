/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Every public header compiles on its own as C11 and as C++20 with the
 * image's flags (-ffreestanding -nostdinc + GCC's include dir). Runs the
 * host compiler; set NOLIBC_CC / NOLIBC_CXX to check a cross compiler.
 */
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {

const char *const kHeaders[] = {
	"assert.h", "ctype.h",    "errno.h",  "inttypes.h",   "limits.h",
	"stdio.h",  "stdlib.h",   "string.h", "strings.h",    "sys/types.h",
	"unistd.h",
};

std::string env_or(const char *name, const char *fallback)
{
	const char *v = std::getenv(name);
	return v && *v ? v : fallback;
}

int compile(const std::string &compiler, const std::string &lang,
	    const std::string &std, const std::string &header)
{
	std::string cmd =
		"printf '#include <" + header + ">\\n' | " + compiler +
		" -x " + lang + " -std=" + std +
		" -ffreestanding -nostdinc -isystem \"$(" + compiler +
		" -print-file-name=include)\" -I" NOLIBC_DIR "/include -I"
		UK_ROOT_DIR "/include -I" UK_ROOT_DIR "/lib/ukalloc/include"
		" -Wall -Wextra -Werror -fsyntax-only -";
	return std::system(cmd.c_str());
}

TEST(Headers, CompileAsC11)
{
	std::string cc = env_or("NOLIBC_CC", "gcc");
	for (const char *h : kHeaders)
		EXPECT_EQ(compile(cc, "c", "c11", h), 0) << h;
}

TEST(Headers, CompileAsCxx20)
{
	std::string cxx = env_or("NOLIBC_CXX", "g++");
	for (const char *h : kHeaders)
		EXPECT_EQ(compile(cxx, "c++", "gnu++20", h), 0) << h;
}

} // namespace
