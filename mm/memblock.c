/* SPDX-License-Identifier: MIT */
/*
 * mm/memblock.c - the boot-time allocator: which physical memory exists
 * (memory), which parts of it are taken (reserved), which RAM mem= cut off
 * (hidden), and allocation from memory minus reserved before the buddy.
 *
 * The idea: three sorted tables of [base, base + size) ranges are enough.
 * Every change rebuilds a table into a scratch copy, in address order,
 * merging neighbours on the same node with the same flags; only a rebuild
 * that fits replaces the table, so a failed call changes nothing.  A flag
 * on memory regions, MEMBLOCK_HOTPLUG, marks RAM the firmware may remove:
 * with movable_node, allocation stays out of it while anything else fits,
 * and goes bottom-up (next to the kernel) until the flags are known.
 *
 * Course text: docs/02-physical-memory.md.
 * Tests: tests/unit/mm/test_memblock.c
 */
#include "mm/mm.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct memblock memblock = {
	.memory		= { .name = "memory" },
	.reserved	= { .name = "reserved" },
	.hidden		= { .name = "hidden" },
	.alloc_limit	= 0,
	.bottom_up	= false,
};

/* The exclusive end of the highest range a table can hold. */
#define MEMBLOCK_END	((paddr_t)UINT64_MAX)

/*
 * Scratch tables for rebuilds.  memblock runs at boot on one CPU and
 * never from an interrupt, so one set is enough; they are static because
 * 3 KiB each is too much for the boot stack.
 */
static struct memblock_type scratch[3];

static inline paddr_t
region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

static bool
nid_is_valid(int nid)
{
	return nid == NUMA_NO_NODE || (nid >= 0 && nid < MAX_NUMNODES);
}

/*
 * Validate a range given by a caller: it must hold at least one byte and
 * must not wrap past the top of the address space (the exclusive end
 * base + size must itself be an address).
 */
static int
range_check(const char *what, paddr_t base, u64 size)
{
	if (size == 0 || base + size < base) {
		pr_warn("memblock: %s: bad range (base 0x%llx, size 0x%llx): %s\n",
			what, (unsigned long long)base, (unsigned long long)size,
			size == 0 ? "empty" : "wraps past the top of memory");
		return -EINVAL;
	}
	return 0;
}

static int
nid_check(const char *what, int nid)
{
	if (!nid_is_valid(nid)) {
		pr_warn("memblock: %s: bad node %d (0..%d or NUMA_NO_NODE)\n",
			what, nid, MAX_NUMNODES - 1);
		return -EINVAL;
	}
	return 0;
}

static void
report_full(const struct memblock_type *type, const char *what, paddr_t base,
	    paddr_t end)
{
	pr_err("memblock: %s: table full (%d regions): %s [0x%llx-0x%llx) refused\n",
	       type->name, MEMBLOCK_MAX_REGIONS, what,
	       (unsigned long long)base, (unsigned long long)end);
}

/* ------------------------------------------------------------ rebuilding */

/*
 * Append [start, end) on node NID with FLAGS to DST, whose last region
 * ends at or below START.  A range that touches the last region extends
 * it instead when both (1) are on the same node and (2) have the same
 * flags.  Returns false when DST has no room left.
 */
static bool
emit(struct memblock_type *dst, paddr_t start, paddr_t end, int nid, u32 flags)
{
	struct memblock_region *last;

	if (start >= end)
		return true;
	if (dst->cnt > 0) {
		last = &dst->regions[dst->cnt - 1];
		if (region_end(last) == start && last->nid == nid &&
		    last->flags == flags) {
			last->size += end - start;
			return true;
		}
	}
	if (dst->cnt == MEMBLOCK_MAX_REGIONS)
		return false;
	dst->regions[dst->cnt++] = (struct memblock_region){
		.base = start, .size = end - start, .nid = nid, .flags = flags,
	};
	return true;
}

/* What rebuild() does to the part of the table inside [base, end). */
enum rebuild_op {
	REBUILD_ADD,		/* fill its holes with regions on NID, FLAGS */
	REBUILD_REMOVE,		/* drop it */
	REBUILD_SET_NODE,	/* move it to node NID, flags kept */
	REBUILD_MARK,		/* add FLAGS to its flags, node kept */
};

