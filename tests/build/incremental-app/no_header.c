#if !defined(FILE_FLAG) || !defined(LIBRARY_FLAG)
#error per-file or per-library flags did not arrive
#endif
int plain_value(void) { return FILE_FLAG; }
