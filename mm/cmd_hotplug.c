/* SPDX-License-Identifier: MIT */
/*
 * mm/cmd_hotplug.c - the shell's memory hotplug commands: lsmem, online,
 * offline, probe, remove, retry, and kalloc, a debug command that holds
 * pages so that a memory block has something in it to refuse offlining.
 *
 * The idea: the commands are thin.  Each checks its words, then calls one
 * function of mm/memory_hotplug.h, which logs every step and every
 * refusal itself.  So the rule for errors is: a bad word prints the usage
 * line; a block or range that does not exist is the command's own
 * one-line error; anything mm refuses is explained by mm's own log line,
 * and the command adds "CMD: what: reason (errno)" only when mm printed
 * no error the user could see (printk_console_errors() did not move).
 * Either way exactly one line says why, and nothing has changed.
 *
 * lsmem reads what util-linux's lsmem reads (each block's state and its
 * removable file) and prints its default table, byte for byte.
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 * Tests: tests/qemu/test_shell_hotplug.py, tests/qemu/test_hot_add.py,
 *        tests/qemu/test_hot_remove.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"

/* ------------------------------------------------------------ helpers */

/* "usage: NAME USAGE", the shell's own words for a malformed line. */
static int
usage(const char *name)
{
	const struct shell_cmd *c = shell_find(name);

	printf("usage: %s%s%s\n", name, c && c->usage[0] ? " " : "", c ? c->usage : "");
	return -EINVAL;
}

static const char *
hotplug_strerror(int err)
{
	switch (err) {
	case -EPERM:	 return "not permitted";
	case -ENOENT:	 return "no such block or range";
	case -ENOMEM:	 return "out of memory";
	case -EBUSY:	 return "busy";
	case -EEXIST:	 return "overlaps present memory";
	case -EINVAL:	 return "invalid argument";
	case -ENOSPC:	 return "no room left in a table";
	case -ERANGE:	 return "out of range";
	case -ETIMEDOUT: return "timed out";
	default:	 return "failed";
	}
}

/*
 * The error rule (see the top of the file): ERR from mm is explained by
 * mm's log when an error line reached the console since BEFORE; else the
 * command says it, naming WHAT.
 */
static int
report(const char *cmd, const char *what, int err, unsigned long before)
{
	if (err && printk_console_errors() == before)
		printf("%s: %s: %s (%d)\n", cmd, what, hotplug_strerror(err), err);
	return err;
}

/* ------------------------------------------------------------ lsmem
 *
 * util-linux's default output: a table of the columns RANGE SIZE STATE
 * REMOVABLE BLOCK, one row per run of consecutive blocks whose state and
 * removable file agree, then a blank line and three summary lines:
 *
 *	RANGE                                 SIZE  STATE REMOVABLE BLOCK
 *	0x0000000000000000-0x000000003fffffff   1G online       yes   0-7
 *
 *	Memory block size:       128M
 *	Total online memory:       1G
 *	Total offline memory:      0B
 *
 * Each column is as wide as its widest cell or its header, one space
 * between columns; RANGE is left-aligned, the others right-aligned.  One
 * quirk of util-linux's table library: SIZE carries a width hint of 5, used
 * when its widest cell is at least as wide as the header ("128M" makes the
 * column 5 wide, "1G" leaves it 4, the header's width).  REMOVABLE is
 * empty for a block that is not online; STATE "on->off" is a block going
 * offline.  The summary lines are "%-23s %5s".
 */
struct lsmem_row {
	unsigned long first_id;		/* the run's first block */
	unsigned long count;		/* its blocks */
	enum memory_block_state state;
	int removable;			/* 0, 1, or -1 when unreadable */
};

/* memoryN/removable as lsmem reads it: 1, 0, or -1 when it cannot be read. */
static int
block_removable(unsigned long id)
{
	char path[PSEUDOFS_PATH_MAX], text[80];
	struct seq s;

	snprintf(path, sizeof(path), "/sys/devices/system/memory/memory%lu/removable", id);
	seq_init(&s, text, sizeof(text));
	if (pseudofs_read(path, &s))
		return -1;
	return text[0] == '1' ? 1 : text[0] == '0' ? 0 : -1;
}

