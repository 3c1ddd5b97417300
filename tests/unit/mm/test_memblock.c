/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_memblock.c - host tests for mm/memblock.c: the three
 * tables (memory, reserved, hidden), allocation, mem=, the free-range
 * walk and the MEMBLOCK_HOTPLUG flag (movable_node).
 *
 * Every test starts from empty tables (setup()) and, before it returns,
 * runs check_tables(): each table sorted, never overlapping, merged.  The
 * last test runs random operations against a model that keeps one entry
 * per 4 KiB unit and compares the tables with it after every step.
 * memblock counts bytes, so the same tests pass with every arch's
 * parameters.
 *
 * Course text: docs/02-physical-memory.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mm/mm.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_printk.h"

#define KiB		0x400ULL
#define MiB		0x100000ULL
#define GiB		0x40000000ULL

/* A region as the tests write it: base, size, nid (HP: flagged hotplug). */
#define R(b, s, n)	{ .base = (b), .size = (s), .nid = (n) }
#define HP(b, s, n)	{ .base = (b), .size = (s), .nid = (n), .flags = MEMBLOCK_HOTPLUG }
#define NONE		NUMA_NO_NODE

static int
setup(void **state)
{
	(void)state;
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memblock.hidden.cnt = 0;
	memblock.alloc_limit = 0;
	memblock.skip_hotplug = false;
	memblock.bottom_up = false;
	fake_printk_clear();
	return 0;
}

/* Each table: names right, count in range, regions sorted, not
 * overlapping, not empty, not wrapping, only known flags, neighbours
 * equal in node and flags merged. */
static void
check_type(const struct memblock_type *t, const char *name)
{
	int i;

	assert_string_equal(t->name, name);
	assert_in_range(t->cnt, 0, MEMBLOCK_MAX_REGIONS);
	for (i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		assert_true(r->size > 0);
		assert_true(r->base + r->size > r->base);
		assert_true(r->nid == NUMA_NO_NODE ||
			    (r->nid >= 0 && r->nid < MAX_NUMNODES));
		assert_int_equal(r->flags & ~MEMBLOCK_HOTPLUG, 0);
		if (i > 0) {
			const struct memblock_region *p = &t->regions[i - 1];

			assert_true(p->base + p->size <= r->base);
			if (p->base + p->size == r->base)
				assert_true(p->nid != r->nid || p->flags != r->flags);
		}
	}
}

static void
check_tables(void)
{
	int i;

	check_type(&memblock.memory, "memory");
	check_type(&memblock.reserved, "reserved");
	check_type(&memblock.hidden, "hidden");
	for (i = 0; i < memblock.reserved.cnt; i++) {
		assert_int_equal(memblock.reserved.regions[i].nid, NUMA_NO_NODE);
		assert_int_equal(memblock.reserved.regions[i].flags, 0);
	}
	for (i = 0; i < memblock.hidden.cnt; i++)
		assert_int_equal(memblock.hidden.regions[i].flags, 0);
}

/* TYPE holds exactly the N regions WANT. */
static void
expect_regions(const struct memblock_type *type,
	       const struct memblock_region *want, int n)
{
	int i;

	assert_int_equal(type->cnt, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(type->regions[i].base, want[i].base);
		assert_int_equal(type->regions[i].size, want[i].size);
		assert_int_equal(type->regions[i].nid, want[i].nid);
		assert_int_equal(type->regions[i].flags, want[i].flags);
	}
}

#define EXPECT(type, ...) do {						\
	const struct memblock_region want_[] = { __VA_ARGS__ };		\
	expect_regions(&memblock.type, want_, (int)ARRAY_SIZE(want_));	\
} while (0)

/* QEMU -M pc -m 1G: low RAM, the VGA/BIOS hole, RAM up to the tables. */
static void
add_qemu_1g_map(void)
{
	assert_int_equal(memblock_add(0, 0x9fc00), 0);
	assert_int_equal(memblock_add(0x100000, 0x3ffe0000 - 0x100000), 0);
}

/* ------------------------------------------------------------ adding */

/*
 *   [0x1000-0x2000) + [0x2000-0x3000) + [0x3000-0x4000)  ->  [0x1000-0x4000)
 * Expect ranges that touch to merge into one region.
 */
static void
test_add_merges_adjacent(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x1000, 0x1000), 0);
	assert_int_equal(memblock_add(0x3000, 0x1000), 0);
	EXPECT(memory, R(0x1000, 0x1000, NONE), R(0x3000, 0x1000, NONE));
	assert_int_equal(memblock_add(0x2000, 0x1000), 0);
	EXPECT(memory, R(0x1000, 0x3000, NONE));
	check_tables();
}

/*
 *   added:  C=[0x50000..)  A=[0x10000..)  B=[0x30000..)
 *   table:  A  B  C
 * Expect regions added out of order to be kept sorted by base.
 */
static void
test_add_inserts_sorted(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x50000, 0x1000), 0);
	assert_int_equal(memblock_add(0x10000, 0x1000), 0);
	assert_int_equal(memblock_add(0x30000, 0x1000), 0);
	assert_int_equal(memblock_add(0x70000, 0x1000), 0);
	assert_int_equal(memblock_add(0x0, 0x1000), 0);
	EXPECT(memory, R(0x0, 0x1000, NONE), R(0x10000, 0x1000, NONE),
	       R(0x30000, 0x1000, NONE), R(0x50000, 0x1000, NONE),
	       R(0x70000, 0x1000, NONE));
	check_tables();
}

/*
 *   node 0: [0x10000-0x20000)      node 1: [0x30000-0x40000)
 *   add node 2:  [0x8000 ---------------------------- 0x48000)
 *   result: 2 | 0 | 2 | 1 | 2
 * Expect an overlapping add to fill only the holes; existing memory keeps
 * its node.  A re-add of existing memory changes nothing.
 */
static void
test_add_overlapping_fills_holes_only(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x10000, 0x10000, 0), 0);
	assert_int_equal(memblock_add_node(0x30000, 0x10000, 1), 0);
	assert_int_equal(memblock_add_node(0x12000, 0x1000, 1), 0);
	EXPECT(memory, R(0x10000, 0x10000, 0), R(0x30000, 0x10000, 1));
	assert_int_equal(memblock_add_node(0x8000, 0x40000, 2), 0);
	EXPECT(memory, R(0x8000, 0x8000, 2), R(0x10000, 0x10000, 0),
	       R(0x20000, 0x10000, 2), R(0x30000, 0x10000, 1),
	       R(0x40000, 0x8000, 2));
	assert_int_equal(memblock_phys_mem_size(), 0x40000);
	check_tables();
}

/*
 *   [0x0-0x1000) node 0 + [0x1000-0x2000) node 1   ->  two regions
 *   [0x2000-0x3000) node 1                          ->  merges with the second
 * Expect touching ranges to merge only when their node is the same.
 */
static void
test_add_touching_nodes_stay_apart(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x0, 0x1000, 0), 0);
	assert_int_equal(memblock_add_node(0x1000, 0x1000, 1), 0);
	assert_int_equal(memblock_add_node(0x2000, 0x1000, 1), 0);
	EXPECT(memory, R(0x0, 0x1000, 0), R(0x1000, 0x2000, 1));
	check_tables();
}

/* ------------------------------------------------------------ removing */

/*
 *   [0x100000 ------------------------- 0x500000)
 *   remove       [0x200000 - 0x300000)
 *   [0x100000-0x200000)               [0x300000-0x500000)
 * Expect a remove inside a region to split it in two, node kept.
 */