/*
 * Write into DST the table SRC would become after OP on [base, end)
 * (NID and FLAGS as the op says; ops that do not use them ignore them).
 * SRC is left alone; the caller copies DST over it with commit() when the
 * whole operation fits.  Returns 0, or -ENOMEM when DST would need more
 * than MEMBLOCK_MAX_REGIONS regions.
 *
 * One pass over SRC in address order.  For each region:
 *   1. (add only) emit the hole between the part of [base, end) not yet
 *      covered and this region, on node NID with FLAGS;
 *   2. emit the part of the region below base, unchanged;
 *   3. emit the part inside [base, end): unchanged for add (existing
 *      regions keep their node and flags), on NID for set-node, with
 *      FLAGS added for mark, nothing for remove;
 *   4. emit the part above end, unchanged.
 * After the last region, (add only) emit what remains of [base, end).
 * emit() merges neighbours with the same node and flags, so DST is
 * sorted, never overlapping and merged, as SRC was.
 */
static int
rebuild(struct memblock_type *dst, const struct memblock_type *src,
	enum rebuild_op op, paddr_t base, paddr_t end, int nid, u32 flags)
{
	paddr_t hole = base;	/* add: [hole, end) is not yet in DST */
	bool ok = true;
	int i;

	dst->name = src->name;
	dst->cnt = 0;
	for (i = 0; i < src->cnt; i++) {
		const struct memblock_region *r = &src->regions[i];
		paddr_t rb = r->base, re = region_end(r);

		if (op == REBUILD_ADD) {
			if (hole < rb)
				ok &= emit(dst, hole, MIN(end, rb), nid, flags);
			hole = MAX(hole, re);
		}
		if (re <= base || rb >= end) {
			ok &= emit(dst, rb, re, r->nid, r->flags);
			continue;
		}
		ok &= emit(dst, rb, base, r->nid, r->flags);
		if (op == REBUILD_ADD)
			ok &= emit(dst, MAX(rb, base), MIN(re, end), r->nid, r->flags);
		else if (op == REBUILD_SET_NODE)
			ok &= emit(dst, MAX(rb, base), MIN(re, end), nid, r->flags);
		else if (op == REBUILD_MARK)
			ok &= emit(dst, MAX(rb, base), MIN(re, end), r->nid,
				   r->flags | flags);
		ok &= emit(dst, end, re, r->nid, r->flags);
	}
	if (op == REBUILD_ADD)
		ok &= emit(dst, hole, end, nid, flags);
	return ok ? 0 : -ENOMEM;
}

/* Replace TYPE's regions with those of the rebuilt table NEW. */
static void
commit(struct memblock_type *type, const struct memblock_type *new)
{
	memcpy(type->regions, new->regions, new->cnt * sizeof(new->regions[0]));
	type->cnt = new->cnt;
}

/* Apply OP to one table, or report and change nothing. */
static int
change(struct memblock_type *type, const char *what, enum rebuild_op op,
       paddr_t base, u64 size, int nid, u32 flags)
{
	int err;

	err = range_check(what, base, size);
	if (err)
		return err;
	err = nid_check(what, nid);
	if (err)
		return err;
	if (rebuild(&scratch[0], type, op, base, base + size, nid, flags)) {
		report_full(type, what, base, base + size);
		return -ENOMEM;
	}
	commit(type, &scratch[0]);
	return 0;
}

/* ------------------------------------------------------------ the tables */

int
memblock_add_node(paddr_t base, u64 size, int nid)
{
	return change(&memblock.memory, "add", REBUILD_ADD, base, size, nid, 0);
}

/* Add RAM whose node is not known yet (the SRAT comes later). */
int
memblock_add(paddr_t base, u64 size)
{
	return memblock_add_node(base, size, NUMA_NO_NODE);
}

/* Forget RAM: a region that contains only part of the range is split. */
int
memblock_remove(paddr_t base, u64 size)
{
	return change(&memblock.memory, "remove", REBUILD_REMOVE, base, size,
		      NUMA_NO_NODE, 0);
}

