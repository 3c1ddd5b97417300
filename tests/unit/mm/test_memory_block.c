/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_memory_block.c - host tests for mm/memory_block.c,
 * mm/page_isolation.c and the zone shrinking in mm/node.c: zone rules,
 * online and offline with exact counters, refusals that change nothing,
 * the undo of isolation, memory-less nodes, the error injector and the
 * memoryN/ files.
 *
 * The fake machine (sizes in memory blocks, so it holds for x86_64, ppc64
 * and ia64):
 *
 *   node 0: block 0            boot, DMA + DMA32 (zone -1: "none")
 *           block B4G          boot, Normal, first pageblock reserved
 *           blocks B4G+1..+3   hot-added, offline (memmaps from the heap)
 *   node 1: block B4G+8        hot-added, offline; node 1 memory-less
 *
 * The test provides kmalloc (the C heap), the mutex, ktime_ns() and
 * task_sleep_ms() (a clock that only the offline retries move).
 *
 * Course text: docs/09-hot-remove.md.
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
#include "kernel/kernel.h"
#include "kernel/pseudofs.h"
#include "kernel/task.h"
#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "fake_printk.h"

#define PPB		PAGES_PER_BLOCK
#define PB		pageblock_nr_pages
#define B4G		pfn_to_block_id(PHYS_PFN(4ULL << 30))
#define B_HOT(k)	(B4G + (k))		/* k = 1, 2, 3 */
#define B_N1		(B4G + 8)

/* ------------------------------------------------------------ the fake kernel */

static u64 now_ns;
static u64 sleep_step_ms;	/* how far one task_sleep_ms() moves the clock; 0: as asked */
static void (*on_sleep)(void);	/* a test's look at the world while offline sleeps */
static int sleeps;

u64
ktime_ns(void)
{
	return now_ns;
}

void
task_sleep_ms(u64 ms)
{
	sleeps++;
	now_ns += (sleep_step_ms ? sleep_step_ms : ms) * 1000000ULL;
	if (on_sleep)
		on_sleep();
}

static int lock_depth;

void
mutex_lock(struct mutex *m)
{
	assert_int_equal(lock_depth, 0);
	lock_depth++;
	m->owner = (struct task *)m;
}

void
mutex_unlock(struct mutex *m)
{
	assert_int_equal(lock_depth, 1);
	lock_depth--;
	m->owner = NULL;
}

bool
mutex_held(const struct mutex *m)
{
	return m->owner != NULL;
}

void *
kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return malloc(size);
}

void *
kzalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return calloc(1, size);
}

void
kfree(const void *p)
{
	free((void *)p);
}

/* ------------------------------------------------------------ the fake machine */

#define MAX_FAKE_SECTIONS	(SECTIONS_PER_BLOCK * 8)

static struct {
	unsigned long nr[MAX_FAKE_SECTIONS];
	int count;
} machine;

static void *
leaf_calloc(size_t size)
{
	return calloc(1, size);
}

/* Give every section of block ID a heap memmap on node NID. */
static void
add_block_sections(unsigned long id, int nid, unsigned long flags)
{
	unsigned long first = pfn_to_section_nr(block_id_to_pfn(id)), i;

	for (i = 0; i < SECTIONS_PER_BLOCK; i++) {
		struct page *memmap = aligned_alloc(64, memmap_size_bytes());

		assert_non_null(memmap);
		assert_true((unsigned long)machine.count < MAX_FAKE_SECTIONS);
		assert_int_equal(sparse_init_section(first + i, nid, memmap,
						     SECTION_MARKED_PRESENT | flags), 0);
		machine.nr[machine.count++] = first + i;
	}
}

static void
create_block(unsigned long id, int nid, bool early, unsigned long nr_vmemmap)
{
	mutex_lock(&mem_hotplug_lock);
	assert_int_equal(memory_block_create_locked(id, nid, early, NULL, nr_vmemmap), 0);
	mutex_unlock(&mem_hotplug_lock);
}

static int
setup(void **state)
{
	unsigned long b0 = block_id_to_pfn(0), b4 = block_id_to_pfn(B4G);
	unsigned long dma_end = PHYS_PFN(16ULL << 20);

	(void)state;
	sparse_set_allocator(leaf_calloc);
	memset(node_data, 0, sizeof(node_data));
	memset(node_distance_table, 0, sizeof(node_distance_table));
	movable_node_enabled = false;
	fake_cpu_reset();
	fake_ram_map(0, NULL, 0);
	fake_printk_clear();
	now_ns = 0;
	sleep_step_ms = 0;
	on_sleep = NULL;
	sleeps = 0;

	/* Boot: block 0 (DMA, DMA32), block B4G (Normal), as mm_init_late(). */
	add_block_sections(0, 0, SECTION_IS_EARLY | SECTION_IS_ONLINE);
	add_block_sections(B4G, 0, SECTION_IS_EARLY | SECTION_IS_ONLINE);
	zone_init_range(0, ZONE_DMA, b0 + 1, dma_end);	/* pfn 0 is not RAM */
	zone_init_range(0, ZONE_DMA32, dma_end, b0 + PPB);
	zone_init_range(0, ZONE_NORMAL, b4, b4 + PPB);
	node_set_online(1);				/* CPU-only so far */
	build_all_zonelists();
	free_boot_pages(b0 + 1, b0 + PPB);
	free_boot_pages(b4 + PB, b4 + PPB);		/* pageblock 0: "the kernel" */
	setup_watermarks();
	create_block(B4G, 0, true, 0);
	create_block(0, 0, true, 0);

	/* Hot-added, offline, as add_memory() leaves them. */
	for (unsigned long k = 1; k <= 3; k++) {
		add_block_sections(B_HOT(k), 0, SECTION_HOTPLUGGABLE);
		create_block(B_HOT(k), 0, false, 0);
	}
	add_block_sections(B_N1, 1, SECTION_HOTPLUGGABLE);
	create_block(B_N1, 1, false, 0);
	fake_printk_clear();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	memory_block_reset();
	for (int i = 0; i < machine.count; i++)
		free(sparse_remove_section(machine.nr[i]));
	machine.count = 0;
	memset(node_data, 0, sizeof(node_data));
	fake_cpu_reset();
	assert_int_equal(lock_depth, 0);
	return 0;
}

