/* SPDX-License-Identifier: MIT */
/*
 * mm/mm.h - physical memory: the structures every mm/ file shares, and a
 * table of contents of mm/, file by file.
 *
 * Glossary (terms students confuse):
 *   page frame    PAGE_SIZE bytes of physical memory (4 KiB on x86_64,
 *                 64 KiB on ppc64, 16 KiB on ia64), numbered by its pfn.
 *   struct page   the 64-byte record describing one page frame.
 *   memmap        an array of struct page; sparse memory has one per section.
 *   section       SECTION_SIZE of physical address space (128 MiB on x86_64):
 *                 the unit in which a memmap exists or does not.
 *   memblock      the boot-time allocator (mm/memblock.c), before the buddy.
 *   memory block  the hotplug unit users see (/sys/.../memoryN).
 *   pageblock     2^pageblock_order pages with one migratetype.
 *   present       a section has RAM and a memmap; online: its pages are
 *                 given to the buddy allocator.
 *   movable       the page's contents can be moved elsewhere (user data);
 *   reclaimable   the page can be freed on demand (caches); unmovable: neither.
 *
 * Course text: docs/02-physical-memory.md, docs/03-sparsemem.md,
 * docs/04-buddy.md, docs/05-free-area-splitting.md.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <arch/memlayout.h>
#include <arch/mmparam.h>
#include "kernel/types.h"
#include "mm/list.h"

/* ------------------------------------------------------------ parameters
 * Everything here follows from the five numbers in arch/mmparam.h. */

#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define SECTION_SIZE		(1UL << SECTION_SIZE_BITS)
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define SECTIONS_SHIFT		(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS)
#define NR_MEM_SECTIONS		(1UL << SECTIONS_SHIFT)
#define MAX_PFN			(1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT))

/* A pageblock: the unit that carries a migratetype (at most 2 MiB on x86). */
#define pageblock_order		((MAX_ORDER - 1) < 9 ? (MAX_ORDER - 1) : 9)
#define pageblock_nr_pages	(1UL << pageblock_order)

#define PFN_PHYS(pfn)		((paddr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(pa)		((unsigned long)((pa) >> PAGE_SHIFT))
#define PFN_UP(pa)		PHYS_PFN((pa) + PAGE_SIZE - 1)
#define PFN_DOWN(pa)		PHYS_PFN(pa)

/* A buddy never spans two sections (paper section 4.4). */
_Static_assert(PAGE_SHIFT + MAX_ORDER - 1 <= SECTION_SIZE_BITS,
	       "a MAX_ORDER block must fit in a section");

#define MAX_NUMNODES		64	/* node ids 0..63 */
#define NUMA_NO_NODE		(-1)

/* ------------------------------------------------------------ struct page
 *
 * page->flags packs four things, so that a page knows its node, zone and
 * section without any other lookup:
 *
 *   63      56 55 54 53             32 31                 0
 *  +----------+-----+-----------------+--------------------+
 *  |   node   |zone | section number  |     PG_* bits      |
 *  +----------+-----+-----------------+--------------------+
 */
#define PG_FLAGS_BITS		32
#define PG_SECTION_SHIFT	32
#define PG_SECTION_BITS		22
#define PG_ZONE_SHIFT		54
#define PG_ZONE_BITS		2
#define PG_NODE_SHIFT		56
#define PG_NODE_BITS		8
_Static_assert(SECTIONS_SHIFT <= PG_SECTION_BITS, "section number must fit page->flags");
_Static_assert(MAX_NUMNODES <= (1 << PG_NODE_BITS), "node id must fit page->flags");

enum pageflags {
	PG_reserved,	/* not the buddy's: hole, firmware, kernel, boot allocation */
	PG_buddy,	/* head of a free block on a free list; private = order */
	PG_head,	/* first page of an allocated block; private = order */
	PG_locked,	/* held by migration (mm/vm.h: page_lock()) */
	PG_slab,	/* holds kmalloc objects */
	PG_pgtable,	/* a page-table page */
	PG_movable,	/* allocated with __GFP_MOVABLE: contents may move */
	PG_isolated,	/* a free block held off the free lists for a moment, with
			 * interrupts off, while page_isolation.c re-lists it */
	PG_memmap,	/* holds a hot-added section's memmap (struct pages):
			 * set by whoever allocates it (memory_hotplug.c, and
			 * online for memmap_on_memory pages); never movable */
	PG_anon,	/* a user page (head): owner and owner_index are its
			 * reverse map (mm/vm.h) */
	NR_PAGEFLAGS
};

