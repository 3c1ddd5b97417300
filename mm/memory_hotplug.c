/* SPDX-License-Identifier: MIT */
/*
 * mm/memory_hotplug.c - hot add and hot remove of whole ranges: the
 * direct map, a memmap per section, memory blocks, and the record of
 * every range ever added (`retry`; shown by mm/hotplug_policy.c as
 * /proc/memhotplug).
 *
 * The idea: add_memory() is a list of checks, then a list of steps; each
 * step has an undo, and a failure runs the undos of the steps before it
 * in reverse, so the system is exactly as it was and the range's record
 * says FAILED and why.  remove_memory() runs the same undos on purpose.
 *
 * memblock: memblock.memory stays the boot RAM; probe takes its range out
 * of memblock.hidden and remove puts it back, so it can be probed again.
 * The direct map's new page tables come from the buddy (unmovable), and
 * ranges are whole blocks, so unmapping never splits a large page.
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 * Tests: tests/unit/mm/test_memory_hotplug.c, tests/qemu/test_hot_add.py,
 *        tests/qemu/test_hot_remove.py
 */
#include <arch/mmu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"

static const char *const source_names[] = {
	[MHP_SOURCE_BOOT]	= "boot",
	[MHP_SOURCE_ACPI]	= "acpi",
	[MHP_SOURCE_PROBE]	= "probe",
};

const char *
mhp_source_name(enum mhp_source source)
{
	return (size_t)source < ARRAY_SIZE(source_names) ? source_names[source] : "?";
}

/*
 * The status list.  Protected by mem_hotplug_lock (written at boot
 * before anyone else runs); readers without it (cat) see whole records
 * because there is one CPU and no preemption inside a seq_printf().
 * ranges[0..nr_ranges): id == index; never freed, a record is reused when
 * its exact range is added again.
 */
static struct hotplug_range ranges[MHP_MAX_RANGES];
static int nr_ranges;

/* ------------------------------------------------------------ memmaps */

/* The smallest order whose block holds SIZE bytes. */
static unsigned int
size_to_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/*
 * The default: a memmap is unmovable kernel memory, so GFP_KERNEL; the
 * node's own memory first (each struct page read is then local), any
 * node's when it has none (a node hot-added for the first time has only
 * the memory being added).  A memmap is rarely a power of two (x86_64:
 * 32768 struct pages of 56 bytes, 1.75 MiB), so the block of the next
 * order is split and its tail freed at once: the memmap costs what it
 * is.  Every page it keeps says whose it is (PG_memmap).
 */
static struct page *
buddy_memmap_alloc(int nid, size_t size, int *out_nid)
{
	unsigned int order = size_to_order(size);
	unsigned long pfn, i, used = PFN_UP(size);
	struct page *p;

	p = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE, order);
	if (!p)
		p = alloc_pages_node(nid, GFP_KERNEL, order);
	if (!p)
		return NULL;
	pfn = page_to_pfn(p);
	split_page(p, order);
	for (i = used; i < (1UL << order); i++)
		free_page(pfn_to_page(pfn + i));
	for (i = 0; i < used; i++)
		set_page_flag(pfn_to_page(pfn + i), PG_memmap);
	*out_nid = page_to_nid(p);
	return page_address(p);
}

static void
buddy_memmap_free(struct page *memmap, size_t size)
{
	unsigned long pfn = page_to_pfn(virt_to_page(memmap));

	for (unsigned long i = 0; i < PFN_UP(size); i++) {
		struct page *p = pfn_to_page(pfn + i);

		clear_page_flag(p, PG_memmap);
		free_page(p);
	}
}

static struct page *(*memmap_alloc)(int nid, size_t size, int *out_nid) = buddy_memmap_alloc;
static void (*memmap_free)(struct page *memmap, size_t size) = buddy_memmap_free;