static const char *
lsmem_state(enum memory_block_state st)
{
	switch (st) {
	case MEM_ONLINE:	return "online";
	case MEM_OFFLINE:	return "offline";
	case MEM_GOING_OFFLINE:	return "on->off";
	default:		return "?";	/* as util-linux shows any other state */
	}
}

/* The cells of ROW: range, size, state, removable, block. */
static void
lsmem_cells(const struct lsmem_row *row, char cells[5][48])
{
	u64 start = (u64)row->first_id * MEMORY_BLOCK_SIZE;
	u64 size = (u64)row->count * MEMORY_BLOCK_SIZE;

	snprintf(cells[0], 48, "0x%016llx-0x%016llx", (unsigned long long)start,
		 (unsigned long long)(start + size - 1));
	size_to_human(size, cells[1], 48);
	snprintf(cells[2], 48, "%s", lsmem_state(row->state));
	snprintf(cells[3], 48, "%s", row->state != MEM_ONLINE ? "" :
		 row->removable == 1 ? "yes" : "no");
	if (row->count == 1)
		snprintf(cells[4], 48, "%lu", row->first_id);
	else
		snprintf(cells[4], 48, "%lu-%lu", row->first_id, row->first_id + row->count - 1);
}

static void
lsmem_print(const struct lsmem_row *rows, int nr_rows)
{
	static const char *const header[5] = { "RANGE", "SIZE", "STATE", "REMOVABLE", "BLOCK" };
	static const int hint[5] = { 0, 5, 0, 0, 0 };
	char cells[5][48];
	int width[5] = { 0 };

	for (int r = 0; r < nr_rows; r++) {
		lsmem_cells(&rows[r], cells);
		for (int c = 0; c < 5; c++)
			width[c] = MAX(width[c], (int)strlen(cells[c]));
	}
	for (int c = 0; c < 5; c++) {
		if (width[c] < (int)strlen(header[c]))
			width[c] = strlen(header[c]);
		else if (width[c] < hint[c])
			width[c] = hint[c];
	}
	for (int r = -1; r < nr_rows; r++) {
		if (r >= 0)
			lsmem_cells(&rows[r], cells);
		for (int c = 0; c < 5; c++) {
			const char *text = r < 0 ? header[c] : cells[c];

			if (c == 0)
				printf("%-*s", width[c], text);
			else
				printf(" %*s", width[c], text);
		}
		printf("\n");
	}
}

SHELL_COMMAND(cmd_lsmem, "lsmem", "", 0, 0,
	      "memory blocks: ranges, state, removable (util-linux's lsmem)");
static int
cmd_lsmem(int argc, char **argv)
{
	unsigned long nr_blocks = memory_block_count(), online = 0, offline = 0;
	struct lsmem_row *rows;
	struct memory_block *mb;
	char a[16], b[16], c[16];
	int nr_rows = 0;

	(void)argc, (void)argv;
	if (!nr_blocks) {
		printf("lsmem: no memory blocks\n");
		return -ENODEV;
	}
	rows = kmalloc(nr_blocks * sizeof(*rows), GFP_KERNEL);
	if (!rows) {
		printf("lsmem: out of memory\n");
		return -ENOMEM;
	}
	/* Blocks come and go only under mem_hotplug_lock, and this walk never
	 * sleeps: on one CPU with cooperative tasks it sees one moment. */
	for (mb = memory_block_next(0); mb && nr_rows < (int)nr_blocks;
	     mb = memory_block_next(mb->id + 1)) {
		struct lsmem_row *last = nr_rows ? &rows[nr_rows - 1] : NULL;
		int removable = block_removable(mb->id);

		if (mb->state == MEM_ONLINE)
			online++;
		else
			offline++;
		if (last && last->first_id + last->count == mb->id &&
		    last->state == mb->state && last->removable == removable) {
			last->count++;
			continue;
		}
		rows[nr_rows++] = (struct lsmem_row){ mb->id, 1, mb->state, removable };
	}
	lsmem_print(rows, nr_rows);
	kfree(rows);

	size_to_human(MEMORY_BLOCK_SIZE, a, sizeof(a));
	size_to_human((u64)online * MEMORY_BLOCK_SIZE, b, sizeof(b));
	size_to_human((u64)offline * MEMORY_BLOCK_SIZE, c, sizeof(c));
	printf("\n%-23s %5s\n%-23s %5s\n%-23s %5s\n", "Memory block size:", a,
	       "Total online memory:", b, "Total offline memory:", c);
	return 0;
}

