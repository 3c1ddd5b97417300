/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/cpu.h - what generic code may ask of the CPU:
 * interrupts on and off, waiting, stopping, resetting, and the boot-time
 * set-up calls kernel_main() makes in order.
 *
 * Lock rule: with one CPU, "interrupts disabled" is the lock that guards
 * data shared with interrupt handlers (arch_irq_save()/arch_irq_restore()
 * nest; see docs/01-boot.md).
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "kernel/types.h"

#define ARCH_NAME	"x86_64"
#define ARCH_ELF_MACHINE 62	/* EM_X86_64: the programs kernel/exec.c loads */

static inline void arch_irq_enable(void)  { __asm__ volatile("sti" ::: "memory"); }
static inline void arch_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }

static inline bool
arch_irqs_enabled(void)
{
	u64 flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags) :: "memory");
	return flags & (1 << 9);
}

/* Disable interrupts; return whether they were on, for arch_irq_restore(). */
static inline bool
arch_irq_save(void)
{
	bool was = arch_irqs_enabled();

	arch_irq_disable();
	return was;
}

static inline void
arch_irq_restore(bool was_enabled)
{
	if (was_enabled)
		arch_irq_enable();
}

/*
 * Enable interrupts and sleep until one arrives, as one step: "sti; hlt"
 * cannot lose a wake-up, because sti takes effect after the next
 * instruction.  Call with interrupts disabled, after checking for work.
 */
static inline void
arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" ::: "memory");
}

static inline void arch_cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }

static inline u64
rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* cpu.c */
void arch_early_init(void);		/* GDT, IDT, drop the identity map, clock */
void arch_irq_init(void);		/* PIC off, LAPIC, IOAPIC, timer tick */
void arch_halt(void) __noreturn;	/* interrupts off, hlt forever */
void arch_reboot(void) __noreturn;
void arch_debug_exit(u32 value);	/* QEMU isa-debug-exit; returns if absent */

/* traps.c */
void arch_dump_stack(void);		/* print the caller's stack trace */

/*
 * idt.c: device interrupts.  HANDLER runs with interrupts disabled, and
 * the end-of-interrupt is sent after it returns.  A level-triggered line
 * is asserted until its device is told to stop: the handler must do that
 * (ACPI's SCI: clear the firing GPE's enable bit), or the interrupt
 * comes back at once after the EOI, forever.
 */
typedef void (*irq_handler_t)(void *arg);
/* How a line signals, for arch_request_gsi(): */
#define IRQ_EDGE	0		/* edge-triggered (ISA devices) */
#define IRQ_LEVEL	(1u << 0)	/* level-triggered (the ACPI SCI, PCI) */
#define IRQ_ACTIVE_HIGH	0
#define IRQ_ACTIVE_LOW	(1u << 1)
/* ISA IRQ n as GSI n, edge-triggered, active high. */
int arch_request_isa_irq(unsigned int isa_irq, irq_handler_t handler, void *arg);
/* Global system interrupt GSI (an IOAPIC input) with FLAGS (IRQ_LEVEL,
 * IRQ_ACTIVE_LOW): 0, -EINVAL (no such input), -EBUSY (taken). */
int arch_request_gsi(u32 gsi, unsigned int flags, irq_handler_t handler, void *arg);

#endif /* ARCH_CPU_H */
