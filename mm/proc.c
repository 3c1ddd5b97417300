/* SPDX-License-Identifier: MIT */
/*
 * mm/proc.c - physical memory as Linux shows it (/proc/meminfo, buddyinfo,
 * pagetypeinfo, zoneinfo, iomem), and `memcheck`, which runs the
 * allocator's invariant checker (`memmap`, which draws the memmap, is
 * mm/memmap_view.c).
 *
 * The idea: every figure is read from mm/'s own structures (zones, free
 * areas, the memmap), never kept twice, so the files agree with each
 * other by construction: MemFree = the pages of buddyinfo's blocks = what
 * memcheck counts = the free pages memmap finds walking struct pages.
 *
 * The layouts are Linux's (fs/proc/meminfo.c, mm/vmstat.c,
 * kernel/resource.c), written anew; each show function names the lines it
 * reproduces and the Linux lines it leaves out because hotmem has no such
 * thing.  Kernel only: it reads the boot information and the link symbols.
 *
 * Course text: docs/04-buddy.md, docs/05-free-area-splitting.md.
 * Tests: tests/qemu/test_procfs.py
 */
#include <arch/cpu.h>
#include <arch/mmu.h>
#include <arch/memlayout.h>
#include "kernel/bootinfo.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "mm/vm.h"

extern char __bss_start[], __bss_end[];	/* linker.ld */

/* A zone's name, also for a zone whose name was never set (empty). */
const char *
zone_name(const struct zone *z, int zid)
{
	return z->name ? z->name : zone_names[zid];
}

/* Linux's populated_zone(): the zone has RAM pages. */
static bool
zone_is_populated(const struct zone *z)
{
	return z->present_pages != 0;
}

static bool
node_has_memory(const pg_data_t *pgdat)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (zone_is_populated(&pgdat->node_zones[z]))
			return true;
	return false;
}

/* Sum of 2^order * nr_free over the orders: the pages buddyinfo shows. */
static unsigned long
zone_free_area_pages(const struct zone *z)
{
	unsigned long sum = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++)
		sum += z->free_area[order].nr_free << order;
	return sum;
}

/* ------------------------------------------------------------ /proc/meminfo
 *
 * Linux prints each line as a 16-column label ("MemTotal:" padded with
 * spaces), the value in kB right-aligned in 8 columns, then " kB":
 *
 *	MemTotal:        1014664 kB
 *
 * Reproduced: MemTotal (pages given to the buddy allocator: the zones'
 * managed pages, as Linux's totalram_pages()), MemFree (pages on the free
 * lists) and MemAvailable.  Linux's MemAvailable is the free pages minus
 * the reserve the allocator keeps (each zone's high watermark, at most
 * its managed pages), plus the page cache and reclaimable slab it could
 * drop; hotmem has neither, so it is the first part alone, never below 0.
 * AnonPages is the user pages mapped in all address spaces, huge ones
 * included; AnonHugePages the huge ones alone (mm/vm.c keeps both, in
 * Linux's places: AnonPages before Slab, AnonHugePages after PageTables).
 * Slab and SUnreclaim are kmalloc's pages (mm/slab.c; none of them can
 * be reclaimed); PageTables counts the kernel's page-table pages
 * (arch/x86_64/mmu.c; Linux counts only user page tables there).
 * Left out, because hotmem has no such thing: Buffers, Cached, swap,
 * the LRU lists, hugetlbfs pages, vmalloc, DirectMap.
 */
struct meminfo {
	unsigned long managed;	/* pages */
	unsigned long free;	/* pages */
	unsigned long reserve;	/* pages: high watermarks, capped per zone */
};

static void
meminfo_read(struct meminfo *mi)
{
	bool irq = arch_irq_save();

	mi->managed = mi->free = mi->reserve = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online)
			continue;
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct zone *z = &NODE_DATA(nid)->node_zones[zid];

			mi->managed += z->managed_pages;
			mi->free += z->nr_free_pages;
			mi->reserve += MIN(z->watermark[WMARK_HIGH], z->managed_pages);
		}
	}
	arch_irq_restore(irq);
}

