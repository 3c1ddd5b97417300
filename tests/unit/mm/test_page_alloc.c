/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_page_alloc.c - host tests for mm/page_alloc.c and
 * mm/node.c: merging and splitting, migratetypes and fallback, the
 * fallback policy, zones and zonelists, watermarks, and the invariant
 * checker itself.
 *
 * Each test builds a small fake machine: memmaps from the C heap given to
 * the real mm/sparse.c, zones from zone_init_range(), pages handed over
 * with free_boot_pages().  Sizes come from PAGES_PER_SECTION, MAX_ORDER
 * and pageblock_order, so every test holds for x86_64, ppc64 and ia64.
 * After every call the fake CPU (tests/unit/fake/arch/cpu.h) must be
 * idle: no irq save left open, interrupts on.
 *
 * Course text: docs/04-buddy.md, docs/05-free-area-splitting.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arch/cpu.h>
#include <arch/memlayout.h>
#include "kernel/kernel.h"
#include "mm/mm.h"
#include "fake_printk.h"

#define PPS		PAGES_PER_SECTION
#define TOP		(MAX_ORDER - 1)			/* the largest order */
#define PB		pageblock_nr_pages
#define SECTIONS_FOR(pages)	(((pages) + PPS - 1) / PPS)
#define SEC_3_5G	pfn_to_section_nr(PHYS_PFN(7ULL << 29))	/* DMA32 */
#define SEC_4G		pfn_to_section_nr(PHYS_PFN(4ULL << 30))	/* Normal */

/* ------------------------------------------------------------ the fake machine */

#define MAX_FAKE_SECTIONS	64

static struct {
	unsigned long nr[MAX_FAKE_SECTIONS];	/* section numbers given a memmap */
	struct page *memmap[MAX_FAKE_SECTIONS];	/* their memmaps, from the heap */
	int count;				/* entries used */
} machine;

static void *
leaf_calloc(size_t size)
{
	return calloc(1, size);
}

/* Give section NR of node NID a memmap (every page reserved, in no zone). */
static void
add_section(unsigned long nr, int nid, unsigned long flags)
{
	struct page *memmap = aligned_alloc(64, memmap_size_bytes());

	assert_non_null(memmap);
	assert_true(machine.count < MAX_FAKE_SECTIONS);
	assert_int_equal(sparse_init_section(nr, nid, memmap,
					     SECTION_MARKED_PRESENT | SECTION_IS_EARLY | flags), 0);
	machine.nr[machine.count] = nr;
	machine.memmap[machine.count++] = memmap;
}

/* N sections from FIRST, all zone ZID of node NID; returns the first pfn. */
static unsigned long
add_zone(int nid, enum zone_type zid, unsigned long first, unsigned long n,
	 unsigned long flags)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		add_section(first + i, nid, flags);
	zone_init_range(nid, zid, section_nr_to_pfn(first), section_nr_to_pfn(first + n));
	return section_nr_to_pfn(first);
}

/* RAM [start, end) of node NID, cut into zones by address as boot does. */
static void
add_ram(int nid, unsigned long start, unsigned long end)
{
	const unsigned long limits[] = { PHYS_PFN(16ULL << 20), PHYS_PFN(4ULL << 30), MAX_PFN };
	size_t z;

	for (z = 0; z < ARRAY_SIZE(limits) && start < end; z++) {
		unsigned long stop = MIN(end, limits[z]);

		if (start < stop) {
			zone_init_range(nid, zone_for_pfn(start), start, stop);
			start = stop;
		}
	}
}

static void
zero_watermarks(void)
{
	int nid, z;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			memset(NODE_DATA(nid)->node_zones[z].watermark, 0,
			       sizeof(NODE_DATA(nid)->node_zones[z].watermark));
}

static struct zone *
zone_of(int nid, enum zone_type zid)
{
	return &NODE_DATA(nid)->node_zones[zid];
}

static int
setup(void **state)
{
	(void)state;
	sparse_set_allocator(leaf_calloc);
	memset(node_data, 0, sizeof(node_data));
	memset(node_distance_table, 0, sizeof(node_distance_table));
	fallback_policy = FALLBACK_NORMAL;
	fake_cpu_reset();
	fake_ram_map(0, NULL, 0);
	fake_printk_clear();
	return 0;
}

static int
teardown(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < machine.count; i++)
		free(sparse_remove_section(machine.nr[i]));
	machine.count = 0;
	memset(node_data, 0, sizeof(node_data));
	fake_cpu_reset();
	fake_ram_map(0, NULL, 0);
	return 0;
}

/* ------------------------------------------------------------ checked calls */

static struct page *
alloc(int nid, gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages_node(nid, gfp, order);

	assert_true(fake_cpu_idle());
	return page;
}

static void
release(struct page *page, unsigned int order)
{
	free_pages(page, order);
	assert_true(fake_cpu_idle());
}

static void
give(unsigned long start_pfn, unsigned long end_pfn)
{
	free_boot_pages(start_pfn, end_pfn);
	assert_true(fake_cpu_idle());
}

static void
check_zone(struct zone *zone)
{
	char msg[256];

	if (buddy_check_zone(zone, msg, sizeof(msg)))
		fail_msg("buddy_check_zone: %s", msg);
	assert_true(fake_cpu_idle());
}

static void
check_all(void)
{
	char msg[256];

	if (buddy_check_all(msg, sizeof(msg)))
		fail_msg("buddy_check_all: %s", msg);
}

/* Is there a free block of ORDER with its head at PFN? */
static bool
is_free_block(unsigned long pfn, unsigned int order)
{
	struct page *p = pfn_to_page(pfn);

	return page_flag(p, PG_buddy) && p->private == order && p->refcount == 0;
}

/* Does ZONE hold a free block of ORDER or more? */
static bool
zone_has_block(struct zone *zone, unsigned int order)
{
	for (; order < MAX_ORDER; order++)
		if (zone->free_area[order].nr_free)
			return true;
	return false;
}

/* The zone an allocation came from; the allocation must succeed. */
static struct zone *
alloc_zone(int nid, gfp_t gfp, unsigned int order)
{
	struct page *page = alloc(nid, gfp, order);

	assert_non_null(page);
	return page_zone(page);
}

static unsigned long
list_length(struct zone *zone, unsigned int order, int mt)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, &zone->free_area[order].free_list[mt])
		n++;
	return n;
}

/* Set a kernel param as the command line would, through hotmem_params. */
extern const struct kernel_param __start_hotmem_params[];
extern const struct kernel_param __stop_hotmem_params[];

static int
set_param(const char *name, const char *val)
{
	const struct kernel_param *p;

	for (p = __start_hotmem_params; p < __stop_hotmem_params; p++)
		if (strcmp(p->name, name) == 0)
			return p->set(val);
	fail_msg("no kernel param %s", name);
	return -ENOENT;
}

/* ------------------------------------------------------------ merging */

/*
 *   B = a section's first pfn; every page reserved until freed
 *   free 5, 4         [4 5]          order 1
 *   free 6, 7         [4 5 6 7]      6 joins 7, then [6 7] joins [4 5]
 *   free 0, 1, 2, 3   [0 ....... 7]  [0 .. 3] joins [4 .. 7]
 * Expect page 4 to merge with 5 at order 0, with 6 at order 1 and with 0
 * at order 2, as in the paper's section 4.2, the head and order right
 * after every free.
 */
