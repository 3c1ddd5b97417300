/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/idt.c - the interrupt descriptor table and the dispatch of
 * every vector: CPU exceptions to the report, device interrupts to the
 * handler a driver registered, then the end-of-interrupt.
 *
 * Lock rule: handlers run with interrupts disabled (interrupt gates clear
 * IF), on the interrupted stack; they do the minimum and return.
 *
 * Course text: docs/01-boot.md, docs/11-user-tasks.md (the system call gate).
 */
#include <arch/cpu.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct idt_gate {
	u16 offset_lo;
	u16 selector;		/* KERNEL_CS */
	u8 ist;			/* 0, or the TSS stack to switch to */
	u8 type_attr;		/* 0x8e: present, DPL 0, 64-bit interrupt gate;
				 * 0xee: the same, DPL 3 (user mode may int $n) */
	u16 offset_mid;
	u32 offset_hi;
	u32 reserved;
} __packed;
_Static_assert(sizeof(struct idt_gate) == 16, "an IDT gate is 16 bytes");

static struct idt_gate idt[NR_VECTORS] __attribute__((aligned(16)));

/*
 * Device interrupt handlers, by GSI: the IOAPIC delivers GSI n on vector
 * VECTOR_GSI_BASE + n.  Set once at init, read in handlers.
 */
static struct {
	irq_handler_t handler;	/* NULL: nobody asked for this GSI */
	void *arg;
	unsigned int flags;	/* IRQ_LEVEL, IRQ_ACTIVE_LOW, as routed */
	u64 count;		/* interrupts taken */
} gsi_irqs[NR_GSI_VECTORS];

static void
idt_set_gate(int vector, u64 handler, u8 ist, u8 dpl)
{
	struct idt_gate *g = &idt[vector];

	g->offset_lo = handler & 0xffff;
	g->selector = KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e | dpl << 5;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_hi = handler >> 32;
	g->reserved = 0;
}

void
idt_init(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed idtr = { sizeof(idt) - 1, (u64)idt };

	/*
	 * Every gate has DPL 0 but the system call's: "int $n" from ring 3
	 * through any other gate is a #GP, so user mode cannot fake a
	 * device interrupt or an exception.  Exceptions the CPU raises
	 * itself ignore the DPL.  Interrupt gates clear IF: every handler
	 * starts with interrupts off, the system call too (user.c turns
	 * them on for the call's duration).
	 */
	for (int v = 0; v < NR_VECTORS; v++)
		idt_set_gate(v, (u64)(trap_stubs + v * TRAP_STUB_SIZE),
			     v == 8 ? 1 : 0,	/* #DF on IST1 */
			     v == VECTOR_SYSCALL ? 3 : 0);
	__asm__ volatile("lidt %0" :: "m"(idtr));
}

/*
 * Give GSI to HANDLER: the IOAPIC input is programmed with the line's
 * trigger mode and polarity (FLAGS) and unmasked.
 */
int
arch_request_gsi(u32 gsi, unsigned int flags, irq_handler_t handler, void *arg)
{
	int err;

	if (gsi >= NR_GSI_VECTORS || !handler || (flags & ~(IRQ_LEVEL | IRQ_ACTIVE_LOW)))
		return -EINVAL;
	if (gsi_irqs[gsi].handler)
		return -EBUSY;
	gsi_irqs[gsi].handler = handler;
	gsi_irqs[gsi].arg = arg;
	gsi_irqs[gsi].flags = flags;
	err = ioapic_route(gsi, VECTOR_GSI_BASE + gsi, flags & IRQ_LEVEL,
			   flags & IRQ_ACTIVE_LOW);
	if (err)
		gsi_irqs[gsi].handler = NULL;
	return err;
}

/*
 * ISA interrupt ISA_IRQ (0..15) as GSI ISA_IRQ, edge-triggered, active
 * high, as ISA devices signal.  (The MADT's overrides move some of them,
 * IRQ 0 to GSI 2 on QEMU; the devices hotmem drives with this, COM1 on
 * IRQ 4, are not moved.)
 */
int
arch_request_isa_irq(unsigned int isa_irq, irq_handler_t handler, void *arg)
{
	if (isa_irq >= NR_ISA_IRQS)
		return -EINVAL;
	return arch_request_gsi(isa_irq, IRQ_EDGE | IRQ_ACTIVE_HIGH, handler, arg);
}

void
trap_dispatch(struct trap_frame *tf)
{
	u64 v = tf->vector;

	/* From user mode, exceptions and system calls are the task's. */
	if (trap_from_user(tf) && user_trap(tf))
		return;
	if (v < 32)
		exception_report(tf);
	if (v == VECTOR_SYSCALL)
		panic("syscall: int $0x80 from the kernel at RIP 0x%llx", (unsigned long long)tf->rip);

	if (v >= VECTOR_GSI_BASE && v < VECTOR_GSI_BASE + NR_GSI_VECTORS) {
		unsigned int gsi = v - VECTOR_GSI_BASE;

		/*
		 * Handler first, EOI second.  For a level-triggered line
		 * the IOAPIC delivers nothing more on the pin until the EOI
		 * and then samples it again: if the device still asserts it,
		 * the interrupt is taken again at once.  The handler has
		 * silenced its device by then (the SCI handler masks the GPE).
		 */
		gsi_irqs[gsi].count++;
		if (gsi_irqs[gsi].handler)
			gsi_irqs[gsi].handler(gsi_irqs[gsi].arg);
		lapic_eoi();
		return;
	}
	if (v == VECTOR_LAPIC_TIMER) {
		lapic_timer_interrupt();
		lapic_eoi();
		return;
	}
	/*
	 * The PIC is masked, but it can still raise its spurious IRQ 7 or
	 * 15; the local APIC has its own spurious vector.  Neither wants
	 * an EOI.  Anything else is a vector nobody programmed.
	 */
	if (v == VECTOR_SPURIOUS || v == VECTOR_PIC_BASE + 7 ||
	    v == VECTOR_PIC_BASE + 15)
		return;
	pr_warn("irq: unexpected vector %llu ignored\n", (unsigned long long)v);
	lapic_eoi();
}
