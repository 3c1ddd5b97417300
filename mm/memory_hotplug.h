/* SPDX-License-Identifier: MIT */
/*
 * mm/memory_hotplug.h - memory hot add and hot remove: memory blocks, the
 * hotplug range records (the status list), online and offline, isolation.
 * The contract between mm/ and its callers: the ACPI memory-device driver
 * (drivers/acpi/memory_device.c), the shell (mm/cmd_hotplug.c) and boot
 * (mm/init.c).
 *
 * The life of a range, and which function moves it along:
 *
 *              add_memory()              online_memory_block()
 *   (absent) --------------> offline ------------------------> online
 *       ^                     |   ^   <------------------------  |
 *       |   remove_memory()   |   |     offline_memory_block()   |
 *       +---------------------+   +------------------------------+
 *
 *   add       the arch maps the range into the direct map, sparse gives
 *             each section a memmap (from the node's memory, or with
 *             memmap_on_memory from the first pages of each block itself),
 *             memory blocks appear in /sys/devices/system/memory/memoryN;
 *             then the auto-online policy may online every block.
 *   online    the block's pages join a zone (Linux's zone rules) and the
 *             buddy allocator: MemTotal grows.
 *   offline   isolate the block's pageblocks, move the user pages away
 *             (migration: mm/migrate.c; kernel allocations cannot go),
 *             take the free pages off the buddy lists.
 *   remove    every block offline: the blocks, the memmaps and the
 *             direct map go (the section root's leaves stay); the
 *             range's record says REMOVED.
 *
 * Every failure leaves the system as it was, prints one line saying why
 * (pr_err), and returns a negative errno.
 *
 * Lock rule: mem_hotplug_lock (a sleeping mutex) serialises every change
 * to blocks, ranges, sections, zone spans and zonelists.  The public
 * functions below take it themselves unless their name ends in _locked;
 * the buddy lists inside are still protected by disabling interrupts.
 * Task context only (they may sleep: offline retries).
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 * Tests: tests/unit/mm/test_memory_block.c, tests/unit/mm/test_memory_hotplug.c,
 *        tests/qemu/test_hot_add.py, tests/qemu/test_hot_remove.py,
 *        tests/qemu/test_hotplug_refusals.py, tests/qemu/test_probe.py
 */
#ifndef MM_MEMORY_HOTPLUG_H
#define MM_MEMORY_HOTPLUG_H

#include "kernel/pseudofs.h"
#include "kernel/task.h"
#include "mm/list.h"
#include "mm/mm.h"

/* ------------------------------------------------------------ sizes */

#define MEMORY_BLOCK_SIZE	(1UL << MEMORY_BLOCK_SIZE_BITS)
#define SECTIONS_PER_BLOCK	(1UL << (MEMORY_BLOCK_SIZE_BITS - SECTION_SIZE_BITS))
#define PAGES_PER_BLOCK		(1UL << (MEMORY_BLOCK_SIZE_BITS - PAGE_SHIFT))
_Static_assert(MEMORY_BLOCK_SIZE_BITS >= SECTION_SIZE_BITS,
	       "a memory block is a whole number of sections");

static inline unsigned long
pfn_to_block_id(unsigned long pfn)
{
	return pfn >> (MEMORY_BLOCK_SIZE_BITS - PAGE_SHIFT);
}

static inline unsigned long
block_id_to_pfn(unsigned long id)
{
	return id << (MEMORY_BLOCK_SIZE_BITS - PAGE_SHIFT);
}

extern struct mutex mem_hotplug_lock;

/* ------------------------------------------------------------ policies */

/* What to do with a block (Linux's MMOP_*): the auto-online policy
 * (memhp_default_state=, auto_online_blocks) and `echo X > state`. */
enum mhp_online_type {
	MMOP_OFFLINE,		/* "offline": leave it offline */
	MMOP_ONLINE,		/* "online": the zone Linux's contig-zones rule picks */
	MMOP_ONLINE_KERNEL,	/* "online_kernel": the node's kernel zone */
	MMOP_ONLINE_MOVABLE,	/* "online_movable": ZONE_MOVABLE */
};
/* "offline", "online", "online_kernel", "online_movable"; -EINVAL otherwise. */
int mhp_online_type_from_str(const char *s);
const char *mhp_online_type_name(enum mhp_online_type t);

