/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/idt.c - the interrupt descriptor table and the dispatch of
 * every vector: CPU exceptions to the report, device interrupts to the
 * handler a driver registered, then the end-of-interrupt.
 *
 * Lock rule: handlers run with interrupts disabled (interrupt gates clear
 * IF), on the interrupted stack; they do the minimum and return.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/cpu.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct idt_gate {
	u16 offset_lo;
	u16 selector;		/* KERNEL_CS */
	u8 ist;			/* 0, or the TSS stack to switch to */
	u8 type_attr;		/* 0x8e: present, ring 0, 64-bit interrupt gate */
	u16 offset_mid;
	u32 offset_hi;
	u32 reserved;
} __packed;
_Static_assert(sizeof(struct idt_gate) == 16, "an IDT gate is 16 bytes");

static struct idt_gate idt[NR_VECTORS] __attribute__((aligned(16)));

/* Registered ISA interrupt handlers; set once at init, read in handlers. */
static struct {
	irq_handler_t handler;	/* NULL: nobody asked for this IRQ */
	void *arg;
	u64 count;		/* interrupts taken */
} isa_irqs[NR_ISA_IRQS];

static void
idt_set_gate(int vector, u64 handler, u8 ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_lo = handler & 0xffff;
	g->selector = KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e;
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

	for (int v = 0; v < NR_VECTORS; v++)
		idt_set_gate(v, (u64)(trap_stubs + v * TRAP_STUB_SIZE),
			     v == 8 ? 1 : 0);	/* #DF on IST1 */
	__asm__ volatile("lidt %0" :: "m"(idtr));
}

/*
 * Give ISA interrupt ISA_IRQ (0..15) to HANDLER.  The IOAPIC routes it
 * edge-triggered, active high, as ISA devices signal (the MADT's
 * interrupt source overrides refine this when ACPI arrives).
 */
int
arch_request_isa_irq(unsigned int isa_irq, irq_handler_t handler, void *arg)
{
	if (isa_irq >= NR_ISA_IRQS || !handler)
		return -EINVAL;
	if (isa_irqs[isa_irq].handler)
		return -EBUSY;
	isa_irqs[isa_irq].handler = handler;
	isa_irqs[isa_irq].arg = arg;
	return ioapic_route(isa_irq, VECTOR_ISA_BASE + isa_irq, false, false);
}

void
trap_dispatch(struct trap_frame *tf)
{
	u64 v = tf->vector;

	if (v < 32)
		exception_report(tf);

	if (v >= VECTOR_ISA_BASE && v < VECTOR_ISA_BASE + NR_ISA_IRQS) {
		unsigned int irq = v - VECTOR_ISA_BASE;

		isa_irqs[irq].count++;
		if (isa_irqs[irq].handler)
			isa_irqs[irq].handler(isa_irqs[irq].arg);
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