void
mhp_set_memmap_allocator(struct page *(*alloc)(int nid, size_t size, int *out_nid),
			 void (*free)(struct page *memmap, size_t size))
{
	memmap_alloc = alloc ? alloc : buddy_memmap_alloc;
	memmap_free = free ? free : buddy_memmap_free;
}

/* ------------------------------------------------------------ the records */

int
hotplug_range_count(void)
{
	return nr_ranges;
}

struct hotplug_range *
hotplug_range_at(int id)
{
	return id >= 0 && id < nr_ranges ? &ranges[id] : NULL;
}

struct hotplug_range *
hotplug_range_find(u64 start, u64 size)
{
	for (int i = 0; i < nr_ranges; i++) {
		struct hotplug_range *r = &ranges[i];

		if (r->status == MHP_ENABLED && start >= r->start &&
		    start + size <= r->start + r->size)
			return r;
	}
	return NULL;
}

/* The record of exactly [start, start + size), any status, or NULL. */
static struct hotplug_range *
range_exact(u64 start, u64 size)
{
	for (int i = 0; i < nr_ranges; i++)
		if (ranges[i].start == start && ranges[i].size == size)
			return &ranges[i];
	return NULL;
}

/*
 * The record for an attempt at [start, start + size): the old one of the
 * same range (a retry, or an add after a remove), else a new one; NULL
 * when the list is full (then the attempt is only printed).
 */
static struct hotplug_range *
range_record(int nid, u64 start, u64 size, enum mhp_source source, void *owner)
{
	struct hotplug_range *r = range_exact(start, size);

	if (!r) {
		if (nr_ranges == MHP_MAX_RANGES)
			return NULL;
		r = &ranges[nr_ranges];
		r->id = nr_ranges++;
	}
	r->start = start;
	r->size = size;
	r->nid = nid;
	r->source = source;
	r->status = MHP_FAILED;
	r->error = 0;
	r->reason[0] = '\0';
	r->nr_vmemmap_pages = 0;
	r->memmap_ns = 0;
	r->owner = owner;
	return r;
}

/* ------------------------------------------------------------ adding: checks */

#define RANGE_FMT		"[mem 0x%llx-0x%llx]"
#define RANGE_ARGS(start, size)	(unsigned long long)(start), \
				(unsigned long long)((start) + (size) - 1)

/* Is all of [start, start + size) RAM that mem= hid, on one node?  *NID:
 * its node, or -2 when the hidden RAM lies on two nodes (probe refuses
 * that: a block has one node). */
static bool
range_is_hidden(u64 start, u64 size, int *nid)
{
	u64 at = start, end = start + size;

	*nid = NUMA_NO_NODE;
	for (int i = 0; i < memblock.hidden.cnt && at < end; i++) {
		const struct memblock_region *r = &memblock.hidden.regions[i];

		if (r->base + r->size <= at)
			continue;
		if (r->base > at)
			return false;
		if (*nid == NUMA_NO_NODE) {
			*nid = r->nid;
		} else if (*nid != r->nid) {
			*nid = -2;
			return false;
		}
		at = r->base + r->size;
	}
	return at >= end;
}

/* Does [start, start + size) touch a present section or an ENABLED range?
 * WHAT gets which, as the reason of the refusal. */
static bool
range_overlaps(u64 start, u64 size, char *what, size_t len)
{
	unsigned long first = pfn_to_section_nr(PHYS_PFN(start));
	unsigned long last = pfn_to_section_nr(PHYS_PFN(start + size - 1));

	for (int i = 0; i < nr_ranges; i++) {
		const struct hotplug_range *r = &ranges[i];

		if (r->status == MHP_ENABLED && start < r->start + r->size &&
		    r->start < start + size) {
			snprintf(what, len, "overlaps range %d " RANGE_FMT " (%s)", r->id,
				 RANGE_ARGS(r->start, r->size), source_names[r->source]);
			return true;
		}
	}
	for (unsigned long nr = first; nr <= last; nr++) {
		const struct mem_section *ms = nr_to_section(nr);

		if (ms && (ms->section_mem_map & SECTION_MARKED_PRESENT)) {
			snprintf(what, len, "overlaps present memory in memory%lu",
				 pfn_to_block_id(section_nr_to_pfn(nr)));
			return true;
		}
	}
	return false;
}

