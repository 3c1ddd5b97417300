/* SPDX-License-Identifier: MIT */
/*
 * mm/numa.c - NUMA nodes as the firmware describes them: which node each
 * range of RAM and each CPU is on, which ranges may be hot-plugged later,
 * and how far the nodes are from each other.
 *
 * The idea: mm/ knows nothing about ACPI.  A firmware parser (for us
 * drivers/acpi/numa.c, reading the SRAT and SLIT) reports what it found
 * through numa_add_memblk(), numa_add_cpu() and numa_set_distance(), in
 * mm's node ids; numa_register() then applies it all at once, between
 * mm_init_early() and mm_init_late(): memblock learns each range's node,
 * so memmaps and zones are built node by node.  Hot add later asks
 * numa_hotplug_range_nid() which node a new range belongs to.
 *
 * Also here: numa=off and movable_node, /sys/devices/system/node/ and
 * the `numa` command.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/unit/mm/test_numa.c, tests/qemu/test_numa.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "mm/mm.h"

#define ZONE_DMA_END_PFN	PFN_DOWN(16ULL << 20)
#define ZONE_DMA32_END_PFN	PFN_DOWN(4ULL << 30)

/* ------------------------------------------------------------ the options */

bool numa_off;			/* numa=off: one node, the firmware's ignored */
bool movable_node_enabled;	/* movable_node: hotpluggable boot RAM is movable */

static int
param_numa(const char *val)
{
	if (!val || strcmp(val, "off") != 0)
		return -EINVAL;
	numa_off = true;
	return 0;
}
KERNEL_PARAM(param_numa, "numa",
	     "numa=off: all memory and CPUs on node 0, the SRAT's nodes ignored");

static int
param_movable_node(const char *val)
{
	if (val)
		return -E2BIG;
	movable_node_enabled = true;
	return 0;
}
KERNEL_PARAM(param_movable_node, "movable_node",
	     "boot RAM in hotpluggable SRAT ranges goes to ZONE_MOVABLE (a flag)");

/* ------------------------------------------------------------ what the firmware said
 *
 * Filled by numa_add_*() before numa_register(); boot time only, one CPU.
 */
static struct numa_memblk memblks[NUMA_MAX_MEMBLKS];	/* [0, nr_memblks) in */
static int nr_memblks;					/* the order reported */

static struct {
	u32 apic_id;		/* local APIC or x2APIC id */
	int nid;		/* its node */
} cpus[NUMA_MAX_CPUS];		/* [0, nr_cpus) */
static int nr_cpus;

/* Distances as reported; 0 = not given (numa_register() fills 10/20). */
static u8 distances[MAX_NUMNODES][MAX_NUMNODES];

/* Read by hot add at run time; written only by numa_register() at boot. */
static struct numa_hotplug_range hotplug_ranges[NUMA_MAX_MEMBLKS];
static int nr_hotplug_ranges;

static bool
nid_is_valid(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES;
}

int
numa_add_memblk(int nid, u64 base, u64 size, unsigned int flags)
{
	if (!nid_is_valid(nid) || size == 0 || base + size < base)
		return -EINVAL;
	if (base + size > (1ULL << MAX_PHYSMEM_BITS))
		return -ERANGE;
	if (nr_memblks == NUMA_MAX_MEMBLKS)
		return -ENOSPC;
	memblks[nr_memblks].base = base;
	memblks[nr_memblks].size = size;
	memblks[nr_memblks].nid = nid;
	memblks[nr_memblks].flags = flags;
	nr_memblks++;
	return 0;
}

int
numa_add_cpu(int nid, u32 apic_id)
{
	if (!nid_is_valid(nid))
		return -EINVAL;
	for (int i = 0; i < nr_cpus; i++) {
		if (cpus[i].apic_id == apic_id) {
			cpus[i].nid = nid;	/* told twice: the last word counts */
			return 0;
		}
	}
	if (nr_cpus == NUMA_MAX_CPUS)
		return -ENOSPC;
	cpus[nr_cpus].apic_id = apic_id;
	cpus[nr_cpus].nid = nid;
	nr_cpus++;
	return 0;
}

int
numa_set_distance(int from, int to, u8 distance)
{
	if (!nid_is_valid(from) || !nid_is_valid(to) || distance < LOCAL_DISTANCE ||
	    (from == to && distance != LOCAL_DISTANCE))
		return -EINVAL;
	distances[from][to] = distance;
	return 0;
}

/* ------------------------------------------------------------ applying it */

static void numa_add_node_files(int nid);

