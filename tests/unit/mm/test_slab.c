/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_slab.c - kmalloc() and kfree() over the real buddy
 * allocator, on a fake machine of one small zone with fake RAM behind it.
 *
 * Runs with every arch parameter set (make unit UNIT_ARCH=...).
 * Tests: mm/slab.c.  Course text: docs/04-buddy.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_printk.h"
#include <arch/cpu.h>
#include "mm/mm.h"

#define RAM_PAGES	512		/* the zone: pages of fake RAM */
#define SECTION_NR	1		/* they sit at the start of section 1 */

static struct page *memmap;
static u8 *ram;
static unsigned long start_pfn;

static void *
leaf_calloc(size_t size)
{
	return calloc(1, size);
}

static struct zone *
the_zone(void)
{
	return page_zone(pfn_to_page(start_pfn));
}

/*
 *   section 1: [RAM_PAGES pages of fake RAM | ...hole (reserved)... ]
 *              one zone, node 0, watermarks 0, all pages free
 */
static int
setup(void **state)
{
	(void)state;
	sparse_set_allocator(leaf_calloc);
	memset(node_data, 0, sizeof(node_data));
	fake_cpu_reset();
	fake_printk_clear();

	start_pfn = section_nr_to_pfn(SECTION_NR);
	memmap = aligned_alloc(64, memmap_size_bytes());
	ram = aligned_alloc(PAGE_SIZE, RAM_PAGES * PAGE_SIZE);
	assert_non_null(memmap);
	assert_non_null(ram);
	fake_ram_map(PFN_PHYS(start_pfn), ram, RAM_PAGES * PAGE_SIZE);
	assert_int_equal(sparse_init_section(SECTION_NR, 0, memmap, SECTION_IS_EARLY), 0);
	node_set_online(0);
	zone_init_range(0, zone_for_pfn(start_pfn), start_pfn, start_pfn + RAM_PAGES);
	free_boot_pages(start_pfn, start_pfn + RAM_PAGES);
	build_all_zonelists();
	memset(the_zone()->watermark, 0, sizeof(the_zone()->watermark));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(sparse_remove_section(SECTION_NR));
	memset(node_data, 0, sizeof(node_data));
	fake_ram_map(0, NULL, 0);
	free(ram);
	return 0;
}

static void
check_buddy(void)
{
	char msg[200];

	assert_int_equal(buddy_check_zone(the_zone(), msg, sizeof(msg)), 0);
}

/*
 * Two 24-byte objects: Expect both in one page, 32 bytes apart (the
 * 32-byte class), the page marked PG_slab; freeing both gives the page
 * back to the buddy allocator.
 */
static void
test_small_objects_share_a_page_of_their_class(void **state)
{
	unsigned long free_before = the_zone()->nr_free_pages;
	char *a, *b;

	(void)state;
	a = kmalloc(24, GFP_KERNEL);
	b = kmalloc(24, GFP_KERNEL);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_equal(virt_to_page(a), virt_to_page(b));
	assert_true(page_flag(virt_to_page(a), PG_slab));
	assert_int_equal(labs((long)(a - b)), 32);
	assert_int_equal(the_zone()->nr_free_pages, free_before - 1);

	kfree(a);
	kfree(b);
	assert_int_equal(the_zone()->nr_free_pages, free_before);
	check_buddy();
}

/*
 * A page of 64-byte objects, then one more: Expect a second page for the
 * extra object, and all pages back after everything is freed.
 */
static void
test_full_slab_takes_a_new_page(void **state)
{
	unsigned long free_before = the_zone()->nr_free_pages;
	unsigned long per_page = PAGE_SIZE / 64;
	void **objs = calloc(per_page + 1, sizeof(void *));

	(void)state;
	for (unsigned long i = 0; i < per_page; i++)
		assert_non_null(objs[i] = kmalloc(64, GFP_KERNEL));
	assert_int_equal(the_zone()->nr_free_pages, free_before - 1);
	assert_non_null(objs[per_page] = kmalloc(64, GFP_KERNEL));
	assert_int_equal(the_zone()->nr_free_pages, free_before - 2);
	assert_ptr_not_equal(virt_to_page(objs[0]), virt_to_page(objs[per_page]));

	for (unsigned long i = 0; i <= per_page; i++)
		kfree(objs[i]);
	assert_int_equal(the_zone()->nr_free_pages, free_before);
	check_buddy();
	free(objs);
}

/*
 * More than half a page: Expect whole pages (order 1 for two pages and
 * a byte less), page-aligned and not a slab; kfree returns them.
 */