static void
test_remove_splits_region(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x400000, 3), 0);
	assert_int_equal(memblock_remove(0x200000, 0x100000), 0);
	EXPECT(memory, R(0x100000, 0x100000, 3), R(0x300000, 0x200000, 3));
	check_tables();
}

/*
 *   A=[0x1000-0x3000)  B=[0x4000-0x6000)  C=[0x7000-0x9000)
 *   remove [0x2000 ----------------- 0x8000)
 *   [0x1000-0x2000)                  [0x8000-0x9000)
 * Expect a remove across several regions to trim the outer two and drop
 * the ones inside; removing what is not there is not an error.
 */
static void
test_remove_across_regions(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x1000, 0x2000), 0);
	assert_int_equal(memblock_add(0x4000, 0x2000), 0);
	assert_int_equal(memblock_add(0x7000, 0x2000), 0);
	assert_int_equal(memblock_remove(0x2000, 0x6000), 0);
	EXPECT(memory, R(0x1000, 0x1000, NONE), R(0x8000, 0x1000, NONE));
	assert_int_equal(memblock_remove(0x100000, 0x1000), 0);
	EXPECT(memory, R(0x1000, 0x1000, NONE), R(0x8000, 0x1000, NONE));
	check_tables();
}

/* ------------------------------------------------------------ reserving */

/*
 *   reserve [0x0-0x1000) [0x1000-0x3000) [0x10000-0x11000)  -> 2 regions
 *   free    [0x1800-0x2000)                                 -> split
 * Expect reservations to merge, free to un-reserve (splitting), and a
 * reservation outside RAM to be allowed.
 */
static void
test_reserve_and_free(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x0, 0x8000), 0);
	assert_int_equal(memblock_reserve(0x0, 0x1000), 0);
	assert_int_equal(memblock_reserve(0x1000, 0x2000), 0);
	assert_int_equal(memblock_reserve(0x10000, 0x1000), 0);	/* not RAM */
	EXPECT(reserved, R(0x0, 0x3000, NONE), R(0x10000, 0x1000, NONE));
	assert_int_equal(memblock_reserved_size(), 0x4000);

	assert_int_equal(memblock_free(0x1800, 0x800), 0);
	EXPECT(reserved, R(0x0, 0x1800, NONE), R(0x2000, 0x1000, NONE),
	       R(0x10000, 0x1000, NONE));
	assert_true(memblock_is_reserved(0x17ff));
	assert_false(memblock_is_reserved(0x1800));
	assert_true(memblock_is_reserved(0x2000));

	/* Overlapping reserve: merged, counted once. */
	assert_int_equal(memblock_reserve(0x1000, 0x10800), 0);
	EXPECT(reserved, R(0x0, 0x11800, NONE));
	assert_int_equal(memblock_free(0x0, 0x20000), 0);
	assert_int_equal(memblock.reserved.cnt, 0);
	EXPECT(memory, R(0x0, 0x8000, NONE));	/* memory untouched */
	check_tables();
}

/* ------------------------------------------------------------ allocating */

/*
 *   memory [0x100000 ---------------------------------- 0x200000)
 *   alloc 0x1000 align 0x1000                      ->  [0x1ff000]
 *   alloc 0x100  align 0x10000             -> [0x1f0000]
 *   alloc 0x3000 align 0x1000  -> below the previous two: 0x1fc000
 * Expect allocations from the top down, aligned, reserved at once.
 */
static void
test_alloc_top_down_aligned(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x100000, 0x100000), 0);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x1ff000);
	assert_int_equal(memblock_alloc(0x100, 0x10000), 0x1f0000);
	assert_int_equal(memblock_alloc(0x3000, 0x1000), 0x1fc000);
	EXPECT(reserved, R(0x1f0000, 0x100, NONE), R(0x1fc000, 0x4000, NONE));
	assert_int_equal(memblock_alloc(0x10, 1), 0x1fbff0);
	EXPECT(reserved, R(0x1f0000, 0x100, NONE), R(0x1fbff0, 0x4010, NONE));
	assert_int_equal(memblock_reserved_size(), 0x4110);
	check_tables();
}

/*
 *   memory [0x100000 -------------------------------- 0x200000)
 *   reserved                      [0x180000 ------------------)
 * Expect an allocation to skip reserved memory and land below it.
 */
static void
test_alloc_skips_reserved(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x100000, 0x100000), 0);
	assert_int_equal(memblock_reserve(0x180000, 0x80000), 0);
	assert_int_equal(memblock_alloc(0x2000, 0x1000), 0x17e000);
	EXPECT(reserved, R(0x17e000, 0x82000, NONE));
	check_tables();
}

/*
 *   memory [0x100000 -------|--------------- 0x200000)
 *                     alloc_limit 0x180000
 * Expect allocations to end at or below alloc_limit; none when the limit
 * is below all free memory.
 */
static void
test_alloc_respects_limit(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x100000, 0x100000), 0);
	memblock.alloc_limit = 0x180000;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x17f000);
	memblock.alloc_limit = 0x180800;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x17e000);
	memblock.alloc_limit = 0x100fff;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0);
	memblock.alloc_limit = 0x80000;
	assert_int_equal(memblock_alloc(0x10, 0x10), 0);
	memblock.alloc_limit = 0;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x1ff000);
	check_tables();
}

/*
 *   memory [0x1000-0x2000)  [0x3000-0x5000)
 * Expect 0 once nothing fits: a size larger than any one free range
 * fails even when the total would do; the tables stay as they were.
 */
static void
test_alloc_exhaustion_returns_zero(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x1000, 0x1000), 0);
	assert_int_equal(memblock_add(0x3000, 0x2000), 0);
	assert_int_equal(memblock_alloc(0x3000, 0x1000), 0);
	assert_true(fake_printk_contains("memblock: alloc: no free range for 0x3000 bytes"));
	assert_int_equal(memblock.reserved.cnt, 0);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x4000);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x3000);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x1000);
	assert_int_equal(memblock_alloc(0x1, 0x1), 0);
	assert_int_equal(memblock_reserved_size(), 0x3000);

	/* Nothing at all to allocate from. */
	setup(NULL);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0);
	check_tables();
}

/*
 *   memory [0x0-0x1000)
 * Expect address 0 never to be handed out, since 0 means failure, and
 * bad sizes, alignments and nodes to be refused with a message.
 */
static void
test_alloc_refuses_zero_address_and_bad_requests(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x0, 0x1000), 0);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0);
	assert_int_equal(memblock_alloc(0x800, 0x1000), 0);
	assert_int_equal(memblock_alloc(0x800, 0x800), 0x800);

	fake_printk_clear();
	assert_int_equal(memblock_alloc(0, 0x1000), 0);
	assert_int_equal(memblock_alloc(0x10, 0), 0);
	assert_int_equal(memblock_alloc(0x10, 0x30), 0);
	assert_int_equal(memblock_alloc(UINT64_MAX, 1), 0);
	assert_int_equal(memblock_alloc_node(0x10, 0x10, MAX_NUMNODES), 0);
	assert_int_equal(memblock_alloc_node(0x10, 0x10, -2), 0);
	assert_int_equal(fake_printk_count, 6);
	assert_true(fake_printk_contains("memblock: alloc: bad request (size 0x0, align 0x1000)"));
	assert_true(fake_printk_contains("memblock: alloc: bad node 64"));
	EXPECT(reserved, R(0x800, 0x800, NONE));
	check_tables();
}