/*
 * The auto-online policy for blocks that add_memory() creates.  Boot:
 * memhp_default_state=offline|online|online_kernel|online_movable; run
 * time: /sys/devices/system/memory/auto_online_blocks.  hotmem's default
 * is online_movable (Linux's build default is offline and distributions
 * online with udev rules): a plugged DIMM comes online, and in a zone
 * that keeps it removable.
 */
extern enum mhp_online_type mhp_default_online_type;

/*
 * memmap_on_memory (boot: memmap_on_memory or memmap_on_memory=1): the
 * memmap of a hot-added block lives in the block's own first pages,
 * rounded up to whole pageblocks (mhp_vmemmap_pages()), instead of
 * coming from the node's existing memory.  Those pages stay reserved:
 * present in the zone, never managed.  Boot memory is never affected.
 */
extern bool memmap_on_memory;
unsigned long mhp_vmemmap_pages(void);	/* per block, pageblock-rounded */

/*
 * Where add_memory() gets a section's memmap (without memmap_on_memory):
 * ALLOC returns SIZE bytes, 64-byte aligned, preferring node NID, and
 * sets *OUT_NID to the node they came from; NULL when there are none.
 * FREE gives back what ALLOC returned.  Default (both NULL): the buddy,
 * GFP_KERNEL | __GFP_THISNODE on NID first, then any node, every page
 * marked PG_memmap (what
 * mhp_first_busy_pfn() calls "memmap").  Host tests give memmaps from the heap, or
 * fail on demand.
 */
void mhp_set_memmap_allocator(struct page *(*alloc)(int nid, size_t size, int *out_nid),
			      void (*free)(struct page *memmap, size_t size));

/* ------------------------------------------------------------ memory blocks */

enum memory_block_state {
	MEM_OFFLINE,		/* "offline": memmap exists, pages not in the buddy */
	MEM_GOING_ONLINE,	/* inside online_memory_block() */
	MEM_ONLINE,		/* "online": pages in a zone and the buddy */
	MEM_GOING_OFFLINE,	/* "going-offline": isolated, being emptied */
};
const char *memory_block_state_name(enum memory_block_state s);

struct hotplug_range;

/*
 * One hotplug unit as users see it: /sys/devices/system/memory/memoryN,
 * N = id = first section / SECTIONS_PER_BLOCK.  A block exists while any
 * of its sections is present.
 */
struct memory_block {
	unsigned long id;		/* memoryN; phys_index is this in hex */
	int nid;			/* its node */
	enum memory_block_state state;
	/* Online: the zone its pages are in, or -1 when its boot pages span
	 * two zones (block 0 on x86: DMA and DMA32; valid_zones "none",
	 * offline refused).  Offline: -1. */
	int zone;
	bool early;			/* boot memory, not hot-added */
	unsigned long nr_vmemmap_pages;	/* memmap_on_memory: the first pages
					 * hold the memmap; 0 otherwise */
	struct hotplug_range *range;	/* the record it came from; NULL: boot */
	bool fenced;			/* isolated by mhp_fence_range(), not by
					 * its own offline (which then keeps the
					 * isolation on failure) */
	struct list_head link;		/* on the list of blocks, by id */
	void *sysfs;			/* its pseudo-files (memory_block.c) */
};

/* The block with this id, or NULL.  Callers hold mem_hotplug_lock, or
 * only read (the shell's lsmem, cat). */
struct memory_block *find_memory_block(unsigned long id);
/* The first block with id >= ID, or NULL: for (b = memory_block_next(0); b;
 * b = memory_block_next(b->id + 1)). */
struct memory_block *memory_block_next(unsigned long id);
unsigned long memory_block_count(void);

/*
 * Create the block ID (its sections must already have a memmap), state
 * OFFLINE, or ONLINE for boot memory (EARLY), and register its files:
 *   memoryN/state        rw  "online", "offline", "going-offline"
 *   memoryN/online       rw  "1"/"0" (Linux's device online attribute)
 *   memoryN/valid_zones  r-  see memory_block_valid_zones()
 *   memoryN/removable    r-  "1" when offline would find nothing
 *                             unmovable now, else "0"
 *   memoryN/phys_index   r-  "%08lx" of the id
 *   memoryN/phys_device  r-  "0"
 *   memoryN/nodeX        r-  Linux's symlink to the node, shown as its
 *                             target "../../node/nodeX"
 * 0, -EEXIST, -ENOMEM.  Under mem_hotplug_lock (or at boot).
 */
