/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_printk.h - a printk for host tests that records.
 *
 * Every message goes into one buffer, level prefix included, so a test
 * can ask "was this warning printed?" and "how many messages were there?".
 * Set HOTMEM_PRINTK=1 in the environment to also see them on stderr.
 * panic() is here too: it fails the test through cmocka's mock_assert().
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/kernel/test_cmdline.c
 */
#ifndef FAKE_PRINTK_H
#define FAKE_PRINTK_H

#include "kernel/kernel.h"

#define FAKE_PRINTK_BUF	16384	/* bytes of messages kept; later ones are cut */

extern char fake_printk_buf[FAKE_PRINTK_BUF];	/* all messages, NUL-terminated */
extern int fake_printk_count;			/* printk() calls since the clear */
extern char fake_panic_msg[256];		/* the last panic() message, or "" */

/* Forget every recorded message (and the last panic). */
void fake_printk_clear(void);
/* True when a recorded message contains NEEDLE. */
bool fake_printk_contains(const char *needle);
/* How many recorded messages were warnings (KERN_WARNING). */
int fake_printk_warnings(void);

#endif /* FAKE_PRINTK_H */
