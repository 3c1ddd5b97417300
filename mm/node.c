/* SPDX-License-Identifier: MIT */
/*
 * mm/node.c - NUMA nodes and their zones: which zone a page belongs to,
 * the order in which an allocation tries zones (the zonelist), and how
 * many pages each zone keeps free (the watermarks).
 *
 * The idea: an allocation names a preferred node and the highest zone it
 * may use; the zonelist built here turns that into one plain walk: the
 * node's own zones, highest first, then the other nodes by distance.
 *
 * Zones grow when memory is onlined (zone_init_range()) and shrink when
 * it goes offline (zone_remove_range()); a node whose zones are all empty
 * stays online, memory-less.
 *
 * Course text: docs/05-free-area-splitting.md, docs/09-hot-remove.md.
 * Tests: tests/unit/mm/test_page_alloc.c, tests/unit/mm/test_memory_block.c
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/internal.h"
#include "mm/mm.h"

pg_data_t node_data[MAX_NUMNODES];

/* Filled by the SLIT parser; 0 means "not given". */
u8 node_distance_table[MAX_NUMNODES][MAX_NUMNODES];

const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA]	= "DMA",
	[ZONE_DMA32]	= "DMA32",
	[ZONE_NORMAL]	= "Normal",
	[ZONE_MOVABLE]	= "Movable",
};

/* Where the address-limited zones end (zone_for_pfn()). */
#define DMA_LIMIT	(16ULL << 20)	/* ISA DMA: 24 address bits */
#define DMA32_LIMIT	(4ULL << 30)	/* 32-bit devices */

/* Bounds on min_free_kbytes (setup_watermarks()): the lower one is
 * Linux's; Linux's upper one is 256 MiB today (64 MiB before 5.x), and
 * we keep the older, smaller machines' figure. */
#define MIN_FREE_KBYTES_MIN	128
#define MIN_FREE_KBYTES_MAX	65536

int
node_distance(int a, int b)
{
	assert(a >= 0 && a < MAX_NUMNODES && b >= 0 && b < MAX_NUMNODES);
	if (node_distance_table[a][b])
		return node_distance_table[a][b];
	return a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/* Mark NID online and tie its zones to it; calling it again is harmless. */
void
node_set_online(int nid)
{
	pg_data_t *pgdat;
	int z;

	assert(nid >= 0 && nid < MAX_NUMNODES);
	pgdat = NODE_DATA(nid);
	pgdat->node_id = nid;
	for (z = 0; z < MAX_NR_ZONES; z++) {
		pgdat->node_zones[z].zone_pgdat = pgdat;
		pgdat->node_zones[z].name = zone_names[z];
	}
	pgdat->online = true;
}

/* One CPU: its node is the first online one (NUMA_NO_NODE before any). */
int
numa_node_id(void)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid)->online)
			return nid;
	return NUMA_NO_NODE;
}

enum zone_type
zone_for_pfn(unsigned long pfn)
{
	if (PFN_PHYS(pfn) < DMA_LIMIT)
		return ZONE_DMA;
	if (PFN_PHYS(pfn) < DMA32_LIMIT)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

/* Free pages of NID's zones: a sum of counters, read without the lock. */
unsigned long
node_free_pages(int nid)
{
	unsigned long sum = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		sum += NODE_DATA(nid)->node_zones[z].nr_free_pages;
	return sum;
}

/* Free pages of every online node. */
unsigned long
global_free_pages(void)
{
	unsigned long sum = 0;
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid)->online)
			sum += node_free_pages(nid);
	return sum;
}

/*
 * Grow ZONE's span to cover [start_pfn, end_pfn).  An empty zone gets
 * empty free lists first; it is in no zonelist yet, so no allocation can
 * be looking at them.
 */
static void
zone_grow_span(struct zone *zone, unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned int order;
	int mt;

	if (zone_is_empty(zone)) {
		for (order = 0; order < MAX_ORDER; order++) {
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				list_init(&zone->free_area[order].free_list[mt]);
			zone->free_area[order].nr_free = 0;
		}
		zone->nr_free_pages = 0;
		memset(zone->nr_free_mt, 0, sizeof(zone->nr_free_mt));
		zone->zone_start_pfn = start_pfn;
		zone->spanned_pages = end_pfn - start_pfn;
		return;
	}
	end_pfn = MAX(end_pfn, zone_end_pfn(zone));
	zone->zone_start_pfn = MIN(start_pfn, zone->zone_start_pfn);
	zone->spanned_pages = end_pfn - zone->zone_start_pfn;
}

/* The node spans what its zones span, holes and all. */
static void
node_update_span(pg_data_t *pgdat)
{
	unsigned long start = ~0UL, end = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (zone_is_empty(zone))
			continue;
		start = MIN(start, zone->zone_start_pfn);
		end = MAX(end, zone_end_pfn(zone));
	}
	pgdat->node_start_pfn = end ? start : 0;
	pgdat->node_spanned_pages = end ? end - start : 0;
}

