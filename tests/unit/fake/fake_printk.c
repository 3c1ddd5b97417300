/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_printk.c - printk() and console_loglevel for host
 * tests: messages are recorded in fake_printk_buf instead of a console.
 *
 * The real kernel/printk.c is not linked into host tests; this file gives
 * the code under test the same interface (kernel/kernel.h), and panic():
 * a broken invariant in the code under test becomes a cmocka assertion
 * failure, which expect_assert_failure() can catch.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/kernel/test_cmdline.c, tests/unit/mm/test_page_alloc.c
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_printk.h"

int console_loglevel = 7;

char fake_printk_buf[FAKE_PRINTK_BUF];
int fake_printk_count;
char fake_panic_msg[256];
static size_t fake_printk_len;	/* bytes used in fake_printk_buf */

void
fake_printk_clear(void)
{
	fake_printk_buf[0] = '\0';
	fake_printk_len = 0;
	fake_printk_count = 0;
	fake_panic_msg[0] = '\0';
}

bool
fake_printk_contains(const char *needle)
{
	return strstr(fake_printk_buf, needle) != NULL;
}

int
fake_printk_warnings(void)
{
	int n = 0;

	for (const char *p = fake_printk_buf; (p = strstr(p, KERN_WARNING)); p++)
		n++;
	return n;
}

int
vprintk(const char *fmt, va_list ap)
{
	size_t room = sizeof(fake_printk_buf) - fake_printk_len;
	char *dst = fake_printk_buf + fake_printk_len;
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(dst, room, fmt, copy);
	va_end(copy);
	fake_printk_count++;
	if (n < 0)
		return n;
	if (getenv("HOTMEM_PRINTK"))
		fprintf(stderr, "printk: %s", dst);
	fake_printk_len += MIN((size_t)n, room - 1);
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

/*
 * The kernel's panic() prints and stops the machine.  Here the message is
 * kept in fake_panic_msg and handed to cmocka's mock_assert(): inside
 * expect_assert_failure() that is the expected outcome and the test goes
 * on; anywhere else the running test fails with the message.  The buffer
 * is static because cmocka prints it after the jump out of panic().
 */
void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake_panic_msg, sizeof(fake_panic_msg), fmt, ap);
	va_end(ap);
	if (getenv("HOTMEM_PRINTK"))
		fprintf(stderr, "panic: %s\n", fake_panic_msg);
	mock_assert(0, fake_panic_msg, __FILE__, __LINE__);
	abort();	/* mock_assert() does not return; this tells the compiler */
}
