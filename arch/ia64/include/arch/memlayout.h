/* SPDX-License-Identifier: MIT */
/*
 * arch/ia64/include/arch/memlayout.h - where IA-64 sees physical memory,
 * the same names as arch/x86_64/include/arch/memlayout.h.
 *
 * IA-64 reaches RAM through region 7, an identity-mapped region at
 * 0xe000000000000000 whose TLB misses are handled with large pages (the
 * paper's section 7.3.1).  No IA-64 kernel exists: this header lets mm/
 * compile for the host simulation.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define PHYS_OFFSET	0xe000000000000000

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
