#include <stdio.h>
int header_value(void);
int config_value(void);
int plain_value(void);
int asm_value(void);
int main(void)
{
	printf("%d %d %d %d\n", header_value(), config_value(), plain_value(), asm_value());
	return 0;
}
