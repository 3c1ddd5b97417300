/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_kernel.c - the kernel interface the fuzz targets link
 * against: a printk that traps unless each message is exactly one line
 * ending in its newline (STYLE.md section 6), and a panic that traps (bad
 * input must never be a kernel bug).
 *
 * Course text: docs/00-introduction.md (testing).  Tests: make fuzz
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/kernel.h"

int console_loglevel = 7;

int
vprintk(const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n <= 0 || (size_t)n >= sizeof(buf) || buf[n - 1] != '\n' ||
	    strchr(buf, '\n') != buf + n - 1)
		__builtin_trap();
	return n;
}

int
printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void
panic(const char *fmt, ...)
{
	(void)fmt;
	__builtin_trap();
}
