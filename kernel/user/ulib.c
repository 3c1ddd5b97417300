/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/ulib.c - the helpers every user program links: uprintf()
 * (formats into a buffer, then one write system call) and number
 * parsing.  The string functions are the kernel's own kernel/lib/string.c,
 * built a second time for user mode.  Small on purpose: a program is a
 * few pages.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include <stdarg.h>

#include "kernel/user/ulib.h"

#define UPRINTF_MAX	256	/* longer output is cut */

/* Digits of V in BASE into the end of TMP; returns where they start. */
static char *
utoa(unsigned long v, unsigned int base, char *end)
{
	*--end = '\0';
	do {
		*--end = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	return end;
}

int
uprintf(const char *fmt, ...)
{
	char buf[UPRINTF_MAX], tmp[24];
	size_t len = 0;
	va_list ap;

	va_start(ap, fmt);
	for (const char *f = fmt; *f && len < sizeof(buf); f++) {
		const char *s = tmp;
		int is_long = 0;

		if (*f != '%') {
			buf[len++] = *f;
			continue;
		}
		if (*++f == 'l') {
			is_long = 1;
			f++;
		}
		switch (*f) {
		case 'd': {
			long v = is_long ? va_arg(ap, long) : va_arg(ap, int);

			s = utoa(v < 0 ? -(unsigned long)v : (unsigned long)v, 10, tmp + sizeof(tmp));
			if (v < 0)
				*(char *)--s = '-';
			break;
		}
		case 'u':
			s = utoa(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int),
				 10, tmp + sizeof(tmp));
			break;
		case 'x':
			s = utoa(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int),
				 16, tmp + sizeof(tmp));
			break;
		case 's':
			s = va_arg(ap, const char *);
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			tmp[1] = '\0';
			break;
		default:		/* "%%", or a conversion we do not have: as is */
			tmp[0] = *f ? *f : '%';
			tmp[1] = '\0';
			if (!*f)
				f--;
			break;
		}
		while (*s && len < sizeof(buf))
			buf[len++] = *s++;
	}
	va_end(ap);
	return sys_write(buf, len);
}

long
parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (~0UL - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

const char *
size_str(unsigned long bytes, char *buf, size_t size)
{
	static const char units[] = "BKMG";
	char tmp[24];
	const char *digits;
	int u = 0;
	size_t n;

	while (u < 3 && bytes && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	digits = utoa(bytes, 10, tmp + sizeof(tmp));
	n = strlen(digits);
	if (n + 2 > size)
		return "?";
	memcpy(buf, digits, n);
	buf[n] = units[u];
	buf[n + 1] = '\0';
	return buf;
}
