/* SPDX-License-Identifier: MIT */
/*
 * kernel/shell.c - the serial shell: read a line, split it, find the
 * command, check its argument count, run it; forever.
 *
 * Commands are not listed here: each file registers its own with
 * SHELL_COMMAND() (kernel/shell.h), and the linker collects them between
 * __start_hotmem_shell_cmds and __stop_hotmem_shell_cmds.
 *
 * A line that ends in a separate "&" runs its command as a task of its
 * own (a background job, as in a Unix shell), and the prompt comes back
 * at once.
 *
 * Course text: docs/01-boot.md, docs/07-aml-and-acpi-events.md (jobs).
 * Tests: tests/qemu/test_shell.py, tests/qemu/test_tasks.py
 */
#include "kernel/console.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/lineedit.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "mm/mm.h"

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

/*
 * Does LINE end in a bare "&" word?  Then cut it off.  Checked on the raw
 * line, before args_split() removes quotes and backslashes: '&' in
 * quotes ("echo '&'") or escaped ("echo \&") stays a word.  A blank made
 * literal by backslashes (an odd number of them) glues the "&" to the
 * word before it.
 */
static bool
shell_cut_background(char *line)
{
	size_t n = strlen(line), slashes = 0;

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (n == 0 || line[n - 1] != '&')
		return false;
	if (n >= 2) {
		if (line[n - 2] != ' ' && line[n - 2] != '\t')
			return false;
		while (n - 2 > slashes && line[n - 3 - slashes] == '\\')
			slashes++;
		if (slashes % 2)
			return false;
	}
	line[n - 1] = '\0';
	return true;
}

/*
 * A background job: the command and a copy of its words (the line
 * buffer is reused for the next line while the job runs).
 */
struct shell_job {
	const struct shell_cmd *cmd;
	int argc;
	char *argv[SHELL_ARGS_MAX + 1];	/* point into words[] */
	char words[];			/* the words, each ending in NUL */
};

static void
shell_job_run(void *arg)
{
	struct shell_job *job = arg;

	job->cmd->run(job->argc, job->argv);
	kfree(job);
}

/* Start CMD with ARGV in a task of its own, named after the command;
 * print "[PID] NAME" as a Unix shell prints a job. */
static int
shell_spawn(const struct shell_cmd *cmd, int argc, char **argv)
{
	size_t size = sizeof(struct shell_job);
	struct shell_job *job;
	struct task *t;
	char *p;

	for (int i = 0; i < argc; i++)
		size += strlen(argv[i]) + 1;
	job = kmalloc(size, GFP_KERNEL);
	if (!job) {
		printf("shell: %s: no memory for a background job\n", argv[0]);
		return -ENOMEM;
	}
	job->cmd = cmd;
	job->argc = argc;
	p = job->words;
	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;

		memcpy(p, argv[i], len);
		job->argv[i] = p;
		p += len;
	}
	job->argv[argc] = NULL;

	t = task_create(cmd->name, shell_job_run, job);
	if (!t) {
		kfree(job);
		printf("shell: %s: no memory for a task\n", argv[0]);
		return -ENOMEM;
	}
	printf("[%d] %s\n", t->pid, cmd->name);	/* it has not run yet: t is valid */
	return 0;
}

int
shell_execute(char *line)
{
	char *argv[SHELL_ARGS_MAX + 1];
	const struct shell_cmd *cmd;
	const char *err = NULL;
	bool background = shell_cut_background(line);
	int argc = args_split(line, argv, SHELL_ARGS_MAX, &err);

	if (argc < 0) {
		printf("shell: %s\n", err ? err : "cannot split the line");
		return argc;
	}
	if (argc == 0) {
		if (background)
			printf("shell: a job needs a command before '&'\n");
		return background ? -EINVAL : 0;
	}
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
	if (background)
		return shell_spawn(cmd, argc, argv);
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
