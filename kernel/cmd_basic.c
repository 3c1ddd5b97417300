/* SPDX-License-Identifier: MIT */
/*
 * kernel/cmd_basic.c - the shell commands every kernel has: version,
 * uptime, echo, reboot, halt, and crash, which breaks the kernel
 * on purpose to show the CPU exception report.
 *
 * Course text: docs/01-boot.md; the ACPI reset: docs/07-aml-and-acpi-events.md.
 * Tests: tests/qemu/test_shell.py, tests/qemu/test_crash.py
 */
#include <arch/cpu.h>
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
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

SHELL_COMMAND(cmd_echo, "echo", "[WORD...] [> FILE]", 0, -1,
	      "print the words, or write them into a pseudo-file");
static int
cmd_echo(int argc, char **argv)
{
	/* `echo WORDS > FILE`: the words go to the file's store function. */
	if (argc >= 3 && !strcmp(argv[argc - 2], ">")) {
		int err = pseudofs_write_words(argv[argc - 1], argc - 3, argv + 1);

		if (err)
			printf("echo: %s: %s\n", argv[argc - 1], pseudofs_strerror(err));
		return err;
	}
	for (int i = 1; i < argc; i++)
		printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	printf("\n");
	return 0;
}

SHELL_COMMAND(cmd_reboot, "reboot", "", 0, 0, "reset the machine");
static int
cmd_reboot(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("Rebooting.\n");
	/* The FADT's reset register first (q35 has one, pc does not); it
	 * returns only when there is none or it did nothing. */
	acpi_reboot();
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
	static volatile int zero, one = 1;

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
		zero = one / zero;	/* both volatile: a real idiv */
	printf("crash: %s did not fault\n", kind);
	return -EINVAL;
}
