/* SPDX-License-Identifier: MIT */
/*
 * mm/memory_block.c - memory blocks as users see them
 * (/sys/devices/system/memory/memoryN), and the state machine that
 * onlines and offlines them: zone rules and mem_hotplug_lock (the
 * notifiers they call: mm/memory_notify.c).
 *
 * The idea: a block is the unit a user moves between offline and online.
 * Online hands its pages to a zone and the buddy; offline fences them off
 * (page_isolation.c), moves the user pages out in bounded passes
 * (migration: mm/migrate.c), and takes the free pages back out.  Each
 * failure undoes what was done and names the page that stood in the way.
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 * Tests: tests/unit/mm/test_memory_block.c
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "mm/vm.h"

/*
 * Serialises every change to blocks, ranges, sections, zone spans and
 * zonelists (mm/memory_hotplug.h).  Lock order: mem_hotplug_lock, then
 * interrupts off for the buddy lists.
 */
struct mutex mem_hotplug_lock = MUTEX_INIT(mem_hotplug_lock);

/* ------------------------------------------------------------ names */

static const char *const state_names[] = {
	[MEM_OFFLINE]		= "offline",
	[MEM_GOING_ONLINE]	= "going-online",
	[MEM_ONLINE]		= "online",
	[MEM_GOING_OFFLINE]	= "going-offline",
};

const char *
memory_block_state_name(enum memory_block_state s)
{
	return (size_t)s < ARRAY_SIZE(state_names) ? state_names[s] : "?";
}

static const char *const online_type_names[] = {
	[MMOP_OFFLINE]		= "offline",
	[MMOP_ONLINE]		= "online",
	[MMOP_ONLINE_KERNEL]	= "online_kernel",
	[MMOP_ONLINE_MOVABLE]	= "online_movable",
};

int
mhp_online_type_from_str(const char *s)
{
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(online_type_names); i++)
		if (strcmp(s, online_type_names[i]) == 0)
			return (int)i;
	return -EINVAL;
}

const char *
mhp_online_type_name(enum mhp_online_type t)
{
	return (size_t)t < ARRAY_SIZE(online_type_names) ? online_type_names[t] : "?";
}

/* ------------------------------------------------------------ the blocks
 * Sorted by id; changed under mem_hotplug_lock, read by anyone. */

static struct list_head blocks = LIST_HEAD_INIT(blocks);
static unsigned long nr_blocks;

struct memory_block *
memory_block_next(unsigned long id)
{
	struct list_head *pos;

	list_for_each(pos, &blocks) {
		struct memory_block *mb = list_entry(pos, struct memory_block, link);

		if (mb->id >= id)
			return mb;
	}
	return NULL;
}

struct memory_block *
find_memory_block(unsigned long id)
{
	struct memory_block *mb = memory_block_next(id);

	return mb && mb->id == id ? mb : NULL;
}

unsigned long
memory_block_count(void)
{
	return nr_blocks;
}

static unsigned long
block_start_pfn(const struct memory_block *mb)
{
	return block_id_to_pfn(mb->id);
}

static unsigned long
block_end_pfn(const struct memory_block *mb)
{
	return block_id_to_pfn(mb->id + 1);
}

/* ------------------------------------------------------------ zones */

static struct zone *
node_zone(int nid, enum zone_type zid)
{
	return &NODE_DATA(nid)->node_zones[zid];
}

static bool
zone_intersects(const struct zone *zone, unsigned long start_pfn, unsigned long nr_pages)
{
	return !zone_is_empty(zone) && start_pfn < zone_end_pfn(zone) &&
	       start_pfn + nr_pages > zone->zone_start_pfn;
}

/* Linux's default_kernel_zone_for_pfn(): the first kernel zone the range
 * meets, else Normal. */
static enum zone_type
default_kernel_zone(int nid, unsigned long start_pfn, unsigned long nr_pages)
{
	int z;

	for (z = 0; z <= ZONE_NORMAL; z++)
		if (zone_intersects(node_zone(nid, z), start_pfn, nr_pages))
			return z;
	return ZONE_NORMAL;
}

/*
 * See mm/memory_hotplug.h.  MMOP_ONLINE follows contig-zones: a range
 * that touches exactly one of the kernel zone and Movable joins it, so
 * zones stay contiguous; otherwise movable_node decides.
 */
enum zone_type
mhp_zone_for_range(int nid, unsigned long start_pfn, unsigned long nr_pages,
		   enum mhp_online_type type)
{
	enum zone_type kernel = default_kernel_zone(nid, start_pfn, nr_pages);
	bool in_kernel, in_movable;