int memory_block_create_locked(unsigned long id, int nid, bool early,
			       struct hotplug_range *range, unsigned long nr_vmemmap_pages);
/* Unregister and free an OFFLINE block: 0, -ENOENT, -EBUSY (online). */
int memory_block_destroy_locked(unsigned long id);
/* Host tests: forget every block and its files, every notifier and
 * injected error (memory_hotplug_reset() calls it). */
void memory_block_reset(void);

/*
 * valid_zones, Linux's text: online, the zone's name ("Movable",
 * "Normal", "DMA32") or "none" when mixed; offline, the zone plain
 * "online" would pick, then the others it may go to: "Normal Movable",
 * "Movable Normal".
 */
void memory_block_valid_zones(const struct memory_block *mb, char *buf, size_t size);

/*
 * Linux's zone rules (mm/memory_hotplug.c: zone_for_pfn_range(), the
 * default online_policy=contig-zones):
 *   online_movable  ZONE_MOVABLE
 *   online_kernel   the node's kernel zone (DMA, DMA32 or Normal) whose
 *                   span the range intersects, else ZONE_NORMAL
 *   online          the kernel zone if only it intersects, ZONE_MOVABLE
 *                   if only Movable intersects; when neither or both do,
 *                   ZONE_MOVABLE with movable_node, else the kernel zone
 *                   (Linux's default_zone_for_pfn())
 */
enum zone_type mhp_zone_for_range(int nid, unsigned long start_pfn,
				  unsigned long nr_pages, enum mhp_online_type type);

/*
 * Online an OFFLINE block (type ONLINE, ONLINE_KERNEL or ONLINE_MOVABLE):
 *   1. the memory notifier chain hears MEM_GOING_ONLINE (a notifier's
 *      error, e.g. the error injector's, cancels with MEM_CANCEL_ONLINE);
 *   2. the zone from mhp_zone_for_range(); the pages past the vmemmap
 *      pages join it (zone_init_range(): span, present pages; the
 *      vmemmap pages are present, reserved), pageblocks MIGRATE_MOVABLE;
 *   3. free_boot_pages() gives them to the buddy (managed pages, MemTotal);
 *   4. sections SECTION_IS_ONLINE, node has memory again if it had none,
 *      zonelists rebuilt when a zone appeared, watermarks recomputed;
 *   5. MEM_ONLINE.
 * 0; -EINVAL (already online, or type OFFLINE), -ENOENT, or the
 * notifier's error.  _locked: the caller holds mem_hotplug_lock.
 */
int online_memory_block(unsigned long id, enum mhp_online_type type);
int online_memory_block_locked(struct memory_block *mb, enum mhp_online_type type);

/*
 * Offline an ONLINE block:
 *   1. refused at once (-EBUSY) when its pages span two zones, or when
 *      a page in it can never move (reserved, slab, page table, memmap,
 *      kernel allocation): the first such pfn and its owner are printed
 *      ("offline memory5: pfn 0x2a000 is unmovable: slab page");
 *   2. MEM_GOING_OFFLINE to the notifiers (an error cancels);
 *   3. every pageblock MIGRATE_ISOLATE (page_isolation.c), state
 *      going-offline;
 *   4. passes, at most MHP_OFFLINE_MAX_PASSES, and MHP_OFFLINE_TIMEOUT_MS
 *      for the retries after the first pass (which moves the bulk, for
 *      as long as that takes): migrate the user pages still allocated
 *      (mhp_migrate_range()), then check
 *      that every page is free; sleep MHP_OFFLINE_RETRY_MS between;
 *   5. all free: take them off the buddy lists (managed pages down),
 *      zone and node present pages and spans shrink, sections not
 *      online, a node with no memory left is memory-less, zonelists and
 *      watermarks recomputed; MEM_OFFLINE; 0.
 *   On failure after 3: isolation undone (each pageblock back to its
 *   migratetype, free pages merged back), MEM_CANCEL_OFFLINE, the block
 *   stays online, the first pfn still in use and its owner printed;
 *   -EBUSY (or -ETIMEDOUT when the time limit ended the passes).
 */
#define MHP_OFFLINE_MAX_PASSES	10
#define MHP_OFFLINE_RETRY_MS	20
#define MHP_OFFLINE_TIMEOUT_MS	2000
int offline_memory_block(unsigned long id);
int offline_memory_block_locked(struct memory_block *mb);

