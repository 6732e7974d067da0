#define INCR_VALUE 7
