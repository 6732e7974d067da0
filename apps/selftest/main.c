/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runs the in-image test suites of every library in the image (see
 * lib/uktest). argv[1], if given, is a filter: comma-separated
 * "suite" or "suite.case" prefixes. Exit status 0 when every case
 * passed (or was skipped), 1 otherwise.
 */
#include <uk/test.h>

int main(int argc, char *argv[])
{
	int failed = uk_test_run(argc > 1 ? argv[1] : NULL);
	return failed ? 1 : 0;
}
