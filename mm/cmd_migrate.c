/* SPDX-License-Identifier: MIT */
/*
 * mm/cmd_migrate.c - `migrate BLOCK|PFN [node=N]`: move the user pages of
 * one memory block, or the one user page at a pfn, to other page frames
 * while their tasks run, and say how many moved, where, and how fast.
 *
 * The idea: the same steps as offline's passes, without taking anything
 * away.  For a block: take mem_hotplug_lock, isolate its pageblocks so
 * that no destination lands in it (start_isolate_page_range()), collect
 * and move its user pages, put back what stayed, undo the isolation.
 * Afterwards the block holds only kernel pages and free ones: `memmap`
 * shows it emptied of 'A', and `offline` would find nothing to migrate.
 *
 *	migrate: memory33: 12345 pages moved to node 0 (48.2M) in 83 ms, 578 MiB/s; 0 failed
 *	migrate: pfn 0x108000: user page of pid 7 (work) at 0x7f0000200000: pinned
 *
 * The second line names the first page that stayed, when one did.
 * Pages are base pages (a huge page is 512 on x86_64).
 *
 * Course text: docs/10-migration.md.
 * Tests: tests/qemu/test_migration.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "mm/vm.h"

/* What the command works on, read from its words before anything changes. */
struct migrate_request {
	bool is_block;
	unsigned long id;		/* is_block: memoryN */
	unsigned long pfn;		/* !is_block: the page asked for */
	int nid;			/* node=N, or NUMA_NO_NODE */
	char what[32];			/* "memory33", "pfn 0x108000" */
};

static int
usage(void)
{
	const struct shell_cmd *c = shell_find("migrate");

	printf("usage: migrate %s\n", c ? c->usage : "BLOCK|PFN [node=N]");
	return -EINVAL;
}

/* node=N: a node that exists and has memory; 0 or the error printed. */
static int
parse_node(const char *word, int *nid)
{
	const char *v = arg_key(word, "node");
	u64 n;

	if (!v || arg_u64(v, &n))
		return usage();
	if (!node_exists(n)) {
		printf("migrate: node %s: no such node\n", v);
		return -EINVAL;
	}
	if (!NODE_DATA(n)->node_present_pages) {
		printf("migrate: node %llu: has no memory\n", (unsigned long long)n);
		return -EINVAL;
	}
	*nid = (int)n;
	return 0;
}

/* "memory33" or "33": a block; "0x108000": a pfn.  0 or -EINVAL (usage). */
static int
parse_target(const char *word, struct migrate_request *rq)
{
	u64 n;

	rq->is_block = !(word[0] == '0' && (word[1] == 'x' || word[1] == 'X'));
	if (rq->is_block && !strncmp(word, "memory", 6))
		word += 6;
	if (arg_u64(word, &n) || n > (u64)~0UL)
		return usage();
	if (rq->is_block) {
		rq->id = n;
		snprintf(rq->what, sizeof(rq->what), "memory%lu", rq->id);
	} else {
		rq->pfn = n;
		snprintf(rq->what, sizeof(rq->what), "pfn 0x%lx", rq->pfn);
	}
	return 0;
}

/* ------------------------------------------------------------ checks */

/* The online block asked for in *MB; 0, or the error printed. */
static int
check_block(const struct migrate_request *rq, struct memory_block **mb)
{
	*mb = find_memory_block(rq->id);
	if (!*mb) {
		printf("migrate: %s: no such memory block\n", rq->what);
		return -ENOENT;
	}
	if ((*mb)->state != MEM_ONLINE) {
		printf("migrate: %s: it is %s\n", rq->what, memory_block_state_name((*mb)->state));
		return -EINVAL;
	}
	return 0;
}

/* Is PFN inside a free block?  (Only heads carry PG_buddy.) */
static bool
pfn_is_free(unsigned long pfn)
{
	bool irq = arch_irq_save(), free = false;

	for (unsigned int order = 0; order < MAX_ORDER && !free; order++) {
		unsigned long head = ALIGN_DOWN(pfn, 1UL << order);
		const struct page *p;

		if (!pfn_valid(head))
			break;
		p = pfn_to_page(head);
		free = page_flag(p, PG_buddy) && p->private >= order;
	}
	arch_irq_restore(irq);
	return free;
}

/*
 * The head of the user page holding PFN: PFN itself, or the first pfn of
 * the huge page around it.  0 with the error printed when PFN is not
 * online RAM or not a user page.
 */
