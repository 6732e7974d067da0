/* SPDX-License-Identifier: BSD-3-Clause */
/* str*() of <string.h> and <strings.h>. */
#include "nolibc.hpp"

namespace uk::nolibc {

size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return static_cast<size_t>(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

char *stpcpy(char *__restrict d, const char *__restrict s)
{
	while ((*d = *s++))
		d++;
	return d;
}

char *strcpy(char *__restrict d, const char *__restrict s)
{
	stpcpy(d, s);
	return d;
}

char *strncpy(char *__restrict d, const char *__restrict s, size_t n)
{
	size_t i = 0;
	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = '\0';
	return d;
}

size_t strlcpy(char *__restrict d, const char *__restrict s, size_t n)
{
	size_t len = strlen(s);
	if (n) {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(d, s, k);
		d[k] = '\0';
	}
	return len;
}

size_t strlcat(char *__restrict d, const char *__restrict s, size_t n)
{
	size_t used = strnlen(d, n);
	if (used == n) /* no terminator within n: nothing appended */
		return n + strlen(s);
	return used + strlcpy(d + used, s, n - used);
}

char *strcat(char *__restrict d, const char *__restrict s)
{
	strcpy(d + strlen(d), s);
	return d;
}

char *strncat(char *__restrict d, const char *__restrict s, size_t n)
{
	char *p = d + strlen(d);
	while (n-- && *s)
		*p++ = *s++;
	*p = '\0';
	return d;
}

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return static_cast<unsigned char>(*a) - static_cast<unsigned char>(*b);
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a)
			return static_cast<unsigned char>(*a) -
			       static_cast<unsigned char>(*b);
	}
	return 0;
}

/* Only the "C" locale exists. */
int strcoll(const char *a, const char *b) { return strcmp(a, b); }

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = tolower(static_cast<unsigned char>(*a));
		int y = tolower(static_cast<unsigned char>(*b));
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, SIZE_MAX);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == static_cast<char>(c))
			return const_cast<char *>(s);
		if (!*s)
			return nullptr;
	}
}

char *strrchr(const char *s, int c)
{
	const char *found = nullptr;
	for (;; s++) {
		if (*s == static_cast<char>(c))
			found = s;
		if (!*s)
			return const_cast<char *>(found);
	}
}

/* Quadratic in the worst case; fine for the short strings of a kernel. */
char *strstr(const char *h, const char *n)
{
	size_t len = strlen(n);
	if (!len)
		return const_cast<char *>(h);
	for (; *h; h++)
		if (*h == *n && strncmp(h, n, len) == 0)
			return const_cast<char *>(h);
	return nullptr;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;
	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;
	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? const_cast<char *>(s) : nullptr;
}

char *strtok_r(char *__restrict s, const char *__restrict delim,
	       char **__restrict save)
{
	if (!s)
		s = *save;
	s += strspn(s, delim);
	if (!*s) {
		*save = s;
		return nullptr;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

namespace {
constinit char *strtok_state = nullptr;
} // namespace

char *strtok(char *__restrict s, const char *__restrict delim)
{
	return strtok_r(s, delim, &strtok_state);
}

char *strsep(char **sp, const char *delim)
{
	char *s = *sp;
	if (!s)
		return nullptr;
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0', *sp = end;
	else
		*sp = nullptr;
	return s;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	auto *d = static_cast<char *>(malloc(len + 1));
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

char *strdup(const char *s) { return strndup(s, SIZE_MAX); }

int ffs(int i)
{
	return __builtin_ffs(i);
}

} // namespace uk::nolibc
