/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/cpu.c - the arch half of the init sequence, and stopping
 * or resetting the machine.
 *
 * arch_early_init() makes exceptions reportable as early as possible and
 * starts the clock; arch_irq_init() makes device interrupts possible.  kernel/main.c calls
 * them in that order.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/memlayout.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"

#define ISA_DEBUG_EXIT_PORT	0xf4	/* QEMU -device isa-debug-exit,iobase=0xf4 */
#define KBC_STATUS		0x64
#define KBC_CMD_RESET		0xfe

extern u64 boot_pml4[512];	/* boot/entry.S */

void
arch_early_init(void)
{
	gdt_init();
	idt_init();

	/*
	 * The identity map of the first 4 GiB was needed only to switch
	 * on paging; from now on low addresses fault, so a NULL pointer
	 * dereference is reported instead of silently reading memory.
	 */
	boot_pml4[0] = 0;
	write_cr3(read_cr3());

	/* The clock needs no interrupts: calibrate it now, so that boot
	 * steps from here on have real timestamps. */
	timer_init();
}

void
arch_irq_init(void)
{
	pic_disable();
	lapic_init();
	ioapic_init();
	lapic_timer_start(1000);
}

void
arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void
arch_debug_exit(u32 value)
{
	outl(ISA_DEBUG_EXIT_PORT, value);
}

/*
 * Reset through the keyboard controller's pulse-reset command; if that
 * does nothing, load an empty IDT and trap: a triple fault resets the CPU.
 * (The ACPI issue adds the FADT reset register, tried first.)
 */
void
arch_reboot(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed null_idt = { 0, 0 };

	arch_irq_disable();
	for (int i = 0; i < 100000 && (inb(KBC_STATUS) & 0x02); i++)
		io_wait();
	outb(KBC_STATUS, KBC_CMD_RESET);
	udelay(50000);
	__asm__ volatile("lidt %0; int3" :: "m"(null_idt));
	arch_halt();
}