/*
 * One per page frame, at most 64 bytes.  Which fields mean what depends
 * on the page's state:
 *
 *   state            flags          refcount  private   lru
 *   ---------------  -------------  --------  --------  --------------------
 *   reserved         PG_reserved    1         0         unused
 *   free, head       PG_buddy       0         order     on free_area list
 *   free, not head   -              0         0         unused
 *   allocated head   PG_head if     >= 1      order     free for the owner
 *                    order > 0
 *   allocated tail   -              0         0         unused
 *   kmalloc slab     PG_slab        1         class     on its class's list
 *                    (owner: first free object; owner_index: objects in use)
 *   user (anon)      PG_anon (+     1 + pins  order     on a migration list
 *                    PG_head, ...)  (+1 list)           while on one
 *                    (owner: its mm_struct; owner_index: its virtual address)
 *   memmap           PG_memmap      1         0         unused
 *                    (+ PG_reserved for memmap_on_memory pages in their block)
 *   offline          PG_reserved    1         0         unused
 *                    (taken out of the buddy by offline: page_isolation.c)
 *
 * pageblock_mt is meaningful only in the first page of a pageblock, for
 * every state: it is that pageblock's migratetype.  pageblock_saved_mt,
 * also in the first page only, is meaningful while pageblock_mt is
 * MIGRATE_ISOLATE: the type to go back to when the isolation is undone
 * (mm/page_isolation.c).
 */
struct page {
	unsigned long flags;	/* node | zone | section | PG_* (see above) */
	int refcount;		/* 0: free or a tail; >= 1: in use */
	u8 pageblock_mt;	/* first page of a pageblock: its migratetype */
	u8 pageblock_saved_mt;	/* first page, while isolated: the type before */
	u16 pins;		/* anon: pins held (mm/vm.h: vm_pin_page()) */
	unsigned long private;	/* free head or allocated head: the order */
	struct list_head lru;	/* free head: link in free_area; else owner's */
	void *owner;		/* anon: its mm_struct (reverse map); slab: see above */
	unsigned long owner_index;	/* anon: its virtual address; slab: see above */
};
_Static_assert(sizeof(struct page) <= 64, "struct page must stay within 64 bytes");
/* The encoded memmap (below) needs its low 6 bits free. */
_Static_assert(PAGES_PER_SECTION * sizeof(struct page) % 64 == 0,
	       "a section's memmap must be a multiple of 64 bytes");

static inline bool
page_flag(const struct page *p, enum pageflags f)
{
	return p->flags & (1UL << f);
}

static inline void
set_page_flag(struct page *p, enum pageflags f)
{
	p->flags |= 1UL << f;
}

static inline void
clear_page_flag(struct page *p, enum pageflags f)
{
	p->flags &= ~(1UL << f);
}

static inline unsigned long
page_to_section_nr(const struct page *p)
{
	return (p->flags >> PG_SECTION_SHIFT) & ((1UL << PG_SECTION_BITS) - 1);
}

static inline int
page_to_nid(const struct page *p)
{
	return (p->flags >> PG_NODE_SHIFT) & ((1UL << PG_NODE_BITS) - 1);
}

static inline int
page_zonenum(const struct page *p)
{
	return (p->flags >> PG_ZONE_SHIFT) & ((1UL << PG_ZONE_BITS) - 1);
}

/* Set node, zone and section of a page; PG_* bits are kept. */
static inline void
set_page_links(struct page *p, int nid, int zone, unsigned long section_nr)
{
	p->flags &= (1UL << PG_FLAGS_BITS) - 1;
	p->flags |= ((unsigned long)nid << PG_NODE_SHIFT) |
		    ((unsigned long)zone << PG_ZONE_SHIFT) |
		    (section_nr << PG_SECTION_SHIFT);
}

/* ------------------------------------------------------------ sections
 *
 * The section table is two-level (SPARSEMEM_EXTREME): a root array of
 * NR_SECTION_ROOTS pointers, each to a page-sized leaf of struct
 * mem_section, allocated only when a section in its range appears.
 *
 *   mem_section[root] --> leaf[SECTIONS_PER_ROOT] --> memmap of one section
 *
 * section_mem_map encodes the memmap as (memmap - first pfn of the
 * section), so that pfn_to_page(pfn) is one add: encoded + pfn.  The low
 * bits hold the state: memmaps are 64-byte aligned and a section's first
 * pfn times sizeof(struct page) is a multiple of 64 (asserted above), so
 * the encoded value is too, and bits 0..5 are free.  It stays an integer
 * so that using it as a pointer takes a deliberate decode.
 */