/* ------------------------------------------------------------ online, offline */

/* Read block number WORD into *ID; print the command's error if it names no block. */
static int
block_arg(const char *cmd, const char *word, unsigned long *id)
{
	u64 n;

	if (arg_u64(word, &n))
		return usage(cmd);
	if (n > (u64)~0UL || !find_memory_block(n)) {
		printf("%s: memory%llu: no such memory block\n", cmd, (unsigned long long)n);
		return -ENOENT;
	}
	*id = n;
	return 0;
}

SHELL_COMMAND(cmd_online, "online", "N [movable|kernel]", 1, 2,
	      "online memory block N (echo online > .../memoryN/state)");
static int
cmd_online(int argc, char **argv)
{
	enum mhp_online_type type = MMOP_ONLINE;
	unsigned long id, before;
	char what[32];
	int err;

	if (argc == 3) {
		if (!strcmp(argv[2], "movable"))
			type = MMOP_ONLINE_MOVABLE;
		else if (!strcmp(argv[2], "kernel"))
			type = MMOP_ONLINE_KERNEL;
		else
			return usage(argv[0]);
	}
	err = block_arg(argv[0], argv[1], &id);
	if (err)
		return err;
	snprintf(what, sizeof(what), "memory%lu", id);
	before = printk_console_errors();
	return report(argv[0], what, online_memory_block(id, type), before);
}

SHELL_COMMAND(cmd_offline, "offline", "N", 1, 1,
	      "offline memory block N (echo offline > .../memoryN/state)");
static int
cmd_offline(int argc, char **argv)
{
	unsigned long id, before;
	char what[32];
	int err;

	(void)argc;
	err = block_arg(argv[0], argv[1], &id);
	if (err)
		return err;
	snprintf(what, sizeof(what), "memory%lu", id);
	before = printk_console_errors();
	return report(argv[0], what, offline_memory_block(id), before);
}

/* ------------------------------------------------------------ probe, remove, retry */

/* `CMD ADDR SIZE`: read the range, then FN(addr, size) under the error rule. */
static int
range_command(char **argv, int (*fn)(u64 start, u64 size))
{
	unsigned long before;
	char what[48];
	u64 addr, size;

	if (arg_u64(argv[1], &addr) || arg_size(argv[2], &size) || !size)
		return usage(argv[0]);
	snprintf(what, sizeof(what), "[mem 0x%llx-0x%llx]", (unsigned long long)addr,
		 (unsigned long long)(addr + size - 1));
	before = printk_console_errors();
	return report(argv[0], what, fn(addr, size), before);
}

SHELL_COMMAND(cmd_probe, "probe", "ADDR SIZE", 2, 2,
	      "add RAM that mem= hid: probe 0x30000000 128M");
static int
cmd_probe(int argc, char **argv)
{
	(void)argc;
	return range_command(argv, probe_memory);
}

SHELL_COMMAND(cmd_remove, "remove", "ADDR SIZE", 2, 2,
	      "remove a hot-added range whose blocks are all offline");
static int
cmd_remove(int argc, char **argv)
{
	(void)argc;
	return range_command(argv, remove_memory);
}

static int
retry_one(struct hotplug_range *r)
{
	unsigned long before = printk_console_errors();
	char what[16];

	snprintf(what, sizeof(what), "range %d", r->id);
	return report("retry", what, retry_hotplug_range(r->id), before);
}

SHELL_COMMAND(cmd_retry, "retry", "[ID]", 0, 1,
	      "add a FAILED range of /proc/memhotplug again (all FAILED ones)");
