/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_migrate.c - the migration API of mm/vm.h for host
 * tests that link mm/memory_block.c without mm/migrate.c and mm/vm.c
 * (test_memory_block.c, test_memory_hotplug.c): with no address spaces
 * there are no user pages, so there is never anything to collect or
 * move.  The fake checks that: a PG_anon page in a collected range, or
 * a page handed to migrate_pages(), panics.  A test that links the real
 * mm/migrate.c gets that one (the fakes are an archive).
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_memory_block.c
 */
#include "kernel/kernel.h"
#include "mm/vm.h"

unsigned long
migrate_isolate_range(unsigned long start_pfn, unsigned long end_pfn, struct list_head *list)
{
	(void)list;
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++)
		if (pfn_valid(pfn) && page_is_anon(pfn_to_page(pfn)))
			panic("fake migrate: pfn 0x%lx is a user page; link mm/migrate.c", pfn);
	return 0;
}

unsigned long
migrate_pages(struct list_head *list, int target_node, struct migrate_stats *stats)
{
	(void)target_node;
	(void)stats;
	if (!list_empty(list))
		panic("fake migrate: pages to move; link mm/migrate.c");
	return 0;
}

void
putback_movable_pages(struct list_head *list)
{
	if (!list_empty(list))
		panic("fake migrate: pages to put back; link mm/migrate.c");
}