/*
 * A fence around a range whose blocks go offline one after another (a
 * DIMM's eject, offline_and_remove_memory()): every online block of
 * [start, start + size) is isolated at once (step 3 above, for all of
 * them), so that the pages the first block's offline migrates cannot
 * land in a block that goes next and have to move again: no destination
 * inside the range being taken away.  A fenced block's offline uses the
 * fence's isolation and, on failure, leaves it in place;
 * mhp_unfence_range() undoes it for the blocks still online (offline
 * ones keep theirs, as every offline block does).  mem_hotplug_lock held.
 */
void mhp_fence_range(u64 start, u64 size);
void mhp_unfence_range(u64 start, u64 size);

/*
 * Move the user pages allocated in [start_pfn, end_pfn) out of it
 * (migrate_isolate_range(), migrate_pages() to any node, putback: the
 * range is isolated, so no destination lies in it).  Returns how many
 * pages of the range are still allocated afterwards: kernel allocations,
 * and user pages that could not move this time (pinned, no memory).
 * Takes no lock; the caller holds mem_hotplug_lock.
 */
unsigned long mhp_migrate_range(unsigned long start_pfn, unsigned long end_pfn);

/* The first pfn in [start_pfn, end_pfn) that is not free, or end_pfn;
 * OWNER (MHP_OWNER_MAX bytes suffice) gets what holds it: "free",
 * "slab page", "page table", "memmap", "reserved (kernel, firmware or
 * boot allocation)", "movable page (order N)" (a movable kernel
 * allocation: it cannot move), "kernel allocation (order N)", or a user
 * page: "user page of pid 7 (work) at 0x7f0000200000", followed by
 * ", pinned (refcount 3)" when it holds more references than migration
 * can move with, ", under migration" while it is locked.  User pages are
 * movable (UNMOVABLE_ONLY steps over them), pinned or not. */
#define MHP_OWNER_MAX	128
unsigned long mhp_first_busy_pfn(unsigned long start_pfn, unsigned long end_pfn,
				 bool unmovable_only, char *owner, size_t size);

/* ------------------------------------------------------------ notifiers */

enum memory_notify_action {
	MEM_GOING_ONLINE_ACTION, MEM_ONLINE_ACTION, MEM_CANCEL_ONLINE_ACTION,
	MEM_GOING_OFFLINE_ACTION, MEM_OFFLINE_ACTION, MEM_CANCEL_OFFLINE_ACTION,
	NR_MEM_ACTIONS
};
/* Linux's names, as the error injector's directories: "MEM_GOING_ONLINE". */
extern const char *const memory_notify_action_names[NR_MEM_ACTIONS];

struct memory_notify {
	unsigned long block_id;
	unsigned long start_pfn;
	unsigned long nr_pages;
	int nid;
};

#define MEMORY_NOTIFIERS_MAX	8
/* FN is told of every block's step; its nonzero return from a GOING_
 * action cancels the step with that error.  0 or -ENOSPC. */
int register_memory_notifier(int (*fn)(enum memory_notify_action, const struct memory_notify *));

/*
 * The error injector (Linux's notifier-error-inject, same paths):
 *   /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error
 *   /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_OFFLINE/error
 * hold an errno ("0", "-12"); while nonzero every such step fails with it.
 */
extern int memory_notify_inject[NR_MEM_ACTIONS];

/* ------------------------------------------------------------ ranges */

/* Where a range came from (the status list's SOURCE column). */
enum mhp_source {
	MHP_SOURCE_BOOT,	/* "boot": the firmware memory map */
	MHP_SOURCE_ACPI,	/* "acpi": a PNP0C80 memory device (hot or cold plugged) */
	MHP_SOURCE_PROBE,	/* "probe": RAM mem= hid, given back by probe */
};
enum mhp_status {
	MHP_ENABLED,		/* added (its blocks online or offline) */
	MHP_FAILED,		/* add failed: reason and error kept; retry possible */
	MHP_REMOVED,		/* removed again */
};

/*
 * One range ever added (the seed HAM design's status file): never freed,
 * so the list is a history; a range added again after REMOVED reuses its
 * record.  At most MHP_MAX_RANGES.
 */
