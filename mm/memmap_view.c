/* SPDX-License-Identifier: MIT */
/*
 * mm/memmap_view.c - `memmap`: the memmap drawn, one character per
 * pageblock (or per section, or per page), so that a student sees where
 * the free, user, kernel, reserved, offline and hole pages lie, and which
 * migratetype each pageblock has.  User pages (mm/vm.h: PG_anon) are the
 * ones migration can move; a pageblock holding nothing else is 'A'.
 *
 * The idea: the picture is computed from the struct pages alone, the
 * same walk memcheck and the allocator trust, so what is drawn is what
 * the allocator believes.
 *
 * Course text: docs/05-free-area-splitting.md, docs/08-hot-add.md,
 * docs/10-migration.md.
 * Tests: tests/qemu/test_procfs.py
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"

/* ------------------------------------------------------------ memmap
 *
 * A walk over a section's struct pages, one page at a time, that knows
 * which pages belong to a block: a free block is marked only in its first
 * page (PG_buddy, private = order), an allocated block of order > 0 too
 * (PG_head).  Starting at a section boundary, every block starts at or
 * after the walk (blocks are aligned and never span sections), so the
 * walk meets each head before the pages it covers.
 *
 * A section that is not online (its memory block offline, or hot-added
 * and not yet onlined) has a memmap but no page the buddy knows: its RAM
 * is drawn as offline, whatever its struct pages say.  Hot-added
 * sections are RAM from end to end (memblock never knew them), and with
 * memmap_on_memory the first pages of their block hold the memmap:
 * reserved, online or not.
 */
enum page_state {
	PS_HOLE,	/* no RAM: a hole inside a present section */
	PS_RESERVED,	/* PG_reserved RAM: firmware, kernel, boot allocations,
			 * a hot-added block's own memmap */
	PS_FREE,	/* in a free block on the buddy lists */
	PS_USED,	/* allocated by the kernel (slab, page tables, kalloc ...) */
	PS_USER,	/* allocated, a user page (PG_anon on its head): movable */
	PS_OFFLINE,	/* RAM of a section that is not online */
	NR_PAGE_STATES
};

struct memmap_walk {
	unsigned long pfn;		/* the next page to look at */
	unsigned long run_end;		/* pages below this belong to ... */
	enum page_state run_state;	/* ... a block in this state ... */
	const struct page *run_head;	/* ... whose first page is this */
	/* The section's: */
	bool online;			/* SECTION_IS_ONLINE */
	bool early;			/* boot RAM: memblock knows its holes */
	unsigned long vmemmap_end;	/* pages below this hold the block's
					 * memmap (memmap_on_memory) */
};

static void
memmap_walk_init(struct memmap_walk *w, unsigned long section_nr)
{
	const struct mem_section *ms = nr_to_section(section_nr);
	unsigned long pfn = section_nr_to_pfn(section_nr);
	const struct memory_block *mb = find_memory_block(pfn_to_block_id(pfn));

	w->pfn = w->run_end = pfn;
	w->run_state = PS_HOLE;
	w->run_head = NULL;
	w->online = ms->section_mem_map & SECTION_IS_ONLINE;
	w->early = ms->section_mem_map & SECTION_IS_EARLY;
	w->vmemmap_end = block_id_to_pfn(pfn_to_block_id(pfn)) +
			 (mb ? mb->nr_vmemmap_pages : 0);
}

/* Not a page of the buddy: which of hole, reserved or offline is PFN? */
static enum page_state
memmap_not_buddy(const struct memmap_walk *w, unsigned long pfn)
{
	if (w->early && !memblock_is_memory(PFN_PHYS(pfn)))
		return PS_HOLE;
	if (pfn < w->vmemmap_end)
		return PS_RESERVED;
	return w->online ? PS_RESERVED : PS_OFFLINE;
}

