/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/io.h - port I/O and memory-mapped I/O.
 *
 * x86 has a separate 64 KiB I/O port space reached with in/out; devices
 * such as the 16550 UART, the PIC, the PIT and QEMU's memory-hotplug
 * register block (0x0a00) live there.  MMIO accessors are volatile loads
 * and stores, so the compiler neither merges nor reorders them.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_IO_H
#define ARCH_IO_H

#include "kernel/types.h"

static inline void outb(u16 port, u8 v)  { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outw(u16 port, u16 v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outl(u16 port, u32 v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port)); }

static inline u8
inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16
inw(u16 port)
{
	u16 v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32
inl(u16 port)
{
	u32 v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* A write to an unused port takes about a microsecond: old hardware's delay. */
static inline void io_wait(void) { outb(0x80, 0); }

static inline u32  mmio_read32(volatile void *a)         { return *(volatile u32 *)a; }
static inline void mmio_write32(volatile void *a, u32 v) { *(volatile u32 *)a = v; }

#endif /* ARCH_IO_H */