#define MHP_MAX_RANGES		128
#define MHP_REASON_LEN		96
struct hotplug_range {
	int id;				/* index in the list: `retry ID` */
	u64 start;			/* bytes, [start, start + size) */
	u64 size;
	int nid;
	enum mhp_source source;
	enum mhp_status status;
	int error;			/* FAILED: the errno */
	char reason[MHP_REASON_LEN];	/* FAILED: why, one line */
	unsigned long nr_vmemmap_pages;	/* per block; 0 without memmap_on_memory */
	u64 memmap_ns;			/* time to build its memmaps */
	void *owner;			/* the ACPI device that added it, or NULL */
};
const char *mhp_source_name(enum mhp_source source);	/* "boot", "acpi", "probe" */
int hotplug_range_count(void);
struct hotplug_range *hotplug_range_at(int id);		/* or NULL */
/* The ENABLED range that contains [start, start + size), or NULL. */
struct hotplug_range *hotplug_range_find(u64 start, u64 size);

/*
 * Add [start, start + size) to node NID, from SOURCE.  Checks, in order,
 * each refusal printed and nothing changed (the status list included:
 * a refusal is not a failure to retry):
 *   - size and start aligned to MEMORY_BLOCK_SIZE, nonzero, below
 *     2^MAX_PHYSMEM_BITS, NID a valid node (-EINVAL);
 *   - the exact range already ENABLED: return 0, change nothing;
 *   - ACPI: inside a hotpluggable SRAT range when the SRAT has any
 *     (-EINVAL); PROBE: entirely RAM that mem= hid (-EINVAL);
 *   - overlaps no present section and no ENABLED range (-EEXIST).
 * Then: arch_map_direct(); a memmap per section (node NID's memory, any
 * node's when it has none; or memmap_on_memory); sections
 * SECTION_HOTPLUGGABLE, not EARLY; blocks created OFFLINE; the record
 * ENABLED; each block onlined by mhp_default_online_type (a block that
 * fails to online stays offline, warned; the add still succeeds).
 * A failure in the middle (no memory for a page table, a memmap or a
 * block) undoes the steps before it and records FAILED with the reason,
 * for `retry`.  Returns 0 or -errno.  A node that was not online (any id
 * below MAX_NUMNODES) comes online, and goes again if the add fails.
 * _locked: under mem_hotplug_lock.
 */
int add_memory(int nid, u64 start, u64 size, enum mhp_source source);
int add_memory_locked(int nid, u64 start, u64 size, enum mhp_source source,
		      void *owner);
/* Retry a FAILED record: add_memory() with its arguments.  -EINVAL when
 * it is not FAILED, -ENOENT when there is no such id. */
int retry_hotplug_range(int id);
/*
 * The device OWNER (the ACPI slot that passed it to add_memory_locked())
 * is gone: its FAILED records become REMOVED, so `retry` cannot add RAM
 * that is no longer there.  ENABLED records are not touched (they are
 * removed with remove_memory()).  Takes mem_hotplug_lock; returns how
 * many records changed.  OWNER NULL changes nothing.
 */
int hotplug_range_forget(void *owner);

/*
 * Remove [start, start + size): it must be exactly an ENABLED hot-added
 * range (boot memory: -EPERM, "boot memory cannot be removed"; unknown:
 * -ENOENT) whose blocks are all offline (-EBUSY, naming the first online
 * block).  Blocks destroyed, memmaps freed, direct map unmapped (its
 * emptied page tables freed), sections without a memmap; record REMOVED.
 */
int remove_memory(u64 start, u64 size);
int remove_memory_locked(u64 start, u64 size);
/* Offline every online block of the range, then remove it; on a failure
 * the blocks this call offlined are onlined again into their old zone
 * and the error returned (the eject path). */
int offline_and_remove_memory(u64 start, u64 size);

/* probe: add one hidden block at ADDR (/sys/devices/system/memory/probe)
 * or [ADDR, ADDR + SIZE) (the shell's `probe ADDR SIZE`), node from the
 * hidden region. */
int probe_memory(u64 addr, u64 size);

/*
 * Boot (mm/init.c, after mm_init_late()): record the boot RAM as BOOT
 * ranges, create a block (ONLINE, EARLY) for every present boot section,
 * mark the sections online, register the files in
 * /sys/devices/system/memory/ (block_size_bytes, auto_online_blocks,
 * probe) and /proc/memhotplug.
 */
void memory_hotplug_init(void);

/* Host tests: forget every block, range and file. */
void memory_hotplug_reset(void);

#endif /* MM_MEMORY_HOTPLUG_H */
