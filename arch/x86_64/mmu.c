/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/mmu.c - the kernel's page tables: the direct map of RAM at
 * PHYS_OFFSET, mappings for device registers, and the runtime calls hot
 * add and hot remove use to map and unmap a physical range.
 *
 * A virtual address is cut into four 9-bit indices and an offset:
 *
 *   47      39 38      30 29      21 20      12 11         0
 *  +----------+----------+----------+----------+------------+
 *  |   PML4   |   PDPT   |    PD    |    PT    |   offset   |
 *  +----------+----------+----------+----------+------------+
 *
 * A PD entry with PS set maps 2 MiB at once; we use that wherever the
 * range is 2 MiB-aligned, and 4 KiB PT entries at the ragged edges.
 * Page-table pages come from arch_set_pgtable_allocator()'s function:
 * memblock at boot, the buddy allocator (unmovable) afterwards.
 *
 * Lock rule: called at boot or under mem_hotplug_lock; one CPU, so a
 * TLB flush is this CPU's invlpg.
 *
 * Course text: docs/02-physical-memory.md.
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

#define PTE_P		0x001ULL	/* present */
#define PTE_W		0x002ULL	/* writable */
#define PTE_PWT		0x008ULL	/* write-through */
#define PTE_PCD		0x010ULL	/* cache disabled */
#define PTE_PS		0x080ULL	/* large page (in a PD: 2 MiB) */
#define PTE_NX		(1ULL << 63)	/* no execute */
#define PTE_ADDR	0x000ffffffffff000ULL

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL

extern u64 boot_pml4[512];	/* boot/entry.S */

/* The kernel's top-level table; boot_pml4 until arch_mmu_prepare(). */
static u64 *kernel_pml4 = boot_pml4;
static paddr_t (*pgtable_alloc)(void);	/* a zeroed page, or 0 */
static bool (*pgtable_free)(paddr_t pa);	/* give a page back; false: keep it */
static bool (*pgtable_owned)(paddr_t pa);	/* would pgtable_free() take it? */
static unsigned long nr_pgtable_pages;	/* in use now, user tables (uvm.c) included */
/*
 * Bumped each time kernel_pml4 gains an entry.  Every user address space
 * has a copy of the kernel half (entries 256..511, uvm.c); a copy made
 * at an older generation is stale.  Entries are never taken away (the
 * unmap frees PD and PT pages, never a PDPT), so a copy only ever lacks
 * entries, it never holds a wrong one.
 */
unsigned long mmu_kernel_pml4_gen = 1;

void
arch_set_pgtable_allocator(paddr_t (*alloc_zeroed_page)(void))
{
	pgtable_alloc = alloc_zeroed_page;
}

void
arch_set_pgtable_free(bool (*owned)(paddr_t pa), bool (*free_page)(paddr_t pa))
{
	pgtable_owned = owned;
	pgtable_free = free_page;
}

static unsigned int
pt_index(vaddr_t va, int level)	/* level 3 = PML4 ... 0 = PT */
{
	return (va >> (12 + 9 * level)) & 511;
}

/* The table ENTRY points to, made if missing; NULL when out of memory. */
static u64 *
next_table(u64 *entry)
{
	paddr_t pa;

	if (*entry & PTE_P) {
		assert(!(*entry & PTE_PS));	/* callers split large pages first */
		return phys_to_virt(*entry & PTE_ADDR);
	}
	if (!pgtable_alloc || !(pa = pgtable_alloc()))
		return NULL;
	nr_pgtable_pages++;
	*entry = pa | PTE_P | PTE_W;
	return phys_to_virt(pa);
}

/*
 * Map [pa, pa + size) at PHYS_OFFSET + pa with flags PROT.  Both ends are
 * page-aligned.  Existing 4 KiB mappings are overwritten; an existing
 * 2 MiB mapping is kept as it is, flags included (RAM and device
 * registers never share a 2 MiB page on the machines we run on).
 */