static void
test_free_merges_like_the_paper_example(void **state)
{
	struct zone *zone;
	unsigned long b;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	zone = zone_of(0, ZONE_NORMAL);
	build_all_zonelists();

	give(b + 5, b + 6);
	assert_true(is_free_block(b + 5, 0));
	give(b + 4, b + 5);
	assert_true(is_free_block(b + 4, 1));
	assert_false(page_flag(pfn_to_page(b + 5), PG_buddy));
	give(b + 6, b + 7);
	assert_true(is_free_block(b + 6, 0));
	give(b + 7, b + 8);
	assert_true(is_free_block(b + 4, 2));
	assert_false(page_flag(pfn_to_page(b + 6), PG_buddy));
	give(b + 0, b + 1);
	give(b + 1, b + 2);
	assert_true(is_free_block(b + 0, 1));
	give(b + 2, b + 3);
	assert_true(is_free_block(b + 2, 0));
	give(b + 3, b + 4);
	assert_true(is_free_block(b + 0, 3));
	check_zone(zone);
	assert_int_equal(zone->free_area[3].nr_free, 1);
	assert_int_equal(zone->nr_free_pages, 8);
	assert_int_equal(zone->managed_pages, 8);
}

/*
 *   [B ............................. B + 2^TOP)   one free block
 *   alloc order 0  ->  B; then B+1 (order 0), B+2 (1), B+4 (2), ...
 * Expect one free block at every order below TOP, each the upper half
 * of the step before, and a single TOP block again after the free.
 */
static void
test_alloc_splits_block_and_lists_upper_halves(void **state)
{
	struct zone *zone;
	struct page *page;
	unsigned long b;
	unsigned int o;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	zone = zone_of(0, ZONE_NORMAL);
	build_all_zonelists();
	give(b, b + (1UL << TOP));

	page = alloc(0, GFP_USER, 0);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), b);
	for (o = 0; o < TOP; o++) {
		assert_true(is_free_block(b + (1UL << o), o));
		assert_int_equal(zone->free_area[o].nr_free, 1);
	}
	assert_int_equal(zone->free_area[TOP].nr_free, 0);
	check_zone(zone);

	release(page, 0);
	assert_true(is_free_block(b, TOP));
	check_zone(zone);
}

/*
 * split_page(): an order-3 block becomes 8 order-0 pages; the tail freed
 * at once and the rest one by one in any order merges back to the top.
 */
static void
test_split_page_frees_page_by_page(void **state)
{
	struct zone *zone;
	struct page *page;
	unsigned long b, pfn, free0;
	unsigned int i;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	zone = zone_of(0, ZONE_NORMAL);
	build_all_zonelists();
	give(b, b + (1UL << TOP));
	free0 = zone->nr_free_pages;

	page = alloc(0, GFP_USER, 3);
	assert_non_null(page);
	pfn = page_to_pfn(page);
	split_page(page, 3);
	for (i = 0; i < 8; i++) {
		struct page *p = pfn_to_page(pfn + i);

		assert_int_equal(p->refcount, 1);
		assert_int_equal(p->private, 0);
		assert_false(page_flag(p, PG_head));
		assert_true(page_flag(p, PG_movable));
	}
	for (i = 5; i < 8; i++)		/* the tail, at once */
		free_page(pfn_to_page(pfn + i));
	assert_int_equal(zone->nr_free_pages, free0 - 5);
	check_zone(zone);
	free_page(pfn_to_page(pfn + 2));
	free_page(pfn_to_page(pfn + 0));
	free_page(pfn_to_page(pfn + 4));
	free_page(pfn_to_page(pfn + 1));
	free_page(pfn_to_page(pfn + 3));
	assert_int_equal(zone->nr_free_pages, free0);
	assert_true(is_free_block(b, TOP));
	check_zone(zone);
}

/*
 *   B+0 B+1 B+2 [B+3 reserved] B+4 .. B+7 | B+8 .. B+11 in no zone | B+12 .. B+15
 * Expect [0 1] order 1, [2] order 0, [4 .. 7] order 2 and [12 .. 15]
 * order 2: a reserved page and a hole stop merging.
 */
static void
test_free_does_not_merge_across_reserved_page_or_hole(void **state)
{
	struct zone *zone;
	unsigned long b;

	(void)state;
	add_section(SEC_4G, 0, 0);
	b = section_nr_to_pfn(SEC_4G);
	zone_init_range(0, ZONE_NORMAL, b, b + 8);
	zone_init_range(0, ZONE_NORMAL, b + 12, b + 16);
	zone = zone_of(0, ZONE_NORMAL);
	build_all_zonelists();
	give(b, b + 3);
	give(b + 4, b + 8);
	give(b + 12, b + 16);

	assert_true(is_free_block(b, 1));
	assert_true(is_free_block(b + 2, 0));
	assert_true(is_free_block(b + 4, 2));
	assert_true(is_free_block(b + 12, 2));
	assert_int_equal(zone->nr_free_pages, 11);
	assert_int_equal(zone->spanned_pages, 16);
	assert_int_equal(zone->present_pages, 12);
	check_zone(zone);
}

/*
 *   | DMA32: B .. B+H-1 | Normal: B+H .. B+2H-1 |   H = 2^(TOP-1)
 *   (one TOP-aligned block cut in two by a zone boundary)
 * Expect one free block of order TOP-1 in each zone, never one of order
 * TOP: buddies in different zones do not merge.
 */
static void
test_free_does_not_merge_across_zone_boundary(void **state)
{
	unsigned long b, h = 1UL << (TOP - 1);

	(void)state;
	add_section(SEC_4G, 0, 0);
	b = section_nr_to_pfn(SEC_4G);
	zone_init_range(0, ZONE_DMA32, b, b + h);
	zone_init_range(0, ZONE_NORMAL, b + h, b + 2 * h);
	build_all_zonelists();
	give(b, b + 2 * h);

	assert_true(is_free_block(b, TOP - 1));
	assert_true(is_free_block(b + h, TOP - 1));
	assert_int_equal(zone_of(0, ZONE_DMA32)->free_area[TOP - 1].nr_free, 1);
	assert_int_equal(zone_of(0, ZONE_NORMAL)->free_area[TOP - 1].nr_free, 1);
	assert_int_equal(zone_of(0, ZONE_NORMAL)->free_area[TOP].nr_free, 0);
	check_all();
}

/* ------------------------------------------------------------ random runs */

#define RANDOM_PAGES	4096	/* at least this many pages in the zone */
#define RANDOM_OPS	4000
#define RANDOM_BATCH	250	/* operations between checker runs */
#define RANDOM_HELD	1024

