/* SPDX-License-Identifier: MIT */
/*
 * mm/internal.h - what mm/ files share with each other and nobody else:
 * the allocator's own rules, exported to its checker.
 *
 * Course text: docs/04-buddy.md.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/mm.h"

/* page_alloc.c */
bool page_is_buddy(struct zone *zone, unsigned long pfn, unsigned long buddy_pfn,
		   unsigned int order);

/* The index of ZONE in its node (ZONE_DMA .. ZONE_MOVABLE). */
static inline enum zone_type
zone_idx(const struct zone *zone)
{
	return (enum zone_type)(zone - zone->zone_pgdat->node_zones);
}

#endif /* MM_INTERNAL_H */
