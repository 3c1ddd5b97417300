/* SPDX-License-Identifier: MIT */
/*
 * kernel/shell.c - the serial shell: read a line, split it, find the
 * command, check its argument count, run it; forever.
 *
 * Commands are not listed here: each file registers its own with
 * SHELL_COMMAND() (kernel/shell.h), and the linker collects them between
 * __start_hotmem_shell_cmds and __stop_hotmem_shell_cmds.
 *
 * Course text: docs/01-boot.md.
 * Tests: tests/qemu/test_shell.py
 */
#include "kernel/console.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/lineedit.h"
#include "kernel/shell.h"

#define SHELL_PROMPT	"hotmem> "

extern const struct shell_cmd __start_hotmem_shell_cmds[];
extern const struct shell_cmd __stop_hotmem_shell_cmds[];

static struct lineedit editor;	/* only the shell task touches it */

const struct shell_cmd *
shell_find(const char *name)
{
	for (const struct shell_cmd *c = __start_hotmem_shell_cmds;
	     c < __stop_hotmem_shell_cmds; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int
shell_execute(char *line)
{
	char *argv[SHELL_ARGS_MAX + 1];
	const struct shell_cmd *cmd;
	const char *err = NULL;
	int argc = args_split(line, argv, SHELL_ARGS_MAX, &err);

	if (argc < 0) {
		printf("shell: %s\n", err ? err : "cannot split the line");
		return argc;
	}
	if (argc == 0)
		return 0;
	argv[argc] = NULL;

	cmd = shell_find(argv[0]);
	if (!cmd) {
		printf("shell: %s: unknown command (try 'help')\n", argv[0]);
		return -ENOENT;
	}
	if (argc - 1 < cmd->min_args ||
	    (cmd->max_args >= 0 && argc - 1 > cmd->max_args)) {
		printf("usage: %s%s%s\n", cmd->name, cmd->usage[0] ? " " : "",
		       cmd->usage);
		return -EINVAL;
	}
	return cmd->run(argc, argv);
}

static void
shell_echo(const char *s, size_t n)
{
	console_write(s, n);
}

void
shell_run(void)
{
	lineedit_init(&editor, shell_echo);
	for (;;) {
		enum lineedit_result r;

		lineedit_reset(&editor);
		printf(SHELL_PROMPT);
		do
			r = lineedit_feed(&editor, console_getc());
		while (r == LINEEDIT_MORE);
		if (r == LINEEDIT_DONE) {
			lineedit_add_history(&editor, editor.line);
			shell_execute(editor.line);
		}
	}
}

/* `help`: every registered command, sorted by name. */
SHELL_COMMAND(cmd_help, "help", "", 0, 0, "list every command with a one-line description");
static int
cmd_help(int argc, char **argv)
{
	const struct shell_cmd *prev = NULL;

	(void)argc, (void)argv;
	/* Selection by name: repeatedly print the smallest name above the
	 * previous one.  Quadratic, and there are a few dozen commands. */
	for (;;) {
		const struct shell_cmd *next = NULL;
		char left[48];

		for (const struct shell_cmd *c = __start_hotmem_shell_cmds;
		     c < __stop_hotmem_shell_cmds; c++)
			if ((!prev || strcmp(c->name, prev->name) > 0) &&
			    (!next || strcmp(c->name, next->name) < 0))
				next = c;
		if (!next)
			return 0;
		snprintf(left, sizeof(left), "%s%s%s", next->name,
			 next->usage[0] ? " " : "", next->usage);
		printf("  %-28s %s\n", left, next->help);
		prev = next;
	}
}