/*
 * Initialise the struct page of every pfn_valid() pfn in [start_pfn,
 * end_pfn) as reserved in zone ZID of node NID (mm.h's table); a
 * pageblock whose first page is in the range becomes MIGRATE_MOVABLE.
 * (A range that starts inside a pageblock leaves that pageblock's type
 * to whoever initialised its first page.)  Returns the pages initialised.
 */
static unsigned long
memmap_init_range(int nid, enum zone_type zid, unsigned long start_pfn,
		  unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, nr = 0;

	/* A section at a time: one lookup and one template per section. */
	while (pfn < end_pfn) {
		unsigned long sec = pfn_to_section_nr(pfn);
		unsigned long stop = MIN(end_pfn, section_nr_to_pfn(sec + 1));
		struct page tmpl = { .refcount = 1 }, *page;

		if (!pfn_valid(pfn)) {
			pfn = stop;
			continue;
		}
		set_page_links(&tmpl, nid, zid, sec);
		set_page_flag(&tmpl, PG_reserved);
		page = pfn_to_page(pfn);
		nr += stop - pfn;
		for (; pfn < stop; pfn++, page++) {
			*page = tmpl;
			if (pfn % pageblock_nr_pages == 0)
				page->pageblock_mt = MIGRATE_MOVABLE;
		}
	}
	return nr;
}

/* See mm.h.  Called at boot, or at hot add under mem_hotplug_lock. */
void
zone_init_range(int nid, enum zone_type zid, unsigned long start_pfn,
		unsigned long end_pfn)
{
	pg_data_t *pgdat;
	struct zone *zone;
	unsigned long present;

	assert(nid >= 0 && nid < MAX_NUMNODES && zid < MAX_NR_ZONES);
	assert(start_pfn <= end_pfn && end_pfn <= MAX_PFN);
	if (start_pfn == end_pfn)
		return;
	node_set_online(nid);
	pgdat = NODE_DATA(nid);
	zone = &pgdat->node_zones[zid];
	zone_grow_span(zone, start_pfn, end_pfn);
	present = memmap_init_range(nid, zid, start_pfn, end_pfn);
	zone->present_pages += present;
	pgdat->node_present_pages += present;
	node_update_span(pgdat);
}

/*
 * The first pfn of ZONE in [start_pfn, end_pfn), or END_PFN.  Only online
 * sections count: the pages of offline blocks keep their zone links until
 * they are onlined again.
 */
static unsigned long
zone_first_pfn_in(const struct zone *zone, unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	while (pfn < end_pfn) {
		const struct mem_section *ms = nr_to_section(pfn_to_section_nr(pfn));

		if (!section_has_mem_map(ms) || !(ms->section_mem_map & SECTION_IS_ONLINE)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1);
			continue;
		}
		if (page_zone(pfn_to_page(pfn)) == zone)
			return pfn;
		pfn++;
	}
	return end_pfn;
}

/* One past the last pfn of ZONE in [start_pfn, end_pfn), or START_PFN. */
static unsigned long
zone_last_pfn_in(const struct zone *zone, unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = end_pfn;

	while (pfn > start_pfn) {
		const struct mem_section *ms = nr_to_section(pfn_to_section_nr(pfn - 1));

		if (!section_has_mem_map(ms) || !(ms->section_mem_map & SECTION_IS_ONLINE)) {
			pfn = MAX(start_pfn, section_nr_to_pfn(pfn_to_section_nr(pfn - 1)));
			continue;
		}
		if (page_zone(pfn_to_page(pfn - 1)) == zone)
			return pfn;
		pfn--;
	}
	return start_pfn;
}

/*
 * See mm/internal.h; Linux's shrink_zone_span() idea.  Under
 * mem_hotplug_lock; the range's pages are off the free lists already.
 *
 * 1. Count the range's pages that are ZONE's: present pages of zone and
 *    node go down by that many.
 * 2. No present page left: the zone spans nothing (start 0, span 0), so
 *    build_all_zonelists() leaves it out.
 * 3. Else, if the range held the zone's first pfn, the new start is the
 *    first of the zone's pfns after it; if it held the last, the new end
 *    is one past the last before it.  A range in the middle leaves a hole
 *    in the span, as in Linux.
 * 4. The node spans what its zones span.
 */
void
zone_remove_range(struct zone *zone, unsigned long start_pfn, unsigned long end_pfn)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long pfn, present = 0, zstart, zend;

	assert(start_pfn <= end_pfn);
	for (pfn = start_pfn; pfn < end_pfn; pfn++)		/* 1 */
		if (pfn_valid(pfn) && page_zone(pfn_to_page(pfn)) == zone)
			present++;
	assert(present <= zone->present_pages && present <= pgdat->node_present_pages);
	zone->present_pages -= present;
	pgdat->node_present_pages -= present;

	zstart = zone->zone_start_pfn;
	zend = zone_end_pfn(zone);
	if (zone->present_pages == 0) {				/* 2 */
		zstart = zend = 0;
	} else {						/* 3 */
		if (start_pfn <= zstart && end_pfn > zstart)
			zstart = zone_first_pfn_in(zone, end_pfn, zend);
		if (end_pfn >= zend && start_pfn < zend)
			zend = zone_last_pfn_in(zone, zstart, MIN(start_pfn, zend));
		assert(zstart < zend);
	}
	zone->zone_start_pfn = zstart;
	zone->spanned_pages = zend - zstart;
	node_update_span(pgdat);				/* 4 */
}

