/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_numa.c - host tests for mm/numa.c against the real
 * memblock: ranges reported per node land on memblock's regions, RAM in
 * no range goes to node 0 with a warning, hotplug ranges are found again,
 * memory-less nodes come online, numa=off puts everything on node 0,
 * distances, the boot zone split and memblock's hotplug flag (movable_node)
 * and the node files.
 *
 * Every test starts from empty memblock tables, no nodes and nothing
 * reported (setup()).  Sizes are bytes, so the tests pass with every
 * arch's parameters.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mm/mm.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "fake_printk.h"

#define KiB		0x400ULL
#define MiB		0x100000ULL
#define GiB		0x40000000ULL

static int
setup(void **state)
{
	(void)state;
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memblock.hidden.cnt = 0;
	memblock.alloc_limit = 0;
	memblock.skip_hotplug = false;
	numa_reset();
	memset(node_data, 0, sizeof(node_data));
	memset(node_distance_table, 0, sizeof(node_distance_table));
	fake_printk_clear();
	return 0;
}

/* The node memblock gives the byte at ADDR (memory or hidden), or -2. */
static int
nid_at(paddr_t addr)
{
	const struct memblock_type *types[] = { &memblock.memory, &memblock.hidden };

	for (size_t t = 0; t < ARRAY_SIZE(types); t++)
		for (int i = 0; i < types[t]->cnt; i++) {
			const struct memblock_region *r = &types[t]->regions[i];

			if (addr >= r->base && addr < r->base + r->size)
				return r->nid;
		}
	return -2;
}

static int
nr_online(void)
{
	int n = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		n += NODE_DATA(nid)->online;
	return n;
}

/* QEMU's default two-node machine (spec 6.2 example 2), as memblock and
 * the SRAT see it: RAM [0, 0x9f000) [1M, 512M); node 0 [0, 256M), node 1
 * [256M, 512M) and the hotplug window [4G, 4G + 7.5G) on node 1. */
static void
two_node_machine(void)
{
	assert_int_equal(memblock_add(0, 0x9f000), 0);
	assert_int_equal(memblock_add(MiB, 511 * MiB), 0);
	assert_int_equal(numa_add_cpu(0, 0), 0);
	assert_int_equal(numa_add_cpu(1, 1), 0);
	assert_int_equal(numa_add_memblk(0, 0, 0xA0000, 0), 0);
	assert_int_equal(numa_add_memblk(0, MiB, 255 * MiB, 0), 0);
	assert_int_equal(numa_add_memblk(1, 256 * MiB, 256 * MiB, 0), 0);
	assert_int_equal(numa_add_memblk(1, 4 * GiB, 0x1E0000000ULL, NUMA_MEM_HOTPLUGGABLE), 0);
}

/*
 *   memory  [0..0x9f000) [1M ............ 512M)
 *   SRAT    node 0 ...........| node 1 ...|        window [4G, 11.5G) node 1
 * Expect memblock split at 256M, nodes 0 and 1 online, the window found
 * for ranges inside it and not for ranges crossing its edges.
 */
static void
test_numa_two_nodes_from_ranges(void **state)
{
	(void)state;
	two_node_machine();
	assert_int_equal(numa_register(), 2);
	assert_int_equal(nid_at(0), 0);
	assert_int_equal(nid_at(MiB), 0);
	assert_int_equal(nid_at(256 * MiB - 1), 0);
	assert_int_equal(nid_at(256 * MiB), 1);
	assert_int_equal(nid_at(512 * MiB - 1), 1);
	assert_int_equal(memblock.memory.cnt, 3);
	assert_true(NODE_DATA(0)->online && NODE_DATA(1)->online);
	assert_int_equal(nr_online(), 2);
	assert_int_equal(numa_cpu_to_node(1), 1);
	assert_int_equal(numa_cpu_to_node(7), NUMA_NO_NODE);

	assert_int_equal(numa_nr_hotplug_ranges(), 1);
	assert_int_equal(numa_hotplug_range_at(0)->base, 4 * GiB);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB, 128 * MiB), 1);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB + 0x1E0000000ULL - 128 * MiB, 128 * MiB), 1);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB - MiB, 2 * MiB), -ENOENT);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB + 0x1E0000000ULL, MiB), -ENOENT);
	assert_int_equal(numa_hotplug_range_nid(256 * MiB, 128 * MiB), -ENOENT);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB, 0), -ENOENT);
	assert_int_equal(numa_hotplug_range_nid(~0ULL - MiB, 4 * MiB), -ENOENT);

	assert_int_equal(node_distance(0, 0), 10);
	assert_int_equal(node_distance(0, 1), 20);
	assert_false(fake_printk_contains("firmware bug"));
	assert_true(fake_printk_contains("numa: hotplug range [mem 0x100000000-0x2dfffffff] on node 1"));
}

