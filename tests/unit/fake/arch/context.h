/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/arch/context.h - the context switch for host tests:
 * the same interface as arch/x86_64/include/arch/context.h, made of
 * ucontext_t and swapcontext() (tests/unit/fake/fake_context.c).
 *
 * A "stack pointer" here is a pointer to a struct fake_context kept at
 * the top of the task's stack; the test program's own stack is init's.
 * The fake checks its callers: a switch with interrupts on panics.  It
 * also keeps fake_cpu.save_depth per context, since an arch_irq_save()
 * belongs to the stack it was made on: a new task starts at depth 0.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/kernel/test_task.c
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include "kernel/types.h"

void arch_context_switch(void **save_sp, void *new_sp);
void *arch_task_stack_init(void *stack, size_t size, void (*fn)(void *arg), void *arg);
/* NULL: init runs on the test program's stack, which has no canary. */
void *arch_boot_stack_bottom(void);
/* No user mode on the host: a no-op, and never called. */
void arch_set_kernel_stack(void *top);
void arch_enter_user(vaddr_t entry, vaddr_t sp, void *kstack_top) __noreturn;
void task_entry(void (*fn)(void *arg), void *arg) __noreturn;

#endif /* ARCH_CONTEXT_H */
