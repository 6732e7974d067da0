#include <uk/config.h>
int config_value(void) { return CONFIG_APPINCR_VALUE; }
