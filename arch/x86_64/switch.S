/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/switch.S - the context switch: how one task hands the CPU
 * to another, in eleven instructions.
 *
 * arch_context_switch(save_sp, new_sp) is an ordinary call, so the
 * caller already expects rax, rcx, rdx, rsi, rdi, r8-r11 and the flags to
 * change; only rbx, rbp and r12-r15 must survive (the System V calling
 * convention).  Those six go on the old stack, the stack pointer goes to
 * *save_sp, and the same six come off the new stack.  The final ret pops
 * the new stack's return address: the new task continues where it called
 * arch_context_switch() itself.  Six pushes and a return address are the
 * layout of struct switch_frame (arch/x86_64/x86.h).
 *
 * A task never switched to before has a frame built by
 * arch_task_stack_init() (context.c) whose return address is
 * arch_task_trampoline, with the task's function in r12 and its argument
 * in r13; the trampoline calls task_entry(fn, arg) in kernel/task.c.
 *
 * Interrupts stay disabled across the switch (schedule() disables them):
 * an interrupt between "save rsp" and "load rsp" would run on a stack
 * that is half one task's and half another's.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/qemu/test_tasks.py
 */

	.text
	.code64

/* void arch_context_switch(void **save_sp, void *new_sp) */
	.globl arch_context_switch
	.type arch_context_switch, @function
arch_context_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)		/* the old task is now just this value */
	movq	%rsi, %rsp		/* from here on we run on the new task's stack */
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret				/* into the new task */
	.size arch_context_switch, . - arch_context_switch

/*
 * A new task's first "return" lands here, with rsp 16-byte aligned as a
 * call site needs it and rbp 0 (the end of its stack trace).
 */
	.globl arch_task_trampoline
	.type arch_task_trampoline, @function
arch_task_trampoline:
	movq	%r12, %rdi		/* fn */
	movq	%r13, %rsi		/* arg */
	call	task_entry		/* never returns: the task ends in task_exit() */
	ud2
	.size arch_task_trampoline, . - arch_task_trampoline
