/* SPDX-License-Identifier: MIT */
/*
 * arch/ia64/include/arch/context.h - what kernel/task.c needs of the CPU
 * to run more than one task, the same names as
 * arch/x86_64/include/arch/context.h.
 *
 * IA-64 is the odd one: a task has two stacks.  The memory stack (r12)
 * grows down as on x86_64; the register stack engine spills stacked
 * registers (r32 and up) to a backing store that grows up.  Linux puts
 * both in one block, backing store at the bottom, so a canary at the
 * bottom would be overwritten at once: a port puts it between the two.
 * A switch saves the preserved registers (r4-r7, b1-b5, ar.pfs, ar.unat,
 * ar.lc, the predicates), flushes the register stack (flushrs), and
 * swaps ar.bspstore as well as r12.  No IA-64 kernel exists: the host
 * tests use tests/unit/fake/arch/context.h; this header shows what a
 * port changes.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include "kernel/types.h"

void arch_context_switch(void **save_sp, void *new_sp);
void *arch_task_stack_init(void *stack, size_t size, void (*fn)(void *arg), void *arg);
void *arch_boot_stack_bottom(void);
/* User mode: a port keeps the kernel stack (and its backing store)
 * where the interruption handler switches to (an ar.k register), and
 * enters user mode with rfi at privilege level 3 (cr.ipsr.cpl). */
void arch_set_kernel_stack(void *top);
void arch_enter_user(vaddr_t entry, vaddr_t sp, void *kstack_top) __noreturn;
void task_entry(void (*fn)(void *arg), void *arg) __noreturn;

#endif /* ARCH_CONTEXT_H */
