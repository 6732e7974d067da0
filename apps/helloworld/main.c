/* SPDX-License-Identifier: BSD-3-Clause */
/* The smallest useful image: a greeting and its command line. */
#include <stdio.h>

#ifdef __Unikraft__
#include <uk/config.h>
#endif

int main(int argc, char *argv[])
{
	printf("Hello world!\n");
#if CONFIG_APPHELLOWORLD_PRINTARGS
	printf("Arguments:");
	for (int i = 0; i < argc; ++i)
		printf(" \"%s\"", argv[i]);
	printf("\n");
#endif
	return 0;
}
