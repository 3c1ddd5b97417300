/* SPDX-License-Identifier: MIT */
/*
 * mm/vm.h - user address spaces and the memory that can move: areas,
 * page faults, the reverse map, page locks, pins, migration, vmstat.
 *
 * The contract between mm/vm.c (address spaces, faults, rmap),
 * mm/migrate.c (moving pages), mm/vmstat.c (counters, /proc/vmstat) and
 * their users in kernel/ (tasks, system calls, `work`) and mm/ (offline).
 *
 * The big picture (paper section 6): a user page is reached two ways.
 * Forwards, through its task's page tables (virtual address -> page);
 * backwards, through the reverse map in its struct page (page -> the one
 * address space and virtual address that map it).  Migration needs the
 * backward way: offline finds a busy pfn, and must find the page-table
 * entry to rewrite.  Pages here are mapped by exactly one address space
 * (hotmem has no fork and no shared memory), so the reverse map is one
 * pointer and one address in struct page: owner and owner_index.  Linux
 * needs anon_vma chains because fork shares pages; docs/10-migration.md.
 *
 * References (struct page.refcount) of a user page:
 *   1  its mapping in the page tables (there is exactly one, or none);
 *  +1  each pin (vm_pin_page(): a kernel reference, or the debug pin
 *      system call), held until vm_unpin_page();
 *  +1  while it is on a migration list (migrate_isolate_range()).
 * Migration may move a page only when, with its mapping replaced by a
 * migration entry, the only reference left is the list's own: anything
 * more is a pin, and the page stays (paper section 6.2).
 *
 * Lock rules (one CPU; the kernel is never preempted, only user mode is,
 * so kernel code runs until it sleeps):
 *  - An mm's areas and page tables change only in task context, and
 *    only between sleeps: whoever sleeps (a fault waiting for a page,
 *    migration yielding) reads the entry again after waking.
 *  - PG_locked (page_lock()): held by migration from the moment it
 *    replaces the entry by a migration entry until the new entry is in
 *    (or the old one is back).  A task that meets a migration entry
 *    sleeps in wait_on_page_locked() and then retries; so does the
 *    kernel reading user memory (vm_follow_page()), munmap and exit.
 *  - A page's owner/owner_index change only with PG_locked held, or
 *    while the page is mapped by no-one else's entry (fault, unmap).
 *
 * Course text: docs/10-migration.md, docs/11-user-tasks.md.
 * Tests: tests/unit/mm/test_vm.c, tests/unit/mm/test_migrate.c,
 *        tests/qemu/test_user.py, tests/qemu/test_migration.py
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <arch/uvm.h>
#include "kernel/types.h"
#include "mm/list.h"
#include "mm/mm.h"

/* Huge pages: one pageblock (2 MiB on x86_64, 16 MiB on ppc64, 8 MiB on
 * ia64), allocated as one order-HPAGE_ORDER block and moved as one unit. */
#define HPAGE_ORDER		pageblock_order
#define HPAGE_NR_PAGES		(1UL << HPAGE_ORDER)
#define HPAGE_SIZE		(PAGE_SIZE << HPAGE_ORDER)

/* ------------------------------------------------------------ areas */

#define VMA_HUGE	0x1u	/* faults map huge pages (start, end HPAGE_SIZE-aligned) */
#define VMA_STACK	0x2u	/* the task's stack (for reports and `ps`) */
#define VMA_IMAGE	0x4u	/* a program's loaded segment */

/* [start, end) with one set of rights; page-aligned, never empty. */
struct vm_area {
	vaddr_t start, end;
	unsigned int prot;		/* UPROT_* */
	unsigned int flags;		/* VMA_* */
	struct list_head link;		/* on mm->areas, sorted by start, disjoint */
};

#define MM_NAME_LEN	16

struct mm_struct {
	struct arch_uvm *uvm;		/* its page tables */
	struct list_head areas;		/* struct vm_area, by address */
	int nid;			/* preferred node for its pages;
					 * NUMA_NO_NODE: the CPU's node */
	unsigned long rss_pages;	/* base pages mapped now (a huge page counts
					 * HPAGE_NR_PAGES) */
	unsigned long huge_pages;	/* huge pages mapped now */
	unsigned long nr_pins;		/* pins held (vm_pin_page()) */
	vaddr_t mmap_base;		/* where vm_mmap() looks for room first */
	/* For reports ("user page of pid 7 (work)"); set by the creator. */
	int owner_pid;
	char owner_name[MM_NAME_LEN];
};

