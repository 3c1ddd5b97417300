/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_acpi_numa.c - host tests for drivers/acpi/numa.c:
 * real QEMU SRATs and SLITs through acpi_numa_init() into mm/numa.c and
 * memblock, as at boot.  acpi_get_table() is this file's: it hands out
 * the tables the test loaded, so tables.c and acpi_os_map() stay out.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "drivers/acpi/acpi.h"
#include "mm/mm.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_printk.h"

#define DATA	"tests/data/acpi/"
#define MiB	0x100000ULL
#define GiB	0x40000000ULL

static u8 *srat_table, *slit_table;

/* The stand-in for drivers/acpi/tables.c. */
const struct acpi_table_header *
acpi_get_table(const char *sig, int instance)
{
	if (instance != 0)
		return NULL;
	if (strcmp(sig, "SRAT") == 0)
		return (const struct acpi_table_header *)srat_table;
	if (strcmp(sig, "SLIT") == 0)
		return (const struct acpi_table_header *)slit_table;
	return NULL;
}

static u8 *
load(const char *path)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = malloc(65536);

	if (!f)
		fail_msg("%s: cannot open (run from the repository root)", path);
	assert_non_null(buf);
	assert_true(fread(buf, 1, 65536, f) > 36);
	fclose(f);
	return buf;
}

static int
setup(void **state)
{
	(void)state;
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memblock.hidden.cnt = 0;
	numa_reset();
	memset(node_data, 0, sizeof(node_data));
	memset(node_distance_table, 0, sizeof(node_distance_table));
	fake_printk_clear();
	srat_table = slit_table = NULL;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(srat_table);
	free(slit_table);
	return 0;
}

static int
nid_at(paddr_t addr)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (addr >= r->base && addr < r->base + r->size)
			return r->nid;
	}
	return -2;
}

/*
 * q35/seabios-memhp-2node (spec 6.2 example 2) with its RAM:
 * [0, 0x9f000) [1M, 512M).  Expect nodes 0 and 1 split at 256M, the
 * window on node 1, and Linux's boot lines.
 */
static void
test_acpi_numa_two_nodes(void **state)
{
	(void)state;
	srat_table = load(DATA "q35/seabios-memhp-2node/SRAT");
	assert_int_equal(memblock_add(0, 0x9f000), 0);
	assert_int_equal(memblock_add(MiB, 511 * MiB), 0);
	assert_int_equal(acpi_numa_init(), 2);
	assert_int_equal(nid_at(0), 0);
	assert_int_equal(nid_at(256 * MiB - 1), 0);
	assert_int_equal(nid_at(256 * MiB), 1);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB, 128 * MiB), 1);
	assert_int_equal(numa_cpu_to_node(1), 1);
	assert_int_equal(acpi_pxm_to_node(1), 1);
	assert_int_equal(acpi_pxm_to_node(2), NUMA_NO_NODE);
	assert_true(fake_printk_contains("ACPI: SRAT: PXM 0 -> APIC 0x00 -> Node 0\n"));
	assert_true(fake_printk_contains("ACPI: SRAT: PXM 1 -> APIC 0x01 -> Node 1\n"));
	assert_true(fake_printk_contains("ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]\n"));
	assert_true(fake_printk_contains("ACPI: SRAT: Node 1 PXM 1 [mem 0x10000000-0x1fffffff]\n"));
	assert_true(fake_printk_contains("ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x2dfffffff] hotplug\n"));
	assert_false(fake_printk_contains("firmware bug"));
	assert_int_equal(node_distance(0, 1), 20);
}

/*
 * SRAT.numamem: PXM 0 has the CPU and no memory, PXM 1 all RAM.
 * Expect node 0 online and memory-less, every byte of RAM on node 1.
 */
static void
test_acpi_numa_memoryless_node0(void **state)
{
	(void)state;
	srat_table = load(DATA "q35/qemu-v7.2.0-testdata/SRAT.numamem");
	assert_int_equal(memblock_add(MiB, 127 * MiB), 0);
	assert_int_equal(acpi_numa_init(), 2);
	assert_true(NODE_DATA(0)->online);
	assert_int_equal(nid_at(MiB), 1);
	assert_int_equal(nid_at(128 * MiB - 1), 1);
	assert_true(fake_printk_contains("numa: node 0: online without boot RAM"));
	assert_int_equal(numa_nr_hotplug_ranges(), 0);
}

