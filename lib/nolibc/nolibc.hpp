/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private interface of nolibc.
 *
 * Every libc function is written once, as a C++ function in namespace
 * uk::nolibc. UK_NOLIBC_CNAME() gives it its C symbol name in the image
 * (an assembler label: `uk::nolibc::strlen` *is* the symbol `strlen`, no
 * wrapper, no extra call). Host tests build the same sources with
 * UK_HOSTTEST, where the label is dropped: the functions keep their mangled
 * C++ names and live next to the host's glibc without clashing, and tests
 * call them as uk::nolibc::strlen() etc.
 *
 * NOTE: sources include only this header and the compiler's freestanding
 * headers (plus <errno.h> for the numbers, which are Linux's both in nolibc
 * and in the host glibc). They must never use the `errno` macro: use
 * set_errno() so that host tests see nolibc's errno, not glibc's.
 */
#ifndef UK_NOLIBC_HPP
#define UK_NOLIBC_HPP

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <uk/config.h>
#include <uk/essentials.h>

#ifdef UK_HOSTTEST
#define UK_NOLIBC_CNAME(name)
#else
#define UK_NOLIBC_CNAME(name) __asm__(#name)
#endif

/* The object behind the opaque FILE of <stdio.h>. */
struct uk_nolibc_file;

namespace uk::nolibc {

inline constexpr bool kFloat = UK_IS_ENABLED(CONFIG_LIBNOLIBC_FLOAT);

using FILE = ::uk_nolibc_file;
using ssize_t = long;

/* errno.cpp */
int *errno_location() UK_NOLIBC_CNAME(__errno);
inline void set_errno(int e) { *errno_location() = e; }

/* mem.cpp */
void *memcpy(void *__restrict dst, const void *__restrict src, size_t n)
	UK_NOLIBC_CNAME(memcpy);
void *memmove(void *dst, const void *src, size_t n) UK_NOLIBC_CNAME(memmove);
void *memset(void *dst, int c, size_t n) UK_NOLIBC_CNAME(memset);
int memcmp(const void *a, const void *b, size_t n) UK_NOLIBC_CNAME(memcmp);
void *memchr(const void *s, int c, size_t n) UK_NOLIBC_CNAME(memchr);
void *memrchr(const void *s, int c, size_t n) UK_NOLIBC_CNAME(memrchr);
void bzero(void *s, size_t n) UK_NOLIBC_CNAME(bzero);

/* string.cpp */
size_t strlen(const char *s) UK_NOLIBC_CNAME(strlen);
size_t strnlen(const char *s, size_t max) UK_NOLIBC_CNAME(strnlen);
char *strcpy(char *__restrict d, const char *__restrict s) UK_NOLIBC_CNAME(strcpy);
char *strncpy(char *__restrict d, const char *__restrict s, size_t n)
	UK_NOLIBC_CNAME(strncpy);
char *stpcpy(char *__restrict d, const char *__restrict s) UK_NOLIBC_CNAME(stpcpy);
size_t strlcpy(char *__restrict d, const char *__restrict s, size_t n)
	UK_NOLIBC_CNAME(strlcpy);
size_t strlcat(char *__restrict d, const char *__restrict s, size_t n)
	UK_NOLIBC_CNAME(strlcat);
char *strcat(char *__restrict d, const char *__restrict s) UK_NOLIBC_CNAME(strcat);
char *strncat(char *__restrict d, const char *__restrict s, size_t n)
	UK_NOLIBC_CNAME(strncat);
int strcmp(const char *a, const char *b) UK_NOLIBC_CNAME(strcmp);
int strncmp(const char *a, const char *b, size_t n) UK_NOLIBC_CNAME(strncmp);
int strcoll(const char *a, const char *b) UK_NOLIBC_CNAME(strcoll);
int strcasecmp(const char *a, const char *b) UK_NOLIBC_CNAME(strcasecmp);
int strncasecmp(const char *a, const char *b, size_t n)
	UK_NOLIBC_CNAME(strncasecmp);
char *strchr(const char *s, int c) UK_NOLIBC_CNAME(strchr);
char *strrchr(const char *s, int c) UK_NOLIBC_CNAME(strrchr);
char *strstr(const char *h, const char *n) UK_NOLIBC_CNAME(strstr);
size_t strspn(const char *s, const char *accept) UK_NOLIBC_CNAME(strspn);
size_t strcspn(const char *s, const char *reject) UK_NOLIBC_CNAME(strcspn);
char *strpbrk(const char *s, const char *accept) UK_NOLIBC_CNAME(strpbrk);
char *strtok(char *__restrict s, const char *__restrict delim)
	UK_NOLIBC_CNAME(strtok);
char *strtok_r(char *__restrict s, const char *__restrict delim,
	       char **__restrict save) UK_NOLIBC_CNAME(strtok_r);
char *strsep(char **sp, const char *delim) UK_NOLIBC_CNAME(strsep);
char *strdup(const char *s) UK_NOLIBC_CNAME(strdup);
char *strndup(const char *s, size_t n) UK_NOLIBC_CNAME(strndup);
int ffs(int i) UK_NOLIBC_CNAME(ffs);

/* strerror.cpp */
char *strerror(int errnum) UK_NOLIBC_CNAME(strerror);
/** The message of @p errnum, or NULL when errno.h does not name it. */
const char *errno_message(int errnum);

/* ctype.cpp */
int isalnum(int c) UK_NOLIBC_CNAME(isalnum);
int isalpha(int c) UK_NOLIBC_CNAME(isalpha);
int isascii(int c) UK_NOLIBC_CNAME(isascii);
int isblank(int c) UK_NOLIBC_CNAME(isblank);
int iscntrl(int c) UK_NOLIBC_CNAME(iscntrl);
int isdigit(int c) UK_NOLIBC_CNAME(isdigit);
int isgraph(int c) UK_NOLIBC_CNAME(isgraph);
int islower(int c) UK_NOLIBC_CNAME(islower);
int isprint(int c) UK_NOLIBC_CNAME(isprint);
int ispunct(int c) UK_NOLIBC_CNAME(ispunct);
int isspace(int c) UK_NOLIBC_CNAME(isspace);
int isupper(int c) UK_NOLIBC_CNAME(isupper);
int isxdigit(int c) UK_NOLIBC_CNAME(isxdigit);
int tolower(int c) UK_NOLIBC_CNAME(tolower);
int toupper(int c) UK_NOLIBC_CNAME(toupper);

/* format.cpp: the printf engine */

/**
 * Where formatted output goes: put(ctx, s, n) is called with consecutive
 * pieces of the output. It must accept every piece (a bounded sink counts
 * and drops what does not fit).
 */
struct Sink {
	void (*put)(Sink *self, const char *s, size_t n);
};

/**
 * Formats @p fmt with @p ap into @p sink (C99 printf semantics).
 * @return the number of characters produced, or -1 with EOVERFLOW when
 * that exceeds INT_MAX (everything is still handed to the sink).
 */
int format(Sink *sink, const char *fmt, va_list ap);

/* format_float.cpp: %f %e %g %a of format(); @p conv is the letter. */
struct Spec {
	int flags;     /* kFlag* */
	int width;     /* -1: none */
	int precision; /* -1: none */
	char conv;
};
inline constexpr int kFlagLeft = 1, kFlagPlus = 2, kFlagSpace = 4,
		     kFlagAlt = 8, kFlagZero = 16;
/** Emits @p pad copies of @p c. */
void put_repeat(Sink *sink, char c, int pad);
/** @return the characters emitted. */
int format_double(Sink *sink, const Spec &spec, double v);
/* format_hexfloat.cpp: %a, @p sign is '-', '+', ' ' or 0. */
int format_hexfloat(Sink *sink, const Spec &spec, char sign, double v,
		    bool upper);

int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	      va_list ap) UK_NOLIBC_CNAME(vsnprintf);
int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	     ...) UK_NOLIBC_CNAME(snprintf) __printf_like(3, 4);
int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap)
	UK_NOLIBC_CNAME(vsprintf);
