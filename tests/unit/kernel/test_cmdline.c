/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/kernel/test_cmdline.c - host tests for kernel/cmdline.c: the
 * kernel command line, its warnings, and the options it defines itself.
 *
 * cmdline_parse() tests pass their own small param table; cmdline_init()
 * tests go through the hotmem_params section, which on the host holds
 * cmdline.c's params plus the one this file declares.  Warnings land in
 * the recording printk of tests/unit/fake/fake_printk.c.
 *
 * Course text: docs/01-boot.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_printk.h"

/* What the test params saw. */
static int quiet_calls;		/* times quiet was applied */
static char name_value[64];	/* the last value name= accepted */
static int name_calls;		/* times name= was applied */
static int section_calls;	/* times unit_test_param was applied */

static int
set_quiet(const char *val)
{
	if (val)
		return -E2BIG;
	quiet_calls++;
	return 0;
}

/* name=TEXT: any text up to 63 bytes. */
static int
set_name(const char *val)
{
	if (!val)
		return -EINVAL;
	if (strlen(val) >= sizeof(name_value))
		return -ERANGE;
	snprintf(name_value, sizeof(name_value), "%s", val);
	name_calls++;
	return 0;
}

static const struct kernel_param test_params[] = {
	{ .name = "quiet", .set = set_quiet, .help = "a flag" },
	{ .name = "name", .set = set_name, .help = "name=TEXT" },
};

/* One more param in the section, as another kernel file would add it. */
static int
set_section_param(const char *val)
{
	(void)val;
	section_calls++;
	return 0;
}
KERNEL_PARAM(set_section_param, "unit_test_param", "seen by cmdline_init");

static int
setup(void **state)
{
	(void)state;
	quiet_calls = 0;
	name_calls = 0;
	name_value[0] = '\0';
	section_calls = 0;
	console_loglevel = 7;
	debug_exit_enabled = false;
	fake_printk_clear();
	return 0;
}

/* Parse TEXT (copied, as cmdline_init does) against test_params. */
static int
parse(const char *text)
{
	char buf[2048];

	snprintf(buf, sizeof(buf), "%s", text);
	return cmdline_parse(buf, test_params, ARRAY_SIZE(test_params));
}

/*
 *   "quiet name=hotmem"   ->   quiet(NULL), name("hotmem")
 * Expect a bare flag and a key=value word to be applied, with no warning.
 */
static void
test_parse_applies_flags_and_values(void **state)
{
	(void)state;
	assert_int_equal(parse("quiet name=hotmem"), 0);
	assert_int_equal(quiet_calls, 1);
	assert_int_equal(name_calls, 1);
	assert_string_equal(name_value, "hotmem");
	assert_int_equal(fake_printk_count, 0);
}

/*
 *   name="hello  world"   name='a=b'
 * Expect quotes to group a value with spaces (or an '='), as in the shell.
 */
static void
test_parse_quoted_value_keeps_spaces(void **state)
{
	(void)state;
	assert_int_equal(parse("name=\"hello  world\""), 0);
	assert_string_equal(name_value, "hello  world");
	assert_int_equal(parse("name='a=b'"), 0);
	assert_string_equal(name_value, "a=b");
}

/*
 *   "" and "  \t "
 * Expect an empty or blank command line to apply and report nothing.
 */
static void
test_parse_empty_line_does_nothing(void **state)
{
	(void)state;
	assert_int_equal(parse(""), 0);
	assert_int_equal(parse("  \t "), 0);
	assert_int_equal(quiet_calls + name_calls + fake_printk_count, 0);
}

/*
 *   "bogus quiet nam=x"   (bogus and nam unknown)
 * Expect each unknown word warned about once, by name, and the known word
 * after it still applied: a typo is never fatal.
 */
static void
test_parse_unknown_option_is_warned_not_fatal(void **state)
{
	(void)state;
	assert_int_equal(parse("bogus quiet nam=x"), 2);
	assert_int_equal(quiet_calls, 1);
	assert_true(fake_printk_contains(
		KERN_WARNING "cmdline: unknown option 'bogus' ignored\n"));
	assert_true(fake_printk_contains("unknown option 'nam=x' ignored"));
	assert_int_equal(fake_printk_count, 2);
}

/*
 *   "quiet=1 name"   (a flag with a value, a key without one)
 * Expect both refused with a warning naming the option and why.
 */
static void
test_parse_refused_value_is_warned(void **state)
{
	(void)state;
	assert_int_equal(parse("quiet=1 name"), 2);
	assert_int_equal(quiet_calls + name_calls, 0);
	assert_true(fake_printk_contains(
		"cmdline: quiet: invalid value '1' (a flag takes no value), ignored\n"));
	assert_true(fake_printk_contains("cmdline: name: needs a value"));
}

/*
 *   quiet name="unterminated
 * Expect one warning and nothing applied: a broken quote makes every word
 * of the line doubtful.
 */
static void
test_parse_unterminated_quote_ignores_line(void **state)
{
	(void)state;
	assert_int_equal(parse("quiet name=\"unterminated"), 1);
	assert_int_equal(quiet_calls + name_calls, 0);
	assert_true(fake_printk_contains(
		"cmdline: unterminated quote; whole command line ignored\n"));
}