/* SRAT.memhp + SLIT.memhp (-numa dist,src=0,dst=1,val=21).  Expect 21. */
static void
test_acpi_numa_slit_distances(void **state)
{
	(void)state;
	srat_table = load(DATA "q35/qemu-v7.2.0-testdata/SRAT.memhp");
	slit_table = load(DATA "q35/qemu-v7.2.0-testdata/SLIT.memhp");
	assert_int_equal(memblock_add(MiB, 127 * MiB), 0);
	assert_int_equal(acpi_numa_init(), 2);
	assert_int_equal(node_distance(0, 1), 21);
	assert_int_equal(node_distance(1, 0), 21);
	assert_int_equal(node_distance(1, 1), 10);
	assert_int_equal(nid_at(64 * MiB), 1);
	assert_true(fake_printk_contains("ACPI: SLIT: 2 localities"));
	assert_true(fake_printk_contains("ACPI: SLIT:   0:  10  21\n"));
}

/*
 * A hand-made SRAT naming PXM 7 first, then PXM 3, with a SLIT by PXM.
 * Expect node 0 = PXM 7, node 1 = PXM 3, distances translated.
 */
static void
test_acpi_numa_pxm_order_of_appearance(void **state)
{
	static const u8 cpu7[16] = { 0, 16, 7, 0, 1 }, cpu3[16] = { 0, 16, 3, 1, 1 };
	struct acpi_table_header *h;
	u8 *sl;

	(void)state;
	srat_table = calloc(1, 48 + 32);
	h = (struct acpi_table_header *)srat_table;
	memcpy(h->signature, "SRAT", 4);
	h->length = 48 + 32;
	memcpy(srat_table + 48, cpu7, 16);
	memcpy(srat_table + 64, cpu3, 16);
	/* 8 localities; PXM 7 -> PXM 3 is 30, back 31. */
	slit_table = calloc(1, 44 + 64);
	h = (struct acpi_table_header *)slit_table;
	memcpy(h->signature, "SLIT", 4);
	h->length = 44 + 64;
	slit_table[36] = 8;
	sl = slit_table + 44;
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++)
			sl[i * 8 + j] = i == j ? 10 : 40;
	sl[7 * 8 + 3] = 30;
	sl[3 * 8 + 7] = 31;
	assert_int_equal(memblock_add(MiB, 127 * MiB), 0);
	assert_int_equal(acpi_numa_init(), 2);
	assert_int_equal(acpi_pxm_to_node(7), 0);
	assert_int_equal(acpi_pxm_to_node(3), 1);
	assert_int_equal(numa_cpu_to_node(1), 1);
	assert_int_equal(node_distance(0, 1), 30);
	assert_int_equal(node_distance(1, 0), 31);
	/* No memory range at all: RAM on node 0, the CPU's node online. */
	assert_int_equal(nid_at(MiB), 0);
	assert_true(NODE_DATA(1)->online);
	assert_true(fake_printk_contains("no memory ranges from the firmware"));
}

/* No SRAT: one node, a line saying so. */
static void
test_acpi_numa_no_srat(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(MiB, 127 * MiB), 0);
	assert_int_equal(acpi_numa_init(), 1);
	assert_int_equal(nid_at(MiB), 0);
	assert_true(fake_printk_contains("ACPI: SRAT: not present"));
}

/* numa=off with the two-node SRAT: Expect node 0 everywhere, the window kept. */
static void
test_acpi_numa_off(void **state)
{
	(void)state;
	srat_table = load(DATA "q35/seabios-memhp-2node/SRAT");
	assert_int_equal(memblock_add(MiB, 511 * MiB), 0);
	numa_off = true;
	assert_int_equal(acpi_numa_init(), 1);
	assert_int_equal(nid_at(300 * MiB), 0);
	assert_int_equal(numa_hotplug_range_nid(4 * GiB, 128 * MiB), 0);
	assert_int_equal(acpi_pxm_to_node(1), 0);
	assert_true(fake_printk_contains("ACPI: SRAT: Node 0 PXM 1 [mem 0x100000000-0x2dfffffff] hotplug\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_acpi_numa_two_nodes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acpi_numa_memoryless_node0, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acpi_numa_slit_distances, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acpi_numa_pxm_order_of_appearance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acpi_numa_no_srat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acpi_numa_off, setup, teardown),
	};

	return cmocka_run_group_tests_name("acpi_numa", tests, NULL, NULL);
}
