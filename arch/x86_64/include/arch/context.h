/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/context.h - what kernel/task.c needs of the
 * CPU to run more than one task: a stack switch, and a first stack frame
 * for a new task.
 *
 * The idea: a task that is not running is nothing but a saved stack
 * pointer.  arch_context_switch() pushes the registers the C calling
 * convention says a function must preserve (rbx, rbp, r12-r15) on the
 * old stack, saves the stack pointer, loads the new one, pops the new
 * task's registers and returns: into the new task, where it once called
 * arch_context_switch() itself.  Everything else (rax, rcx, ..., the
 * flags) the caller already treats as lost across a call.  There is no
 * FPU/SSE state to keep: the kernel is built with -mgeneral-regs-only.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/kernel/test_task.c (with a fake), tests/qemu/test_tasks.py
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include "kernel/types.h"

/*
 * switch.S: save the callee-saved registers on the current stack, store
 * the stack pointer in *SAVE_SP, switch to NEW_SP and restore what is
 * saved there.  Returns when some task switches back to *SAVE_SP.  Call
 * with interrupts disabled.
 */
void arch_context_switch(void **save_sp, void *new_sp);

/*
 * context.c: lay out a new task's first frame at the top of
 * [STACK, STACK + SIZE) and return its stack pointer: the first
 * arch_context_switch() to it enters task_entry(FN, ARG) with interrupts
 * still disabled, on a frame whose saved rbp is 0 (stack traces end there).
 */
void *arch_task_stack_init(void *stack, size_t size, void (*fn)(void *arg), void *arg);

/* The lowest address of the boot stack kernel_main() runs on, which
 * becomes init's stack (boot/entry.S). */
void *arch_boot_stack_bottom(void);

/*
 * User mode (docs/11-user-tasks.md).
 *
 * gdt.c: the stack the CPU switches to when an interrupt, exception or
 * system call arrives from user mode: the top of the running task's
 * kernel stack.  schedule() sets it at every switch.
 */
void arch_set_kernel_stack(void *top);
/*
 * trap_entry.S: leave the kernel for user mode at ENTRY with stack
 * pointer SP, interrupts on.  The kernel stack starts again, empty, at
 * KSTACK_TOP: whatever the caller had on it is dropped.  The task's user
 * tables must be loaded.  Never returns; the task comes back into the
 * kernel only through a trap.
 */
void arch_enter_user(vaddr_t entry, vaddr_t sp, void *kstack_top) __noreturn;

/* kernel/task.c: where every new task starts, from the trampoline. */
void task_entry(void (*fn)(void *arg), void *arg) __noreturn;

#endif /* ARCH_CONTEXT_H */
