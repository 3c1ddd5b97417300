/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/arch/uvm.h - the user page tables of
 * arch/x86_64/include/arch/uvm.h for host tests: entries kept in a hash
 * table instead of hardware tables, with a recorder (flushes, the loaded
 * address space) and a switch that makes the next arch_upte_set() that
 * would need a new table fail, as the real one does when no page-table
 * page can be had.  It shadows x86_64's header in every host build, so
 * mm/vm.c and mm/migrate.c run unchanged for all three parameter sets.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_vm.c, tests/unit/mm/test_migrate.c
 */
#ifndef ARCH_UVM_H
#define ARCH_UVM_H

#include "kernel/types.h"

/* The same interface as arch/x86_64/include/arch/uvm.h. */
/* User space is [USER_VA_START, USER_VA_END): 4 MiB up to 128 TiB - 4 GiB.
 * Page 0 and the first 4 MiB stay unmapped, so a null pointer faults. */
#define USER_VA_START	0x0000000000400000ULL
#define USER_VA_END	0x00007fff00000000ULL

/* Rights of a mapping (struct upte.prot, struct vm_area.prot). */
#define UPROT_READ	0x1u
#define UPROT_WRITE	0x2u
#define UPROT_EXEC	0x4u

enum upte_kind {
	UPTE_NONE,		/* nothing mapped: a fault means demand-zero */
	UPTE_PRESENT,		/* PFN mapped with PROT */
	UPTE_MIGRATION,		/* not present: PFN is a page under migration;
				 * PROT is what the mapping had */
};

/* One entry as mm/ sees it. */
struct upte {
	enum upte_kind kind;
	unsigned long pfn;	/* PRESENT, MIGRATION: the (head) page */
	unsigned int prot;	/* UPROT_* */
	bool huge;		/* a huge entry: 2^HPAGE_ORDER pages from a
				 * HPAGE-aligned address, PFN the head */
};

struct arch_uvm;		/* opaque: the page tables of one address space */

/* A new, empty address space (the kernel half filled in); NULL when
 * there is no memory for its top table. */
struct arch_uvm *arch_uvm_create(void);
/* Free every page-table page of U.  The caller has already cleared every
 * entry (the pages they pointed to are mm's business); U must not be
 * loaded (arch_uvm_activate(NULL) first when it is). */
void arch_uvm_destroy(struct arch_uvm *u);
/* Load U's tables into the MMU (NULL: the kernel's own, no user space).
 * Called by the scheduler at every switch to a task with another U. */
void arch_uvm_activate(struct arch_uvm *u);
/* Which U is loaded now (NULL: the kernel's). */
struct arch_uvm *arch_uvm_active(void);

/*
 * The entry for page-aligned VA: kind NONE when nothing is there.  When
 * VA lies in a huge entry, that entry is returned (huge set, PFN its
 * head) whatever VA's offset in it.
 */
void arch_upte_get(struct arch_uvm *u, vaddr_t va, struct upte *out);
/*
 * Write the entry for VA: E->kind NONE clears it.  A huge entry needs an
 * HPAGE-aligned VA and replaces nothing but a NONE or huge entry there
 * (a table of 4 KiB entries below it is -EEXIST).  0, -ENOMEM (no page
 * for a table page; nothing changed) or -EINVAL (VA outside user space,
 * not aligned).  Does not flush: see arch_uvm_flush().
 */
int arch_upte_set(struct arch_uvm *u, vaddr_t va, const struct upte *e);
/* The first address in [VA, END) whose entry may not be NONE: VA itself,
 * unless no table below maps it, then the first address past the missing
 * tables; END when nothing in between is.  Lets mm/ walk a huge, mostly
 * untouched range without reading every entry.  Does not sleep. */
vaddr_t arch_upte_next(struct arch_uvm *u, vaddr_t va, vaddr_t end);
/* After an entry that was PRESENT changed: drop VA's translation from the
 * TLB if U is loaded (otherwise the next arch_uvm_activate() does it). */
void arch_uvm_flush(struct arch_uvm *u, vaddr_t va, bool huge);
/* Page-table pages U uses now (for /proc/meminfo's PageTables). */
unsigned long arch_uvm_table_pages(const struct arch_uvm *u);

/* ------------------------------------------------------------ the recorder */

struct fake_uvm_stats {
	unsigned long flushes;		/* arch_uvm_flush() calls */
	unsigned long gets;		/* arch_upte_get() calls */
	unsigned long live;		/* address spaces created, not destroyed */
	int set_error;			/* nonzero: the next set of a new entry fails with it */
};
extern struct fake_uvm_stats fake_uvm;
/* Entries (of any kind) in U now. */
unsigned long fake_uvm_entries(const struct arch_uvm *u);

#endif /* ARCH_UVM_H */
