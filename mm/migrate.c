/* SPDX-License-Identifier: MIT */
/*
 * mm/migrate.c - page migration: move user pages to other page frames
 * while the tasks that use them keep running (paper section 6).
 *
 * The idea: a user page is reached only through its one page-table entry
 * (mm/vm.h).  Replace that entry by a migration entry and every access
 * faults and sleeps on the page lock (paper Figure 4); with no access
 * possible, copy the page, point the entry at the copy, wake the
 * sleepers, free the original.  Anything that goes wrong before the
 * copy is mapped puts the old entry back: the old page was never
 * written by anyone but its task, so it is still right (rollback).
 *
 * Pages go through in batches: a batch is locked and unmapped, then the
 * CPU is offered to the tasks (cond_resched(), or a sleep of hold_ms,
 * /sys/kernel/debug/migrate/hold_ms), then each page of the batch is
 * checked, copied and mapped.  A task that touches a page of the batch
 * meanwhile sleeps in handle_mm_fault() and counts pgmigrate_fault_wait.
 *
 * Lock rules: one migration at a time: migrate_isolate_range() is called
 * with mem_hotplug_lock held (page->lru links a page into one list), and
 * migrate_pages() runs before the caller lets go of it.  PG_locked is
 * held from the migration entry's write until the new entry (or the old
 * one) is in; while it is, the page's address space cannot go away
 * (mm_destroy() waits for the page) and nobody else writes that entry.
 *
 * Course text: docs/10-migration.md.
 * Tests: tests/unit/mm/test_migrate.c, tests/qemu/test_migration.py
 */
#include <arch/cpu.h>
#include <arch/uvm.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "mm/vm.h"

const char *const migrate_result_names[] = {
	[MIGRATE_OK]		= "ok",
	[MIGRATE_BUSY]		= "busy",
	[MIGRATE_NOMEM]		= "no destination page",
	[MIGRATE_PINNED]	= "pinned",
	[MIGRATE_NOT_ANON]	= "not a user page",
};
_Static_assert(sizeof(migrate_result_names) / sizeof(migrate_result_names[0]) ==
	       MIGRATE_NOT_ANON + 1, "a name for every migrate_result");

/*
 * Tests: called at each step of each page (the page locked; from
 * UNMAPPED on, its migration entry in); a nonzero return fails that step
 * as the real failure there would: no destination at ALLOC, pinned at
 * UNMAPPED, busy at COPY.
 */
int (*migrate_fault_inject)(struct page *page, enum migrate_step step);

/* Pages unmapped together before the CPU is offered to the tasks. */
#define MIGRATE_BATCH		32
/* How long extra references may take to drop before the page is called
 * pinned (once per batch: a pin held for seconds does not wait each time). */
#define MIGRATE_REF_WAIT_MS	1
/* The most hold_ms accepts: a debug knob, not a way to stop the kernel. */
#define MIGRATE_HOLD_MAX_MS	10000

_Static_assert(MAX_NUMNODES <= 64, "migrate_stats.dest_nodes has a bit per node");

/* Read by migrate_pages(), written through the debug file only. */
static unsigned int migrate_hold_ms;

/* ------------------------------------------------------------ collect */

/*
 * See mm/vm.h.  A walk of struct pages with interrupts off, so that no
 * block is split or merged under it: free blocks and user pages are
 * stepped over by their order, anything else page by page.
 */
unsigned long
migrate_isolate_range(unsigned long start_pfn, unsigned long end_pfn, struct list_head *list)
{
	unsigned long pfn = start_pfn, n = 0;
	bool irq;

	assert(mutex_held(&mem_hotplug_lock));	/* page->lru: one list at a time */
	irq = arch_irq_save();
	while (pfn < end_pfn) {
		struct page *p;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		p = pfn_to_page(pfn);
		if (page_flag(p, PG_buddy)) {
			pfn += 1UL << p->private;
		} else if (page_is_anon(p) && p->refcount > 0) {
			p->refcount++;			/* the list's reference */
			list_add_tail(&p->lru, list);
			n++;
			pfn += 1UL << p->private;
		} else {
			pfn++;
		}
	}
	arch_irq_restore(irq);
	return n;
}

void
putback_movable_pages(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *p = list_first_entry(list, struct page, lru);

		list_del(&p->lru);
		free_pages(p, p->private);	/* frees it if its owner unmapped it */
	}
}

/* ------------------------------------------------------------ one page */

enum migrate_phase {
	MP_FAILED,	/* stays on the list: result says why */
	MP_GONE,	/* its owner unmapped it: nothing to move */
	MP_UNMAPPED,	/* locked, migration entry in, destination in hand */
	MP_MOVED,	/* copied and mapped; the old page freed */
};