static unsigned long
check_pfn(const struct migrate_request *rq)
{
	unsigned long pfn = rq->pfn, huge = ALIGN_DOWN(pfn, HPAGE_NR_PAGES);
	const struct mem_section *ms = nr_to_section(pfn_to_section_nr(pfn));
	char owner[MHP_OWNER_MAX];
	const struct page *p;

	if (!pfn_valid(pfn) || !(ms->section_mem_map & SECTION_IS_ONLINE)) {
		printf("migrate: %s: not online RAM\n", rq->what);
		return 0;
	}
	p = pfn_to_page(pfn);
	if (page_is_anon(p))
		return pfn;
	p = pfn_to_page(huge);
	if (page_is_anon(p) && p->private == HPAGE_ORDER)
		return huge;
	if (pfn_is_free(pfn))
		snprintf(owner, sizeof(owner), "free");
	else
		mhp_first_busy_pfn(pfn, pfn + 1, false, owner, sizeof(owner));
	printf("migrate: %s: not a user page: %s\n", rq->what, owner);
	return 0;
}

/* ------------------------------------------------------------ the report */

/* "node 0", "nodes 0,1", or "" when nothing moved. */
static void
nodes_text(u64 mask, char *buf, size_t size)
{
	size_t len = 0;
	int count = 0;

	buf[0] = '\0';
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		count += (mask >> nid) & 1;
	for (int nid = 0; nid < MAX_NUMNODES && len < size; nid++) {
		if (!((mask >> nid) & 1))
			continue;
		len += snprintf(buf + len, size - len, "%s%d",
				len == 0 ? (count > 1 ? " to nodes " : " to node ") : ",", nid);
	}
}

/* Base pages of the pages left on LIST. */
static unsigned long
list_base_pages(struct list_head *list)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, list)
		n += 1UL << list_entry(pos, struct page, lru)->private;
	return n;
}

/* Move the pages on LIST, print the summary and the first failure, put
 * back what stayed.  0, or -EBUSY when a page stayed. */
static int
migrate_and_report(const struct migrate_request *rq, struct list_head *list, u64 t0)
{
	struct migrate_stats st;
	char size[16], nodes[96];
	unsigned long failed;
	u64 ns;

	migrate_pages(list, rq->nid, &st);
	ns = MAX(ktime_ns() - t0, 1);
	failed = list_base_pages(list);
	nodes_text(st.dest_nodes, nodes, sizeof(nodes));
	size_to_human(st.moved_bytes, size, sizeof(size));
	printf("migrate: %s: %lu pages moved%s (%s) in %llu ms, %llu MiB/s; %lu failed\n",
	       rq->what, st.moved_bytes / PAGE_SIZE, nodes, size,
	       (unsigned long long)(ns / 1000000),
	       (unsigned long long)(((st.moved_bytes >> 10) * 1000000000ULL / ns) >> 10), failed);
	if (st.first_failed_pfn) {
		const struct page *p = pfn_to_page(st.first_failed_pfn);
		const struct mm_struct *mm = page_rmap_mm(p);

		if (mm)
			printf("migrate: pfn 0x%lx: user page of pid %d (%s) at 0x%lx: %s\n",
			       st.first_failed_pfn, mm->owner_pid, mm->owner_name,
			       (unsigned long)page_rmap_va(p),
			       migrate_result_names[st.first_failed_why]);
		else
			printf("migrate: pfn 0x%lx: %s\n", st.first_failed_pfn,
			       migrate_result_names[st.first_failed_why]);
	}
	putback_movable_pages(list);
	return failed ? -EBUSY : 0;
}

/* ------------------------------------------------------------ the command */

static int
migrate_block_locked(const struct migrate_request *rq, struct memory_block *mb)
{
	unsigned long start = block_id_to_pfn(mb->id) + mb->nr_vmemmap_pages;
	unsigned long end = block_id_to_pfn(mb->id + 1);
	struct list_head pages = LIST_HEAD_INIT(pages);
	u64 t0 = ktime_ns();
	int err;

	if (start_isolate_page_range(start, end)) {
		printf("migrate: %s: its pageblocks are isolated already (offline under way?)\n",
		       rq->what);
		return -EBUSY;
	}
	migrate_isolate_range(start, end, &pages);
	err = migrate_and_report(rq, &pages, t0);
	undo_isolate_page_range(start, end);
	return err;
}

SHELL_COMMAND(cmd_migrate, "migrate", "BLOCK|PFN [node=N]", 1, 2,
	      "move the user pages of block BLOCK (memory33, 33) or the one at PFN (0x...)");
static int
cmd_migrate(int argc, char **argv)
{
	struct migrate_request rq = { .nid = NUMA_NO_NODE };
	struct list_head pages = LIST_HEAD_INIT(pages);
	struct memory_block *mb;
	unsigned long head;
	int err;

	err = parse_target(argv[1], &rq);
	if (!err && argc == 3)
		err = parse_node(argv[2], &rq.nid);
	if (err)
		return err;

	mutex_lock(&mem_hotplug_lock);
	if (rq.is_block) {
		err = check_block(&rq, &mb);
		if (!err)
			err = migrate_block_locked(&rq, mb);
	} else {
		head = check_pfn(&rq);
		if (head) {
			migrate_isolate_range(head, head + 1, &pages);
			err = migrate_and_report(&rq, &pages, ktime_ns());
		} else {
			err = -EINVAL;
		}
	}
	mutex_unlock(&mem_hotplug_lock);
	return err;
}