/*
 * The checks of memory_hotplug.h, in its order.  0: go on; 1: the exact
 * range is there already; else -errno with REASON filled.
 */
static int
add_check(int nid, u64 start, u64 size, enum mhp_source source, char *reason, size_t len)
{
	int hidden_nid;

	if (!size || start % MEMORY_BLOCK_SIZE || size % MEMORY_BLOCK_SIZE) {
		snprintf(reason, len, "not a whole number of memory blocks (%lx bytes each)",
			 MEMORY_BLOCK_SIZE);
		return -EINVAL;
	}
	if (start + size < start || start + size > (1ULL << MAX_PHYSMEM_BITS)) {
		snprintf(reason, len, "beyond %d physical address bits", MAX_PHYSMEM_BITS);
		return -EINVAL;
	}
	if (nid < 0 || nid >= MAX_NUMNODES) {
		snprintf(reason, len, "node %d is not a valid node", nid);
		return -EINVAL;
	}
	if ((size_t)source >= ARRAY_SIZE(source_names)) {
		snprintf(reason, len, "unknown source %d", (int)source);
		return -EINVAL;
	}
	if (range_exact(start, size) && range_exact(start, size)->status == MHP_ENABLED)
		return 1;
	if (source == MHP_SOURCE_BOOT) {
		snprintf(reason, len, "boot memory is added at boot only");
		return -EINVAL;
	}
	if (source == MHP_SOURCE_ACPI && numa_nr_hotplug_ranges() > 0 &&
	    numa_hotplug_range_nid(start, size) < 0) {
		snprintf(reason, len, "outside every hotpluggable SRAT range");
		return -EINVAL;
	}
	if (source == MHP_SOURCE_PROBE && !range_is_hidden(start, size, &hidden_nid)) {
		snprintf(reason, len, hidden_nid == -2 ? "hidden RAM of two nodes: probe each part" :
			 "not RAM that mem= hid");
		return -EINVAL;
	}
	if (range_overlaps(start, size, reason, len))
		return -EEXIST;
	return 0;
}

/* ------------------------------------------------------------ adding: steps */

/*
 * What an add has done so far, so that undo_add() can take back exactly
 * that.  Counts grow in step order; undo walks them back down.
 */
struct add_state {
	int nid;
	u64 start, size;
	struct hotplug_range *rec;	/* its record (a full list is refused before) */
	bool set_node_online;		/* node_set_online() was ours */
	bool unhidden;			/* memblock_unhide() done (probe) */
	bool mapped;			/* arch_map_direct() done */
	unsigned long nr_sections;	/* sections given a memmap */
	unsigned long nr_blocks;	/* blocks created */
	unsigned long nr_vmemmap;	/* memmap_on_memory: pages per block */
	int memmap_nid;			/* node of the first memmap; -2: several */
};

static unsigned long
first_section(const struct add_state *st)
{
	return pfn_to_section_nr(PHYS_PFN(st->start));
}

static unsigned long
first_block(const struct add_state *st)
{
	return pfn_to_block_id(PHYS_PFN(st->start));
}

/* Take section NR's memmap away and free it (not when it lies on the
 * memory itself: that goes with the memory). */
static void
section_remove(unsigned long nr, unsigned long nr_vmemmap)
{
	struct page *memmap = sparse_remove_section(nr);

	if (memmap && !nr_vmemmap)
		memmap_free(memmap, memmap_size_bytes());
}

