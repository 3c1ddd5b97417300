/* SPDX-License-Identifier: MIT */
/*
 * kernel/cmd_work.c - `work`: start workload tasks, check every byte of
 * their memory from the kernel's side, stop them, list them.
 *
 *   work start SIZE [node=N] [huge] [pin]   a `work` task (kernel/user/work.c)
 *   work check                              every byte of every work task
 *   work stop [PID]                         kill one work task, or all
 *   work                                    list them
 *
 * The idea: the program and the kernel share one rule for what its
 * memory must hold at any moment (kernel/user/work_pattern.h).  `work
 * check` reads the task's pages through vm_follow_page(), never through
 * the task's own mappings, so it sees exactly the pages migration left
 * behind.  The task keeps running between pages: the kernel is not
 * preempted, so each page is checked against the header's progress read
 * with no switch in between, and the check yields (cond_resched())
 * between pages.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include "kernel/exec.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "kernel/user/work_pattern.h"
#include "mm/vm.h"

#define WORK_MAX	64	/* work tasks one command looks at */

_Static_assert(WORK_PAGE_SIZE % PAGE_SIZE == 0 || PAGE_SIZE % WORK_PAGE_SIZE == 0,
	       "pattern pages and memory pages nest");

static const unsigned long zero_page[WORK_WORDS];	/* what an absent page reads as */

static int
usage(void)
{
	printf("usage: work [start SIZE [node=N] [huge] [pin] | check | stop [PID]]\n");
	return -EINVAL;
}

/* The pids of live work tasks (user tasks called "work"), in pid order. */
static int
work_pids(int *pids, int max)
{
	struct task *tasks = kmalloc(WORK_MAX * sizeof(*tasks), GFP_KERNEL);
	int n, found = 0;

	if (!tasks)
		return -ENOMEM;
	n = task_snapshot(tasks, WORK_MAX);
	for (int i = 0; i < MIN(n, WORK_MAX) && found < max; i++)
		if (tasks[i].mm && !strcmp(tasks[i].name, "work"))
			pids[found++] = tasks[i].pid;
	kfree(tasks);
	return found;
}

/* ------------------------------------------------------------ reading a task's memory */

/* The kernel's view of the byte at VA of MM, or NULL when nothing is
 * mapped there.  Good until the caller sleeps (vm_follow_page()). */
static void *
user_kva(struct mm_struct *mm, vaddr_t va)
{
	struct page *page = vm_follow_page(mm, va);

	return page ? (u8 *)page_address(page) + va % PAGE_SIZE : NULL;
}

/*
 * Where the work region of MM is: the first anonymous area whose first
 * bytes are WORK_MAGIC.  0 when there is none (yet).  vm_follow_page()
 * may sleep, and the task may change its areas meanwhile: the walk then
 * starts again.
 */
static vaddr_t
work_find(struct mm_struct *mm, u64 *area_len)
{
	struct task *cur = task_current();
	struct list_head *pos;

again:
	list_for_each(pos, &mm->areas) {
		struct vm_area *a = list_entry(pos, struct vm_area, link);
		u64 switches = cur->switches;
		vaddr_t start = a->start;
		u64 len = a->end - a->start;
		const char *p;

		if (a->flags & (VMA_STACK | VMA_IMAGE))
			continue;
		p = user_kva(mm, start);
		if (cur->switches != switches)
			goto again;	/* slept: the list may have changed */
		if (p && !memcmp(p, WORK_MAGIC, 8)) {
			*area_len = len;
			return start;
		}
	}
	return 0;
}

/*
 * The header at BASE and pattern page I's words, read with no switch in
 * between (retried until that holds), so that the header's progress says
 * what the page must hold.  *WORDS is NULL when the page is absent.
 */
static const struct work_header *
read_page(struct mm_struct *mm, vaddr_t base, vaddr_t va, const unsigned long **words)
{
	struct task *cur = task_current();
	const struct work_header *h;
	u64 switches;

	do {
		switches = cur->switches;
		h = user_kva(mm, base);
		*words = user_kva(mm, va);
	} while (cur->switches != switches);
	return h;
}

/* What `work check` found in one task. */
struct work_result {
	bool bad;			/* a wrong word was found (or reported by the task) */
	vaddr_t bad_va;			/* bad: the first wrong word's address */
	unsigned long got, want;	/* bad: what it holds, what it should */
	unsigned long pages;		/* pattern pages verified */
};

/*
 * Check every pattern page of the region at BASE against the rule, page
 * by page, each with a fresh look at the header; plus the header page
 * itself: zero after the header.  Yields between pages.
 */