static void
meminfo_line(struct seq *s, const char *name, unsigned long pages)
{
	char label[24];

	snprintf(label, sizeof(label), "%s:", name);
	seq_printf(s, "%-16s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

static int
meminfo_show(struct seq *s)
{
	unsigned long slab_pages, objects;
	struct meminfo mi;

	meminfo_read(&mi);
	meminfo_line(s, "MemTotal", mi.managed);
	meminfo_line(s, "MemFree", mi.free);
	meminfo_line(s, "MemAvailable", mi.free > mi.reserve ? mi.free - mi.reserve : 0);
	meminfo_line(s, "AnonPages", nr_anon_pages);
	kmalloc_stats(&slab_pages, &objects);
	meminfo_line(s, "Slab", slab_pages);
	meminfo_line(s, "SUnreclaim", slab_pages);	/* kmalloc memory is never reclaimed */
	meminfo_line(s, "PageTables", arch_pgtable_pages());
	meminfo_line(s, "AnonHugePages", nr_anon_huge_pages << HPAGE_ORDER);
	return 0;
}
PSEUDO_FILE(meminfo, "/proc/meminfo", meminfo_show, NULL,
	    "memory in use and free (Linux format)");

/* ------------------------------------------------------------ /proc/buddyinfo
 *
 * One line per populated zone of every node: free blocks of each order,
 * order 0 first.  Linux's layout, trailing space included:
 *
 *	Node 0, zone      DMA      1      0      1 ...      3 \n
 */
static int
buddyinfo_show(struct seq *s)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online)
			continue;
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct zone *z = &NODE_DATA(nid)->node_zones[zid];
			unsigned long nr_free[MAX_ORDER];
			bool irq;

			if (!zone_is_populated(z))
				continue;
			irq = arch_irq_save();
			for (unsigned int order = 0; order < MAX_ORDER; order++)
				nr_free[order] = z->free_area[order].nr_free;
			arch_irq_restore(irq);

			seq_printf(s, "Node %d, zone %8s ", nid, zone_name(z, zid));
			for (unsigned int order = 0; order < MAX_ORDER; order++)
				seq_printf(s, "%6lu ", nr_free[order]);
			seq_putc(s, '\n');
		}
	}
	return 0;
}
PSEUDO_FILE(buddyinfo, "/proc/buddyinfo", buddyinfo_show, NULL,
	    "free blocks per order, per zone (Linux format)");

/* ------------------------------------------------------------ /proc/pagetypeinfo
 *
 * Per node with memory, as Linux prints it:
 *
 *	Page block order: 9
 *	Pages per block:  512
 *
 *	Free pages count per migrate type at order       0      1 ...
 *	Node    0, zone      DMA, type    Unmovable      0      0 ...
 *	... one line per populated zone and migratetype ...
 *
 *	Number of blocks type     Unmovable  Reclaimable      Movable      Isolate 
 *	Node 0, zone      DMA            0            0            8            0 
 *
 * The free counts are the entries of each free list (blocks, not pages),
 * counted by walking the list.  The block counts are the pageblocks of the
 * zone's span that have a memmap and belong to the zone, by the
 * migratetype their first page records.  Our migratetypes are the columns
 * (Linux also has HighAtomic and CMA); the mixed-blocks table Linux adds
 * with page_owner is left out.
 */
static unsigned long
free_list_length_locked(const struct zone *z, unsigned int order, int mt)
{
	const struct list_head *head = &z->free_area[order].free_list[mt], *pos;
	unsigned long n = 0, bound = (z->spanned_pages >> order) + 1;

	/* The bound stops a corrupt, cyclic list; memcheck says what broke. */
	for (pos = head->next; pos && pos != head && n < bound; pos = pos->next)
		n++;
	return n;
}