/*
 *   node 0: [0x100000-0x200000)   node 1: [0x200000-0x300000)
 * Expect alloc_node to take the top of the requested node's memory, and
 * plain alloc the top of all memory.
 */
static void
test_alloc_node_prefers_node(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x100000, 0), 0);
	assert_int_equal(memblock_add_node(0x200000, 0x100000, 1), 0);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 0), 0x1ff000);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 1), 0x2ff000);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x2fe000);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, NUMA_NO_NODE), 0x2fd000);
	check_tables();
}

/*
 *   node 0: [0x100000-0x200000), all reserved but [0x100000-0x101000)
 *   node 1: [0x200000-0x300000)            node 2: no memory
 * Expect alloc_node to fall back to any node when its node has no room
 * (node 2 has none, node 0 too little), and to use its node when it fits.
 */
static void
test_alloc_node_falls_back(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x100000, 0), 0);
	assert_int_equal(memblock_add_node(0x200000, 0x100000, 1), 0);
	assert_int_equal(memblock_reserve(0x101000, 0xff000), 0);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 2), 0x2ff000);
	assert_int_equal(memblock_alloc_node(0x2000, 0x1000, 0), 0x2fd000);
	assert_true(fake_printk_contains("node 0 has no 0x2000 bytes free, took them from node 1"));
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 0), 0x100000);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 0), 0x2fc000);
	check_tables();
}

/* ------------------------------------------------------------ nodes */

/*
 *   memory  [0x0 --------------- 0x40000)  [0x80000 ---- 0xc0000)   (none)
 *   set node 1 on     [0x20000 ---------------------- 0xa0000)
 *   result  none | 1               1 | none
 * Expect set_node to split regions at the range's edges, give the inside
 * the node, and leave the hole a hole.
 */
static void
test_set_node_splits_regions(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x0, 0x40000), 0);
	assert_int_equal(memblock_add(0x80000, 0x40000), 0);
	assert_int_equal(memblock_set_node(0x20000, 0x80000, 1), 0);
	EXPECT(memory, R(0x0, 0x20000, NONE), R(0x20000, 0x20000, 1),
	       R(0x80000, 0x20000, 1), R(0xa0000, 0x20000, NONE));
	assert_int_equal(memblock_phys_mem_size(), 0x80000);

	/* The rest to node 1 as well: everything merges per region. */
	assert_int_equal(memblock_set_node(0x0, 0x100000, 1), 0);
	EXPECT(memory, R(0x0, 0x40000, 1), R(0x80000, 0x40000, 1));
	/* Then two nodes meeting in the middle of a region. */
	assert_int_equal(memblock_set_node(0x0, 0x10000, 0), 0);
	EXPECT(memory, R(0x0, 0x10000, 0), R(0x10000, 0x30000, 1),
	       R(0x80000, 0x40000, 1));
	assert_int_equal(memblock_set_node(0x0, 0x1000, 64), -EINVAL);
	check_tables();
}

/*
 *   memory [0x0-0x100000)   hidden [0x100000-0x200000)  (after mem=1M)
 *   set node 2 on [0x80000 ------------- 0x180000)
 * Expect hidden RAM to get the node too, for the later probe.
 */
static void
test_set_node_covers_hidden(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x0, 0x200000), 0);
	assert_int_equal(memblock_cap_memory(0x100000), 0);
	assert_int_equal(memblock_set_node(0x80000, 0x100000, 2), 0);
	EXPECT(memory, R(0x0, 0x80000, NONE), R(0x80000, 0x80000, 2));
	EXPECT(hidden, R(0x100000, 0x80000, 2), R(0x180000, 0x80000, NONE));
	check_tables();
}

/* ------------------------------------------------------------ mem= */

/*
 *   [0-0x9fc00)  hole  [0x100000 -------------|------------ 0x3ffe0000)
 *   mem=256M: 256 MiB of RAM end at 0x10060400, not at 0x10000000
 * Expect mem= to count RAM bytes, skipping the hole, and the rest of RAM
 * to move to hidden.
 */
static void
test_cap_memory_counts_ram_over_holes(void **state)
{
	(void)state;
	add_qemu_1g_map();
	assert_int_equal(memblock_phys_mem_size(), 0x3ff7fc00);
	assert_int_equal(memblock_cap_memory(256 * MiB), 0);
	EXPECT(memory, R(0x0, 0x9fc00, NONE), R(0x100000, 0xff60400, NONE));
	EXPECT(hidden, R(0x10060400, 0x3ffe0000 - 0x10060400, NONE));
	assert_int_equal(memblock_phys_mem_size(), 256 * MiB);
	assert_false(memblock_is_memory(0x10060400));
	assert_true(memblock_is_memory(0x100603ff));
	assert_true(fake_printk_contains("memblock: mem=: kept 0x10000000 bytes"));
	check_tables();
}

/*
 *   node 0: [0-0x9fc00) [0x100000-0xc0000000)   hole (PCI)
 *   node 1: [0x100000000 ------------------------------- 0x1c0000000)
 *   mem=4G: the cut falls in node 1; mem=0x9fc00: exactly at a region end
 * Expect the hidden list to keep each piece's node, a second smaller cap
 * to add to hidden (merging), and a cap at a region end to hide whole
 * regions only.
 */
static void
test_cap_memory_keeps_nodes_in_hidden(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x0, 0x9fc00, 0), 0);
	assert_int_equal(memblock_add_node(0x100000, 0xc0000000 - 0x100000, 0), 0);
	assert_int_equal(memblock_add_node(0x100000000, 3 * GiB, 1), 0);
	assert_int_equal(memblock_cap_memory(4 * GiB), 0);
	EXPECT(memory, R(0x0, 0x9fc00, 0), R(0x100000, 0xbff00000, 0),
	       R(0x100000000, 0x40060400, 1));
	EXPECT(hidden, R(0x140060400, 0x1c0000000 - 0x140060400, 1));

	assert_int_equal(memblock_cap_memory(0x9fc00), 0);
	EXPECT(memory, R(0x0, 0x9fc00, 0));
	EXPECT(hidden, R(0x100000, 0xbff00000, 0),
	       R(0x100000000, 0xc0000000, 1));
	assert_int_equal(memblock_phys_mem_size(), 0x9fc00);
	check_tables();
}

/*
 *   [0-0x9fc00)  [0x100000-0x3ffe0000)   mem=2G, mem=0x3ff7fc00, mem=0
 * Expect a limit at or above all RAM to change nothing, and 0 to be
 * refused; reservations above the cut stay reserved.
 */
static void
test_cap_memory_no_op_and_zero(void **state)
{
	(void)state;
	add_qemu_1g_map();
	assert_int_equal(memblock_reserve(0x3f000000, 0x1000), 0);
	assert_int_equal(memblock_cap_memory(2 * GiB), 0);
	assert_int_equal(memblock_cap_memory(0x3ff7fc00), 0);
	assert_int_equal(memblock.hidden.cnt, 0);
	assert_int_equal(memblock_cap_memory(0), -EINVAL);
	assert_true(fake_printk_contains("memblock: mem=: limit 0 refused"));
	assert_int_equal(memblock_phys_mem_size(), 0x3ff7fc00);
	assert_int_equal(memblock_cap_memory(16 * MiB), 0);
	EXPECT(reserved, R(0x3f000000, 0x1000, NONE));
	check_tables();
}

