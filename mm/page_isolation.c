/* SPDX-License-Identifier: MIT */
/*
 * mm/page_isolation.c - fence off a range of pageblocks so that nothing
 * allocates there any more (MIGRATE_ISOLATE), find what still holds a
 * page in it, and at the end take its free pages out of the buddy.
 *
 * The idea: offline cannot stop the allocator, so it makes the range
 * useless to it instead.  An isolated pageblock's free blocks sit on the
 * Isolate lists, which no request and no fallback ever reads; pages freed
 * there later land on them too.  When every page of the range is on those
 * lists, the range is empty and can leave.  Undo puts every pageblock back
 * to the type it had (saved in its first page) and re-frees its free
 * blocks through the merging path, so the buddy ends maximally merged.
 *
 * Re-listing is done in two passes under one interrupts-off section:
 * first every free block of the range comes off its list and is marked
 * PG_isolated (private keeps its order), then the types change, then each
 * marked block is freed again.  Freeing a block while its neighbours are
 * still listed under their old type could merge across two lists.
 *
 * Course text: docs/09-hot-remove.md, docs/10-migration.md (user pages).
 * Tests: tests/unit/mm/test_memory_block.c, tests/unit/mm/test_migrate.c
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "mm/vm.h"

/*
 * Take every free block whose head lies in [start_pfn, end_pfn) off its
 * list (the type of its pageblock) and mark it PG_isolated, order kept in
 * private.  Returns how many.
 */
static unsigned long
hold_free_blocks_locked(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, n = 0;

	assert(!arch_irqs_enabled());
	while (pfn < end_pfn) {
		struct page *p;
		unsigned int order;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		p = pfn_to_page(pfn);
		if (!page_flag(p, PG_buddy)) {
			pfn++;
			continue;
		}
		order = p->private;
		del_from_free_list_locked(page_zone(p), p, order, page_migratetype(pfn));
		set_page_flag(p, PG_isolated);
		p->private = order;
		pfn += 1UL << order;
		n++;
	}
	return n;
}

/*
 * Free again every block hold_free_blocks_locked() marked, each to the
 * lists of its pageblock's type as it is now.  A block larger than a
 * pageblock is freed a pageblock at a time, since its pageblocks may now
 * differ in type; free_one_block_locked() merges what may merge.
 */
static void
release_held_blocks_locked(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	assert(!arch_irqs_enabled());
	while (pfn < end_pfn) {
		struct page *p;
		unsigned int order, piece;
		unsigned long i;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		p = pfn_to_page(pfn);
		if (!page_flag(p, PG_isolated)) {
			pfn++;
			continue;
		}
		order = p->private;
		clear_page_flag(p, PG_isolated);
		p->private = 0;
		piece = MIN(order, (unsigned int)pageblock_order);
		for (i = 0; i < (1UL << order); i += 1UL << piece)
			free_one_block_locked(page_zone(p), pfn + i, piece,
					      page_migratetype(pfn + i));
		pfn += 1UL << order;
	}
}

int
start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;
	bool irq;

	assert(start_pfn % pageblock_nr_pages == 0 && end_pfn % pageblock_nr_pages == 0);
	irq = arch_irq_save();
	/* Validate, then act: a pageblock isolated already is someone else's. */
	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		if (pfn_valid(pfn) && page_migratetype(pfn) == MIGRATE_ISOLATE) {
			arch_irq_restore(irq);
			return -EBUSY;
		}
	}
	hold_free_blocks_locked(start_pfn, end_pfn);
	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		struct page *first;

		if (!pfn_valid(pfn))
			continue;
		first = pfn_to_page(pfn);
		first->pageblock_saved_mt = first->pageblock_mt;
		set_pageblock_migratetype(pfn, MIGRATE_ISOLATE);
	}
	release_held_blocks_locked(start_pfn, end_pfn);
	arch_irq_restore(irq);
	return 0;
}

void
undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;
	bool irq;

	assert(start_pfn % pageblock_nr_pages == 0 && end_pfn % pageblock_nr_pages == 0);
	irq = arch_irq_save();
	hold_free_blocks_locked(start_pfn, end_pfn);
	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		struct page *first;

		if (!pfn_valid(pfn) || page_migratetype(pfn) != MIGRATE_ISOLATE)
			continue;
		first = pfn_to_page(pfn);
		set_pageblock_migratetype(pfn, first->pageblock_saved_mt);
		first->pageblock_saved_mt = 0;
	}
	release_held_blocks_locked(start_pfn, end_pfn);
	arch_irq_restore(irq);
}

/* Walk free blocks; stop at the first page that is not in one. */
static unsigned long
first_nonfree_pfn_locked(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	assert(!arch_irqs_enabled());
	while (pfn < end_pfn) {
		struct page *p;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		p = pfn_to_page(pfn);
		if (!page_flag(p, PG_buddy))
			return pfn;
		pfn += 1UL << p->private;
	}
	return end_pfn;
}

