/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/kernel/test_pseudofs.c - host tests for kernel/pseudofs.c:
 * path lookup, directories implied by paths, run-time registration, read
 * and write dispatch, and the bounded seq sink.
 *
 * The static files are this file's PSEUDO_FILE()s (on the host the
 * section hotmem_pseudo_files holds only them); every test that
 * registers files at run time unregisters them again in its teardown.
 *
 * Course text: docs/01-boot.md (the shell).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"

/* ------------------------------------------------------------ fixtures
 *
 *   /t/info          read-only ("info\n")
 *   /t/knob          read-write (shows the last text stored)
 *   /t/sub/deep/leaf write-only
 *   /u/solo          read-only
 */
static char knob_text[256];	/* what /t/knob last got */
static void *last_store_data;	/* the data argument the last store saw */

static int
info_show(struct seq *s)
{
	seq_puts(s, "info\n");
	return 0;
}

static int
knob_show(struct seq *s)
{
	seq_printf(s, "%s\n", knob_text);
	return 0;
}

static int
knob_store(const char *text, void *data)
{
	if (!strcmp(text, "bad"))
		return -EINVAL;
	snprintf(knob_text, sizeof(knob_text), "%s", text);
	last_store_data = data;
	return 0;
}

static int
failing_show(struct seq *s)
{
	seq_puts(s, "half a ");
	return -EBUSY;
}

PSEUDO_FILE(t_info, "/t/info", info_show, NULL, "a read-only file");
PSEUDO_FILE(t_knob, "/t/knob", knob_show, knob_store, "a read-write file");
PSEUDO_FILE(t_leaf, "/t/sub/deep/leaf", NULL, knob_store, "a write-only file");
PSEUDO_FILE(u_solo, "/u/solo", info_show, NULL, "alone in /u");
PSEUDO_FILE(t_fail, "/t/fail", failing_show, NULL, "show fails halfway");

/* Run-time files the tests register; teardown removes them all. */
#define NR_EXTRA	(PSEUDOFS_MAX_DYNAMIC + 1)
static struct pseudo_file extra[NR_EXTRA];
static char extra_path[NR_EXTRA][PSEUDOFS_PATH_MAX];

static int
teardown(void **state)
{
	(void)state;
	for (int i = 0; i < NR_EXTRA; i++)
		(void)pseudofs_unregister(&extra[i]);
	memset(extra, 0, sizeof(extra));
	knob_text[0] = '\0';
	last_store_data = NULL;
	return 0;
}

/* A read-only run-time file I at PATH, with DATA. */
static struct pseudo_file *
make_file(int i, const char *path, void *data)
{
	snprintf(extra_path[i], sizeof(extra_path[i]), "%s", path);
	extra[i] = (struct pseudo_file){ .path = extra_path[i], .show = info_show,
					 .help = "run-time", .data = data };
	return &extra[i];
}

/* ls DIR into a string owned by the test (freed by the caller). */
static char *
ls(const char *dir, enum pseudofs_ls_format fmt, int *err)
{
	char *buf = malloc(4096);
	struct seq s;

	seq_init(&s, buf, 4096);
	*err = pseudofs_list(dir, &s, fmt);
	return buf;
}

/* ------------------------------------------------------------ the sink */

/*
 * A 100-byte sink keeps 64 bytes for the marker: 35 characters of text.
 * Expect text up to exactly 35 characters to go in whole, and nothing lost.
 */
static void
test_seq_fills_to_its_limit_without_marker(void **state)
{
	size_t size = 100, limit = size - 1 - SEQ_MARKER_ROOM;
	char *buf = malloc(size);	/* exact size: ASan catches any overrun */
	struct seq s;

	(void)state;
	seq_init(&s, buf, size);
	assert_string_equal(buf, "");
	for (size_t i = 0; i < limit - 1; i++)
		seq_putc(&s, 'x');
	seq_putc(&s, '\n');
	assert_false(seq_overflowed(&s));
	assert_int_equal(s.len, limit);
	assert_int_equal(strlen(buf), limit);
	free(buf);
}

/*
 *   "line one\nline two\npartial"  + a write that does not fit
 * Expect the partial line cut off, the marker line after "line two\n",
 * later writes dropped, and never a byte past the buffer.
 */
