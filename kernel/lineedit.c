/* SPDX-License-Identifier: MIT */
/*
 * kernel/lineedit.c - the shell's line editor: one byte in, an edited line
 * and its VT100 echo out, plus a small ring of past lines.
 *
 * The idea: the terminal row always shows exactly le->line with the
 * terminal cursor at le->cursor.  Every key that changes the line redraws
 * only what changed (the tail after the cursor) and moves the terminal
 * cursor back, so the invariant holds after every byte.
 *
 * Course text: docs/01-boot.md (the shell).
 * Tests: tests/unit/kernel/test_lineedit.c, tests/fuzz/fuzz_lineedit.c
 */
#include "kernel/lib.h"
#include "kernel/lineedit.h"

/* Control bytes the editor knows. */
#define KEY_CTRL_A	0x01	/* cursor to the start of the line */
#define KEY_CTRL_C	0x03	/* cancel the line */
#define KEY_CTRL_E	0x05	/* cursor to the end of the line */
#define KEY_BS		0x08	/* backspace, as some terminals send it */
#define KEY_CTRL_U	0x15	/* erase the line */
#define KEY_ESC		0x1b	/* starts an escape sequence */
#define KEY_DEL		0x7f	/* backspace, as most terminals send it */

/* The escape-sequence states of le->esc. */
#define ESC_NONE	0	/* not in a sequence */
#define ESC_START	1	/* after ESC */
#define ESC_CSI		2	/* after ESC [ or ESC O */
#define ESC_PARAM	3	/* after ESC [ and parameter bytes */

#define ESC_NUM_CAP	100000	/* esc_num stops growing here (no overflow) */

static bool
is_control(u8 c)
{
	return c < 0x20 || c == KEY_DEL;
}

static void
echo(struct lineedit *le, const char *s, size_t n)
{
	if (le->out && n > 0)
		le->out(s, n);
}

static void
echo_str(struct lineedit *le, const char *s)
{
	echo(le, s, strlen(s));
}

/* Move the terminal cursor N columns; DIR is 'D' (left) or 'C' (right). */
static void
echo_move(struct lineedit *le, int n, char dir)
{
	char buf[16];
	int len;

	if (n <= 0)
		return;
	len = snprintf(buf, sizeof(buf), "\x1b[%d%c", n, dir);
	if (len > 0 && (size_t)len < sizeof(buf))
		echo(le, buf, len);
}

/*
 * The terminal cursor is at le->cursor: rewrite the line from there to its
 * end, erase what an older, longer line left behind (ESC [ K), and move
 * the terminal cursor back to le->cursor.
 */
static void
redraw_tail(struct lineedit *le)
{
	echo(le, le->line + le->cursor, le->len - le->cursor);
	echo_str(le, "\x1b[K");
	echo_move(le, le->len - le->cursor, 'D');
}

/* Show SRC instead of the current line, cursor at its end. */
static void
replace_line(struct lineedit *le, const char *src)
{
	size_t n = strnlen(src, SHELL_LINE_MAX - 1);

	echo_move(le, le->cursor, 'D');
	memmove(le->line, src, n);
	le->line[n] = '\0';
	le->len = n;
	le->cursor = n;
	echo(le, le->line, n);
	echo_str(le, "\x1b[K");
}

/* Insert C at the cursor, or ring the bell when the line is full. */
static void
insert_char(struct lineedit *le, char c)
{
	if (le->len >= SHELL_LINE_MAX - 1) {
		echo_str(le, "\a");
		return;
	}
	/* Shift the tail and its NUL one to the right. */
	memmove(le->line + le->cursor + 1, le->line + le->cursor,
		le->len - le->cursor + 1);
	le->line[le->cursor] = c;
	le->len++;
	echo(le, &le->line[le->cursor], 1);
	le->cursor++;
	if (le->cursor < le->len)
		redraw_tail(le);
}

/* Delete the byte left of the cursor (Backspace). */
static void
delete_left(struct lineedit *le)
{
	if (le->cursor == 0)
		return;
	memmove(le->line + le->cursor - 1, le->line + le->cursor,
		le->len - le->cursor + 1);
	le->cursor--;
	le->len--;
	echo_str(le, "\b");
	redraw_tail(le);
}

/* Delete the byte under the cursor (the Delete key). */
static void
delete_under(struct lineedit *le)
{
	if (le->cursor == le->len)
		return;
	memmove(le->line + le->cursor, le->line + le->cursor + 1,
		le->len - le->cursor);
	le->len--;
	redraw_tail(le);
}

/* Move the cursor to column TO (0..len). */
static void
move_cursor(struct lineedit *le, int to)
{
	if (to < 0 || to > le->len)
		return;
	if (to < le->cursor)
		echo_move(le, le->cursor - to, 'D');
	else
		echo_move(le, to - le->cursor, 'C');
	le->cursor = to;
}

/* The I-th newest history line, 0 <= I < hist_count. */
static const char *
history_entry(const struct lineedit *le, int i)
{
	return le->hist[(le->hist_head - 1 - i + LINEEDIT_HISTORY) %
			LINEEDIT_HISTORY];
}

/*
 * Up: show the next older history line.  Leaving the new line for the
 * first time, keep it in le->saved so Down can bring it back.
 */
static void
history_older(struct lineedit *le)
{
	if (le->hist_pos + 1 >= le->hist_count)
		return;
	if (le->hist_pos < 0)
		memcpy(le->saved, le->line, le->len + 1);
	le->hist_pos++;
	replace_line(le, history_entry(le, le->hist_pos));
}