	if (type == MMOP_ONLINE_KERNEL)
		return kernel;
	if (type == MMOP_ONLINE_MOVABLE)
		return ZONE_MOVABLE;
	in_kernel = zone_intersects(node_zone(nid, kernel), start_pfn, nr_pages);
	in_movable = zone_intersects(node_zone(nid, ZONE_MOVABLE), start_pfn, nr_pages);
	if (in_kernel != in_movable)
		return in_kernel ? kernel : ZONE_MOVABLE;
	return movable_node_enabled ? ZONE_MOVABLE : kernel;
}

/*
 * The zone of a boot block, from its memmap: every page of node NID whose
 * zone link names a zone that spans it.  (Pages in holes keep the links
 * sparse gave them, zone 0, outside that zone's span, so they do not
 * count.)  One zone: it; none or several: -1.
 */
static int
early_block_zone(int nid, unsigned long start_pfn, unsigned long end_pfn)
{
	int zone = -1;
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		const struct page *p;
		const struct zone *z;

		if (!pfn_valid(pfn)) {
			pfn = section_nr_to_pfn(pfn_to_section_nr(pfn) + 1) - 1;
			continue;
		}
		p = pfn_to_page(pfn);
		z = page_zone(p);
		if (page_to_nid(p) != nid || zone_is_empty(z) || pfn < z->zone_start_pfn ||
		    pfn >= zone_end_pfn(z))
			continue;
		if (zone >= 0 && zone != page_zonenum(p))
			return -1;
		zone = page_zonenum(p);
	}
	return zone;
}

void
memory_block_valid_zones(const struct memory_block *mb, char *buf, size_t size)
{
	unsigned long start = block_start_pfn(mb);
	enum zone_type def, kernel;

	if (mb->state != MEM_OFFLINE) {
		snprintf(buf, size, "%s", mb->zone < 0 ? "none" :
			 node_zone(mb->nid, mb->zone)->name);
		return;
	}
	/* Linux's order: the default, then the others online_* may pick. */
	def = mhp_zone_for_range(mb->nid, start, PAGES_PER_BLOCK, MMOP_ONLINE);
	kernel = mhp_zone_for_range(mb->nid, start, PAGES_PER_BLOCK, MMOP_ONLINE_KERNEL);
	snprintf(buf, size, "%s%s%s%s%s", node_zone(mb->nid, def)->name,
		 kernel != def ? " " : "", kernel != def ? node_zone(mb->nid, kernel)->name : "",
		 def != ZONE_MOVABLE ? " " : "",
		 def != ZONE_MOVABLE ? node_zone(mb->nid, ZONE_MOVABLE)->name : "");
}

/* The first unmovable pfn of an online block, or its end; OWNER says what. */
static unsigned long
block_first_unmovable(const struct memory_block *mb, char *owner, size_t size)
{
	return mhp_first_busy_pfn(block_start_pfn(mb) + mb->nr_vmemmap_pages,
				  block_end_pfn(mb), true, owner, size);
}

static bool
block_is_removable(const struct memory_block *mb)
{
	char owner[64];

	if (mb->state == MEM_OFFLINE)
		return true;
	if (mb->state != MEM_ONLINE || mb->zone < 0)
		return false;
	return block_first_unmovable(mb, owner, sizeof(owner)) == block_end_pfn(mb);
}

/* ------------------------------------------------------------ sections */

static void
block_set_sections_online(const struct memory_block *mb, bool online)
{
	unsigned long nr = pfn_to_section_nr(block_start_pfn(mb)), i;

	for (i = 0; i < SECTIONS_PER_BLOCK; i++) {
		struct mem_section *ms = nr_to_section(nr + i);

		if (!section_has_mem_map(ms))
			continue;
		if (online)
			ms->section_mem_map |= SECTION_IS_ONLINE;
		else
			ms->section_mem_map &= ~SECTION_IS_ONLINE;
	}
}

/* ------------------------------------------------------------ online */

/*
 * See mm/memory_hotplug.h for the steps.  Everything after the notifier
 * cannot fail: the memmap exists, and joining a zone needs no memory.
 */