/*
 * Mark a range taken.  It need not be RAM: firmware tables outside the
 * memory map may be reserved too.  Reserved regions carry no node, so
 * touching reservations always merge.
 */
int
memblock_reserve(paddr_t base, u64 size)
{
	return change(&memblock.reserved, "reserve", REBUILD_ADD, base, size,
		      NUMA_NO_NODE, 0);
}

/* Give a reserved range back; parts that were not reserved are ignored. */
int
memblock_free(paddr_t base, u64 size)
{
	return change(&memblock.reserved, "free", REBUILD_REMOVE, base, size,
		      NUMA_NO_NODE, 0);
}

/*
 * Assign node NID to the RAM in [base, base + size), splitting regions
 * that straddle the range.  Hidden RAM gets the node too, so a later
 * probe of it knows where it belongs.  Holes in the range stay holes.
 */
int
memblock_set_node(paddr_t base, u64 size, int nid)
{
	int err;

	err = range_check("set node", base, size);
	if (err)
		return err;
	err = nid_check("set node", nid);
	if (err)
		return err;
	if (rebuild(&scratch[0], &memblock.memory, REBUILD_SET_NODE,
		    base, base + size, nid, 0)) {
		report_full(&memblock.memory, "set node", base, base + size);
		return -ENOMEM;
	}
	if (rebuild(&scratch[1], &memblock.hidden, REBUILD_SET_NODE,
		    base, base + size, nid, 0)) {
		report_full(&memblock.hidden, "set node", base, base + size);
		return -ENOMEM;
	}
	commit(&memblock.memory, &scratch[0]);
	commit(&memblock.hidden, &scratch[1]);
	return 0;
}

/*
 * Flag the RAM in [base, base + size) MEMBLOCK_HOTPLUG: the firmware may
 * remove it, so with memblock.skip_hotplug set, allocation avoids it.
 * Regions that straddle the range are split at its edges, as
 * memblock_set_node() splits them; holes stay holes.  Only memory is
 * marked: hidden RAM comes back through hot add, and reservations have
 * no flags.
 */
int
memblock_mark_hotplug(paddr_t base, u64 size)
{
	return change(&memblock.memory, "mark hotplug", REBUILD_MARK, base, size,
		      NUMA_NO_NODE, MEMBLOCK_HOTPLUG);
}

/*
 * probe (mm/memory_hotplug.c): hidden RAM that probe adds leaves hidden,
 * and goes back there when it is removed, so it can be probed again.
 * memblock.memory stays the boot RAM (the `numa` command calls it so);
 * hidden is "RAM mem= cut off that nobody uses now".  These run after
 * boot too, under mem_hotplug_lock.
 */
int
memblock_unhide(paddr_t base, u64 size)
{
	return change(&memblock.hidden, "unhide", REBUILD_REMOVE, base, size,
		      NUMA_NO_NODE, 0);
}

int
memblock_hide(paddr_t base, u64 size, int nid)
{
	return change(&memblock.hidden, "hide", REBUILD_ADD, base, size, nid, 0);
}

/*
 * The address below which memory holds exactly LIMIT bytes of RAM, and
 * above which some RAM is left; MEMBLOCK_END when there are LIMIT bytes
 * of RAM or fewer in all.  Holes do not count: mem=256M keeps 256 MiB of
 * RAM, wherever the holes are.
 */
static paddr_t
cap_address(u64 limit)
{
	u64 left = limit;	/* RAM bytes still to keep */
	int i;

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (r->size > left)
			return r->base + left;
		left -= r->size;
	}
	return MEMBLOCK_END;
}

/*
 * Keep the first LIMIT bytes of RAM (counted in bytes of RAM, holes
 * skipped, as arm64 Linux reads mem=; mm/init.c turns x86's address
 * limit into this count) and move the rest from memory
 * to hidden, nodes kept, where a later probe finds it.  LIMIT should be a
 * multiple of the page size (the caller rounds); LIMIT 0 is refused: it
 * would leave the kernel no RAM.  Reserved regions above the cut stay
 * reserved, since what they hold (firmware tables, say) is still in use.
 */
