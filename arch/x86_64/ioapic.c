/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/ioapic.c - the I/O APIC, which turns device interrupt lines
 * (global system interrupts, GSIs) into vectors for a CPU's local APIC.
 *
 * Two registers are visible: IOREGSEL (offset 0) picks an internal
 * register, IOWIN (offset 0x10) reads or writes it.  Redirection entry n
 * is the 64-bit register pair 0x10 + 2n: vector, trigger mode, polarity,
 * mask, destination.  ISA IRQ n arrives on GSI n unless the MADT says
 * otherwise (QEMU: IRQ 0 on GSI 2, IRQ 9 level-triggered); the ACPI
 * tables issue reads those overrides.  Until then the standard address
 * 0xfec00000 (reached through the direct map) and ISA IRQ n = GSI n are
 * assumed.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"

#define IOAPIC_DEFAULT_BASE	0xfec00000
#define IOREGSEL		0x00
#define IOWIN			0x10
#define IOAPIC_REG_ID		0x00
#define IOAPIC_REG_VER		0x01
#define IOAPIC_REG_REDTBL(n)	(0x10 + 2 * (n))

#define REDTBL_LEVEL		(1 << 15)
#define REDTBL_ACTIVE_LOW	(1 << 13)
#define REDTBL_MASKED		(1 << 16)

static volatile u8 *ioapic;	/* set by ioapic_init() */
static unsigned int nr_gsis;	/* redirection entries */

static u32
ioapic_read(u32 reg)
{
	mmio_write32(ioapic + IOREGSEL, reg);
	return mmio_read32(ioapic + IOWIN);
}

static void
ioapic_write(u32 reg, u32 v)
{
	mmio_write32(ioapic + IOREGSEL, reg);
	mmio_write32(ioapic + IOWIN, v);
}

void
ioapic_init(void)
{
	if (arch_map_mmio(IOAPIC_DEFAULT_BASE, 0x1000))
		panic("ioapic: cannot map its registers at 0x%x", IOAPIC_DEFAULT_BASE);
	ioapic = phys_to_virt(IOAPIC_DEFAULT_BASE);
	nr_gsis = ((ioapic_read(IOAPIC_REG_VER) >> 16) & 0xff) + 1;
	for (unsigned int i = 0; i < nr_gsis; i++) {
		ioapic_write(IOAPIC_REG_REDTBL(i), REDTBL_MASKED);
		ioapic_write(IOAPIC_REG_REDTBL(i) + 1, 0);
	}
	pr_info("ioapic: id %u, %u inputs, at 0x%x, all masked\n",
		(ioapic_read(IOAPIC_REG_ID) >> 24) & 0xf, nr_gsis,
		IOAPIC_DEFAULT_BASE);
}

/* Deliver GSI to VECTOR on the boot CPU (APIC id 0), unmasked. */
int
ioapic_route(unsigned int gsi, u8 vector, bool level, bool active_low)
{
	u32 lo = vector;

	if (gsi >= nr_gsis)
		return -EINVAL;
	if (level)
		lo |= REDTBL_LEVEL;
	if (active_low)
		lo |= REDTBL_ACTIVE_LOW;
	ioapic_write(IOAPIC_REG_REDTBL(gsi) + 1, 0);	/* destination 0 */
	ioapic_write(IOAPIC_REG_REDTBL(gsi), lo);
	return 0;
}
