/* SPDX-License-Identifier: MIT */
/*
 * mm/internal.h - what mm/ files share with each other and nobody else:
 * the allocator's own rules and free-list helpers, exported to its
 * checker and to page isolation; isolation and zone shrinking, exported
 * to memory blocks.
 *
 * Course text: docs/04-buddy.md, docs/09-hot-remove.md.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/memory_hotplug.h"
#include "mm/mm.h"

/* page_alloc.c (the free lists: interrupts disabled, see page_alloc.c) */
bool page_is_buddy(struct zone *zone, unsigned long pfn, unsigned long buddy_pfn,
		   unsigned int order);
/* List the free block PAGE of ORDER on MT's lists as it is (no merging). */
void add_to_free_list_locked(struct zone *zone, struct page *page, unsigned int order, int mt);
/* Unlink a free block listed on MT's lists; its head becomes a plain page. */
void del_from_free_list_locked(struct zone *zone, struct page *page, unsigned int order, int mt);
/* Free the block at PFN of ORDER onto MT's lists, merged as far as it goes. */
void free_one_block_locked(struct zone *zone, unsigned long pfn, unsigned int order, int mt);

/*
 * page_isolation.c: [start_pfn, end_pfn) is pageblock-aligned and no free
 * block crosses its ends (whole sections, or a memory block after its
 * never-freed vmemmap pages).  mem_hotplug_lock held.
 */
/* Every pageblock MIGRATE_ISOLATE (its type saved), its free blocks moved
 * to the Isolate lists and merged.  0, or -EBUSY (a pageblock is isolated
 * already; nothing changed). */
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn);
/* Each pageblock back to its saved type, its free blocks back on those
 * lists, merged as far as they go. */
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn);
/* The first pfn of the range not covered by a free block, or END_PFN when
 * every page is free (pfns without a memmap count as free). */
unsigned long first_nonfree_pfn(unsigned long start_pfn, unsigned long end_pfn);
/* Take the isolated free blocks of an all-free range off the lists: each
 * page reserved (refcount 1), its zone's managed pages down.  Returns the
 * pages taken. */
unsigned long offline_isolated_pages(unsigned long start_pfn, unsigned long end_pfn);

/* node.c */
/* [start_pfn, end_pfn), offline, leaves ZONE: present pages and spans of
 * zone and node shrink; an emptied zone gets span 0.  The caller has
 * cleared SECTION_IS_ONLINE of the range's sections (that is how the
 * range's pages are told apart from the zone's), and rebuilds zonelists
 * and watermarks. */
void zone_remove_range(struct zone *zone, unsigned long start_pfn, unsigned long end_pfn);

/* memory_notify.c: tell the notifiers (and the injector) of ACTION on
 * MB; a GOING_ action's first error is returned, the others cannot fail.
 * memory_notify_reset(): no notifiers, no injected errors (host tests). */
struct memory_block;
int memory_notify(enum memory_notify_action action, const struct memory_block *mb);
void memory_notify_reset(void);

/* The index of ZONE in its node (ZONE_DMA .. ZONE_MOVABLE). */
static inline enum zone_type
zone_idx(const struct zone *zone)
{
	return (enum zone_type)(zone - zone->zone_pgdat->node_zones);
}

#endif /* MM_INTERNAL_H */