/* numa=off, or no firmware table: every byte of RAM on node 0, quietly. */
static void
numa_all_on_node0(void)
{
	if (memblock.memory.cnt || memblock.hidden.cnt)
		memblock_set_node(0, (paddr_t)UINT64_MAX, 0);
}

/*
 * RAM the firmware placed on no node goes to node 0, with a warning per
 * range (memory and hidden RAM alike: probe adds the hidden part later).
 */
static void
numa_orphans_to_node0(struct memblock_type *type)
{
	/* memblock_set_node() may merge regions: look again from the start. */
	for (int i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];
		paddr_t base = r->base;
		u64 size = r->size;

		if (r->nid != NUMA_NO_NODE)
			continue;
		pr_warn("numa: [mem 0x%08llx-0x%08llx] is in no SRAT memory range; firmware bug, put on node 0\n",
			(unsigned long long)base, (unsigned long long)(base + size - 1));
		if (memblock_set_node(base, size, 0))
			return;	/* memblock said why */
		i = -1;
	}
}

/* Set each memblk's node on the RAM inside it; hotpluggable ones first,
 * so that where a boot-RAM range and the hotplug window overlap, the
 * boot-RAM range (the more precise statement) wins. */
static void
numa_apply_memblks(void)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < nr_memblks; i++) {
			const struct numa_memblk *b = &memblks[i];
			bool hp = b->flags & NUMA_MEM_HOTPLUGGABLE;

			if (hp != (pass == 0))
				continue;
			if (memblock_set_node(b->base, b->size, b->nid))
				pr_warn("numa: [mem 0x%08llx-0x%08llx]: cannot set node %d in memblock; left as it was\n",
					(unsigned long long)b->base,
					(unsigned long long)(b->base + b->size - 1), b->nid);
		}
	}
}

static void
numa_record_hotplug_ranges(void)
{
	nr_hotplug_ranges = 0;
	for (int i = 0; i < nr_memblks; i++) {
		const struct numa_memblk *b = &memblks[i];
		struct numa_hotplug_range *h = &hotplug_ranges[nr_hotplug_ranges];

		if (!(b->flags & NUMA_MEM_HOTPLUGGABLE))
			continue;
		h->base = b->base;
		h->size = b->size;
		h->nid = numa_off ? 0 : b->nid;
		nr_hotplug_ranges++;
		pr_info("numa: hotplug range [mem 0x%08llx-0x%08llx] on node %d\n",
			(unsigned long long)h->base,
			(unsigned long long)(h->base + h->size - 1), h->nid);
	}
}

/*
 * movable_node: flag the hotpluggable ranges in memblock and keep later
 * boot allocations (memmaps, page tables) out of them, so that the RAM
 * numa_boot_zone() puts in ZONE_MOVABLE holds no reserved pages made
 * from here on.  What mm_init_early() allocated before the SRAT was read
 * went bottom-up, next to the kernel, to stay out of them too.
 */
static void
numa_mark_hotplug_ranges(void)
{
	memblock.skip_hotplug = movable_node_enabled;
	if (!movable_node_enabled)
		return;
	for (int i = 0; i < nr_hotplug_ranges; i++) {
		const struct numa_hotplug_range *h = &hotplug_ranges[i];

		if (memblock_mark_hotplug(h->base, h->size))
			pr_warn("numa: [mem 0x%08llx-0x%08llx]: cannot mark hotpluggable in memblock; boot allocations may land there\n",
				(unsigned long long)h->base,
				(unsigned long long)(h->base + h->size - 1));
	}
}

/* Distances between online nodes: the firmware's, else 10 and 20. */
static void
numa_fill_distances(void)
{
	for (int a = 0; a < MAX_NUMNODES; a++) {
		for (int b = 0; b < MAX_NUMNODES; b++) {
			u8 d = numa_off ? 0 : distances[a][b];

			if (!NODE_DATA(a)->online || !NODE_DATA(b)->online)
				d = 0;
			else if (!d)
				d = a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
			node_distance_table[a][b] = d;
		}
	}
}

/* Bytes of RAM (memblock.memory) on node NID. */
static u64
node_ram_bytes(int nid)
{
	u64 sum = 0;

	for (int i = 0; i < memblock.memory.cnt; i++)
		if (memblock.memory.regions[i].nid == nid)
			sum += memblock.memory.regions[i].size;
	return sum;
}