/* The state of page w->pfn, and its block's first page in *HEAD; advance. */
static enum page_state
memmap_walk_next(struct memmap_walk *w, const struct page **head)
{
	unsigned long pfn = w->pfn++;
	const struct page *p;
	unsigned long order = 0;

	if (pfn < w->run_end) {
		*head = w->run_head;
		return w->run_state;
	}
	p = pfn_to_page(pfn);
	if (!w->online) {
		w->run_state = memmap_not_buddy(w, pfn);
	} else if (page_flag(p, PG_buddy)) {
		w->run_state = PS_FREE;
		order = p->private;
	} else if (page_flag(p, PG_reserved)) {
		w->run_state = memmap_not_buddy(w, pfn);
	} else {
		w->run_state = page_flag(p, PG_anon) ? PS_USER : PS_USED;
		if (page_flag(p, PG_head))
			order = p->private;
	}
	if (order >= MAX_ORDER)
		order = 0;	/* a corrupt head: draw it, memcheck reports it */
	w->run_end = pfn + (1UL << order);
	w->run_head = p;
	*head = p;
	return w->run_state;
}

/* Pages of one stretch (a pageblock, a section) by state. */
struct memmap_count {
	unsigned long n[NR_PAGE_STATES];	/* indexed by enum page_state */
};

static unsigned long
ram_pages(const struct memmap_count *c)
{
	return c->n[PS_RESERVED] + c->n[PS_FREE] + c->n[PS_USED] + c->n[PS_USER];
}

/*
 * One pageblock as one character.  The letter is its migratetype; lower
 * case when every RAM page in it is free, upper case when some page is
 * allocated or reserved.  Free movable pageblocks, most of a fresh
 * machine, are drawn as a quiet '.' rather than 'm'.  A pageblock whose
 * allocated pages are all user pages is 'A' (migration can empty it),
 * unless it is isolated: 'I' says more while a block is being emptied.
 */
static const char pageblock_chars[MIGRATE_TYPES][2] = {	/* [mt][in use] */
	[MIGRATE_UNMOVABLE]	= { 'u', 'U' },
	[MIGRATE_RECLAIMABLE]	= { 'r', 'R' },
	[MIGRATE_MOVABLE]	= { '.', 'M' },
	[MIGRATE_ISOLATE]	= { 'i', 'I' },
};

static char
pageblock_char(const struct memmap_count *c, int mt)
{
	if (c->n[PS_FREE] + c->n[PS_USED] + c->n[PS_USER] == 0)
		return c->n[PS_OFFLINE] ? 'o' : c->n[PS_RESERVED] ? '#' : ' ';
	if (mt < 0 || mt >= MIGRATE_TYPES)
		return '?';
	if (c->n[PS_USER] && !c->n[PS_USED] && !c->n[PS_RESERVED] && mt != MIGRATE_ISOLATE)
		return 'A';
	return pageblock_chars[mt][c->n[PS_USED] + c->n[PS_USER] + c->n[PS_RESERVED] != 0];
}

/* One section as one character, for the zoomed-out view. */
static char
section_char(const struct mem_section *ms, const struct memmap_count *c)
{
	if (!section_has_mem_map(ms))
		return ' ';
	if (!(ms->section_mem_map & SECTION_IS_ONLINE))
		return 'o';
	if (ram_pages(c) == 0)
		return ' ';
	if (c->n[PS_FREE] == 0)
		return '#';
	return c->n[PS_FREE] * 2 > ram_pages(c) ? '.' : '+';
}

#define MEMMAP_LINE	64	/* characters of picture per line */
#define BLOCKS_PER_SECTION	(PAGES_PER_SECTION / pageblock_nr_pages)

/* Totals over everything drawn, printed under the picture. */
static struct memmap_count memmap_total;

/*
 * Count section NR's pages, per pageblock into BLOCK_CHARS (one char per
 * pageblock; NULL: none wanted) and in total into *SUM.  Interrupts are
 * off for the walk, so the picture is of one moment.
 */