static int
cmd_retry(int argc, char **argv)
{
	struct hotplug_range *r;
	int result = 0, tried = 0;

	if (argc == 2) {
		u64 id;

		if (arg_u64(argv[1], &id))
			return usage(argv[0]);
		r = id < MHP_MAX_RANGES ? hotplug_range_at(id) : NULL;
		if (!r) {
			printf("retry: range %llu: no such range (see /proc/memhotplug)\n",
			       (unsigned long long)id);
			return -ENOENT;
		}
		if (r->status != MHP_FAILED) {
			printf("retry: range %d: not FAILED, nothing to retry\n", r->id);
			return -EINVAL;
		}
		return retry_one(r);
	}
	for (int id = 0; id < hotplug_range_count(); id++) {
		r = hotplug_range_at(id);
		if (!r || r->status != MHP_FAILED)
			continue;
		tried++;
		if (retry_one(r) && !result)
			result = -EBUSY;	/* some range is still FAILED */
	}
	if (!tried)
		printf("retry: no range has FAILED\n");
	return result;
}

/* ------------------------------------------------------------ kalloc
 *
 * Debug: allocate and hold pages, so a test can put kernel (unmovable) or
 * user (movable) pages into a memory block and see offline refuse it.
 * SIZE is taken in chunks of the largest order that still fits what is
 * left (at most MAX_ORDER - 1); when an order fails, smaller ones are
 * tried.  A hold that cannot be completed is freed whole: nothing kept.
 *
 * Each hold's chunks are chained through their head pages' lru (free for
 * the owner of an allocated page), kept sorted by pfn so that the print
 * can merge neighbours.  Lock rule: only this command touches the holds,
 * and it never sleeps; with cooperative tasks on one CPU that is enough.
 */
struct kalloc_hold {
	int id;				/* K in `kalloc free K` */
	unsigned long nr_pages;
	struct list_head chunks;	/* head pages, by pfn, through page->lru */
	struct list_head link;		/* on kalloc_holds, by id */
};

static struct list_head kalloc_holds = LIST_HEAD_INIT(kalloc_holds);
static int kalloc_next_id = 1;

static struct page *
lru_page(struct list_head *link)
{
	return list_entry(link, struct page, lru);
}

/* Chain head page P into H's chunks, keeping pfn order.  The buddy
 * usually hands out ascending or descending addresses: both ends first. */
static void
kalloc_insert(struct kalloc_hold *h, struct page *p)
{
	unsigned long pfn = page_to_pfn(p);
	struct list_head *pos = h->chunks.prev;

	if (!list_empty(&h->chunks) && pfn < page_to_pfn(lru_page(h->chunks.next))) {
		list_add(&p->lru, &h->chunks);
		return;
	}
	while (pos != &h->chunks && page_to_pfn(lru_page(pos)) > pfn)
		pos = pos->prev;
	list_add(&p->lru, pos);
}

/* One line per run of adjacent chunks on one node and zone:
 * "kalloc: K: pfn 0x40000-0x47fff (node 1, zone Movable)", inclusive. */
static void
kalloc_print(const struct kalloc_hold *h)
{
	const struct list_head *pos = h->chunks.next;

	while (pos != &h->chunks) {
		struct page *first = lru_page((struct list_head *)pos);
		/* An allocated head's private is its order (mm/mm.h's table). */
		unsigned long start = page_to_pfn(first), end = start + (1UL << first->private);

		for (pos = pos->next; pos != &h->chunks; pos = pos->next) {
			struct page *p = lru_page((struct list_head *)pos);

			if (page_to_pfn(p) != end || page_to_nid(p) != page_to_nid(first) ||
			    page_zonenum(p) != page_zonenum(first))
				break;
			end += 1UL << p->private;
		}
		printf("kalloc: %d: pfn 0x%lx-0x%lx (node %d, zone %s)\n", h->id, start, end - 1,
		       page_to_nid(first), page_zone(first)->name);
	}
}

/* Give every chunk of H back to the buddy and forget H. */
static void
kalloc_release(struct kalloc_hold *h)
{
	while (!list_empty(&h->chunks)) {
		struct page *p = lru_page(h->chunks.next);

		list_del(&p->lru);
		free_pages(p, p->private);
	}
	if (h->link.next)
		list_del(&h->link);
	kfree(h);
}