/* ------------------------------------------------------------ limits */

static struct memblock saved;	/* the tables before a refused call */

static void
save_tables(void)
{
	memcpy(&saved, &memblock, sizeof(saved));
}

static void
expect_tables_unchanged(void)
{
	assert_memory_equal(&saved, &memblock, sizeof(saved));
}

/* Fill a table through ADD: region i = [i * 0x2000, + 0x1000). */
static void
fill_table(int (*add)(paddr_t, u64))
{
	int i;

	for (i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		assert_int_equal(add((paddr_t)i * 0x2000, 0x1000), 0);
}

/*
 *   memory: 128 regions  [0x0-0x1000) [0x2000-0x3000) ... (full)
 *   add a 129th, split one by remove or set_node, reserve a 129th
 * Expect -ENOMEM with a message and every table unchanged; operations
 * that do not need a new region still work on a full table.
 */
static void
test_table_overflow_changes_nothing(void **state)
{
	(void)state;
	fill_table(memblock_add);
	save_tables();
	fake_printk_clear();
	assert_int_equal(memblock_add(0x1000000, 0x1000), -ENOMEM);
	assert_true(fake_printk_contains("memblock: memory: table full (128 regions): add [0x1000000-0x1001000) refused"));
	assert_int_equal(memblock_remove(0x4400, 0x100), -ENOMEM);
	assert_int_equal(memblock_set_node(0x4400, 0x100, 1), -ENOMEM);
	expect_tables_unchanged();

	/* No new region needed: removing a whole one, growing one, merging. */
	assert_int_equal(memblock_remove(0x4000, 0x1000), 0);
	assert_int_equal(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS - 1);
	assert_int_equal(memblock_add(0x1000000, 0x1000), 0);
	assert_int_equal(memblock_add(0x1000, 0x1000), 0);	/* joins two */
	assert_int_equal(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS - 1);
	assert_int_equal(memblock_add(0x0, 0x2000000), 0);
	EXPECT(memory, R(0x0, 0x2000000, NONE));

	/* Reserved full: reserve and alloc refuse, nothing changes. */
	fill_table(memblock_reserve);
	save_tables();
	assert_int_equal(memblock_reserve(0x1000001, 0x10), -ENOMEM);
	assert_int_equal(memblock_free(0x2400, 0x100), -ENOMEM);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0);
	expect_tables_unchanged();
	/* An allocation that fills the gap between two reservations needs
	 * no new region: it joins them. */
	memblock.alloc_limit = 0xff000;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0xfd000);
	assert_int_equal(memblock.reserved.cnt, MEMBLOCK_MAX_REGIONS - 1);
	check_tables();
}

/*
 *   memory: 1 region kept below, 127 hidden above; then 10 more regions
 *   in the gaps between hidden ones, and mem= again; set_node splitting
 *   a hidden region
 * Expect a cap or set_node whose hidden table would overflow to change
 * neither memory nor hidden.
 */
static void
test_cap_overflow_changes_nothing(void **state)
{
	int i;

	(void)state;
	fill_table(memblock_add);
	assert_int_equal(memblock_cap_memory(0x1000), 0);
	assert_int_equal(memblock.memory.cnt, 1);
	assert_int_equal(memblock.hidden.cnt, MEMBLOCK_MAX_REGIONS - 1);
	for (i = 0; i < 10; i++)
		assert_int_equal(memblock_add(0x2000 * (i + 1) + 0x1800, 0x100), 0);
	save_tables();
	fake_printk_clear();
	assert_int_equal(memblock_cap_memory(0x1000), -ENOMEM);
	assert_true(fake_printk_contains("memblock: hidden: table full (128 regions): mem= cap"));
	expect_tables_unchanged();
	/* Splitting a hidden region in three: one too many for hidden. */
	assert_int_equal(memblock_set_node(0x2400, 0x100, 1), -ENOMEM);
	assert_true(fake_printk_contains("memblock: hidden: table full (128 regions): set node"));
	expect_tables_unchanged();
	check_tables();
}

/*
 *   size 0; base + size past 2^64; base + size == 2^64 exactly
 * Expect every table call to refuse them with -EINVAL and a message, and
 * a range ending just below 2^64 to be fine.
 */
static void
test_zero_and_wrapping_sizes_rejected(void **state)
{
	const paddr_t top = UINT64_MAX - 0xfff;	/* the last 4 KiB: 2^64 wraps */
	int (*const fns[])(paddr_t, u64) = {
		memblock_add, memblock_remove, memblock_reserve, memblock_free,
	};
	size_t i;

	(void)state;
	add_qemu_1g_map();
	assert_int_equal(memblock_reserve(0x0, 0x1000), 0);
	save_tables();
	fake_printk_clear();
	for (i = 0; i < ARRAY_SIZE(fns); i++) {
		assert_int_equal(fns[i](0x1000, 0), -EINVAL);
		assert_int_equal(fns[i](top, 0x2000), -EINVAL);
		assert_int_equal(fns[i](top, 0x1000), -EINVAL);
		assert_int_equal(fns[i](1, UINT64_MAX), -EINVAL);
	}
	assert_int_equal(memblock_add_node(0x1000, 0, 0), -EINVAL);
	assert_int_equal(memblock_add_node(top, 0x1000, 0), -EINVAL);
	assert_int_equal(memblock_set_node(0x1000, 0, 0), -EINVAL);
	assert_int_equal(memblock_set_node(top, 0x1000, 0), -EINVAL);
	assert_int_equal(fake_printk_count, 4 * 4 + 4);
	assert_true(fake_printk_contains("memblock: add: bad range (base 0x1000, size 0x0): empty"));
	assert_true(fake_printk_contains("memblock: reserve: bad range (base 0xfffffffffffff000, size 0x2000): wraps past the top of memory"));
	expect_tables_unchanged();

	assert_int_equal(memblock_add(top, 0xfff), 0);
	assert_true(memblock_is_memory(UINT64_MAX - 1));
	assert_false(memblock_is_memory(UINT64_MAX));
	check_tables();
}

/*
 *   nid 64, nid -2
 * Expect a node outside 0..MAX_NUMNODES-1 (other than NUMA_NO_NODE) to
 * be refused.
 */
static void
test_bad_node_rejected(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x1000, 0x1000, MAX_NUMNODES), -EINVAL);
	assert_int_equal(memblock_add_node(0x1000, 0x1000, -2), -EINVAL);
	assert_true(fake_printk_contains("memblock: add: bad node 64 (0..63 or NUMA_NO_NODE)"));
	assert_int_equal(memblock_add_node(0x1000, 0x1000, MAX_NUMNODES - 1), 0);
	EXPECT(memory, R(0x1000, 0x1000, MAX_NUMNODES - 1));
	check_tables();
}

/* ------------------------------------------------------------ free ranges */

/* Collect the free ranges into OUT (at most MAX); returns how many. */
static int
collect_free(struct memblock_region *out, int max)
{
	paddr_t start, end;
	u64 cursor = 0;
	int nid, n = 0;

	while (memblock_next_free_range(&cursor, &start, &end, &nid)) {
		assert_true(n < max);
		assert_true(start < end);
		out[n++] = (struct memblock_region)R(start, end - start, nid);
	}
	return n;
}