static u64
rng_next(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * RANDOM_OPS allocations and frees with GFPS chosen at random, mostly
 * small orders; checks that no block is handed out twice and runs the
 * checker every RANDOM_BATCH operations; frees everything at the end.
 */
static void
random_run(u64 seed, const gfp_t *gfps, size_t ngfp)
{
	struct {
		struct page *page;	/* an allocated head we hold */
		unsigned int order;	/* its order, for the free */
	} held[RANDOM_HELD];
	unsigned long b, n, i, nr_held = 0, held_pages = 0;
	struct zone *zone;
	u8 *owned;
	int op;

	n = SECTIONS_FOR(RANDOM_PAGES);
	b = add_zone(0, ZONE_NORMAL, SEC_4G, n, 0);
	zone = zone_of(0, ZONE_NORMAL);
	build_all_zonelists();
	give(b, b + n * PPS);
	zero_watermarks();
	owned = calloc(n * PPS, 1);
	assert_non_null(owned);

	for (op = 1; op <= RANDOM_OPS; op++) {
		u64 r = rng_next(&seed);

		if (nr_held == 0 || (r % 100 < 55 && nr_held < RANDOM_HELD)) {
			unsigned int order = (r >> 8) % 8 == 0 ? (r >> 16) % MAX_ORDER
							       : (r >> 16) % 3;
			gfp_t gfp = gfps[(r >> 32) % ngfp];
			struct page *page = alloc(0, gfp, order);
			unsigned long pfn;

			if (page) {
				pfn = page_to_pfn(page);
				assert_int_equal(pfn & ((1UL << order) - 1), 0);
				assert_true(pfn >= b && pfn + (1UL << order) <= b + n * PPS);
				for (i = 0; i < (1UL << order); i++) {
					assert_int_equal(owned[pfn - b + i], 0);
					owned[pfn - b + i] = 1;
				}
				held[nr_held].page = page;
				held[nr_held++].order = order;
				held_pages += 1UL << order;
			}
		} else {
			unsigned long k = (r >> 8) % nr_held;
			unsigned long pfn = page_to_pfn(held[k].page);

			for (i = 0; i < (1UL << held[k].order); i++)
				owned[pfn - b + i] = 0;
			held_pages -= 1UL << held[k].order;
			release(held[k].page, held[k].order);
			held[k] = held[--nr_held];
		}
		if (op % RANDOM_BATCH == 0) {
			check_zone(zone);
			assert_int_equal(zone->nr_free_pages + held_pages, zone->managed_pages);
		}
	}
	while (nr_held > 0) {
		nr_held--;
		release(held[nr_held].page, held[nr_held].order);
	}
	check_zone(zone);
	assert_int_equal(zone->nr_free_pages, n * PPS);
	free(owned);
}

/*
 *   a zone of >= 4096 pages, all free; 4000 random movable allocs/frees
 *   (seeds 1, 2, 3), the checker after every 250
 * Expect no block handed out twice, the checker always content, and
 * after the last free every page back in blocks of order TOP.
 */
static void
test_random_alloc_free_merges_back_to_top_order(void **state)
{
	static const gfp_t gfps[] = { GFP_USER };
	u64 seed;

	(void)state;
	for (seed = 1; seed <= 3; seed++) {
		struct zone *zone = zone_of(0, ZONE_NORMAL);

		random_run(seed, gfps, ARRAY_SIZE(gfps));
		assert_int_equal(zone->free_area[TOP].nr_free, zone->nr_free_pages >> TOP);
		teardown(NULL);
		setup(NULL);
	}
}

/*
 *   as above with unmovable, reclaimable and movable requests mixed,
 *   so fallback claims pageblocks for one type or another
 * Expect some pageblocks claimed away from Movable, the checker always
 * content, and after the last free every pageblock whole again (no block
 * below pageblock_order).  Neighbouring pageblocks of different types
 * stay apart (page_is_buddy() rule 6).
 */
static void
test_random_mixed_types_keep_invariants(void **state)
{
	static const gfp_t gfps[] = { GFP_KERNEL, __GFP_RECLAIMABLE, GFP_USER };
	u64 seed;
	unsigned int o;

	(void)state;
	for (seed = 11; seed <= 13; seed++) {
		struct zone *zone = zone_of(0, ZONE_NORMAL);
		unsigned long pb, claimed = 0;

		random_run(seed, gfps, ARRAY_SIZE(gfps));
		for (o = 0; o < pageblock_order; o++)
			assert_int_equal(zone->free_area[o].nr_free, 0);
		for (pb = zone->zone_start_pfn; pb < zone_end_pfn(zone); pb += PB)
			claimed += page_migratetype(pb) != MIGRATE_MOVABLE;
		assert_true(claimed > 0);
		teardown(NULL);
		setup(NULL);
	}
}

/* ------------------------------------------------------------ counters */

/*
 *   node 0: Normal (one section)   node 1: Normal (one section)
 *   a few allocations of each type on both nodes
 * Expect nr_free_pages, nr_free_mt[] and free_area[].nr_free to equal
 * what the lists hold, node_free_pages() to sum a node's zones and
 * global_free_pages() to sum the nodes.
 */
static void
test_counters_equal_list_contents(void **state)
{
	static const gfp_t gfps[] = { GFP_KERNEL, __GFP_RECLAIMABLE, GFP_USER };
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	unsigned long pages = 0, mt_pages[MIGRATE_TYPES] = { 0 };
	unsigned int o, i;
	int mt;

	(void)state;
	add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	add_zone(1, ZONE_NORMAL, SEC_4G + 1, 1, 0);
	build_all_zonelists();
	give(section_nr_to_pfn(SEC_4G), section_nr_to_pfn(SEC_4G + 2));
	zero_watermarks();
	for (i = 0; i < 6; i++) {
		assert_non_null(alloc(0, gfps[i % 3], i % 3));
		assert_non_null(alloc(1, gfps[i % 3] | __GFP_THISNODE, 0));
	}

	for (o = 0; o < MAX_ORDER; o++) {
		unsigned long blocks = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long n = list_length(zone, o, mt);

			blocks += n;
			mt_pages[mt] += n << o;
		}
		assert_int_equal(zone->free_area[o].nr_free, blocks);
		pages += blocks << o;
	}
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		assert_int_equal(zone->nr_free_mt[mt], mt_pages[mt]);
	assert_int_equal(zone->nr_free_pages, pages);
	assert_int_equal(pages, PPS - (1 + 2 + 4) * 2);
	assert_int_equal(node_free_pages(0), pages);
	assert_int_equal(node_free_pages(1), PPS - 6);
	assert_int_equal(global_free_pages(), pages + PPS - 6);
	check_all();
}

/* ------------------------------------------------------------ migratetypes */

/*
 *   pageblock 0: Unmovable   pageblock 1: Reclaimable   the rest: Movable
 *   (types set before the pages are freed)
 * Expect GFP_KERNEL pages from pageblock 0, __GFP_RECLAIMABLE pages from
 * pageblock 1, GFP_USER pages from the others, and no pageblock to
 * change its type.
 */
