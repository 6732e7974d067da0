#include <incr/value.h>
#ifdef FILE_FLAG
#error a per-file flag leaked into another file
#endif
int header_value(void) { return INCR_VALUE; }
