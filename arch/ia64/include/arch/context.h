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
void task_entry(void (*fn)(void *arg), void *arg) __noreturn;

#endif /* ARCH_CONTEXT_H */