/* Undo, newest step first, what ST says was done. */
static void
undo_add(struct add_state *st)
{
	while (st->nr_blocks)
		if (memory_block_destroy_locked(first_block(st) + --st->nr_blocks))
			panic("add_memory: undo: block %lu cannot be destroyed",
			      first_block(st) + st->nr_blocks);
	while (st->nr_sections)
		section_remove(first_section(st) + --st->nr_sections, st->nr_vmemmap);
	if (st->mapped && arch_unmap_direct(st->start, st->size))
		pr_warn("memory: " RANGE_FMT ": direct map not undone; the mapping stays\n",
			RANGE_ARGS(st->start, st->size));
	st->mapped = false;
	if (st->unhidden && memblock_hide(st->start, st->size, st->nid))
		pr_warn("memory: " RANGE_FMT ": not hidden again; probe cannot add it again\n",
			RANGE_ARGS(st->start, st->size));
	st->unhidden = false;
	if (st->set_node_online) {
		NODE_DATA(st->nid)->online = false;
		build_all_zonelists();
		st->set_node_online = false;
	}
}

/*
 * Where section NR's memmap goes.  memmap_on_memory: the block's first
 * pages, section after section (the range is mapped already); else the
 * allocator.  Its node into *NID.  NULL: no memory.
 */
static struct page *
section_memmap(struct add_state *st, unsigned long nr, int *nid)
{
	if (st->nr_vmemmap) {
		unsigned long block_pfn = block_id_to_pfn(pfn_to_block_id(section_nr_to_pfn(nr)));
		unsigned long index = nr - pfn_to_section_nr(block_pfn);

		*nid = st->nid;
		return (struct page *)((u8 *)phys_to_virt(PFN_PHYS(block_pfn)) +
				       index * memmap_size_bytes());
	}
	return memmap_alloc(st->nid, memmap_size_bytes(), nid);
}

/* Give every section of the range a memmap and make it present. */
static int
add_sections(struct add_state *st, char *reason, size_t len)
{
	unsigned long n = st->size >> SECTION_SIZE_BITS;

	for (; st->nr_sections < n;) {
		unsigned long nr = first_section(st) + st->nr_sections;
		struct page *memmap;
		int from = NUMA_NO_NODE, err;

		memmap = section_memmap(st, nr, &from);
		if (!memmap) {
			snprintf(reason, len, "no memory for the memmap");
			return -ENOMEM;
		}
		err = sparse_init_section(nr, st->nid, memmap, SECTION_HOTPLUGGABLE);
		if (err) {
			if (!st->nr_vmemmap)
				memmap_free(memmap, memmap_size_bytes());
			snprintf(reason, len, "section %lu refused by sparse", nr);
			return err;
		}
		nr_to_section(nr)->nr_present_pages = PAGES_PER_SECTION;
		st->nr_sections++;
		if (st->memmap_nid == NUMA_NO_NODE)
			st->memmap_nid = from;
		else if (st->memmap_nid != from)
			st->memmap_nid = -2;
	}
	return 0;
}

static int
add_blocks(struct add_state *st, char *reason, size_t len)
{
	unsigned long n = st->size / MEMORY_BLOCK_SIZE;

	for (; st->nr_blocks < n;) {
		unsigned long id = first_block(st) + st->nr_blocks;
		int err = memory_block_create_locked(id, st->nid, false, st->rec,
						     st->nr_vmemmap);

		if (err) {
			snprintf(reason, len, "memory%lu not created", id);
			return err;
		}
		st->nr_blocks++;
	}
	return 0;
}