/* ------------------------------------------------------------ helpers */

static struct zone *
zone_of(int nid, enum zone_type zid)
{
	return &NODE_DATA(nid)->node_zones[zid];
}

static void
check_all(void)
{
	char msg[256];

	assert_true(fake_cpu_idle());
	if (buddy_check_all(msg, sizeof(msg)))
		fail_msg("buddy_check_all: %s", msg);
}

static int
online(unsigned long id, enum mhp_online_type type)
{
	int err = online_memory_block(id, type);

	check_all();
	return err;
}

static int
offline(unsigned long id)
{
	int err = offline_memory_block(id);

	check_all();
	return err;
}

/* Every counter the tests compare, of every zone and node. */
struct counters {
	struct {
		unsigned long start, spanned, present, managed, nr_free;
		unsigned long nr_free_mt[MIGRATE_TYPES];
		unsigned long order_free[MAX_ORDER];
	} zone[2][MAX_NR_ZONES];
	struct {
		unsigned long start, spanned, present;
	} node[2];
	unsigned long mem_total;	/* managed pages, as /proc/meminfo */
};

static void
snapshot(struct counters *c)
{
	memset(c, 0, sizeof(*c));
	for (int nid = 0; nid < 2; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			c->zone[nid][z].start = zone->zone_start_pfn;
			c->zone[nid][z].spanned = zone->spanned_pages;
			c->zone[nid][z].present = zone->present_pages;
			c->zone[nid][z].managed = zone->managed_pages;
			c->zone[nid][z].nr_free = zone->nr_free_pages;
			memcpy(c->zone[nid][z].nr_free_mt, zone->nr_free_mt,
			       sizeof(zone->nr_free_mt));
			for (int o = 0; o < MAX_ORDER; o++)
				c->zone[nid][z].order_free[o] =
					zone_is_empty(zone) ? 0 : zone->free_area[o].nr_free;
			c->mem_total += zone->managed_pages;
		}
		c->node[nid].start = pgdat->node_start_pfn;
		c->node[nid].spanned = pgdat->node_spanned_pages;
		c->node[nid].present = pgdat->node_present_pages;
	}
}

static void
assert_counters_equal(const struct counters *a, const struct counters *b)
{
	assert_memory_equal(a, b, sizeof(*a));
}

static bool
in_zonelist(int nid, const struct zone *zone)
{
	for (struct zone **zp = NODE_DATA(nid)->zonelist; *zp; zp++)
		if (*zp == zone)
			return true;
	return false;
}

static void
read_file(const char *path, char *out, size_t size)
{
	char buf[256];
	struct seq s;

	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read(path, &s), 0);
	snprintf(out, size, "%s", buf);
}

static void
block_path(char *out, size_t size, unsigned long id, const char *file)
{
	snprintf(out, size, "/sys/devices/system/memory/memory%lu/%s", id, file);
}

static void
assert_block_file(unsigned long id, const char *file, const char *expect)
{
	char path[128], text[256];

	block_path(path, sizeof(path), id, file);
	read_file(path, text, sizeof(text));
	assert_string_equal(text, expect);
}

static int
write_block_file(unsigned long id, const char *file, const char *text)
{
	char path[128];
	int err;

	block_path(path, sizeof(path), id, file);
	err = pseudofs_write(path, text);
	check_all();
	return err;
}

static struct page *
alloc_in_block(int nid, gfp_t gfp, unsigned long id)
{
	struct page *p = alloc_pages_node(nid, gfp | __GFP_THISNODE, 0);

	assert_non_null(p);
	assert_int_equal(pfn_to_block_id(page_to_pfn(p)), id);
	return p;
}

/*
 * Find a free block larger than a pageblock in block ID and give its
 * first pageblock type MT, its pageblocks relisted as the allocator keeps
 * them: neighbours of different types, which isolation merges and its
 * undo must split again.  Only where a block can hold several pageblocks.
 */
