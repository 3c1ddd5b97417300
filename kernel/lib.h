/* SPDX-License-Identifier: MIT */
/*
 * kernel/lib.h - the small C library the kernel carries (kernel/lib/).
 *
 * The names and behaviour are the standard C ones, so code shared with the
 * host build (mm/, drivers/acpi/, the shell parser) calls memcpy() or
 * snprintf() and gets the C library's version there, ours here.
 *
 * Course text: docs/00-introduction.md.
 */
#ifndef KERNEL_LIB_H
#define KERNEL_LIB_H

#include "kernel/types.h"

#ifdef HOTMEM_HOST
#include <stdio.h>
#include <string.h>
#else
/* string.c */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

/* printf.c: %d %i %u %x %X %o %c %s %p %%, flags - 0 + space #, width,
 * precision, length modifiers hh h l ll z t j. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* printf() writes to the console, without a timestamp (shell output). */
int printf(const char *fmt, ...) __printf(1, 2);
int vprintf(const char *fmt, va_list ap);
int putchar(int c);
int puts(const char *s);
#endif

#endif /* KERNEL_LIB_H */