static int
work_verify(struct mm_struct *mm, vaddr_t base, u64 area_len, struct work_result *r)
{
	const struct work_header *h = user_kva(mm, base);
	unsigned long seed, nr_pages;
	const u8 *tail;

	if (!h)
		return -EFAULT;
	seed = h->seed;
	nr_pages = h->nr_pages;
	if (!nr_pages || nr_pages > area_len / WORK_PAGE_SIZE - 1)
		return -EINVAL;
	tail = (const u8 *)h + sizeof(*h);
	for (size_t k = 0; k < WORK_PAGE_SIZE - sizeof(*h); k++)
		if (tail[k]) {
			r->bad = true;
			r->bad_va = base + sizeof(*h) + ALIGN_DOWN(k, 8);
			r->got = *(const unsigned long *)(tail + ALIGN_DOWN(k, 8));
			r->want = 0;
			return 0;
		}

	for (unsigned long i = 0; i < nr_pages; i++) {
		vaddr_t va = base + (i + 1) * WORK_PAGE_SIZE;
		const unsigned long *words;
		enum work_page_kind kind;
		unsigned long gen;
		long j;

		h = read_page(mm, base, va, &words);
		if (h->state == WORK_BAD) {	/* the program found one first */
			r->bad = true;
			r->bad_va = h->bad_va;
			r->got = h->bad_got;
			r->want = h->bad_want;
			return 0;
		}
		kind = work_page_kind(h->state, h->progress, nr_pages, i, &gen);
		j = work_check_page(words ? words : zero_page, seed, va, kind, gen, &r->want);
		if (j >= 0) {
			r->bad = true;
			r->bad_va = va + 8 * j;
			r->got = words ? words[j] : 0;
			return 0;
		}
		if (kind != WORK_PAGE_UNWRITTEN)
			r->pages++;
		cond_resched();
	}
	return 0;
}

/* Read the header's state and progress now (0 and 0 when it is gone). */
static void
work_progress(struct mm_struct *mm, vaddr_t base, unsigned long *state, unsigned long *progress,
	      unsigned long *nr_pages)
{
	const struct work_header *h = user_kva(mm, base);

	*state = h ? h->state : 0;
	*progress = h ? h->progress : 0;
	*nr_pages = h && h->nr_pages ? h->nr_pages : 1;
}

/* `work check` of one task: its line; false when it is bad. */
static bool
work_check_one(int pid)
{
	struct task *t = task_user_get(pid);
	struct work_result r = { 0 };
	unsigned long state, progress, nr_pages;
	char size[16];
	vaddr_t base;
	u64 len;
	int err;

	if (!t)
		return true;	/* it ended meanwhile: nothing to check */
	base = work_find(t->mm, &len);
	if (!base) {
		printf("work check: pid %d: no work region yet (starting)\n", pid);
		task_user_put(t);
		return true;
	}
	work_progress(t->mm, base, &state, &progress, &nr_pages);
	err = work_verify(t->mm, base, len, &r);
	task_user_put(t);
	size_to_human((nr_pages + 1) * WORK_PAGE_SIZE, size, sizeof(size));
	if (err) {
		printf("work check: pid %d: BAD header at 0x%llx (%s)\n", pid,
		       (unsigned long long)base, err == -EFAULT ? "not mapped" : "nr_pages");
		return false;
	}
	if (r.bad) {
		printf("work check: pid %d: BAD at 0x%llx: 0x%lx, want 0x%lx\n", pid,
		       (unsigned long long)r.bad_va, r.got, r.want);
		return false;
	}
	if (state == WORK_FILLING)
		printf("work check: pid %d: %s OK (filling, %lu of %lu pages)\n", pid, size,
		       r.pages, nr_pages);
	else
		printf("work check: pid %d: %s OK (pass %lu)\n", pid, size, progress / nr_pages);
	return true;
}

static int
work_check(void)
{
	int pids[WORK_MAX], n = work_pids(pids, WORK_MAX);
	bool ok = true;

	if (n < 0) {
		printf("work check: no memory for the task list\n");
		return n;
	}
	if (n == 0) {
		printf("work check: no work tasks\n");
		return 0;
	}
	for (int i = 0; i < n; i++)
		ok &= work_check_one(pids[i]);
	printf("work check: %s\n", ok ? "OK" : "FAILED");
	return ok ? 0 : -EIO;
}

/* ------------------------------------------------------------ start, stop, list */