/* The steps, in order; 0 or -errno with REASON. */
static int
add_steps(struct add_state *st, enum mhp_source source, char *reason, size_t len)
{
	int err;

	if (!NODE_DATA(st->nid)->online) {
		node_set_online(st->nid);
		build_all_zonelists();
		st->set_node_online = true;
	}
	if (source == MHP_SOURCE_PROBE) {
		err = memblock_unhide(st->start, st->size);
		if (err) {
			snprintf(reason, len, "memblock's hidden table is full");
			return err;
		}
		st->unhidden = true;
	}
	/* Mapped before the call: a map that fails half way (a page table
	 * for a later GiB) leaves entries behind, which the undo clears. */
	st->mapped = true;
	err = arch_map_direct(st->start, st->size);
	if (err) {
		snprintf(reason, len, "cannot map it into the direct map");
		return err;
	}
	err = add_sections(st, reason, len);
	if (err)
		return err;
	return add_blocks(st, reason, len);
}

/* "memory: added [mem ...] node 0 (acpi): memory32-memory39, memmap 14M from node 0 in N us" */
static void
report_added(const struct add_state *st, enum mhp_source source, u64 ns)
{
	unsigned long first = first_block(st), last = first + st->nr_blocks - 1;
	char blocks[48], sz[16], from[24];

	if (first == last)
		snprintf(blocks, sizeof(blocks), "memory%lu", first);
	else
		snprintf(blocks, sizeof(blocks), "memory%lu-memory%lu", first, last);
	if (st->nr_vmemmap) {
		pr_info("memory: added " RANGE_FMT " node %d (%s): %s, memmap %s per block on the memory itself in %llu us\n",
			RANGE_ARGS(st->start, st->size), st->nid, source_names[source], blocks,
			size_to_human((u64)st->nr_vmemmap * PAGE_SIZE, sz, sizeof(sz)),
			(unsigned long long)(ns / 1000));
		return;
	}
	if (st->memmap_nid >= 0)
		snprintf(from, sizeof(from), "node %d", st->memmap_nid);
	else
		snprintf(from, sizeof(from), "several nodes");
	pr_info("memory: added " RANGE_FMT " node %d (%s): %s, memmap %s from %s in %llu us\n",
		RANGE_ARGS(st->start, st->size), st->nid, source_names[source], blocks,
		size_to_human((u64)st->nr_sections * memmap_size_bytes(), sz, sizeof(sz)), from,
		(unsigned long long)(ns / 1000));
}

/* The auto-online policy; a block that fails stays offline, warned. */
static void
auto_online(const struct add_state *st)
{
	if (mhp_default_online_type == MMOP_OFFLINE)
		return;
	for (unsigned long i = 0; i < st->nr_blocks; i++) {
		struct memory_block *mb = find_memory_block(first_block(st) + i);
		int err = mb ? online_memory_block_locked(mb, mhp_default_online_type) : -ENOENT;

		if (err)
			pr_warn("memory: memory%lu: auto-online (%s) failed (%d); the block stays offline\n",
				first_block(st) + i, mhp_online_type_name(mhp_default_online_type), err);
	}
}

static void
record_failure(struct hotplug_range *rec, int err, const char *reason)
{
	if (!rec)
		return;
	rec->status = MHP_FAILED;
	rec->error = err;
	snprintf(rec->reason, sizeof(rec->reason), "%s", reason);
}

