/* SPDX-License-Identifier: MIT */
/*
 * mm/page_alloc.c - the buddy allocator without bitmaps, its free lists
 * split by migratetype.
 *
 * The idea: a free block of 2^order pages is known by its first page alone
 * (PG_buddy, private = order), so whether the buddy at pfn ^ (1 << order)
 * is free is read from the memmap; there is no bitmap to resize when a
 * section comes or goes (paper section 4.4).  Each zone keeps one set of
 * lists per migratetype, each pageblock says which set its free pages go
 * to, and a table says where a request may fall back when its own lists
 * are empty (paper section 5).
 *
 * Course text: docs/04-buddy.md, docs/05-free-area-splitting.md.
 * Tests: tests/unit/mm/test_page_alloc.c
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/internal.h"
#include "mm/mm.h"

const char *const migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE]	= "Unmovable",
	[MIGRATE_RECLAIMABLE]	= "Reclaimable",
	[MIGRATE_MOVABLE]	= "Movable",
	[MIGRATE_ISOLATE]	= "Isolate",
};

/* ------------------------------------------------------------ policy
 * Everything the allocator decides by rule is a table here. */

/* Which zone a request may reach at most: the first flag present wins. */
static const struct {
	gfp_t flag;		/* a zone modifier */
	enum zone_type zone;	/* the highest zone it allows */
} gfp_zone_table[] = {
	{ __GFP_DMA,		ZONE_DMA },
	{ __GFP_DMA32,		ZONE_DMA32 },
	{ __GFP_MOVABLE,	ZONE_MOVABLE },
};				/* none of them: ZONE_NORMAL */

/* Which migratetype a request's pages get: the first flag present wins. */
static const struct {
	gfp_t flag;		/* a mobility flag */
	int mt;			/* the migratetype it asks for */
} gfp_migratetype_table[] = {
	{ __GFP_MOVABLE,	MIGRATE_MOVABLE },
	{ __GFP_RECLAIMABLE,	MIGRATE_RECLAIMABLE },
};				/* none of them: MIGRATE_UNMOVABLE */

/*
 * Where a request goes when the lists of its own migratetype are empty,
 * in order of preference, ended by MIGRATE_TYPES (Linux: fallbacks[]).
 * MIGRATE_ISOLATE appears nowhere: nothing allocates from, or steals, a
 * pageblock on its way out of the system.
 */
static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE]	= { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
	[MIGRATE_MOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_ISOLATE]	= { MIGRATE_TYPES },
};

/*
 * May a request of migratetype mt fall back into a pageblock of a section
 * the firmware marked hotpluggable (SECTION_HOTPLUGGABLE)?  The paper's
 * section 5.5: the administrator chooses between using every free page
 * and keeping removable memory free of pages that cannot move.
 * (ZONE_MOVABLE needs no row: unmovable requests never reach it.)
 */
static const bool fallback_into_hotpluggable[][MIGRATE_TYPES] = {
	[FALLBACK_NORMAL]		= { [MIGRATE_UNMOVABLE] = true,
					    [MIGRATE_RECLAIMABLE] = true,
					    [MIGRATE_MOVABLE] = true },
	[FALLBACK_PROTECT_MOVABLE]	= { [MIGRATE_MOVABLE] = true },
};

static const char *const fallback_policy_names[] = {
	[FALLBACK_NORMAL]		= "normal",
	[FALLBACK_PROTECT_MOVABLE]	= "protect-movable",
};

/* Set at boot from the command line; read by every fallback. */
enum fallback_policy fallback_policy = FALLBACK_NORMAL;

KERNEL_PARAM(fallback_policy_set, "page_alloc.fallback",
	     "normal|protect-movable: may kernel pages fall back into hotpluggable memory");

