/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_mmu.c - the direct map of a host test as a list of
 * mapped ranges (tests/unit/fake/arch/mmu.h).  arch_map_direct() refuses
 * overlapping ranges and fails once on demand (fake_mmu.map_error);
 * arch_unmap_direct() clears what lies inside its range and fails on a
 * mapping only partly inside, as the real one refuses to split a large
 * page.  A failing map may leave its first half mapped (map_partial), as
 * the real one does when a later page table cannot be had.  No memory is
 * touched.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_memory_hotplug.c
 */
#include <arch/mmu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct fake_mmu fake_mmu;

void
fake_mmu_reset(void)
{
	memset(&fake_mmu, 0, sizeof(fake_mmu));
}

u64
fake_mmu_mapped_bytes(paddr_t pa, u64 size)
{
	u64 sum = 0;

	for (int i = 0; i < fake_mmu.nr_mapped; i++) {
		paddr_t s = MAX(pa, fake_mmu.mapped[i].pa);
		paddr_t e = MIN(pa + size, fake_mmu.mapped[i].pa + fake_mmu.mapped[i].size);

		if (s < e)
			sum += e - s;
	}
	return sum;
}

static int
record_mapping(paddr_t pa, u64 size)
{
	if (fake_mmu.nr_mapped == FAKE_MMU_MAX_RANGES)
		return -ENOMEM;
	fake_mmu.mapped[fake_mmu.nr_mapped].pa = pa;
	fake_mmu.mapped[fake_mmu.nr_mapped].size = size;
	fake_mmu.nr_mapped++;
	return 0;
}

int
arch_map_direct(paddr_t pa, u64 size)
{
	int err = fake_mmu.map_error;

	fake_mmu.map_calls++;
	if (!size || pa % 4096 || size % 4096 || fake_mmu_mapped_bytes(pa, size))
		return -EINVAL;
	if (err) {
		/* As the real one can: the page tables of the first half were
		 * had, those of the second were not. */
		fake_mmu.map_error = 0;
		if (fake_mmu.map_partial && size >= 2 * 4096)
			record_mapping(pa, ALIGN_DOWN(size / 2, 4096));
		return err;
	}
	return record_mapping(pa, size);
}

/* Clear every mapping inside [pa, pa + size), as the real one clears
 * whatever entries it finds; -EINVAL for one that only partly is (the
 * real one will not split a large page). */
int
arch_unmap_direct(paddr_t pa, u64 size)
{
	fake_mmu.unmap_calls++;
	for (int i = 0; i < fake_mmu.nr_mapped; i++) {
		paddr_t s = fake_mmu.mapped[i].pa, e = s + fake_mmu.mapped[i].size;

		if (e <= pa || s >= pa + size)
			continue;
		if (s < pa || e > pa + size)
			return -EINVAL;
	}
	for (int i = 0; i < fake_mmu.nr_mapped;) {
		paddr_t s = fake_mmu.mapped[i].pa;

		if (s >= pa && s < pa + size)
			fake_mmu.mapped[i] = fake_mmu.mapped[--fake_mmu.nr_mapped];
		else
			i++;
	}
	return 0;
}

void arch_set_pgtable_allocator(paddr_t (*alloc_zeroed_page)(void)) { (void)alloc_zeroed_page; }
int arch_mmu_prepare(void) { return 0; }
void arch_mmu_switch(void) { }
int arch_map_mmio(paddr_t pa, u64 size) { (void)pa; (void)size; return 0; }
bool arch_va_mapped(vaddr_t va) { (void)va; return false; }
unsigned long arch_pgtable_pages(void) { return 0; }