/* work start SIZE [node=N] [huge] [pin]: check everything, then spawn. */
static int
work_start(int argc, char **argv)
{
	bool huge = false, pin = false;
	int nid = NUMA_NO_NODE, wargc = 2, err;
	char *wargv[5], bytes[24];
	unsigned long free_pages;
	struct task *t;
	u64 size, n;

	if (arg_size(argv[2], &size)) {
		printf("work start: %s: not a size (like 64M)\n", argv[2]);
		return -EINVAL;
	}
	for (int i = 3; i < argc; i++) {
		const char *v = arg_key(argv[i], "node");
		bool *flag = !strcmp(argv[i], "huge") ? &huge : !strcmp(argv[i], "pin") ? &pin : NULL;

		if (v) {
			if (nid != NUMA_NO_NODE || arg_u64(v, &n) || !node_exists(n)) {
				printf("work start: %s: %s\n", argv[i], nid != NUMA_NO_NODE ?
				       "node given twice" : "no such node");
				return -EINVAL;
			}
			nid = n;
		} else if (flag && !*flag) {
			*flag = true;
		} else {
			printf("work start: %s: %s\n", argv[i], flag ? "given twice" :
			       "not node=N, huge or pin");
			return -EINVAL;
		}
	}
	if (size < 2 * WORK_PAGE_SIZE || size % (huge ? HPAGE_SIZE : WORK_PAGE_SIZE)) {
		printf("work start: %s: not a multiple of %s, at least 8K\n", argv[2],
		       huge ? "the huge page size (2M)" : "4K");
		return -EINVAL;
	}
	free_pages = nid == NUMA_NO_NODE ? global_free_pages() : node_free_pages(nid);
	if (size / PAGE_SIZE > free_pages) {
		printf("work start: %s: more than the %lu free pages%s\n", argv[2], free_pages,
		       nid == NUMA_NO_NODE ? "" : " of the node");
		return -ENOMEM;
	}

	snprintf(bytes, sizeof(bytes), "%llu", (unsigned long long)size);
	wargv[0] = "work";
	wargv[1] = bytes;
	if (huge)
		wargv[wargc++] = "huge";
	if (pin)
		wargv[wargc++] = "pin";
	wargv[wargc] = NULL;
	err = exec_spawn("work", wargc, wargv, nid, &t);
	if (err)
		return err;		/* exec said why */
	printf("[%d] work\n", t->pid);	/* it has not run yet: t is valid */
	return 0;
}

static int
work_stop(int argc, char **argv)
{
	int pids[WORK_MAX], n;
	u64 pid = 0;

	if (argc == 3 && arg_u64(argv[2], &pid)) {
		printf("work stop: %s: not a pid\n", argv[2]);
		return -EINVAL;
	}
	n = work_pids(pids, WORK_MAX);
	if (n < 0) {
		printf("work stop: no memory for the task list\n");
		return n;
	}
	if (argc == 3) {
		bool found = false;

		for (int i = 0; i < n; i++)
			found |= (u64)pids[i] == pid;
		if (!found) {
			printf("work stop: pid %llu: not a work task\n", (unsigned long long)pid);
			return -ESRCH;
		}
		pids[0] = pid;
		n = 1;
	} else if (n == 0) {
		printf("work stop: no work tasks\n");
		return 0;
	}
	for (int i = 0; i < n; i++)
		if (!task_kill_wait(pids[i]))
			printf("work stop: pid %d stopped\n", pids[i]);
	return 0;
}

static const char *
work_state_name(unsigned long state)
{
	switch (state) {
	case WORK_FILLING:	return "filling";
	case WORK_RUNNING:	return "running";
	case WORK_BAD:		return "BAD";
	}
	return "starting";
}

/* `work`: one line per work task. */
static int
work_list(void)
{
	int pids[WORK_MAX], n = work_pids(pids, WORK_MAX);

	if (n <= 0) {
		printf(n ? "work: no memory for the task list\n" : "work: no work tasks\n");
		return n;
	}
	printf("%5s %8s %-18s %4s %-8s %8s %10s %4s %4s\n", "PID", "SIZE", "ADDRESS", "NODE",
	       "STATE", "PASS", "RSS", "HUGE", "PINS");
	for (int i = 0; i < n; i++) {
		struct task *t = task_user_get(pids[i]);
		unsigned long state = 0, progress = 0, nr_pages = 0;
		char size[16] = "-", node[8] = "any";
		vaddr_t base;
		u64 len;

		if (!t)
			continue;
		base = work_find(t->mm, &len);
		if (base) {
			work_progress(t->mm, base, &state, &progress, &nr_pages);
			size_to_human((nr_pages + 1) * WORK_PAGE_SIZE, size, sizeof(size));
		}
		if (t->mm->nid != NUMA_NO_NODE)
			snprintf(node, sizeof(node), "%d", t->mm->nid);
		printf("%5d %8s 0x%016llx %4s %-8s %8lu %9luK %4lu %4lu\n", pids[i], size,
		       (unsigned long long)base, node, work_state_name(state),
		       state == WORK_RUNNING ? progress / nr_pages : 0,
		       t->mm->rss_pages * (PAGE_SIZE / 1024), t->mm->huge_pages, t->mm->nr_pins);
		task_user_put(t);
	}
	return 0;
}

SHELL_COMMAND(cmd_work, "work", "[start|check|stop ...]", 0, 5,
	      "workload tasks: start SIZE [node=N] [huge] [pin]; check (every byte); stop [PID]; list");
static int
cmd_work(int argc, char **argv)
{
	if (argc == 1)
		return work_list();
	if (!strcmp(argv[1], "start") && argc >= 3)
		return work_start(argc, argv);
	if (!strcmp(argv[1], "check") && argc == 2)
		return work_check();
	if (!strcmp(argv[1], "stop") && argc <= 3)
		return work_stop(argc, argv);
	return usage();
}
