/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests. A library registers cases in a linker section; an app
 * (apps/selftest) runs them with uk_test_run_all():
 *
 *   #include <uk/test.h>
 *
 *   UK_TESTCASE(mylib, adds_up)
 *   {
 *           struct thing *t = mylib_make();
 *           UK_TEST_ASSERT_NOT_NULL(t);      // ends the case when it fails
 *           UK_TEST_EXPECT_EQ(t->count, 3);  // reports and goes on
 *   }
 *
 * Cases run sorted by "suite.case" (the linker sorts the section names),
 * so the order is stable whatever the link order. Suite and case names
 * are C identifiers.
 *
 * Expectations (UK_TEST_EXPECT*) record a failure and continue; assertions
 * (UK_TEST_ASSERT*) record it and `return` from the function they are
 * written in: use them in the case body (or in a helper returning void,
 * which then only ends the helper; check uk_test_failed() after it).
 * No exceptions, no longjmp, no allocation.
 *
 * Each failure prints one line "<file>:<line>: <expression> (<values>)".
 * Integer comparisons (EQ/NE/LT/LE/GT/GE/ZERO) evaluate each operand once
 * and compare the mathematical values, as C++20's std::cmp_less does:
 * mixing signed and unsigned operands is exact and warning-free. They
 * take integers, unscoped enums, bool and characters (at most 64 bits;
 * floating point is truncated; cast a C++ enum class); pointers go
 * through the PTR and NULL variants, strings through STR.
 */
#ifndef UK_TEST_H
#define UK_TEST_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

typedef void (*uk_testcase_func_t)(void);
typedef int (*uk_testsuite_init_func_t)(void);
typedef void (*uk_testsuite_fini_func_t)(void);

/** One case, as placed in the .uk_testtab.<suite>.<case> sections. */
struct uk_testcase {
	const char *suite;
	const char *name;
	uk_testcase_func_t func;
};

/** A suite's init or fini function (.uk_testsuitetab.<suite>). */
struct uk_testsuite_hook {
	const char *suite;
	uk_testsuite_init_func_t init; /**< NULL for a fini entry */
	uk_testsuite_fini_func_t fini; /**< NULL for an init entry */
	const char *name;
};

/*
 * Table entries are read as arrays: an explicit alignment keeps the
 * compiler from over-aligning them (which would leave holes between
 * entries and before the table's start symbol).
 */
#define UK_TEST_ENTRY_ALIGN_ __align(sizeof(void *))

/**
 * Defines and registers the case @p suite.@p name; the braces that follow
 * are its body (a function returning void).
 */