static void
memmap_section(unsigned long nr, char *block_chars, struct memmap_count *sum)
{
	struct memmap_walk w;
	bool irq = arch_irq_save();

	memset(sum, 0, sizeof(*sum));
	memmap_walk_init(&w, nr);
	for (unsigned long b = 0; b < BLOCKS_PER_SECTION; b++) {
		unsigned long pb_pfn = w.pfn;
		struct memmap_count c = { { 0 } };

		for (unsigned long i = 0; i < pageblock_nr_pages; i++) {
			const struct page *head;

			c.n[memmap_walk_next(&w, &head)]++;
		}
		for (int st = 0; st < NR_PAGE_STATES; st++)
			sum->n[st] += c.n[st];
		if (block_chars)
			block_chars[b] = pageblock_char(&c, page_migratetype(pb_pfn));
	}
	arch_irq_restore(irq);
	for (int st = 0; st < NR_PAGE_STATES; st++)
		memmap_total.n[st] += sum->n[st];
}

/* "node 0 DMA,DMA32": the node of section NR and the zones it overlaps;
 * "node 1 offline" for a section that is not online. */
static void
section_owner(unsigned long nr, const struct mem_section *ms, char *buf, size_t size)
{
	unsigned long spfn = section_nr_to_pfn(nr), epfn = spfn + PAGES_PER_SECTION;
	size_t len;

	/* An offline section's pages are in no zone, whatever spans it. */
	if (!(ms->section_mem_map & SECTION_IS_ONLINE)) {
		snprintf(buf, size, "node %d offline", ms->nid);
		return;
	}
	len = snprintf(buf, size, "node %d ", ms->nid);
	if (ms->nid < 0 || ms->nid >= MAX_NUMNODES)
		return;
	for (int zid = 0; zid < MAX_NR_ZONES && len < size; zid++) {
		const struct zone *z = &NODE_DATA(ms->nid)->node_zones[zid];

		if (zone_is_empty(z) || z->zone_start_pfn >= epfn || zone_end_pfn(z) <= spfn)
			continue;
		len += snprintf(buf + len, size - len, "%s%s",
				buf[len - 1] == ' ' ? "" : ",", zone_name(z, zid));
	}
}

/* "16M", "2G", "512K": a size for the ruler and the titles. */
static void
size_str(u64 bytes, char *buf, size_t size)
{
	if (bytes && !(bytes & ((1ULL << 30) - 1)))
		snprintf(buf, size, "%lluG", (unsigned long long)(bytes >> 30));
	else if (bytes && !(bytes & ((1ULL << 20) - 1)))
		snprintf(buf, size, "%lluM", (unsigned long long)(bytes >> 20));
	else if (bytes && !(bytes & ((1ULL << 10) - 1)))
		snprintf(buf, size, "%lluK", (unsigned long long)(bytes >> 10));
	else
		snprintf(buf, size, "%llu", (unsigned long long)bytes);
}

/* The number of the last section with a memmap, or -1 when none. */
static long
last_section_with_memmap(unsigned long *count)
{
	long last = -1;

	*count = 0;
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		if (!mem_section[nr / SECTIONS_PER_ROOT]) {	/* a whole leaf missing */
			nr = ALIGN_UP(nr + 1, SECTIONS_PER_ROOT) - 1;
			continue;
		}
		if (section_has_mem_map(nr_to_section(nr))) {
			last = nr;
			(*count)++;
		}
	}
	return last;
}

#define ADDR_FMT	"0x%09llx"	/* 36 bits: 64 GiB before the column grows */

