// SPDX-License-Identifier: BSD-3-Clause
//
// The runner: walks the case table (sorted by "suite.case" by the
// linker), runs each suite's init functions before its first selected
// case and its fini functions after its last, and prints one line per
// case and the summary line the boot-test runner parses.

#include <uk/config.h>
#include <string.h>

#include "uktest.hpp"

extern "C" {
// support/build/uk_tables.lds.inc
extern const uk_testcase __uk_testtab_start[], __uk_testtab_end[];
extern const uk_testsuite_hook __uk_testsuitetab_start[],
	__uk_testsuitetab_end[];
}

namespace uk::test {
namespace {

inline constexpr bool kStopOnFailure =
	UK_IS_ENABLED(CONFIG_LIBUKTEST_STOP_ON_FAILURE);

struct Counts {
	unsigned passed;
	unsigned failed;
	unsigned skipped;
};

// Does "suite.case" start with prefix[0, len)?
bool has_prefix(const uk_testcase *tc, const char *prefix, size_t len)
{
	const size_t suite_len = strlen(tc->suite);
	if (len <= suite_len)
		return strncmp(tc->suite, prefix, len) == 0;
	return strncmp(tc->suite, prefix, suite_len) == 0 &&
	       prefix[suite_len] == '.' &&
	       strncmp(tc->name, prefix + suite_len + 1,
		       len - suite_len - 1) == 0;
}

// @p filter: NULL, "" or comma-separated prefixes (empty ones ignored).
bool selected(const uk_testcase *tc, const char *filter)
{
	if (!filter || !*filter)
		return true;
	for (const char *p = filter; *p;) {
		const char *comma = strchr(p, ',');
		const size_t len = comma ? size_t(comma - p) : strlen(p);
		if (len && has_prefix(tc, p, len))
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

bool same_suite(const uk_testcase *a, const uk_testcase *b)
{
	return strcmp(a->suite, b->suite) == 0;
}

void count(Counts *c, const uk_testcase *tc, const char *verdict,
	   const char *reason)
{
	if (reason)
		emit("uktest: %s %s.%s (%s)", verdict, tc->suite, tc->name,
		     reason);
	else
		emit("uktest: %s %s.%s", verdict, tc->suite, tc->name);
	unsigned *n = verdict[0] == 'P' ? &c->passed
		      : verdict[0] == 'F' ? &c->failed : &c->skipped;
	++*n;
}

void run_case(Counts *c, const uk_testcase *tc)
{
	g_case = {};
	if (tc > __uk_testtab_start && same_suite(tc - 1, tc) &&
	    strcmp(tc[-1].name, tc->name) == 0) {
		emit("%s.%s: registered twice (UK_TESTCASE in two files)",
		     tc->suite, tc->name);
		count(c, tc, "FAIL", nullptr);
		return;
	}
	tc->func();
	if (g_case.failures)
		count(c, tc, "FAIL", nullptr);
	else if (g_case.skipped)
		count(c, tc, "SKIP",
		      g_case.skip_reason ? g_case.skip_reason : "");
	else
		count(c, tc, "PASS", nullptr);
}

// @return the first init function of @p suite that returned non-zero
// (*rc: its return), or NULL when all succeeded.
const uk_testsuite_hook *run_inits(const char *suite, int *rc)
{
	for (const uk_testsuite_hook *h = __uk_testsuitetab_start;
	     h < __uk_testsuitetab_end; ++h) {
		if (!h->init || strcmp(h->suite, suite) != 0)
			continue;
		*rc = h->init();
		if (*rc != 0)
			return h;
	}
	return nullptr;
}

void run_finis(const char *suite)
{
	for (const uk_testsuite_hook *h = __uk_testsuitetab_start;
	     h < __uk_testsuitetab_end; ++h) {
		if (h->fini && strcmp(h->suite, suite) == 0)
			h->fini();
	}
}

// Runs the selected cases of one suite, [first, last).
void run_suite(Counts *c, const uk_testcase *first, const uk_testcase *last,
	       const char *filter)
{
	bool any = false;
	for (const uk_testcase *tc = first; tc < last && !any; ++tc)
		any = selected(tc, filter);
	if (!any)
		return;

	int rc = 0;
	const bool stopped = kStopOnFailure && c->failed;
	const uk_testsuite_hook *failed_init =
		stopped ? nullptr : run_inits(first->suite, &rc);
	for (const uk_testcase *tc = first; tc < last; ++tc) {
		if (!selected(tc, filter))
			continue;
		if (kStopOnFailure && c->failed) {
			count(c, tc, "SKIP", "stopped after a failure");
		} else if (failed_init) {
			emit("suite %s: init function %s returned %d",
			     tc->suite, failed_init->name, rc);
			count(c, tc, "FAIL", nullptr);
		} else {
			run_case(c, tc);
		}
	}
	if (!stopped && !failed_init)
		run_finis(first->suite);
}

} // namespace
} // namespace uk::test

using namespace uk::test;

extern "C" int uk_test_run(const char *filter)
{
	unsigned total = 0;
	for (const uk_testcase *tc = __uk_testtab_start; tc < __uk_testtab_end;
	     ++tc)
		total += selected(tc, filter);
	if (filter && *filter)
		emit("uktest: running %u cases matching \"%s\"", total, filter);
	else
		emit("uktest: running %u cases", total);

	Counts c{};
	for (const uk_testcase *first = __uk_testtab_start;
	     first < __uk_testtab_end;) {
		const uk_testcase *last = first + 1;
		while (last < __uk_testtab_end && same_suite(first, last))
			++last;
		run_suite(&c, first, last, filter);
		first = last;
	}
	emit("uktest summary: %u passed, %u failed, %u skipped", c.passed,
	     c.failed, c.skipped);
	return static_cast<int>(c.failed);
}

extern "C" int uk_test_run_all(void)
{
	return uk_test_run(nullptr);
}