struct mem_section {
	unsigned long section_mem_map;	/* encoded memmap | SECTION_* bits */
	int nid;			/* node of the section's memory */
	u32 nr_present_pages;		/* RAM pages in it (the rest are holes) */
};

#define SECTION_MARKED_PRESENT	(1UL << 0)	/* has RAM, or will have */
#define SECTION_HAS_MEM_MAP	(1UL << 1)	/* its memmap exists */
#define SECTION_IS_ONLINE	(1UL << 2)	/* its pages are in the buddy */
#define SECTION_IS_EARLY	(1UL << 3)	/* present at boot, not hot-added */
#define SECTION_HOTPLUGGABLE	(1UL << 4)	/* firmware says it may go away */
#define SECTION_MAP_MASK	(~((1UL << 6) - 1))

#define SECTIONS_PER_ROOT	(PAGE_SIZE / sizeof(struct mem_section))
#define NR_SECTION_ROOTS	((NR_MEM_SECTIONS + SECTIONS_PER_ROOT - 1) / SECTIONS_PER_ROOT)

extern struct mem_section *mem_section[NR_SECTION_ROOTS];

static inline unsigned long
pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

static inline unsigned long
section_nr_to_pfn(unsigned long nr)
{
	return nr << PFN_SECTION_SHIFT;
}

/* The section with number NR, or NULL when its leaf does not exist. */
static inline struct mem_section *
nr_to_section(unsigned long nr)
{
	struct mem_section *leaf;

	if (nr >= NR_MEM_SECTIONS)
		return NULL;
	leaf = mem_section[nr / SECTIONS_PER_ROOT];
	return leaf ? &leaf[nr % SECTIONS_PER_ROOT] : NULL;
}

static inline bool
section_has_mem_map(const struct mem_section *ms)
{
	return ms && (ms->section_mem_map & SECTION_HAS_MEM_MAP);
}

/* The encoded value, as an address: the memmap minus the section's first pfn. */
static inline unsigned long
section_mem_map_base(const struct mem_section *ms)
{
	return ms->section_mem_map & SECTION_MAP_MASK;
}

/* Does PFN have a struct page?  (Holes inside a present section do.) */
static inline bool
pfn_valid(unsigned long pfn)
{
	return pfn < MAX_PFN && section_has_mem_map(nr_to_section(pfn_to_section_nr(pfn)));
}

/*
 * Only for a pfn_valid() pfn.  Integer arithmetic: the encoded base is not
 * a pointer to any object, so C pointer arithmetic on it would be undefined.
 */
static inline struct page *
pfn_to_page(unsigned long pfn)
{
	unsigned long base = section_mem_map_base(nr_to_section(pfn_to_section_nr(pfn)));

	return (struct page *)(base + pfn * sizeof(struct page));
}

static inline unsigned long
page_to_pfn(const struct page *p)
{
	unsigned long base = section_mem_map_base(nr_to_section(page_to_section_nr(p)));

	return ((unsigned long)p - base) / sizeof(struct page);
}

/* The page's contents, through the direct map. */
static inline void *
page_address(const struct page *p)
{
	return phys_to_virt(PFN_PHYS(page_to_pfn(p)));
}

/* The page holding direct-map address VA. */
static inline struct page *
virt_to_page(const void *va)
{
	return pfn_to_page(PHYS_PFN(virt_to_phys(va)));
}

/* ------------------------------------------------------------ zones, nodes */

enum zone_type {
	ZONE_DMA,	/* below 16 MiB: ISA DMA */
	ZONE_DMA32,	/* below 4 GiB: 32-bit devices */
	ZONE_NORMAL,	/* everything else the kernel may use */
	ZONE_MOVABLE,	/* only movable allocations: removable memory */
	MAX_NR_ZONES
};

/* In Linux's order, so /proc/pagetypeinfo's columns line up with a
 * Linux guest's (Linux has HighAtomic and CMA before Isolate; we do not). */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_ISOLATE,	/* being taken away: nothing allocates here */
	MIGRATE_TYPES
};