static void
test_alloc_uses_lists_of_its_migratetype(void **state)
{
	struct page *k, *r, *u;
	unsigned long b, n = SECTIONS_FOR(3 * PB);

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, n, 0);
	set_pageblock_migratetype(b, MIGRATE_UNMOVABLE);
	set_pageblock_migratetype(b + PB, MIGRATE_RECLAIMABLE);
	build_all_zonelists();
	give(b, b + n * PPS);
	zero_watermarks();
	check_zone(zone_of(0, ZONE_NORMAL));

	k = alloc(0, GFP_KERNEL, 0);
	r = alloc(0, __GFP_RECLAIMABLE, 1);
	u = alloc(0, GFP_USER, 2);
	assert_true(k && r && u);
	assert_true(page_to_pfn(k) < b + PB);
	assert_true(page_to_pfn(r) >= b + PB && page_to_pfn(r) < b + 2 * PB);
	assert_true(page_to_pfn(u) >= b + 2 * PB);
	assert_int_equal(page_migratetype(b), MIGRATE_UNMOVABLE);
	assert_int_equal(page_migratetype(b + PB), MIGRATE_RECLAIMABLE);
	assert_int_equal(page_migratetype(b + 2 * PB), MIGRATE_MOVABLE);
	assert_int_equal(zone_of(0, ZONE_NORMAL)->nr_free_mt[MIGRATE_UNMOVABLE], PB - 1);
	check_zone(zone_of(0, ZONE_NORMAL));
}

/*
 *   Movable only: a free block of order TOP at B, and a lone free page
 *   at B + 2^TOP + 1; nothing Unmovable or Reclaimable is free
 *   GFP_KERNEL order 0
 * Expect the page to come from the TOP block (the largest), every
 * pageblock of that block to become Unmovable with the rest of it on the
 * Unmovable lists, and the lone page to stay Movable.
 */
static void
test_fallback_takes_largest_block_and_claims_its_pageblocks(void **state)
{
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	unsigned long b, pb, n = SECTIONS_FOR(2UL << TOP), top = 1UL << TOP;
	struct page *page;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, n, 0);
	build_all_zonelists();
	give(b, b + top);
	give(b + top + 1, b + top + 2);
	zero_watermarks();

	page = alloc(0, GFP_KERNEL, 0);
	assert_non_null(page);
	assert_true(page_to_pfn(page) >= b && page_to_pfn(page) < b + top);
	for (pb = b; pb < b + top; pb += PB)
		assert_int_equal(page_migratetype(pb), MIGRATE_UNMOVABLE);
	assert_int_equal(page_migratetype(b + top), MIGRATE_MOVABLE);
	assert_int_equal(zone->nr_free_mt[MIGRATE_UNMOVABLE], top - 1);
	assert_int_equal(zone->nr_free_mt[MIGRATE_MOVABLE], 1);
	check_zone(zone);
}

/*
 *   pageblock P: Unmovable, only P+0 free; nothing Movable is free
 *   GFP_USER order 0
 * Expect P+0, and P to stay Unmovable: a movable request borrowing a
 * small block claims nothing (its page can move out later).
 */
static void
test_movable_fallback_borrows_small_block_without_claiming(void **state)
{
	unsigned long p;
	struct page *page;

	(void)state;
	p = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	set_pageblock_migratetype(p, MIGRATE_UNMOVABLE);
	build_all_zonelists();
	give(p, p + 1);
	zero_watermarks();

	page = alloc(0, GFP_USER, 0);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), p);
	assert_int_equal(page_migratetype(p), MIGRATE_UNMOVABLE);
	assert_true(page_flag(page, PG_movable));
	check_zone(zone_of(0, ZONE_NORMAL));
}

/*
 *   pageblock P: Unmovable and entirely free; nothing Movable is free
 *   GFP_USER order 0
 * Expect P to become Movable and the rest of it to be on the Movable
 * lists: a big block changes hands.
 */
static void
test_movable_fallback_claims_whole_free_pageblock(void **state)
{
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	unsigned long p;

	(void)state;
	p = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	set_pageblock_migratetype(p, MIGRATE_UNMOVABLE);
	build_all_zonelists();
	give(p, p + PB);
	zero_watermarks();

	assert_non_null(alloc(0, GFP_USER, 0));
	assert_int_equal(page_migratetype(p), MIGRATE_MOVABLE);
	assert_int_equal(zone->nr_free_mt[MIGRATE_MOVABLE], PB - 1);
	assert_int_equal(zone->nr_free_mt[MIGRATE_UNMOVABLE], 0);
	check_zone(zone);
}

/*
 *   pageblock P: Movable, only P+0 and P+2 free (two order-0 blocks)
 *   GFP_KERNEL order 0
 * Expect P to become Unmovable, one of the pages allocated and the other
 * moved to the Unmovable list: unmovable pages gather in their own
 * pageblocks even when they borrow a small block.
 */
static void
test_unmovable_fallback_claims_pageblock_of_small_block(void **state)
{
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	unsigned long p;

	(void)state;
	p = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	build_all_zonelists();
	give(p, p + 1);
	give(p + 2, p + 3);
	zero_watermarks();

	assert_non_null(alloc(0, GFP_KERNEL, 0));
	assert_int_equal(page_migratetype(p), MIGRATE_UNMOVABLE);
	assert_int_equal(zone->nr_free_mt[MIGRATE_UNMOVABLE], 1);
	assert_int_equal(zone->nr_free_mt[MIGRATE_MOVABLE], 0);
	check_zone(zone);
}

/*
 *   pageblock 0: Isolate (set before the free), the rest Movable
 *   allocate every type, largest order first, until nothing is left
 * Expect no page from pageblock 0, all of it still free on the Isolate
 * lists as one block of pageblock_order, never merged with a neighbour.
 */
static void
test_isolated_pageblock_is_never_allocated_from(void **state)
{
	static const gfp_t gfps[] = { GFP_KERNEL, __GFP_RECLAIMABLE, GFP_USER };
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	unsigned long b, n = SECTIONS_FOR(2 * PB), got = 0;
	struct page *page;
	size_t g;
	int o;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, n, 0);
	set_pageblock_migratetype(b, MIGRATE_ISOLATE);
	build_all_zonelists();
	give(b, b + n * PPS);
	zero_watermarks();
	assert_int_equal(zone->nr_free_mt[MIGRATE_ISOLATE], PB);

	for (g = 0; g < ARRAY_SIZE(gfps); g++) {
		for (o = TOP; o >= 0; o--) {
			while ((page = alloc(0, gfps[g], o))) {
				assert_true(page_to_pfn(page) >= b + PB);
				got += 1UL << o;
			}
		}
	}
	assert_int_equal(got, n * PPS - PB);
	assert_int_equal(zone->nr_free_pages, PB);
	assert_int_equal(zone->nr_free_mt[MIGRATE_ISOLATE], PB);
	assert_int_equal(list_length(zone, pageblock_order, MIGRATE_ISOLATE), 1);
	assert_true(is_free_block(b, pageblock_order));
	check_zone(zone);
}

/*
 *   pageblock P: Isolate, all free     8 Movable pages free after it
 *   watermarks min = low = 4
 * Expect 4 allocations and then NULL: isolated pages cannot be
 * allocated, so they do not hold the zone above its watermark.
 */
static void
test_isolated_pages_do_not_count_for_watermarks(void **state)
{
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	unsigned long b, n = SECTIONS_FOR(2 * PB);
	int i;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, n, 0);
	set_pageblock_migratetype(b, MIGRATE_ISOLATE);
	build_all_zonelists();
	give(b, b + PB + 8);
	zero_watermarks();
	zone->watermark[WMARK_MIN] = zone->watermark[WMARK_LOW] = 4;

	for (i = 0; i < 4; i++)
		assert_non_null(alloc(0, GFP_USER, 0));
	assert_null(alloc(0, GFP_USER, 0));
	assert_int_equal(zone->nr_free_pages, PB + 4);
	check_zone(zone);
}

