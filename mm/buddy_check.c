/* SPDX-License-Identifier: MIT */
/*
 * mm/buddy_check.c - the buddy allocator's invariant checker: walks every
 * free list and every page of a zone and reports the first thing that
 * breaks the rules mm/page_alloc.c promises to keep.
 *
 * The idea: an allocator bug shows up long after it happens, as a
 * corrupted list or a page in two places.  Checking the whole structure
 * after every step of a random test (and from the shell, `memcheck`)
 * catches it where it happens.
 *
 * Course text: docs/04-buddy.md.
 * Tests: tests/unit/mm/test_page_alloc.c
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/internal.h"
#include "mm/mm.h"

/* Write "<zone> (node N): <what>" into MSG; return -EINVAL. */
static int __printf(4, 5)
check_fail(const struct zone *zone, char *msg, size_t msg_size, const char *fmt, ...)
{
	int n = snprintf(msg, msg_size, "%s (node %d): ", zone->name,
			 zone->zone_pgdat->node_id);
	va_list ap;

	if (n >= 0 && (size_t)n < msg_size) {
		va_start(ap, fmt);
		vsnprintf(msg + n, msg_size - n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/*
 * Is the listed entry PAGE, on the list of ORDER and MT, a correct free
 * head of ZONE?  0, or -EINVAL with the reason.
 */
static int
check_listed_block_locked(struct zone *zone, struct page *page, unsigned int order,
			  int mt, char *msg, size_t msg_size)
{
	unsigned long pfn = page_to_pfn(page), pb;

	assert(!arch_irqs_enabled());
	if (!pfn_valid(pfn) || pfn_to_page(pfn) != page)
		return check_fail(zone, msg, msg_size,
				  "order %u %s list: entry %p is not in a memmap",
				  order, migratetype_names[mt], (void *)page);
	if (!page_flag(page, PG_buddy) || page->refcount != 0)
		return check_fail(zone, msg, msg_size,
				  "pfn 0x%lx: on the list for order %u but not free (refcount %d)",
				  pfn, order, page->refcount);
	if (page->private != order)
		return check_fail(zone, msg, msg_size,
				  "pfn 0x%lx: PG_buddy order %lu on list for order %u",
				  pfn, page->private, order);
	if (page_zone(page) != zone || pfn < zone->zone_start_pfn ||
	    pfn + (1UL << order) > zone_end_pfn(zone))
		return check_fail(zone, msg, msg_size,
				  "pfn 0x%lx: order %u block outside the zone", pfn, order);
	if (pfn & ((1UL << order) - 1))
		return check_fail(zone, msg, msg_size,
				  "pfn 0x%lx: not aligned to its order %u", pfn, order);
	for (pb = pfn; pb < pfn + (1UL << order); pb += pageblock_nr_pages) {
		int pb_mt = page_migratetype(pb);

		if (pb_mt != mt)
			return check_fail(zone, msg, msg_size,
					  "pfn 0x%lx: pageblock is %s, block on the %s list",
					  pfn,
					  pb_mt < MIGRATE_TYPES ? migratetype_names[pb_mt] : "?",
					  migratetype_names[mt]);
	}
	return 0;
}

/*
 * Is the PG_buddy head at PFN linked in, its tail clean, and its buddy
 * not one it should have merged with?  0, or -EINVAL with the reason.
 */
static int
check_free_head_locked(struct zone *zone, unsigned long pfn, char *msg, size_t msg_size)
{
	struct page *page = pfn_to_page(pfn);
	unsigned long order = page->private, i;

	assert(!arch_irqs_enabled());
	if (order >= MAX_ORDER || !page->lru.next || !page->lru.prev ||
	    page->lru.next == &page->lru || page->lru.next->prev != &page->lru ||
	    page->lru.prev->next != &page->lru)
		return check_fail(zone, msg, msg_size,
				  "pfn 0x%lx: PG_buddy order %lu but not on a free list",
				  pfn, order);
	for (i = 1; i < (1UL << order); i++) {
		struct page *tail = pfn_to_page(pfn + i);

		if (page_flag(tail, PG_buddy) || tail->refcount != 0 ||
		    page_zone(tail) != zone)
			return check_fail(zone, msg, msg_size,
					  "pfn 0x%lx: inside free block 0x%lx order %lu but %s",
					  pfn + i, pfn, order,
					  page_flag(tail, PG_buddy) ? "PG_buddy (overlap)" :
					  tail->refcount ? "in use" : "in another zone");
	}
	if (order < MAX_ORDER - 1 && page_is_buddy(zone, pfn, pfn ^ (1UL << order), order))
		return check_fail(zone, msg, msg_size,
				  "pfn 0x%lx and 0x%lx: free buddies of order %lu not merged",
				  pfn & ~(1UL << order), pfn | (1UL << order), order);
	return 0;
}

/*
 * Steps 1 and 2 of buddy_check_zone(): every listed entry, and the
 * counters against the lists.  *LISTED gets the number of entries.
 */
static int
check_lists_locked(struct zone *zone, unsigned long *listed, char *msg, size_t msg_size)
{
	unsigned long mt_pages[MIGRATE_TYPES] = { 0 }, total = 0;
	unsigned int order;
	int mt, err;

	assert(!arch_irqs_enabled());
	*listed = 0;
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *head = &zone->free_area[order].free_list[mt];
			struct list_head *prev = head, *pos;

			for (pos = head->next; pos != head; prev = pos, pos = pos->next) {
				if (!pos || pos->prev != prev || blocks >= zone->spanned_pages)
					return check_fail(zone, msg, msg_size,
						"order %u %s list: links broken after %lu entries",
						order, migratetype_names[mt], blocks);
				err = check_listed_block_locked(zone,
						list_entry(pos, struct page, lru),
						order, mt, msg, msg_size);
				if (err)
					return err;
				blocks++;
				mt_pages[mt] += 1UL << order;
			}
		}
		if (blocks != zone->free_area[order].nr_free)
			return check_fail(zone, msg, msg_size,
					  "free_area[%u].nr_free is %lu, %lu blocks listed",
					  order, zone->free_area[order].nr_free, blocks);
		*listed += blocks;
	}
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		if (mt_pages[mt] != zone->nr_free_mt[mt])
			return check_fail(zone, msg, msg_size,
					  "nr_free_mt[%s] is %lu, %lu pages listed",
					  migratetype_names[mt], zone->nr_free_mt[mt],
					  mt_pages[mt]);
		total += mt_pages[mt];
	}
	if (total != zone->nr_free_pages)
		return check_fail(zone, msg, msg_size, "nr_free_pages is %lu, %lu pages listed",
				  zone->nr_free_pages, total);
	return 0;
}