int sprintf(char *__restrict buf, const char *__restrict fmt, ...)
	UK_NOLIBC_CNAME(sprintf) __printf_like(2, 3);
int vasprintf(char **strp, const char *fmt, va_list ap)
	UK_NOLIBC_CNAME(vasprintf);
int asprintf(char **strp, const char *fmt, ...) UK_NOLIBC_CNAME(asprintf)
	__printf_like(2, 3);

/* stdio.cpp */
extern FILE *stdin_ UK_NOLIBC_CNAME(stdin);
extern FILE *stdout_ UK_NOLIBC_CNAME(stdout);
extern FILE *stderr_ UK_NOLIBC_CNAME(stderr);
int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
	UK_NOLIBC_CNAME(vfprintf);
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
	UK_NOLIBC_CNAME(fprintf) __printf_like(2, 3);
int vprintf(const char *__restrict fmt, va_list ap) UK_NOLIBC_CNAME(vprintf);
int printf(const char *__restrict fmt, ...) UK_NOLIBC_CNAME(printf)
	__printf_like(1, 2);
int vdprintf(int fd, const char *__restrict fmt, va_list ap)
	UK_NOLIBC_CNAME(vdprintf);
int dprintf(int fd, const char *__restrict fmt, ...) UK_NOLIBC_CNAME(dprintf)
	__printf_like(2, 3);
