/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/kernel/test_lineedit.c - host tests for kernel/lineedit.c:
 * keys in, line and VT100 echo out.
 *
 * Each test gets a fresh editor whose echo goes into a one-row terminal
 * model (tests/unit/fake/fake_term.c), so a test checks both what the
 * editor holds and what the user would see.
 *
 * Course text: docs/01-boot.md (the line editor).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "kernel/lib.h"
#include "kernel/lineedit.h"
#include "fake_term.h"

#define UP	"\x1b[A"
#define DOWN	"\x1b[B"
#define RIGHT	"\x1b[C"
#define LEFT	"\x1b[D"

static struct fake_term term;	/* where the editor under test echoes */

static void
term_out(const char *s, size_t n)
{
	fake_term_write(&term, s, n);
}

static int
setup(void **state)
{
	struct lineedit *le = malloc(sizeof(*le));

	if (!le)
		return -1;
	lineedit_init(le, term_out);
	fake_term_init(&term);
	*state = le;
	return 0;
}

static int
teardown(void **state)
{
	free(*state);
	return 0;
}

/* Feed every byte of S; return the result of the last one. */
static enum lineedit_result
feed(struct lineedit *le, const char *s)
{
	enum lineedit_result r = LINEEDIT_MORE;

	while (*s)
		r = lineedit_feed(le, (u8)*s++);
	return r;
}

/* The editor holds LINE with the cursor at CURSOR, and the terminal agrees. */
static void
assert_shows(const struct lineedit *le, const char *line, int cursor)
{
	assert_string_equal(le->line, line);
	assert_int_equal(le->len, strlen(line));
	assert_int_equal(le->cursor, cursor);
	if (!fake_term_shows(&term, le->line, le->cursor))
		fail_msg("terminal shows '%.40s' col %d, editor '%s' cursor %d",
			 term.row, term.col, le->line, le->cursor);
}

/*
 *   keys:  l s space - l      screen:  ls -l_
 * Expect each printable byte to be inserted and echoed as itself.
 */
static void
test_typing_inserts_and_echoes(void **state)
{
	struct lineedit *le = *state;

	assert_int_equal(feed(le, "ls -l"), LINEEDIT_MORE);
	assert_shows(le, "ls -l", 5);
	assert_string_equal(term.log, "ls -l");
}

/*
 *   keys:  a b CR     and     x LF
 * Expect CR or a lone LF to end the line: LINEEDIT_DONE, "\r\n" echoed,
 * the line NUL-terminated in le->line.
 */
static void
test_enter_ends_the_line(void **state)
{
	struct lineedit *le = *state;

	assert_int_equal(feed(le, "ab\r"), LINEEDIT_DONE);
	assert_string_equal(le->line, "ab");
	assert_string_equal(term.log, "ab\r\n");
	lineedit_reset(le);
	fake_term_clear_log(&term);
	assert_int_equal(feed(le, "x\n"), LINEEDIT_DONE);
	assert_string_equal(le->line, "x");
	assert_string_equal(term.log, "x\r\n");
}

/*
 *   keys:  a CR | reset | LF  b CR | reset | CR
 * Expect the LF of a CR LF pair to be swallowed even after the reset, so
 * CR LF is one Enter, while a second CR is a second (empty) line.
 */
static void
test_cr_lf_is_one_enter(void **state)
{
	struct lineedit *le = *state;

	assert_int_equal(feed(le, "a\r"), LINEEDIT_DONE);
	lineedit_reset(le);
	fake_term_clear_log(&term);
	assert_int_equal(lineedit_feed(le, '\n'), LINEEDIT_MORE);
	assert_string_equal(term.log, "");
	assert_int_equal(feed(le, "b\r"), LINEEDIT_DONE);
	assert_string_equal(le->line, "b");
	lineedit_reset(le);
	assert_int_equal(lineedit_feed(le, '\r'), LINEEDIT_DONE);
	assert_string_equal(le->line, "");
}

/*
 *   screen:  _        keys: DEL BS
 * Expect Backspace on an empty line to do nothing and echo nothing.
 */
static void
test_backspace_at_start_does_nothing(void **state)
{
	struct lineedit *le = *state;

	assert_int_equal(feed(le, "\x7f\b"), LINEEDIT_MORE);
	assert_shows(le, "", 0);
	assert_string_equal(term.log, "");
	feed(le, "ab" LEFT LEFT "\x7f");
	assert_shows(le, "ab", 0);
}

/*
 *   screen:  abc_   DEL   ->   ab_
 * Expect Backspace at the end to step back and erase to the end of line.
 */
