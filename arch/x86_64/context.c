/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/context.c - the first stack frame of a new task.
 *
 * The idea: a new task is made to look like a task that called
 * arch_context_switch() and is waiting for it to return.  Its stack gets
 * a struct switch_frame whose registers are zero except r12 (the task's
 * function) and r13 (its argument), and whose return address is
 * arch_task_trampoline (switch.S).  The first switch to the task pops
 * that frame and "returns" into the trampoline.
 *
 *     stack + size ->  +-----------------------------+  16-byte aligned
 *                      | rip = arch_task_trampoline  |
 *                      | rbp = 0                     |
 *                      | rbx = 0                     |
 *                      | r12 = fn                    |
 *                      | r13 = arg                   |
 *                      | r14 = 0                     |
 *     returned sp  ->  | r15 = 0                     |
 *                      |   ... free stack ...        |
 *     stack        ->  +-----------------------------+  canary (kernel/task.c)
 *
 * After the ret, rsp is the aligned top again, as the trampoline's call
 * needs it.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/qemu/test_tasks.py
 */
#include <arch/context.h>
#include "arch/x86_64/x86.h"

extern char arch_task_trampoline[];	/* switch.S */
extern char boot_stack[];		/* boot/entry.S */

void *
arch_task_stack_init(void *stack, size_t size, void (*fn)(void *arg), void *arg)
{
	u64 top = ALIGN_DOWN((u64)stack + size, 16);
	struct switch_frame *f = (struct switch_frame *)top - 1;

	*f = (struct switch_frame){
		.r12 = (u64)fn,
		.r13 = (u64)arg,
		.rbp = 0,
		.rip = (u64)arch_task_trampoline,
	};
	return f;
}

void *
arch_boot_stack_bottom(void)
{
	return boot_stack;
}