/* The picture at one character per pageblock, one line per section. */
static void
memmap_draw_blocks(long last)
{
	static char chars[BLOCKS_PER_SECTION];
	unsigned long per_line = MIN(BLOCKS_PER_SECTION, (unsigned long)MEMMAP_LINE);
	char a[16], b[16], owner[48];
	long gap_start = -1;

	size_str(pageblock_nr_pages * PAGE_SIZE, a, sizeof(a));
	size_str(SECTION_SIZE, b, sizeof(b));
	printf("memmap: one character per pageblock (%s), one line per section (%s)\n", a, b);
	printf("%*s", 13, "");
	for (unsigned long i = 0; i < per_line; i += 8) {	/* a ruler: offsets */
		size_str(i * pageblock_nr_pages * PAGE_SIZE, a, sizeof(a));
		printf(i + 8 < per_line ? "%-8s" : "%s", a);
	}
	printf("\n");

	for (long nr = 0; nr <= last; nr++) {
		const struct mem_section *ms = nr_to_section(nr);
		struct memmap_count sum;

		if (!section_has_mem_map(ms)) {
			if (gap_start < 0)
				gap_start = nr;
			continue;
		}
		if (gap_start >= 0) {
			printf(ADDR_FMT "  (no memmap: %ld sections)\n",
			       (unsigned long long)PFN_PHYS(section_nr_to_pfn(gap_start)),
			       nr - gap_start);
			gap_start = -1;
		}
		memmap_section(nr, chars, &sum);
		section_owner(nr, ms, owner, sizeof(owner));
		for (unsigned long i = 0; i < BLOCKS_PER_SECTION; i += per_line) {
			unsigned long pfn = section_nr_to_pfn(nr) + i * pageblock_nr_pages;

			printf(ADDR_FMT "  %.*s  %s\n", (unsigned long long)PFN_PHYS(pfn),
			       (int)per_line, chars + i, i == 0 ? owner : "");
		}
	}
	printf("legend: one pageblock each; lower case: every page free, upper case: some in use\n"
	       "  . M  movable     u U  unmovable     r R  reclaimable     i I  isolated\n"
	       "  A    in use by user pages only (migration can empty it)\n"
	       "  #    reserved (firmware, kernel, memmap)     o  offline     ' '  hole, no RAM\n");
}

/* The picture at one character per section, MEMMAP_LINE sections a line. */
static void
memmap_draw_sections(long last)
{
	char line[MEMMAP_LINE + 1], a[16];

	size_str(SECTION_SIZE, a, sizeof(a));
	printf("memmap: one character per section (%s), %d sections a line\n", a, MEMMAP_LINE);
	for (long first = 0; first <= last; first += MEMMAP_LINE) {
		int n = 0;

		for (long nr = first; nr < first + MEMMAP_LINE && nr <= last; nr++) {
			const struct mem_section *ms = nr_to_section(nr);
			struct memmap_count sum = { { 0 } };

			if (section_has_mem_map(ms))
				memmap_section(nr, NULL, &sum);
			line[n++] = section_char(ms, &sum);
		}
		line[n] = '\0';
		printf(ADDR_FMT "  %s\n", (unsigned long long)PFN_PHYS(section_nr_to_pfn(first)),
		       line);
	}
	printf("legend: one section each\n"
	       "  .  over half its RAM free     +  some free     #  none free\n"
	       "  o  memmap present, offline    ' '  no memmap (no RAM)\n");
}

/*
 * Zoom in: one character per page of the pageblock that holds PADDR.
 * The walk starts at the section so that it meets the heads first.
 */
