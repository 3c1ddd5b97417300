/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_term.h - a one-row VT100 model that checks echo.
 *
 * Feed it everything kernel/lineedit.c echoes; it keeps the current row,
 * the cursor column, a raw transcript and a count of what it did not
 * understand.  A test then asks: does the row show exactly le->line, with
 * the cursor at le->cursor?  Understood: printable bytes, BS, CR, LF,
 * BEL, and ESC [ n C, ESC [ n D, ESC [ K.  No wrapping, no prompt.
 *
 * Course text: docs/01-boot.md (the line editor).
 * Tests: used by tests/unit/kernel/test_lineedit.c, tests/fuzz/fuzz_lineedit.c
 */
#ifndef FAKE_TERM_H
#define FAKE_TERM_H

#include "kernel/types.h"

#define FAKE_TERM_COLS	4096	/* row width; the cursor stops at the edge */
#define FAKE_TERM_LOG	8192	/* bytes of raw transcript kept */

struct fake_term {
	char row[FAKE_TERM_COLS + 1];	/* current row, ' ' where blank; NUL at COLS */
	int col;			/* cursor column, 0..FAKE_TERM_COLS-1 */
	int used;			/* row[used..] is all blank (a bound, not exact) */
	int lines;			/* LF bytes seen: rows finished */
	int bells;			/* BEL bytes seen */
	int bad;			/* bytes or sequences not understood */
	int esc;			/* parser: 0 text, 1 after ESC, 2 in ESC [ */
	int esc_num;			/* parser: the number of ESC [ n X, -1 none yet */
	char log[FAKE_TERM_LOG];	/* every byte written, NUL-terminated (cut) */
	size_t log_len;			/* bytes in log */
};

/* A blank row, cursor at column 0, nothing logged. */
void fake_term_init(struct fake_term *t);
/* Interpret N bytes of output. */
void fake_term_write(struct fake_term *t, const char *s, size_t n);
/* Forget the transcript (the screen is kept). */
void fake_term_clear_log(struct fake_term *t);
/* True when the row is exactly LINE (then blanks), the cursor at CURSOR,
 * and nothing was misunderstood. */
bool fake_term_shows(const struct fake_term *t, const char *line, int cursor);

#endif /* FAKE_TERM_H */
