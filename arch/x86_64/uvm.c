/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/uvm.c - the page tables of user address spaces
 * (arch/uvm.h): a PML4 of their own for each, entries read and written
 * for mm/vm.c, loaded into CR3 by the scheduler.
 *
 * The idea: the lower half of a PML4 (entries 0..255, below USER_VA_END)
 * is the address space's own; the upper half (256..511) is a copy of the
 * kernel's PML4, pointing at the same PDPTs, so the kernel is mapped the
 * same in every address space and a system call or interrupt needs no
 * switch of tables.  The kernel's PML4 can gain entries (a hot add above
 * 512 GiB); mmu.c counts those changes in mmu_kernel_pml4_gen, and a copy
 * older than that is refreshed before it is loaded (and at once when it
 * is loaded already: uvm_sync_kernel_half()).
 *
 * An entry as mm/ sees it (struct upte) and as the CPU sees it:
 *
 *   PRESENT   P | U | W if UPROT_WRITE | NX unless UPROT_EXEC | pfn << 12
 *             (x86 has no unreadable present page: UPROT_READ is implied)
 *   MIGRATION the same with P clear and PTE_MIGRATION set: the CPU
 *             ignores every other bit of a non-present entry, so the pfn
 *             and the rights stay in it for the fault handler and rollback
 *   NONE      0
 *
 * 4 KiB entries live in page tables (level 0); a huge entry (2 MiB, one
 * pageblock) is a page-directory entry (level 1) with PS set, present or
 * not.  Tables above a leaf always have P, W and U set: the leaf alone
 * decides the rights.
 *
 * Table pages come from mmu.c's allocator (unmovable buddy pages), are
 * counted per address space and globally, and are freed all together by
 * arch_uvm_destroy(); the one exception is an empty page table that a
 * huge entry takes the place of.
 *
 * Lock rule: arch/uvm.h (one CPU, the kernel is not preempted; nothing
 * here sleeps).
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py (mm/vm.c's host tests use a fake of this file)
 */
#include <arch/memlayout.h>
#include <arch/uvm.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/mm.h"

#define PTE_P		0x001ULL	/* present */
#define PTE_W		0x002ULL	/* writable */
#define PTE_U		0x004ULL	/* user mode may use it */
#define PTE_PS		0x080ULL	/* in a PD entry: a 2 MiB page */
#define PTE_MIGRATION	0x200ULL	/* software bit 9: a migration entry (P clear) */
#define PTE_NX		(1ULL << 63)	/* no execute */
#define PTE_ADDR	0x000ffffffffff000ULL
#define PTE_ADDR_2M	0x000fffffffe00000ULL	/* bit 12 is PAT in a 2 MiB entry */
#define TABLE_FLAGS	(PTE_P | PTE_W | PTE_U)

#define SZ_2M		0x200000ULL
#define KERNEL_HALF	256		/* PML4 entries from here on are the kernel's */

_Static_assert(PAGE_SIZE << pageblock_order == SZ_2M,
	       "a huge page (pageblock) must be what a PD entry maps");
_Static_assert(USER_VA_END <= (u64)KERNEL_HALF << 39, "user space ends below the kernel half");

struct arch_uvm {
	u64 *pml4;			/* its top table, through the direct map */
	unsigned long kernel_gen;	/* mmu_kernel_pml4_gen its kernel half was copied at */
	unsigned long table_pages;	/* table pages it holds, the PML4 included */
};

/* The address space in CR3; NULL: the kernel's own PML4.  Changed only
 * by arch_uvm_activate(). */
static struct arch_uvm *active_uvm;

static unsigned int
pt_index(vaddr_t va, int level)	/* level 3 = PML4 ... 0 = PT */
{
	return (va >> (12 + 9 * level)) & 511;
}

static void
invlpg(vaddr_t va)
{
	__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
}

static void
copy_kernel_half(struct arch_uvm *u)
{
	memcpy(&u->pml4[KERNEL_HALF], &mmu_kernel_pml4()[KERNEL_HALF],
	       KERNEL_HALF * sizeof(u64));
	u->kernel_gen = mmu_kernel_pml4_gen;
}

void
uvm_sync_kernel_half(void)
{
	if (active_uvm)
		copy_kernel_half(active_uvm);
}

static u64 *
table_alloc(struct arch_uvm *u)
{
	paddr_t pa = mmu_table_alloc();

	if (!pa)
		return NULL;
	u->table_pages++;
	return phys_to_virt(pa);
}

static void
table_free(struct arch_uvm *u, u64 *table)
{
	mmu_table_free(virt_to_phys(table));
	u->table_pages--;
}

struct arch_uvm *
arch_uvm_create(void)
{
	struct arch_uvm *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return NULL;
	u->pml4 = table_alloc(u);
	if (!u->pml4) {
		kfree(u);
		return NULL;
	}
	copy_kernel_half(u);
	return u;
}

/*
 * Free the tables below a user PML4: every PDPT, PD and PT.  The leaves
 * must be empty by now (mm_destroy() unmapped everything): a leaf still
 * there would be a page nobody frees, a bug in mm/.
 */
void
arch_uvm_destroy(struct arch_uvm *u)
{
	assert(u != active_uvm);
	for (int i3 = 0; i3 < KERNEL_HALF; i3++) {
		u64 *pdpt;

		if (!(u->pml4[i3] & PTE_P))
			continue;
		pdpt = phys_to_virt(u->pml4[i3] & PTE_ADDR);
		for (int i2 = 0; i2 < 512; i2++) {
			u64 *pd;

			if (!(pdpt[i2] & PTE_P))
				continue;
			pd = phys_to_virt(pdpt[i2] & PTE_ADDR);
			for (int i1 = 0; i1 < 512; i1++) {
				assert(!(pd[i1] & PTE_PS));	/* a huge leaf left mapped */
				if (!(pd[i1] & PTE_P))
					continue;
				assert(mmu_table_is_empty(phys_to_virt(pd[i1] & PTE_ADDR)));
				table_free(u, phys_to_virt(pd[i1] & PTE_ADDR));
			}
			table_free(u, pd);
		}
		table_free(u, pdpt);
	}
	table_free(u, u->pml4);
	assert(u->table_pages == 0);
	kfree(u);
}

void
arch_uvm_activate(struct arch_uvm *u)
{
	if (u && u->kernel_gen != mmu_kernel_pml4_gen)
		copy_kernel_half(u);
	write_cr3(virt_to_phys(u ? u->pml4 : mmu_kernel_pml4()));
	active_uvm = u;
}

struct arch_uvm *
arch_uvm_active(void)
{
	return active_uvm;
}

/* ------------------------------------------------------------ entries */

static u64
upte_encode(const struct upte *e)
{
	u64 v = ((u64)e->pfn << PAGE_SHIFT) | PTE_U;

	if (e->kind == UPTE_NONE)
		return 0;
	if (e->prot & UPROT_WRITE)
		v |= PTE_W;
	if (!(e->prot & UPROT_EXEC))
		v |= PTE_NX;
	if (e->huge)
		v |= PTE_PS;
	return v | (e->kind == UPTE_PRESENT ? PTE_P : PTE_MIGRATION);
}

static void
upte_decode(u64 v, bool huge, struct upte *out)
{
	*out = (struct upte){ .kind = UPTE_NONE };
	if (!(v & (PTE_P | PTE_MIGRATION)))
		return;
	out->kind = v & PTE_P ? UPTE_PRESENT : UPTE_MIGRATION;
	out->pfn = (v & (huge ? PTE_ADDR_2M : PTE_ADDR)) >> PAGE_SHIFT;
	out->prot = UPROT_READ | (v & PTE_W ? UPROT_WRITE : 0) | (v & PTE_NX ? 0 : UPROT_EXEC);
	out->huge = huge;
}

/* The table *ENTRY points to; made (all zero) when missing and ALLOC.
 * NULL: missing, or no memory. */
static u64 *
table_below(struct arch_uvm *u, u64 *entry, bool alloc)
{
	u64 *table;

	if (*entry & PTE_P)
		return phys_to_virt(*entry & PTE_ADDR);
	if (!alloc || !(table = table_alloc(u)))
		return NULL;
	*entry = virt_to_phys(table) | TABLE_FLAGS;
	return table;
}

/* VA's page-directory entry, the PDPT and PD above it made when ALLOC;
 * NULL when there is no PD (or no memory for one). */
static u64 *
pd_entry(struct arch_uvm *u, vaddr_t va, bool alloc)
{
	u64 *pdpt, *pd;

	if (!(pdpt = table_below(u, &u->pml4[pt_index(va, 3)], alloc)) ||
	    !(pd = table_below(u, &pdpt[pt_index(va, 2)], alloc)))
		return NULL;
	return &pd[pt_index(va, 1)];
}

void
arch_upte_get(struct arch_uvm *u, vaddr_t va, struct upte *out)
{
	u64 *pde;

	*out = (struct upte){ .kind = UPTE_NONE };
	if (va >= USER_VA_END || !(pde = pd_entry(u, va, false)) || !*pde)
		return;
	if (*pde & PTE_PS) {		/* a huge leaf, present or migrating */
		upte_decode(*pde, true, out);
		return;
	}
	upte_decode(((u64 *)phys_to_virt(*pde & PTE_ADDR))[pt_index(va, 0)], false, out);
}

vaddr_t
arch_upte_next(struct arch_uvm *u, vaddr_t va, vaddr_t end)
{
	while (va < end && va < USER_VA_END) {
		u64 *pde = pd_entry(u, va, false);
		vaddr_t step;

		if (pde && *pde)
			return va;	/* a leaf or a page table: look there */
		if (pde)
			step = SZ_2M;
		else if (!(u->pml4[pt_index(va, 3)] & PTE_P))
			step = 1ULL << 39;	/* no PDPT */
		else
			step = 1ULL << 30;	/* no PD */
		va = ALIGN_DOWN(va, step) + step;
	}
	return end;
}

/*
 * A huge entry at PDE.  An empty page table there (base pages were
 * mapped and unmapped, or a fallback page came and went) gives way: it
 * is unlinked, its translation flushed if U is loaded (the CPU may hold
 * the old PD entry in its paging-structure cache), and only then freed.
 */
static int
set_huge(struct arch_uvm *u, u64 *pde, vaddr_t va, u64 v)
{
	u64 *pt;

	if (!*pde || (*pde & PTE_PS)) {
		*pde = v;
		return 0;
	}
	pt = phys_to_virt(*pde & PTE_ADDR);
	if (!mmu_table_is_empty(pt))
		return -EEXIST;
	*pde = v;
	if (u == active_uvm)
		invlpg(va);
	table_free(u, pt);
	return 0;
}

int
arch_upte_set(struct arch_uvm *u, vaddr_t va, const struct upte *e)
{
	u64 v = upte_encode(e), *pde, *pt;

	if (va < USER_VA_START || va >= USER_VA_END || va % PAGE_SIZE ||
	    (e->huge && e->kind != UPTE_NONE && (va % SZ_2M || e->pfn % (SZ_2M / PAGE_SIZE))))
		return -EINVAL;

	if (e->kind == UPTE_NONE) {	/* clearing allocates nothing */
		if (!(pde = pd_entry(u, va, false)) || !*pde)
			return 0;
		if (*pde & PTE_PS) {
			if (va % SZ_2M)
				return -EINVAL;
			*pde = 0;
			return 0;
		}
		((u64 *)phys_to_virt(*pde & PTE_ADDR))[pt_index(va, 0)] = 0;
		return 0;
	}

	if (!(pde = pd_entry(u, va, true)))
		return -ENOMEM;
	if (e->huge)
		return set_huge(u, pde, va, v);
	if (*pde & PTE_PS)		/* a huge page covers VA: not split here */
		return -EEXIST;
	if (!(pt = table_below(u, pde, true)))
		return -ENOMEM;
	pt[pt_index(va, 0)] = v;
	return 0;
}

/* One invlpg drops the translation of the page holding VA, 4 KiB or 2 MiB. */
void
arch_uvm_flush(struct arch_uvm *u, vaddr_t va, bool huge)
{
	(void)huge;
	if (u == active_uvm)
		invlpg(va);
}

unsigned long
arch_uvm_table_pages(const struct arch_uvm *u)
{
	return u->table_pages;
}