static void
memmap_draw_pages(paddr_t paddr)
{
	unsigned long pfn = PHYS_PFN(paddr), nr = pfn_to_section_nr(pfn);
	unsigned long pb = ALIGN_DOWN(pfn, pageblock_nr_pages);
	static char chars[pageblock_nr_pages];
	struct memmap_walk w;
	char owner[48];
	int mt;
	bool irq = arch_irq_save();

	memmap_walk_init(&w, nr);
	while (w.pfn < pb + pageblock_nr_pages) {
		unsigned long at = w.pfn;
		const struct page *head;
		enum page_state st = memmap_walk_next(&w, &head);
		char c = st == PS_HOLE ? ' ' : st == PS_RESERVED ? '#' : st == PS_FREE ? '.' :
			 st == PS_OFFLINE ? 'o' :
			 st == PS_USER ? 'A' :
			 page_flag(head, PG_pgtable) ? 'P' : page_flag(head, PG_slab) ? 'S' :
			 page_flag(head, PG_movable) ? 'M' : 'U';

		if (at >= pb)
			chars[at - pb] = c;
	}
	mt = page_migratetype(pb);
	arch_irq_restore(irq);

	section_owner(nr, nr_to_section(nr), owner, sizeof(owner));
	printf("memmap: pageblock " ADDR_FMT " (pfn 0x%lx), %s, %s; one character per page\n",
	       (unsigned long long)PFN_PHYS(pb), pb,
	       mt >= 0 && mt < MIGRATE_TYPES ? migratetype_names[mt] : "?", owner);
	for (unsigned long i = 0; i < pageblock_nr_pages; i += MEMMAP_LINE)
		printf(ADDR_FMT "  %.*s\n", (unsigned long long)PFN_PHYS(pb + i),
		       (int)MIN((unsigned long)MEMMAP_LINE, pageblock_nr_pages - i), chars + i);
	printf("legend: .  free   #  reserved   ' '  hole   A  user page (a task's, movable)\n"
	       "        M  movable kernel page   U  unmovable kernel page   P  page table   S  slab\n"
	       "        o  offline (the section is not online)\n");
}

SHELL_COMMAND(cmd_memmap, "memmap", "[VIEW|ADDR]", 0, 1,
	      "draw physical memory; VIEW blocks or sections, ADDR: the pages of its pageblock");
static int
cmd_memmap(int argc, char **argv)
{
	enum { AUTO, BLOCKS, SECTIONS, PAGES } view = AUTO;
	unsigned long nr_present;
	long last;
	u64 addr = 0;

	/* Validate the argument before drawing anything. */
	if (argc > 1) {
		if (!strcmp(argv[1], "blocks"))
			view = BLOCKS;
		else if (!strcmp(argv[1], "sections"))
			view = SECTIONS;
		else if (!arg_u64(argv[1], &addr))
			view = PAGES;
		else {
			printf("memmap: %s: not blocks, sections or an address\n", argv[1]);
			return -EINVAL;
		}
	}
	if (view == PAGES && !pfn_valid(PHYS_PFN(addr))) {
		printf("memmap: 0x%llx: no memmap there (not in a present section)\n",
		       (unsigned long long)addr);
		return -EINVAL;
	}
	if (view == PAGES) {
		memmap_draw_pages(addr);
		return 0;
	}

	last = last_section_with_memmap(&nr_present);
	if (last < 0) {
		printf("memmap: no section has a memmap\n");
		return -ENODEV;
	}
	/* A picture of at most a screenful: zoom out on a large machine. */
	if (view == AUTO)
		view = nr_present * ((BLOCKS_PER_SECTION + MEMMAP_LINE - 1) / MEMMAP_LINE) <= 64 &&
		       BLOCKS_PER_SECTION >= 8 ? BLOCKS : SECTIONS;
	memset(&memmap_total, 0, sizeof(memmap_total));
	if (view == BLOCKS)
		memmap_draw_blocks(last);
	else
		memmap_draw_sections(last);
	printf("pages: %lu free, %lu allocated (%lu user, %lu kernel), %lu reserved, %lu holes,"
	       " %lu offline (%lu sections with a memmap)\n",
	       memmap_total.n[PS_FREE], memmap_total.n[PS_USED] + memmap_total.n[PS_USER],
	       memmap_total.n[PS_USER], memmap_total.n[PS_USED], memmap_total.n[PS_RESERVED],
	       memmap_total.n[PS_HOLE], memmap_total.n[PS_OFFLINE], nr_present);
	return 0;
}