#define EXPECT_FREE(...) do {						\
	const struct memblock_region want_[] = { __VA_ARGS__ };		\
	struct memblock_region got_[32];				\
	int n_ = collect_free(got_, 32), i_;				\
	assert_int_equal(n_, (int)ARRAY_SIZE(want_));			\
	for (i_ = 0; i_ < n_; i_++) {					\
		assert_int_equal(got_[i_].base, want_[i_].base);	\
		assert_int_equal(got_[i_].size, want_[i_].size);	\
		assert_int_equal(got_[i_].nid, want_[i_].nid);		\
	}								\
} while (0)

/*
 *   memory    [0 ------ 0x9fc00)      [0x100000 ------------------- 0x1000000)
 *   reserved  [0-0x1000)  [0x9f000-0xa0000)  [0x100000-0x200000) [0x800000+0x1000)
 *   free        [0x1000-0x9f000)          [0x200000-0x800000) [0x801000-0x1000000)
 * Expect the walk to return memory minus reserved in address order, and
 * a node boundary to end a free range.
 */
static void
test_free_ranges_are_memory_minus_reserved(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x0, 0x9fc00), 0);
	assert_int_equal(memblock_add(0x100000, 0xf00000), 0);
	assert_int_equal(memblock_reserve(0x0, 0x1000), 0);
	assert_int_equal(memblock_reserve(0x9f000, 0x1000), 0);
	assert_int_equal(memblock_reserve(0x100000, 0x100000), 0);
	assert_int_equal(memblock_reserve(0x800000, 0x1000), 0);
	assert_int_equal(memblock_reserve(0x2000000, 0x1000), 0);	/* not RAM */
	EXPECT_FREE(R(0x1000, 0x9e000, NONE), R(0x200000, 0x600000, NONE),
		    R(0x801000, 0x7ff000, NONE));

	assert_int_equal(memblock_set_node(0x0, 0x400000, 0), 0);
	assert_int_equal(memblock_set_node(0x400000, 0xc00000, 1), 0);
	EXPECT_FREE(R(0x1000, 0x9e000, 0), R(0x200000, 0x200000, 0),
		    R(0x400000, 0x400000, 1), R(0x801000, 0x7ff000, 1));
	check_tables();
}

/*
 *   memory [0x0-0x10000) all reserved; nothing in memory
 * Expect no free range from fully reserved memory or empty tables, and
 * the walk to see a reservation made between two calls.
 */
static void
test_free_ranges_empty_and_changing(void **state)
{
	paddr_t start, end;
	u64 cursor = 0;

	(void)state;
	assert_false(memblock_next_free_range(&cursor, &start, &end, NULL));
	assert_int_equal(memblock_add(0x0, 0x10000), 0);
	assert_int_equal(memblock_reserve(0x0, 0x10000), 0);
	assert_false(memblock_next_free_range(&cursor, &start, &end, NULL));

	assert_int_equal(memblock_add(0x20000, 0x10000), 0);
	assert_int_equal(memblock_add(0x40000, 0x10000), 0);
	assert_true(memblock_next_free_range(&cursor, &start, &end, NULL));
	assert_int_equal(start, 0x20000);
	assert_int_equal(end, 0x30000);
	assert_int_equal(cursor, 0x30000);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x4f000);
	assert_true(memblock_next_free_range(&cursor, &start, &end, NULL));
	assert_int_equal(start, 0x40000);
	assert_int_equal(end, 0x4f000);
	assert_false(memblock_next_free_range(&cursor, &start, &end, NULL));
	check_tables();
}

/* ------------------------------------------------------------ sums, dump */

/*
 *   memory [0-0x9fc00) [0x100000-0x3ffe0000)   reserved [0-0x100000)
 * Expect the sums and the predicates to agree with the tables at their
 * edges (ends are exclusive).
 */
static void
test_sums_and_predicates(void **state)
{
	(void)state;
	assert_int_equal(memblock_phys_mem_size(), 0);
	assert_int_equal(memblock_reserved_size(), 0);
	assert_false(memblock_is_memory(0));
	add_qemu_1g_map();
	assert_int_equal(memblock_reserve(0x0, 0x100000), 0);
	assert_int_equal(memblock_phys_mem_size(), 0x9fc00 + 0x3fee0000);
	assert_int_equal(memblock_reserved_size(), 0x100000);
	assert_true(memblock_is_memory(0x0));
	assert_true(memblock_is_memory(0x9fbff));
	assert_false(memblock_is_memory(0x9fc00));
	assert_false(memblock_is_memory(0xfffff));
	assert_true(memblock_is_memory(0x100000));
	assert_true(memblock_is_memory(0x3ffdffff));
	assert_false(memblock_is_memory(0x3ffe0000));
	assert_true(memblock_is_reserved(0xfffff));
	assert_false(memblock_is_reserved(0x100000));
	check_tables();
}

/*
 *   the QEMU 1 GiB map, node 0, first MiB reserved, mem=512M
 * Expect one line per region of each table, Linux-like, end inclusive.
 */
static void
test_dump_prints_three_tables(void **state)
{
	(void)state;
	add_qemu_1g_map();
	assert_int_equal(memblock_set_node(0x0, 1 * GiB, 0), 0);
	assert_int_equal(memblock_reserve(0x0, 0x100000), 0);
	assert_int_equal(memblock_cap_memory(512 * MiB), 0);
	fake_printk_clear();
	memblock_dump();
	assert_true(fake_printk_contains(
		"memblock: memory: 2 regions, 0x20000000 bytes\n"
		"memblock: memory   [0x0000000000000000-0x000000000009fbff] node 0\n"
		"memblock: memory   [0x0000000000100000-0x00000000200603ff] node 0\n"
		"memblock: reserved: 1 region, 0x100000 bytes\n"
		"memblock: reserved [0x0000000000000000-0x00000000000fffff]\n"
		"memblock: hidden: 1 region, 0x1ff7fc00 bytes\n"
		"memblock: hidden   [0x0000000020060400-0x000000003ffdffff] node 0\n"));
	assert_int_equal(fake_printk_count, 7);
}

/* ------------------------------------------------------------ hotplug flag */

/*
 *   memory  [0 ---- 0x40000) node 0   [0x40000 ---- 0x80000) node 1   hole   [0xc0000-0x100000) 1
 *   mark              [0x20000 ------------------ 0x60000)
 *   result  0 | 0 hotplug | 1 hotplug | 1                              1
 * Expect mark_hotplug to split at the range's edges like set_node, flag
 * only the inside, keep nodes, and leave holes holes.
 */
static void
test_mark_hotplug_splits_regions(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x0, 0x40000, 0), 0);
	assert_int_equal(memblock_add_node(0x40000, 0x40000, 1), 0);
	assert_int_equal(memblock_add_node(0xc0000, 0x40000, 1), 0);
	assert_int_equal(memblock_mark_hotplug(0x20000, 0x40000), 0);
	EXPECT(memory, R(0x0, 0x20000, 0), HP(0x20000, 0x20000, 0),
	       HP(0x40000, 0x20000, 1), R(0x60000, 0x20000, 1),
	       R(0xc0000, 0x40000, 1));
	check_tables();
	/* Marking a hole only changes nothing; a bad range is refused. */
	assert_int_equal(memblock_mark_hotplug(0x80000, 0x40000), 0);
	assert_int_equal(memblock.memory.cnt, 5);
	assert_int_equal(memblock_mark_hotplug(0x1000, 0), -EINVAL);
	check_tables();
}