/* ------------------------------------------------------------ fallback policy */

/* Section A (fixed) then section B (SECTION_HOTPLUGGABLE), both Normal. */
static unsigned long
hotpluggable_machine(void)
{
	add_section(SEC_4G, 0, 0);
	add_section(SEC_4G + 1, 0, SECTION_HOTPLUGGABLE);
	zone_init_range(0, ZONE_NORMAL, section_nr_to_pfn(SEC_4G), section_nr_to_pfn(SEC_4G + 2));
	build_all_zonelists();
	give(section_nr_to_pfn(SEC_4G), section_nr_to_pfn(SEC_4G + 2));
	zero_watermarks();
	return section_nr_to_pfn(SEC_4G + 1);
}

/*
 *   | A: fixed, Movable | B: SECTION_HOTPLUGGABLE, Movable |
 *   page_alloc.fallback=protect-movable; GFP_KERNEL order TOP until NULL
 * Expect every block from A, then NULL while B is still all free; a
 * GFP_USER request still gets B's pages (paper section 5.5).
 */
static void
test_protect_movable_keeps_unmovable_out_of_hotpluggable_section(void **state)
{
	unsigned long b_start, got = 0;
	struct page *page;

	(void)state;
	b_start = hotpluggable_machine();
	assert_int_equal(set_param("page_alloc.fallback", "protect-movable"), 0);
	assert_int_equal(fallback_policy, FALLBACK_PROTECT_MOVABLE);

	while ((page = alloc(0, GFP_KERNEL, TOP))) {
		assert_true(page_to_pfn(page) < b_start);
		got += 1UL << TOP;
	}
	assert_int_equal(got, PPS);
	assert_null(alloc(0, __GFP_RECLAIMABLE, 0));
	assert_int_equal(zone_of(0, ZONE_NORMAL)->nr_free_pages, PPS);
	page = alloc(0, GFP_USER, 0);
	assert_non_null(page);
	assert_true(page_to_pfn(page) >= b_start);
	check_zone(zone_of(0, ZONE_NORMAL));
}

/*
 *   the same machine, page_alloc.fallback=normal (the default)
 * Expect GFP_KERNEL to go on into B once A is used up: every free page
 * is usable.
 */
static void
test_normal_fallback_lets_unmovable_into_hotpluggable_section(void **state)
{
	unsigned long b_start, in_b = 0;
	struct page *page;

	(void)state;
	b_start = hotpluggable_machine();
	assert_int_equal(set_param("page_alloc.fallback", "normal"), 0);
	while ((page = alloc(0, GFP_KERNEL, TOP)))
		in_b += page_to_pfn(page) >= b_start;
	assert_int_equal(in_b, PPS >> TOP);
	assert_int_equal(zone_of(0, ZONE_NORMAL)->nr_free_pages, 0);
	check_zone(zone_of(0, ZONE_NORMAL));
}

/*
 *   page_alloc.fallback=sometimes, page_alloc.fallback (no value)
 * Expect -EINVAL for both and the policy unchanged.
 */
static void
test_fallback_param_refuses_unknown_values(void **state)
{
	(void)state;
	assert_int_equal(set_param("page_alloc.fallback", "protect-movable"), 0);
	assert_int_equal(set_param("page_alloc.fallback", "sometimes"), -EINVAL);
	assert_int_equal(set_param("page_alloc.fallback", NULL), -EINVAL);
	assert_int_equal(fallback_policy, FALLBACK_PROTECT_MOVABLE);
}

/* ------------------------------------------------------------ zones and nodes */

/*
 *   section 0        DMA [0, 16 MiB), DMA32 [16 MiB, section end)
 *   section 3.5 GiB  DMA32
 *   section 4 GiB    Normal
 *   next section     Movable
 * Expect GFP_DMA from DMA, GFP_DMA32 from DMA32, GFP_KERNEL from Normal,
 * GFP_USER from Movable; and once Normal is used up GFP_KERNEL goes to
 * DMA32, never to Movable.
 */
static void
test_gfp_zone_modifiers_choose_the_zone(void **state)
{
	unsigned long dma_end = PHYS_PFN(16ULL << 20), g4 = PHYS_PFN(4ULL << 30);
	unsigned long mov = section_nr_to_pfn(SEC_4G + 1);
	struct page *page;
	int o;

	(void)state;
	add_section(0, 0, 0);
	add_section(SEC_3_5G, 0, 0);
	add_section(SEC_4G, 0, 0);
	add_ram(0, 0, PPS);
	add_ram(0, section_nr_to_pfn(SEC_3_5G), section_nr_to_pfn(SEC_3_5G) + PPS);
	add_ram(0, g4, g4 + PPS);
	add_zone(0, ZONE_MOVABLE, SEC_4G + 1, 1, 0);
	build_all_zonelists();
	give(0, PPS);
	give(section_nr_to_pfn(SEC_3_5G), section_nr_to_pfn(SEC_3_5G) + PPS);
	give(g4, mov + PPS);
	zero_watermarks();
	assert_int_equal(zone_of(0, ZONE_DMA)->spanned_pages, MIN(dma_end, PPS));

	page = alloc(0, GFP_DMA, 0);
	assert_true(page && page_to_pfn(page) < dma_end);
	page = alloc(0, GFP_DMA32, 0);
	assert_true(page && page_to_pfn(page) >= dma_end && page_to_pfn(page) < g4);
	page = alloc(0, GFP_KERNEL, 0);
	assert_true(page && page_to_pfn(page) >= g4 && page_to_pfn(page) < mov);
	page = alloc(0, GFP_USER, 0);
	assert_true(page && page_to_pfn(page) >= mov);

	for (o = TOP; o >= 0; o--)
		while (zone_has_block(zone_of(0, ZONE_NORMAL), o))
			assert_ptr_equal(alloc_zone(0, GFP_KERNEL, o), zone_of(0, ZONE_NORMAL));
	page = alloc(0, GFP_KERNEL, 0);
	assert_true(page && page_to_pfn(page) >= dma_end && page_to_pfn(page) < g4);
	assert_int_equal(zone_of(0, ZONE_MOVABLE)->nr_free_pages, PPS - 1);
	check_all();
}

/*
 *   node 0: DMA32 (3.5 GiB) + Normal (4 GiB)   node 1: Normal   node 2: Normal
 *   SLIT: 0 <-> 1 = 30, 0 <-> 2 = 15; 1 <-> 2 not given (20)
 * Expect zonelists 0: Normal0 DMA32_0 Normal2 Normal1 and 1: Normal1
 * Normal2 Normal0 DMA32_0; once node 0 is used up, GFP_KERNEL goes to
 * node 2 while GFP_KERNEL | __GFP_THISNODE gets NULL.
 */