int
add_memory_locked(int nid, u64 start, u64 size, enum mhp_source source, void *owner)
{
	struct add_state st = { .nid = nid, .start = start, .size = size,
				.memmap_nid = NUMA_NO_NODE };
	char reason[MHP_REASON_LEN];
	const char *src = (size_t)source < ARRAY_SIZE(source_names) ? source_names[source] : "?";
	u64 t0;
	int err;

	assert(mutex_held(&mem_hotplug_lock));
	err = add_check(nid, start, size, source, reason, sizeof(reason));
	if (err == 1)
		return 0;	/* already there: nothing to do, nothing changed */
	/*
	 * A refusal (bad arguments, a range that is no place for memory)
	 * changes nothing, the status list included: there is nothing to
	 * retry.  Only a failure of the steps below, which may pass another
	 * time, is kept as FAILED.
	 */
	if (err == 0 && !(st.rec = range_record(nid, start, size, source, owner))) {
		snprintf(reason, sizeof(reason), "the status list is full (%d ranges)",
			 MHP_MAX_RANGES);
		err = -ENOSPC;
	}
	if (err) {
		pr_err("memory: add " RANGE_FMT " node %d (%s) refused: %s (%d)\n",
		       RANGE_ARGS(start, size), nid, src, reason, err);
		return err;
	}

	st.nr_vmemmap = memmap_on_memory ? mhp_vmemmap_pages() : 0;
	t0 = ktime_ns();
	err = add_steps(&st, source, reason, sizeof(reason));
	if (err) {
		undo_add(&st);
		pr_err("memory: add " RANGE_FMT " node %d (%s) failed: %s (%d)\n",
		       RANGE_ARGS(start, size), nid, src, reason, err);
		record_failure(st.rec, err, reason);
		return err;
	}
	st.rec->status = MHP_ENABLED;
	st.rec->nr_vmemmap_pages = st.nr_vmemmap;
	st.rec->memmap_ns = ktime_ns() - t0;
	report_added(&st, source, st.rec->memmap_ns);
	auto_online(&st);
	return 0;
}