int
online_memory_block_locked(struct memory_block *mb, enum mhp_online_type type)
{
	unsigned long start = block_start_pfn(mb), end = block_end_pfn(mb), pfn;
	bool zone_was_empty, node_had_memory;
	enum zone_type zid;
	struct zone *zone;
	int err;

	assert(mutex_held(&mem_hotplug_lock));
	if (type != MMOP_ONLINE && type != MMOP_ONLINE_KERNEL && type != MMOP_ONLINE_MOVABLE) {
		pr_err("memory: online memory%lu failed: no zone in \"%s\"\n", mb->id,
		       mhp_online_type_name(type));
		return -EINVAL;
	}
	if (mb->state != MEM_OFFLINE) {
		pr_err("memory: online memory%lu failed: it is %s\n", mb->id,
		       memory_block_state_name(mb->state));
		return -EINVAL;
	}
	mb->state = MEM_GOING_ONLINE;
	err = memory_notify(MEM_GOING_ONLINE_ACTION, mb);			/* 1 */
	if (err) {
		memory_notify(MEM_CANCEL_ONLINE_ACTION, mb);
		mb->state = MEM_OFFLINE;
		pr_err("memory: online memory%lu failed: MEM_GOING_ONLINE refused (%d)\n",
		       mb->id, err);
		return err;
	}

	zid = mhp_zone_for_range(mb->nid, start, PAGES_PER_BLOCK, type);	/* 2 */
	zone = node_zone(mb->nid, zid);
	zone_was_empty = zone_is_empty(zone);
	node_had_memory = NODE_DATA(mb->nid)->node_present_pages != 0;
	zone_init_range(mb->nid, zid, start, end);
	/* memmap_on_memory: the block's own memmap, present but never free. */
	for (pfn = start; pfn < start + mb->nr_vmemmap_pages; pfn++)
		set_page_flag(pfn_to_page(pfn), PG_memmap);
	free_boot_pages(start + mb->nr_vmemmap_pages, end);			/* 3 */

	block_set_sections_online(mb, true);					/* 4 */
	if (zone_was_empty || !node_had_memory)
		build_all_zonelists();
	setup_watermarks();

	mb->zone = zid;								/* 5 */
	mb->state = MEM_ONLINE;
	memory_notify(MEM_ONLINE_ACTION, mb);
	pr_info("memory: memory%lu: online (%s, node %d)\n", mb->id, zone->name, mb->nid);
	return 0;
}

