/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_sparse.c - the sparse memmap: sections appear with
 * their memmaps, pfn_to_page()/page_to_pfn() round-trip across holes,
 * and the paper's section-array figures come out of sparse_section_cost().
 *
 * Runs with every arch parameter set (make unit UNIT_ARCH=...).
 * Tests: mm/sparse.c.  Course text: docs/03-sparsemem.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "mm/mm.h"

/* Memmaps handed to sparse in this test, freed at teardown. */
static struct page *memmaps[1024];
static int nr_memmaps;

static void *
test_alloc_zeroed(size_t size)
{
	return calloc(1, size);
}

static int
setup(void **state)
{
	(void)state;
	sparse_set_allocator(test_alloc_zeroed);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	for (unsigned long r = 0; r < NR_SECTION_ROOTS; r++) {
		free(mem_section[r]);
		mem_section[r] = NULL;
	}
	for (int i = 0; i < nr_memmaps; i++)
		free(memmaps[i]);
	nr_memmaps = 0;
	return 0;
}

/* Give RAM [start, end) (bytes) to node NID the way boot does. */
static void
add_ram(int nid, paddr_t start, paddr_t end)
{
	unsigned long spfn = PFN_DOWN(start), epfn = PFN_DOWN(end);

	assert_int_equal(memory_present(nid, spfn, epfn), 0);
	for (unsigned long nr = pfn_to_section_nr(spfn);
	     nr <= pfn_to_section_nr(epfn - 1); nr++) {
		struct page *map;

		if (section_has_mem_map(nr_to_section(nr)))
			continue;
		map = aligned_alloc(64, memmap_size_bytes());
		assert_non_null(map);
		assert_true(nr_memmaps < (int)(sizeof(memmaps) / sizeof(memmaps[0])));
		memmaps[nr_memmaps++] = map;
		assert_int_equal(sparse_init_section(nr, nid, map, SECTION_IS_EARLY), 0);
	}
}

static void
check_round_trip(unsigned long pfn)
{
	struct page *p;

	assert_true(pfn_valid(pfn));
	p = pfn_to_page(pfn);
	assert_int_equal(page_to_pfn(p), pfn);
	assert_int_equal(page_to_section_nr(p), pfn_to_section_nr(pfn));
}

/*
 *   section:  0      1      2      3      4      5
 *            [RAM ] (hole) [RAM ] (hole) (hole) [RAM ]
 *
 * Expect the first, middle and last pfn of each present section to
 * round-trip, and every pfn of the hole sections to have no struct page.
 */
static void
test_round_trip_over_sections_with_holes(void **state)
{
	unsigned long present[] = { 0, 2, 5 };

	(void)state;
	for (int i = 0; i < 3; i++)
		add_ram(0, (paddr_t)present[i] * SECTION_SIZE,
			(paddr_t)(present[i] + 1) * SECTION_SIZE);

	for (int i = 0; i < 3; i++) {
		unsigned long first = section_nr_to_pfn(present[i]);

		check_round_trip(first);
		check_round_trip(first + PAGES_PER_SECTION / 2);
		check_round_trip(first + PAGES_PER_SECTION - 1);
	}
	assert_false(pfn_valid(section_nr_to_pfn(1)));
	assert_false(pfn_valid(section_nr_to_pfn(3) + 7));
	assert_false(pfn_valid(section_nr_to_pfn(4) + PAGES_PER_SECTION - 1));
	assert_false(pfn_valid(MAX_PFN));
}

/*
 * The paper's HP rx2600 (section 7.3.1): 4 GiB of RAM at two places,
 * 1 GiB and 3 GiB.  We place the second range at 256 GiB, far above the
 * first:
 *
 *   [0, 1 GiB) RAM   ...nothing...   [256 GiB, 259 GiB) RAM
 *
 * Expect sections entirely in the gap to have no memmap, the RAM to
 * round-trip, and the part of a section beyond the RAM (a hole inside a
 * present section) to be reserved pages.
 */
static void
test_rx2600_two_ranges(void **state)
{
	const paddr_t gib = 1ULL << 30;
	struct sparse_stats st;
	unsigned long end1 = PFN_DOWN(gib), start2 = PFN_DOWN(256 * gib);
	unsigned long end2 = PFN_DOWN(259 * gib);
	unsigned long sections;

	(void)state;
	add_ram(0, 0, gib);
	add_ram(0, 256 * gib, 259 * gib);

	check_round_trip(0);
	check_round_trip(end1 - 1);
	check_round_trip(start2);
	check_round_trip(end2 - 1);
	assert_false(pfn_valid(PFN_DOWN(128 * gib)));

	/* Sections needed: those touching each range, nothing between. */
	sections = (pfn_to_section_nr(end1 - 1) + 1) +
		   (pfn_to_section_nr(end2 - 1) - pfn_to_section_nr(start2) + 1);
	sparse_stats(&st);
	assert_int_equal(st.with_memmap, sections);
	assert_int_equal(st.memmap_bytes, sections * memmap_size_bytes());

	/* With 1 GiB or larger sections, the rest of section 0 is a hole. */
	if (SECTION_SIZE > gib) {
		struct page *hole = pfn_to_page(end1);

		assert_true(page_flag(hole, PG_reserved));
		assert_int_equal(hole->refcount, 1);
	}
}