static int
fallback_policy_set(const char *val)
{
	size_t i;

	if (!val)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(fallback_policy_names); i++) {
		if (strcmp(val, fallback_policy_names[i]) == 0) {
			fallback_policy = (enum fallback_policy)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* ------------------------------------------------------------ pageblocks */

static unsigned long
pageblock_start(unsigned long pfn)
{
	return ALIGN_DOWN(pfn, pageblock_nr_pages);
}

/* The migratetype of PFN's pageblock (PFN must be pfn_valid()). */
int
page_migratetype(unsigned long pfn)
{
	return pfn_to_page(pageblock_start(pfn))->pageblock_mt;
}

/*
 * Record MT for PFN's pageblock.  Only the record: free blocks already on
 * the lists stay where they are, so call it before the pageblock's pages
 * are freed, or move them as claim_pageblocks_locked() does.
 */
void
set_pageblock_migratetype(unsigned long pfn, int mt)
{
	assert(mt >= 0 && mt < MIGRATE_TYPES);
	pfn_to_page(pageblock_start(pfn))->pageblock_mt = (u8)mt;
}

static bool
section_is_hotpluggable(unsigned long pfn)
{
	return nr_to_section(pfn_to_section_nr(pfn))->section_mem_map & SECTION_HOTPLUGGABLE;
}

/* ------------------------------------------------------------ free lists
 * Protected by disabling interrupts: every function here is _locked.
 * Shared with mm/page_isolation.c through mm/internal.h. */

/* List the free block PAGE of ORDER on MT's lists, as it is (no merging). */
void
add_to_free_list_locked(struct zone *zone, struct page *page, unsigned int order, int mt)
{
	assert(!arch_irqs_enabled());
	set_page_flag(page, PG_buddy);
	page->private = order;
	list_add(&page->lru, &zone->free_area[order].free_list[mt]);
	zone->free_area[order].nr_free++;
	zone->nr_free_pages += 1UL << order;
	zone->nr_free_mt[mt] += 1UL << order;
}

/* Unlink a free block; its head becomes a plain free page (no flags). */
void
del_from_free_list_locked(struct zone *zone, struct page *page, unsigned int order, int mt)
{
	assert(!arch_irqs_enabled());
	list_del(&page->lru);
	clear_page_flag(page, PG_buddy);
	page->private = 0;
	zone->free_area[order].nr_free--;
	zone->nr_free_pages -= 1UL << order;
	zone->nr_free_mt[mt] -= 1UL << order;
}

/* ------------------------------------------------------------ freeing */

/*
 * May the free block at PFN of ORDER in ZONE merge with the block at
 * BUDDY_PFN = PFN ^ (1 << ORDER)?  Only if all of these hold:
 *
 *   1. BUDDY_PFN is pfn_valid().  A buddy is never in another section (a
 *      MAX_ORDER block fits in one: mm.h's _Static_assert), so this only
 *      guards against a section without a memmap.
 *   2. The buddy is the head of a free block: PG_buddy (so refcount 0).
 *   3. Of the same order: private == ORDER.  A PG_buddy head of another
 *      order there means the buddy is partly in use.
 *   4. In the same zone.  Zones need not be MAX_ORDER aligned: ZONE_DMA
 *      ends at 16 MiB, inside one 2 GiB block on ia64.
 *   5. Never joining an isolated pageblock with one that is not: an
 *      isolated pageblock is on its way out of the system.
 *   6. From pageblock_order up the halves are different pageblocks; they
 *      merge only when their migratetypes are equal (5 is the case of
 *      this that hotplug needs).  So every pageblock of a free block has
 *      the block's migratetype, and a split hands each piece to the right
 *      list.  The price: a pageblock claimed by another type keeps its
 *      neighbour from forming a larger block until it is claimed back.
 *
 * Below pageblock_order both halves lie in one pageblock: 5 and 6 hold.
 */
bool
page_is_buddy(struct zone *zone, unsigned long pfn, unsigned long buddy_pfn,
	      unsigned int order)
{
	struct page *buddy;

	if (!pfn_valid(buddy_pfn))					/* 1 */
		return false;
	buddy = pfn_to_page(buddy_pfn);
	if (!page_flag(buddy, PG_buddy) || buddy->refcount != 0)	/* 2 */
		return false;
	if (buddy->private != order)					/* 3 */
		return false;
	if (page_zone(buddy) != zone)					/* 4 */
		return false;
	if (order >= pageblock_order &&					/* 5, 6 */
	    page_migratetype(buddy_pfn) != page_migratetype(pfn))
		return false;
	return true;
}

/*
 * Put the block at PFN of ORDER on MT's lists, merged as far as it goes
 * (paper section 4.4).
 *
 * 1. While ORDER is below MAX_ORDER - 1, look at the buddy, PFN ^ (1 << ORDER).
 * 2. If page_is_buddy() allows, take the buddy off its list; the pair is
 *    one free block of ORDER + 1 that starts at the lower pfn of the two.
 * 3. Otherwise stop, and list the block as it now is.
 *
 *        order 1:  [ 4 5 ][ 6 7 ]      6-7 is free: merge
 *        order 2:  [ 4 5 6 7 ]         buddy 0-3 is in use: stop
 */
void
free_one_block_locked(struct zone *zone, unsigned long pfn, unsigned int order, int mt)
{
	assert(!arch_irqs_enabled());
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (!page_is_buddy(zone, pfn, buddy_pfn, order))
			break;
		del_from_free_list_locked(zone, pfn_to_page(buddy_pfn), order, mt);
		pfn &= buddy_pfn;
		order++;
	}
	add_to_free_list_locked(zone, pfn_to_page(pfn), order, mt);
}

/* Page flags no page may carry when it is freed: someone still owns it. */
#define PG_FREE_CHECK	((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_locked) | \
			 (1UL << PG_slab) | (1UL << PG_pgtable) | (1UL << PG_isolated) | \
			 (1UL << PG_memmap) | (1UL << PG_anon))