/*
 *   node 1: [0x100000 ------------------------------ 0x300000)
 *   mark [0x100000-0x180000), then [0x200000-0x300000), then the gap
 *   node 1 again on all of it with set_node
 * Expect touching regions to merge only when node AND flags are equal:
 * the gap's marking joins three regions into one, set_node keeps flags,
 * and an add next to a flagged region stays apart (new RAM is unflagged).
 */
static void
test_mark_hotplug_merges_equal_flags_only(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x200000, 1), 0);
	assert_int_equal(memblock_mark_hotplug(0x100000, 0x80000), 0);
	assert_int_equal(memblock_mark_hotplug(0x200000, 0x100000), 0);
	EXPECT(memory, HP(0x100000, 0x80000, 1), R(0x180000, 0x80000, 1),
	       HP(0x200000, 0x100000, 1));
	check_tables();
	assert_int_equal(memblock_mark_hotplug(0x180000, 0x80000), 0);
	EXPECT(memory, HP(0x100000, 0x200000, 1));
	assert_int_equal(memblock_set_node(0x100000, 0x100000, 2), 0);
	EXPECT(memory, HP(0x100000, 0x100000, 2), HP(0x200000, 0x100000, 1));
	assert_int_equal(memblock_add_node(0x300000, 0x100000, 1), 0);
	EXPECT(memory, HP(0x100000, 0x100000, 2), HP(0x200000, 0x100000, 1),
	       R(0x300000, 0x100000, 1));
	/* Removing from the middle keeps the flag on both pieces. */
	assert_int_equal(memblock_remove(0x240000, 0x80000), 0);
	EXPECT(memory, HP(0x100000, 0x100000, 2), HP(0x200000, 0x40000, 1),
	       HP(0x2c0000, 0x40000, 1), R(0x300000, 0x100000, 1));
	check_tables();
}

/*
 *   memory: 128 regions [i * 0x2000, + 0x1000) (full)
 *   mark the middle of one
 * Expect -ENOMEM and no change; marking whole regions needs no new one.
 */
static void
test_mark_hotplug_full_table_changes_nothing(void **state)
{
	(void)state;
	for (int i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		assert_int_equal(memblock_add((paddr_t)i * 0x2000, 0x1000), 0);
	{
		struct memblock before = memblock;

		assert_int_equal(memblock_mark_hotplug(0x4400, 0x100), -ENOMEM);
		assert_true(fake_printk_contains("memblock: memory: table full (128 regions): mark hotplug"));
		assert_memory_equal(&before, &memblock, sizeof(before));
	}
	assert_int_equal(memblock_mark_hotplug(0x4000, 0x1000), 0);
	assert_int_equal(memblock.memory.regions[2].flags, MEMBLOCK_HOTPLUG);
	assert_int_equal(memblock.memory.regions[1].flags, 0);
	check_tables();
}

/*
 *   node 0: [0x100000-0x200000)   node 0: [0x200000-0x300000) hotplug
 * Expect alloc to take the top of the hotplug region while skip_hotplug
 * is off, and the top of the plain region while it is on.
 */
static void
test_alloc_skips_hotplug_when_asked(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x200000, 0), 0);
	assert_int_equal(memblock_mark_hotplug(0x200000, 0x100000), 0);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x2ff000);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 0), 0x2fe000);
	check_tables();

	memblock.skip_hotplug = true;
	fake_printk_clear();
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x1ff000);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 0), 0x1fe000);
	assert_int_equal(fake_printk_count, 0);
	/* Only allocation skips it: the free-range walk still lists it. */
	{
		paddr_t start, end;
		u64 cursor = 0x200000;

		assert_true(memblock_next_free_range(&cursor, &start, &end, NULL));
		assert_int_equal(start, 0x200000);
		assert_int_equal(end, 0x2fe000);
	}
	check_tables();
}

/*
 *   [0x100000-0x200000) all reserved but [0x1ff000-0x200000)
 *   [0x200000-0x300000) hotplug, free
 * Expect, with skip_hotplug, a 4 KiB alloc from the plain page, then an
 * 8 KiB one (nothing plain fits) from the top of hotplug memory with a
 * warning naming the size.
 */
static void
test_alloc_falls_back_to_hotplug_with_warning(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x200000, 0), 0);
	assert_int_equal(memblock_mark_hotplug(0x200000, 0x100000), 0);
	assert_int_equal(memblock_reserve(0x100000, 0xff000), 0);
	memblock.skip_hotplug = true;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x1ff000);
	assert_int_equal(fake_printk_count, 0);
	assert_int_equal(memblock_alloc(0x2000, 0x1000), 0x2fe000);
	assert_true(fake_printk_contains("memblock: alloc: 0x2000 bytes at 0x2fe000 are in hotpluggable memory (node 0)"));
	/* Only hotplug memory at all (a machine that is all hotpluggable):
	 * boot still gets its memory. */
	setup(NULL);
	assert_int_equal(memblock_add_node(0x100000, 0x100000, 0), 0);
	assert_int_equal(memblock_mark_hotplug(0x0, 0x1000000), 0);
	memblock.skip_hotplug = true;
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 0), 0x1ff000);
	assert_true(fake_printk_contains("0x1000 bytes at 0x1ff000 are in hotpluggable memory"));
	check_tables();
}

/*
 *   node 0: [0x100000-0x200000)   node 1: [0x200000-0x400000) all hotplug
 * Expect, with skip_hotplug, alloc_node(1) to come from node 0 (as Linux
 * places a movable node's memmaps), with no warning; with node 0 full,
 * from node 1's own hotplug memory, warned.
 */
static void
test_alloc_node_all_hotplug_node_uses_other_node(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x100000, 0), 0);
	assert_int_equal(memblock_add_node(0x200000, 0x200000, 1), 0);
	assert_int_equal(memblock_mark_hotplug(0x200000, 0x200000), 0);
	memblock.skip_hotplug = true;
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 1), 0x1ff000);
	assert_true(fake_printk_contains("node 1 has no 0x1000 bytes free, took them from node 0"));
	assert_false(fake_printk_contains("hotpluggable"));
	assert_int_equal(memblock_reserve(0x100000, 0xff000), 0);
	fake_printk_clear();
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 1), 0x3ff000);
	assert_true(fake_printk_contains("0x1000 bytes at 0x3ff000 are in hotpluggable memory (node 1)"));
	assert_false(fake_printk_contains("took them from"));
	check_tables();
}

/*
 *   memory: node 0 plain, node 1 hotplug
 * Expect dump to end flagged lines with " hotplug".
 */
static void
test_dump_shows_hotplug(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x100000, 0), 0);
	assert_int_equal(memblock_add_node(0x200000, 0x100000, 1), 0);
	assert_int_equal(memblock_mark_hotplug(0x200000, 0x100000), 0);
	fake_printk_clear();
	memblock_dump();
	assert_true(fake_printk_contains(
		"memblock: memory   [0x0000000000100000-0x00000000001fffff] node 0\n"
		"memblock: memory   [0x0000000000200000-0x00000000002fffff] node 1 hotplug\n"));
	check_tables();
}

/* ------------------------------------------------------------ bottom-up */

/*
 *   memory [0x100000 -------------------------------- 0x200000)
 * Expect, with bottom_up, allocations from the bottom up, aligned,
 * reserved at once; back to the top once bottom_up is cleared.
 */
