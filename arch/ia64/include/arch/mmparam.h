/* SPDX-License-Identifier: MIT */
/*
 * arch/ia64/include/arch/mmparam.h - the memory parameters of IA-64, the
 * same names as arch/x86_64/include/arch/mmparam.h.  No emulator runs
 * IA-64; these parameters drive the host simulation of mm/.
 *
 * 16 KiB pages; MAX_ORDER 18 (configurable 11..20 in Linux); the section
 * must hold a MAX_ORDER block, so it is max(1 GiB, PAGE_SIZE * 2^17) =
 * 2 GiB here.  50 physical address bits (44 used by default).
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_MMPARAM_H
#define ARCH_MMPARAM_H

#define MMPARAM_ARCH		"ia64"	/* which parameter set this is */

#define PAGE_SHIFT		14	/* 16 KiB pages */
#define MAX_ORDER		18	/* orders 0..17: up to 2 GiB blocks */
/* max(30, PAGE_SHIFT + MAX_ORDER - 1): 1 GiB, or bigger if a block is */
#define SECTION_SIZE_BITS	((PAGE_SHIFT + MAX_ORDER - 1) > 30 ? \
				 (PAGE_SHIFT + MAX_ORDER - 1) : 30)
#define MEMORY_BLOCK_SIZE_BITS	SECTION_SIZE_BITS	/* a section */
#define MAX_PHYSMEM_BITS	50

#endif /* ARCH_MMPARAM_H */