/* An empty address space whose pages prefer node NID; NULL: no memory. */
struct mm_struct *mm_create(int nid);
/* Unmap and free every page (waiting for pages under migration; pins
 * still held are dropped, with a warning), free the tables and MM.
 * MM must not be loaded: the caller switched to another first. */
void mm_destroy(struct mm_struct *mm);

/* The area holding VA, or NULL. */
struct vm_area *vm_find_area(struct mm_struct *mm, vaddr_t va);
/* Map [addr, addr + len) anonymous, demand-zero, with PROT and FLAGS at
 * exactly ADDR (page-aligned; VMA_HUGE: HPAGE-aligned); nothing is
 * allocated until touched.  0, -EINVAL (bad range, outside user space),
 * -EEXIST (overlaps an area) or -ENOMEM. */
int vm_map_fixed(struct mm_struct *mm, vaddr_t addr, u64 len, unsigned int prot,
		 unsigned int flags);
/* The same, at an address vm_mmap() chooses (len rounded up to pages, or
 * to HPAGE_SIZE with VMA_HUGE); returns it, or -EINVAL/-ENOMEM. */
long vm_mmap(struct mm_struct *mm, u64 len, unsigned int prot, unsigned int flags);
/* Unmap [addr, addr + len) (page-aligned; inside a VMA_HUGE area,
 * HPAGE-aligned), freeing its pages; areas are cut as needed.  A pinned
 * page in the range: -EBUSY and nothing changed.  0 or -EINVAL. */
int vm_munmap(struct mm_struct *mm, vaddr_t addr, u64 len);

/* Change the rights of the whole area [addr, addr + len) to PROT (its
 * mapped entries too): exec.c makes a loaded text read-only this way.
 * 0, or -EINVAL when the range is not exactly one area. */
int vm_protect(struct mm_struct *mm, vaddr_t addr, u64 len, unsigned int prot);

/* ------------------------------------------------------------ faults */

/*
 * A fault at VA wanting ACCESS (UPROT_READ, UPROT_WRITE or UPROT_EXEC).
 * Returns:
 *   0        the entry is there now: retry the access;
 *   -EFAULT  no area holds VA, or the area forbids ACCESS: a bad access
 *            (the task is killed; kernel/task_user.c reports it);
 *   -ENOMEM  no page could be had: the task is killed too.
 * Demand-zero: an empty entry gets a zeroed page from mm->nid (GFP_USER,
 * so ZONE_MOVABLE first), rmap set, refcount 1.  In a VMA_HUGE area the
 * whole huge page is allocated at once when its range is empty;
 * otherwise (no order-HPAGE_ORDER block free) a base page, counted as
 * thp_fault_fallback.  A migration entry: sleep until the page is
 * unlocked (counted as pgmigrate_fault_wait), then return 0 (retry).
 */
int handle_mm_fault(struct mm_struct *mm, vaddr_t va, unsigned int access);

/*
 * The page mapped at VA (its base page, inside a huge one too), for the
 * kernel to read or write through the direct map; a migration entry is
 * waited for first.  NULL when nothing is mapped there (no fault is
 * taken: kernel readers such as `work check` see untouched memory as
 * absent).  The page is valid until the caller sleeps.
 */
struct page *vm_follow_page(struct mm_struct *mm, vaddr_t va);
/*
 * Copy LEN bytes between the user's VA and the kernel's BUF, faulting
 * pages in as a user access would (system calls: write's buffer), with
 * the area's rights checked: copy_to_user() needs UPROT_WRITE (exec.c
 * loads a text writable, then vm_protect()s it).  0, or -EFAULT (a bad
 * address or right anywhere in the range; bytes before it are copied).
 */
int copy_from_user(struct mm_struct *mm, void *buf, vaddr_t va, size_t len);
int copy_to_user(struct mm_struct *mm, vaddr_t va, const void *buf, size_t len);

/* ------------------------------------------------------------ pins */

/* Fault VA's page in and take a reference on it (its head for a huge
 * page): migration will refuse it until vm_unpin_page().  *OUT gets the
 * page.  0, -EFAULT, -ENOMEM. */
int vm_pin_page(struct mm_struct *mm, vaddr_t va, struct page **out);
void vm_unpin_page(struct mm_struct *mm, struct page *page);

/* ------------------------------------------------------------ rmap */

/* A user page (PG_anon set): the head of a block mapped by one entry. */
static inline bool
page_is_anon(const struct page *p)
{
	return page_flag(p, PG_anon);
}
/* The owner of anon page P: the address space and the virtual address
 * of its first byte (owner NULL: unmapped, waiting to be freed). */
