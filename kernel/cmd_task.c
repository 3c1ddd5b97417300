/* SPDX-License-Identifier: MIT */
/*
 * kernel/cmd_task.c - shell commands about tasks: `ps` lists them, like a
 * tiny Linux ps, and `sleep MS` puts the shell's task to sleep (with a
 * final `&`, a task of its own: kernel/shell.c).
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/qemu/test_tasks.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "mm/mm.h"

#define PS_MAX	64	/* tasks `ps` shows; more are counted, not listed */

/* Linux's letters: R runnable or running, S sleeping, X dead. */
static char
task_state_letter(enum task_state s)
{
	switch (s) {
	case TASK_RUNNING:	return 'R';
	case TASK_SLEEPING:	return 'S';
	case TASK_DEAD:		return 'X';
	}
	return '?';
}

SHELL_COMMAND(cmd_ps, "ps", "", 0, 0,
	      "list tasks: PID, STATE (R running, S sleeping), SWITCHES to it, NAME");
static int
cmd_ps(int argc, char **argv)
{
	struct task *tasks = kmalloc(PS_MAX * sizeof(*tasks), GFP_KERNEL);	/* too big for a task stack */
	int n;

	(void)argc, (void)argv;
	if (!tasks) {
		printf("ps: no memory for a copy of the task list\n");
		return -ENOMEM;
	}
	n = task_snapshot(tasks, PS_MAX);
	printf("%5s %-5s %10s %s\n", "PID", "STATE", "SWITCHES", "NAME");
	for (int i = 0; i < MIN(n, PS_MAX); i++)
		printf("%5d %-5c %10llu %s\n", tasks[i].pid,
		       task_state_letter(tasks[i].state),
		       (unsigned long long)tasks[i].switches, tasks[i].name);
	if (n > PS_MAX)
		printf("ps: %d more tasks not shown\n", n - PS_MAX);
	kfree(tasks);
	return 0;
}

SHELL_COMMAND(cmd_sleep, "sleep", "MS", 1, 1,
	      "sleep MS milliseconds (end the line with & to sleep in a task of its own)");
static int
cmd_sleep(int argc, char **argv)
{
	int err;
	u64 ms;

	(void)argc;
	err = arg_u64(argv[1], &ms);
	if (err) {
		printf("sleep: %s: %s\n", argv[1], err == -ERANGE ?
		       "too many milliseconds" : "not a number of milliseconds");
		return err;
	}
	task_sleep_ms(ms);
	return 0;
}