static void
test_zonelist_orders_nodes_by_distance_and_thisnode_stays_home(void **state)
{
	struct zone *expect0[] = { zone_of(0, ZONE_NORMAL), zone_of(0, ZONE_DMA32),
				   zone_of(2, ZONE_NORMAL), zone_of(1, ZONE_NORMAL), NULL };
	struct zone *expect1[] = { zone_of(1, ZONE_NORMAL), zone_of(2, ZONE_NORMAL),
				   zone_of(0, ZONE_NORMAL), zone_of(0, ZONE_DMA32), NULL };
	struct page *page;
	size_t i;

	(void)state;
	add_zone(0, ZONE_DMA32, SEC_3_5G, 1, 0);
	add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	add_zone(1, ZONE_NORMAL, SEC_4G + 1, 1, 0);
	add_zone(2, ZONE_NORMAL, SEC_4G + 2, 1, 0);
	node_distance_table[0][1] = node_distance_table[1][0] = 30;
	node_distance_table[0][2] = node_distance_table[2][0] = 15;
	build_all_zonelists();
	for (i = 0; i < ARRAY_SIZE(expect0); i++) {
		assert_ptr_equal(NODE_DATA(0)->zonelist[i], expect0[i]);
		assert_ptr_equal(NODE_DATA(1)->zonelist[i], expect1[i]);
	}
	assert_int_equal(node_distance(1, 2), REMOTE_DISTANCE);
	assert_int_equal(node_distance(2, 2), LOCAL_DISTANCE);

	give(section_nr_to_pfn(SEC_3_5G), section_nr_to_pfn(SEC_3_5G) + PPS);
	give(section_nr_to_pfn(SEC_4G), section_nr_to_pfn(SEC_4G + 3));
	zero_watermarks();
	for (i = 0; i < 2 * (PPS >> TOP); i++) {
		page = alloc(0, GFP_KERNEL | __GFP_THISNODE, TOP);
		assert_true(page && page_to_nid(page) == 0);
	}
	assert_null(alloc(0, GFP_KERNEL | __GFP_THISNODE, 0));
	page = alloc(0, GFP_KERNEL, 0);
	assert_true(page && page_to_nid(page) == 2);
	page = alloc(NUMA_NO_NODE, GFP_KERNEL, 0);	/* node 0 is the CPU's */
	assert_true(page && page_to_nid(page) == 2);
	check_all();
}

/*
 *   Normal: 16 free pages, min 2, low 16     DMA32: 16 free pages, min 0, low 13
 *   GFP_KERNEL order 0, one page at a time
 * Expect 3 pages from DMA32 (first pass: only zones staying above low),
 * then 14 from Normal and 13 from DMA32 (second pass: down to min), then
 * NULL: no reclaim exists.
 */
static void
test_watermarks_low_first_then_min_then_null(void **state)
{
	struct zone *normal = zone_of(0, ZONE_NORMAL), *dma32 = zone_of(0, ZONE_DMA32);
	unsigned long b, c;
	int i;

	(void)state;
	c = add_zone(0, ZONE_DMA32, SEC_3_5G, 1, 0);
	b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	build_all_zonelists();
	give(b, b + 16);
	give(c, c + 16);
	zero_watermarks();
	normal->watermark[WMARK_MIN] = 2;
	normal->watermark[WMARK_LOW] = 16;
	dma32->watermark[WMARK_LOW] = 13;

	for (i = 0; i < 3; i++)
		assert_ptr_equal(alloc_zone(0, GFP_KERNEL, 0), dma32);
	for (i = 0; i < 14; i++)
		assert_ptr_equal(alloc_zone(0, GFP_KERNEL, 0), normal);
	for (i = 0; i < 13; i++)
		assert_ptr_equal(alloc_zone(0, GFP_KERNEL, 0), dma32);
	assert_null(alloc(0, GFP_KERNEL, 0));
	assert_int_equal(normal->nr_free_pages, 2);
	assert_int_equal(dma32->nr_free_pages, 0);
	check_all();
}

/* The largest r with r * r <= x, the slow way. */
static unsigned long
slow_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/*
 *   node 0: DMA32 one section, Normal three sections, Movable one section
 * Expect min_free_kbytes = sqrt(16 * lowmem KiB) shared 1:3 between DMA32
 * and Normal, Movable min = clamp(managed / 1024, 32, 128), low = min *
 * 5/4 and high = min * 3/2; and with only 16 pages of lowmem, the
 * 128 KiB floor.
 */
static void
test_setup_watermarks_follows_linux_rule(void **state)
{
	struct zone *dma32 = zone_of(0, ZONE_DMA32), *normal = zone_of(0, ZONE_NORMAL);
	struct zone *movable = zone_of(0, ZONE_MOVABLE);
	unsigned long kb_per_page = PAGE_SIZE >> 10, min_kb, min_pages;

	(void)state;
	add_zone(0, ZONE_DMA32, SEC_3_5G, 1, 0);
	add_zone(0, ZONE_NORMAL, SEC_4G, 3, 0);
	add_zone(0, ZONE_MOVABLE, SEC_4G + 3, 1, 0);
	build_all_zonelists();
	give(section_nr_to_pfn(SEC_3_5G), section_nr_to_pfn(SEC_3_5G + 1));
	give(section_nr_to_pfn(SEC_4G), section_nr_to_pfn(SEC_4G + 4));
	setup_watermarks();
	assert_true(fake_cpu_idle());

	min_kb = slow_sqrt(16 * 4 * PPS * kb_per_page);
	min_kb = MIN(MAX(min_kb, 128UL), 65536UL);
	min_pages = min_kb / kb_per_page;
	assert_int_equal(dma32->watermark[WMARK_MIN], min_pages * PPS / (4 * PPS));
	assert_int_equal(normal->watermark[WMARK_MIN], min_pages * 3 * PPS / (4 * PPS));
	assert_int_equal(normal->watermark[WMARK_LOW], normal->watermark[WMARK_MIN] * 5 / 4);
	assert_int_equal(normal->watermark[WMARK_HIGH], normal->watermark[WMARK_MIN] * 3 / 2);
	assert_int_equal(movable->watermark[WMARK_MIN], MIN(MAX(PPS / 1024, 32UL), 128UL));

	teardown(NULL);
	setup(NULL);
	add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	build_all_zonelists();
	give(section_nr_to_pfn(SEC_4G), section_nr_to_pfn(SEC_4G) + 16);
	setup_watermarks();
	assert_int_equal(zone_of(0, ZONE_NORMAL)->watermark[WMARK_MIN], 128 / kb_per_page);
}

/*
 *   node 1, Normal: zone_init_range([B + PB, B + 2 PB)), then [B, B + PB/2)
 * Expect the span to grow to [B, B + 2 PB) with both ranges present,
 * every page reserved with refcount 1 and links (node 1, Normal, its
 * section), pageblock heads Movable, and the node's span and present
 * count to follow.
 */