/*
 * The paper, section 3.3: one 8-byte pointer per section.
 *   PPC64: 16 MiB sections (2^24) over 16 TiB (2^44): 2^20 sections, 8 MiB.
 *   IA64: 256 MiB sections (2^28) over 50 bits: 2^22 sections, 32 MiB;
 *         over 44 bits: 2^16 sections, 512 KiB.
 * Expect exactly those figures, and the two-level root to be far smaller.
 */
static void
test_paper_section_array_figures(void **state)
{
	struct section_cost c;
	paddr_t small_machine[] = { 0, 256ULL << 20 };	/* 256 MiB of RAM */

	(void)state;
	sparse_section_cost(24, 44, 16, 8, small_machine, 1, &c);
	assert_int_equal(c.nr_sections, 1ULL << 20);
	assert_int_equal(c.flat_bytes, 8ULL << 20);
	/* 64 KiB leaves of 16-byte entries: 4096 sections each, 256 leaves. */
	assert_int_equal(c.root_bytes, 256 * 8);
	assert_int_equal(c.leaf_bytes, 64 * 1024);

	sparse_section_cost(28, 50, 14, 8, small_machine, 1, &c);
	assert_int_equal(c.nr_sections, 1ULL << 22);
	assert_int_equal(c.flat_bytes, 32ULL << 20);

	sparse_section_cost(28, 44, 14, 8, small_machine, 1, &c);
	assert_int_equal(c.nr_sections, 1ULL << 16);
	assert_int_equal(c.flat_bytes, 512 * 1024);
	/* 16 KiB leaves hold 1024 sections: 64 leaves, 512 bytes of root. */
	assert_int_equal(c.root_bytes, 64 * 8);
	assert_int_equal(c.leaf_bytes, 16 * 1024);
}

/*
 * Two ranges whose sections share a leaf, and one far away:
 * Expect one leaf per distinct leaf, however many ranges touch it.
 */
static void
test_cost_counts_each_leaf_once(void **state)
{
	struct section_cost c;
	paddr_t ranges[] = { 0, 1ULL << 30, 2ULL << 30, 3ULL << 30,
			     1ULL << 45, (1ULL << 45) + (1ULL << 27) };

	(void)state;
	/* x86_64: 128 MiB sections, 4 KiB leaves of 256 sections (32 GiB). */
	sparse_section_cost(27, 46, 12, 8, ranges, 3, &c);
	assert_int_equal(c.nr_sections, 1ULL << 19);
	assert_int_equal(c.flat_bytes, 4ULL << 20);
	assert_int_equal(c.root_bytes, 2048 * 8);
	assert_int_equal(c.leaf_bytes, 2 * 4096);
}

/*
 * Expect a second memmap for a section to be refused (-EEXIST) and to
 * leave the first in place; bad arguments to be refused (-EINVAL).
 */
static void
test_init_section_refuses_bad_and_double(void **state)
{
	struct page *map = aligned_alloc(64, memmap_size_bytes());
	struct page *other = aligned_alloc(64, memmap_size_bytes());
	struct page *before;

	(void)state;
	memmaps[nr_memmaps++] = map;
	memmaps[nr_memmaps++] = other;
	assert_int_equal(sparse_init_section(3, 0, map, 0), 0);
	before = pfn_to_page(section_nr_to_pfn(3));
	assert_int_equal(sparse_init_section(3, 0, other, 0), -EEXIST);
	assert_ptr_equal(pfn_to_page(section_nr_to_pfn(3)), before);

	assert_int_equal(sparse_init_section(NR_MEM_SECTIONS, 0, other, 0), -EINVAL);
	assert_int_equal(sparse_init_section(4, 0, NULL, 0), -EINVAL);
	assert_int_equal(sparse_init_section(4, 0, (struct page *)((char *)other + 8), 0),
			 -EINVAL);
	assert_int_equal(sparse_init_section(4, 0, other, SECTION_MAP_MASK), -EINVAL);
	assert_false(pfn_valid(section_nr_to_pfn(4)));
}

/*
 * A section is added, then removed:
 * Expect removal to hand back the same memmap, and the pfns to be
 * invalid afterwards; a second removal returns NULL.
 */
static void
test_remove_section_hands_back_memmap(void **state)
{
	struct page *map = aligned_alloc(64, memmap_size_bytes());

	(void)state;
	memmaps[nr_memmaps++] = map;
	assert_int_equal(sparse_init_section(9, 1, map, 0), 0);
	assert_int_equal(page_to_nid(pfn_to_page(section_nr_to_pfn(9) + 1)), 1);
	assert_ptr_equal(sparse_remove_section(9), map);
	assert_false(pfn_valid(section_nr_to_pfn(9)));
	assert_null(sparse_remove_section(9));
}

/* Without an allocator for leaves: Expect -ENOMEM and nothing changed. */
static void
test_no_leaf_allocator_is_enomem(void **state)
{
	struct page *map = aligned_alloc(64, memmap_size_bytes());

	(void)state;
	memmaps[nr_memmaps++] = map;
	sparse_set_allocator(NULL);
	assert_int_equal(sparse_init_section(0, 0, map, 0), -ENOMEM);
	assert_int_equal(memory_present(0, 0, 1), -ENOMEM);
	assert_false(pfn_valid(0));
	assert_int_equal(memory_present(0, 5, 5), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_over_sections_with_holes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx2600_two_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paper_section_array_figures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cost_counts_each_leaf_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_section_refuses_bad_and_double, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_section_hands_back_memmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_leaf_allocator_is_enomem, setup, teardown),
	};

	return cmocka_run_group_tests_name("mm/sparse (" MMPARAM_ARCH ")", tests, NULL, NULL);
}