/* Step 3 of buddy_check_zone(): the zone's pages against LISTED entries. */
static int
check_memmap_locked(struct zone *zone, unsigned long listed, char *msg, size_t msg_size)
{
	unsigned long pfn = zone->zone_start_pfn, end = zone_end_pfn(zone), heads = 0;
	int err;

	assert(!arch_irqs_enabled());
	while (pfn < end) {
		struct page *page;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		page = pfn_to_page(pfn);
		if (page_zone(page) != zone || !page_flag(page, PG_buddy)) {
			pfn++;
			continue;
		}
		err = check_free_head_locked(zone, pfn, msg, msg_size);
		if (err)
			return err;
		heads++;
		pfn += 1UL << page->private;
	}
	if (heads != listed)
		return check_fail(zone, msg, msg_size,
				  "%lu free heads in the memmap, %lu on the lists", heads, listed);
	return 0;
}

/*
 * Check every invariant of ZONE's free lists; 0, or -EINVAL with the
 * first violation described in MSG.  Interrupts stay off for the whole
 * walk (a debugging aid: it visits every page of the zone).
 *
 * 1. Walk each list, its links checked both ways (a page linked into two
 *    lists breaks them; a cycle is caught by a length bound).  Each entry
 *    must be a free head of this zone: pfn_valid, PG_buddy, refcount 0,
 *    private == the list's order, aligned, inside the span, and every
 *    pageblock it covers of the list's migratetype.
 * 2. The lists must agree with the counters: free_area[order].nr_free,
 *    nr_free_mt[mt] and nr_free_pages.
 * 3. Walk the zone's pages.  Each PG_buddy head of this zone must be
 *    linked in, its other pages clean (not PG_buddy: no overlap; not in
 *    use), its buddy not one it may merge with; and the heads found must
 *    number the entries listed, so none is missing or listed twice.
 */
int
buddy_check_zone(struct zone *zone, char *msg, size_t msg_size)
{
	unsigned long listed;
	bool irq;
	int err;

	if (zone_is_empty(zone))
		return 0;
	irq = arch_irq_save();
	err = check_lists_locked(zone, &listed, msg, msg_size);
	if (!err)
		err = check_memmap_locked(zone, listed, msg, msg_size);
	arch_irq_restore(irq);
	return err;
}

/* buddy_check_zone() for every zone of every online node; the first error. */
int
buddy_check_all(char *msg, size_t msg_size)
{
	int nid, z, err;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			err = buddy_check_zone(&NODE_DATA(nid)->node_zones[z], msg, msg_size);
			if (err)
				return err;
		}
	}
	return 0;
}