enum zone_watermark { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];	/* free heads of this order */
	unsigned long nr_free;				/* blocks on all lists */
};

struct pglist_data;

struct zone {
	/* Set at boot or hot add under mem_hotplug_lock; read-only otherwise. */
	struct pglist_data *zone_pgdat;	/* the node this zone belongs to */
	const char *name;		/* "DMA", "DMA32", "Normal", "Movable" */
	unsigned long zone_start_pfn;	/* first pfn spanned; 0 when empty */
	unsigned long spanned_pages;	/* pfns from start to end, holes included */
	unsigned long present_pages;	/* RAM pages in the span */
	unsigned long managed_pages;	/* pages given to the buddy allocator */
	unsigned long watermark[NR_WMARK];	/* free pages: min, low, high */

	/* Protected by disabling interrupts (one CPU; docs/04-buddy.md). */
	struct free_area free_area[MAX_ORDER];	/* lists per order and migratetype */
	unsigned long nr_free_pages;		/* pages on all lists */
	unsigned long nr_free_mt[MIGRATE_TYPES];	/* pages per migratetype */
};

/* Zones in allocation order: a node's own zones, then nearer nodes' first. */
#define MAX_ZONELIST		(MAX_NUMNODES * MAX_NR_ZONES)

typedef struct pglist_data {
	int node_id;
	bool online;				/* the node exists */
	struct zone node_zones[MAX_NR_ZONES];
	struct zone *zonelist[MAX_ZONELIST + 1];	/* NULL-terminated */
	unsigned long node_start_pfn;		/* first pfn spanned */
	unsigned long node_spanned_pages;	/* holes included */
	unsigned long node_present_pages;	/* RAM pages */
} pg_data_t;

extern pg_data_t node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(&node_data[nid])

static inline struct zone *
page_zone(const struct page *p)
{
	return &NODE_DATA(page_to_nid(p))->node_zones[page_zonenum(p)];
}

static inline bool
zone_is_empty(const struct zone *z)
{
	return z->spanned_pages == 0;
}

static inline unsigned long
zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}

/* ------------------------------------------------------------ GFP flags
 * What an allocation asks for: which zones it may use, which migratetype
 * its pages will be, and how hard to look. */

typedef unsigned int gfp_t;

#define __GFP_DMA		0x01u	/* only ZONE_DMA */
#define __GFP_DMA32		0x02u	/* ZONE_DMA32 or below */
#define __GFP_MOVABLE		0x04u	/* contents can move: may use ZONE_MOVABLE */
#define __GFP_RECLAIMABLE	0x08u	/* can be freed on demand */
#define __GFP_THISNODE		0x10u	/* only the preferred node */
#define __GFP_ZERO		0x20u	/* return zeroed pages */

#define GFP_KERNEL		0u			/* unmovable kernel memory */
#define GFP_USER		(__GFP_MOVABLE)		/* user data: movable */
#define GFP_DMA			(__GFP_DMA)
#define GFP_DMA32		(__GFP_DMA32)

/* ------------------------------------------------------------ by file */

/*
 * memblock.c: the boot-time allocator (docs/02-physical-memory.md).
 * Ranges are half-open, [base, base + size), in bytes.  Functions that
 * change a table return 0, -EINVAL (empty or wrapping range, bad node) or
 * -ENOMEM (the table would need more than MEMBLOCK_MAX_REGIONS regions);
 * on an error nothing has changed.  Boot time only: one CPU, no locking.
 */
#define MEMBLOCK_MAX_REGIONS	128

/*
 * Region flags, memory table only (reserved and hidden regions have 0):
 *   MEMBLOCK_HOTPLUG  the firmware says this RAM may be removed (an SRAT
 *                     range marked HotPluggable, under movable_node; set
 *                     by memblock_mark_hotplug()).  While
 *                     memblock.skip_hotplug is set, allocation takes it
 *                     only when no other memory fits, with a warning.
 */
#define MEMBLOCK_HOTPLUG	0x1u

struct memblock_region {
	paddr_t base;		/* first byte */
	u64 size;		/* bytes, never 0; [base, base + size) */
	int nid;		/* node, or NUMA_NO_NODE before the SRAT says;
				 * always NUMA_NO_NODE in reserved */
	u32 flags;		/* MEMBLOCK_* above; 0 outside memory */
};

