/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/kernel/test_args.c - host tests for kernel/args.c: splitting
 * a line into words, reading numbers and sizes, matching key=value.
 *
 * Each test cuts its own line buffer; nothing is shared between tests.
 *
 * Course text: docs/01-boot.md (the shell).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/lib.h"
#include "kernel/shell.h"

#define WORDS_MAX 8

/* Split TEXT (copied into BUF) and return the count; *ERR as args_split. */
static int
split(char *buf, size_t size, const char *text, char **argv, int max,
      const char **err)
{
	snprintf(buf, size, "%s", text);
	return args_split(buf, argv, max, err);
}

/* ---------------------------------------------------------- args_split */

/*
 *   "  mem   add\t0x1000 "  ->  [mem] [add] [0x1000]
 * Expect blanks (spaces, tabs, runs, leading, trailing) to separate words
 * and never to become words, and *err to be NULL on success.
 */
static void
test_split_separates_words_on_blanks(void **state)
{
	char buf[64], *argv[WORDS_MAX];
	const char *err = "untouched";

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "  mem   add\t0x1000 ", argv,
			       WORDS_MAX, &err), 3);
	assert_null(err);
	assert_string_equal(argv[0], "mem");
	assert_string_equal(argv[1], "add");
	assert_string_equal(argv[2], "0x1000");
}

/*
 *   ""   and   " \t  \t"   ->   no words
 * Expect an empty or whitespace-only line to give 0 words, no error.
 */
static void
test_split_empty_and_blank_lines_give_no_words(void **state)
{
	char buf[64], *argv[WORDS_MAX];
	const char *err = "untouched";

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "", argv, WORDS_MAX, &err), 0);
	assert_null(err);
	assert_int_equal(split(buf, sizeof(buf), " \t  \t", argv, WORDS_MAX,
			       &err), 0);
	assert_null(err);
}

/*
 *   echo "a  b" 'c "d"' x"y z"w ""   ->  [echo] [a  b] [c "d"] [xy zw] []
 * Expect quotes to group blanks, to nest the other kind literally, to join
 * with unquoted text around them, and "" to be an empty word.
 */
static void
test_split_quotes_group_words(void **state)
{
	char buf[64], *argv[WORDS_MAX];

	(void)state;
	assert_int_equal(split(buf, sizeof(buf),
			       "echo \"a  b\" 'c \"d\"' x\"y z\"w \"\"", argv,
			       WORDS_MAX, NULL), 5);
	assert_string_equal(argv[0], "echo");
	assert_string_equal(argv[1], "a  b");
	assert_string_equal(argv[2], "c \"d\"");
	assert_string_equal(argv[3], "xy zw");
	assert_string_equal(argv[4], "");
}

/*
 *   a\ b  "q\"q"  'x\y'  \\   ->  [a b] [q"q] [x\y] [\]
 * Expect a backslash to take the next byte literally, outside quotes and
 * inside double quotes, but to be an ordinary byte inside single quotes.
 */
static void
test_split_backslash_escapes_outside_single_quotes(void **state)
{
	char buf[64], *argv[WORDS_MAX];

	(void)state;
	assert_int_equal(split(buf, sizeof(buf),
			       "a\\ b \"q\\\"q\" 'x\\y' \\\\", argv,
			       WORDS_MAX, NULL), 4);
	assert_string_equal(argv[0], "a b");
	assert_string_equal(argv[1], "q\"q");
	assert_string_equal(argv[2], "x\\y");
	assert_string_equal(argv[3], "\\");
}

/*
 *   echo "abc      echo 'abc      echo abc\
 * Expect -EINVAL with a message naming the problem for an unterminated
 * quote of either kind and for a backslash at the very end.
 */
static void
test_split_rejects_unterminated_quote_and_trailing_backslash(void **state)
{
	char buf[64], *argv[WORDS_MAX];
	const char *err;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "echo \"abc", argv,
			       WORDS_MAX, &err), -EINVAL);
	assert_string_equal(err, "unterminated quote");
	assert_int_equal(split(buf, sizeof(buf), "echo 'abc", argv,
			       WORDS_MAX, &err), -EINVAL);
	assert_string_equal(err, "unterminated quote");
	assert_int_equal(split(buf, sizeof(buf), "echo abc\\", argv,
			       WORDS_MAX, &err), -EINVAL);
	assert_string_equal(err, "backslash at the end of the line");
}

/*
 *   max = 3:   "a b c"  -> 3 words;   "a b c d" -> -E2BIG, argv = [a][b][c]
 * Expect exactly MAX words to fit, one more to give -E2BIG with the first
 * MAX words complete in argv, and trailing blanks not to count as a word.
 */
static void
test_split_too_many_words(void **state)
{
	char buf[64], *argv[3];
	const char *err;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "a b c   ", argv, 3, &err), 3);
	assert_int_equal(split(buf, sizeof(buf), "a b c d", argv, 3, &err),
			 -E2BIG);
	assert_string_equal(err, "too many words");
	assert_string_equal(argv[0], "a");
	assert_string_equal(argv[1], "b");
	assert_string_equal(argv[2], "c");
	assert_int_equal(split(buf, sizeof(buf), "a", argv, 0, &err), -E2BIG);
}

