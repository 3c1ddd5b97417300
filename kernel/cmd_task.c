/* SPDX-License-Identifier: MIT */
/*
 * kernel/cmd_task.c - shell commands about tasks: `ps` lists them, like a
 * tiny Linux ps, `sleep MS` puts the shell's task to sleep (with a final
 * `&`, a task of its own: kernel/shell.c), `run PROG [ARGS...]` starts
 * a built-in user program as a user task, and `kill PID` ends one.
 *
 * Course text: docs/07-aml-and-acpi-events.md, docs/11-user-tasks.md.
 * Tests: tests/qemu/test_tasks.py, tests/qemu/test_user.py
 */
#include "kernel/exec.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "mm/vm.h"

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
	      "list tasks: PID, STATE (R running, S sleeping), SWITCHES, MODE (user/kernel), RSS (KiB), NAME");
static int
cmd_ps(int argc, char **argv)
{
	struct task *tasks = kmalloc(PS_MAX * sizeof(*tasks), GFP_KERNEL);	/* too big for a task stack */
	unsigned long *rss = kmalloc(PS_MAX * sizeof(*rss), GFP_KERNEL);
	int n;

	(void)argc, (void)argv;
	if (!tasks || !rss) {
		kfree(tasks);
		kfree(rss);
		printf("ps: no memory for a copy of the task list\n");
		return -ENOMEM;
	}
	n = task_snapshot(tasks, PS_MAX);
	/*
	 * The copies' mm pointers are good only until this task sleeps (a
	 * task exits only while the CPU is its own): read the RSS now,
	 * before printing anything.
	 */
	for (int i = 0; i < MIN(n, PS_MAX); i++)
		rss[i] = tasks[i].mm ? tasks[i].mm->rss_pages * (PAGE_SIZE / 1024) : 0;
	printf("%5s %-5s %10s %-6s %9s %s\n", "PID", "STATE", "SWITCHES", "MODE", "RSS", "NAME");
	for (int i = 0; i < MIN(n, PS_MAX); i++)
		printf("%5d %-5c %10llu %-6s %9lu %s\n", tasks[i].pid,
		       task_state_letter(tasks[i].state),
		       (unsigned long long)tasks[i].switches,
		       tasks[i].mm ? "user" : "kernel", rss[i], tasks[i].name);
	if (n > PS_MAX)
		printf("ps: %d more tasks not shown\n", n - PS_MAX);
	kfree(tasks);
	kfree(rss);
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

SHELL_COMMAND(cmd_run, "run", "PROG [ARGS...]", 1, EXEC_ARGS_MAX - 1,
	      "start built-in user program PROG (work hello fault spin) as a user task");
static int
cmd_run(int argc, char **argv)
{
	struct task *t;
	char names[64];
	int err;

	err = exec_spawn(argv[1], argc - 1, argv + 1, NUMA_NO_NODE, &t);
	if (err == -ENOENT)
		printf("run: %s: no such program (have: %s)\n", argv[1],
		       user_program_names(names, sizeof(names)));
	if (err)
		return err;
	printf("[%d] %s\n", t->pid, t->name);	/* it has not run yet: t is valid */
	return 0;
}

SHELL_COMMAND(cmd_kill, "kill", "PID", 1, 1,
	      "end user task PID and wait until it is gone (kernel threads cannot be killed)");
static int
cmd_kill(int argc, char **argv)
{
	u64 pid;

	(void)argc;
	if (arg_u64(argv[1], &pid) || pid > INT32_MAX) {
		printf("kill: %s: not a pid\n", argv[1]);
		return -EINVAL;
	}
	if (task_kill_wait(pid)) {
		printf("kill: pid %llu: no such user task\n", (unsigned long long)pid);
		return -ESRCH;
	}
	return 0;
}
