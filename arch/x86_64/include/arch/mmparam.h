/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/mmparam.h - the memory parameters of x86_64.
 *
 * mm/ reads the machine's page size, section size, MAX_ORDER and physical
 * address width from here, and from nowhere else.  The same names exist in
 * arch/ppc64/ and arch/ia64/: `diff` them to see what really differs
 * (DESIGN.md section 3; OLS 2005 paper, section 4).
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_MMPARAM_H
#define ARCH_MMPARAM_H

#define MMPARAM_ARCH		"x86_64"	/* which parameter set this is */

#define PAGE_SHIFT		12	/* 4 KiB pages */
#define SECTION_SIZE_BITS	27	/* 128 MiB sections */
#define MEMORY_BLOCK_SIZE_BITS	27	/* hotplug unit: one section */
#define MAX_ORDER		11	/* orders 0..10: up to 4 MiB blocks */
#define MAX_PHYSMEM_BITS	46	/* physical address width */

#endif /* ARCH_MMPARAM_H */