static void
pagetypeinfo_free(struct seq *s, int nid)
{
	seq_printf(s, "%-43s ", "Free pages count per migrate type at order");
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		seq_printf(s, "%6u ", order);
	seq_putc(s, '\n');

	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *z = &NODE_DATA(nid)->node_zones[zid];

		if (!zone_is_populated(z))
			continue;
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long count[MAX_ORDER];
			bool irq = arch_irq_save();

			for (unsigned int order = 0; order < MAX_ORDER; order++)
				count[order] = free_list_length_locked(z, order, mt);
			arch_irq_restore(irq);

			seq_printf(s, "Node %4d, zone %8s, type %12s ", nid,
				   zone_name(z, zid), migratetype_names[mt]);
			for (unsigned int order = 0; order < MAX_ORDER; order++)
				seq_printf(s, "%6lu ", count[order]);
			seq_putc(s, '\n');
		}
	}
}

static void
pagetypeinfo_blocks(struct seq *s, int nid)
{
	seq_printf(s, "\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(s, "%12s ", migratetype_names[mt]);
	seq_putc(s, '\n');

	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *z = &NODE_DATA(nid)->node_zones[zid];
		unsigned long count[MIGRATE_TYPES] = { 0 };

		if (!zone_is_populated(z))
			continue;
		for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z);
		     pfn += pageblock_nr_pages) {
			int mt;

			if (!pfn_valid(pfn) || page_zone(pfn_to_page(pfn)) != z)
				continue;
			mt = page_migratetype(pfn);
			if (mt >= 0 && mt < MIGRATE_TYPES)
				count[mt]++;
		}
		seq_printf(s, "Node %d, zone %8s ", nid, zone_name(z, zid));
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_printf(s, "%12lu ", count[mt]);
		seq_putc(s, '\n');
	}
}

static int
pagetypeinfo_show(struct seq *s)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online || !node_has_memory(NODE_DATA(nid)))
			continue;
		seq_printf(s, "Page block order: %d\n", (int)pageblock_order);
		seq_printf(s, "Pages per block:  %lu\n", (unsigned long)pageblock_nr_pages);
		seq_putc(s, '\n');
		pagetypeinfo_free(s, nid);
		pagetypeinfo_blocks(s, nid);
	}
	return 0;
}
PSEUDO_FILE(pagetypeinfo, "/proc/pagetypeinfo", pagetypeinfo_show, NULL,
	    "free blocks per migratetype, pageblocks per type (Linux format)");

/* ------------------------------------------------------------ /proc/zoneinfo
 *
 * Every zone of every online node, populated or not, in Linux's layout:
 *
 *	Node 0, zone    DMA32
 *	  pages free     249912
 *	        min      1388
 *	        low      1735
 *	        high     2082
 *	        spanned  258048
 *	        present  258016
 *	        managed  253010
 *	      nr_free_pages 249912
 *	  start_pfn:           4096
 *
 * A zone without RAM stops after managed, as Linux's stops after its
 * protection line.  Reproduced lines: those above.  Left out: the
 * per-node stats, boost, promo, cma, protection (no lowmem reserve), the
 * other vm counters, pagesets, node_unreclaimable.
 */
static int
zoneinfo_show(struct seq *s)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online)
			continue;
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct zone *z = &NODE_DATA(nid)->node_zones[zid];
			unsigned long free;
			bool irq = arch_irq_save();

			free = z->nr_free_pages;
			arch_irq_restore(irq);

			seq_printf(s, "Node %d, zone %8s", nid, zone_name(z, zid));
			seq_printf(s, "\n  pages free     %lu"
				      "\n        min      %lu"
				      "\n        low      %lu"
				      "\n        high     %lu"
				      "\n        spanned  %lu"
				      "\n        present  %lu"
				      "\n        managed  %lu",
				   free, z->watermark[WMARK_MIN], z->watermark[WMARK_LOW],
				   z->watermark[WMARK_HIGH], z->spanned_pages,
				   z->present_pages, z->managed_pages);
			if (zone_is_populated(z))
				seq_printf(s, "\n      %-12s %lu"
					      "\n  start_pfn:           %lu",
					   "nr_free_pages", free, z->zone_start_pfn);
			seq_putc(s, '\n');
		}
	}
	return 0;
}
PSEUDO_FILE(zoneinfo, "/proc/zoneinfo", zoneinfo_show, NULL,
	    "per zone: free pages, watermarks, span (Linux format)");