/*
 * Drop a reference to the allocated block PAGE of ORDER; the last one
 * gives the block back.  Anything but an allocated head of that order is
 * a kernel bug: a double free, a wrong order, or a last reference
 * dropped while a flag says the page is still in use (PG_FREE_CHECK).
 */
void
free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn;
	bool irq;

	assert(page && order < MAX_ORDER);
	pfn = page_to_pfn(page);
	if (page->refcount <= 0 || (page->refcount == 1 && (page->flags & PG_FREE_CHECK)))
		panic("free_pages: pfn 0x%lx: not allocated (refcount %d, flags 0x%lx)",
		      pfn, page->refcount, page->flags & ((1UL << PG_FLAGS_BITS) - 1));
	if (page->private != order || page_flag(page, PG_head) != (order > 0))
		panic("free_pages: pfn 0x%lx: freed as order %u, allocated as order %lu",
		      pfn, order, page->private);
	if (--page->refcount > 0)
		return;		/* not the last reference (a pin, a migration list) */

	clear_page_flag(page, PG_head);
	clear_page_flag(page, PG_movable);
	page->private = 0;
	irq = arch_irq_save();
	free_one_block_locked(page_zone(page), pfn, order, page_migratetype(pfn));
	arch_irq_restore(irq);
}

/*
 * The order of the largest block that starts at PFN, is aligned to its
 * size, ends by END_PFN and stays within one pageblock.
 */
static unsigned int
boot_block_order(unsigned long pfn, unsigned long end_pfn)
{
	unsigned int order = 0;

	while (order < pageblock_order && (pfn & ((2UL << order) - 1)) == 0 &&
	       pfn + (2UL << order) <= end_pfn)
		order++;
	return order;
}

/*
 * Hand the PG_reserved pages of [start_pfn, end_pfn) to the allocator, at
 * boot or when a hot-added range goes online.
 *
 * 1. Skip pfns without a memmap, a section at a time.
 * 2. Cut the rest into the largest blocks that are aligned to their size
 *    and end by END_PFN, by the end of their zone and by the end of
 *    their pageblock (so each goes to its own pageblock's lists).
 * 3. Make each page of a block a plain free page (not reserved, refcount
 *    0), count it as managed, and free the block: free_one_block_locked()
 *    merges it with whatever is free around it, pageblocks included.
 */
void
free_boot_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	while (pfn < end_pfn) {
		struct zone *zone;
		unsigned int order;
		unsigned long i, n;
		bool irq;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		zone = page_zone(pfn_to_page(pfn));
		order = boot_block_order(pfn, MIN(end_pfn, zone_end_pfn(zone)));
		n = 1UL << order;
		for (i = 0; i < n; i++) {
			struct page *p = pfn_to_page(pfn + i);

			if (!page_flag(p, PG_reserved) || page_zone(p) != zone)
				panic("free_boot_pages: pfn 0x%lx: not a reserved page of zone %s",
				      pfn + i, zone->name);
			clear_page_flag(p, PG_reserved);
			p->refcount = 0;
			p->private = 0;
		}
		zone->managed_pages += n;
		irq = arch_irq_save();
		free_one_block_locked(zone, pfn, order, page_migratetype(pfn));
		arch_irq_restore(irq);
		pfn += n;
	}
}

/* ------------------------------------------------------------ allocating */

/*
 * Cut the free block at PFN of order HIGH, already off the lists, down to
 * order LOW: each step halves it and lists the upper half as a free
 * block of type MT; the lower half goes on.
 *
 *   order 3 at 0:  [0 . . . . . . 7]  ->  0-3 kept, 4-7 listed (order 2)
 *                  [0 . . 3]          ->  0-1 kept, 2-3 listed (order 1)
 *                  [0 1]              ->  0 kept,   1 listed   (order 0)
 */
static void
expand_locked(struct zone *zone, unsigned long pfn, unsigned int low,
	      unsigned int high, int mt)
{
	while (high > low) {
		high--;
		add_to_free_list_locked(zone, pfn_to_page(pfn + (1UL << high)), high, mt);
	}
}