static int
map_range(paddr_t pa, u64 size, u64 prot)
{
	paddr_t end = pa + size;

	while (pa < end) {
		vaddr_t va = (vaddr_t)phys_to_virt(pa);
		u64 *pdpt, *pd, *pt;

		u64 top = kernel_pml4[pt_index(va, 3)];

		if (!(pdpt = next_table(&kernel_pml4[pt_index(va, 3)])))
			return -ENOMEM;
		if (!(top & PTE_P)) {	/* a new kernel PML4 entry: user copies follow */
			mmu_kernel_pml4_gen++;
			uvm_sync_kernel_half();
		}
		if (!(pd = next_table(&pdpt[pt_index(va, 2)])))
			return -ENOMEM;
		if (!(pa & (SZ_2M - 1)) && end - pa >= SZ_2M &&
		    !(pd[pt_index(va, 1)] & PTE_P)) {
			pd[pt_index(va, 1)] = pa | prot | PTE_PS;
			pa += SZ_2M;
			continue;
		}
		if (pd[pt_index(va, 1)] & PTE_PS) {	/* already mapped large */
			pa = ALIGN_DOWN(pa, SZ_2M) + SZ_2M;
			continue;
		}
		if (!(pt = next_table(&pd[pt_index(va, 1)])))
			return -ENOMEM;
		if (pt[pt_index(va, 0)] & PTE_P)	/* a changed mapping: drop the old one */
			__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
		pt[pt_index(va, 0)] = pa | prot;
		pa += SZ_4K;
	}
	return 0;
}

int
arch_map_direct(paddr_t pa, u64 size)
{
	if ((pa | size) & (SZ_4K - 1) || pa + size < pa || pa + size > (1ULL << 46))
		return -EINVAL;
	return map_range(pa, size, PTE_P | PTE_W | PTE_NX);
}

int
arch_map_mmio(paddr_t pa, u64 size)
{
	paddr_t start = ALIGN_DOWN(pa, SZ_4K), end = ALIGN_UP(pa + size, SZ_4K);

	if (!size || end < start || end > (1ULL << 46))
		return -EINVAL;
	return map_range(start, end - start, PTE_P | PTE_W | PTE_PCD | PTE_PWT | PTE_NX);
}

bool
mmu_table_is_empty(const u64 *table)
{
	for (int i = 0; i < 512; i++)
		if (table[i])
			return false;
	return true;
}

/*
 * Page-table pages unlinked by an unmap, freed only once no walk can
 * reach them: after the entry is cleared AND the paging-structure caches
 * are flushed (a CR3 reload), never before.
 */
#define FREE_BATCH	32

struct table_batch {
	paddr_t pages[FREE_BATCH];
	int n;
};

static void
batch_flush(struct table_batch *b)
{
	if (!b->n)
		return;
	write_cr3(read_cr3());
	while (b->n)
		if (pgtable_free(b->pages[--b->n]))
			nr_pgtable_pages--;
}

/*
 * *ENTRY points to a table that may have become empty: unlink it when
 * the free function will take it (the buddy's pages; boot's stay), and
 * queue it for batch_flush().
 */
static void
unlink_table_if_empty(u64 *entry, struct table_batch *b)
{
	paddr_t pa = *entry & PTE_ADDR;

	if (!mmu_table_is_empty(phys_to_virt(pa)) || !pgtable_free || !pgtable_owned(pa))
		return;
	if (b->n == FREE_BATCH)
		batch_flush(b);
	*entry = 0;
	b->pages[b->n++] = pa;
}

/*
 * After an unmap: the PT and PD pages that [pa, end) emptied go back, so
 * that a hot add followed by a hot remove leaves the free page count
 * exactly where it was.  The PDPT (512 GiB per page) stays.
 */
static void
free_empty_tables(paddr_t pa, paddr_t end)
{
	struct table_batch b = { .n = 0 };

	for (pa = ALIGN_DOWN(pa, SZ_2M); pa < end; pa += SZ_2M) {
		vaddr_t va = (vaddr_t)phys_to_virt(pa);
		u64 e3 = kernel_pml4[pt_index(va, 3)], *pdpte, *pd;

		if (!(e3 & PTE_P))
			continue;
		pdpte = &((u64 *)phys_to_virt(e3 & PTE_ADDR))[pt_index(va, 2)];
		if (!(*pdpte & PTE_P))
			continue;
		pd = phys_to_virt(*pdpte & PTE_ADDR);
		if ((pd[pt_index(va, 1)] & (PTE_P | PTE_PS)) == PTE_P)
			unlink_table_if_empty(&pd[pt_index(va, 1)], &b);
		/* Last 2 MiB of this GiB, or of the range: the PD may be empty. */
		if (pt_index(va, 1) == 511 || pa + SZ_2M >= end)
			unlink_table_if_empty(pdpte, &b);
	}
	batch_flush(&b);
}