static void
retype_first_pageblock(unsigned long id, int mt)
{
	unsigned long pfn = block_id_to_pfn(id), end = pfn + PPB, i, order;
	struct zone *zone;
	struct page *p = NULL;
	bool irq;

	if (MAX_ORDER - 1 <= pageblock_order)
		return;
	for (; pfn < end; pfn++) {
		p = pfn_to_page(pfn);
		if (page_flag(p, PG_buddy) && p->private > pageblock_order &&
		    page_migratetype(pfn) != mt)
			break;
	}
	assert_true(pfn < end);
	zone = page_zone(p);
	order = p->private;
	irq = arch_irq_save();
	del_from_free_list_locked(zone, p, order, page_migratetype(pfn));
	set_pageblock_migratetype(pfn, mt);
	for (i = 0; i < (1UL << order); i += PB)
		free_one_block_locked(zone, pfn + i, pageblock_order, page_migratetype(pfn + i));
	arch_irq_restore(irq);
	check_all();
	assert_int_equal(page_migratetype(pfn), mt);
	assert_int_not_equal(page_migratetype(pfn + PB), mt);
}

static void
assert_log(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!fake_printk_contains(line))
		fail_msg("log lacks \"%s\"; it has:\n%s", line, fake_printk_buf);
}

/* ------------------------------------------------------------ tests */

/*
 * Node 0: Normal [B4G], then hot blocks 1, 2, 3 offline.
 *   online 1 (online)         -> Normal: neither zone intersects it
 *   online 3 (online_movable) -> Movable, which joins the zonelist
 *   block 2 touches no span   -> "Normal Movable" ("Movable Normal"
 *                                under movable_node); online_kernel: Normal
 * Expect each zone chosen by Linux's rules, and every counter exact.
 */
static void
test_online_each_type_picks_zone_and_counts(void **state)
{
	struct zone *normal = zone_of(0, ZONE_NORMAL), *movable = zone_of(0, ZONE_MOVABLE);
	struct counters before, after;
	unsigned long b1 = block_id_to_pfn(B_HOT(1)), b4 = block_id_to_pfn(B4G);

	(void)state;
	snapshot(&before);
	assert_block_file(B_HOT(1), "valid_zones", "Normal Movable\n");
	assert_int_equal(online(B_HOT(1), MMOP_ONLINE), 0);
	assert_int_equal(find_memory_block(B_HOT(1))->zone, ZONE_NORMAL);
	assert_log("memory: memory%lu: online (Normal, node 0)", (unsigned long)B_HOT(1));
	snapshot(&after);
	assert_int_equal(normal->zone_start_pfn, b4);
	assert_int_equal(normal->spanned_pages, 2 * PPB);
	assert_int_equal(normal->present_pages, before.zone[0][ZONE_NORMAL].present + PPB);
	assert_int_equal(normal->managed_pages, before.zone[0][ZONE_NORMAL].managed + PPB);
	assert_int_equal(normal->nr_free_pages, before.zone[0][ZONE_NORMAL].nr_free + PPB);
	assert_int_equal(after.mem_total, before.mem_total + PPB);
	assert_int_equal(NODE_DATA(0)->node_present_pages, before.node[0].present + PPB);
	assert_int_equal(NODE_DATA(0)->node_spanned_pages, b1 + PPB - before.node[0].start);

	/* online_movable of block 3: Movable appears, joins the zonelist. */
	assert_false(in_zonelist(0, movable));
	assert_int_equal(online(B_HOT(3), MMOP_ONLINE_MOVABLE), 0);
	assert_true(in_zonelist(0, movable));
	assert_int_equal(movable->zone_start_pfn, block_id_to_pfn(B_HOT(3)));
	assert_int_equal(movable->spanned_pages, PPB);
	assert_int_equal(movable->present_pages, PPB);
	assert_int_equal(movable->managed_pages, PPB);
	assert_log("memory: memory%lu: online (Movable, node 0)", (unsigned long)B_HOT(3));

	/* Block 2 touches neither span (spans are half-open): the kernel zone. */
	assert_block_file(B_HOT(2), "valid_zones", "Normal Movable\n");
	assert_int_equal(mhp_zone_for_range(0, block_id_to_pfn(B_HOT(2)), PPB, MMOP_ONLINE),
			 ZONE_NORMAL);
	/* With movable_node, a range in neither zone goes Movable. */
	movable_node_enabled = true;
	assert_block_file(B_HOT(2), "valid_zones", "Movable Normal\n");
	movable_node_enabled = false;
	/* online_kernel: the kernel zone whose span it meets, else Normal. */
	assert_int_equal(mhp_zone_for_range(0, b4, PPB, MMOP_ONLINE_KERNEL), ZONE_NORMAL);
	assert_int_equal(mhp_zone_for_range(0, 0, PPB, MMOP_ONLINE_KERNEL), ZONE_DMA);
	assert_int_equal(online(B_HOT(2), MMOP_ONLINE_KERNEL), 0);
	assert_int_equal(find_memory_block(B_HOT(2))->zone, ZONE_NORMAL);
	assert_int_equal(normal->spanned_pages, 3 * PPB);
	snapshot(&after);
	assert_int_equal(after.mem_total, before.mem_total + 3 * PPB);
	assert_block_file(B_HOT(2), "valid_zones", "Normal\n");
	assert_block_file(B_HOT(3), "valid_zones", "Movable\n");
	assert_block_file(0, "valid_zones", "none\n");
	assert_block_file(B4G, "valid_zones", "Normal\n");
	assert_true(fake_cpu_idle());
}

