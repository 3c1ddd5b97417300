/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/memlayout.h - the x86_64 virtual address map.
 *
 *   0xffffffffffffffff  +-------------------------------+
 *                       | kernel image (top 2 GiB)      |  KERNEL_VMA + phys
 *   0xffffffff80000000  +-------------------------------+
 *                       |               ...             |
 *                       | direct map of physical memory |  PHYS_OFFSET + phys
 *   0xffff800000000000  +-------------------------------+
 *                       | (non-canonical hole)          |
 *   0x00007fffffffffff  +-------------------------------+
 *                       | user space (later)            |
 *   0x0000000000000000  +-------------------------------+
 *
 * At boot the direct map covers the first 4 GiB with 2 MiB pages (the
 * last GiB uncached: the APICs live there); mm/ extends it to all RAM.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define KERNEL_VMA	0xffffffff80000000
#define KERNEL_PHYS	0x100000
#define PHYS_OFFSET	0xffff800000000000
#define BOOT_DIRECT_MAP_SIZE 0x100000000	/* 4 GiB mapped by boot/entry.S */

#ifndef __ASSEMBLY__
#include "kernel/types.h"

static inline void *
phys_to_virt(paddr_t pa)
{
	return (void *)(pa + PHYS_OFFSET);
}

/* Only for addresses in the direct map or the kernel image. */
static inline paddr_t
virt_to_phys(const void *va)
{
	vaddr_t v = (vaddr_t)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - PHYS_OFFSET;
}

extern char __kernel_phys_start[], __kernel_phys_end[];
extern char __text_start[], __text_end[], __kernel_end[];
#endif

#endif /* ARCH_MEMLAYOUT_H */