struct memblock_type {
	const char *name;	/* "memory", "reserved", "hidden" */
	int cnt;		/* regions in use, 0..MEMBLOCK_MAX_REGIONS */
	/* regions[0..cnt): sorted by base, never overlapping; two that touch
	 * differ in nid or flags (neighbours equal in both are merged) */
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;	/* RAM the kernel may use */
	struct memblock_type reserved;	/* taken: kernel, boot info, firmware,
					 * first MiB, memblock_alloc() */
	struct memblock_type hidden;	/* RAM cut off by mem=, for probe */
	paddr_t alloc_limit;		/* allocations end at or below this;
					 * 0: no limit */
	bool skip_hotplug;		/* true: allocate from MEMBLOCK_HOTPLUG
					 * memory only when nothing else fits
					 * (movable_node; set by numa_register()) */
	bool bottom_up;			/* true: allocate the lowest fit, not
					 * the highest (movable_node, until the
					 * SRAT is read; set by mm/init.c) */
};

extern struct memblock memblock;

int memblock_add(paddr_t base, u64 size);	/* node NUMA_NO_NODE */
/* Overlaps with existing memory keep their node; use memblock_set_node(). */
int memblock_add_node(paddr_t base, u64 size, int nid);
int memblock_remove(paddr_t base, u64 size);	/* may split a region */
int memblock_reserve(paddr_t base, u64 size);	/* need not be RAM */
int memblock_free(paddr_t base, u64 size);	/* un-reserve */
/* Give the RAM (memory and hidden) in the range node NID, splitting regions. */
int memblock_set_node(paddr_t base, u64 size, int nid);
/* Flag the memory in the range MEMBLOCK_HOTPLUG, splitting regions. */
int memblock_mark_hotplug(paddr_t base, u64 size);
/* mem=: keep the first LIMIT bytes of RAM (holes not counted), move the
 * rest to hidden.  -EINVAL for LIMIT 0. */
int memblock_cap_memory(u64 limit);
/* Hidden RAM out of and back into memblock.hidden (probe, remove); same
 * returns as above.  memblock.memory is never touched: it stays the boot RAM. */
int memblock_unhide(paddr_t base, u64 size);
int memblock_hide(paddr_t base, u64 size, int nid);
/*
 * Allocate SIZE bytes aligned to ALIGN (a power of two), top-down, first
 * fit (bottom-up while memblock.bottom_up is set), from memory minus
 * reserved below alloc_limit, and reserve them.
 * Returns the physical address, or 0 on failure (0 is never allocated).
 * _node: from node NID's memory when it has room, else from any node.
 * With skip_hotplug, MEMBLOCK_HOTPLUG memory comes last, after every
 * node's other memory (warned when used).
 */
paddr_t memblock_alloc(u64 size, u64 align);
paddr_t memblock_alloc_node(u64 size, u64 align, int nid);
u64 memblock_phys_mem_size(void);	/* bytes in memory */
u64 memblock_reserved_size(void);	/* bytes in reserved */
u64 memblock_hidden_size(void);	/* bytes of RAM mem= cut off */
bool memblock_is_memory(paddr_t addr);
bool memblock_is_reserved(paddr_t addr);
/*
 * Walk memory minus reserved in address order, one range per call:
 *	u64 cursor = 0;
 *	while (memblock_next_free_range(&cursor, &start, &end, &nid))
 *		... [start, end) is free RAM on node nid ...
 * NID may be NULL.  The cursor is an address, so the walk stays right if
 * the tables change between calls.
 */
bool memblock_next_free_range(u64 *cursor, paddr_t *start, paddr_t *end, int *nid);
void memblock_dump(void);	/* printk the three tables */

/* sparse.c: the sparse memmap (docs/03-sparsemem.md). */
/* Leaves of the section root come from ALLOC_ZEROED (memblock at boot). */
void sparse_set_allocator(void *(*alloc_zeroed)(size_t size));
/* Mark the sections of [start_pfn, end_pfn) present on node NID. */
int memory_present(int nid, unsigned long start_pfn, unsigned long end_pfn);
/*
 * Where a section's memmap comes from: the caller provides the memory
 * (boot: memblock; hot add: the buddy or the new range itself), 64-byte
 * aligned, PAGES_PER_SECTION struct pages; sparse initialises it (every
 * page reserved, refcount 1, linked to its node and section).
 * Returns 0, -EEXIST (it has one), -EINVAL or -ENOMEM (no leaf).
 */