static void
test_alloc_bottom_up_aligned(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x100000, 0x100000), 0);
	memblock.bottom_up = true;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x100000);
	assert_int_equal(memblock_alloc(0x100, 0x10000), 0x110000);
	assert_int_equal(memblock_alloc(0x3000, 0x1000), 0x101000);
	EXPECT(reserved, R(0x100000, 0x4000, NONE), R(0x110000, 0x100, NONE));
	assert_int_equal(memblock_alloc(0x10, 1), 0x104000);
	EXPECT(reserved, R(0x100000, 0x4010, NONE), R(0x110000, 0x100, NONE));
	memblock.bottom_up = false;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x1ff000);
	assert_int_equal(memblock_reserved_size(), 0x5110);
	check_tables();
}

/*
 *   memory [0x0-0x1000)   [0x100000 ------------------------ 0x200000)
 *   reserved              [0x100000 - 0x180000)
 *                              alloc_limit 0x181800 |
 * Expect, with bottom_up, the lowest fit above the reservation, address 0
 * never handed out (a fit there moves up by the alignment), and nothing
 * that would end above alloc_limit.
 */
static void
test_alloc_bottom_up_reserved_and_limit(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x0, 0x1000), 0);
	assert_int_equal(memblock_add(0x100000, 0x100000), 0);
	assert_int_equal(memblock_reserve(0x100000, 0x80000), 0);
	memblock.bottom_up = true;
	assert_int_equal(memblock_alloc(0x800, 0x800), 0x800);
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x180000);
	memblock.alloc_limit = 0x181800;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0);
	assert_int_equal(memblock_alloc(0x800, 0x800), 0x181000);
	memblock.alloc_limit = 0;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x182000);
	EXPECT(reserved, R(0x800, 0x800, NONE), R(0x100000, 0x81800, NONE),
	       R(0x182000, 0x1000, NONE));
	check_tables();
}

/*
 *   node 0: [0x100000-0x200000) hotplug   node 1: [0x200000-0x300000)
 *   node 0: [0x300000-0x400000)
 * Expect, with bottom_up and skip_hotplug, the lowest fit outside
 * hotplug memory, the caller's node first (the passes keep their order),
 * and hotplug memory only as the warned last resort, from its bottom.
 */
static void
test_alloc_bottom_up_skips_hotplug(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(0x100000, 0x100000, 0), 0);
	assert_int_equal(memblock_add_node(0x200000, 0x100000, 1), 0);
	assert_int_equal(memblock_add_node(0x300000, 0x100000, 0), 0);
	assert_int_equal(memblock_mark_hotplug(0x100000, 0x100000), 0);
	memblock.bottom_up = true;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x100000);
	memblock.skip_hotplug = true;
	assert_int_equal(memblock_alloc(0x1000, 0x1000), 0x200000);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 0), 0x300000);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 1), 0x201000);
	assert_false(fake_printk_contains("hotpluggable"));
	assert_int_equal(memblock_reserve(0x202000, 0xfe000), 0);
	assert_int_equal(memblock_reserve(0x301000, 0xff000), 0);
	assert_int_equal(memblock_alloc_node(0x1000, 0x1000, 1), 0x101000);
	assert_true(fake_printk_contains("0x1000 bytes at 0x101000 are in hotpluggable memory (node 0)"));
	EXPECT(memory, HP(0x100000, 0x100000, 0), R(0x200000, 0x100000, 1),
	       R(0x300000, 0x100000, 0));
	EXPECT(reserved, R(0x100000, 0x2000, NONE), R(0x200000, 0x200000, NONE));
	check_tables();
}

/* ------------------------------------------------------------ random */

/*
 * The model: one entry per 4 KiB unit of a 4 MiB space.  MODEL_NONE marks
 * a unit outside the table; otherwise the entry is the unit's node (or
 * NUMA_NO_NODE), plus MODEL_HP for a memory unit flagged
 * MEMBLOCK_HOTPLUG.  The tables must equal the model's maximal runs.
 */
#define UNIT		0x1000ULL
#define NR_UNITS	1024
#define MODEL_NONE	(-100)
#define MODEL_HP	1000

static bool
model_is_hp(int v)
{
	return v >= MODEL_HP / 2;
}

static int
model_nid(int v)
{
	return model_is_hp(v) ? v - MODEL_HP : v;
}

struct model {
	int memory[NR_UNITS];	/* node (+ MODEL_HP) of each RAM unit, or MODEL_NONE */
	int reserved[NR_UNITS];	/* NUMA_NO_NODE if reserved, else MODEL_NONE */
	int hidden[NR_UNITS];	/* node of each hidden unit, or MODEL_NONE */
};

static u64 rng_state = 0x9e3779b97f4a7c15ULL;	/* xorshift64 state */

static unsigned int
rnd(unsigned int n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned int)(rng_state % n);
}

/* Runs of the same value in UNITS: how many, and written to OUT. */
static int
model_runs(const int *units, struct memblock_region *out)
{
	int n = 0, u = 0;

	while (u < NR_UNITS) {
		int v = units[u], s = u;

		while (u < NR_UNITS && units[u] == v)
			u++;
		if (v == MODEL_NONE)
			continue;
		if (out && n < MEMBLOCK_MAX_REGIONS)
			out[n] = (struct memblock_region){
				.base = s * UNIT, .size = (u - s) * UNIT,
				.nid = model_nid(v),
				.flags = model_is_hp(v) ? MEMBLOCK_HOTPLUG : 0,
			};
		n++;
	}
	return n;
}

static bool
model_fits(const struct model *m)
{
	return model_runs(m->memory, NULL) <= MEMBLOCK_MAX_REGIONS &&
	       model_runs(m->reserved, NULL) <= MEMBLOCK_MAX_REGIONS &&
	       model_runs(m->hidden, NULL) <= MEMBLOCK_MAX_REGIONS;
}

static void
model_compare(const struct model *m)
{
	static struct memblock_region want[MEMBLOCK_MAX_REGIONS];
	int free_units[NR_UNITS], u, n;
	paddr_t start, end;
	u64 cursor = 0;
	int nid, i = 0;

	check_tables();
	n = model_runs(m->memory, want);
	expect_regions(&memblock.memory, want, n);
	n = model_runs(m->reserved, want);
	expect_regions(&memblock.reserved, want, n);
	n = model_runs(m->hidden, want);
	expect_regions(&memblock.hidden, want, n);

	for (u = 0; u < NR_UNITS; u++)
		free_units[u] = m->reserved[u] == MODEL_NONE ? m->memory[u] : MODEL_NONE;
	n = model_runs(free_units, want);
	while (memblock_next_free_range(&cursor, &start, &end, &nid)) {
		assert_true(i < n);
		assert_int_equal(start, want[i].base);
		assert_int_equal(end, want[i].base + want[i].size);
		assert_int_equal(nid, want[i].nid);
		i++;
	}
	assert_int_equal(i, n);
}

/* Highest unit A (lowest with memblock.bottom_up; A > 0, multiple of
 * ALIGN) with N free units in one region on node NID (or any), hotplug
 * ones only if WITH_HP, from A; -1 if none. */
static int
model_find(const struct model *m, int n, int align, int nid, bool with_hp)
{
	int top = (NR_UNITS - n) / align * align;
	int step = memblock.bottom_up ? align : -align;
	int a, u;

	for (a = memblock.bottom_up ? align : top; a > 0 && a <= top; a += step) {
		int v = m->memory[a];

		if (v == MODEL_NONE || (nid != NUMA_NO_NODE && model_nid(v) != nid))
			continue;
		if (model_is_hp(v) && !with_hp)
			continue;
		for (u = a; u < a + n; u++)
			if (m->memory[u] != v || m->reserved[u] != MODEL_NONE)
				break;
		if (u == a + n)
			return a;
	}
	return -1;
}

