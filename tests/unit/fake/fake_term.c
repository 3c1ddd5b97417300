/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_term.c - the one-row VT100 model (fake_term.h).
 *
 * It checks the line editor from the outside: whatever the editor's
 * state says, the user only sees what these bytes draw.
 *
 * Course text: docs/01-boot.md (the line editor).
 * Tests: used by tests/unit/kernel/test_lineedit.c, tests/fuzz/fuzz_lineedit.c
 */
#include <string.h>

#include "fake_term.h"

void
fake_term_init(struct fake_term *t)
{
	memset(t, 0, sizeof(*t));
	memset(t->row, ' ', FAKE_TERM_COLS);
	t->row[FAKE_TERM_COLS] = '\0';
	t->esc_num = -1;
}

void
fake_term_clear_log(struct fake_term *t)
{
	t->log[0] = '\0';
	t->log_len = 0;
}

static void
term_log(struct fake_term *t, char c)
{
	if (t->log_len + 1 < FAKE_TERM_LOG) {
		t->log[t->log_len++] = c;
		t->log[t->log_len] = '\0';
	}
}

/* The final byte C of ESC [ n C: act, or count it as not understood. */
static void
term_csi(struct fake_term *t, char c)
{
	int n = t->esc_num < 0 ? 1 : t->esc_num;

	switch (c) {
	case 'C':
		t->col = MIN(t->col + n, FAKE_TERM_COLS - 1);
		break;
	case 'D':
		t->col = MAX(t->col - n, 0);
		break;
	case 'K':
		if (t->esc_num > 0)
			t->bad++;	/* only "erase to the end" is expected */
		if (t->col < t->used) {
			memset(t->row + t->col, ' ', t->used - t->col);
			t->used = t->col;
		}
		break;
	default:
		t->bad++;
	}
}

static void
term_byte(struct fake_term *t, char c)
{
	if (t->esc == 1) {
		t->esc = (c == '[') ? 2 : 0;
		t->esc_num = -1;
		if (c != '[')
			t->bad++;
		return;
	}
	if (t->esc == 2) {
		if (c >= '0' && c <= '9') {
			t->esc_num = MIN(MAX(t->esc_num, 0) * 10 + (c - '0'),
					 100000);
			return;
		}
		t->esc = 0;
		term_csi(t, c);
		return;
	}
	switch (c) {
	case '\x1b':
		t->esc = 1;
		break;
	case '\b':
		if (t->col > 0)
			t->col--;
		break;
	case '\r':
		t->col = 0;
		break;
	case '\n':		/* a new row; the column stays, as on a VT100 */
		t->lines++;
		memset(t->row, ' ', t->used);
		t->used = 0;
		break;
	case '\a':
		t->bells++;
		break;
	default:
		if (c < 0x20 || c > 0x7e) {
			t->bad++;
			break;
		}
		t->row[t->col] = c;
		t->used = MAX(t->used, t->col + 1);
		if (t->col < FAKE_TERM_COLS - 1)
			t->col++;
	}
}

void
fake_term_write(struct fake_term *t, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		term_log(t, s[i]);
		term_byte(t, s[i]);
	}
}

bool
fake_term_shows(const struct fake_term *t, const char *line, int cursor)
{
	size_t len = strlen(line);
	size_t i;

	if (t->bad || t->esc || len >= FAKE_TERM_COLS || t->col != cursor)
		return false;
	if (memcmp(t->row, line, len) != 0)
		return false;
	for (i = len; i < (size_t)t->used; i++)
		if (t->row[i] != ' ')
			return false;
	return true;
}