/* Allocate NR_PAGES into H: 0, or -ENOMEM with what was taken still in H. */
static int
kalloc_fill(struct kalloc_hold *h, unsigned long nr_pages, gfp_t gfp, int nid)
{
	unsigned int max_order = MAX_ORDER - 1;

	while (h->nr_pages < nr_pages) {
		unsigned long left = nr_pages - h->nr_pages;
		unsigned int order = max_order;
		struct page *p;

		while ((1UL << order) > left)
			order--;
		p = nid == NUMA_NO_NODE ? alloc_pages(gfp, order) :
					   alloc_pages_node(nid, gfp | __GFP_THISNODE, order);
		if (!p) {
			if (!order)
				return -ENOMEM;
			max_order = order - 1;	/* none this large: smaller ones from now */
			continue;
		}
		kalloc_insert(h, p);
		h->nr_pages += 1UL << order;
	}
	return 0;
}

static int
kalloc_alloc(int argc, char **argv)
{
	const char *node_word = NULL, *zone_word = NULL;
	int nid = NUMA_NO_NODE, err;
	gfp_t gfp = GFP_KERNEL;
	struct kalloc_hold *h;
	unsigned long nr_pages, free_pages_now;
	u64 size, n;

	if (arg_size(argv[1], &size) || !size || size > (u64)MAX_PFN * PAGE_SIZE)
		return usage(argv[0]);
	for (int i = 2; i < argc; i++) {
		const char *v = arg_key(argv[i], "node");

		if (v && !node_word && !arg_u64(v, &n)) {
			node_word = argv[i];
			if (!node_exists(n)) {
				printf("kalloc: %s: no such node\n", argv[i]);
				return -EINVAL;
			}
			nid = n;
		} else if (!zone_word && (!strcmp(argv[i], "kernel") || !strcmp(argv[i], "movable"))) {
			zone_word = argv[i];
			gfp = strcmp(argv[i], "movable") ? GFP_KERNEL : GFP_USER;
		} else {
			return usage(argv[0]);
		}
	}
	nr_pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	free_pages_now = nid == NUMA_NO_NODE ? global_free_pages() : node_free_pages(nid);
	if (nr_pages > free_pages_now) {
		printf("kalloc: %s: more than the %lu free pages%s\n", argv[1], free_pages_now,
		       nid == NUMA_NO_NODE ? "" : " of the node");
		return -ENOMEM;
	}

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h) {
		printf("kalloc: out of memory for the record\n");
		return -ENOMEM;
	}
	list_init(&h->chunks);
	err = kalloc_fill(h, nr_pages, gfp, nid);
	if (err) {
		printf("kalloc: %s: out of memory after %lu of %lu pages; nothing kept\n",
		       argv[1], h->nr_pages, nr_pages);
		kalloc_release(h);
		return err;
	}
	h->id = kalloc_next_id++;
	list_add_tail(&h->link, &kalloc_holds);
	kalloc_print(h);
	return 0;
}

static int
kalloc_free(int argc, char **argv)
{
	struct list_head *pos, *next;
	bool all = argc == 2, found = false;
	u64 id = 0;

	if (!all && arg_u64(argv[2], &id))
		return usage(argv[0]);
	for (pos = kalloc_holds.next; pos != &kalloc_holds; pos = next) {
		struct kalloc_hold *h = list_entry(pos, struct kalloc_hold, link);

		next = pos->next;
		if (!all && (u64)h->id != id)
			continue;
		found = true;
		printf("kalloc: %d: freed %lu pages\n", h->id, h->nr_pages);
		kalloc_release(h);
	}
	if (!found && !all) {
		printf("kalloc: free: no allocation %llu\n", (unsigned long long)id);
		return -ENOENT;
	}
	return 0;
}

SHELL_COMMAND(cmd_kalloc, "kalloc", "[SIZE|free] [ARG...]", 0, 3,
	      "debug: hold SIZE of pages (kernel|movable, node=N); free [K]; list");
static int
cmd_kalloc(int argc, char **argv)
{
	struct list_head *pos;

	if (argc >= 2 && !strcmp(argv[1], "free"))
		return argc > 3 ? usage(argv[0]) : kalloc_free(argc, argv);
	if (argc >= 2)
		return kalloc_alloc(argc, argv);
	if (list_empty(&kalloc_holds))
		printf("kalloc: nothing held\n");
	list_for_each(pos, &kalloc_holds)
		kalloc_print(list_entry(pos, struct kalloc_hold, link));
	return 0;
}