/*
 * Apply what was reported, in order:
 *
 * 1. memblock: each range's node on the RAM inside it (numa=off, or
 *    nothing reported: all RAM on node 0); RAM in no range -> node 0,
 *    warned.
 * 2. The hotpluggable ranges are recorded for hot add (numa=off: as
 *    node 0); with movable_node they are also flagged in memblock, so
 *    the memmaps and page tables allocated next stay out of them.
 * 3. Nodes online: every node with a range or a CPU, memory-less ones
 *    too (a CPU-only node, a node that only owns the hotplug window);
 *    always node 0.
 * 4. The distance table, and the /sys/devices/system/node/ files.
 *
 * Call once, after memblock holds the boot RAM and before mm_init_late().
 * Returns the number of nodes online.
 */
int
numa_register(void)
{
	int nid, online = 0;

	if (numa_off || nr_memblks == 0) {
		if (numa_off)
			pr_info("numa: numa=off: all memory on node 0, the firmware's nodes ignored\n");
		else
			pr_info("numa: no memory ranges from the firmware (no SRAT?); all memory on node 0\n");
		numa_all_on_node0();
	} else {
		numa_apply_memblks();
	}
	numa_orphans_to_node0(&memblock.memory);
	numa_orphans_to_node0(&memblock.hidden);
	numa_record_hotplug_ranges();
	numa_mark_hotplug_ranges();

	node_set_online(0);
	if (!numa_off) {
		for (int i = 0; i < nr_memblks; i++)
			node_set_online(memblks[i].nid);
		for (int i = 0; i < nr_cpus; i++)
			node_set_online(cpus[i].nid);
	}
	numa_fill_distances();
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		u64 ram;

		if (!NODE_DATA(nid)->online)
			continue;
		online++;
		ram = node_ram_bytes(nid);
		if (ram)
			pr_info("numa: node %d: %llu MiB of boot RAM\n", nid,
				(unsigned long long)(ram >> 20));
		else
			pr_info("numa: node %d: online without boot RAM (memory-less)\n", nid);
		numa_add_node_files(nid);
	}
	return online;
}

/* ------------------------------------------------------------ questions */

int
numa_hotplug_range_nid(u64 base, u64 size)
{
	for (int i = 0; i < nr_hotplug_ranges; i++) {
		const struct numa_hotplug_range *h = &hotplug_ranges[i];

		if (size && base >= h->base && base + size >= base &&
		    base + size <= h->base + h->size)
			return h->nid;
	}
	return -ENOENT;
}

int
numa_nr_hotplug_ranges(void)
{
	return nr_hotplug_ranges;
}

const struct numa_hotplug_range *
numa_hotplug_range_at(int i)
{
	return i >= 0 && i < nr_hotplug_ranges ? &hotplug_ranges[i] : NULL;
}

int
numa_cpu_to_node(u32 apic_id)
{
	if (numa_off)
		return 0;
	for (int i = 0; i < nr_cpus; i++)
		if (cpus[i].apic_id == apic_id)
			return cpus[i].nid;
	return NUMA_NO_NODE;
}

/*
 * The zone boot RAM at START_PFN goes to, and where that zone's piece
 * ends (at most END_PFN).  zones_init() calls it until the range is used
 * up:
 *
 * 1. With movable_node, a pfn inside a hotpluggable range goes to
 *    ZONE_MOVABLE up to the range's end: the firmware says this memory
 *    may be removed, so only movable pages may live there (Fujitsu's
 *    movablecore=acpi, Linux's movable_node).
 * 2. Otherwise the zone is the address's: DMA below 16 MiB, DMA32 below
 *    4 GiB, NORMAL above, and the piece stops at the next of those
 *    limits or (with movable_node) at the next hotpluggable range.
 */
unsigned long
numa_boot_zone(unsigned long start_pfn, unsigned long end_pfn, enum zone_type *zid)
{
	unsigned long stop = end_pfn;
	enum zone_type z = zone_for_pfn(start_pfn);

	if (z == ZONE_DMA)
		stop = MIN(stop, ZONE_DMA_END_PFN);
	else if (z == ZONE_DMA32)
		stop = MIN(stop, ZONE_DMA32_END_PFN);
	for (int i = 0; movable_node_enabled && i < nr_hotplug_ranges; i++) {
		const struct numa_hotplug_range *h = &hotplug_ranges[i];
		/*
		 * Rounded inwards to whole pageblocks: a pageblock (and so
		 * any block free_boot_pages() frees at once) must never
		 * straddle two zones, and firmware ranges need not be
		 * aligned (an unaligned edge stays in its old zone).  Merging
		 * never crosses zones (page_is_buddy() rule 4).
		 */
		unsigned long spfn = ALIGN_UP(PFN_UP(h->base), pageblock_nr_pages);
		unsigned long epfn = ALIGN_DOWN(PFN_DOWN(h->base + h->size), pageblock_nr_pages);

		if (spfn >= epfn)
			continue;
		if (start_pfn >= spfn && start_pfn < epfn) {
			*zid = ZONE_MOVABLE;
			return MIN(end_pfn, epfn);
		}
		if (spfn > start_pfn)
			stop = MIN(stop, spfn);
	}
	*zid = z;
	return stop;
}