/* One page of a batch, from the moment it leaves the list. */
struct migrate_entry {
	struct page *page;		/* the old page (a head) */
	unsigned int order;		/* 0, or HPAGE_ORDER */
	enum migrate_phase phase;
	enum migrate_result result;	/* MP_FAILED: why */
	/* MP_UNMAPPED: */
	struct mm_struct *mm;		/* its owner (alive: the page is locked) */
	vaddr_t va;			/* where it is mapped */
	struct upte old;		/* the entry as it was (PRESENT) */
	struct page *newpage;		/* the destination, refcount 1 */
};

/* The hook's verdict on STEP: MIGRATE_OK, or WHY when it fails the step. */
static enum migrate_result
injected(struct page *page, enum migrate_step step, enum migrate_result why)
{
	if (migrate_fault_inject && migrate_fault_inject(page, step))
		return why;
	return MIGRATE_OK;
}

static void
entry_fail(struct migrate_entry *m, enum migrate_result why)
{
	m->phase = MP_FAILED;
	m->result = why;
}

/*
 * Undo migrate_unmap_one() after its point of unmapping: the old entry
 * back, its reference back, the page unlocked (its waiters wake and find
 * the old page mapped again), the destination freed.
 */
static void
migrate_rollback(struct migrate_entry *m, enum migrate_result why)
{
	int err = arch_upte_set(m->mm->uvm, m->va, &m->old);

	assert(!err);			/* the slot exists: no table page needed */
	m->page->refcount++;		/* the mapping's reference */
	page_unlock(m->page);
	free_pages(m->newpage, m->order);
	m->newpage = NULL;
	entry_fail(m, why);
}

/*
 * Steps 1 to 4 for one page: lock it, find its entry through the reverse
 * map, allocate the destination, replace the entry by a migration entry
 * and flush it, drop the mapping's reference.  Nothing here sleeps.
 */
static void
migrate_unmap_one(struct migrate_entry *m, int target_node)
{
	struct page *page = m->page;
	struct upte mig;
	enum migrate_result why;
	int nid, err;

	if (!page_trylock(page)) {					/* 1 */
		entry_fail(m, MIGRATE_BUSY);
		return;
	}
	if (!page_is_anon(page)) {
		page_unlock(page);
		/* Only the list's reference left: its owner unmapped it. */
		if (page->refcount == 1)
			m->phase = MP_GONE;
		else
			entry_fail(m, MIGRATE_NOT_ANON);
		return;
	}
	m->mm = page_rmap_mm(page);					/* 2 */
	m->va = page_rmap_va(page);
	arch_upte_get(m->mm->uvm, m->va, &m->old);
	assert(m->old.kind == UPTE_PRESENT && m->old.pfn == page_to_pfn(page));

	why = injected(page, MIGRATE_STEP_ALLOC, MIGRATE_NOMEM);	/* 3 */
	nid = target_node == NUMA_NO_NODE ? page_to_nid(page) : target_node;
	m->newpage = why ? NULL : alloc_pages_node(nid, GFP_USER, m->order);
	if (!m->newpage) {
		page_unlock(page);
		entry_fail(m, why ? why : MIGRATE_NOMEM);
		return;
	}

	mig = m->old;							/* 4 */
	mig.kind = UPTE_MIGRATION;
	err = arch_upte_set(m->mm->uvm, m->va, &mig);
	assert(!err);			/* replaces an entry: no table page needed */
	arch_uvm_flush(m->mm->uvm, m->va, m->old.huge);
	assert(page->refcount >= 2);	/* the mapping's and the list's */
	page->refcount--;		/* the mapping's: the entry no longer maps it */
	m->phase = MP_UNMAPPED;

	why = injected(page, MIGRATE_STEP_UNMAPPED, MIGRATE_PINNED);
	if (why)
		migrate_rollback(m, why);
}

/* Copy the 2^order base pages of FROM into TO, through the direct map. */
static void
copy_pages(struct page *to, struct page *from, unsigned int order)
{
	unsigned long dst = page_to_pfn(to), src = page_to_pfn(from);

	for (unsigned long i = 0; i < (1UL << order); i++)
		memcpy(page_address(pfn_to_page(dst + i)), page_address(pfn_to_page(src + i)),
		       PAGE_SIZE);
}

/*
 * Steps 5 to 9 for one unmapped page: the extra references must have
 * dropped (only the list's is left), then copy, map the copy with the
 * old rights, move the reverse map, unlock (waking the waiters), free
 * the old page.  *WAITED: whether this batch already waited for
 * references once; the wait sleeps.
 */