/*
 *   memory  [0, 512M) and hidden (mem=) [1G, 1.5G)
 *   SRAT    node 1 [128M, 512M) only
 * Expect [0, 128M) and the hidden RAM on node 0, each with a warning.
 */
static void
test_numa_uncovered_ram_goes_to_node0(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0, 512 * MiB), 0);
	assert_int_equal(memblock_add(GiB, 512 * MiB), 0);
	assert_int_equal(memblock_cap_memory(512 * MiB), 0);
	assert_int_equal(memblock.hidden.cnt, 1);
	fake_printk_clear();
	assert_int_equal(numa_add_memblk(1, 128 * MiB, 384 * MiB, 0), 0);
	assert_int_equal(numa_register(), 2);
	assert_int_equal(nid_at(0), 0);
	assert_int_equal(nid_at(128 * MiB), 1);
	assert_int_equal(nid_at(GiB), 0);
	assert_true(fake_printk_contains("numa: [mem 0x00000000-0x07ffffff] is in no SRAT memory range; firmware bug, put on node 0"));
	assert_true(fake_printk_contains("numa: [mem 0x40000000-0x5fffffff] is in no SRAT memory range"));
}

/*
 *   node 0: all RAM;  node 2: a CPU, no memory;  node 3: only a hotplug range
 * Expect nodes 0, 2 and 3 online (1 not), 2 and 3 without RAM.
 */
static void
test_numa_memoryless_nodes_online(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0, 256 * MiB), 0);
	assert_int_equal(numa_add_memblk(0, 0, 256 * MiB, 0), 0);
	assert_int_equal(numa_add_cpu(2, 5), 0);
	assert_int_equal(numa_add_memblk(3, 4 * GiB, 4 * GiB, NUMA_MEM_HOTPLUGGABLE), 0);
	assert_int_equal(numa_register(), 3);
	assert_true(NODE_DATA(0)->online);
	assert_false(NODE_DATA(1)->online);
	assert_true(NODE_DATA(2)->online);
	assert_true(NODE_DATA(3)->online);
	assert_int_equal(numa_hotplug_range_nid(5 * GiB, GiB), 3);
	assert_int_equal(numa_cpu_to_node(5), 2);
	assert_true(fake_printk_contains("numa: node 2: online without boot RAM (memory-less)"));
	assert_true(fake_printk_contains("numa: node 3: online without boot RAM (memory-less)"));
	assert_int_equal(node_distance(2, 3), 20);
	assert_int_equal(node_distance_table[0][1], 0);	/* offline: not given */
}

/* numa=off on the two-node machine.  Expect all RAM, CPUs and the window on node 0. */
static void
test_numa_off_one_node(void **state)
{
	(void)state;
	two_node_machine();
	numa_off = true;
	assert_int_equal(numa_register(), 1);
	assert_int_equal(nid_at(0), 0);
	assert_int_equal(nid_at(300 * MiB), 0);
	assert_int_equal(memblock.memory.cnt, 2);
	assert_false(NODE_DATA(1)->online);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB, 128 * MiB), 0);
	assert_int_equal(numa_cpu_to_node(1), 0);
	assert_true(fake_printk_contains("numa=off"));
}

/* Nothing reported (no SRAT).  Expect all RAM on node 0, no hotplug range. */
static void
test_numa_no_srat(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(MiB, 127 * MiB), 0);
	assert_int_equal(numa_register(), 1);
	assert_int_equal(nid_at(MiB), 0);
	assert_int_equal(numa_nr_hotplug_ranges(), 0);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB, MiB), -ENOENT);
	assert_true(fake_printk_contains("no memory ranges from the firmware"));
}

/* Boot RAM inside a hotplug range and a plain range on the same bytes.
 * Expect the plain range's node to win (hotpluggable ranges go first). */