/* Append NID's non-empty zones to LIST at *N, highest zone first. */
static void
zonelist_add_node(struct zone **list, int *n, int nid)
{
	int z;

	for (z = MAX_NR_ZONES - 1; z >= 0; z--) {
		struct zone *zone = &NODE_DATA(nid)->node_zones[z];

		if (!zone_is_empty(zone))
			list[(*n)++] = zone;
	}
}

/*
 * Fill NID's zonelist, the order its allocations try zones in:
 *
 * 1. NID's own zones, highest first (Movable, Normal, DMA32, DMA), so an
 *    allocation uses plentiful memory before the scarce low zones;
 * 2. then every other online node, nearest first (ties: lower id first),
 *    again highest zone first;
 * 3. a NULL after the last.
 *
 * Empty zones are left out.  The allocator skips the zones above what a
 * request allows, so one list serves every GFP mask.
 */
static void
build_zonelist_locked(int nid)
{
	struct zone **list = NODE_DATA(nid)->zonelist;
	bool used[MAX_NUMNODES] = { false };
	int n = 0, best, other;

	assert(!arch_irqs_enabled());
	used[nid] = true;
	zonelist_add_node(list, &n, nid);
	for (;;) {
		best = NUMA_NO_NODE;
		for (other = 0; other < MAX_NUMNODES; other++) {
			if (used[other] || !NODE_DATA(other)->online)
				continue;
			if (best == NUMA_NO_NODE ||
			    node_distance(nid, other) < node_distance(nid, best))
				best = other;
		}
		if (best == NUMA_NO_NODE)
			break;
		used[best] = true;
		zonelist_add_node(list, &n, best);
	}
	list[n] = NULL;
}

/* Interrupts are off while a list is rebuilt: an allocation never sees half of one. */
void
build_all_zonelists(void)
{
	bool irq;
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online)
			continue;
		irq = arch_irq_save();
		build_zonelist_locked(nid);
		arch_irq_restore(irq);
	}
}

/* The integer square root: the largest r with r * r <= x (x < 2^64). */
static unsigned long
int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit;

	/* Decide the root's bits from the top: keep a bit if r stays small enough. */
	for (bit = 1UL << 31; bit; bit >>= 1)
		if ((r + bit) * (r + bit) <= x)
			r += bit;
	return r;
}

/*
 * The watermarks, from managed pages, by the rule Linux used before its
 * watermark_scale_factor (today Linux spaces low and high by a fraction
 * of the zone instead of by min):
 *
 * 1. lowmem_kbytes: the managed memory of every zone but ZONE_MOVABLE.
 * 2. min_free_kbytes = sqrt(16 * lowmem_kbytes), clamped to [128, 65536]:
 *    it grows like the square root of memory (16 MiB -> 512 KiB,
 *    1 GiB -> 4 MiB, 16 GiB -> 16 MiB).
 * 3. Each lowmem zone's min is its share of min_free_kbytes, in
 *    proportion to its managed pages.  ZONE_MOVABLE, which kernel
 *    allocations cannot use, keeps managed / 1024 pages, clamped to
 *    [32, 128], as Linux does for its highmem and movable zones.
 * 4. low = min * 5/4 and high = min * 3/2.  The allocator first tries
 *    zones that stay above low, then goes down to min; high is for a
 *    reclaimer we do not have (Linux's kswapd sleeps above it).
 */
void
setup_watermarks(void)
{
	unsigned long lowmem_pages = 0, min_free_kbytes, min_free_pages;
	int nid, z;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		for (z = 0; z < ZONE_MOVABLE; z++)
			lowmem_pages += NODE_DATA(nid)->node_zones[z].managed_pages;
	min_free_kbytes = int_sqrt(16 * lowmem_pages * (PAGE_SIZE >> 10));
	min_free_kbytes = MAX(min_free_kbytes, MIN_FREE_KBYTES_MIN);
	min_free_kbytes = MIN(min_free_kbytes, MIN_FREE_KBYTES_MAX);
	min_free_pages = min_free_kbytes / (PAGE_SIZE >> 10);

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[z];
			unsigned long min;
			bool irq;

			if (zone_is_empty(zone))	/* emptied by offline: no reserve */
				min = 0;
			else if (z == ZONE_MOVABLE)
				min = MIN(MAX(zone->managed_pages / 1024, 32UL), 128UL);
			else if (lowmem_pages)
				min = min_free_pages * zone->managed_pages / lowmem_pages;
			else
				min = 0;
			irq = arch_irq_save();
			zone->watermark[WMARK_MIN] = min;
			zone->watermark[WMARK_LOW] = min + min / 4;
			zone->watermark[WMARK_HIGH] = min + min / 2;
			arch_irq_restore(irq);
		}
	}
}
