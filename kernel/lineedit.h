/* SPDX-License-Identifier: MIT */
/*
 * kernel/lineedit.h - the shell's line editor, a pure state machine.
 *
 * The shell feeds it one input byte at a time; it edits a line buffer,
 * echoes through the out() callback with VT100 sequences, and says when a
 * line is complete.  It owns no device, so the host unit tests and the
 * fuzz target drive it with byte strings.
 *
 * Keys: printable ASCII inserts at the cursor; Backspace (0x7f or 0x08)
 * deletes left; Ctrl-C cancels the line ("^C" and a new line); Ctrl-U
 * erases the line; Enter (CR, LF, or CR LF as one) ends it; the arrow keys
 * (ESC [ A/B/C/D, also ESC O A..D) walk the history and move the cursor;
 * Ctrl-A/Home and Ctrl-E/End jump (Home: ESC [ H, ESC O H, ESC [ 1 ~ or
 * 7 ~; End: ESC [ F, ESC O F, ESC [ 4 ~ or 8 ~); Delete (ESC [ 3 ~)
 * deletes under the cursor.  Unknown escape sequences are swallowed whole
 * (ESC and one byte, or ESC [ ... final byte); a control byte inside one
 * ends it and acts as itself.  Every other byte is ignored.  Bytes
 * past SHELL_LINE_MAX-1 are refused with a bell (0x07).
 *
 * Course text: docs/01-boot.md.  Tests: tests/unit/kernel/test_lineedit.c
 */
#ifndef KERNEL_LINEEDIT_H
#define KERNEL_LINEEDIT_H

#include "kernel/shell.h"

#define LINEEDIT_HISTORY 16	/* lines remembered */

enum lineedit_result {
	LINEEDIT_MORE,		/* keep feeding */
	LINEEDIT_DONE,		/* le->line holds a finished line */
	LINEEDIT_CANCEL,	/* Ctrl-C: the line was thrown away */
};

struct lineedit {
	/* The line being edited; always NUL-terminated at len. */
	char line[SHELL_LINE_MAX];
	int len;		/* bytes in line */
	int cursor;		/* 0..len: where the next byte goes */

	/* History: hist[(hist_head - 1 - i) % N] is the i-th newest line. */
	char hist[LINEEDIT_HISTORY][SHELL_LINE_MAX];
	int hist_count;		/* lines stored, 0..LINEEDIT_HISTORY */
	int hist_head;		/* slot the next line goes into */
	int hist_pos;		/* -1: editing a new line; else history index shown */
	char saved[SHELL_LINE_MAX];	/* the new line, kept while browsing */

	int esc;		/* escape-sequence state: 0 none, 1 ESC, 2 ESC [ or ESC O, 3 ESC [ digits */
	int esc_num;		/* n of ESC [ n ~; -1: not a plain number */
	bool last_was_cr;	/* swallow the LF of a CR LF pair (kept by lineedit_reset) */

	void (*out)(const char *s, size_t n);	/* echo goes here */
};

/* Start a fresh editor; the history is empty. */
void lineedit_init(struct lineedit *le, void (*out)(const char *s, size_t n));
/* Begin a new line (after the prompt is printed); history is kept. */
void lineedit_reset(struct lineedit *le);
/* Feed one byte. */
enum lineedit_result lineedit_feed(struct lineedit *le, u8 c);
/* Remember LINE in the history (empty lines and repeats of the newest are skipped). */
void lineedit_add_history(struct lineedit *le, const char *line);

#endif /* KERNEL_LINEEDIT_H */
