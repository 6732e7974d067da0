/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * How an image ends: the exit status of main, exit() with atexit
 * handlers, abort(), a failed UK_ASSERT, UK_CRASH and CPU faults (a page
 * fault, a division by zero) must all reach whoever started the image
 * (boot tests in test.json).
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <uk/assert.h>

static void say_bye(void) { printf("atexit handler ran\n"); }
static volatile int divisor; /* 0: a division the compiler cannot fold */

int main(int argc, char *argv[])
{
	const char *how = argc > 1 ? argv[1] : "return";
	int status = argc > 2 ? atoi(argv[2]) : 0;

	atexit(say_bye);
	printf("ending by %s %d\n", how, status);
	if (!strcmp(how, "exit"))
		exit(status);
	if (!strcmp(how, "abort"))
		abort();
	if (!strcmp(how, "assert"))
		UK_ASSERT(status == 12345);
	if (!strcmp(how, "crash")) {
		printf("unfinished line");
		UK_CRASH("asked to crash with %d", status);
	}
	if (!strcmp(how, "pagefault"))
		return *(volatile int *)(uintptr_t)(0x10 + status);
	if (!strcmp(how, "doublefault")) /* an exception with no stack to use */
		__asm__ __volatile__("movabs $0x800000001000, %rsp; ud2");
	if (!strcmp(how, "divzero"))
		return status / *(volatile int *)&divisor;
	return status;
}
