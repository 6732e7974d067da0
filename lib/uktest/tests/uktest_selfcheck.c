/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The framework's check of itself (CONFIG_LIBUKTEST_SELFCHECK), in C11 so
 * that the header is exercised as C too (uktest_alloc.cpp is C++). Some
 * cases fail or skip ON PURPOSE: apps/selftest/test.json boots the
 * linuxu-x86_64-selfcheck defconfig with the filter "uktest_selfcheck"
 * and expects exactly these lines, in this order:
 *
 *   uktest: PASS uktest_selfcheck.a_passing_checks
 *   <file>:1001: 1 + 1 == 3 (2 vs 3)                      b_expect_continues
 *   <file>:1002: minus_one > 0 (false)
 *   <file>:1003: minus_one >= zero_u (-1 vs 0)
 *   uktest: FAIL uktest_selfcheck.b_expect_continues
 *   <file>:1011: name == "uktest" ("uktast" vs "uktest")  c_assert_ends
 *   uktest: FAIL uktest_selfcheck.c_assert_ends
 *   <file>:1021: p == NULL (0x4 vs NULL)                  d_pointers
 *   <file>:1022: q != NULL (NULL vs NULL)
 *   uktest: FAIL uktest_selfcheck.d_pointers
 *   uktest: SKIP uktest_selfcheck.e_skip (skipped on purpose)
 *   <file>:1031: big == small (18446744073709551615 vs -1)  f_mixed_signs
 *   uktest: FAIL uktest_selfcheck.f_mixed_signs
 *   suite uktest_selfcheck_init: init function selfcheck_failing_init \
 *     returned -5
 *   uktest: FAIL uktest_selfcheck_init.never_runs
 *   uktest summary: 1 passed, 5 failed, 1 skipped
 *
 * plus the suite's init and fini lines around them. The failing checks
 * sit at fixed line numbers (#line below) so that test.json can check
 * the exact file:line of each report: keep each one on its line.
 */
#include <stdio.h>
#include <stdint.h>
#include <uk/test.h>

static int selfcheck_init(void)
{
	printf("selfcheck: suite init ran\n");
	return 0;
}
UK_TESTSUITE_INIT(uktest_selfcheck, selfcheck_init);

static void selfcheck_fini(void)
{
	printf("selfcheck: suite fini ran\n");
}
UK_TESTSUITE_FINI(uktest_selfcheck, selfcheck_fini);

/* Every macro on its passing path; mixed signs compare as mathematics. */
UK_TESTCASE(uktest_selfcheck, a_passing_checks)
{
	size_t size = 16;
	int minus_one = -1;
	unsigned char uc = 255;
	int64_t i64 = INT64_MIN;
	uint64_t u64 = UINT64_MAX;
	const char *s = "abc";
	int calls = 0;

	UK_TEST_EXPECT(size == 16);
	UK_TEST_EXPECT_EQ(size, 16);
	UK_TEST_EXPECT_NE(size, 17);
	UK_TEST_EXPECT_LT(minus_one, size);   /* C would say -1 > 16u */
	UK_TEST_EXPECT_LE(minus_one, 0u);
	UK_TEST_EXPECT_GT(size, minus_one);
	UK_TEST_EXPECT_GE(uc, 255);
	UK_TEST_EXPECT_LT(i64, u64);
	UK_TEST_EXPECT_NE(u64, minus_one);    /* C would say equal */
	UK_TEST_EXPECT_LT(i64, minus_one);
	UK_TEST_EXPECT_ZERO(size - 16);
	UK_TEST_EXPECT_EQ(++calls, 1);        /* each operand evaluated once */
	UK_TEST_ASSERT_EQ(calls, 1);
	UK_TEST_EXPECT_PTR_EQ(s, s);
	UK_TEST_EXPECT_PTR_NE(s, s + 1);
	UK_TEST_EXPECT_NULL(NULL);
	UK_TEST_EXPECT_NOT_NULL(s);
	UK_TEST_EXPECT_STR_EQ(s, "abc");
	UK_TEST_EXPECT_STR_NE(s, "abd");
	UK_TEST_EXPECT_STR_NE(s, NULL);
	UK_TEST_EXPECT_STR_EQ(NULL, NULL);
	UK_TEST_ASSERT(s[0] == 'a');
	UK_TEST_ASSERT_NOT_NULL(s);
	UK_TEST_ASSERT_STR_EQ(s, "abc");
	UK_TEST_EXPECT(!uk_test_failed());
}

UK_TESTCASE(uktest_selfcheck, b_expect_continues)
{
	int minus_one = -1;
	unsigned zero_u = 0;

#line 1001
	UK_TEST_EXPECT_EQ(1 + 1, 3);
	UK_TEST_EXPECT(minus_one > 0);
	UK_TEST_EXPECT_GE(minus_one, zero_u);
	printf("selfcheck: uk_test_failed() = %d\n", uk_test_failed());
}

UK_TESTCASE(uktest_selfcheck, c_assert_ends)
{
	const char *name = "uktast";

#line 1011
	UK_TEST_ASSERT_STR_EQ(name, "uktest");
	printf("selfcheck: not reached after a failed assertion\n");
}

UK_TESTCASE(uktest_selfcheck, d_pointers)
{
	const char *p = (const char *)4;
	void *q = NULL;

#line 1021
	UK_TEST_EXPECT_NULL(p);
	UK_TEST_EXPECT_NOT_NULL(q);
}

UK_TESTCASE(uktest_selfcheck, e_skip)
{
	UK_TEST_SKIP("skipped on purpose");
	printf("selfcheck: not reached after a skip\n");
}

UK_TESTCASE(uktest_selfcheck, f_mixed_signs)
{
	uint64_t big = UINT64_MAX;
	int small = -1;

#line 1031
	UK_TEST_EXPECT_EQ(big, small);
}

/* A suite whose init fails: its cases fail without running. */
static int selfcheck_failing_init(void)
{
	return -5;
}
UK_TESTSUITE_INIT(uktest_selfcheck_init, selfcheck_failing_init);

UK_TESTCASE(uktest_selfcheck_init, never_runs)
{
	printf("selfcheck: not reached after a failed suite init\n");
}
