/* SPDX-License-Identifier: MIT */
/*
 * arch/ppc64/include/arch/memlayout.h - where ppc64 sees physical memory,
 * the same names as arch/x86_64/include/arch/memlayout.h.
 *
 * The 64-bit PowerPC kernel reaches all RAM through its linear mapping
 * at 0xc000000000000000 (the top nibble selects the kernel region).
 * No ppc64 kernel is built yet: this header lets mm/ compile for it.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define PHYS_OFFSET	0xc000000000000000

#ifndef __ASSEMBLY__
#include "kernel/types.h"

static inline void *
phys_to_virt(paddr_t pa)
{
	return (void *)(pa + PHYS_OFFSET);
}

static inline paddr_t
virt_to_phys(const void *va)
{
	return (vaddr_t)va - PHYS_OFFSET;
}
#endif

#endif /* ARCH_MEMLAYOUT_H */