/* ------------------------------------------------------------ /proc/iomem
 *
 * The physical address map: the boot loader's memory map in address
 * order, named as Linux names E820 types, with the kernel image nested
 * (two spaces deeper) under the RAM range that holds it.  Ranges are
 * inclusive, in lower-case hex without 0x, at least 8 digits:
 *
 *	00000000-0009fbff : System RAM
 *	0009fc00-0009ffff : Reserved
 *	00100000-3ffdffff : System RAM
 *	  00100000-002a1fff : Kernel code
 *
 * Linux's "Kernel data" once began where the code ends, rodata included,
 * as ours does (newer kernels split a "Kernel rodata" line off).  Devices
 * (PCI windows, ROMs) are not shown: hotmem does not probe them.
 * Hot-added memory is "System RAM" too (see iomem_show()).
 */
static const char *
iomem_type_name(u32 type)
{
	switch (type) {
	case BOOT_MEM_RAM:	return "System RAM";
	case BOOT_MEM_ACPI:	return "ACPI Tables";
	case BOOT_MEM_NVS:	return "ACPI Non-volatile Storage";
	case BOOT_MEM_BAD:	return "Unusable memory";
	default:		return "Reserved";
	}
}

static void
iomem_line(struct seq *s, int depth, u64 start, u64 end_incl, const char *name)
{
	seq_printf(s, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", 8,
		   (unsigned long long)start, 8, (unsigned long long)end_incl, name);
}