static void
test_zone_init_range_grows_span_and_initialises_memmap(void **state)
{
	struct zone *zone = zone_of(1, ZONE_NORMAL);
	unsigned long b, n = SECTIONS_FOR(2 * PB), pfn;

	(void)state;
	for (pfn = 0; pfn < n; pfn++)
		add_section(SEC_4G + pfn, 1, 0);
	b = section_nr_to_pfn(SEC_4G);
	zone_init_range(1, ZONE_NORMAL, b + PB, b + 2 * PB);
	assert_int_equal(zone->zone_start_pfn, b + PB);
	zone_init_range(1, ZONE_NORMAL, b, b + PB / 2);
	assert_int_equal(zone->zone_start_pfn, b);
	assert_int_equal(zone->spanned_pages, 2 * PB);
	assert_int_equal(zone->present_pages, PB + PB / 2);
	assert_string_equal(zone->name, "Normal");
	assert_ptr_equal(zone->zone_pgdat, NODE_DATA(1));
	assert_true(NODE_DATA(1)->online);
	assert_false(NODE_DATA(0)->online);
	assert_int_equal(NODE_DATA(1)->node_start_pfn, b);
	assert_int_equal(NODE_DATA(1)->node_spanned_pages, 2 * PB);
	assert_int_equal(NODE_DATA(1)->node_present_pages, PB + PB / 2);

	for (pfn = b + PB; pfn < b + 2 * PB; pfn++) {
		struct page *p = pfn_to_page(pfn);

		assert_true(page_flag(p, PG_reserved));
		assert_int_equal(p->refcount, 1);
		assert_int_equal(page_to_nid(p), 1);
		assert_int_equal(page_zonenum(p), ZONE_NORMAL);
		assert_int_equal(page_to_section_nr(p), pfn_to_section_nr(pfn));
	}
	assert_int_equal(page_migratetype(b), MIGRATE_MOVABLE);
	assert_int_equal(page_migratetype(b + PB), MIGRATE_MOVABLE);
	assert_int_equal(numa_node_id(), 1);
}

/*
 *   pfns just below and at 16 MiB and 4 GiB
 * Expect DMA below 16 MiB, DMA32 below 4 GiB, Normal from 4 GiB.
 */
static void
test_zone_for_pfn_cuts_at_16m_and_4g(void **state)
{
	unsigned long m16 = PHYS_PFN(16ULL << 20), g4 = PHYS_PFN(4ULL << 30);

	(void)state;
	assert_int_equal(zone_for_pfn(0), ZONE_DMA);
	assert_int_equal(zone_for_pfn(m16 - 1), ZONE_DMA);
	assert_int_equal(zone_for_pfn(m16), ZONE_DMA32);
	assert_int_equal(zone_for_pfn(g4 - 1), ZONE_DMA32);
	assert_int_equal(zone_for_pfn(g4), ZONE_NORMAL);
}

/*
 *   sections S and S + 2 have a memmap, S + 1 does not
 *   zone_init_range and free_boot_pages over [S, S + 3)
 * Expect S + 1 skipped: 2 sections present, managed and free, in blocks
 * of order TOP, over a span of 3 sections.
 */
static void
test_free_boot_pages_skips_missing_section(void **state)
{
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	unsigned long s = section_nr_to_pfn(SEC_4G);

	(void)state;
	add_section(SEC_4G, 0, 0);
	add_section(SEC_4G + 2, 0, 0);
	zone_init_range(0, ZONE_NORMAL, s, s + 3 * PPS);
	build_all_zonelists();
	give(s, s + 3 * PPS);
	assert_int_equal(zone->spanned_pages, 3 * PPS);
	assert_int_equal(zone->present_pages, 2 * PPS);
	assert_int_equal(zone->managed_pages, 2 * PPS);
	assert_int_equal(zone->nr_free_pages, 2 * PPS);
	assert_int_equal(zone->free_area[TOP].nr_free, 2 * PPS >> TOP);
	check_zone(zone);
}

/* ------------------------------------------------------------ page states */

/*
 *   alloc order 2 GFP_USER, order 0 GFP_KERNEL, order MAX_ORDER; free
 * Expect allocated heads as in mm.h's table (refcount 1, private =
 * order, PG_head only above order 0, PG_movable only for GFP_USER, no
 * PG_buddy), NULL for an order too big, and plain free pages after the
 * free.
 */
static void
test_allocated_head_state_follows_page_table(void **state)
{
	struct page *u, *k;
	unsigned long b;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	build_all_zonelists();
	give(b, b + PPS);
	zero_watermarks();

	u = alloc(0, GFP_USER, 2);
	k = alloc(0, GFP_KERNEL, 0);
	assert_true(u && k);
	assert_null(alloc(0, GFP_KERNEL, MAX_ORDER));
	assert_int_equal(u->refcount, 1);
	assert_int_equal(u->private, 2);
	assert_true(page_flag(u, PG_head) && page_flag(u, PG_movable));
	assert_false(page_flag(u, PG_buddy) || page_flag(u, PG_reserved));
	assert_int_equal(k->refcount, 1);
	assert_int_equal(k->private, 0);
	assert_false(page_flag(k, PG_head) || page_flag(k, PG_movable));

	release(u, 2);
	release(k, 0);
	assert_int_equal(u->refcount, 0);
	assert_false(page_flag(u, PG_head) || page_flag(u, PG_movable));
	assert_int_equal(zone_of(0, ZONE_NORMAL)->nr_free_pages, PPS);
	check_zone(zone_of(0, ZONE_NORMAL));
}

/*
 *   fake RAM over the zone's first 8 pages, filled with 0xaa
 *   alloc order 1 with __GFP_ZERO, then order 0 without
 * Expect the two pages of the first block zeroed through page_address()
 * and every other byte untouched.
 */
static void
test_gfp_zero_clears_the_pages(void **state)
{
	size_t size = 8 * PAGE_SIZE, i;
	struct page *z, *nz;
	unsigned long b;
	u8 *ram;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	build_all_zonelists();
	give(b, b + 8);
	zero_watermarks();
	ram = malloc(size);
	assert_non_null(ram);
	memset(ram, 0xaa, size);
	fake_ram_map(PFN_PHYS(b), ram, size);

	z = alloc(0, GFP_KERNEL | __GFP_ZERO, 1);
	nz = alloc(0, GFP_KERNEL, 0);
	assert_true(z && nz);
	assert_int_equal(page_to_pfn(z), b);
	assert_ptr_equal(page_address(z), ram);
	for (i = 0; i < size; i++)
		assert_int_equal(ram[i], i < 2 * PAGE_SIZE ? 0 : 0xaa);
	fake_ram_map(0, NULL, 0);
	free(ram);
}

/*
 *   p = alloc order 1;  free_pages(p, 0);  a second reference;
 *   free_pages(p, 1) twice;  free_pages(p, 1) once more
 * Expect a panic naming both orders, the first good free to only drop
 * the extra reference, the second to free, and a panic for the double
 * free.
 */
static void
test_free_pages_panics_on_wrong_order_or_double_free(void **state)
{
	struct zone *zone = zone_of(0, ZONE_NORMAL);
	struct page *p;
	unsigned long b;

	(void)state;
	b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	build_all_zonelists();
	give(b, b + PPS);
	zero_watermarks();
	p = alloc(0, GFP_KERNEL, 1);
	assert_non_null(p);

	expect_assert_failure(free_pages(p, 0));
	assert_non_null(strstr(fake_panic_msg, "freed as order 0, allocated as order 1"));
	p->refcount++;
	release(p, 1);
	assert_int_equal(zone->nr_free_pages, PPS - 2);
	release(p, 1);
	assert_int_equal(zone->nr_free_pages, PPS);
	expect_assert_failure(free_pages(p, 1));
	assert_non_null(strstr(fake_panic_msg, "not allocated"));
	assert_true(fake_cpu_idle());
	check_zone(zone);
}