/* ------------------------------------------------------------ /sys/devices/system/node
 *
 * Linux's layout: nodeN/meminfo (drivers/base/node.c), nodeN/distance,
 * and the node lists online, possible, has_memory as "0-1,3".
 */

/* Write the node ids for which TEST(nid) holds as Linux's list: "0-2,5". */
static void
seq_node_list(struct seq *s, bool (*test)(int nid))
{
	bool first = true;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		int last = nid;

		if (!test(nid))
			continue;
		while (last + 1 < MAX_NUMNODES && test(last + 1))
			last++;
		seq_printf(s, last > nid ? "%s%d-%d" : "%s%d", first ? "" : ",", nid, last);
		first = false;
		nid = last;
	}
	seq_putc(s, '\n');
}

static bool
node_is_online(int nid)
{
	return NODE_DATA(nid)->online;
}

static bool
node_has_memory(int nid)
{
	return NODE_DATA(nid)->online && NODE_DATA(nid)->node_present_pages;
}

static int
node_online_show(struct seq *s)
{
	seq_node_list(s, node_is_online);
	return 0;
}
/* Linux's "possible" is every node the firmware could bring; ours are online at boot. */
PSEUDO_FILE(node_online, "/sys/devices/system/node/online", node_online_show, NULL,
	    "nodes online: the firmware's nodes, memory-less ones included");
PSEUDO_FILE(node_possible, "/sys/devices/system/node/possible", node_online_show, NULL,
	    "nodes that can ever be online (here: those online since boot)");

static int
node_has_memory_show(struct seq *s)
{
	seq_node_list(s, node_has_memory);
	return 0;
}
PSEUDO_FILE(node_has_memory, "/sys/devices/system/node/has_memory", node_has_memory_show,
	    NULL, "nodes with memory");

static unsigned long
node_managed_pages(int nid)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += NODE_DATA(nid)->node_zones[z].managed_pages;
	return sum;
}

#define PAGES_KB(n)	((unsigned long)((n) * (PAGE_SIZE >> 10)))

/*
 * nodeN/meminfo: Linux's first three lines (MemTotal is the node's
 * managed pages, as Linux's), the rest (Active, Slab, ...) left out:
 * hotmem has no page cache, LRU or swap.
 */
static int
node_meminfo_show(struct seq *s)
{
	int nid = (int)(long)s->private;	/* the file's data: its node */
	unsigned long total = node_managed_pages(nid), free = node_free_pages(nid);

	seq_printf(s, "Node %d MemTotal:       %8lu kB\n", nid, PAGES_KB(total));
	seq_printf(s, "Node %d MemFree:        %8lu kB\n", nid, PAGES_KB(free));
	seq_printf(s, "Node %d MemUsed:        %8lu kB\n", nid, PAGES_KB(total - free));
	return 0;
}

/* nodeN/distance: one line, the distance to every online node. */
static int
node_distance_show(struct seq *s)
{
	int nid = (int)(long)s->private;	/* the file's data: its node */
	bool first = true;

	for (int other = 0; other < MAX_NUMNODES; other++) {
		if (!NODE_DATA(other)->online)
			continue;
		seq_printf(s, "%s%d", first ? "" : " ", node_distance(nid, other));
		first = false;
	}
	seq_putc(s, '\n');
	return 0;
}

enum { NODE_FILE_MEMINFO, NODE_FILE_DISTANCE, NR_NODE_FILES };

static struct pseudo_file node_files[MAX_NUMNODES][NR_NODE_FILES];
static char node_paths[MAX_NUMNODES][NR_NODE_FILES][48];