static void
test_large_requests_take_whole_pages(void **state)
{
	unsigned long free_before = the_zone()->nr_free_pages;
	void *p;

	(void)state;
	p = kmalloc(2 * PAGE_SIZE - 1, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal((unsigned long)p & (PAGE_SIZE - 1), 0);
	assert_false(page_flag(virt_to_page(p), PG_slab));
	assert_int_equal(virt_to_page(p)->private, 1);
	assert_int_equal(the_zone()->nr_free_pages, free_before - 2);
	kfree(p);
	assert_int_equal(the_zone()->nr_free_pages, free_before);
	check_buddy();
}

/*
 * The one zone here is DMA32 (it starts at section 1, above 16 MiB on
 * every parameter set).  Expect a small GFP_DMA request to fail rather
 * than get a slab object from the wrong zone, and a GFP_DMA32 one to get
 * a whole page of its zone (found in review: slabs ignored zone flags).
 */
static void
test_zone_modifiers_are_honoured_for_small_objects(void **state)
{
	void *p;

	(void)state;
	assert_int_equal(zone_for_pfn(start_pfn), ZONE_DMA32);
	assert_null(kmalloc(64, GFP_DMA));
	p = kmalloc(64, GFP_DMA32);
	assert_non_null(p);
	assert_int_equal((unsigned long)p & (PAGE_SIZE - 1), 0);
	assert_int_equal(page_zonenum(virt_to_page(p)), ZONE_DMA32);
	kfree(p);
	check_buddy();
}

/* Expect kzalloc to hand back zeroes even where a freed object was dirty. */
static void
test_kzalloc_zeroes_a_reused_object(void **state)
{
	unsigned char *p, *q;

	(void)state;
	p = kmalloc(100, GFP_KERNEL);
	q = kmalloc(100, GFP_KERNEL);	/* keeps the slab alive */
	memset(p, 0xa5, 100);
	kfree(p);
	p = kzalloc(100, GFP_KERNEL);
	for (int i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	kfree(q);
}

/* Expect no object for 0 bytes, for movable requests, or past MAX_ORDER. */
static void
test_refuses_zero_movable_and_huge(void **state)
{
	(void)state;
	assert_null(kmalloc(0, GFP_KERNEL));
	assert_null(kmalloc(32, GFP_USER));
	assert_null(kmalloc(32, __GFP_RECLAIMABLE));
	assert_null(kmalloc((PAGE_SIZE << (MAX_ORDER - 1)) + 1, GFP_KERNEL));
	kfree(NULL);
}

/* Expect a pointer into the middle of an object to be a kernel bug. */
static void
test_kfree_of_an_interior_pointer_panics(void **state)
{
	char *p;

	(void)state;
	p = kmalloc(64, GFP_KERNEL);
	expect_assert_failure(kfree(p + 8));
	assert_non_null(strstr(fake_panic_msg, "not the start"));
	fake_cpu_reset();	/* the panic left the irq-save open */
	kfree(p);
}

/*
 * Thousands of random kmalloc/kfree of sizes 1..3 pages in random order
 * (fixed seed): Expect the buddy allocator consistent after every batch
 * and every page back at the end.
 */
static void
test_random_kmalloc_kfree_gives_every_page_back(void **state)
{
	unsigned long free_before = the_zone()->nr_free_pages;
	enum { SLOTS = 64 };
	void *slot[SLOTS] = { 0 };
	u64 x = 0x9e3779b97f4a7c15ULL;

	(void)state;
	for (int op = 0; op < 5000; op++) {
		unsigned int i;
		size_t size;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		i = x % SLOTS;
		size = 1 + (x >> 20) % (x & 1 ? 256 : 3 * PAGE_SIZE);
		if (slot[i]) {
			kfree(slot[i]);
			slot[i] = NULL;
		} else {
			slot[i] = kmalloc(size, GFP_KERNEL);
			if (slot[i])
				memset(slot[i], 0x5a, size);
		}
		if (op % 500 == 0)
			check_buddy();
	}
	for (int i = 0; i < SLOTS; i++)
		kfree(slot[i]);
	assert_int_equal(the_zone()->nr_free_pages, free_before);
	check_buddy();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_small_objects_share_a_page_of_their_class, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_slab_takes_a_new_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_requests_take_whole_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kzalloc_zeroes_a_reused_object, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zone_modifiers_are_honoured_for_small_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_zero_movable_and_huge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kfree_of_an_interior_pointer_panics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_kmalloc_kfree_gives_every_page_back, setup, teardown),
	};

	return cmocka_run_group_tests_name("mm/slab (" MMPARAM_ARCH ")", tests, NULL, NULL);
}