/* The smallest free block of ORDER or more on MT's lists, or NULL. */
static struct page *
take_smallest_locked(struct zone *zone, unsigned int order, int mt)
{
	unsigned int o;

	assert(!arch_irqs_enabled());
	for (o = order; o < MAX_ORDER; o++) {
		struct list_head *list = &zone->free_area[o].free_list[mt];
		struct page *page;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		del_from_free_list_locked(zone, page, o, mt);
		expand_locked(zone, page_to_pfn(page), order, o, mt);
		return page;
	}
	return NULL;
}

/* Do all pages of the pageblock at PB_PFN belong to ZONE? */
static bool
pageblock_in_zone(struct zone *zone, unsigned long pb_pfn)
{
	unsigned long i;

	for (i = 0; i < pageblock_nr_pages; i++)
		if (page_zone(pfn_to_page(pb_pfn + i)) != zone)
			return false;
	return true;
}

/*
 * The free block at PFN of ORDER, already off the lists, was borrowed
 * from type OLD_MT for a request of type MT.  Should its pageblock(s)
 * change hands?  Claim them when
 *   - the block is big (order >= pageblock_order / 2): the request splits
 *     much of the pageblock anyway, so let it serve MT from now on; or
 *   - MT is unmovable or reclaimable: such pages pin their pageblock, so
 *     gather them in pageblocks of their own rather than leave one in
 *     each pageblock they borrow from.
 * A movable request borrowing a small block claims nothing: its page can
 * be moved out later.  A pageblock shared with another zone stays as it is.
 * Claiming retypes the pageblock(s) and moves their other free blocks to
 * MT's lists.  Returns the type the rest of the block is listed as.
 */
static int
claim_pageblocks_locked(struct zone *zone, unsigned long pfn, unsigned int order,
			int old_mt, int mt)
{
	unsigned long pb, end;

	assert(!arch_irqs_enabled());
	if (order < pageblock_order / 2 && mt == MIGRATE_MOVABLE)
		return old_mt;
	if (order >= pageblock_order) {
		/* The block is its pageblocks' only free block. */
		for (pb = pfn; pb < pfn + (1UL << order); pb += pageblock_nr_pages)
			set_pageblock_migratetype(pb, mt);
		return mt;
	}
	pb = pageblock_start(pfn);
	if (!pageblock_in_zone(zone, pb))
		return old_mt;
	for (end = pb + pageblock_nr_pages; pb < end; pb++) {
		struct page *p = pfn_to_page(pb);
		unsigned int o;

		if (!page_flag(p, PG_buddy))
			continue;
		o = p->private;
		del_from_free_list_locked(zone, p, o, old_mt);
		add_to_free_list_locked(zone, p, o, mt);
		pb += (1UL << o) - 1;
	}
	set_pageblock_migratetype(pfn, mt);
	return mt;
}

/*
 * May a request of type MT borrow the free block at PFN under the policy?
 * Only fallback asks: a hotpluggable section's pageblocks start Movable,
 * and only a fallback could turn one Unmovable or Reclaimable, so with
 * the policy set from boot their own lists never reach such a section.
 */
static bool
fallback_allowed(unsigned long pfn, int mt)
{
	return fallback_into_hotpluggable[fallback_policy][mt] ||
	       !section_is_hotpluggable(pfn);
}

/*
 * Own lists empty: borrow from another type (paper section 5.5).
 *
 * 1. Take the fallback types of MT in table order.
 * 2. For each, look from the largest order down to ORDER and take the
 *    first block the policy allows: the largest, so that borrowing splits
 *    one big block instead of leaving foreign pages in many pageblocks.
 * 3. Maybe claim its pageblock(s) (claim_pageblocks_locked()), then cut
 *    it down to ORDER, listing the rest as the pageblock's type.
 */
static struct page *
take_fallback_locked(struct zone *zone, unsigned int order, int mt)
{
	const int *ft;
	int o;

	assert(!arch_irqs_enabled());
	for (ft = fallbacks[mt]; *ft != MIGRATE_TYPES; ft++) {
		for (o = MAX_ORDER - 1; o >= (int)order; o--) {
			struct list_head *pos, *list = &zone->free_area[o].free_list[*ft];

			list_for_each(pos, list) {
				struct page *page = list_entry(pos, struct page, lru);
				unsigned long pfn = page_to_pfn(page);
				int rest_mt;

				if (!fallback_allowed(pfn, mt))
					continue;
				del_from_free_list_locked(zone, page, o, *ft);
				rest_mt = claim_pageblocks_locked(zone, pfn, o, *ft, mt);
				expand_locked(zone, pfn, order, o, rest_mt);
				return page;
			}
		}
	}
	return NULL;
}