static void
iomem_kernel(struct seq *s)
{
	const struct {
		const char *name;
		paddr_t start, end;	/* [start, end) */
	} parts[] = {
		{ "Kernel code", (paddr_t)__kernel_phys_start, virt_to_phys(__text_end) },
		{ "Kernel data", virt_to_phys(__text_end), virt_to_phys(__bss_start) },
		{ "Kernel bss", virt_to_phys(__bss_start), virt_to_phys(__bss_end) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		if (parts[i].end > parts[i].start)
			iomem_line(s, 1, parts[i].start, parts[i].end - 1, parts[i].name);
}

/*
 * The top-level lines.  The boot map's entries, except RAM that is not
 * the kernel's: what mem= hid (memblock.hidden) is left out, as Linux
 * trims its E820 table, and so is RAM a hot-added range covers; then
 * every ENABLED hot-added range (ACPI or probe) as "System RAM" of its
 * own, as Linux registers one resource per add_memory().
 */
#define IOMEM_MAX_LINES		256	/* more are dropped, never overrun */

struct iomem_range {
	u64 start, end;			/* [start, end) */
	const char *name;
};

static struct iomem_range iomem_lines[IOMEM_MAX_LINES];
static int iomem_nr;

/* Insert in address order; equal starts keep the order they came in. */
static void
iomem_add(u64 start, u64 end, const char *name)
{
	int i = iomem_nr;

	if (iomem_nr == IOMEM_MAX_LINES || end <= start)
		return;
	while (i > 0 && iomem_lines[i - 1].start > start) {
		iomem_lines[i] = iomem_lines[i - 1];
		i--;
	}
	iomem_lines[i] = (struct iomem_range){ start, end, name };
	iomem_nr++;
}

static bool
range_is_hot_added(const struct hotplug_range *r)
{
	return r && r->status == MHP_ENABLED && r->source != MHP_SOURCE_BOOT;
}

/*
 * Cutting a boot RAM entry: of the RAM that is not boot RAM's any more
 * (hidden by mem=, covered by a hot-added range), the piece with the
 * lowest start that overlaps [cur, end).
 */
struct iomem_cut {
	u64 cur, end;		/* the rest of the entry: [cur, end) */
	u64 start, stop;	/* the piece found: [start, stop) */
	bool found;
};

static void
iomem_cut_consider(struct iomem_cut *c, u64 start, u64 stop)
{
	if (start < c->end && stop > c->cur && (!c->found || start < c->start)) {
		c->start = start;
		c->stop = stop;
		c->found = true;
	}
}

static void
iomem_next_cut(struct iomem_cut *c)
{
	c->found = false;
	for (int i = 0; i < memblock.hidden.cnt; i++) {
		const struct memblock_region *r = &memblock.hidden.regions[i];

		iomem_cut_consider(c, r->base, r->base + r->size);
	}
	for (int id = 0; id < hotplug_range_count(); id++) {
		const struct hotplug_range *r = hotplug_range_at(id);

		if (range_is_hot_added(r))
			iomem_cut_consider(c, r->start, r->start + r->size);
	}
}

static void
iomem_boot_ram(u64 start, u64 end)
{
	struct iomem_cut c = { .cur = start, .end = end };

	while (c.cur < c.end) {
		iomem_next_cut(&c);
		if (!c.found) {
			iomem_add(c.cur, c.end, "System RAM");
			return;
		}
		if (c.start > c.cur)
			iomem_add(c.cur, c.start, "System RAM");
		c.cur = c.stop;
	}
}

static int
iomem_show(struct seq *s)
{
	const struct boot_info *bi = &boot_info;
	paddr_t kernel = (paddr_t)__kernel_phys_start;

	iomem_nr = 0;
	for (int i = 0; i < bi->nr_mem; i++) {
		const struct boot_mem_range *r = &bi->mem[i];

		if (!r->size)
			continue;
		if (r->type == BOOT_MEM_RAM)
			iomem_boot_ram(r->base, r->base + r->size);
		else
			iomem_add(r->base, r->base + r->size, iomem_type_name(r->type));
	}
	for (int id = 0; id < hotplug_range_count(); id++) {
		const struct hotplug_range *r = hotplug_range_at(id);

		if (range_is_hot_added(r))
			iomem_add(r->start, r->start + r->size, "System RAM");
	}

	for (int i = 0; i < iomem_nr; i++) {
		const struct iomem_range *l = &iomem_lines[i];

		iomem_line(s, 0, l->start, l->end - 1, l->name);
		if (!strcmp(l->name, "System RAM") && l->start <= kernel && kernel < l->end)
			iomem_kernel(s);
	}
	return 0;
}
PSEUDO_FILE(iomem, "/proc/iomem", iomem_show, NULL,
	    "the physical address map: RAM, reserved, the kernel (Linux format)");

/* ------------------------------------------------------------ memcheck */

SHELL_COMMAND(cmd_memcheck, "memcheck", "", 0, 0,
	      "check every invariant of the free lists and counters, in every zone");
static int
cmd_memcheck(int argc, char **argv)
{
	unsigned long free = 0;
	char msg[160];
	int zones = 0;

	(void)argc, (void)argv;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online)
			continue;
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			struct zone *z = &NODE_DATA(nid)->node_zones[zid];
			int err;

			if (zone_is_empty(z))
				continue;
			msg[0] = '\0';
			/* Lists, orders, merges, and every counter the
			 * /proc files print (mm/buddy_check.c). */
			err = buddy_check_zone(z, msg, sizeof(msg));
			if (err) {
				printf("memcheck: FAILED: %s\n", msg[0] ? msg : "(no reason given)");
				return err;
			}
			zones++;
			free += zone_free_area_pages(z);
		}
	}
	printf("memcheck: OK (%d zones, %lu free pages)\n", zones, free);
	return 0;
}