static void
test_numa_plain_range_wins_over_window(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0, 512 * MiB), 0);
	assert_int_equal(numa_add_memblk(0, 0, 512 * MiB, 0), 0);
	assert_int_equal(numa_add_memblk(1, 0, GiB, NUMA_MEM_HOTPLUGGABLE), 0);
	numa_register();
	assert_int_equal(nid_at(256 * MiB), 0);
	assert_int_equal(numa_hotplug_range_nid(0, 128 * MiB), 1);
}

/* The SLIT's numbers, else 10/20; bad arguments refused. */
static void
test_numa_distances(void **state)
{
	(void)state;
	two_node_machine();
	assert_int_equal(numa_set_distance(0, 1, 21), 0);
	assert_int_equal(numa_set_distance(1, 0, 0xFF), 0);
	assert_int_equal(numa_set_distance(0, 0, 11), -EINVAL);
	assert_int_equal(numa_set_distance(0, 1, 9), -EINVAL);
	assert_int_equal(numa_set_distance(0, MAX_NUMNODES, 20), -EINVAL);
	numa_register();
	assert_int_equal(node_distance(0, 1), 21);
	assert_int_equal(node_distance(1, 0), 255);
	assert_int_equal(node_distance(1, 1), 10);
}

/* numa_add_memblk()'s and numa_add_cpu()'s refusals. */
static void
test_numa_add_refusals(void **state)
{
	(void)state;
	assert_int_equal(numa_add_memblk(-1, 0, MiB, 0), -EINVAL);
	assert_int_equal(numa_add_memblk(MAX_NUMNODES, 0, MiB, 0), -EINVAL);
	assert_int_equal(numa_add_memblk(0, MiB, 0, 0), -EINVAL);
	assert_int_equal(numa_add_memblk(0, ~0ULL, 2, 0), -EINVAL);
	assert_int_equal(numa_add_memblk(0, 1ULL << MAX_PHYSMEM_BITS, MiB, 0), -ERANGE);
	for (int i = 0; i < NUMA_MAX_MEMBLKS; i++)
		assert_int_equal(numa_add_memblk(0, i * MiB, MiB, 0), 0);
	assert_int_equal(numa_add_memblk(0, GiB, MiB, 0), -ENOSPC);
	assert_int_equal(numa_add_cpu(MAX_NUMNODES, 0), -EINVAL);
	for (int i = 0; i < NUMA_MAX_CPUS; i++)
		assert_int_equal(numa_add_cpu(0, i), 0);
	assert_int_equal(numa_add_cpu(1, 0), 0);	/* known id: updated */
	assert_int_equal(numa_add_cpu(0, NUMA_MAX_CPUS), -ENOSPC);
}

/* The zone pieces of [START, END) as numa_boot_zone() cuts them. */
struct piece { unsigned long start, end; enum zone_type zid; };

static int
split(unsigned long start, unsigned long end, struct piece *out, int max)
{
	int n = 0;

	while (start < end) {
		enum zone_type zid;
		unsigned long stop = numa_boot_zone(start, end, &zid);

		assert_true(stop > start && stop <= end);
		assert_true(n < max);
		out[n++] = (struct piece){ start, stop, zid };
		start = stop;
	}
	return n;
}

#define PFN(b)	((unsigned long)((b) / PAGE_SIZE))

/*
 *   boot RAM  [1M ................................ 6G)
 *   zones     DMA |16M  DMA32 ...              |4G NORMAL
 *   hotplug              [1G, 2G)                   [5G, 7G)
 * Expect without movable_node: DMA, DMA32, NORMAL cut at 16M and 4G only.
 * With movable_node: [1G, 2G) and [5G, 6G) ZONE_MOVABLE, the rest by address.
 */
