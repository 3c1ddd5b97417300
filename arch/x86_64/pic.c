/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/pic.c - the legacy 8259 interrupt controllers, switched off.
 *
 * As the BIOS leaves them, the two 8259 PICs deliver IRQ 0..15 on vectors
 * 8..15 and 0x70..0x77, on top of the CPU exceptions.  We use the IOAPIC instead,
 * but first remap the PICs to vectors 32..47 (so that a stray interrupt
 * cannot look like an exception) and then mask every line.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/io.h>
#include "arch/x86_64/x86.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

#define ICW1_INIT	0x11	/* initialise, ICW4 follows, cascade mode */
#define ICW4_8086	0x01

void
pic_disable(void)
{
	/* The initialisation sequence: ICW1 to the command port, then
	 * ICW2 (vector base), ICW3 (cascade wiring), ICW4 to data. */
	outb(PIC1_CMD, ICW1_INIT); io_wait();
	outb(PIC2_CMD, ICW1_INIT); io_wait();
	outb(PIC1_DATA, VECTOR_PIC_BASE); io_wait();
	outb(PIC2_DATA, VECTOR_PIC_BASE + 8); io_wait();
	outb(PIC1_DATA, 1 << 2); io_wait();	/* slave on IRQ 2 */
	outb(PIC2_DATA, 2); io_wait();		/* slave's cascade identity */
	outb(PIC1_DATA, ICW4_8086); io_wait();
	outb(PIC2_DATA, ICW4_8086); io_wait();

	/* Mask everything. */
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
}
