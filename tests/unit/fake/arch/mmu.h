/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/arch/mmu.h - the page-table calls of
 * arch/x86_64/include/arch/mmu.h for host tests, with a recorder: which
 * ranges of the direct map are mapped, how many calls came, and a switch
 * that makes the next arch_map_direct() fail (as a real one does when no
 * page-table page can be had).  ppc64 and ia64 have no arch/mmu.h of
 * their own; this one shadows x86_64's in every host build.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_memory_hotplug.c
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include "kernel/types.h"

/* The same interface as arch/x86_64/include/arch/mmu.h. */
void arch_set_pgtable_allocator(paddr_t (*alloc_zeroed_page)(void));
int arch_mmu_prepare(void);
void arch_mmu_switch(void);
int arch_map_direct(paddr_t pa, u64 size);
int arch_unmap_direct(paddr_t pa, u64 size);
int arch_map_mmio(paddr_t pa, u64 size);
bool arch_va_mapped(vaddr_t va);
unsigned long arch_pgtable_pages(void);

/* ------------------------------------------------------------ the recorder */

#define FAKE_MMU_MAX_RANGES	64

struct fake_mmu {
	/* What is mapped now: [pa, pa + size) as each arch_map_direct() gave
	 * it; arch_unmap_direct() clears those inside its range. */
	struct { paddr_t pa; u64 size; } mapped[FAKE_MMU_MAX_RANGES];
	int nr_mapped;
	unsigned long map_calls;	/* arch_map_direct() calls, failed ones too */
	unsigned long unmap_calls;	/* arch_unmap_direct() calls */
	int map_error;			/* nonzero: the next map returns it, maps nothing */
	bool map_partial;		/* ... but its first half (a real partial map) */
};
extern struct fake_mmu fake_mmu;

void fake_mmu_reset(void);
/* Bytes mapped now by arch_map_direct() in [pa, pa + size). */
u64 fake_mmu_mapped_bytes(paddr_t pa, u64 size);

#endif /* ARCH_MMU_H */
