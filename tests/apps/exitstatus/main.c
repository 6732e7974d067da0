/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * How an image ends: the exit status of main, exit() with atexit
 * handlers, abort(), a failed UK_ASSERT, UK_CRASH and CPU faults (a page
 * fault, a division by zero, an undefined instruction) must all reach
 * whoever started the image (boot tests in test.json).
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
#if defined(__x86_64__)
	if (!strcmp(how, "doublefault")) /* an exception with no stack to use */
		__asm__ __volatile__("movabs $0x800000001000, %rsp; ud2");
	if (!strcmp(how, "divzero"))
		return status / *(volatile int *)&divisor;
#elif defined(__aarch64__)
	/* arm64 does not trap on division by zero (the result is 0): an
	 * undefined instruction instead; and a stack pointer into nowhere,
	 * where only the separate exception stack can report it. */
	if (!strcmp(how, "undefined"))
		__asm__ __volatile__("udf #7");
	if (!strcmp(how, "badstack"))
		__asm__ __volatile__("mov x0, #0x10000000000\n\tmov sp, x0\n\tstr x0, [sp, #-16]!"
				     : : : "x0", "memory");
	if (!strcmp(how, "divzero"))
		return status / *(volatile int *)&divisor;
#endif
	return status;
}