static void
test_numa_boot_zone_split(void **state)
{
	struct piece p[8];
	int n;

	(void)state;
	assert_int_equal(memblock_add(MiB, 6 * GiB - MiB), 0);
	assert_int_equal(numa_add_memblk(0, 0, 6 * GiB, 0), 0);
	assert_int_equal(numa_add_memblk(0, GiB, GiB, NUMA_MEM_HOTPLUGGABLE), 0);
	assert_int_equal(numa_add_memblk(0, 5 * GiB, 2 * GiB, NUMA_MEM_HOTPLUGGABLE), 0);
	numa_register();

	n = split(PFN(MiB), PFN(6 * GiB), p, 8);
	assert_int_equal(n, 3);
	assert_int_equal(p[0].zid, ZONE_DMA);
	assert_int_equal(p[0].end, PFN(16 * MiB));
	assert_int_equal(p[1].zid, ZONE_DMA32);
	assert_int_equal(p[1].end, PFN(4 * GiB));
	assert_int_equal(p[2].zid, ZONE_NORMAL);

	movable_node_enabled = true;
	n = split(PFN(MiB), PFN(6 * GiB), p, 8);
	assert_int_equal(n, 6);
	assert_int_equal(p[0].zid, ZONE_DMA);
	assert_int_equal(p[1].zid, ZONE_DMA32);
	assert_int_equal(p[1].end, PFN(GiB));
	assert_int_equal(p[2].zid, ZONE_MOVABLE);
	assert_int_equal(p[2].start, PFN(GiB));
	assert_int_equal(p[2].end, PFN(2 * GiB));
	assert_int_equal(p[3].zid, ZONE_DMA32);
	assert_int_equal(p[3].end, PFN(4 * GiB));
	assert_int_equal(p[4].zid, ZONE_NORMAL);
	assert_int_equal(p[4].end, PFN(5 * GiB));
	assert_int_equal(p[5].zid, ZONE_MOVABLE);
	assert_int_equal(p[5].end, PFN(6 * GiB));
}

/*
 * A firmware range that is not aligned: [128 MiB + 4 KiB, 256 MiB) inside
 * boot RAM [0, 384 MiB) of one node, with movable_node.
 * Expect the Movable piece rounded inwards to pageblocks, so that no
 * pageblock can straddle DMA32 and Movable (found in review: the
 * unrounded split made free_boot_pages() panic).
 */
static void
test_numa_boot_zone_rounds_unaligned_range_inwards(void **state)
{
	unsigned long block = pageblock_nr_pages;
	struct piece p[8];
	int n, movable = 0;

	(void)state;
	assert_int_equal(memblock_add(0, 384 * MiB), 0);
	assert_int_equal(numa_add_memblk(0, 0, 384 * MiB, 0), 0);
	assert_int_equal(numa_add_memblk(0, 128 * MiB + 4096, 128 * MiB - 4096,
					 NUMA_MEM_HOTPLUGGABLE), 0);
	numa_register();
	movable_node_enabled = true;

	n = split(0, PFN(384 * MiB), p, 8);
	for (int i = 0; i < n; i++) {
		if (p[i].zid != ZONE_MOVABLE)
			continue;
		assert_int_equal(p[i].start % block, 0);
		assert_int_equal(p[i].end % block, 0);
		assert_true(p[i].start >= PFN(128 * MiB + 4096));
		assert_true(p[i].end <= PFN(256 * MiB));
		movable++;
	}
	assert_int_equal(movable, 1);
}

/* QEMU's machine: the window lies above all boot RAM.  Expect movable_node
 * to change nothing for boot RAM (what tests/qemu/test_numa.py sees). */
static void
test_numa_movable_node_qemu_boot_ram_unchanged(void **state)
{
	struct piece p[8];

	(void)state;
	two_node_machine();
	movable_node_enabled = true;
	numa_register();
	assert_int_equal(split(PFN(MiB), PFN(512 * MiB), p, 8), 2);
	assert_int_equal(p[0].zid, ZONE_DMA);
	assert_int_equal(p[1].zid, ZONE_DMA32);
	/* Marking the window touches no region: it holds no boot RAM. */
	assert_true(memblock.skip_hotplug);
	assert_int_equal(memblock.memory.cnt, 3);
	for (int i = 0; i < memblock.memory.cnt; i++)
		assert_int_equal(memblock.memory.regions[i].flags, 0);
}

/* Boot RAM [1M, 512M): node 0 [0, 256M), node 1 [256M, 512M) hotpluggable
 * (a real board's SRAT, not QEMU's). */
static void
hotpluggable_node1_machine(void)
{
	assert_int_equal(memblock_add(MiB, 511 * MiB), 0);
	assert_int_equal(numa_add_memblk(0, 0, 256 * MiB, 0), 0);
	assert_int_equal(numa_add_memblk(1, 256 * MiB, 256 * MiB,
					 NUMA_MEM_HOTPLUGGABLE), 0);
}

/*
 *   memory  [1M ............ 256M)[256M ............ 512M)
 *   SRAT    node 0                 node 1, hotpluggable
 * Expect with movable_node: node 1's region flagged MEMBLOCK_HOTPLUG,
 * skip_hotplug on, and node 1's memmap-sized allocation placed on node
 * 0 with no warning.  Without movable_node: no flag, skip off, and the
 * allocation on node 1 (what exercise 6 of chapter 06 used to find).
 */