/*
 *   NULL line;  max 0 with an empty line
 * Expect a NULL line to be refused with -EINVAL and max 0 to accept a line
 * without words.
 */
static void
test_split_odd_calls_are_safe(void **state)
{
	const char *err;
	char empty[] = "   ";

	(void)state;
	assert_int_equal(args_split(NULL, NULL, 4, &err), -EINVAL);
	assert_non_null(err);
	assert_int_equal(args_split(empty, NULL, 0, &err), 0);
}

/* ------------------------------------------------------------- arg_u64 */

/*
 *   "0"  "42"  "0x1F"  "0XfF"  "0b101"  "0o17"  "007"
 * Expect every base to read, prefixes in either case, and leading zeros
 * to stay decimal (octal needs 0o).
 */
static void
test_u64_reads_every_base(void **state)
{
	u64 v;

	(void)state;
	assert_int_equal(arg_u64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(arg_u64("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(arg_u64("0x1F", &v), 0);
	assert_int_equal(v, 0x1f);
	assert_int_equal(arg_u64("0XfF", &v), 0);
	assert_int_equal(v, 0xff);
	assert_int_equal(arg_u64("0b101", &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(arg_u64("0o17", &v), 0);
	assert_int_equal(v, 15);
	assert_int_equal(arg_u64("007", &v), 0);
	assert_int_equal(v, 7);
}

/*
 *   "1_000_000"  "0x8000_0000"  vs  "_1" "1_" "1__0" "0x_1"
 * Expect one '_' between two digits to be skipped and any other '_' to
 * make the word not a number.
 */
static void
test_u64_underscore_only_between_digits(void **state)
{
	u64 v;

	(void)state;
	assert_int_equal(arg_u64("1_000_000", &v), 0);
	assert_int_equal(v, 1000000);
	assert_int_equal(arg_u64("0x8000_0000", &v), 0);
	assert_int_equal(v, 0x80000000ULL);
	assert_int_equal(arg_u64("_1", &v), -EINVAL);
	assert_int_equal(arg_u64("1_", &v), -EINVAL);
	assert_int_equal(arg_u64("1__0", &v), -EINVAL);
	assert_int_equal(arg_u64("0x_1", &v), -EINVAL);
}

/*
 *   UINT64_MAX in every base fits; one more does not
 * Expect the largest value to read and the next one to give -ERANGE.
 */
static void
test_u64_overflow_is_erange(void **state)
{
	u64 v;

	(void)state;
	assert_int_equal(arg_u64("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(arg_u64("0xffffffffffffffff", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(arg_u64("0o1777777777777777777777", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(arg_u64("18446744073709551616", &v), -ERANGE);
	assert_int_equal(arg_u64("0x10000000000000000", &v), -ERANGE);
	assert_int_equal(arg_u64("0b1"	/* then 64 zeros: 2^64 */
				 "00000000000000000000000000000000"
				 "00000000000000000000000000000000", &v),
			 -ERANGE);
	assert_int_equal(arg_u64("99999999999999999999999999999999", &v),
			 -ERANGE);
}

/*
 *   "" "x" "0x" "12a" "-1" "+1" " 1" "1 " "0b2" "0o8" "1.5" "99999999999999999999z"
 * Expect -EINVAL for anything that is not wholly a number (even when the
 * digits would also overflow), and *out left untouched.
 */
static void
test_u64_rejects_garbage(void **state)
{
	static const char *const bad[] = {
		"", "x", "0x", "0b", "0o", "12a", "-1", "+1", " 1", "1 ",
		"0b2", "0o8", "1.5", "0x1g", "1K",
		"99999999999999999999999z",
	};
	size_t i;
	u64 v = 1234;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (arg_u64(bad[i], &v) != -EINVAL)
			fail_msg("arg_u64(\"%s\") is not -EINVAL", bad[i]);
	}
	assert_int_equal(v, 1234);
	assert_int_equal(arg_u64(NULL, &v), -EINVAL);
}

/* ------------------------------------------------------------ arg_size */

/*
 *   "4096" "4K" "4k" "4KiB" "4KB" "4096B" "1M" "2G" "1T" "0x10M" "1_024K"
 * Expect binary multiples, either case for the letter, optional B or iB.
 */
static void
test_size_suffixes_are_binary(void **state)
{
	u64 v;

	(void)state;
	assert_int_equal(arg_size("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(arg_size("4K", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(arg_size("4k", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(arg_size("4KiB", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(arg_size("4KB", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(arg_size("4096B", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(arg_size("1M", &v), 0);
	assert_int_equal(v, 1ULL << 20);
	assert_int_equal(arg_size("2G", &v), 0);
	assert_int_equal(v, 2ULL << 30);
	assert_int_equal(arg_size("1T", &v), 0);
	assert_int_equal(v, 1ULL << 40);
	assert_int_equal(arg_size("0x10M", &v), 0);
	assert_int_equal(v, 16ULL << 20);
	assert_int_equal(arg_size("1_024K", &v), 0);
	assert_int_equal(v, 1024ULL << 10);
}

/*
 *   "0x1B"  (B is a hex digit)    "0x1KB"  (K is not)
 * Expect hex digits to be read greedily before a suffix is looked for.
 */
static void
test_size_hex_digit_b_is_a_digit(void **state)
{
	u64 v;

	(void)state;
	assert_int_equal(arg_size("0x1B", &v), 0);
	assert_int_equal(v, 0x1b);
	assert_int_equal(arg_size("0x1KB", &v), 0);
	assert_int_equal(v, 1024);
}

/*
 *   "16777215T" fits in 64 bits; "16777216T" does not
 * Expect a suffix that pushes the value past 64 bits to give -ERANGE, as
 * does a number too big before any suffix.
 */
static void
test_size_overflow_is_erange(void **state)
{
	u64 v;

	(void)state;
	assert_int_equal(arg_size("16777215T", &v), 0);
	assert_true(v == 16777215ULL << 40);
	assert_int_equal(arg_size("16777216T", &v), -ERANGE);
	assert_int_equal(arg_size("17179869184G", &v), -ERANGE);
	assert_int_equal(arg_size("18446744073709551616", &v), -ERANGE);
	assert_int_equal(arg_size("0xffffffffffffffffK", &v), -ERANGE);
}

/*
 *   "K" "4KK" "4iB" "4Ki" "4KiBx" "4 K" "4b" "4X" "-4K"
 * Expect -EINVAL for a missing number, a doubled or unknown suffix, "iB"
 * without a multiplier and anything after the suffix.
 */
static void
test_size_rejects_garbage(void **state)
{
	static const char *const bad[] = {
		"", "K", "4KK", "4iB", "4Ki", "4KiBx", "4 K", "4b", "4X",
		"-4K", "4BB", "0xK", "99999999999999999999999Q",
	};
	size_t i;
	u64 v = 77;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (arg_size(bad[i], &v) != -EINVAL)
			fail_msg("arg_size(\"%s\") is not -EINVAL", bad[i]);
	}
	assert_int_equal(v, 77);
}

/* ------------------------------------------------------------- arg_key */

/*
 *   word "node=1", key "node"   ->   "1"
 * Expect the value after '=' for a whole-key match, NULL for a prefix
 * ("nodes=1"), a missing '=', or an empty key; an empty value is "".
 */
static void
test_key_matches_whole_key_only(void **state)
{
	(void)state;
	assert_string_equal(arg_key("node=1", "node"), "1");
	assert_string_equal(arg_key("node=", "node"), "");
	assert_string_equal(arg_key("node=a=b", "node"), "a=b");
	assert_null(arg_key("nodes=1", "node"));
	assert_null(arg_key("node", "node"));
	assert_null(arg_key("no=1", "node"));
	assert_null(arg_key("=1", ""));
	assert_null(arg_key(NULL, "node"));
}

/* size_to_human(): util-linux's lsmem sizes, rounding at the tenth. */
static void
test_size_to_human_prints_like_lsmem(void **state)
{
	static const struct { u64 bytes; const char *text; } cases[] = {
		{ 0, "0B" }, { 1023, "1023B" }, { 1024, "1K" }, { 640 << 10, "640K" },
		{ 128ULL << 20, "128M" }, { 1ULL << 30, "1G" }, { 3ULL << 29, "1.5G" },
		{ (1ULL << 30) + (1ULL << 20), "1G" },		/* 1/1024: rounds away */
		{ (1ULL << 30) + (100ULL << 20), "1.1G" },	/* 100/1024 */
		{ (2ULL << 30) - (1ULL << 20), "2G" },		/* 1023/1024 carries */
		{ 1ULL << 40, "1T" }, { 1ULL << 62, "4E" },
	};
	char buf[16];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_ptr_equal(size_to_human(cases[i].bytes, buf, sizeof(buf)), buf);
		assert_string_equal(buf, cases[i].text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_separates_words_on_blanks),
		cmocka_unit_test(test_split_empty_and_blank_lines_give_no_words),
		cmocka_unit_test(test_split_quotes_group_words),
		cmocka_unit_test(test_split_backslash_escapes_outside_single_quotes),
		cmocka_unit_test(test_split_rejects_unterminated_quote_and_trailing_backslash),
		cmocka_unit_test(test_split_too_many_words),
		cmocka_unit_test(test_split_odd_calls_are_safe),
		cmocka_unit_test(test_u64_reads_every_base),
		cmocka_unit_test(test_u64_underscore_only_between_digits),
		cmocka_unit_test(test_u64_overflow_is_erange),
		cmocka_unit_test(test_u64_rejects_garbage),
		cmocka_unit_test(test_size_suffixes_are_binary),
		cmocka_unit_test(test_size_hex_digit_b_is_a_digit),
		cmocka_unit_test(test_size_overflow_is_erange),
		cmocka_unit_test(test_size_rejects_garbage),
		cmocka_unit_test(test_key_matches_whole_key_only),
		cmocka_unit_test(test_size_to_human_prints_like_lsmem),
	};

	return cmocka_run_group_tests_name("kernel/args", tests, NULL, NULL);
}