static void
test_seq_overflow_keeps_whole_lines_and_adds_marker(void **state)
{
	size_t size = 100;
	char *buf = malloc(size);
	struct seq s;

	(void)state;
	seq_init(&s, buf, size);
	seq_printf(&s, "line one\nline two\n");
	seq_printf(&s, "partial");
	assert_false(seq_overflowed(&s));
	seq_printf(&s, "%s", "a long piece of text that cannot fit in what is left");
	assert_true(seq_overflowed(&s));
	assert_true(strncmp(buf, "line one\nline two\n[truncated: ", 30) == 0);
	assert_non_null(strstr(buf, "35 bytes]\n"));
	assert_null(strstr(buf, "partial"));
	assert_int_equal(strlen(buf), s.len);
	assert_true(s.len < size);

	seq_puts(&s, "more\n");
	assert_null(strstr(buf, "more"));
	assert_int_equal(strlen(buf), s.len);
	free(buf);
}

/* One line longer than the whole sink: expect only the marker. */
static void
test_seq_overflow_of_a_single_line_leaves_only_the_marker(void **state)
{
	char line[300];
	char *buf = malloc(128);
	struct seq s;

	(void)state;
	memset(line, 'y', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	seq_init(&s, buf, 128);
	seq_puts(&s, line);
	assert_true(seq_overflowed(&s));
	assert_true(strncmp(buf, "[truncated: ", 12) == 0);
	assert_int_equal(buf[s.len - 1], '\n');
	free(buf);
}

/* A sink too small for any text: expect no write past it, and overflow. */
static void
test_seq_tiny_buffer_is_never_overrun(void **state)
{
	char *buf = malloc(8);
	struct seq s;

	(void)state;
	seq_init(&s, buf, 8);
	seq_puts(&s, "hello");
	assert_true(seq_overflowed(&s));
	assert_true(strlen(buf) < 8);
	free(buf);
}

/* ------------------------------------------------------------ lookup */

/* Expect slashes repeated or trailing, and relative paths, to name the file. */
static void
test_lookup_normalises_the_path(void **state)
{
	const struct pseudo_file *f = pseudofs_lookup("/t/info");

	(void)state;
	assert_non_null(f);
	assert_string_equal(f->path, "/t/info");
	assert_ptr_equal(pseudofs_lookup("//t///info/"), f);
	assert_ptr_equal(pseudofs_lookup("t/info"), f);
	assert_null(pseudofs_lookup("/t/inf"));
	assert_null(pseudofs_lookup("/t/info/x"));
	assert_null(pseudofs_lookup("/t"));
	assert_null(pseudofs_lookup("/t/./info"));
}

/* Expect directories to exist exactly while a file lies under them. */
static void
test_directories_are_implied_by_paths(void **state)
{
	(void)state;
	assert_true(pseudofs_is_dir("/"));
	assert_true(pseudofs_is_dir("/t"));
	assert_true(pseudofs_is_dir("/t/sub/"));
	assert_true(pseudofs_is_dir("/t/sub/deep"));
	assert_false(pseudofs_is_dir("/t/sub/deep/leaf"));
	assert_false(pseudofs_is_dir("/t/su"));
	assert_false(pseudofs_is_dir("/nope"));
}

/* A path longer than PSEUDOFS_PATH_MAX: expect "not found", no overrun. */
static void
test_overlong_path_is_refused(void **state)
{
	char path[PSEUDOFS_PATH_MAX * 2];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	assert_null(pseudofs_lookup(path));
	assert_false(pseudofs_is_dir(path));
	assert_int_equal(pseudofs_write(path, "x"), -EINVAL);
}

/* ------------------------------------------------------------ ls */

/* Expect "/" to list t/ and u/ once each, sorted, with a slash. */
static void
test_ls_root_lists_implied_directories_once(void **state)
{
	int err;
	char *out = ls("/", LS_SHORT, &err);

	(void)state;
	assert_int_equal(err, 0);
	assert_string_equal(out, "t/\nu/\n");
	free(out);
}

/* Expect files and directories of /t, sorted by name. */
static void
test_ls_lists_files_and_subdirectories_sorted(void **state)
{
	int err;
	char *out = ls("/t", LS_SHORT, &err);

	(void)state;
	assert_int_equal(err, 0);
	assert_string_equal(out, "fail\ninfo\nknob\nsub/\n");
	free(out);
	out = ls("/t/sub/", LS_SHORT, &err);
	assert_int_equal(err, 0);
	assert_string_equal(out, "deep/\n");
	free(out);
}

/* Expect the long format to show the mode and the help. */
static void
test_ls_long_shows_mode_and_help(void **state)
{
	int err;
	char *out = ls("/t", LS_LONG, &err);

	(void)state;
	assert_int_equal(err, 0);
	assert_non_null(strstr(out, "r- info"));
	assert_non_null(strstr(out, "rw knob"));
	assert_non_null(strstr(out, "a read-write file\n"));
	assert_non_null(strstr(out, "d  sub/\n"));
	free(out);
	out = ls("/t/sub/deep", LS_LONG, &err);
	assert_non_null(strstr(out, "-w leaf"));
	free(out);
}

/* Expect -ENOENT for a missing directory, and a file listed as itself. */
static void
test_ls_missing_dir_and_file(void **state)
{
	int err;
	char *out = ls("/nope", LS_SHORT, &err);

	(void)state;
	assert_int_equal(err, -ENOENT);
	assert_string_equal(out, "");
	assert_string_equal(pseudofs_strerror(err), "no such file or directory");
	free(out);
	out = ls("/t/info", LS_SHORT, &err);
	assert_int_equal(err, 0);
	assert_string_equal(out, "/t/info\n");
	free(out);
}

/* ------------------------------------------------------------ registration */

/*
 * Register /sys/devices/system/memory/memory8/state at run time.
 * Expect it listed, readable with its data, and gone after unregister,
 * taking its implied directories with it.
 */
static void
test_register_adds_file_and_its_directories(void **state)
{
	static int block = 8;
	struct pseudo_file *f = make_file(0, "/sys/devices/system/memory/memory8/state", &block);
	int err;
	char *out;

	(void)state;
	assert_false(pseudofs_is_dir("/sys"));
	assert_int_equal(pseudofs_register(f), 0);
	assert_ptr_equal(pseudofs_lookup("/sys/devices/system/memory/memory8/state"), f);
	out = ls("/", LS_SHORT, &err);
	assert_string_equal(out, "sys/\nt/\nu/\n");
	free(out);
	out = ls("/sys/devices/system/memory", LS_SHORT, &err);
	assert_string_equal(out, "memory8/\n");
	free(out);

	assert_int_equal(pseudofs_unregister(f), 0);
	assert_int_equal(pseudofs_unregister(f), -ENOENT);
	assert_false(pseudofs_is_dir("/sys"));
	assert_null(pseudofs_lookup("/sys/devices/system/memory/memory8/state"));
}

/* Expect every bad registration refused, the table unchanged. */
static void
test_register_refuses_bad_paths_and_clashes(void **state)
{
	(void)state;
	assert_int_equal(pseudofs_register(make_file(0, "relative/x", NULL)), -EINVAL);
	assert_int_equal(pseudofs_register(make_file(0, "/a//b", NULL)), -EINVAL);
	assert_int_equal(pseudofs_register(make_file(0, "/a/b/", NULL)), -EINVAL);
	assert_int_equal(pseudofs_register(make_file(0, "/", NULL)), -EINVAL);
	assert_int_equal(pseudofs_register(make_file(0, "/a/../b", NULL)), -EINVAL);
	assert_int_equal(pseudofs_register(make_file(0, "/a/./b", NULL)), -EINVAL);
	make_file(0, "/a/quiet", NULL)->show = NULL;	/* neither show nor store */
	assert_int_equal(pseudofs_register(&extra[0]), -EINVAL);
	assert_int_equal(pseudofs_register(NULL), -EINVAL);

	assert_int_equal(pseudofs_register(make_file(0, "/t/info", NULL)), -EEXIST);
	assert_int_equal(pseudofs_register(make_file(0, "/t/sub", NULL)), -EEXIST);
	assert_int_equal(pseudofs_register(make_file(0, "/t/info/x", NULL)), -ENOTDIR);
	assert_null(pseudofs_lookup("/a/b"));
	assert_false(pseudofs_is_dir("/a"));
}

/* Fill the run-time table: expect -ENOSPC after PSEUDOFS_MAX_DYNAMIC. */
static void
test_register_until_full_gives_enospc(void **state)
{
	char path[PSEUDOFS_PATH_MAX];

	(void)state;
	for (int i = 0; i < PSEUDOFS_MAX_DYNAMIC; i++) {
		snprintf(path, sizeof(path), "/many/f%d", i);
		assert_int_equal(pseudofs_register(make_file(i, path, NULL)), 0);
	}
	assert_int_equal(pseudofs_register(make_file(PSEUDOFS_MAX_DYNAMIC, "/many/last", NULL)),
			 -ENOSPC);
	/* One out, one in. */
	assert_int_equal(pseudofs_unregister(&extra[17]), 0);
	assert_int_equal(pseudofs_register(&extra[PSEUDOFS_MAX_DYNAMIC]), 0);
	assert_non_null(pseudofs_lookup("/many/last"));
	assert_null(pseudofs_lookup("/many/f17"));
	snprintf(path, sizeof(path), "/many/f%d", PSEUDOFS_MAX_DYNAMIC - 1);
	assert_non_null(pseudofs_lookup(path));
}

/* ------------------------------------------------------------ read, write */

/* Expect read to dispatch to show, and each failure to its own code. */
static void
test_read_dispatches_and_reports_errors(void **state)
{
	char buf[256];
	struct seq s;

	(void)state;
	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/t/info", &s), 0);
	assert_string_equal(buf, "info\n");

	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/nope", &s), -ENOENT);
	assert_int_equal(pseudofs_read("/t", &s), -EISDIR);
	assert_int_equal(pseudofs_read("/t/sub/deep/leaf", &s), -EACCES);
	assert_string_equal(pseudofs_strerror(-EACCES), "write-only file");
	assert_string_equal(pseudofs_strerror(-EISDIR), "is a directory");
	assert_string_equal(buf, "");

	/* show's own error comes back, with what it wrote before failing */
	assert_int_equal(pseudofs_read("/t/fail", &s), -EBUSY);
	assert_string_equal(buf, "half a ");
}

/* Expect s->private to be the run-time file's data during its show. */
static int show_private_seen;
static int
private_show(struct seq *s)
{
	show_private_seen = *(int *)s->private;
	return 0;
}

static void
test_read_passes_the_file_data(void **state)
{
	static int value = 42;
	struct pseudo_file *f = make_file(0, "/d/x", &value);
	char buf[128];
	struct seq s;

	(void)state;
	f->show = private_show;
	assert_int_equal(pseudofs_register(f), 0);
	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/d/x", &s), 0);
	assert_int_equal(show_private_seen, 42);
}

/* Expect write to reach store with its data, and -EROFS on a read-only file. */
static void
test_write_dispatches_and_reports_errors(void **state)
{
	static int value;
	struct pseudo_file *f = make_file(0, "/d/w", &value);

	(void)state;
	f->store = knob_store;
	assert_int_equal(pseudofs_register(f), 0);
	assert_int_equal(pseudofs_write("/d/w", "online"), 0);
	assert_string_equal(knob_text, "online");
	assert_ptr_equal(last_store_data, &value);

	assert_int_equal(pseudofs_write("/t/info", "1"), -EROFS);
	assert_string_equal(pseudofs_strerror(-EROFS), "read-only file");
	assert_int_equal(pseudofs_write("/nope", "1"), -ENOENT);
	assert_int_equal(pseudofs_write("/t", "1"), -EISDIR);
	assert_int_equal(pseudofs_write("/t/knob", "bad"), -EINVAL);
}

/* `echo a b  c > /t/knob`: expect the words joined by single spaces. */
static void
test_write_words_joins_like_echo(void **state)
{
	char *words[] = { "a", "b", "c" };
	char *none[] = { NULL };
	char big[600];
	char *two_big[] = { big, big };

	(void)state;
	assert_int_equal(pseudofs_write_words("/t/knob", 3, words), 0);
	assert_string_equal(knob_text, "a b c");
	assert_int_equal(pseudofs_write_words("/t/knob", 0, none), 0);
	assert_string_equal(knob_text, "");

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(pseudofs_write_words("/t/knob", 2, two_big), -E2BIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq_fills_to_its_limit_without_marker),
		cmocka_unit_test(test_seq_overflow_keeps_whole_lines_and_adds_marker),
		cmocka_unit_test(test_seq_overflow_of_a_single_line_leaves_only_the_marker),
		cmocka_unit_test(test_seq_tiny_buffer_is_never_overrun),
		cmocka_unit_test(test_lookup_normalises_the_path),
		cmocka_unit_test(test_directories_are_implied_by_paths),
		cmocka_unit_test(test_overlong_path_is_refused),
		cmocka_unit_test(test_ls_root_lists_implied_directories_once),
		cmocka_unit_test(test_ls_lists_files_and_subdirectories_sorted),
		cmocka_unit_test(test_ls_long_shows_mode_and_help),
		cmocka_unit_test(test_ls_missing_dir_and_file),
		cmocka_unit_test_teardown(test_register_adds_file_and_its_directories, teardown),
		cmocka_unit_test_teardown(test_register_refuses_bad_paths_and_clashes, teardown),
		cmocka_unit_test_teardown(test_register_until_full_gives_enospc, teardown),
		cmocka_unit_test(test_read_dispatches_and_reports_errors),
		cmocka_unit_test_teardown(test_read_passes_the_file_data, teardown),
		cmocka_unit_test_teardown(test_write_dispatches_and_reports_errors, teardown),
		cmocka_unit_test_teardown(test_write_words_joins_like_echo, teardown),
	};

	return cmocka_run_group_tests_name("pseudofs", tests, NULL, NULL);
}