/* nodeN/'s files, once per node (calling again is harmless). */
static void
numa_add_node_files(int nid)
{
	static const struct {
		const char *name;
		int (*show)(struct seq *s);
		const char *help;
	} spec[NR_NODE_FILES] = {
		[NODE_FILE_MEMINFO] = { "meminfo", node_meminfo_show,
					"the node's memory, Linux's format" },
		[NODE_FILE_DISTANCE] = { "distance", node_distance_show,
					 "distance to each online node (10 = local)" },
	};

	for (int i = 0; i < NR_NODE_FILES; i++) {
		struct pseudo_file *f = &node_files[nid][i];
		int err;

		if (f->path)
			continue;
		snprintf(node_paths[nid][i], sizeof(node_paths[nid][i]),
			 "/sys/devices/system/node/node%d/%s", nid, spec[i].name);
		f->path = node_paths[nid][i];
		f->show = spec[i].show;
		f->help = spec[i].help;
		f->data = (void *)(long)nid;
		err = pseudofs_register(f);
		if (err) {
			pr_warn("numa: %s: not registered (%d)\n", f->path, err);
			f->path = NULL;
		}
	}
}

/* Forget everything: reported ranges, CPUs, distances, hotplug ranges and
 * the node files (host tests start each case from here). */
void
numa_reset(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		for (int i = 0; i < NR_NODE_FILES; i++) {
			if (node_files[nid][i].path)
				pseudofs_unregister(&node_files[nid][i]);
			node_files[nid][i].path = NULL;
		}
	}
	nr_memblks = 0;
	nr_cpus = 0;
	nr_hotplug_ranges = 0;
	memset(distances, 0, sizeof(distances));
	numa_off = false;
	movable_node_enabled = false;
}

/* ------------------------------------------------------------ `numa` */

static void
numa_show_node(int nid)
{
	const pg_data_t *pgdat = NODE_DATA(nid);
	bool any = false;

	printf("node %d cpus:", nid);
	for (int i = 0; i < nr_cpus; i++) {
		if (numa_cpu_to_node(cpus[i].apic_id) == nid) {
			printf(" APIC 0x%02x", cpus[i].apic_id);
			any = true;
		}
	}
	printf("%s\n", any ? "" : " (none)");
	printf("node %d size: %lu MB (present %lu kB, managed %lu kB, free %lu kB)\n", nid,
	       (unsigned long)(pgdat->node_present_pages * PAGE_SIZE >> 20),
	       PAGES_KB(pgdat->node_present_pages), PAGES_KB(node_managed_pages(nid)),
	       PAGES_KB(node_free_pages(nid)));
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (r->nid == nid)
			printf("node %d boot RAM: [mem 0x%08llx-0x%08llx]%s\n", nid,
			       (unsigned long long)r->base,
			       (unsigned long long)(r->base + r->size - 1),
			       r->flags & MEMBLOCK_HOTPLUG ? " hotplug" : "");
	}
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &pgdat->node_zones[z];

		if (!zone_is_empty(zone))
			printf("node %d zone %-7s pfn [0x%lx-0x%lx): present %lu, managed %lu, free %lu pages\n",
			       nid, zone->name, zone->zone_start_pfn, zone_end_pfn(zone),
			       zone->present_pages, zone->managed_pages, zone->nr_free_pages);
	}
}

SHELL_COMMAND(cmd_numa, "numa", "", 0, 0,
	      "NUMA nodes: CPUs, memory, zones, hotplug ranges, distances");
static int
cmd_numa(int argc, char **argv)
{
	int nodes = 0, first = -1, last = -1;

	(void)argc;
	(void)argv;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid)->online)
			continue;
		nodes++;
		if (first < 0)
			first = nid;
		last = nid;
	}
	printf("available: %d node%s (%d-%d)%s%s\n", nodes, nodes == 1 ? "" : "s",
	       first, last, numa_off ? " numa=off" : "",
	       movable_node_enabled ? " movable_node" : "");
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid)->online)
			numa_show_node(nid);
	if (!nr_hotplug_ranges)
		printf("hotplug ranges: none\n");
	for (int i = 0; i < nr_hotplug_ranges; i++)
		printf("hotplug range: [mem 0x%08llx-0x%08llx] node %d (%llu MiB)\n",
		       (unsigned long long)hotplug_ranges[i].base,
		       (unsigned long long)(hotplug_ranges[i].base + hotplug_ranges[i].size - 1),
		       hotplug_ranges[i].nid,
		       (unsigned long long)(hotplug_ranges[i].size >> 20));
	printf("node distances:\nnode ");
	for (int b = 0; b < MAX_NUMNODES; b++)
		if (NODE_DATA(b)->online)
			printf(" %3d", b);
	printf("\n");
	for (int a = 0; a < MAX_NUMNODES; a++) {
		if (!NODE_DATA(a)->online)
			continue;
		printf("%3d: ", a);
		for (int b = 0; b < MAX_NUMNODES; b++)
			if (NODE_DATA(b)->online)
				printf(" %3d", node_distance(a, b));
		printf("\n");
	}
	return 0;
}
