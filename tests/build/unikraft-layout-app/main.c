/* Fixture in the shape of Unikraft's app-helloworld main.c. */
#include <stdio.h>

/* Import user configuration: */
#ifdef __Unikraft__
#include <uk/config.h>
#endif /* __Unikraft__ */

int main(int argc, char *argv[])
{
#if CONFIG_APPHELLOWORLD_PRINTARGS
	int i;
#endif

	printf("Hello world!\n");

#if CONFIG_APPHELLOWORLD_PRINTARGS
	printf("Arguments: ");
	for (i = 0; i < argc; ++i)
		printf(" \"%s\"", argv[i]);
	printf("\n");
#endif
	return 0;
}