int
add_memory(int nid, u64 start, u64 size, enum mhp_source source)
{
	int err;

	mutex_lock(&mem_hotplug_lock);
	err = add_memory_locked(nid, start, size, source, NULL);
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

int
retry_hotplug_range(int id)
{
	struct hotplug_range *r;
	int err;

	mutex_lock(&mem_hotplug_lock);
	r = hotplug_range_at(id);
	if (!r) {
		pr_err("memory: retry %d: no such range\n", id);
		err = -ENOENT;
	} else if (r->status != MHP_FAILED) {
		pr_err("memory: retry %d: range is %s, not FAILED\n", id,
		       r->status == MHP_ENABLED ? "ENABLED" : "REMOVED");
		err = -EINVAL;
	} else {
		err = add_memory_locked(r->nid, r->start, r->size, r->source, r->owner);
	}
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

int
hotplug_range_forget(void *owner)
{
	int n = 0;

	if (!owner)
		return 0;
	mutex_lock(&mem_hotplug_lock);
	for (int i = 0; i < nr_ranges; i++) {
		if (ranges[i].owner == owner && ranges[i].status == MHP_FAILED) {
			ranges[i].status = MHP_REMOVED;
			n++;
		}
	}
	mutex_unlock(&mem_hotplug_lock);
	return n;
}

/*
 * probe: RAM mem= hid, on the node memblock keeps for it.  SIZE 0 means
 * one block (the sysfs file).  An address that is not hidden still goes
 * to add_memory_locked(), which says why it is refused (or that it was
 * probed already: 0).
 */
int
probe_memory(u64 addr, u64 size)
{
	int nid = NUMA_NO_NODE, err;

	if (!size)
		size = MEMORY_BLOCK_SIZE;
	mutex_lock(&mem_hotplug_lock);
	(void)range_is_hidden(addr, size, &nid);
	if (nid < 0)	/* not hidden, or on two nodes: add_check() says which */
		nid = 0;
	err = add_memory_locked(nid, addr, size, MHP_SOURCE_PROBE, NULL);
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

/* ------------------------------------------------------------ removing */

/* Is any of [start, start + size) boot RAM? */
static bool
range_is_boot(u64 start, u64 size)
{
	for (int i = 0; i < nr_ranges; i++) {
		const struct hotplug_range *r = &ranges[i];

		if (r->source == MHP_SOURCE_BOOT && start < r->start + r->size &&
		    r->start < start + size)
			return true;
	}
	return false;
}

/* The ENABLED hot-added record of exactly the range, or NULL and the
 * error printed: -EPERM for boot memory, -ENOENT otherwise. */
static struct hotplug_range *
removable_range(const char *what, u64 start, u64 size, int *err)
{
	struct hotplug_range *r = range_exact(start, size);

	if (range_is_boot(start, size)) {
		pr_err("memory: %s " RANGE_FMT ": boot memory cannot be removed\n",
		       what, RANGE_ARGS(start, size));
		*err = -EPERM;
		return NULL;
	}
	if (!r || r->status != MHP_ENABLED) {
		pr_err("memory: %s " RANGE_FMT ": not a range that was added (see /proc/memhotplug)\n",
		       what, RANGE_ARGS(start, size));
		*err = -ENOENT;
		return NULL;
	}
	return r;
}

int
remove_memory_locked(u64 start, u64 size)
{
	struct hotplug_range *r;
	struct add_state st;
	int err = 0;

	assert(mutex_held(&mem_hotplug_lock));
	r = removable_range("remove", start, size, &err);
	if (!r)
		return err;
	for (u64 a = start; a < start + size; a += MEMORY_BLOCK_SIZE) {
		const struct memory_block *mb = find_memory_block(pfn_to_block_id(PHYS_PFN(a)));

		if (mb && mb->state != MEM_OFFLINE) {
			pr_err("memory: remove " RANGE_FMT ": memory%lu is %s; offline it first\n",
			       RANGE_ARGS(start, size), mb->id, memory_block_state_name(mb->state));
			return -EBUSY;
		}
	}

	/* Every step of the add, taken back by its own undo. */
	st = (struct add_state){
		.nid = r->nid, .start = start, .size = size, .rec = r,
		.unhidden = r->source == MHP_SOURCE_PROBE, .mapped = true,
		.nr_sections = size >> SECTION_SIZE_BITS,
		.nr_blocks = size / MEMORY_BLOCK_SIZE,
		.nr_vmemmap = r->nr_vmemmap_pages,
	};
	undo_add(&st);
	r->status = MHP_REMOVED;
	pr_info("memory: removed " RANGE_FMT " node %d\n", RANGE_ARGS(start, size), r->nid);
	return 0;
}

int
remove_memory(u64 start, u64 size)
{
	int err;

	mutex_lock(&mem_hotplug_lock);
	err = remove_memory_locked(start, size);
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

/* How to bring a block back into ZONE. */
static enum mhp_online_type
online_type_for_zone(int zone)
{
	return zone == ZONE_MOVABLE ? MMOP_ONLINE_MOVABLE : MMOP_ONLINE_KERNEL;
}

/*
 * The eject path: every online block of the range offline, then remove.
 * On a failure the blocks this call offlined come back online, each into
 * the zone it was in (eject_zone[], under mem_hotplug_lock: the zone of
 * each block this call offlined, or -2 for one it did not touch).
 */
#define EJECT_MAX_BLOCKS	4096	/* 512 GiB of 128 MiB blocks at once */
static s8 eject_zone[EJECT_MAX_BLOCKS];

int
offline_and_remove_memory(u64 start, u64 size)
{
	unsigned long first = pfn_to_block_id(PHYS_PFN(start));
	unsigned long n = size / MEMORY_BLOCK_SIZE, i;
	struct hotplug_range *r;
	int err = 0;

	mutex_lock(&mem_hotplug_lock);
	r = removable_range("offline and remove", start, size, &err);
	if (!r)
		goto out;
	if (n > EJECT_MAX_BLOCKS) {
		pr_err("memory: offline and remove " RANGE_FMT ": more than %d blocks at once\n",
		       RANGE_ARGS(start, size), EJECT_MAX_BLOCKS);
		err = -EINVAL;
		goto out;
	}
	for (i = 0; i < n; i++)
		eject_zone[i] = -2;
	mhp_fence_range(start, size);	/* the pages of one block never move into the next */
	for (i = 0; i < n && !err; i++) {
		struct memory_block *mb = find_memory_block(first + i);
		int zone;

		if (!mb || mb->state == MEM_OFFLINE)
			continue;
		zone = mb->zone;
		err = offline_memory_block_locked(mb);
		if (!err)
			eject_zone[i] = (s8)zone;
	}
	mhp_unfence_range(start, size);
	if (!err)
		err = remove_memory_locked(start, size);
	for (i = 0; err && i < n; i++) {
		struct memory_block *mb = find_memory_block(first + i);

		if (eject_zone[i] != -2 && mb &&
		    online_memory_block_locked(mb, online_type_for_zone(eject_zone[i])))
			pr_warn("memory: memory%lu: not onlined again after the failed removal\n",
				first + i);
	}
out:
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

/* ------------------------------------------------------------ boot */

/* The first section with a memmap at NR or after (NR set to its number),
 * or NULL; a missing leaf is skipped whole. */
static struct mem_section *
next_section_with_memmap(unsigned long *nr)
{
	for (; *nr < NR_MEM_SECTIONS; (*nr)++) {
		struct mem_section *ms = nr_to_section(*nr);

		if (!ms)
			*nr = ALIGN_UP(*nr + 1, SECTIONS_PER_ROOT) - 1;
		else if (section_has_mem_map(ms))
			return ms;
	}
	return NULL;
}

/*
 * Boot RAM: one BOOT record per memblock.memory region (they are split by
 * node), and an ONLINE, early block for every block with a boot section.
 * Runs once, before any task may add memory; no lock needed.
 */
void
memory_hotplug_init(void)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		struct hotplug_range *r;
		int nid = m->nid == NUMA_NO_NODE ? 0 : m->nid;

		r = range_record(nid, m->base, m->size, MHP_SOURCE_BOOT, NULL);
		if (!r) {
			pr_warn("memory: status list full: boot " RANGE_FMT " not listed\n",
				RANGE_ARGS(m->base, m->size));
			continue;
		}
		r->status = MHP_ENABLED;
	}
	struct mem_section *ms;

	for (unsigned long nr = 0; (ms = next_section_with_memmap(&nr)); nr++) {
		unsigned long id;
		int err;

		if (!(ms->section_mem_map & SECTION_IS_EARLY))
			continue;
		ms->section_mem_map |= SECTION_IS_ONLINE;
		id = pfn_to_block_id(section_nr_to_pfn(nr));
		if (find_memory_block(id))
			continue;
		err = memory_block_create_locked(id, ms->nid, true, NULL, 0);
		if (err)
			pr_warn("memory: memory%lu: not created (%d); it cannot be listed or offlined\n",
				id, err);
	}
}

/* Host tests: forget everything, as if nothing had been added. */
void
memory_hotplug_reset(void)
{
	struct memory_block *mb;
	struct mem_section *ms;

	while ((mb = memory_block_next(0))) {
		mb->state = MEM_OFFLINE;	/* forgetting, not offlining */
		if (memory_block_destroy_locked(mb->id))
			panic("memory_hotplug_reset: memory%lu stays", mb->id);
	}
	/* Newest first: a memmap may lie in memory an older range added. */
	for (int i = nr_ranges - 1; i >= 0; i--) {
		const struct hotplug_range *r = &ranges[i];
		unsigned long nr = pfn_to_section_nr(PHYS_PFN(r->start));

		if (r->status != MHP_ENABLED || r->source == MHP_SOURCE_BOOT)
			continue;
		for (u64 a = 0; a < r->size; a += SECTION_SIZE)
			section_remove(nr++, r->nr_vmemmap_pages);
	}
	for (unsigned long nr = 0; (ms = next_section_with_memmap(&nr)); nr++)
		ms->section_mem_map &= ~SECTION_IS_ONLINE;
	memset(ranges, 0, sizeof(ranges));
	nr_ranges = 0;
	mhp_default_online_type = MMOP_ONLINE_MOVABLE;
	memmap_on_memory = false;
	mhp_set_memmap_allocator(NULL, NULL);
}
