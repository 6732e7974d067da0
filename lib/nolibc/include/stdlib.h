/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: <stdlib.h>. Compiles as C11 and as C++. */
#ifndef _NOLIBC_STDLIB_H
#define _NOLIBC_STDLIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff
#define MB_CUR_MAX 1

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;
typedef struct { long long quot; long long rem; } lldiv_t;

/* Routed to the default uk_alloc allocator; NULL and ENOMEM without one. */
void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void *reallocarray(void *ptr, size_t nmemb, size_t size);
void free(void *ptr);
int posix_memalign(void **memptr, size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
void *memalign(size_t alignment, size_t size);

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *__restrict s, char **__restrict endptr, int base);
long long strtoll(const char *__restrict s, char **__restrict endptr,
		  int base);
unsigned long strtoul(const char *__restrict s, char **__restrict endptr,
		      int base);
unsigned long long strtoull(const char *__restrict s,
			    char **__restrict endptr, int base);
/* Only with CONFIG_LIBNOLIBC_FLOAT. */
double strtod(const char *__restrict s, char **__restrict endptr);
float strtof(const char *__restrict s, char **__restrict endptr);
double atof(const char *s);

int abs(int v);
long labs(long v);
long long llabs(long long v);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

int rand(void);
int rand_r(unsigned int *seed);
void srand(unsigned int seed);
/** There is no environment yet: always NULL. */
char *getenv(const char *name);

/** At least 32 handlers; run in reverse order by exit(). */
int atexit(void (*function)(void));
/** Runs the atexit handlers, flushes stdout, stops the image. */
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
/** Prints "abort() called" and stops with UKPLAT_CRASH_STATUS. */
__attribute__((noreturn)) void abort(void);

#ifdef __cplusplus
}
#endif

#endif /* _NOLIBC_STDLIB_H */
