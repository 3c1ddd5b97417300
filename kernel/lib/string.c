/* SPDX-License-Identifier: MIT */
/*
 * kernel/lib/string.c - memory and string functions with their standard C
 * meaning; the compiler may also call memset/memcpy/memmove/memcmp itself.
 * Plain loops: clear before fast.  memset() and memcpy() move eight
 * bytes at a time when the addresses and the length allow it (zeroing a
 * fresh page, copying one in migration: docs/10-migration.md measures
 * it); everything else goes byte by byte.
 *
 * Course text: docs/00-introduction.md.
 */
#include "kernel/lib.h"

/* Are both addresses and the length multiples of 8? */
static bool
words_ok(const void *a, const void *b, size_t n)
{
	return (((uintptr_t)a | (uintptr_t)b | n) & 7) == 0;
}

void *
memset(void *dst, int c, size_t n)
{
	u8 *d = dst;

	if (words_ok(dst, dst, n)) {
		u64 *w = dst, v = 0x0101010101010101ULL * (u8)c;

		for (n /= 8; n--;)
			*w++ = v;
		return dst;
	}
	while (n--)
		*d++ = (u8)c;
	return dst;
}

void *
memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (words_ok(dst, src, n)) {
		u64 *wd = dst;
		const u64 *ws = src;

		for (n /= 8; n--;)
			*wd++ = *ws++;
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t
strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (u8)*a - (u8)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
