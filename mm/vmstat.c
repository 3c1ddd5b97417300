/* SPDX-License-Identifier: MIT */
/*
 * mm/vmstat.c - /proc/vmstat: the counters of user memory and migration,
 * in Linux's format, one "name value" per line.
 *
 * The idea: the counters are kept where the events happen (mm/vm.c
 * counts faults and the anon pages it maps, mm/migrate.c the pages it
 * moves: vm_events[], nr_anon_pages); this file only names them.  The
 * names are Linux's, so a script written for a Linux guest reads them
 * unchanged, except pgmigrate_fault_wait, hotmem's own: faults that
 * slept on a page under migration (paper Figure 4).
 *
 * Linux prints its nr_* state items first, then the events; hotmem has
 * a few of each, in Linux's relative order:
 *
 *	nr_free_pages 232115
 *	nr_anon_pages 65536
 *	nr_anon_transparent_hugepages 0
 *	pgfault 66012
 *	pgmigrate_success 32768
 *	...
 *
 * Left out, because hotmem has no such thing: the file and shmem pages,
 * the LRU lists, writeback, swap, reclaim, compaction and NUMA balancing.
 *
 * Course text: docs/10-migration.md.
 * Tests: tests/unit/mm/test_migrate.c, tests/qemu/test_migration.py
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/pseudofs.h"
#include "mm/mm.h"
#include "mm/vm.h"

static const char *const vm_event_names[NR_VM_EVENTS] = {
	[PGFAULT]		= "pgfault",
	[PGMIGRATE_SUCCESS]	= "pgmigrate_success",
	[PGMIGRATE_FAIL]	= "pgmigrate_fail",
	[THP_MIGRATION_SUCCESS]	= "thp_migration_success",
	[THP_MIGRATION_FAIL]	= "thp_migration_fail",
	[THP_FAULT_ALLOC]	= "thp_fault_alloc",
	[THP_FAULT_FALLBACK]	= "thp_fault_fallback",
	[PGMIGRATE_FAULT_WAIT]	= "pgmigrate_fault_wait",
};

/* Pages on every zone's free lists (Linux's nr_free_pages, MemFree in pages). */
static unsigned long
free_pages_all(void)
{
	unsigned long sum = 0;
	bool irq = arch_irq_save();

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int zid = 0; zid < MAX_NR_ZONES; zid++)
			sum += NODE_DATA(nid)->node_zones[zid].nr_free_pages;
	arch_irq_restore(irq);
	return sum;
}

static int
vmstat_show(struct seq *s)
{
	seq_printf(s, "nr_free_pages %lu\n", free_pages_all());
	seq_printf(s, "nr_anon_pages %lu\n", nr_anon_pages);
	seq_printf(s, "nr_anon_transparent_hugepages %lu\n", nr_anon_huge_pages);
	for (int i = 0; i < NR_VM_EVENTS; i++)
		seq_printf(s, "%s %lu\n", vm_event_names[i], vm_events[i]);
	return 0;
}
PSEUDO_FILE(vmstat, "/proc/vmstat", vmstat_show, NULL,
	    "faults, anon pages and migration counters (Linux format)");