static inline struct mm_struct *
page_rmap_mm(const struct page *p)
{
	return p->owner;
}
static inline vaddr_t
page_rmap_va(const struct page *p)
{
	return p->owner_index;
}
void page_rmap_set(struct page *p, struct mm_struct *mm, vaddr_t va);
void page_rmap_clear(struct page *p);

/* ------------------------------------------------------------ page lock */

/* PG_locked with sleeping waiters (a small hash of wait queues). */
bool page_trylock(struct page *p);
void page_lock(struct page *p);			/* task context; may sleep */
void page_unlock(struct page *p);		/* wakes the waiters */
void wait_on_page_locked(struct page *p);	/* task context; may sleep */

/* ------------------------------------------------------------ migration */

/* Why a page did not move (migrate_pages() reports one per page). */
enum migrate_result {
	MIGRATE_OK,		/* moved, or freed by its owner meanwhile */
	MIGRATE_BUSY,		/* locked by someone else: try again later */
	MIGRATE_NOMEM,		/* no destination page (none of the order) */
	MIGRATE_PINNED,		/* extra references did not drop */
	MIGRATE_NOT_ANON,	/* not a user page: nothing maps it (kernel memory) */
};
extern const char *const migrate_result_names[];	/* "ok", "busy", ... */

/* The migration hook tests use to inject failures: called at each step
 * of each page (see mm/migrate.c); a nonzero return fails that step. */
enum migrate_step { MIGRATE_STEP_ALLOC, MIGRATE_STEP_UNMAPPED, MIGRATE_STEP_COPY };
extern int (*migrate_fault_inject)(struct page *page, enum migrate_step step);

/*
 * Collect the user pages allocated in [start_pfn, end_pfn) onto LIST
 * (through page->lru), each with a reference taken (+1), heads only.
 * Pages that are not anon are skipped (the caller finds them busy).
 * Returns how many were collected.  One migration at a time: the
 * caller holds mem_hotplug_lock from here until putback_movable_pages().
 */
unsigned long migrate_isolate_range(unsigned long start_pfn, unsigned long end_pfn,
				    struct list_head *list);
/*
 * Move every page on LIST (from migrate_isolate_range()) to a new page:
 * on TARGET_NODE when it has room (NUMA_NO_NODE: the page's own node),
 * else the nearest node by distance, never in an isolated pageblock
 * (the range being offlined is isolated).  Per page (docs/10-migration.md):
 * lock; allocate the destination; replace the entry by a migration
 * entry; flush the TLB; (yield: tasks touching the page now wait);
 * check the extra references have dropped; copy; map the new page; wake
 * the waiters; free the old page.  Any failure puts the old entry back:
 * the old page stays mapped and intact.
 * Moved pages leave LIST (their reference dropped, the old page freed);
 * the pages that could not move stay on it, and *STATS (may be NULL)
 * counts why.  Returns the number of pages left on LIST.
 */
struct migrate_stats {
	unsigned long moved;		/* pages moved (a huge page counts 1) */
	unsigned long moved_bytes;	/* bytes copied */
	unsigned long failed[MIGRATE_NOT_ANON + 1];	/* by enum migrate_result */
	unsigned long first_failed_pfn;	/* of the first page that stayed; 0: none */
	enum migrate_result first_failed_why;
	u64 dest_nodes;			/* bit N: some page moved to node N */
};
unsigned long migrate_pages(struct list_head *list, int target_node,
			    struct migrate_stats *stats);
/* Drop the references of the pages left on LIST (after migrate_pages()). */
void putback_movable_pages(struct list_head *list);

/* ------------------------------------------------------------ vmstat */

/* Linux's /proc/vmstat names, except pgmigrate_fault_wait (hotmem's:
 * faults that slept on a page under migration). */
enum vm_event_item {
	PGFAULT,
	PGMIGRATE_SUCCESS,	/* base pages moved (a huge page: HPAGE_NR_PAGES) */
	PGMIGRATE_FAIL,		/* base pages that failed a migrate_pages() pass */
	THP_MIGRATION_SUCCESS,
	THP_MIGRATION_FAIL,
	THP_FAULT_ALLOC,
	THP_FAULT_FALLBACK,
	PGMIGRATE_FAULT_WAIT,
	NR_VM_EVENTS
};
extern unsigned long vm_events[NR_VM_EVENTS];
static inline void
count_vm_events(enum vm_event_item item, unsigned long n)
{
	vm_events[item] += n;
}
/* Anon pages mapped in all address spaces (meminfo AnonPages). */
extern unsigned long nr_anon_pages, nr_anon_huge_pages;

#endif /* MM_VM_H */