int fputc(int c, FILE *f) UK_NOLIBC_CNAME(fputc);
int putc(int c, FILE *f) UK_NOLIBC_CNAME(putc);
int putchar(int c) UK_NOLIBC_CNAME(putchar);
int fputs(const char *__restrict s, FILE *__restrict f) UK_NOLIBC_CNAME(fputs);
int puts(const char *s) UK_NOLIBC_CNAME(puts);
size_t fwrite(const void *__restrict p, size_t size, size_t n,
	      FILE *__restrict f) UK_NOLIBC_CNAME(fwrite);
int fflush(FILE *f) UK_NOLIBC_CNAME(fflush);
int fgetc(FILE *f) UK_NOLIBC_CNAME(fgetc);
int getc(FILE *f) UK_NOLIBC_CNAME(getc);
int getchar() UK_NOLIBC_CNAME(getchar);
char *fgets(char *__restrict s, int n, FILE *__restrict f) UK_NOLIBC_CNAME(fgets);
void perror(const char *s) UK_NOLIBC_CNAME(perror);
ssize_t write(int fd, const void *buf, size_t n) UK_NOLIBC_CNAME(write);

/* strtol.cpp */
long strtol(const char *__restrict s, char **__restrict end, int base)
	UK_NOLIBC_CNAME(strtol);
long long strtoll(const char *__restrict s, char **__restrict end, int base)
	UK_NOLIBC_CNAME(strtoll);
unsigned long strtoul(const char *__restrict s, char **__restrict end,
		      int base) UK_NOLIBC_CNAME(strtoul);
unsigned long long strtoull(const char *__restrict s, char **__restrict end,
			    int base) UK_NOLIBC_CNAME(strtoull);
intmax_t strtoimax(const char *__restrict s, char **__restrict end, int base)
	UK_NOLIBC_CNAME(strtoimax);
uintmax_t strtoumax(const char *__restrict s, char **__restrict end, int base)
	UK_NOLIBC_CNAME(strtoumax);
int atoi(const char *s) UK_NOLIBC_CNAME(atoi);
long atol(const char *s) UK_NOLIBC_CNAME(atol);
long long atoll(const char *s) UK_NOLIBC_CNAME(atoll);

/* strtod.cpp */
double strtod(const char *__restrict s, char **__restrict end)
	UK_NOLIBC_CNAME(strtod);
float strtof(const char *__restrict s, char **__restrict end)
	UK_NOLIBC_CNAME(strtof);
double atof(const char *s) UK_NOLIBC_CNAME(atof);

/* qsort.cpp */
using CompareFn = int (*)(const void *, const void *);
void qsort(void *base, size_t n, size_t size, CompareFn cmp)
	UK_NOLIBC_CNAME(qsort);
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      CompareFn cmp) UK_NOLIBC_CNAME(bsearch);

/* malloc.cpp */
void *malloc(size_t size) UK_NOLIBC_CNAME(malloc);
void *calloc(size_t n, size_t size) UK_NOLIBC_CNAME(calloc);
void *realloc(void *p, size_t size) UK_NOLIBC_CNAME(realloc);
void *reallocarray(void *p, size_t n, size_t size) UK_NOLIBC_CNAME(reallocarray);
void free(void *p) UK_NOLIBC_CNAME(free);
int posix_memalign(void **memptr, size_t align, size_t size)
	UK_NOLIBC_CNAME(posix_memalign);
void *aligned_alloc(size_t align, size_t size) UK_NOLIBC_CNAME(aligned_alloc);
void *memalign(size_t align, size_t size) UK_NOLIBC_CNAME(memalign);

/* exit.cpp */
int atexit(void (*fn)()) UK_NOLIBC_CNAME(atexit);
[[noreturn]] void exit(int status) UK_NOLIBC_CNAME(exit);
[[noreturn]] void _Exit(int status) UK_NOLIBC_CNAME(_Exit);
[[noreturn]] void _exit(int status) UK_NOLIBC_CNAME(_exit);
[[noreturn]] void abort() UK_NOLIBC_CNAME(abort);
[[noreturn]] void assert_fail(const char *expr, const char *file, int line,
			      const char *func) UK_NOLIBC_CNAME(__assert_fail);

/* stdlib.cpp */
int abs(int v) UK_NOLIBC_CNAME(abs);
long labs(long v) UK_NOLIBC_CNAME(labs);
long long llabs(long long v) UK_NOLIBC_CNAME(llabs);
int rand() UK_NOLIBC_CNAME(rand);
int rand_r(unsigned int *seed) UK_NOLIBC_CNAME(rand_r);
void srand(unsigned int seed) UK_NOLIBC_CNAME(srand);
char *getenv(const char *name) UK_NOLIBC_CNAME(getenv);

} // namespace uk::nolibc

#endif /* UK_NOLIBC_HPP */