static void
migrate_move_one(struct migrate_entry *m, bool *waited)
{
	struct page *page = m->page;
	struct upte e;
	enum migrate_result why;
	int err;

	if (page->refcount > 1 && !*waited) {				/* 5 */
		task_sleep_ms(MIGRATE_REF_WAIT_MS);
		*waited = true;
	}
	if (page->refcount > 1) {
		migrate_rollback(m, MIGRATE_PINNED);
		return;
	}
	why = injected(page, MIGRATE_STEP_COPY, MIGRATE_BUSY);
	if (why) {
		migrate_rollback(m, why);
		return;
	}
	copy_pages(m->newpage, page, m->order);				/* 6 */

	/* No turning back from here: the copy is mapped, the old page goes. */
	page_rmap_set(m->newpage, m->mm, m->va);			/* 7 */
	e = m->old;
	e.pfn = page_to_pfn(m->newpage);
	err = arch_upte_set(m->mm->uvm, m->va, &e);
	assert(!err);
	/* No flush: a migration entry is not present, so no TLB holds it. */
	page_rmap_clear(page);						/* 8 */
	page_unlock(page);
	free_pages(page, m->order);	/* the list's reference, the last one */	/* 9 */
	m->phase = MP_MOVED;
}

/* ------------------------------------------------------------ the batches */

static void
count_result(struct migrate_entry *m, struct migrate_stats *stats)
{
	unsigned long nr = 1UL << m->order;

	if (m->phase == MP_MOVED) {
		count_vm_events(PGMIGRATE_SUCCESS, nr);
		if (m->order)
			count_vm_events(THP_MIGRATION_SUCCESS, 1);
		if (stats) {
			stats->moved++;
			stats->moved_bytes += nr * PAGE_SIZE;
			stats->dest_nodes |= 1ULL << page_to_nid(m->newpage);
		}
	} else if (m->phase == MP_FAILED) {
		count_vm_events(PGMIGRATE_FAIL, nr);
		if (m->order)
			count_vm_events(THP_MIGRATION_FAIL, 1);
		if (stats) {
			stats->failed[m->result]++;
			if (!stats->first_failed_pfn) {
				stats->first_failed_pfn = page_to_pfn(m->page);
				stats->first_failed_why = m->result;
			}
		}
	}
}

/*
 * See mm/vm.h.  Per batch: take up to MIGRATE_BATCH pages off LIST,
 * unmap each, offer the CPU (the tasks run, and those touching the batch
 * sleep), then move each.  Failed pages collect on a list of their own,
 * so that a batch never meets them again, and go back onto LIST at the
 * end.  Moved pages and pages their owner freed leave for good.
 */
unsigned long
migrate_pages(struct list_head *list, int target_node, struct migrate_stats *stats)
{
	/* One migration at a time (mem_hotplug_lock): the batch need not
	 * live on the kernel stack, where it would take 2 KiB of 16. */
	static struct migrate_entry batch[MIGRATE_BATCH];
	struct list_head failed = LIST_HEAD_INIT(failed);
	unsigned long left = 0;

	assert(mutex_held(&mem_hotplug_lock));
	if (stats)
		memset(stats, 0, sizeof(*stats));
	while (!list_empty(list)) {
		int n = 0, unmapped = 0;
		bool waited = false;

		while (n < MIGRATE_BATCH && !list_empty(list)) {
			struct migrate_entry *m = &batch[n++];

			memset(m, 0, sizeof(*m));
			m->page = list_first_entry(list, struct page, lru);
			m->order = m->page->private;
			list_del(&m->page->lru);
			migrate_unmap_one(m, target_node);
			unmapped += m->phase == MP_UNMAPPED;
		}

		/* The batch is unmapped: let the tasks run into it. */
		if (unmapped && migrate_hold_ms)
			task_sleep_ms(migrate_hold_ms);
		else if (unmapped)
			cond_resched();

		for (int i = 0; i < n; i++) {
			struct migrate_entry *m = &batch[i];

			if (m->phase == MP_UNMAPPED)
				migrate_move_one(m, &waited);
			count_result(m, stats);
			if (m->phase == MP_FAILED) {
				list_add_tail(&m->page->lru, &failed);
				left++;
			} else if (m->phase == MP_GONE) {
				free_pages(m->page, m->order);	/* the list's: the last */
			}
		}
	}
	while (!list_empty(&failed)) {
		struct page *p = list_first_entry(&failed, struct page, lru);

		list_del(&p->lru);
		list_add_tail(&p->lru, list);
	}
	return left;
}

/* ------------------------------------------------------------ hold_ms */

static int
hold_ms_show(struct seq *s)
{
	seq_printf(s, "%u\n", migrate_hold_ms);
	return 0;
}

static int
hold_ms_store(const char *text, void *data)
{
	u64 ms;

	(void)data;
	if (arg_u64(text, &ms) || ms > MIGRATE_HOLD_MAX_MS)
		return -EINVAL;
	migrate_hold_ms = ms;
	return 0;
}
PSEUDO_FILE(migrate_hold_ms, "/sys/kernel/debug/migrate/hold_ms", hold_ms_show,
	    hold_ms_store, "ms migration sleeps after unmapping a batch (0: just yield; max 10000)");