/* Down: show the next newer history line, or the saved new line. */
static void
history_newer(struct lineedit *le)
{
	if (le->hist_pos < 0)
		return;
	le->hist_pos--;
	if (le->hist_pos < 0)
		replace_line(le, le->saved);
	else
		replace_line(le, history_entry(le, le->hist_pos));
}

/* The final byte C of ESC [ ... C or ESC O C: act on it. */
static void
escape_final(struct lineedit *le, u8 c)
{
	switch (c) {
	case 'A':
		history_older(le);
		break;
	case 'B':
		history_newer(le);
		break;
	case 'C':
		move_cursor(le, le->cursor + 1);
		break;
	case 'D':
		move_cursor(le, le->cursor - 1);
		break;
	case 'H':
		move_cursor(le, 0);
		break;
	case 'F':
		move_cursor(le, le->len);
		break;
	case '~':	/* ESC [ n ~: the keys of the editing keypad */
		if (le->esc_num == 1 || le->esc_num == 7)
			move_cursor(le, 0);
		else if (le->esc_num == 4 || le->esc_num == 8)
			move_cursor(le, le->len);
		else if (le->esc_num == 3)
			delete_under(le);
		break;
	}
}

/*
 * One byte C inside an escape sequence.  ECMA-48 shapes a control
 * sequence as ESC [, parameter bytes 0x30-0x3f, intermediate bytes
 * 0x20-0x2f, one final byte 0x40-0x7e.  We follow that shape so any
 * sequence we do not know ends where the terminal thinks it ends:
 *
 *   1. a control byte abandons the sequence and is handled as a key
 *      (so Enter and Ctrl-C always work); return false;
 *   2. after ESC, only '[' or 'O' continue; any other byte is swallowed;
 *   3. digits build esc_num; other parameter and intermediate bytes make
 *      the number meaningless (-1) but the sequence goes on;
 *   4. a final byte ends the sequence and acts;
 *   5. a byte >= 0x80 ends the sequence and is swallowed.
 */
static bool
escape_feed(struct lineedit *le, u8 c)
{
	if (is_control(c)) {
		le->esc = ESC_NONE;
		return false;
	}
	if (le->esc == ESC_START) {
		le->esc = (c == '[' || c == 'O') ? ESC_CSI : ESC_NONE;
		le->esc_num = 0;
		return true;
	}
	if (c >= '0' && c <= '9') {
		if (le->esc_num >= 0)
			le->esc_num = MIN(le->esc_num * 10 + (c - '0'),
					  ESC_NUM_CAP);
		le->esc = ESC_PARAM;
	} else if (c >= 0x20 && c <= 0x3f) {
		le->esc_num = -1;
		le->esc = ESC_PARAM;
	} else {
		le->esc = ESC_NONE;
		if (c <= 0x7e)
			escape_final(le, c);
	}
	return true;
}

/* One byte C outside an escape sequence. */
static enum lineedit_result
key_feed(struct lineedit *le, u8 c)
{
	switch (c) {
	case '\r':
		le->last_was_cr = true;
		/* fall through */
	case '\n':
		echo_str(le, "\r\n");
		return LINEEDIT_DONE;
	case KEY_CTRL_C:
		echo_str(le, "^C\r\n");
		lineedit_reset(le);
		return LINEEDIT_CANCEL;
	case KEY_CTRL_U:
		replace_line(le, "");
		break;
	case KEY_DEL:
	case KEY_BS:
		delete_left(le);
		break;
	case KEY_CTRL_A:
		move_cursor(le, 0);
		break;
	case KEY_CTRL_E:
		move_cursor(le, le->len);
		break;
	case KEY_ESC:
		le->esc = ESC_START;
		le->esc_num = 0;
		break;
	default:
		if (c >= 0x20 && c < 0x7f)
			insert_char(le, c);
		break;
	}
	return LINEEDIT_MORE;
}

void
lineedit_init(struct lineedit *le, void (*out)(const char *s, size_t n))
{
	memset(le, 0, sizeof(*le));
	le->out = out;
	le->hist_pos = -1;
}

/*
 * last_was_cr is kept: the LF of a CR LF pair may arrive after the shell
 * has taken the line and reset the editor, and must still be swallowed.
 */
void
lineedit_reset(struct lineedit *le)
{
	le->line[0] = '\0';
	le->len = 0;
	le->cursor = 0;
	le->hist_pos = -1;
	le->saved[0] = '\0';
	le->esc = ESC_NONE;
	le->esc_num = 0;
}

enum lineedit_result
lineedit_feed(struct lineedit *le, u8 c)
{
	bool after_cr = le->last_was_cr;

	le->last_was_cr = false;
	if (after_cr && c == '\n')
		return LINEEDIT_MORE;
	if (le->esc != ESC_NONE && escape_feed(le, c))
		return LINEEDIT_MORE;
	return key_feed(le, c);
}

void
lineedit_add_history(struct lineedit *le, const char *line)
{
	const char *newest;
	size_t n;

	if (!line)
		return;
	n = strnlen(line, SHELL_LINE_MAX - 1);
	if (n == 0)
		return;
	if (le->hist_count > 0) {
		newest = history_entry(le, 0);
		if (strlen(newest) == n && memcmp(newest, line, n) == 0)
			return;
	}
	memmove(le->hist[le->hist_head], line, n);
	le->hist[le->hist_head][n] = '\0';
	le->hist_head = (le->hist_head + 1) % LINEEDIT_HISTORY;
	if (le->hist_count < LINEEDIT_HISTORY)
		le->hist_count++;
}
