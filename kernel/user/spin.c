/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/spin.c - a program that never gives the CPU away: it
 * counts for ever, with no system call.  Only preemption (the timer tick,
 * then the way back to user mode) lets anything else run: `ps` shows
 * every spin task's switches growing while the shell still answers.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include "kernel/user/ulib.h"

int
main(int argc, char **argv)
{
	volatile unsigned long count = 0;

	(void)argc, (void)argv;
	uprintf("spin[%ld]: spinning\n", sys_getpid());
	for (;;)
		count++;
}
