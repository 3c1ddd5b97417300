/* SPDX-License-Identifier: MIT */
/*
 * arch/ppc64/include/arch/mmparam.h - the memory parameters of ppc64
 * (pseries), the same names as arch/x86_64/include/arch/mmparam.h.
 *
 * 64 KiB pages as Linux uses by default; 16 MiB sections, the paper's
 * PPC64 figure; the hotplug unit is the firmware's LMB (256 MiB in QEMU).
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_MMPARAM_H
#define ARCH_MMPARAM_H

#define MMPARAM_ARCH		"ppc64"	/* which parameter set this is */

#define PAGE_SHIFT		16	/* 64 KiB pages */
#define SECTION_SIZE_BITS	24	/* 16 MiB sections */
#define MEMORY_BLOCK_SIZE_BITS	28	/* QEMU pseries LMB: 256 MiB */
#define MAX_ORDER		9	/* orders 0..8: up to 16 MiB blocks */
#define MAX_PHYSMEM_BITS	46

#endif /* ARCH_MMPARAM_H */