static void
test_numa_movable_node_marks_hotplug_ranges(void **state)
{
	paddr_t a;

	(void)state;
	hotpluggable_node1_machine();
	movable_node_enabled = true;
	numa_register();
	assert_int_equal(memblock.memory.cnt, 2);
	assert_int_equal(memblock.memory.regions[0].flags, 0);
	assert_int_equal(memblock.memory.regions[1].base, 256 * MiB);
	assert_int_equal(memblock.memory.regions[1].nid, 1);
	assert_int_equal(memblock.memory.regions[1].flags, MEMBLOCK_HOTPLUG);
	assert_true(memblock.skip_hotplug);
	a = memblock_alloc_node(2 * MiB, PAGE_SIZE, 1);
	assert_int_equal(nid_at(a), 0);
	assert_false(fake_printk_contains("hotpluggable memory"));

	setup(NULL);
	hotpluggable_node1_machine();
	numa_register();
	assert_int_equal(memblock.memory.regions[1].flags, 0);
	assert_false(memblock.skip_hotplug);
	a = memblock_alloc_node(2 * MiB, PAGE_SIZE, 1);
	assert_int_equal(nid_at(a), 1);
}

/* The node files: Linux's formats, one meminfo per online node. */
static void
test_numa_node_files(void **state)
{
	char buf[1024], want[256];
	struct seq s;
	unsigned long kb = PAGE_SIZE / KiB;

	(void)state;
	assert_int_equal(memblock_add(0, 256 * MiB), 0);
	assert_int_equal(numa_add_memblk(0, 0, 256 * MiB, 0), 0);
	assert_int_equal(numa_add_cpu(1, 1), 0);
	assert_int_equal(numa_add_memblk(3, 4 * GiB, GiB, NUMA_MEM_HOTPLUGGABLE), 0);
	numa_register();
	NODE_DATA(0)->node_zones[ZONE_DMA32].managed_pages = 1000;
	NODE_DATA(0)->node_zones[ZONE_DMA32].nr_free_pages = 600;
	NODE_DATA(0)->node_present_pages = 1000;

	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/sys/devices/system/node/node0/meminfo", &s), 0);
	snprintf(want, sizeof(want),
		 "Node 0 MemTotal:       %8lu kB\nNode 0 MemFree:        %8lu kB\n"
		 "Node 0 MemUsed:        %8lu kB\n", 1000 * kb, 600 * kb, 400 * kb);
	assert_string_equal(buf, want);

	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/sys/devices/system/node/node3/meminfo", &s), 0);
	assert_string_equal(buf, "Node 3 MemTotal:              0 kB\n"
				 "Node 3 MemFree:               0 kB\n"
				 "Node 3 MemUsed:               0 kB\n");
	assert_null(pseudofs_lookup("/sys/devices/system/node/node2/meminfo"));

	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/sys/devices/system/node/online", &s), 0);
	assert_string_equal(buf, "0-1,3\n");
	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/sys/devices/system/node/has_memory", &s), 0);
	assert_string_equal(buf, "0\n");
	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read("/sys/devices/system/node/node1/distance", &s), 0);
	assert_string_equal(buf, "20 10 20\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_numa_two_nodes_from_ranges, setup),
		cmocka_unit_test_setup(test_numa_uncovered_ram_goes_to_node0, setup),
		cmocka_unit_test_setup(test_numa_memoryless_nodes_online, setup),
		cmocka_unit_test_setup(test_numa_off_one_node, setup),
		cmocka_unit_test_setup(test_numa_no_srat, setup),
		cmocka_unit_test_setup(test_numa_plain_range_wins_over_window, setup),
		cmocka_unit_test_setup(test_numa_distances, setup),
		cmocka_unit_test_setup(test_numa_add_refusals, setup),
		cmocka_unit_test_setup(test_numa_boot_zone_split, setup),
		cmocka_unit_test_setup(test_numa_boot_zone_rounds_unaligned_range_inwards, setup),
		cmocka_unit_test_setup(test_numa_movable_node_qemu_boot_ram_unchanged, setup),
		cmocka_unit_test_setup(test_numa_movable_node_marks_hotplug_ranges, setup),
		cmocka_unit_test_setup(test_numa_node_files, setup),
	};

	return cmocka_run_group_tests_name("numa", tests, NULL, NULL);
}