/*
 *   "quiet" x 70
 * Expect a single warning about the word limit and the first 64 words
 * applied.
 */
static void
test_parse_too_many_words_warns_once(void **state)
{
	char line[1024] = "";
	int i;

	(void)state;
	for (i = 0; i < 70; i++)
		strcat(line, "quiet ");
	assert_int_equal(parse(line), 1);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("cmdline: more than 64 words"));
	assert_int_equal(quiet_calls, 64);
}

/*
 *   bootloader: "loglevel=3 name=\"a b\""
 * Expect loglevel applied through the section, and cmdline_get() to give
 * the line exactly as the bootloader passed it, quotes included.
 */
static void
test_init_sets_loglevel_and_keeps_original(void **state)
{
	(void)state;
	cmdline_init("loglevel=3 name=\"a b\"");
	assert_int_equal(console_loglevel, 3);
	assert_string_equal(cmdline_get(), "loglevel=3 name=\"a b\"");
	/* name is test_params' option, not the section's: unknown here. */
	assert_true(fake_printk_contains("unknown option 'name=a b' ignored"));
}

/*
 *   loglevel=9   loglevel=abc   loglevel=-1   loglevel
 * Expect each refused with a warning naming loglevel, and the level left
 * at its old value.
 */
static void
test_init_bad_loglevel_keeps_level(void **state)
{
	(void)state;
	cmdline_init("loglevel=9 loglevel=abc loglevel=-1 loglevel");
	assert_int_equal(console_loglevel, 7);
	assert_int_equal(fake_printk_count, 4);
	assert_true(fake_printk_contains(
		"cmdline: loglevel: invalid value '9' (out of range), ignored\n"));
	assert_true(fake_printk_contains(
		"cmdline: loglevel: invalid value 'abc' (malformed), ignored\n"));
	assert_true(fake_printk_contains("invalid value '-1'"));
	assert_true(fake_printk_contains("cmdline: loglevel: needs a value"));
	cmdline_init("loglevel=0x8");
	assert_int_equal(console_loglevel, 8);
}

/*
 *   "debug_exit"   then   "debug_exit=1"
 * Expect the bare flag to set debug_exit_enabled, and a value to be
 * refused with a warning, leaving it unset.
 */
static void
test_init_debug_exit_is_a_flag(void **state)
{
	(void)state;
	cmdline_init("debug_exit");
	assert_true(debug_exit_enabled);
	assert_int_equal(fake_printk_count, 0);

	debug_exit_enabled = false;
	cmdline_init("debug_exit=1");
	assert_false(debug_exit_enabled);
	assert_true(fake_printk_contains(
		"cmdline: debug_exit: invalid value '1' (a flag takes no value), ignored\n"));
}

/*
 *   "loglevel=2 " + 2000 x 'a'    (the buffer keeps 1023 bytes)
 * Expect a truncation warning, the kept words applied, cmdline_get() cut
 * to 1023 bytes, and the cut word reported as unknown.
 */
static void
test_init_over_long_line_is_truncated(void **state)
{
	static char line[2100];

	(void)state;
	snprintf(line, sizeof(line), "loglevel=2 ");
	memset(line + strlen(line), 'a', 2000);
	cmdline_init(line);
	assert_int_equal(console_loglevel, 2);
	assert_int_equal(strlen(cmdline_get()), 1023);
	assert_true(fake_printk_contains("cmdline: longer than 1023 bytes; truncated\n"));
	assert_true(fake_printk_contains("unknown option 'aaaa"));
	assert_int_equal(fake_printk_count, 2);
}

/*
 *   cmdline_init(NULL), then "unit_test_param"
 * Expect NULL to act as an empty line, and a param declared in another
 * file (this one) to be found through the section.
 */
static void
test_init_finds_params_of_every_file(void **state)
{
	(void)state;
	cmdline_init(NULL);
	assert_string_equal(cmdline_get(), "");
	assert_int_equal(fake_printk_count, 0);
	cmdline_init("unit_test_param debug_exit");
	assert_int_equal(section_calls, 1);
	assert_true(debug_exit_enabled);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup(fn, setup)
	const struct CMUnitTest tests[] = {
		T(test_parse_applies_flags_and_values),
		T(test_parse_quoted_value_keeps_spaces),
		T(test_parse_empty_line_does_nothing),
		T(test_parse_unknown_option_is_warned_not_fatal),
		T(test_parse_refused_value_is_warned),
		T(test_parse_unterminated_quote_ignores_line),
		T(test_parse_too_many_words_warns_once),
		T(test_init_sets_loglevel_and_keeps_original),
		T(test_init_bad_loglevel_keeps_level),
		T(test_init_debug_exit_is_a_flag),
		T(test_init_over_long_line_is_truncated),
		T(test_init_finds_params_of_every_file),
	};
#undef T

	return cmocka_run_group_tests_name("kernel/cmdline", tests, NULL, NULL);
}