unsigned long
first_nonfree_pfn(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;
	bool irq = arch_irq_save();

	pfn = first_nonfree_pfn_locked(start_pfn, end_pfn);
	arch_irq_restore(irq);
	return MIN(pfn, end_pfn);
}

/*
 * The range is isolated and every page of it free (checked again here,
 * interrupts off: a page freed since lands on the Isolate lists, and
 * nothing can allocate there).  Each free block leaves its list and each
 * of its pages becomes an offline page: reserved, refcount 1.
 */
unsigned long
offline_isolated_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, total = 0;
	bool irq = arch_irq_save();

	if (first_nonfree_pfn_locked(start_pfn, end_pfn) < end_pfn)
		panic("offline_isolated_pages: [0x%lx, 0x%lx): a page is in use",
		      start_pfn, end_pfn);
	while (pfn < end_pfn) {
		struct page *p;
		struct zone *zone;
		unsigned long i, n;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		p = pfn_to_page(pfn);
		zone = page_zone(p);
		n = 1UL << p->private;
		if (page_migratetype(pfn) != MIGRATE_ISOLATE)
			panic("offline_isolated_pages: pfn 0x%lx: pageblock not isolated", pfn);
		del_from_free_list_locked(zone, p, p->private, MIGRATE_ISOLATE);
		for (i = 0; i < n; i++, p++) {
			set_page_flag(p, PG_reserved);
			p->refcount = 1;
			p->private = 0;
		}
		zone->managed_pages -= n;
		total += n;
		pfn += n;
	}
	arch_irq_restore(irq);
	return total;
}

/*
 * A user page's owner: "user page of pid 7 (work) at 0x7f0000200000",
 * and why it may not move.  Outside a migration a user page holds one
 * reference, its mapping's; more are pins (mm/vm.h).
 */
static void
user_page_text(const struct page *p, char *owner, size_t size)
{
	const struct mm_struct *mm = page_rmap_mm(p);
	size_t len;

	len = snprintf(owner, size, "user page of pid %d (%s) at 0x%lx", mm ? mm->owner_pid : -1,
		       mm ? mm->owner_name : "?", (unsigned long)page_rmap_va(p));
	if (len >= size)
		return;
	if (page_flag(p, PG_locked))
		snprintf(owner + len, size - len, ", under migration");
	else if (p->refcount > 1)
		snprintf(owner + len, size - len, ", pinned (refcount %d)", p->refcount);
}

/*
 * What holds the page at PFN, which is not in a free block: its owner's
 * text in OWNER, and how many pages to step over.  *MOVABLE says whether
 * migration could move it: user pages only (a pinned one too: it may be
 * unpinned; offline's passes give it the time).
 */
static void
page_owner_text(const struct page *p, char *owner, size_t size, unsigned long *step,
		bool *movable)
{
	*step = 1;
	*movable = false;
	if (page_is_anon(p) && p->refcount > 0) {
		*step = 1UL << p->private;
		*movable = true;
		user_page_text(p, owner, size);
	} else if (page_flag(p, PG_slab)) {
		snprintf(owner, size, "slab page");
	} else if (page_flag(p, PG_pgtable)) {
		snprintf(owner, size, "page table");
	} else if (page_flag(p, PG_memmap)) {
		snprintf(owner, size, "memmap");
	} else if (page_flag(p, PG_reserved)) {
		snprintf(owner, size, "reserved (kernel, firmware or boot allocation)");
	} else if (p->refcount > 0) {
		/* An allocated head: its whole block goes with it.  A movable
		 * one that no task maps is a kernel reference all the same
		 * (kalloc movable): offline waits for it in its passes. */
		*step = 1UL << p->private;
		*movable = page_flag(p, PG_movable);
		snprintf(owner, size, "%s (order %lu)",
			 *movable ? "movable page" : "kernel allocation", p->private);
	} else {
		/* A tail whose head lies before the range: part of a block. */
		snprintf(owner, size, "kernel allocation (order 0)");
	}
}

/*
 * See mm/memory_hotplug.h.  One walk, interrupts off so that no block is
 * split or merged under it: free blocks are stepped over, allocated heads
 * by their order; UNMOVABLE_ONLY also steps over movable pages.
 */
unsigned long
mhp_first_busy_pfn(unsigned long start_pfn, unsigned long end_pfn, bool unmovable_only,
		   char *owner, size_t size)
{
	unsigned long pfn = start_pfn;
	bool irq = arch_irq_save();

	while (pfn < end_pfn) {
		struct page *p;
		unsigned long step;
		bool movable;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		p = pfn_to_page(pfn);
		if (page_flag(p, PG_buddy)) {
			pfn += 1UL << p->private;
			continue;
		}
		page_owner_text(p, owner, size, &step, &movable);
		if (!(unmovable_only && movable)) {
			arch_irq_restore(irq);
			return pfn;
		}
		pfn += step;
	}
	arch_irq_restore(irq);
	if (size)
		snprintf(owner, size, "free");
	return end_pfn;
}