/*
 * Movable holds blocks 1 and 3 (span [B1, B3 end)), block 2 offline in
 * between.  Expect plain online of block 2 to pick Movable (only Movable
 * intersects), and valid_zones to say so first.
 */
static void
test_online_contig_zones_inherits_movable(void **state)
{
	(void)state;
	assert_int_equal(online(B_HOT(1), MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(online(B_HOT(3), MMOP_ONLINE_MOVABLE), 0);
	assert_block_file(B_HOT(2), "valid_zones", "Movable Normal\n");
	assert_int_equal(online(B_HOT(2), MMOP_ONLINE), 0);
	assert_int_equal(find_memory_block(B_HOT(2))->zone, ZONE_MOVABLE);
	assert_int_equal(zone_of(0, ZONE_MOVABLE)->present_pages, 3 * PPB);
}

/*
 * Online then offline a free hot block, each type.
 * Expect every counter, free list and span back exactly as before.
 */
static void
test_offline_free_block_restores_counts(void **state)
{
	static const enum mhp_online_type types[] = {
		MMOP_ONLINE, MMOP_ONLINE_KERNEL, MMOP_ONLINE_MOVABLE,
	};
	struct counters before, after;

	(void)state;
	snapshot(&before);
	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		fake_printk_clear();
		assert_int_equal(online(B_HOT(1), types[i]), 0);
		assert_int_equal(offline(B_HOT(1)), 0);
		assert_log("memory: memory%lu: offline", (unsigned long)B_HOT(1));
		snapshot(&after);
		assert_counters_equal(&before, &after);
		assert_int_equal(find_memory_block(B_HOT(1))->state, MEM_OFFLINE);
		assert_int_equal(find_memory_block(B_HOT(1))->zone, -1);
		assert_false(nr_to_section(pfn_to_section_nr(block_id_to_pfn(B_HOT(1))))
			     ->section_mem_map & SECTION_IS_ONLINE);
	}
	assert_false(in_zonelist(0, zone_of(0, ZONE_MOVABLE)));
}

/*
 * Node 1's block online in Normal, one GFP_KERNEL page in it.
 * Expect offline refused at once naming the pfn and "kernel allocation",
 * the block online, nothing changed; "slab page" and "page table" named
 * likewise; after the page is freed, offline succeeds.
 */
static void
test_offline_refused_for_kernel_allocation(void **state)
{
	struct counters before, after;
	struct page *p;
	unsigned long pfn;

	(void)state;
	assert_int_equal(online(B_N1, MMOP_ONLINE_KERNEL), 0);
	p = alloc_in_block(1, GFP_KERNEL, B_N1);
	pfn = page_to_pfn(p);
	assert_block_file(B_N1, "removable", "0\n");
	snapshot(&before);
	fake_printk_clear();
	assert_int_equal(offline(B_N1), -EBUSY);
	assert_log("memory: offline memory%lu failed: pfn 0x%lx is unmovable: kernel allocation (order 0)",
		   (unsigned long)B_N1, pfn);
	assert_int_equal(sleeps, 0);		/* refused before any pass */
	snapshot(&after);
	assert_counters_equal(&before, &after);
	assert_int_equal(find_memory_block(B_N1)->state, MEM_ONLINE);

	set_page_flag(p, PG_slab);
	assert_int_equal(offline(B_N1), -EBUSY);
	assert_log("pfn 0x%lx is unmovable: slab page", pfn);
	clear_page_flag(p, PG_slab);
	set_page_flag(p, PG_pgtable);
	assert_int_equal(offline(B_N1), -EBUSY);
	assert_log("pfn 0x%lx is unmovable: page table", pfn);
	clear_page_flag(p, PG_pgtable);
	snapshot(&after);
	assert_counters_equal(&before, &after);

	free_pages(p, 0);
	assert_block_file(B_N1, "removable", "1\n");
	assert_int_equal(offline(B_N1), 0);
}

/*
 * Boot block B4G keeps its first pageblock reserved; block 0 spans DMA
 * and DMA32.  Expect both offlines refused with their reasons.
 */
static void
test_offline_refused_for_boot_blocks(void **state)
{
	struct counters before, after;

	(void)state;
	snapshot(&before);
	assert_int_equal(offline(B4G), -EBUSY);
	assert_log("memory: offline memory%lu failed: pfn 0x%lx is unmovable: reserved (kernel, firmware or boot allocation)",
		   (unsigned long)B4G, block_id_to_pfn(B4G));
	assert_int_equal(offline(0), -EBUSY);
	assert_log("memory: offline memory0 failed: its pages span two zones");
	assert_block_file(0, "removable", "0\n");
	assert_block_file(B4G, "removable", "0\n");
	snapshot(&after);
	assert_counters_equal(&before, &after);
	assert_int_equal(find_memory_block(0)->zone, -1);
	assert_int_equal(find_memory_block(B4G)->zone, ZONE_NORMAL);
}

static unsigned long watched_block;
static int seen_isolated;

/* While offline sleeps: the block is going-offline, its pageblocks isolated. */
static void
look_while_offlining(void)
{
	unsigned long start = block_id_to_pfn(watched_block), pfn;

	assert_int_equal(find_memory_block(watched_block)->state, MEM_GOING_OFFLINE);
	assert_block_file(watched_block, "state", "going-offline\n");
	for (pfn = start; pfn < start + PPB; pfn += PB)
		assert_int_equal(page_migratetype(pfn), MIGRATE_ISOLATE);
	check_all();
	seen_isolated++;
}

/*
 * Node 1's block in Normal: a kernel page claimed one pageblock for
 * Unmovable and was freed again; one movable page is held.
 * Expect offline to try MHP_OFFLINE_MAX_PASSES passes (the pageblocks
 * isolated meanwhile), fail with -EBUSY naming the movable page, and
 * leave every pageblock type, free list and counter exactly as before.
 * Freed, the page no longer stops offline.
 */
static void
test_offline_movable_fails_after_passes_and_undoes(void **state)
{
	unsigned long start = block_id_to_pfn(B_N1), pfn, nr_pb = PPB / PB, i;
	struct counters before, after;
	struct page *k, *m;
	u8 *types = calloc(nr_pb, 1);

	(void)state;
	assert_int_equal(online(B_N1, MMOP_ONLINE_KERNEL), 0);
	k = alloc_in_block(1, GFP_KERNEL, B_N1);
	m = alloc_in_block(1, GFP_USER, B_N1);
	free_pages(k, 0);
	check_all();
	for (i = 0; i < nr_pb; i++)
		types[i] = page_migratetype(start + i * PB);
	assert_int_equal(page_migratetype(page_to_pfn(k)), MIGRATE_UNMOVABLE);
	retype_first_pageblock(B_N1, MIGRATE_RECLAIMABLE);
	for (i = 0; i < nr_pb; i++)
		types[i] = page_migratetype(start + i * PB);
	assert_block_file(B_N1, "removable", "1\n");	/* movable: may go */
	snapshot(&before);

	watched_block = B_N1;
	on_sleep = look_while_offlining;
	fake_printk_clear();
	assert_int_equal(offline(B_N1), -EBUSY);
	assert_int_equal(sleeps, MHP_OFFLINE_MAX_PASSES - 1);
	assert_int_equal(seen_isolated, MHP_OFFLINE_MAX_PASSES - 1);
	assert_log("memory: offline memory%lu failed: pfn 0x%lx still in use after %d passes (%d ms): movable page (order 0)",
		   (unsigned long)B_N1, page_to_pfn(m), MHP_OFFLINE_MAX_PASSES,
		   (MHP_OFFLINE_MAX_PASSES - 1) * MHP_OFFLINE_RETRY_MS);
	on_sleep = NULL;
	for (i = 0; i < nr_pb; i++)
		assert_int_equal(page_migratetype(start + i * PB), types[i]);
	snapshot(&after);
	assert_counters_equal(&before, &after);
	assert_int_equal(find_memory_block(B_N1)->state, MEM_ONLINE);
	assert_int_equal(mhp_migrate_range(start, start + PPB), 1);

	free_pages(m, 0);
	assert_int_equal(offline(B_N1), 0);
	for (pfn = start; pfn < start + PPB; pfn++)
		assert_true(page_flag(pfn_to_page(pfn), PG_reserved));
	free(types);
}

/*
 * A movable page held while every retry sleep takes 500 ms.
 * Expect the time limit to end the passes: -ETIMEDOUT after 5 passes.
 */
static void
test_offline_time_limit(void **state)
{
	struct counters before, after;
	struct page *m;

	(void)state;
	assert_int_equal(online(B_N1, MMOP_ONLINE_MOVABLE), 0);
	m = alloc_in_block(1, GFP_USER, B_N1);
	snapshot(&before);
	sleep_step_ms = 500;
	fake_printk_clear();
	assert_int_equal(offline(B_N1), -ETIMEDOUT);
	assert_int_equal(sleeps, MHP_OFFLINE_TIMEOUT_MS / 500);
	assert_log("still in use after %d passes (%d ms): movable page (order 0)",
		   MHP_OFFLINE_TIMEOUT_MS / 500 + 1, MHP_OFFLINE_TIMEOUT_MS);
	snapshot(&after);
	assert_counters_equal(&before, &after);
	free_pages(m, 0);
	assert_int_equal(offline(B_N1), 0);
}

/*
 * Movable over blocks 1, 2, 3.  Offline 2 (middle): span kept, present
 * down.  Offline 1 (first): the span starts at 3, not at offline 2.
 * Offline 3: Movable is empty, span 0, out of the zonelist.
 */
static void
test_zone_span_shrinks_at_edges(void **state)
{
	struct zone *movable = zone_of(0, ZONE_MOVABLE);
	struct counters before, after;

	(void)state;
	snapshot(&before);
	for (unsigned long k = 1; k <= 3; k++)
		assert_int_equal(online(B_HOT(k), MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(offline(B_HOT(2)), 0);
	assert_int_equal(movable->zone_start_pfn, block_id_to_pfn(B_HOT(1)));
	assert_int_equal(movable->spanned_pages, 3 * PPB);
	assert_int_equal(movable->present_pages, 2 * PPB);
	assert_int_equal(movable->managed_pages, 2 * PPB);

	assert_int_equal(offline(B_HOT(1)), 0);
	assert_int_equal(movable->zone_start_pfn, block_id_to_pfn(B_HOT(3)));
	assert_int_equal(movable->spanned_pages, PPB);
	assert_int_equal(NODE_DATA(0)->node_spanned_pages,
			 block_id_to_pfn(B_HOT(3)) + PPB - NODE_DATA(0)->node_start_pfn);
	assert_true(in_zonelist(0, movable));

	assert_int_equal(offline(B_HOT(3)), 0);
	assert_int_equal(movable->spanned_pages, 0);
	assert_int_equal(movable->zone_start_pfn, 0);
	assert_false(in_zonelist(0, movable));
	assert_false(in_zonelist(1, movable));
	snapshot(&after);
	assert_counters_equal(&before, &after);

	/* Normal shrinks at its end too: B4G + block 1, then block 1 goes. */
	assert_int_equal(online(B_HOT(1), MMOP_ONLINE_KERNEL), 0);
	assert_int_equal(zone_of(0, ZONE_NORMAL)->spanned_pages, 2 * PPB);
	assert_int_equal(offline(B_HOT(1)), 0);
	assert_int_equal(zone_of(0, ZONE_NORMAL)->spanned_pages, PPB);
}

/*
 * Node 1 has only block B_N1.  Expect: online -> node 1 has memory and its
 * zone is in both nodes' zonelists; offline -> node 1 memory-less (online,
 * no present pages, span 0), out of the zonelists; online again -> back.
 */
static void
test_node_memoryless_and_back(void **state)
{
	struct zone *n1 = zone_of(1, ZONE_MOVABLE);

	(void)state;
	assert_int_equal(NODE_DATA(1)->node_present_pages, 0);
	assert_int_equal(online(B_N1, MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(NODE_DATA(1)->node_present_pages, PPB);
	assert_int_equal(NODE_DATA(1)->node_start_pfn, block_id_to_pfn(B_N1));
	assert_int_equal(NODE_DATA(1)->node_spanned_pages, PPB);
	assert_true(in_zonelist(0, n1));
	assert_true(in_zonelist(1, n1));
	assert_int_equal(NODE_DATA(1)->zonelist[0], n1);	/* own zones first */

	fake_printk_clear();
	assert_int_equal(offline(B_N1), 0);
	assert_log("memory: node 1 has no memory left (memory-less)");
	assert_true(NODE_DATA(1)->online);
	assert_int_equal(NODE_DATA(1)->node_present_pages, 0);
	assert_int_equal(NODE_DATA(1)->node_spanned_pages, 0);
	assert_false(in_zonelist(0, n1));
	assert_false(in_zonelist(1, n1));
	assert_non_null(NODE_DATA(1)->zonelist[0]);		/* falls back to node 0 */

	assert_int_equal(online(B_N1, MMOP_ONLINE), 0);		/* movable_node off: Normal */
	assert_int_equal(find_memory_block(B_N1)->zone, ZONE_NORMAL);
	assert_int_equal(NODE_DATA(1)->node_present_pages, PPB);
	assert_true(in_zonelist(0, zone_of(1, ZONE_NORMAL)));
	assert_false(in_zonelist(0, n1));
}

static enum memory_notify_action seen[16];
static int nr_seen;

static int
recorder(enum memory_notify_action action, const struct memory_notify *arg)
{
	assert_int_equal(arg->block_id, B_HOT(1));
	assert_int_equal(arg->start_pfn, block_id_to_pfn(B_HOT(1)));
	assert_int_equal(arg->nr_pages, PPB);
	if (nr_seen < 16)
		seen[nr_seen++] = action;
	return 0;
}

#define INJECT(a)	"/sys/kernel/debug/notifier-error-inject/memory/actions/" a "/error"

/*
 * The injector: MEM_GOING_ONLINE/error = -12, then MEM_GOING_OFFLINE/error
 * = -16.  Expect each step to fail with that errno (the notifier hears the
 * cancel), nothing changed, and to work again once the file says 0.
 */
static void
test_error_injection(void **state)
{
	struct counters before, after;
	char text[32];

	(void)state;
	nr_seen = 0;
	assert_int_equal(register_memory_notifier(recorder), 0);
	read_file(INJECT("MEM_GOING_ONLINE"), text, sizeof(text));
	assert_string_equal(text, "0\n");
	assert_int_equal(pseudofs_write(INJECT("MEM_GOING_ONLINE"), "-12"), 0);
	read_file(INJECT("MEM_GOING_ONLINE"), text, sizeof(text));
	assert_string_equal(text, "-12\n");
	snapshot(&before);
	assert_int_equal(online(B_HOT(1), MMOP_ONLINE), -12);
	assert_int_equal(online(B_HOT(1), MMOP_ONLINE_MOVABLE), -12);	/* every time */
	assert_log("memory: online memory%lu failed: MEM_GOING_ONLINE refused (-12)",
		   (unsigned long)B_HOT(1));
	snapshot(&after);
	assert_counters_equal(&before, &after);
	assert_int_equal(find_memory_block(B_HOT(1))->state, MEM_OFFLINE);
	assert_int_equal(nr_seen, 2);
	assert_int_equal(seen[0], MEM_CANCEL_ONLINE_ACTION);

	/* Bad values change nothing. */
	assert_int_equal(pseudofs_write(INJECT("MEM_GOING_ONLINE"), "12"), -EINVAL);
	assert_int_equal(pseudofs_write(INJECT("MEM_GOING_ONLINE"), "-5000"), -EINVAL);
	assert_int_equal(pseudofs_write(INJECT("MEM_GOING_ONLINE"), "x"), -EINVAL);
	assert_int_equal(memory_notify_inject[MEM_GOING_ONLINE_ACTION], -12);

	assert_int_equal(pseudofs_write(INJECT("MEM_GOING_ONLINE"), "0"), 0);
	nr_seen = 0;
	assert_int_equal(online(B_HOT(1), MMOP_ONLINE), 0);
	assert_int_equal(nr_seen, 2);
	assert_int_equal(seen[0], MEM_GOING_ONLINE_ACTION);
	assert_int_equal(seen[1], MEM_ONLINE_ACTION);

	assert_int_equal(pseudofs_write(INJECT("MEM_GOING_OFFLINE"), "-16"), 0);
	snapshot(&before);
	nr_seen = 0;
	assert_int_equal(offline(B_HOT(1)), -16);
	assert_log("memory: offline memory%lu failed: MEM_GOING_OFFLINE refused (-16)",
		   (unsigned long)B_HOT(1));
	snapshot(&after);
	assert_counters_equal(&before, &after);
	assert_int_equal(find_memory_block(B_HOT(1))->state, MEM_ONLINE);
	assert_int_equal(nr_seen, 1);
	assert_int_equal(seen[0], MEM_CANCEL_OFFLINE_ACTION);
	assert_int_equal(page_migratetype(block_id_to_pfn(B_HOT(1))), MIGRATE_MOVABLE);

	assert_int_equal(pseudofs_write(INJECT("MEM_GOING_OFFLINE"), "0"), 0);
	nr_seen = 0;
	assert_int_equal(offline(B_HOT(1)), 0);
	assert_int_equal(nr_seen, 2);
	assert_int_equal(seen[0], MEM_GOING_OFFLINE_ACTION);
	assert_int_equal(seen[1], MEM_OFFLINE_ACTION);
}

/*
 * The memoryN/ files, written as `echo X > FILE` does.
 * Expect Linux's texts and errors: online twice or offline twice -EINVAL,
 * the online attribute 1/0 without error when already so.
 */
static void
test_sysfs_files(void **state)
{
	char name[64], text[64];
	unsigned long id = B_N1;

	(void)state;
	snprintf(text, sizeof(text), "%08lx\n", id);
	assert_block_file(id, "phys_index", text);
	assert_block_file(id, "phys_device", "0\n");
	assert_block_file(id, "node1", "../../node/node1\n");
	assert_block_file(id, "state", "offline\n");
	assert_block_file(id, "online", "0\n");
	assert_block_file(id, "valid_zones", "Normal Movable\n");
	assert_block_file(id, "removable", "1\n");

	assert_int_equal(write_block_file(id, "state", "online_movable"), 0);
	assert_block_file(id, "state", "online\n");
	assert_block_file(id, "online", "1\n");
	assert_block_file(id, "valid_zones", "Movable\n");
	assert_int_equal(write_block_file(id, "state", "online"), -EINVAL);
	assert_int_equal(write_block_file(id, "state", "bogus"), -EINVAL);
	assert_int_equal(write_block_file(id, "state", "offline"), 0);
	assert_block_file(id, "state", "offline\n");
	assert_int_equal(write_block_file(id, "state", "offline"), -EINVAL);
	assert_int_equal(write_block_file(id, "state", "online_kernel"), 0);
	assert_block_file(id, "valid_zones", "Normal\n");
	assert_int_equal(write_block_file(id, "state", "offline"), 0);

	assert_int_equal(write_block_file(id, "online", "1"), 0);
	assert_int_equal(write_block_file(id, "online", "1"), 0);
	assert_block_file(id, "state", "online\n");
	assert_int_equal(write_block_file(id, "online", "2"), -EINVAL);
	assert_int_equal(write_block_file(id, "online", "0"), 0);
	assert_int_equal(write_block_file(id, "online", "0"), 0);
	assert_block_file(id, "state", "offline\n");
	assert_int_equal(lock_depth, 0);

	/* Destroy: the files go; an online block cannot. */
	assert_int_equal(online(B_HOT(1), MMOP_ONLINE), 0);
	mutex_lock(&mem_hotplug_lock);
	assert_int_equal(memory_block_destroy_locked(B_HOT(1)), -EBUSY);
	assert_int_equal(memory_block_destroy_locked(id), 0);
	assert_int_equal(memory_block_destroy_locked(id), -ENOENT);
	mutex_unlock(&mem_hotplug_lock);
	block_path(name, sizeof(name), id, "state");
	assert_null(pseudofs_lookup(name));
	assert_int_equal(online_memory_block(id, MMOP_ONLINE), -ENOENT);
}

/*
 * Blocks created out of order, one twice.  Expect -EEXIST, and the list
 * in id order with the right count.
 */
static void
test_block_list_sorted(void **state)
{
	unsigned long prev = 0, n = 0;
	struct memory_block *mb;

	(void)state;
	mutex_lock(&mem_hotplug_lock);
	assert_int_equal(memory_block_create_locked(B_HOT(2), 0, false, NULL, 0), -EEXIST);
	mutex_unlock(&mem_hotplug_lock);
	assert_int_equal(memory_block_count(), 6);
	for (mb = memory_block_next(0); mb; mb = memory_block_next(mb->id + 1)) {
		assert_true(n == 0 || mb->id > prev);
		prev = mb->id;
		n++;
	}
	assert_int_equal(n, 6);
	assert_null(find_memory_block(B4G + 4));
	assert_int_equal(find_memory_block(B4G + 3)->id, B4G + 3);
}

/*
 * memmap_on_memory: a new block whose first pageblock-rounded pages hold
 * its memmap.  Expect them present but never managed, named "memmap",
 * and offline to bring every counter back.
 */
static void
test_vmemmap_pages_stay_reserved(void **state)
{
	unsigned long id = B4G + 5, start = block_id_to_pfn(id);
	unsigned long nr = ALIGN_UP(SECTIONS_PER_BLOCK * memmap_size_bytes() / PAGE_SIZE, PB);
	struct counters before;
	char owner[64];

	(void)state;
	add_block_sections(id, 0, SECTION_HOTPLUGGABLE);
	create_block(id, 0, false, nr);
	snapshot(&before);
	assert_int_equal(online(id, MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(zone_of(0, ZONE_MOVABLE)->present_pages, PPB);
	assert_int_equal(zone_of(0, ZONE_MOVABLE)->managed_pages, PPB - nr);
	assert_int_equal(zone_of(0, ZONE_MOVABLE)->nr_free_pages, PPB - nr);
	assert_true(page_flag(pfn_to_page(start), PG_memmap));
	assert_true(page_flag(pfn_to_page(start + nr - 1), PG_reserved));
	assert_false(page_flag(pfn_to_page(start + nr), PG_reserved));
	assert_int_equal(mhp_first_busy_pfn(start, start + PPB, false, owner, sizeof(owner)),
			 start);
	assert_string_equal(owner, "memmap");
	assert_int_equal(mhp_first_busy_pfn(start + nr, start + PPB, false, owner,
					    sizeof(owner)), start + PPB);
	assert_string_equal(owner, "free");
	assert_block_file(id, "removable", "1\n");
	assert_int_equal(offline(id), 0);
	{
		struct counters after;

		snapshot(&after);
		assert_counters_equal(&before, &after);
	}
}

/*
 * Isolation alone, on a block holding free blocks of two types: isolate,
 * check all of it is on the Isolate lists, undo.  Expect the free lists
 * exactly as before (maximally merged) and a second isolation refused
 * while the first stands.
 */
static void
test_isolation_round_trip(void **state)
{
	unsigned long start = block_id_to_pfn(B_N1);
	struct counters before, after;
	struct zone *zone = zone_of(1, ZONE_NORMAL);
	struct page *k;

	(void)state;
	assert_int_equal(online(B_N1, MMOP_ONLINE_KERNEL), 0);
	k = alloc_in_block(1, GFP_KERNEL, B_N1);
	free_pages(k, 0);				/* one pageblock now Unmovable */
	retype_first_pageblock(B_N1, MIGRATE_RECLAIMABLE);
	retype_first_pageblock(B_N1, MIGRATE_MOVABLE);
	snapshot(&before);
	mutex_lock(&mem_hotplug_lock);
	assert_int_equal(start_isolate_page_range(start, start + PPB), 0);
	check_all();
	assert_int_equal(zone->nr_free_mt[MIGRATE_ISOLATE], PPB);
	assert_int_equal(zone->nr_free_pages, PPB);
	assert_int_equal(first_nonfree_pfn(start, start + PPB), start + PPB);
	assert_null(alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE, 0));
	assert_int_equal(start_isolate_page_range(start, start + PPB), -EBUSY);
	undo_isolate_page_range(start, start + PPB);
	mutex_unlock(&mem_hotplug_lock);
	check_all();
	snapshot(&after);
	assert_counters_equal(&before, &after);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_online_each_type_picks_zone_and_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_online_contig_zones_inherits_movable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_free_block_restores_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_refused_for_kernel_allocation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_refused_for_boot_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_movable_fails_after_passes_and_undoes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_time_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zone_span_shrinks_at_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_node_memoryless_and_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_injection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sysfs_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_block_list_sorted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vmemmap_pages_stay_reserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_isolation_round_trip, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