static void
test_backspace_at_end_erases_last_byte(void **state)
{
	struct lineedit *le = *state;

	feed(le, "abc");
	fake_term_clear_log(&term);
	feed(le, "\x7f");
	assert_shows(le, "ab", 2);
	assert_string_equal(term.log, "\b\x1b[K");
}

/*
 *   screen:  abcd  cursor on c   DEL   ->   acd  cursor on c
 * Expect Backspace mid-line to redraw the tail, erase the stale last
 * column, and put the terminal cursor back.
 */
static void
test_backspace_mid_line_redraws_tail(void **state)
{
	struct lineedit *le = *state;

	feed(le, "abcd" LEFT LEFT);
	fake_term_clear_log(&term);
	feed(le, "\x7f");
	assert_shows(le, "acd", 1);
	assert_string_equal(term.log, "\bcd\x1b[K\x1b[2D");
}

/*
 *   screen:  ac  cursor on c   b   ->   abc  cursor on c
 * Expect insertion mid-line to echo the new byte and the tail, then move
 * the cursor back over the tail.
 */
static void
test_insert_mid_line_redraws_tail(void **state)
{
	struct lineedit *le = *state;

	feed(le, "ac" LEFT);
	fake_term_clear_log(&term);
	feed(le, "b");
	assert_shows(le, "abc", 2);
	assert_string_equal(term.log, "bc\x1b[K\x1b[1D");
}

/*
 *   screen:  ab_   LEFT x3, RIGHT x3, Ctrl-A, Ctrl-E, Home/End variants
 * Expect the cursor to move one column per arrow, stop at both ends
 * without echo, and jump with Ctrl-A/E, ESC [ H/F, ESC [ 1~/4~, ESC O H/F.
 */
static void
test_cursor_moves_stop_at_ends(void **state)
{
	struct lineedit *le = *state;

	feed(le, "ab");
	fake_term_clear_log(&term);
	feed(le, LEFT LEFT LEFT);
	assert_shows(le, "ab", 0);
	assert_string_equal(term.log, "\x1b[1D\x1b[1D");
	feed(le, RIGHT RIGHT RIGHT);
	assert_shows(le, "ab", 2);
	feed(le, "\x01");
	assert_shows(le, "ab", 0);
	feed(le, "\x05");
	assert_shows(le, "ab", 2);
	feed(le, "\x1b[H");
	assert_shows(le, "ab", 0);
	feed(le, "\x1b[F");
	assert_shows(le, "ab", 2);
	feed(le, "\x1b[1~");
	assert_shows(le, "ab", 0);
	feed(le, "\x1b[4~");
	assert_shows(le, "ab", 2);
	feed(le, "\x1bOH");
	assert_shows(le, "ab", 0);
	feed(le, "\x1bOF" "\x1bOD");
	assert_shows(le, "ab", 1);
}

/*
 *   screen:  abc  cursor on a   ESC [ 3 ~   ->   bc
 * Expect the Delete key to remove the byte under the cursor, and to do
 * nothing at the end of the line.
 */
static void
test_delete_key_removes_byte_under_cursor(void **state)
{
	struct lineedit *le = *state;

	feed(le, "abc\x01" "\x1b[3~");
	assert_shows(le, "bc", 0);
	feed(le, "\x05" "\x1b[3~");
	assert_shows(le, "bc", 2);
}

/*
 *   screen:  abc_   Ctrl-C   ->   abc^C  (new row)
 * Expect LINEEDIT_CANCEL, "^C\r\n" echoed, and an empty line after.
 */
static void
test_ctrl_c_cancels_the_line(void **state)
{
	struct lineedit *le = *state;

	feed(le, "abc");
	fake_term_clear_log(&term);
	assert_int_equal(feed(le, "\x03"), LINEEDIT_CANCEL);
	assert_string_equal(term.log, "^C\r\n");
	assert_shows(le, "", 0);
}

/*
 *   screen:  hello  cursor on l   Ctrl-U   ->   _
 * Expect the whole visible line to be erased, cursor back at column 0.
 */
static void
test_ctrl_u_erases_the_line(void **state)
{
	struct lineedit *le = *state;

	feed(le, "hello" LEFT LEFT);
	fake_term_clear_log(&term);
	feed(le, "\x15");
	assert_shows(le, "", 0);
	assert_string_equal(term.log, "\x1b[3D\x1b[K");
}