int
memblock_cap_memory(u64 limit)
{
	const struct memblock_type *hidden = &memblock.hidden;
	paddr_t cut;
	int i, n = 1;	/* scratch[n] is the next hidden table to build */

	if (limit == 0) {
		pr_warn("memblock: mem=: limit 0 refused (no RAM would be left)\n");
		return -EINVAL;
	}
	cut = cap_address(limit);
	if (cut == MEMBLOCK_END)
		return 0;	/* less RAM than the limit: nothing to hide */

	/*
	 * Build both new tables first: memory without [cut, end), which
	 * cannot overflow (cutting off the top never adds a region), and
	 * hidden with each moved piece added in turn (scratch[1] and [2]
	 * alternate as source and destination).
	 */
	(void)rebuild(&scratch[0], &memblock.memory, REBUILD_REMOVE, cut,
		      MEMBLOCK_END, NUMA_NO_NODE, 0);
	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (region_end(r) <= cut)
			continue;
		/* Flags stay behind: hidden regions have none. */
		if (rebuild(&scratch[n], hidden, REBUILD_ADD, MAX(r->base, cut),
			    region_end(r), r->nid, 0)) {
			report_full(&memblock.hidden, "mem= cap", cut, MEMBLOCK_END);
			return -ENOMEM;
		}
		hidden = &scratch[n];
		n = 3 - n;
	}

	/* Both fit: nothing can fail from here. */
	commit(&memblock.memory, &scratch[0]);
	commit(&memblock.hidden, hidden);
	pr_info("memblock: mem=: kept 0x%llx bytes of RAM below 0x%llx, hid the rest\n",
		(unsigned long long)limit, (unsigned long long)cut);
	return 0;
}

/* ------------------------------------------------------------ queries */

static u64
type_size(const struct memblock_type *type)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < type->cnt; i++)
		sum += type->regions[i].size;
	return sum;
}

u64
memblock_phys_mem_size(void)
{
	return type_size(&memblock.memory);
}

u64
memblock_reserved_size(void)
{
	return type_size(&memblock.reserved);
}

u64
memblock_hidden_size(void)
{
	return type_size(&memblock.hidden);
}

/* The region of TYPE holding ADDR, or NULL.  The table is sorted, so a
 * binary search finds it. */
static const struct memblock_region *
type_find(const struct memblock_type *type, paddr_t addr)
{
	int lo = 0, hi = type->cnt;	/* the answer is in regions[lo..hi) */

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		const struct memblock_region *r = &type->regions[mid];

		if (addr < r->base)
			hi = mid;
		else if (addr >= region_end(r))
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

bool
memblock_is_memory(paddr_t addr)
{
	return type_find(&memblock.memory, addr) != NULL;
}

bool
memblock_is_reserved(paddr_t addr)
{
	return type_find(&memblock.reserved, addr) != NULL;
}

/* ------------------------------------------------------------ free ranges */

/*
 * The walk behind memblock_next_free_range(): the same contract, but it
 * returns the memory region the free range lies in (NULL when none is
 * left), so the allocator can read its node and flags.
 *
 * Per memory region above the cursor: start LO at the region's base (or
 * the cursor), and walk the reservations in address order.  One that
 * begins above LO ends the free piece [LO, its base); one that covers LO
 * moves LO to its end.  When LO reaches the region's end, the region is
 * all taken; try the next one.
 */
static const struct memblock_region *
free_range_next(u64 *cursor, paddr_t *start, paddr_t *end)
{
	const struct memblock_type *res = &memblock.reserved;
	int i, j;

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		paddr_t lo = MAX(m->base, *cursor), hi = region_end(m);

		for (j = 0; j < res->cnt && lo < hi; j++) {
			const struct memblock_region *r = &res->regions[j];

			if (region_end(r) <= lo)
				continue;
			if (r->base >= hi)
				break;
			if (r->base > lo) {
				hi = r->base;
				break;
			}
			lo = region_end(r);
		}
		if (lo < hi) {
			*start = lo;
			*end = hi;
			*cursor = hi;
			return m;
		}
	}
	return NULL;
}

