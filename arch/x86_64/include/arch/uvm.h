/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/uvm.h - what mm/ may ask of a user address
 * space's page tables (arch/x86_64/uvm.c): make and destroy them, read
 * and write one entry, flush one translation, load them.
 *
 * The idea: mm/vm.c decides WHAT is mapped (which page at which
 * address, with which rights, or a migration entry in its place); the
 * arch decides HOW that is written into the hardware's tables.  mm/ sees
 * an entry only as a struct upte, never as x86 bits, so mm/vm.c and
 * mm/migrate.c build on the host against a fake of this header
 * (tests/unit/fake/arch/uvm.h) for all three parameter sets.
 *
 * On x86_64 an address space is a PML4 of its own: entries 0..255 map
 * user space (below USER_VA_END), entries 256..511 are the kernel's,
 * copied from the kernel's PML4 (and copied again when the kernel's
 * grew, before the tables are loaded).  A 4 KiB mapping is a PT entry;
 * a huge one (2 MiB, order HPAGE_ORDER) is a PD entry with PS set.
 * A migration entry is a PT (or PD) entry with P clear and the old
 * page's pfn kept in it, so that the CPU faults on any access and the
 * fault handler knows which page to wait for (docs/10-migration.md).
 *
 * Lock rule: one CPU, and the kernel is not preempted (only user mode
 * is, kernel/task.c): a caller that does not sleep between reading and
 * writing an entry needs no lock.  mm/vm.c says who may change what.
 *
 * Course text: docs/11-user-tasks.md, docs/10-migration.md.
 * Tests: tests/unit/mm/test_vm.c (with the fake), tests/qemu/test_user.py
 */
#ifndef ARCH_UVM_H
#define ARCH_UVM_H

#include "kernel/types.h"

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

#endif /* ARCH_UVM_H */