/*
 *   history: first, second        typing: new
 *   UP -> second, UP -> first, UP -> first, DOWN -> second, DOWN -> new
 * Expect Up/Down to replace the visible line, stop at the oldest, and
 * bring back the line being typed when coming down past the newest.
 */
static void
test_history_up_down_restores_typed_line(void **state)
{
	struct lineedit *le = *state;

	lineedit_add_history(le, "first");
	lineedit_add_history(le, "second");
	feed(le, "new");
	feed(le, UP);
	assert_shows(le, "second", 6);
	feed(le, UP);
	assert_shows(le, "first", 5);
	fake_term_clear_log(&term);
	feed(le, UP);
	assert_shows(le, "first", 5);
	assert_string_equal(term.log, "");
	feed(le, DOWN);
	assert_shows(le, "second", 6);
	feed(le, DOWN);
	assert_shows(le, "new", 3);
	feed(le, DOWN);
	assert_shows(le, "new", 3);
	assert_int_equal(feed(le, UP "\r"), LINEEDIT_DONE);
	assert_string_equal(le->line, "second");
}

/*
 *   add: a, a, "", b, a      ->   history (newest first): a b a
 * Expect empty lines and repeats of the newest line to be skipped, but an
 * older repeat to be kept.
 */
static void
test_history_skips_empty_lines_and_repeats(void **state)
{
	struct lineedit *le = *state;

	lineedit_add_history(le, "a");
	lineedit_add_history(le, "a");
	lineedit_add_history(le, "");
	lineedit_add_history(le, NULL);
	lineedit_add_history(le, "b");
	lineedit_add_history(le, "a");
	assert_int_equal(le->hist_count, 3);
	feed(le, UP);
	assert_shows(le, "a", 1);
	feed(le, UP);
	assert_shows(le, "b", 1);
	feed(le, UP);
	assert_shows(le, "a", 1);
}

/*
 *   add: line 0 .. line 19 into a 16-line ring
 * Expect the 16 newest to be kept: 16 Ups reach "line 4", a 17th stays.
 */
static void
test_history_keeps_the_newest_lines(void **state)
{
	struct lineedit *le = *state;
	char buf[32];
	int i;

	for (i = 0; i < 20; i++) {
		snprintf(buf, sizeof(buf), "line %d", i);
		lineedit_add_history(le, buf);
	}
	assert_int_equal(le->hist_count, LINEEDIT_HISTORY);
	for (i = 0; i < LINEEDIT_HISTORY + 1; i++)
		feed(le, UP);
	assert_shows(le, "line 4", 6);
}

/*
 *   4096 x 'x'   into a line of SHELL_LINE_MAX - 1 = 1023 bytes
 * Expect the first 1023 bytes kept, a bell for each of the others, and a
 * complete NUL-terminated line on Enter; editing keys still work.
 */
static void
test_long_line_is_truncated_with_bell(void **state)
{
	struct lineedit *le = *state;
	int i;

	for (i = 0; i < 4096; i++)
		assert_int_equal(lineedit_feed(le, 'x'), LINEEDIT_MORE);
	assert_int_equal(le->len, SHELL_LINE_MAX - 1);
	assert_int_equal(term.bells, 4096 - (SHELL_LINE_MAX - 1));
	assert_true(fake_term_shows(&term, le->line, le->cursor));
	feed(le, LEFT "\x7f" "yz");
	assert_int_equal(le->len, SHELL_LINE_MAX - 1);
	assert_int_equal(le->line[SHELL_LINE_MAX - 3], 'y');
	assert_true(fake_term_shows(&term, le->line, le->cursor));
	assert_int_equal(feed(le, "\r"), LINEEDIT_DONE);
	assert_int_equal(strlen(le->line), SHELL_LINE_MAX - 1);
}

/*
 *   bytes 0x00 0x02 TAB 0x0b 0x1f 0x80 0xc3 0xff
 * Expect bytes other than the handled keys to be ignored without echo.
 */
static void
test_other_bytes_are_ignored(void **state)
{
	static const u8 junk[] = { 0x00, 0x02, 0x09, 0x0b, 0x1f, 0x80, 0xc3, 0xff };
	struct lineedit *le = *state;
	size_t i;

	for (i = 0; i < sizeof(junk); i++)
		assert_int_equal(lineedit_feed(le, junk[i]), LINEEDIT_MORE);
	assert_shows(le, "", 0);
	assert_string_equal(term.log, "");
}

/*
 *   a ESC x | ESC [ 1 ; 5 Z | ESC [ 99999999999 ~ | ESC [ 0x80 | ESC ESC [ D
 * Expect unknown or malformed sequences to be swallowed whole (the 'x' of
 * ESC x too), huge numbers not to overflow, and a new ESC to restart.
 */