int sparse_init_section(unsigned long section_nr, int nid, struct page *memmap,
			unsigned long flags);
struct page *sparse_remove_section(unsigned long section_nr);
unsigned long memmap_size_bytes(void);	/* memmap bytes for one section */

struct sparse_stats {
	unsigned long present;		/* sections marked present */
	unsigned long with_memmap;	/* sections with a memmap */
	unsigned long leaves;		/* leaves of the root in use */
	u64 root_bytes;			/* the root array */
	u64 leaf_bytes;			/* the leaves */
	u64 memmap_bytes;		/* all memmaps */
};
void sparse_stats(struct sparse_stats *st);

struct section_cost {
	u64 nr_sections;	/* sections the address space holds */
	u64 flat_bytes;		/* a flat array of one pointer per section */
	u64 root_bytes;		/* the two-level root array */
	u64 leaf_bytes;		/* leaves for the sections in use */
};
void sparse_section_cost(unsigned int section_bits, unsigned int physmem_bits,
			 unsigned int page_shift, unsigned int entry_size,
			 const paddr_t *ranges, int nr_ranges,
			 struct section_cost *out);

/* node.c: nodes, zones, zonelists, watermarks (docs/05-free-area-splitting.md). */
#define LOCAL_DISTANCE		10	/* node_distance(n, n) */
#define REMOTE_DISTANCE		20	/* other nodes until a SLIT says otherwise */
/* SLIT distances, 10 = local; 0 = not given (node_distance() then uses the above). */
extern u8 node_distance_table[MAX_NUMNODES][MAX_NUMNODES];
int node_distance(int a, int b);
void node_set_online(int nid);		/* names its zones; a node with memory is online */
extern const char *const zone_names[MAX_NR_ZONES];	/* "DMA", ..., "Movable" */
int numa_node_id(void);			/* the CPU's node: the first online node */
/* Is N a node id that exists?  (Shell words like node=N check this.) */
static inline bool
node_exists(u64 n)
{
	return n < MAX_NUMNODES && NODE_DATA(n)->online;
}
unsigned long node_free_pages(int nid);	/* free pages of a node's zones */
unsigned long global_free_pages(void);	/* of every online node */
/*
 * Give zone ZID of node NID the span [start_pfn, end_pfn) (it grows to
 * cover an existing span), and initialise the memmap of that range:
 * links (node, zone, section), PG_reserved, refcount 1, and every
 * pageblock whose first page is in the range MIGRATE_MOVABLE.  Pages
 * reach the buddy with free_boot_pages().
 * Pass each range once: its pfn_valid() pages count as present.
 */
void zone_init_range(int nid, enum zone_type zid, unsigned long start_pfn,
		     unsigned long end_pfn);
enum zone_type zone_for_pfn(unsigned long pfn);	/* DMA, DMA32 or NORMAL by address */
/* Rebuild every online node's zonelist; again after a zone or node appears. */
void build_all_zonelists(void);
/* Set every zone's watermarks from its managed pages: after free_boot_pages(). */
void setup_watermarks(void);

/*
 * numa.c: NUMA nodes as the firmware describes them
 * (docs/06-acpi-tables-srat-numa.md).  mm/ knows no ACPI: a firmware
 * parser reports, in mm's node ids (0..MAX_NUMNODES-1), the memory
 * ranges, CPUs and distances it read, then calls numa_register() once,
 * after mm_init_early() and before mm_init_late().  Boot time only, one
 * CPU, no locking; afterwards the tables are read-only.
 */
#define NUMA_MAX_MEMBLKS	64	/* memory ranges the firmware may report */
#define NUMA_MAX_CPUS		256
#define NUMA_MEM_HOTPLUGGABLE	(1u << 0)	/* numa_add_memblk() flags */

struct numa_memblk {
	u64 base;		/* [base, base + size), bytes */
	u64 size;		/* never 0 */
	int nid;		/* the node the firmware names */
	unsigned int flags;	/* NUMA_MEM_* */
};

/* A range memory may be hot-added into later (the SRAT's hotplug window). */
struct numa_hotplug_range {
	u64 base;		/* [base, base + size), bytes */
	u64 size;
	int nid;		/* node of memory added there; 0 with numa=off */
};