/*
 * The next free range: the lowest piece of memory minus reserved that
 * ends above *CURSOR, cut to start at *CURSOR at the earliest.  Start
 * with *CURSOR = 0; each call returns true with [*start, *end) and its
 * node (NID may be NULL), and moves *CURSOR to *end; false when no free
 * range is left.  The cursor is an address, not an index, so the walk
 * stays right even if the tables change between calls.  A free range
 * never spans two memory regions, so it has one node (and one set of
 * flags).
 */
bool
memblock_next_free_range(u64 *cursor, paddr_t *start, paddr_t *end, int *nid)
{
	const struct memblock_region *m = free_range_next(cursor, start, end);

	if (m && nid)
		*nid = m->nid;
	return m != NULL;
}

/* ------------------------------------------------------------ allocation */

/*
 * Where [A, A + size) would go in the free range [start, end), cut at
 * memblock.alloc_limit: A a multiple of ALIGN, the highest such A
 * top-down, the lowest bottom-up; 0 when it does not fit.  Bottom-up
 * never answers 0 (a fit at 0 moves up by ALIGN), since 0 means failure.
 */
static paddr_t
fit_in_range(paddr_t start, paddr_t end, u64 size, u64 align)
{
	paddr_t top = end, a;

	if (memblock.alloc_limit && top > memblock.alloc_limit)
		top = memblock.alloc_limit;
	if (top <= start || top - start < size)
		return 0;
	if (!memblock.bottom_up) {
		a = ALIGN_DOWN(top - size, align);
		return a >= start ? a : 0;
	}
	a = ALIGN_UP(MAX(start, 1), align);
	if (a < start || a > top || top - a < size)
		return 0;	/* no aligned fit, or ALIGN_UP wrapped */
	return a;
}

/*
 * The address A, a multiple of ALIGN, with [A, A + size) inside one free
 * range on node NID (any node for NUMA_NO_NODE), in a memory region with
 * none of the flags EXCLUDE, and below memblock.alloc_limit; 0 when there
 * is none.  Free ranges come in address order, so one forward walk finds
 * both answers: bottom-up, the first range that fits holds the lowest A;
 * top-down, the last one holds the highest ("first fit" from either end).
 * A top-down fit at address 0 can only be the first and leaves FOUND at
 * 0, so it reads as failure: 0 is never handed out.
 */
static paddr_t
find_free(u64 size, u64 align, int nid, u32 exclude)
{
	const struct memblock_region *m;
	paddr_t start, end, a, found = 0;
	u64 cursor = 0;

	while ((m = free_range_next(&cursor, &start, &end))) {
		if (nid != NUMA_NO_NODE && m->nid != nid)
			continue;
		if (m->flags & exclude)
			continue;
		a = fit_in_range(start, end, size, align);
		if (!a)
			continue;
		found = a;
		if (memblock.bottom_up)
			break;
	}
	return found;
}

/*
 * Where memblock_alloc_node() looks, in order; the first pass with room
 * wins.  Leaving hotpluggable memory matters more than staying on the
 * node: a memmap on another node costs some speed, one inside a
 * hotpluggable range keeps that range from ever being removed (which is
 * why the memmaps of a node whose RAM is all hotpluggable live
 * elsewhere).  The hotplug passes run only while memblock.skip_hotplug
 * is set; otherwise the first two passes already look everywhere.
 */
static const struct alloc_pass {
	bool any_node;		/* NUMA_NO_NODE instead of the caller's node */
	bool hotplug;		/* MEMBLOCK_HOTPLUG regions allowed */
} alloc_passes[] = {
	{ .any_node = false,	.hotplug = false },
	{ .any_node = true,	.hotplug = false },
	{ .any_node = false,	.hotplug = true },	/* last resorts: */
	{ .any_node = true,	.hotplug = true },	/* warned */
};

/* Say where an allocation that left its node, or went into hotpluggable
 * memory, ended up.  The second is worth a warning: that RAM can no
 * longer be emptied, which is what movable_node was asked for. */