static void
model_fill(int *units, int base, int size, int value, bool only_empty)
{
	int u;

	for (u = base; u < base + size; u++)
		if (!only_empty || units[u] == MODEL_NONE)
			units[u] = value;
}

/*
 * Where the model allocates: memblock's alloc_passes[] written out.
 * Without skip_hotplug: node, then any.  With it: node, any, without
 * hotplug units; then node, any, with them.
 */
static int
model_alloc(const struct model *m, int n, int align, int nid, bool skip)
{
	int a = model_find(m, n, align, nid, !skip);

	if (a < 0 && nid != NUMA_NO_NODE)
		a = model_find(m, n, align, NUMA_NO_NODE, !skip);
	if (a < 0 && skip)
		a = model_find(m, n, align, nid, true);
	if (a < 0 && skip && nid != NUMA_NO_NODE)
		a = model_find(m, n, align, NUMA_NO_NODE, true);
	return a;
}

/*
 *   random add / remove / reserve / free / set_node / mark_hotplug /
 *   skip_hotplug on-off / bottom_up on-off / alloc / mem= over a 4 MiB
 *   space in 4 KiB units,
 *   10000 steps
 * Expect the tables and the free-range walk to match the unit model after
 * every step, and -ENOMEM exactly when the model needs more than
 * MEMBLOCK_MAX_REGIONS regions.
 */
static void
test_random_operations_match_model(void **state)
{
	static struct model m, next;
	int step, u;

	(void)state;
	for (u = 0; u < NR_UNITS; u++)
		m.memory[u] = m.reserved[u] = m.hidden[u] = MODEL_NONE;

	for (step = 0; step < 10000; step++) {
		int op = rnd(19), base = rnd(NR_UNITS);
		int size = 1 + rnd(rnd(2) ? 4 : 32);	/* small ones fragment */
		int nid = (int)rnd(4) - 1, rc = 0;

		if (base + size > NR_UNITS)
			size = NR_UNITS - base;
		next = m;
		switch (op) {
		case 0: case 1: case 2: case 3:
			rc = memblock_add_node(base * UNIT, size * UNIT, nid);
			model_fill(next.memory, base, size, nid, true);
			break;
		case 4: case 5:
			rc = memblock_remove(base * UNIT, size * UNIT);
			model_fill(next.memory, base, size, MODEL_NONE, false);
			break;
		case 6: case 7: case 8:
			rc = memblock_reserve(base * UNIT, size * UNIT);
			model_fill(next.reserved, base, size, NUMA_NO_NODE, false);
			break;
		case 9: case 10:
			rc = memblock_free(base * UNIT, size * UNIT);
			model_fill(next.reserved, base, size, MODEL_NONE, false);
			break;
		case 11: case 12:
			rc = memblock_set_node(base * UNIT, size * UNIT, nid);
			for (u = base; u < base + size; u++) {
				if (next.memory[u] != MODEL_NONE)
					next.memory[u] = nid +
						(model_is_hp(next.memory[u]) ? MODEL_HP : 0);
				if (next.hidden[u] != MODEL_NONE)
					next.hidden[u] = nid;
			}
			break;
		case 13: case 14: {
			int n = 1 + rnd(8), align = 1 << rnd(4), a;
			paddr_t got;

			a = model_alloc(&m, n, align, nid, memblock.skip_hotplug);
			if (a >= 0)
				model_fill(next.reserved, a, n, NUMA_NO_NODE, false);
			got = memblock_alloc_node(n * UNIT, align * UNIT, nid);
			if (a < 0 || !model_fits(&next)) {
				assert_int_equal(got, 0);
				next = m;
			} else {
				assert_int_equal(got, a * UNIT);
			}
			m = next;
			model_compare(&m);
			continue;
		}
		case 15:
			rc = memblock_mark_hotplug(base * UNIT, size * UNIT);
			for (u = base; u < base + size; u++)
				if (next.memory[u] != MODEL_NONE &&
				    !model_is_hp(next.memory[u]))
					next.memory[u] += MODEL_HP;
			break;
		case 16:
			memblock.skip_hotplug = !memblock.skip_hotplug;
			model_compare(&m);
			continue;
		case 17:
			memblock.bottom_up = !memblock.bottom_up;
			model_compare(&m);
			continue;
		default: {
			/* mem=: rarely, so that memory is not all hidden */
			int keep = 1 + rnd(NR_UNITS), seen = 0;

			if (rnd(8))
				continue;
			rc = memblock_cap_memory(keep * UNIT);
			for (u = 0; u < NR_UNITS; u++) {
				if (next.memory[u] == MODEL_NONE)
					continue;
				if (++seen <= keep)
					continue;
				if (next.hidden[u] == MODEL_NONE)	/* no flags */
					next.hidden[u] = model_nid(next.memory[u]);
				next.memory[u] = MODEL_NONE;
			}
			break;
		}
		}
		if (model_fits(&next)) {
			assert_int_equal(rc, 0);
			m = next;
		} else {
			assert_int_equal(rc, -ENOMEM);
		}
		model_compare(&m);
	}
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup(fn, setup)
	const struct CMUnitTest tests[] = {
		T(test_add_merges_adjacent),
		T(test_add_inserts_sorted),
		T(test_add_overlapping_fills_holes_only),
		T(test_add_touching_nodes_stay_apart),
		T(test_remove_splits_region),
		T(test_remove_across_regions),
		T(test_reserve_and_free),
		T(test_alloc_top_down_aligned),
		T(test_alloc_skips_reserved),
		T(test_alloc_respects_limit),
		T(test_alloc_exhaustion_returns_zero),
		T(test_alloc_refuses_zero_address_and_bad_requests),
		T(test_alloc_node_prefers_node),
		T(test_alloc_node_falls_back),
		T(test_set_node_splits_regions),
		T(test_set_node_covers_hidden),
		T(test_cap_memory_counts_ram_over_holes),
		T(test_cap_memory_keeps_nodes_in_hidden),
		T(test_cap_memory_no_op_and_zero),
		T(test_table_overflow_changes_nothing),
		T(test_cap_overflow_changes_nothing),
		T(test_zero_and_wrapping_sizes_rejected),
		T(test_bad_node_rejected),
		T(test_free_ranges_are_memory_minus_reserved),
		T(test_free_ranges_empty_and_changing),
		T(test_sums_and_predicates),
		T(test_dump_prints_three_tables),
		T(test_mark_hotplug_splits_regions),
		T(test_mark_hotplug_merges_equal_flags_only),
		T(test_mark_hotplug_full_table_changes_nothing),
		T(test_alloc_skips_hotplug_when_asked),
		T(test_alloc_falls_back_to_hotplug_with_warning),
		T(test_alloc_node_all_hotplug_node_uses_other_node),
		T(test_dump_shows_hotplug),
		T(test_alloc_bottom_up_aligned),
		T(test_alloc_bottom_up_reserved_and_limit),
		T(test_alloc_bottom_up_skips_hotplug),
		T(test_random_operations_match_model),
	};
#undef T

	return cmocka_run_group_tests_name("mm/memblock", tests, NULL, NULL);
}