extern bool numa_off;			/* numa=off */
extern bool movable_node_enabled;	/* movable_node */
/* 0, -EINVAL (bad node, empty or wrapping range), -ERANGE (beyond
 * MAX_PHYSMEM_BITS) or -ENOSPC (NUMA_MAX_MEMBLKS reported already). */
int numa_add_memblk(int nid, u64 base, u64 size, unsigned int flags);
int numa_add_cpu(int nid, u32 apic_id);	/* 0, -EINVAL, -ENOSPC */
/* 0, or -EINVAL: bad node, distance < 10, or FROM == TO and not 10. */
int numa_set_distance(int from, int to, u8 distance);
/* Apply it all (memblock nodes, hotplug ranges, nodes online, distances,
 * /sys/devices/system/node/); returns the number of nodes online. */
int numa_register(void);
/* The node of a hotplug range holding all of [base, base + size), or -ENOENT. */
int numa_hotplug_range_nid(u64 base, u64 size);
int numa_nr_hotplug_ranges(void);
const struct numa_hotplug_range *numa_hotplug_range_at(int i);	/* or NULL */
int numa_cpu_to_node(u32 apic_id);	/* NUMA_NO_NODE if never reported */
/* The zone of boot RAM at START_PFN (movable_node: ZONE_MOVABLE inside a
 * hotplug range) and the end of that zone's piece, at most END_PFN. */
unsigned long numa_boot_zone(unsigned long start_pfn, unsigned long end_pfn,
			     enum zone_type *zid);
void numa_reset(void);			/* forget everything (host tests) */

/* page_alloc.c: the buddy allocator (docs/04-buddy.md, 05-free-area-splitting.md). */
/* 2^ORDER pages preferring node NID (NUMA_NO_NODE: this CPU's); NULL if none. */
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
/* Drop a reference to an allocated head of ORDER; the last one frees it. */
void free_pages(struct page *page, unsigned int order);
#define free_page(page)		free_pages(page, 0)
/* An allocated block of ORDER (refcount 1) becomes 2^ORDER order-0 pages. */
void split_page(struct page *page, unsigned int order);
/* Give the PG_reserved pages of [start_pfn, end_pfn) to the buddy.  Sections
 * without a memmap are skipped; every other pfn must be RAM of one zone. */
void free_boot_pages(unsigned long start_pfn, unsigned long end_pfn);
int page_migratetype(unsigned long pfn);
/* Records the type only; free pages of the pageblock are not moved. */
void set_pageblock_migratetype(unsigned long pfn, int mt);
extern const char *const migratetype_names[MIGRATE_TYPES];
/*
 * May unmovable and reclaimable requests fall back into the pageblocks of
 * a SECTION_HOTPLUGGABLE section (paper section 5.5)?  NORMAL: yes, every
 * free page is usable.  PROTECT_MOVABLE: no, removable memory keeps only
 * pages that can move.  Command line: page_alloc.fallback=normal|protect-movable
 */
enum fallback_policy { FALLBACK_NORMAL, FALLBACK_PROTECT_MOVABLE };
extern enum fallback_policy fallback_policy;

/* buddy_check.c: the invariant checker (docs/04-buddy.md): 0, or -EINVAL
 * and the first violation in MSG. */
int buddy_check_zone(struct zone *zone, char *msg, size_t msg_size);
int buddy_check_all(char *msg, size_t msg_size);

/* slab.c: kernel objects (docs/04-buddy.md).  Unmovable, always. */
/* NULL for 0 bytes, movable/reclaimable flags, or no memory.  With a zone
 * or node modifier (DMA, DMA32, THISNODE) the object gets whole pages. */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *ptr);		/* NULL is fine */
void kmalloc_stats(unsigned long *slab_pages, unsigned long *objects);

/*
 * memory_hotplug.c, memory_block.c, page_isolation.c: hot add and hot
 * remove, memory blocks, online and offline (docs/08-hot-add.md,
 * docs/09-hot-remove.md).  Their interface is mm/memory_hotplug.h.
 */

/* proc.c: Linux's /proc files; the name of zone ZID Z, set or not. */
const char *zone_name(const struct zone *z, int zid);

/* init.c: bring memory up at boot (kernel only, not in host tests).
 * kernel_main() reads the firmware's NUMA tables between the two. */
struct boot_info;
void mm_init_early(const struct boot_info *bi);	/* memblock, direct map */
void mm_init_late(void);			/* memmap, zones, buddy */

#endif /* MM_MM_H */