static void
report_fallback(paddr_t a, u64 size, int nid)
{
	const struct memblock_region *m = type_find(&memblock.memory, a);

	if (nid != NUMA_NO_NODE && m->nid != nid)
		pr_debug("memblock: alloc: node %d has no 0x%llx bytes free, "
			 "took them from node %d\n", nid,
			 (unsigned long long)size, m->nid);
	if (memblock.skip_hotplug && (m->flags & MEMBLOCK_HOTPLUG))
		pr_warn("memblock: alloc: 0x%llx bytes at 0x%llx are in hotpluggable "
			"memory (node %d): nothing else has room; that memory cannot "
			"be removed now\n", (unsigned long long)size,
			(unsigned long long)a, m->nid);
}

/*
 * Allocate SIZE bytes aligned to ALIGN (a power of two) on node NID, and
 * reserve them: the highest fit, or the lowest with memblock.bottom_up.  "Node-local where the node has memory": if node NID has
 * no free range that fits, take the memory from any node rather than
 * fail, as boot allocations must succeed somewhere.  With
 * memblock.skip_hotplug, MEMBLOCK_HOTPLUG memory is used only when no
 * other memory on any node fits (alloc_passes[]).  Returns the physical
 * address, or 0.
 */
paddr_t
memblock_alloc_node(u64 size, u64 align, int nid)
{
	paddr_t a = 0;
	size_t i;

	if (size == 0 || align == 0 || (align & (align - 1))) {
		pr_warn("memblock: alloc: bad request (size 0x%llx, align 0x%llx): "
			"size must be > 0, align a power of two\n",
			(unsigned long long)size, (unsigned long long)align);
		return 0;
	}
	if (nid_check("alloc", nid))
		return 0;

	for (i = 0; i < ARRAY_SIZE(alloc_passes) && !a; i++) {
		const struct alloc_pass *p = &alloc_passes[i];
		u32 exclude = memblock.skip_hotplug && !p->hotplug ?
			      MEMBLOCK_HOTPLUG : 0;

		if (p->any_node && nid == NUMA_NO_NODE)
			continue;	/* the pass before looked everywhere */
		if (p->hotplug && !memblock.skip_hotplug)
			continue;	/* the first passes included it */
		a = find_free(size, align, p->any_node ? NUMA_NO_NODE : nid,
			      exclude);
	}
	if (!a) {
		pr_warn("memblock: alloc: no free range for 0x%llx bytes (align 0x%llx, limit 0x%llx)\n",
			(unsigned long long)size, (unsigned long long)align,
			(unsigned long long)memblock.alloc_limit);
		return 0;
	}
	if (memblock_reserve(a, size))
		return 0;
	report_fallback(a, size, nid);
	return a;
}

/* Allocate from any node (memblock_alloc_node() with NUMA_NO_NODE). */
paddr_t
memblock_alloc(u64 size, u64 align)
{
	return memblock_alloc_node(size, align, NUMA_NO_NODE);
}

/* ------------------------------------------------------------ dump */

static void
dump_type(const struct memblock_type *type)
{
	int i;

	printk("memblock: %s: %d region%s, 0x%llx bytes\n", type->name,
	       type->cnt, type->cnt == 1 ? "" : "s",
	       (unsigned long long)type_size(type));
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		const char *hp = r->flags & MEMBLOCK_HOTPLUG ? " hotplug" : "";

		if (r->nid == NUMA_NO_NODE)
			printk("memblock: %-8s [0x%016llx-0x%016llx]%s\n", type->name,
			       (unsigned long long)r->base,
			       (unsigned long long)(region_end(r) - 1), hp);
		else
			printk("memblock: %-8s [0x%016llx-0x%016llx] node %d%s\n",
			       type->name, (unsigned long long)r->base,
			       (unsigned long long)(region_end(r) - 1), r->nid, hp);
	}
}

/*
 * Print the three tables, one line per region, the end inclusive as
 * Linux prints it, " hotplug" after MEMBLOCK_HOTPLUG regions:
 *   memblock: memory   [0x0000000000100000-0x000000003ffdffff] node 0
 *   memblock: memory   [0x0000000040000000-0x000000007fffffff] node 1 hotplug
 */
void
memblock_dump(void)
{
	dump_type(&memblock.memory);
	dump_type(&memblock.reserved);
	dump_type(&memblock.hidden);
}