#define UK_TESTCASE(suite, name)                                             \
	static void uk_testcase_##suite##__##name(void);                     \
	static const struct uk_testcase __used UK_TEST_ENTRY_ALIGN_          \
		__section(".uk_testtab." #suite "." #name)                   \
		uk_testtab_##suite##__##name = {                             \
			#suite, #name, uk_testcase_##suite##__##name};       \
	static void uk_testcase_##suite##__##name(void)

/**
 * Registers `int fn(void)` to run once before the first case of @p suite
 * that is selected. A non-zero return fails every case of the suite
 * without running it (and skips the suite's fini functions).
 */
#define UK_TESTSUITE_INIT(suite, fn)                                         \
	static const struct uk_testsuite_hook __used UK_TEST_ENTRY_ALIGN_    \
		__section(".uk_testsuitetab." #suite)                        \
		uk_testsuite_init_##suite##__##fn = {#suite, fn, NULL, #fn}

/** Registers `void fn(void)` to run once after the last case of @p suite. */
#define UK_TESTSUITE_FINI(suite, fn)                                         \
	static const struct uk_testsuite_hook __used UK_TEST_ENTRY_ALIGN_    \
		__section(".uk_testsuitetab." #suite)                        \
		uk_testsuite_fini_##suite##__##fn = {#suite, NULL, fn, #fn}

/**
 * Runs the registered cases whose "suite.case" name starts with one of
 * the comma-separated prefixes in @p filter ("alloc." = the suite alloc,
 * "alloc.calloc" = its cases starting with calloc); NULL or "" runs all.
 * Prints "uktest: running N cases", one "uktest: PASS|FAIL|SKIP
 * suite.case" line per case (after its failure lines) and at the end
 * "uktest summary: N passed, N failed, N skipped".
 * @return the number of failed cases.
 */
int uk_test_run(const char *filter);

/** uk_test_run(NULL): every registered case. */
int uk_test_run_all(void);

/** @return non-zero when the running case has recorded a failure. */
int uk_test_failed(void);

/* Used by the macros below; not for direct calls. */
int uk_test_cmp_(int a_signed, unsigned long long a, int b_signed,
		 unsigned long long b);
int uk_test_str_eq_(const char *a, const char *b);
void uk_test_fail_(const char *file, int line, const char *fmt, ...)
	__printf_like(3, 4);
void uk_test_fail_int_(const char *file, int line, const char *expr,
		       int a_signed, unsigned long long a, int b_signed,
		       unsigned long long b);
void uk_test_fail_ptr_(const char *file, int line, const char *expr,
		       const void *a, const void *b);
void uk_test_fail_str_(const char *file, int line, const char *expr,
		       const char *a, const char *b);
void uk_test_skip_(const char *reason);

/* 1 for a signed operand (or one promoted to int), 0 for an unsigned one. */
#define UK_TEST_SIGNED_(v) ((v) * 0 - 1 < 1)
#define UK_TEST_ULL_(v)                                                      \
	(UK_TEST_SIGNED_(v) ? (unsigned long long)(long long)(v)             \
			    : (unsigned long long)(v))

#define UK_TEST_BOOL_(cond, on_fail)                                         \
	do {                                                                 \
		if (!(cond)) {                                               \
			uk_test_fail_(__FILE__, __LINE__, "%s (false)",      \
				      #cond);                                \
			on_fail;                                             \
		}                                                            \
	} while (0)

#define UK_TEST_INT_(a, op, b, on_fail)                                      \
	do {                                                                 \
		__typeof__(a) uk_test_a_ = (a);                              \
		__typeof__(b) uk_test_b_ = (b);                              \
		if (!(uk_test_cmp_(UK_TEST_SIGNED_(uk_test_a_),              \
				   UK_TEST_ULL_(uk_test_a_),                 \
				   UK_TEST_SIGNED_(uk_test_b_),              \
				   UK_TEST_ULL_(uk_test_b_)) op 0)) {        \
			uk_test_fail_int_(__FILE__, __LINE__,                \
					  #a " " #op " " #b,                 \
					  UK_TEST_SIGNED_(uk_test_a_),       \
					  UK_TEST_ULL_(uk_test_a_),          \
					  UK_TEST_SIGNED_(uk_test_b_),       \
					  UK_TEST_ULL_(uk_test_b_));         \
			on_fail;                                             \
		}                                                            \
	} while (0)

#define UK_TEST_PTR_(a, op, b, text, on_fail)                                \
	do {                                                                 \
		const void *uk_test_a_ = (const void *)(a);                  \
		const void *uk_test_b_ = (const void *)(b);                  \
		if (!(uk_test_a_ op uk_test_b_)) {                           \
			uk_test_fail_ptr_(__FILE__, __LINE__, text,          \
					  uk_test_a_, uk_test_b_);           \
			on_fail;                                             \
		}                                                            \
	} while (0)

#define UK_TEST_STR_(a, want_eq, op, b, on_fail)                             \
	do {                                                                 \
		const char *uk_test_a_ = (a);                                \
		const char *uk_test_b_ = (b);                                \
		if (uk_test_str_eq_(uk_test_a_, uk_test_b_) != (want_eq)) {  \
			uk_test_fail_str_(__FILE__, __LINE__,                \
					  #a " " #op " " #b, uk_test_a_,     \
					  uk_test_b_);                       \
			on_fail;                                             \
		}                                                            \
	} while (0)

#define UK_TEST_CONTINUE_ ((void)0)

/* Expectations: record a failure, the case goes on. */
#define UK_TEST_EXPECT(cond) UK_TEST_BOOL_(cond, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_EQ(a, b) UK_TEST_INT_(a, ==, b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_NE(a, b) UK_TEST_INT_(a, !=, b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_LT(a, b) UK_TEST_INT_(a, <, b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_LE(a, b) UK_TEST_INT_(a, <=, b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_GT(a, b) UK_TEST_INT_(a, >, b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_GE(a, b) UK_TEST_INT_(a, >=, b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_ZERO(a) UK_TEST_INT_(a, ==, 0, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_PTR_EQ(a, b)                                          \
	UK_TEST_PTR_(a, ==, b, #a " == " #b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_PTR_NE(a, b)                                          \
	UK_TEST_PTR_(a, !=, b, #a " != " #b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_NULL(a)                                               \
	UK_TEST_PTR_(a, ==, NULL, #a " == NULL", UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_NOT_NULL(a)                                           \
	UK_TEST_PTR_(a, !=, NULL, #a " != NULL", UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_STR_EQ(a, b) UK_TEST_STR_(a, 1, ==, b, UK_TEST_CONTINUE_)
#define UK_TEST_EXPECT_STR_NE(a, b) UK_TEST_STR_(a, 0, !=, b, UK_TEST_CONTINUE_)

/* Assertions: record a failure and return from the enclosing function. */
#define UK_TEST_ASSERT(cond) UK_TEST_BOOL_(cond, return)
#define UK_TEST_ASSERT_EQ(a, b) UK_TEST_INT_(a, ==, b, return)
#define UK_TEST_ASSERT_NE(a, b) UK_TEST_INT_(a, !=, b, return)
#define UK_TEST_ASSERT_LT(a, b) UK_TEST_INT_(a, <, b, return)
#define UK_TEST_ASSERT_LE(a, b) UK_TEST_INT_(a, <=, b, return)
#define UK_TEST_ASSERT_GT(a, b) UK_TEST_INT_(a, >, b, return)
#define UK_TEST_ASSERT_GE(a, b) UK_TEST_INT_(a, >=, b, return)
#define UK_TEST_ASSERT_ZERO(a) UK_TEST_INT_(a, ==, 0, return)
#define UK_TEST_ASSERT_PTR_EQ(a, b) UK_TEST_PTR_(a, ==, b, #a " == " #b, return)
#define UK_TEST_ASSERT_PTR_NE(a, b) UK_TEST_PTR_(a, !=, b, #a " != " #b, return)
#define UK_TEST_ASSERT_NULL(a) UK_TEST_PTR_(a, ==, NULL, #a " == NULL", return)
#define UK_TEST_ASSERT_NOT_NULL(a)                                           \
	UK_TEST_PTR_(a, !=, NULL, #a " != NULL", return)
#define UK_TEST_ASSERT_STR_EQ(a, b) UK_TEST_STR_(a, 1, ==, b, return)
#define UK_TEST_ASSERT_STR_NE(a, b) UK_TEST_STR_(a, 0, !=, b, return)

/** Records a failure with a printf-style message; the case goes on. */
#define UK_TEST_ADD_FAILURE(...) uk_test_fail_(__FILE__, __LINE__, __VA_ARGS__)

/** Records a failure with a printf-style message and ends the case. */
#define UK_TEST_FAIL(...)                                                    \
	do {                                                                 \
		uk_test_fail_(__FILE__, __LINE__, __VA_ARGS__);              \
		return;                                                      \
	} while (0)

/**
 * Ends the case as skipped, with @p reason (a string). A case that
 * failed before it is skipped still counts as failed.
 */
#define UK_TEST_SKIP(reason)                                                 \
	do {                                                                 \
		uk_test_skip_(reason);                                       \
		return;                                                      \
	} while (0)

UK_EXTERN_C_END

#endif /* UK_TEST_H */
