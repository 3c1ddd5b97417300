/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_lineedit.c - libFuzzer target for kernel/lineedit.c.
 *
 * Every input byte is a key.  The echo goes into the terminal model of
 * tests/unit/fake/fake_term.c; finished lines go to the history as the
 * shell does.  After every byte the editor's invariants must hold and the
 * terminal must show exactly the line, else we trap.
 *
 * Course text: docs/01-boot.md (the line editor).  Tests: make fuzz
 */
#include <string.h>

#include "kernel/lib.h"
#include "kernel/lineedit.h"
#include "fake_term.h"

static struct lineedit le;	/* the editor under test */
static struct fake_term term;	/* what its echo draws */

static void
term_out(const char *s, size_t n)
{
	fake_term_write(&term, s, n);
}

/* The invariants of struct lineedit (kernel/lineedit.h), numbered:
 * 1. 0 <= len <= SHELL_LINE_MAX - 1 and the line is NUL-terminated at len;
 * 2. 0 <= cursor <= len;
 * 3. the history counters are in range;
 * 4. the terminal shows the line, cursor in place. */
static void
check(void)
{
	if (le.len < 0 || le.len > SHELL_LINE_MAX - 1 ||
	    strnlen(le.line, SHELL_LINE_MAX) != (size_t)le.len)
		__builtin_trap();
	if (le.cursor < 0 || le.cursor > le.len)
		__builtin_trap();
	if (le.hist_count < 0 || le.hist_count > LINEEDIT_HISTORY ||
	    le.hist_head < 0 || le.hist_head >= LINEEDIT_HISTORY ||
	    le.hist_pos < -1 || le.hist_pos >= le.hist_count)
		__builtin_trap();
	if (!fake_term_shows(&term, le.line, le.cursor))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	size_t i;

	lineedit_init(&le, term_out);
	fake_term_init(&term);
	for (i = 0; i < size; i++) {
		enum lineedit_result r = lineedit_feed(&le, data[i]);

		if (r == LINEEDIT_DONE)
			lineedit_add_history(&le, le.line);
		if (r != LINEEDIT_MORE)
			lineedit_reset(&le);
		check();
		fake_term_clear_log(&term);
	}
	return 0;
}
