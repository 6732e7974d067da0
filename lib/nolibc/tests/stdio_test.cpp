/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console streams, exit/abort/assert and malloc shims, through the fake
 * ukplat_coutk / ukplat_terminate / uk_alloc of stubs.cpp.
 */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "../nolibc.hpp"
#include <uk/plat.h>
#include "stubs.hpp"

namespace nl = uk::nolibc;
using nolibc_test::console_text;
using nolibc_test::console_writes;

namespace {

class Stdio : public ::testing::Test {
protected:
	void SetUp() override
	{
		nl::fflush(nl::stdout_);
		console_writes.clear();
	}
};

TEST_F(Stdio, StdoutIsLineBuffered)
{
	nl::printf("hello ");
	nl::printf("%d", 42);
	EXPECT_TRUE(console_writes.empty());
	nl::printf("!\nrest");
	ASSERT_EQ(console_writes.size(), 1u);
	EXPECT_EQ(console_writes[0], "hello 42!\n");
	nl::fflush(nl::stdout_);
	EXPECT_EQ(console_text(), "hello 42!\nrest");
}

TEST_F(Stdio, FullBufferIsFlushed)
{
	std::string big(300, 'x');
	EXPECT_EQ(nl::fputs(big.c_str(), nl::stdout_), 0);
	EXPECT_GE(console_writes.size(), 2u);
	nl::fflush(nullptr);
	EXPECT_EQ(console_text(), big);
}

TEST_F(Stdio, StderrIsUnbuffered)
{
	nl::fprintf(nl::stderr_, "e%c", '1');
	ASSERT_EQ(console_writes.size(), 1u);
	EXPECT_EQ(console_writes[0], "e1");
}

TEST_F(Stdio, PutsPutcharFwrite)
{
	EXPECT_EQ(nl::puts("line"), 0);
	EXPECT_EQ(nl::putchar('c'), 'c');
	EXPECT_EQ(nl::fputc('\xff', nl::stdout_), 0xff);
	EXPECT_EQ(nl::fwrite("abcdef", 2, 3, nl::stdout_), 3u);
	EXPECT_EQ(nl::fwrite("abcdef", 0, 3, nl::stdout_), 0u);
	nl::fflush(nl::stdout_);
	EXPECT_EQ(console_text(), "line\nc\xff" "abcdef");
}

TEST_F(Stdio, WriteAndDprintf)
{
	nl::printf("buffered ");
	EXPECT_EQ(nl::write(1, "raw\n", 4), 4);
	EXPECT_EQ(console_text(), "buffered raw\n"); /* order is kept */
	*nl::errno_location() = 0;
	EXPECT_EQ(nl::write(5, "x", 1), -1);
	EXPECT_EQ(*nl::errno_location(), EBADF);
	EXPECT_EQ(nl::dprintf(2, "<%s>", "fd"), 4);
	EXPECT_EQ(console_writes.back(), "<fd>");
	EXPECT_EQ(nl::dprintf(7, "x"), -1);
}

TEST_F(Stdio, InputIsEof)
{
	char buf[4];
	EXPECT_EQ(nl::getchar(), -1);
	EXPECT_EQ(nl::fgetc(nl::stdin_), -1);
	EXPECT_EQ(nl::fgets(buf, 4, nl::stdin_), nullptr);
	EXPECT_EQ(nl::fputs("x", nl::stdin_), -1);
}

TEST_F(Stdio, Perror)
{
	*nl::errno_location() = ENOENT;
	nl::perror("open");
	EXPECT_EQ(console_text(), "open: No such file or directory\n");
	console_writes.clear();
	nl::perror(nullptr);
	EXPECT_EQ(console_text(), "No such file or directory\n");
}

void handler_a() { nl::fputs("a", nl::stdout_); }
void handler_b() { nl::fputs("b", nl::stdout_); }

TEST(ExitDeathTest, RunsHandlersInReverseAndFlushes)
{
	EXPECT_EXIT(
		{
			nl::atexit(handler_a);
			nl::atexit(handler_b);
			nl::printf("out:");
			nl::exit(3);
		},
		::testing::ExitedWithCode(3), "^out:ba$");
}

TEST(ExitDeathTest, AtLeast32Handlers)
{
	EXPECT_EXIT(
		{
			for (int i = 0; i < 32; i++)
				if (nl::atexit(handler_a) != 0)
					nl::_Exit(1);
			nl::exit(0);
		},
		::testing::ExitedWithCode(0), "^a{32}$");
}

TEST(ExitDeathTest, UnderscoreExitSkipsHandlers)
{
	EXPECT_EXIT(
		{
			nl::atexit(handler_a);
			nl::_exit(4);
		},
		::testing::ExitedWithCode(4), "^$");
}

TEST(ExitDeathTest, Abort)
{
	EXPECT_EXIT(nl::abort(), ::testing::ExitedWithCode(UKPLAT_CRASH_STATUS),
		    "abort\\(\\) called");
}

TEST(ExitDeathTest, AssertFailMessage)
{
	EXPECT_EXIT(nl::assert_fail("x > 1", "f.c", 12, "main"),
		    ::testing::ExitedWithCode(UKPLAT_CRASH_STATUS),
		    "Assertion failed: x > 1 \\(f.c:12: main\\)\nabort\\(\\) called");
}

TEST(Malloc, RoutedToDefaultAllocator)
{
	void *p = nl::malloc(10);
	ASSERT_NE(p, nullptr);
	p = nl::realloc(p, 100);
	ASSERT_NE(p, nullptr);
	nl::free(p);
	auto *z = static_cast<unsigned char *>(nl::calloc(4, 4));
	ASSERT_NE(z, nullptr);
	EXPECT_EQ(z[15], 0);
	nl::free(z);
	void *a = nullptr;
	EXPECT_EQ(nl::posix_memalign(&a, 64, 10), 0);
	EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 64, 0u);
	nl::free(a);
	EXPECT_EQ(nl::posix_memalign(&a, 3, 10), EINVAL);
	a = nl::aligned_alloc(128, 256);
	EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 128, 0u);
	nl::free(a);
	*nl::errno_location() = 0;
	EXPECT_EQ(nl::reallocarray(nullptr, SIZE_MAX / 2, 4), nullptr);
	EXPECT_EQ(*nl::errno_location(), ENOMEM);
	nl::free(nullptr);
}

TEST(Malloc, NoAllocatorMeansEnomem)
{
	nolibc_test::have_allocator = false;
	*nl::errno_location() = 0;
	EXPECT_EQ(nl::malloc(1), nullptr);
	EXPECT_EQ(*nl::errno_location(), ENOMEM);
	void *p;
	EXPECT_EQ(nl::posix_memalign(&p, 16, 1), ENOMEM);
	EXPECT_EQ(nl::strdup("x"), nullptr);
	nolibc_test::have_allocator = true;
}

TEST(Stdlib, SmallFunctions)
{
	EXPECT_EQ(nl::abs(-3), 3);
	EXPECT_EQ(nl::labs(-3L), 3L);
	EXPECT_EQ(nl::llabs(-3LL), 3LL);
	EXPECT_EQ(nl::getenv("PATH"), nullptr);
	unsigned int s1 = 7, s2 = 7;
	for (int i = 0; i < 100; i++) {
		int r = nl::rand_r(&s1);
		EXPECT_EQ(r, nl::rand_r(&s2));
		EXPECT_GE(r, 0);
	}
	nl::srand(1);
	int first = nl::rand();
	nl::srand(1);
	EXPECT_EQ(nl::rand(), first);
}

} // namespace