/*
 * Remove the direct mapping of [pa, pa + size): 2 MiB entries inside the
 * range are cleared whole, 4 KiB entries one by one, and the page-table
 * pages left empty are freed.  A 2 MiB page only partly inside the range
 * is refused (-EINVAL): hot remove works in whole sections, so it never
 * needs to split one.
 */
int
arch_unmap_direct(paddr_t pa, u64 size)
{
	paddr_t start = pa, end = pa + size;

	if ((pa | size) & (SZ_4K - 1) || end < pa || end > (1ULL << 46))
		return -EINVAL;
	while (pa < end) {
		vaddr_t va = (vaddr_t)phys_to_virt(pa);
		u64 e3 = kernel_pml4[pt_index(va, 3)], e2, e1, *pd, *pt;

		if (!(e3 & PTE_P)) {
			pa = ALIGN_DOWN(pa, 1ULL << 39) + (1ULL << 39);
			continue;
		}
		e2 = ((u64 *)phys_to_virt(e3 & PTE_ADDR))[pt_index(va, 2)];
		if (!(e2 & PTE_P)) {
			pa = ALIGN_DOWN(pa, 1ULL << 30) + (1ULL << 30);
			continue;
		}
		pd = phys_to_virt(e2 & PTE_ADDR);
		e1 = pd[pt_index(va, 1)];
		if (e1 & PTE_PS) {
			if (pa & (SZ_2M - 1) || end - pa < SZ_2M)
				return -EINVAL;
			pd[pt_index(va, 1)] = 0;
			__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
			pa += SZ_2M;
			continue;
		}
		if (e1 & PTE_P) {
			pt = phys_to_virt(e1 & PTE_ADDR);
			pt[pt_index(va, 0)] = 0;
			__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
		}
		pa += SZ_4K;
	}
	free_empty_tables(start, end);
	return 0;
}

/* Is VA mapped?  (For the tests' shell checks and the fault report.) */
bool
arch_va_mapped(vaddr_t va)
{
	u64 e = kernel_pml4[pt_index(va, 3)];

	for (int level = 2; level >= 0; level--) {
		if (!(e & PTE_P))
			return false;
		e = ((u64 *)phys_to_virt(e & PTE_ADDR))[pt_index(va, level)];
		if (level == 1 && (e & PTE_PS))
			return e & PTE_P;
	}
	return e & PTE_P;
}

/*
 * Leave the boot page tables: a new PML4 whose only entries are the
 * kernel image (copied from boot) and an empty direct map, to be filled
 * with RAM by arch_map_direct() before the switch.  Everything the boot
 * map covered that is not RAM (holes, device registers) then faults
 * unless arch_map_mmio() mapped it.
 */
int
arch_mmu_prepare(void)
{
	paddr_t pa = pgtable_alloc ? pgtable_alloc() : 0;

	if (!pa)
		return -ENOMEM;
	nr_pgtable_pages++;
	kernel_pml4 = phys_to_virt(pa);
	kernel_pml4[511] = boot_pml4[511];
	mmu_kernel_pml4_gen++;
	return 0;
}

/* ------------------------------------------------------------ for uvm.c */

u64 *
mmu_kernel_pml4(void)
{
	return kernel_pml4;
}

/* A zeroed page-table page for a user address space, counted with the
 * kernel's (/proc/meminfo PageTables); 0 when there is none. */
paddr_t
mmu_table_alloc(void)
{
	paddr_t pa = pgtable_alloc ? pgtable_alloc() : 0;

	if (pa)
		nr_pgtable_pages++;
	return pa;
}

/* Give back a page from mmu_table_alloc(), unlinked and flushed. */
void
mmu_table_free(paddr_t pa)
{
	if (!pgtable_free || !pgtable_free(pa))
		panic("mmu: page table 0x%llx from mmu_table_alloc() not taken back",
		      (unsigned long long)pa);
	nr_pgtable_pages--;
}

void
arch_mmu_switch(void)
{
	write_cr3(virt_to_phys(kernel_pml4));
	pr_info("mmu: direct map live at 0x%llx, %lu page-table pages\n",
		(unsigned long long)PHYS_OFFSET, nr_pgtable_pages);
}

unsigned long
arch_pgtable_pages(void)
{
	return nr_pgtable_pages;
}
