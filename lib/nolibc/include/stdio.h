/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: <stdio.h>: console streams only. Compiles as C11 and as C++. */
#ifndef _NOLIBC_STDIO_H
#define _NOLIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque; only stdin, stdout and stderr exist. */
typedef struct uk_nolibc_file FILE;

#define EOF (-1)
#define BUFSIZ 128

extern FILE *stdin;
extern FILE *stdout; /**< line buffered */
extern FILE *stderr; /**< unbuffered */
#define stdin stdin
#define stdout stdout
#define stderr stderr

int printf(const char *__restrict fmt, ...)
	__attribute__((format(printf, 1, 2)));
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
	__attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *__restrict fmt, ...)
	__attribute__((format(printf, 2, 3)));
int sprintf(char *__restrict buf, const char *__restrict fmt, ...)
	__attribute__((format(printf, 2, 3)));
int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	     ...) __attribute__((format(printf, 3, 4)));
/** Allocates the result with malloc(); -1 on failure. */
int asprintf(char **strp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vprintf(const char *__restrict fmt, va_list ap);
int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap);
int vdprintf(int fd, const char *__restrict fmt, va_list ap);
int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap);
int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	      va_list ap);
int vasprintf(char **strp, const char *fmt, va_list ap);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *__restrict s, FILE *__restrict f);
int puts(const char *s);
size_t fwrite(const void *__restrict ptr, size_t size, size_t nmemb,
	      FILE *__restrict f);
int fflush(FILE *f);
/* No console input yet: these return EOF / NULL. */
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *__restrict s, int n, FILE *__restrict f);
void perror(const char *s);

#ifdef __cplusplus
}
#endif

#endif /* _NOLIBC_STDIO_H */