int
online_memory_block(unsigned long id, enum mhp_online_type type)
{
	struct memory_block *mb;
	int err;

	mutex_lock(&mem_hotplug_lock);
	mb = find_memory_block(id);
	if (!mb) {
		pr_err("memory: online memory%lu failed: no such block\n", id);
		err = -ENOENT;
	} else {
		err = online_memory_block_locked(mb, type);
	}
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

/* ------------------------------------------------------------ offline */

/*
 * See mm/memory_hotplug.h: the user pages of the range move out
 * (mm/migrate.c; the range is isolated, so no destination lies in it),
 * then the pages still allocated are counted.  Kernel allocations, and
 * user pages that could not move this time, are what is left.
 */
unsigned long
mhp_migrate_range(unsigned long start_pfn, unsigned long end_pfn)
{
	struct list_head pages = LIST_HEAD_INIT(pages);
	unsigned long pfn, left = 0;

	if (migrate_isolate_range(start_pfn, end_pfn, &pages)) {
		migrate_pages(&pages, NUMA_NO_NODE, NULL);
		putback_movable_pages(&pages);
	}
	/* A page after a busy one is busy too or the head of a free block. */
	for (pfn = first_nonfree_pfn(start_pfn, end_pfn); pfn < end_pfn;
	     pfn = first_nonfree_pfn(pfn + 1, end_pfn))
		left++;
	return left;
}

/*
 * Step 4: passes until every page of [start, end) is free.  0, -EBUSY
 * (the passes ran out) or -ETIMEDOUT (the time did); *ELAPSED_MS and
 * *PASSES say how long it tried.
 */
static int
offline_wait_free(unsigned long start, unsigned long end, u64 *elapsed_ms, int *passes)
{
	u64 t0 = ktime_ns(), retries_t0 = t0;
	int pass;

	for (pass = 1;; pass++) {
		mhp_migrate_range(start, end);
		*passes = pass;
		*elapsed_ms = (ktime_ns() - t0) / 1000000;
		if (first_nonfree_pfn(start, end) == end)
			return 0;
		if (pass >= MHP_OFFLINE_MAX_PASSES)
			return -EBUSY;
		/* The first pass moves the bulk, however long that takes: the
		 * time limit is for the retries after it. */
		if (pass == 1)
			retries_t0 = ktime_ns();
		if ((ktime_ns() - retries_t0) / 1000000 >= MHP_OFFLINE_TIMEOUT_MS)
			return -ETIMEDOUT;
		task_sleep_ms(MHP_OFFLINE_RETRY_MS);
	}
}

/*
 * Step 5, past the point of no return: nothing here can fail.  The free
 * pages leave the buddy, the zone and node shrink, allocation order and
 * watermarks follow.
 */
static void
offline_commit(struct memory_block *mb, unsigned long start, unsigned long end)
{
	struct zone *zone = node_zone(mb->nid, mb->zone);
	bool zone_had_memory = zone->present_pages != 0;
	bool node_had_memory = NODE_DATA(mb->nid)->node_present_pages != 0;

	offline_isolated_pages(start, end);
	block_set_sections_online(mb, false);
	zone_remove_range(zone, block_start_pfn(mb), end);
	if ((zone_had_memory && zone_is_empty(zone)) ||
	    (node_had_memory && NODE_DATA(mb->nid)->node_present_pages == 0))
		build_all_zonelists();
	setup_watermarks();
	if (NODE_DATA(mb->nid)->node_present_pages == 0)
		pr_info("memory: node %d has no memory left (memory-less)\n", mb->nid);
}

/* See mm/memory_hotplug.h for the steps. */
int
offline_memory_block_locked(struct memory_block *mb)
{
	unsigned long start = block_start_pfn(mb) + mb->nr_vmemmap_pages;
	unsigned long end = block_end_pfn(mb), busy;
	char owner[MHP_OWNER_MAX];
	u64 ms = 0;
	int err, passes = 0;

	assert(mutex_held(&mem_hotplug_lock));
	if (mb->state != MEM_ONLINE) {
		pr_err("memory: offline memory%lu failed: it is %s\n", mb->id,
		       memory_block_state_name(mb->state));
		return -EINVAL;
	}
	if (mb->zone < 0) {							/* 1 */
		pr_err("memory: offline memory%lu failed: its pages span two zones\n", mb->id);
		return -EBUSY;
	}
	busy = block_first_unmovable(mb, owner, sizeof(owner));
	if (busy < end) {
		pr_err("memory: offline memory%lu failed: pfn 0x%lx is unmovable: %s\n",
		       mb->id, busy, owner);
		return -EBUSY;
	}
	err = memory_notify(MEM_GOING_OFFLINE_ACTION, mb);			/* 2 */
	if (err) {
		memory_notify(MEM_CANCEL_OFFLINE_ACTION, mb);
		pr_err("memory: offline memory%lu failed: MEM_GOING_OFFLINE refused (%d)\n",
		       mb->id, err);
		return err;
	}
	err = mb->fenced ? 0 : start_isolate_page_range(start, end);		/* 3 */
	if (err) {
		memory_notify(MEM_CANCEL_OFFLINE_ACTION, mb);
		pr_err("memory: offline memory%lu failed: its pageblocks are isolated already\n",
		       mb->id);
		return err;
	}
	mb->state = MEM_GOING_OFFLINE;

	err = offline_wait_free(start, end, &ms, &passes);			/* 4 */
	if (err) {
		busy = mhp_first_busy_pfn(start, end, false, owner, sizeof(owner));
		if (!mb->fenced)
			undo_isolate_page_range(start, end);
		mb->state = MEM_ONLINE;
		memory_notify(MEM_CANCEL_OFFLINE_ACTION, mb);
		pr_err("memory: offline memory%lu failed: pfn 0x%lx still in use after %d passes (%llu ms): %s\n",
		       mb->id, busy, passes, (unsigned long long)ms, owner);
		return err;
	}

	/* No turning back from here. */
	offline_commit(mb, start, end);						/* 5 */
	mb->zone = -1;
	mb->state = MEM_OFFLINE;
	memory_notify(MEM_OFFLINE_ACTION, mb);
	pr_info("memory: memory%lu: offline\n", mb->id);
	return 0;
}

/* Fence (ON) or unfence the blocks of [start, start + size): see
 * mm/memory_hotplug.h. */
static void
fence_blocks(u64 start, u64 size, bool on)
{
	unsigned long first = pfn_to_block_id(PHYS_PFN(start));
	unsigned long last = pfn_to_block_id(PHYS_PFN(start + size - 1));

	assert(mutex_held(&mem_hotplug_lock));
	for (unsigned long id = first; id <= last; id++) {
		struct memory_block *mb = find_memory_block(id);
		unsigned long pfn, end;

		if (!mb || mb->fenced == on)
			continue;
		pfn = block_start_pfn(mb) + mb->nr_vmemmap_pages;
		end = block_end_pfn(mb);
		if (!on) {
			if (mb->state == MEM_ONLINE)
				undo_isolate_page_range(pfn, end);
			mb->fenced = false;
		} else if (mb->state == MEM_ONLINE && mb->zone >= 0 &&
			   !start_isolate_page_range(pfn, end)) {
			/* (A block offline refuses anyway, two zones, is left alone.) */
			mb->fenced = true;
		}
	}
}

void
mhp_fence_range(u64 start, u64 size)
{
	fence_blocks(start, size, true);
}

void
mhp_unfence_range(u64 start, u64 size)
{
	fence_blocks(start, size, false);
}

int
offline_memory_block(unsigned long id)
{
	struct memory_block *mb;
	int err;

	mutex_lock(&mem_hotplug_lock);
	mb = find_memory_block(id);
	if (!mb) {
		pr_err("memory: offline memory%lu failed: no such block\n", id);
		err = -ENOENT;
	} else {
		err = offline_memory_block_locked(mb);
	}
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

/* ------------------------------------------------------------ memoryN/ */

enum {
	FILE_STATE, FILE_ONLINE, FILE_VALID_ZONES, FILE_REMOVABLE, FILE_PHYS_INDEX,
	FILE_PHYS_DEVICE, FILE_NODE, NR_BLOCK_FILES
};

#define BLOCK_PATH_MAX	64	/* "/sys/devices/system/memory/memory524287/valid_zones" */

/* What mb->sysfs points to: the block's registered files. */
struct memory_block_files {
	char path[NR_BLOCK_FILES][BLOCK_PATH_MAX];
	struct pseudo_file file[NR_BLOCK_FILES];
	bool registered[NR_BLOCK_FILES];
};

static int
state_show(struct seq *s)
{
	const struct memory_block *mb = s->private;

	seq_printf(s, "%s\n", memory_block_state_name(mb->state));
	return 0;
}

/* `echo online|online_kernel|online_movable|offline > state`; Linux:
 * -EINVAL for a block already in that state. */
static int
state_store(const char *text, void *data)
{
	unsigned long id = ((const struct memory_block *)data)->id;	/* before any sleep */
	int type = mhp_online_type_from_str(text);

	if (type < 0)
		return -EINVAL;
	if (type == MMOP_OFFLINE)
		return offline_memory_block(id);
	return online_memory_block(id, type);
}

static int
online_show(struct seq *s)
{
	const struct memory_block *mb = s->private;

	seq_printf(s, "%d\n", mb->state == MEM_OFFLINE ? 0 : 1);
	return 0;
}

/* Linux's device online attribute: "1"/"0"; the state it is in already
 * is no error. */
static int
online_store(const char *text, void *data)
{
	unsigned long id = ((const struct memory_block *)data)->id;
	struct memory_block *mb;
	int err = 0;

	if (strcmp(text, "1") != 0 && strcmp(text, "0") != 0)
		return -EINVAL;
	mutex_lock(&mem_hotplug_lock);
	mb = find_memory_block(id);
	if (!mb)
		err = -ENOENT;
	else if (text[0] == '1' && mb->state == MEM_OFFLINE)
		err = online_memory_block_locked(mb, MMOP_ONLINE);
	else if (text[0] == '0' && mb->state == MEM_ONLINE)
		err = offline_memory_block_locked(mb);
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

static int
valid_zones_show(struct seq *s)
{
	char buf[64];

	memory_block_valid_zones(s->private, buf, sizeof(buf));
	seq_printf(s, "%s\n", buf);
	return 0;
}

static int
removable_show(struct seq *s)
{
	seq_printf(s, "%d\n", block_is_removable(s->private) ? 1 : 0);
	return 0;
}

static int
phys_index_show(struct seq *s)
{
	const struct memory_block *mb = s->private;

	seq_printf(s, "%08lx\n", mb->id);
	return 0;
}

static int
phys_device_show(struct seq *s)
{
	(void)s->private;
	seq_puts(s, "0\n");
	return 0;
}

/* Linux's symlink memoryN/nodeX, shown as its target. */
static int
node_link_show(struct seq *s)
{
	const struct memory_block *mb = s->private;

	seq_printf(s, "../../node/node%d\n", mb->nid);
	return 0;
}

static void
block_files_unregister(struct memory_block_files *files)
{
	int i;

	for (i = 0; i < NR_BLOCK_FILES; i++)
		if (files->registered[i])
			pseudofs_unregister(&files->file[i]);
}

/* Register memoryN/'s files; on an error, none stays registered. */
static int
block_files_register(struct memory_block *mb, struct memory_block_files *files)
{
	static const struct {
		const char *name;	/* "node" gets the node id appended */
		int (*show)(struct seq *s);
		int (*store)(const char *text, void *data);
		const char *help;
	} table[NR_BLOCK_FILES] = {
		[FILE_STATE] = { "state", state_show, state_store,
			"online, offline, going-offline; write online[_kernel|_movable] or offline" },
		[FILE_ONLINE] = { "online", online_show, online_store,
			"1 when online; write 1 or 0" },
		[FILE_VALID_ZONES] = { "valid_zones", valid_zones_show, NULL,
			"its zone, or the zones it may go online into (default first)" },
		[FILE_REMOVABLE] = { "removable", removable_show, NULL,
			"1 when nothing unmovable is in it now" },
		[FILE_PHYS_INDEX] = { "phys_index", phys_index_show, NULL,
			"the block id in hex" },
		[FILE_PHYS_DEVICE] = { "phys_device", phys_device_show, NULL,
			"always 0 (Linux: s390 only)" },
		[FILE_NODE] = { "node", node_link_show, NULL,
			"the link to its node" },
	};
	int i, err;

	for (i = 0; i < NR_BLOCK_FILES; i++) {
		if (i == FILE_NODE)
			snprintf(files->path[i], BLOCK_PATH_MAX,
				 "/sys/devices/system/memory/memory%lu/node%d", mb->id, mb->nid);
		else
			snprintf(files->path[i], BLOCK_PATH_MAX,
				 "/sys/devices/system/memory/memory%lu/%s", mb->id, table[i].name);
		files->file[i] = (struct pseudo_file){
			.path = files->path[i], .show = table[i].show, .store = table[i].store,
			.help = table[i].help, .data = mb,
		};
		err = pseudofs_register(&files->file[i]);
		if (err) {
			pr_err("memory: memory%lu: cannot register %s (%d)\n", mb->id,
			       files->path[i], err);
			block_files_unregister(files);
			return err;
		}
		files->registered[i] = true;
	}
	return 0;
}

/* ------------------------------------------------------------ create, destroy */

int
memory_block_create_locked(unsigned long id, int nid, bool early,
			   struct hotplug_range *range, unsigned long nr_vmemmap_pages)
{
	struct memory_block *mb, *next;
	struct memory_block_files *files;
	int err;

	if (find_memory_block(id))
		return -EEXIST;
	assert(nid >= 0 && nid < MAX_NUMNODES && nr_vmemmap_pages < PAGES_PER_BLOCK);
	mb = kzalloc(sizeof(*mb), GFP_KERNEL);
	files = kzalloc(sizeof(*files), GFP_KERNEL);
	if (!mb || !files) {
		kfree(mb);
		kfree(files);
		return -ENOMEM;
	}
	mb->id = id;
	mb->nid = nid;
	mb->early = early;
	mb->range = range;
	mb->nr_vmemmap_pages = nr_vmemmap_pages;
	mb->state = early ? MEM_ONLINE : MEM_OFFLINE;
	mb->zone = early ? early_block_zone(nid, block_start_pfn(mb), block_end_pfn(mb)) : -1;
	mb->sysfs = files;
	err = block_files_register(mb, files);
	if (err) {
		kfree(files);
		kfree(mb);
		return err;
	}
	/* Keep the list sorted: insert before the first block with a larger id. */
	next = memory_block_next(id);
	list_add_tail(&mb->link, next ? &next->link : &blocks);
	nr_blocks++;
	return 0;
}

int
memory_block_destroy_locked(unsigned long id)
{
	struct memory_block *mb = find_memory_block(id);

	if (!mb)
		return -ENOENT;
	if (mb->state != MEM_OFFLINE)
		return -EBUSY;
	block_files_unregister(mb->sysfs);
	list_del(&mb->link);
	nr_blocks--;
	kfree(mb->sysfs);
	kfree(mb);
	return 0;
}

/* Host tests: every block, its files, the notifiers and the injector go. */
void
memory_block_reset(void)
{
	while (!list_empty(&blocks)) {
		struct memory_block *mb = list_first_entry(&blocks, struct memory_block, link);

		mb->state = MEM_OFFLINE;
		memory_block_destroy_locked(mb->id);
	}
	memory_notify_reset();
}