/*
 * Would taking 2^ORDER pages leave ZONE at or above watermark WMARK?
 * Free isolated pages do not count: nobody may allocate them.
 */
static bool
zone_watermark_ok_locked(const struct zone *zone, unsigned int order,
			 enum zone_watermark wmark)
{
	unsigned long usable = zone->nr_free_pages - zone->nr_free_mt[MIGRATE_ISOLATE];

	assert(!arch_irqs_enabled());
	return usable >= (1UL << order) &&
	       usable - (1UL << order) >= zone->watermark[wmark];
}

/* A block just off the lists becomes an allocated head (mm.h's table). */
static void
prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	page->refcount = 1;
	page->private = order;
	if (order > 0)
		set_page_flag(page, PG_head);
	if (gfp & __GFP_MOVABLE)
		set_page_flag(page, PG_movable);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static enum zone_type
gfp_highest_zone(gfp_t gfp)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gfp_zone_table); i++)
		if (gfp & gfp_zone_table[i].flag)
			return gfp_zone_table[i].zone;
	return ZONE_NORMAL;
}

static int
gfp_migratetype(gfp_t gfp)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gfp_migratetype_table); i++)
		if (gfp & gfp_migratetype_table[i].flag)
			return gfp_migratetype_table[i].mt;
	return MIGRATE_UNMOVABLE;
}

/*
 * Allocate 2^ORDER pages for a request GFP that prefers node NID
 * (NUMA_NO_NODE: this CPU's node).  NULL when no zone can give them.
 *
 * 1. From GFP: the highest zone the pages may come from, their type.
 * 2. Walk NID's zonelist (own zones first, then nearer nodes: node.c),
 *    skipping zones above the highest allowed, and other nodes' zones
 *    under __GFP_THISNODE.
 * 3. First pass: only zones that stay at or above their low watermark
 *    after the allocation; second pass: down to the min watermark.
 * 4. In a zone, the type's own lists first, then its fallbacks.
 * There is no reclaim: when both passes fail, the answer is NULL.
 */
struct page *
alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	static const enum zone_watermark passes[] = { WMARK_LOW, WMARK_MIN };
	enum zone_type highest = gfp_highest_zone(gfp);
	int mt = gfp_migratetype(gfp);
	pg_data_t *pgdat;
	size_t pass;

	if (order >= MAX_ORDER)
		return NULL;
	if (nid == NUMA_NO_NODE)
		nid = numa_node_id();
	if (nid < 0 || nid >= MAX_NUMNODES)
		return NULL;
	pgdat = NODE_DATA(nid);

	for (pass = 0; pass < ARRAY_SIZE(passes); pass++) {
		struct zone **zp;

		for (zp = pgdat->zonelist; *zp; zp++) {
			struct zone *zone = *zp;
			struct page *page = NULL;
			bool irq;

			if (zone_idx(zone) > highest)
				continue;
			if ((gfp & __GFP_THISNODE) && zone->zone_pgdat != pgdat)
				continue;
			irq = arch_irq_save();
			if (zone_watermark_ok_locked(zone, order, passes[pass])) {
				page = take_smallest_locked(zone, order, mt);
				if (!page)
					page = take_fallback_locked(zone, order, mt);
			}
			arch_irq_restore(irq);
			if (page) {
				prep_new_page(page, order, gfp);
				return page;
			}
		}
	}
	return NULL;
}

struct page *
alloc_pages(gfp_t gfp, unsigned int order)
{
	return alloc_pages_node(NUMA_NO_NODE, gfp, order);
}

/*
 * Turn the allocated block PAGE of ORDER into 2^ORDER allocated order-0
 * pages, each with its own reference, so that they can be freed one by
 * one: a caller that needs a size between two orders allocates the
 * larger and frees the tail at once (the hot-add memmap, 1.75 MiB in a
 * 2 MiB block).  PG_movable is copied to every page.
 */
void
split_page(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	bool movable = page_flag(page, PG_movable);

	assert(page->refcount == 1 && page->private == order);
	clear_page_flag(page, PG_head);
	page->private = 0;
	for (unsigned long i = 1; i < (1UL << order); i++) {
		struct page *p = pfn_to_page(pfn + i);

		p->refcount = 1;
		p->private = 0;
		if (movable)
			set_page_flag(p, PG_movable);
	}
}
