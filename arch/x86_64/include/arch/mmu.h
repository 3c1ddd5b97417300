/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/mmu.h - what mm/ and the kernel may ask of the
 * x86_64 page tables (arch/x86_64/mmu.c): build the direct map, map and
 * unmap physical ranges in it at run time, map device registers.
 *
 * Course text: docs/02-physical-memory.md.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include "kernel/types.h"

/* Page-table pages come from here: returns a zeroed page's address, or 0. */
void arch_set_pgtable_allocator(paddr_t (*alloc_zeroed_page)(void));
/* Emptied page-table pages go to FREE_PAGE (arch_unmap_direct()) when
 * OWNED says it takes them (the buddy's, not boot's from memblock). */
void arch_set_pgtable_free(bool (*owned)(paddr_t pa), bool (*free_page)(paddr_t pa));
int arch_mmu_prepare(void);		/* a new, empty kernel PML4 */
void arch_mmu_switch(void);		/* load it */
/* Map RAM [pa, pa + size) at PHYS_OFFSET + pa (page-aligned); 0 or -errno.
 * Unmap clears the mapping and frees the page-table pages it emptied. */
int arch_map_direct(paddr_t pa, u64 size);
int arch_unmap_direct(paddr_t pa, u64 size);
/* Map device registers uncached into the direct map. */
int arch_map_mmio(paddr_t pa, u64 size);
bool arch_va_mapped(vaddr_t va);
/* Page-table pages in use: the kernel's and those of every user address
 * space (uvm.c takes them from the same allocator). */
unsigned long arch_pgtable_pages(void);

#endif /* ARCH_MMU_H */
