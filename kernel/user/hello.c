/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/hello.c - the smallest user program: ask the kernel who it
 * is (getpid), say so with its arguments (write), and exit.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include "kernel/user/ulib.h"

int
main(int argc, char **argv)
{
	long pid = sys_getpid();

	uprintf("hello[%ld]: hello from user mode, %d argument%s:", pid, argc,
		argc == 1 ? "" : "s");
	for (int i = 0; i < argc; i++)
		uprintf(" %s", argv[i]);
	uprintf("\n");
	return 0;
}
