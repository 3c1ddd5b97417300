/* SPDX-License-Identifier: MIT */
/*
 * kernel/cmd_basic.c - the shell commands every kernel has: version,
 * uptime, cmdline, echo, reboot, halt, and crash, which breaks the kernel
 * on purpose to show the CPU exception report.
 *
 * Course text: docs/01-boot.md.
 * Tests: tests/qemu/test_shell.py, tests/qemu/test_crash.py
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"

SHELL_COMMAND(cmd_version, "version", "", 0, 0, "print the kernel version and build");
static int
cmd_version(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("hotmem %s (%s), built %s %s with gcc %s\n", HOTMEM_VERSION,
	       ARCH_NAME, __DATE__, __TIME__, __VERSION__);
	return 0;
}

SHELL_COMMAND(cmd_uptime, "uptime", "", 0, 0, "time since the clock started, in seconds");
static int
cmd_uptime(int argc, char **argv)
{
	u64 ns = ktime_ns();

	(void)argc, (void)argv;
	printf("up %llu.%06llu s\n", (unsigned long long)(ns / 1000000000),
	       (unsigned long long)(ns / 1000 % 1000000));
	return 0;
}

SHELL_COMMAND(cmd_echo, "echo", "[WORD...]", 0, -1, "print the words, separated by spaces");
static int
cmd_echo(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	printf("\n");
	return 0;
}

extern const struct kernel_param __start_hotmem_params[];
extern const struct kernel_param __stop_hotmem_params[];

static bool
param_is_known(const char *word)
{
	size_t n = strchr(word, '=') ? (size_t)(strchr(word, '=') - word) : strlen(word);

	for (const struct kernel_param *p = __start_hotmem_params;
	     p < __stop_hotmem_params; p++)
		if (strlen(p->name) == n && !strncmp(p->name, word, n))
			return true;
	return false;
}

SHELL_COMMAND(cmd_cmdline, "cmdline", "", 0, 0, "the kernel command line, word by word");
static int
cmd_cmdline(int argc, char **argv)
{
	static char copy[SHELL_LINE_MAX];
	char *words[64];
	const char *err;
	int n;

	(void)argc, (void)argv;
	printf("%s\n", cmdline_get());
	snprintf(copy, sizeof(copy), "%s", cmdline_get());
	n = args_split(copy, words, ARRAY_SIZE(words), &err);
	if (n == -E2BIG)	/* the first ARRAY_SIZE(words) words are there */
		n = ARRAY_SIZE(words);
	for (int i = 0; i < n; i++)
		printf("  %-30s %s\n", words[i],
		       param_is_known(words[i]) ? "known" : "unknown (ignored)");
	return 0;
}

SHELL_COMMAND(cmd_reboot, "reboot", "", 0, 0, "reset the machine");
static int
cmd_reboot(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("Rebooting.\n");
	arch_reboot();
}

SHELL_COMMAND(cmd_halt, "halt", "", 0, 0, "stop the machine (QEMU exits when booted with debug_exit)");
static int
cmd_halt(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("System halted.\n");
	machine_stop(EXIT_HALT);
}

/*
 * `crash [pf|gp|ud|de]`: make the CPU raise an exception in the kernel.
 * pf writes to 0xdead0000, which nothing maps; gp reads a non-canonical
 * address; ud executes an invalid instruction; de divides by zero.
 */
SHELL_COMMAND(cmd_crash, "crash", "[pf|gp|ud|de]", 0, 1,
	      "debug: raise a CPU exception (default pf: a page fault) to show the report");
static int
cmd_crash(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "pf";
	static volatile int zero;

	if (strcmp(kind, "pf") && strcmp(kind, "gp") && strcmp(kind, "ud") &&
	    strcmp(kind, "de")) {
		printf("crash: %s: unknown kind (pf, gp, ud or de)\n", kind);
		return -EINVAL;
	}
	printf("crash: raising %s on purpose\n", kind);
	if (!strcmp(kind, "pf"))
		*(volatile u64 *)0xdead0000UL = 1;
	else if (!strcmp(kind, "gp"))
		(void)*(volatile u64 *)0x8000000000000000UL;
	else if (!strcmp(kind, "ud"))
		__builtin_trap();
	else
		zero = 1 / zero;
	printf("crash: %s did not fault\n", kind);
	return -EINVAL;
}