/*
 *   arch_irq_restore() with no arch_irq_save() before it
 * Expect the fake CPU to panic: it checks its callers, so a lock
 * released twice in page_alloc.c would fail a test.
 */
static void
test_fake_cpu_catches_unbalanced_restore(void **state)
{
	bool was;

	(void)state;
	expect_assert_failure(arch_irq_restore(true));
	assert_non_null(strstr(fake_panic_msg, "without arch_irq_save"));
	fake_cpu_reset();
	was = arch_irq_save();
	(void)arch_irq_save();
	expect_assert_failure(arch_irq_restore(was));	/* inner pair restores "on" */
	fake_cpu_reset();
}

/* ------------------------------------------------------------ the checker */

/* A zone with one free block of order 3 at B (the rest reserved). */
static struct zone *
checker_machine(unsigned long *b)
{
	*b = add_zone(0, ZONE_NORMAL, SEC_4G, 1, 0);
	build_all_zonelists();
	give(*b, *b + 8);
	check_zone(zone_of(0, ZONE_NORMAL));
	return zone_of(0, ZONE_NORMAL);
}

static void
expect_violation(struct zone *zone, const char *what)
{
	char msg[256];

	assert_int_equal(buddy_check_zone(zone, msg, sizeof(msg)), -EINVAL);
	if (!strstr(msg, what))
		fail_msg("expected \"%s\" in \"%s\"", what, msg);
	assert_true(fake_cpu_idle());
}

/*
 *   the order-3 block at B moved to the order-2 list by hand
 *   (counters adjusted as if it were right)
 * Expect "pfn 0x...: PG_buddy order 3 on list for order 2".
 */
static void
test_checker_reports_block_on_wrong_order_list(void **state)
{
	struct page *head;
	struct zone *zone;
	unsigned long b;
	char what[80];

	(void)state;
	zone = checker_machine(&b);
	head = pfn_to_page(b);
	list_del(&head->lru);
	list_add(&head->lru, &zone->free_area[2].free_list[MIGRATE_MOVABLE]);
	zone->free_area[3].nr_free--;
	zone->free_area[2].nr_free++;
	snprintf(what, sizeof(what), "pfn 0x%lx: PG_buddy order 3 on list for order 2", b);
	expect_violation(zone, what);
}

/*
 *   the order-3 block at B split by hand into two listed order-2 halves
 * Expect "free buddies of order 2 not merged".
 */
static void
test_checker_reports_unmerged_buddies(void **state)
{
	struct page *lo, *hi;
	struct zone *zone;
	unsigned long b;

	(void)state;
	zone = checker_machine(&b);
	lo = pfn_to_page(b);
	hi = pfn_to_page(b + 4);
	list_del(&lo->lru);
	zone->free_area[3].nr_free--;
	lo->private = 2;
	set_page_flag(hi, PG_buddy);
	hi->private = 2;
	list_add(&lo->lru, &zone->free_area[2].free_list[MIGRATE_MOVABLE]);
	list_add(&hi->lru, &zone->free_area[2].free_list[MIGRATE_MOVABLE]);
	zone->free_area[2].nr_free += 2;
	expect_violation(zone, "free buddies of order 2 not merged");
}

/*
 *   nr_free_pages one too high; then nr_free_mt[Movable] one too high
 * Expect each counter named with its value and what the lists hold.
 */
static void
test_checker_reports_counter_drift(void **state)
{
	struct zone *zone;
	unsigned long b;

	(void)state;
	zone = checker_machine(&b);
	zone->nr_free_pages++;
	expect_violation(zone, "nr_free_pages is 9, 8 pages listed");
	zone->nr_free_pages--;
	zone->nr_free_mt[MIGRATE_MOVABLE]++;
	expect_violation(zone, "nr_free_mt[Movable] is 9, 8 pages listed");
}

/*
 *   PG_buddy set by hand on an allocated page at B + 8, listed nowhere
 * Expect "pfn ...: PG_buddy order 0 but not on a free list".
 */
static void
test_checker_reports_free_head_missing_from_lists(void **state)
{
	struct zone *zone;
	struct page *p;
	unsigned long b;
	char what[80];

	(void)state;
	zone = checker_machine(&b);
	p = pfn_to_page(b + 8);
	clear_page_flag(p, PG_reserved);
	p->refcount = 0;
	set_page_flag(p, PG_buddy);
	snprintf(what, sizeof(what), "pfn 0x%lx: PG_buddy order 0 but not on a free list", b + 8);
	expect_violation(zone, what);
}

/*
 *   the order-3 block at B also linked into the order-4 list (without
 *   leaving its own): listed twice
 * Expect the broken links of the order-3 list to be reported.
 */
static void
test_checker_reports_page_on_two_lists(void **state)
{
	struct zone *zone;
	struct page *head;
	unsigned long b;

	(void)state;
	zone = checker_machine(&b);
	head = pfn_to_page(b);
	list_add(&head->lru, &zone->free_area[4].free_list[MIGRATE_MOVABLE]);
	expect_violation(zone, "order 3 Movable list: links broken");
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_free_merges_like_the_paper_example),
		T(test_alloc_splits_block_and_lists_upper_halves),
		T(test_split_page_frees_page_by_page),
		T(test_free_does_not_merge_across_reserved_page_or_hole),
		T(test_free_does_not_merge_across_zone_boundary),
		T(test_random_alloc_free_merges_back_to_top_order),
		T(test_random_mixed_types_keep_invariants),
		T(test_counters_equal_list_contents),
		T(test_alloc_uses_lists_of_its_migratetype),
		T(test_fallback_takes_largest_block_and_claims_its_pageblocks),
		T(test_movable_fallback_borrows_small_block_without_claiming),
		T(test_movable_fallback_claims_whole_free_pageblock),
		T(test_unmovable_fallback_claims_pageblock_of_small_block),
		T(test_isolated_pageblock_is_never_allocated_from),
		T(test_isolated_pages_do_not_count_for_watermarks),
		T(test_protect_movable_keeps_unmovable_out_of_hotpluggable_section),
		T(test_normal_fallback_lets_unmovable_into_hotpluggable_section),
		T(test_fallback_param_refuses_unknown_values),
		T(test_gfp_zone_modifiers_choose_the_zone),
		T(test_zonelist_orders_nodes_by_distance_and_thisnode_stays_home),
		T(test_watermarks_low_first_then_min_then_null),
		T(test_setup_watermarks_follows_linux_rule),
		T(test_zone_init_range_grows_span_and_initialises_memmap),
		T(test_zone_for_pfn_cuts_at_16m_and_4g),
		T(test_free_boot_pages_skips_missing_section),
		T(test_allocated_head_state_follows_page_table),
		T(test_gfp_zero_clears_the_pages),
		T(test_free_pages_panics_on_wrong_order_or_double_free),
		T(test_fake_cpu_catches_unbalanced_restore),
		T(test_checker_reports_block_on_wrong_order_list),
		T(test_checker_reports_unmerged_buddies),
		T(test_checker_reports_counter_drift),
		T(test_checker_reports_free_head_missing_from_lists),
		T(test_checker_reports_page_on_two_lists),
	};
#undef T

	return cmocka_run_group_tests_name("mm/page_alloc", tests, NULL, NULL);
}