static void
test_malformed_escapes_are_swallowed(void **state)
{
	struct lineedit *le = *state;

	feed(le, "a\x1bx");
	assert_shows(le, "a", 1);
	feed(le, "\x1b[1;5Z" "\x1b[99999999999~" "\x1b[\x80" "\x1b[?25h");
	assert_shows(le, "a", 1);
	assert_int_equal(le->esc, 0);
	feed(le, "\x1b\x1b[D");
	assert_shows(le, "a", 0);
	feed(le, "\x1b[1;5C");	/* Ctrl-Right: a right arrow for us */
	assert_shows(le, "a", 1);
	assert_string_equal(le->line, "a");
}

/*
 *   ESC [  then CR        ESC  then Ctrl-C
 * Expect a control byte to abandon the sequence and act as itself, so
 * Enter and Ctrl-C always work.
 */
static void
test_control_byte_ends_an_escape(void **state)
{
	struct lineedit *le = *state;

	assert_int_equal(feed(le, "ok\x1b["), LINEEDIT_MORE);
	assert_int_equal(feed(le, "\r"), LINEEDIT_DONE);
	assert_string_equal(le->line, "ok");
	lineedit_reset(le);
	assert_int_equal(feed(le, "\x1b\x03"), LINEEDIT_CANCEL);
}

static u32 rng_state = 12345;	/* xorshift32; fixed seed, same bytes every run */

static u32
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* A byte from a mix that reaches every key and every escape state. */
static u8
random_key(void)
{
	static const u8 keys[] = {
		'a', 'z', ' ', '~', '[', 'O', 'A', 'B', 'C', 'D', 'H', 'F',
		'1', '3', '4', '7', '8', ';', 0x1b, 0x1b, 0x7f, 0x08, 0x01,
		0x05, 0x15, 0x03, '\r', '\n', 0x00, 0x80, 0xff,
	};
	u32 r = rng();

	if (r % 4 == 0)
		return (u8)(r >> 8);
	return keys[(r >> 8) % sizeof(keys)];
}

/*
 *   200,000 random bytes; a finished line goes to the history (as the
 *   shell does), then the editor is reset.
 * Expect after every byte: len <= SHELL_LINE_MAX - 1, 0 <= cursor <= len,
 * NUL at len, history counters in range, and the terminal showing exactly
 * the line with the cursor in place.
 */
static void
test_random_bytes_keep_invariants(void **state)
{
	struct lineedit *le = *state;
	int i;

	for (i = 0; i < 200000; i++) {
		enum lineedit_result r = lineedit_feed(le, random_key());

		if (r == LINEEDIT_DONE)
			lineedit_add_history(le, le->line);
		if (r != LINEEDIT_MORE)
			lineedit_reset(le);
		assert_true(le->len >= 0 && le->len <= SHELL_LINE_MAX - 1);
		assert_true(le->cursor >= 0 && le->cursor <= le->len);
		assert_int_equal(strnlen(le->line, SHELL_LINE_MAX), le->len);
		assert_true(le->hist_count >= 0 &&
			    le->hist_count <= LINEEDIT_HISTORY);
		assert_true(le->hist_pos >= -1 && le->hist_pos < le->hist_count);
		if (!fake_term_shows(&term, le->line, le->cursor))
			fail_msg("byte %d: terminal and editor disagree", i);
		fake_term_clear_log(&term);
	}
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_typing_inserts_and_echoes),
		T(test_enter_ends_the_line),
		T(test_cr_lf_is_one_enter),
		T(test_backspace_at_start_does_nothing),
		T(test_backspace_at_end_erases_last_byte),
		T(test_backspace_mid_line_redraws_tail),
		T(test_insert_mid_line_redraws_tail),
		T(test_cursor_moves_stop_at_ends),
		T(test_delete_key_removes_byte_under_cursor),
		T(test_ctrl_c_cancels_the_line),
		T(test_ctrl_u_erases_the_line),
		T(test_history_up_down_restores_typed_line),
		T(test_history_skips_empty_lines_and_repeats),
		T(test_history_keeps_the_newest_lines),
		T(test_long_line_is_truncated_with_bell),
		T(test_other_bytes_are_ignored),
		T(test_malformed_escapes_are_swallowed),
		T(test_control_byte_ends_an_escape),
		T(test_random_bytes_keep_invariants),
	};
#undef T

	return cmocka_run_group_tests_name("kernel/lineedit", tests, NULL, NULL);
}
