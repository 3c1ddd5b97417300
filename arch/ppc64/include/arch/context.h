/* SPDX-License-Identifier: MIT */
/*
 * arch/ppc64/include/arch/context.h - what kernel/task.c needs of the CPU
 * to run more than one task, the same names as
 * arch/x86_64/include/arch/context.h.
 *
 * What a ppc64 switch would save (64-bit ELF ABI): the non-volatile
 * registers r14-r31, the condition register fields cr2-cr4, and the link
 * register, which holds the return address (there is no return address
 * on the stack, so a new task's first frame puts the trampoline in the
 * saved LR).  r1 is the stack pointer and r2 the TOC pointer; every
 * frame starts with a back chain to its caller's, which is what a stack
 * trace follows.  No ppc64 kernel exists: the host tests use
 * tests/unit/fake/arch/context.h; this header shows what a port changes.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include "kernel/types.h"

void arch_context_switch(void **save_sp, void *new_sp);
void *arch_task_stack_init(void *stack, size_t size, void (*fn)(void *arg), void *arg);
void *arch_boot_stack_bottom(void);
/* User mode: a port keeps the kernel stack top where its interrupt
 * entry finds it (in the PACA, through SPRG), and enters user mode
 * with rfid (SRR0 = entry, SRR1 = MSR with PR set). */
void arch_set_kernel_stack(void *top);
void arch_enter_user(vaddr_t entry, vaddr_t sp, void *kstack_top) __noreturn;
void task_entry(void (*fn)(void *arg), void *arg) __noreturn;

#endif /* ARCH_CONTEXT_H */
