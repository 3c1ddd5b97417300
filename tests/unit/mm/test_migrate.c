/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_migrate.c - page migration on the host: pages move
 * with their data, to the node asked for or the nearest; every rollback
 * (no destination, pinned before or halfway, a failed copy, a page
 * locked by someone else) leaves the old page mapped and intact; a huge
 * page moves as one unit; a task touching a page under migration sleeps
 * and then sees the new page; offline now empties a block of user pages
 * and, when one is pinned, fails naming it; a task that exits while its
 * pages move waits for them.
 *
 * The fake machine (sizes in memory blocks, so it holds for x86_64, ppc64
 * and ia64), all of it Movable, hot-added style:
 *
 *   node 0: block B0   online   the user pages start here
 *           block B1   offline  (a test onlines it once its pages are in
 *                               B0: a destination on node 0)
 *   node 1: block B2   online   the far node
 *
 * mm/vm.c, mm/migrate.c, the buddy, memory blocks and isolation run
 * unchanged, over fake user page tables (tests/unit/fake/fake_uvm.c) and
 * fake RAM (an mmap that only the pages touched cost).  Tasks are real
 * (kernel/task.c over tests/unit/fake/fake_context.c): the test program
 * is init and migrates; a second task plays a user program.  The clock
 * moves one millisecond per idle wait (fake_tick()).
 *
 * Tests: mm/migrate.c, mm/vmstat.c, mm/memory_block.c (offline migrates),
 * mm/page_isolation.c (user pages named).  Course text: docs/10-migration.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "fake_heap.h"
#include "fake_printk.h"
#include <arch/cpu.h>
#include <arch/uvm.h>
#include "kernel/kernel.h"
#include "kernel/pseudofs.h"
#include "kernel/task.h"
#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "mm/vm.h"

#define PPB		PAGES_PER_BLOCK
#define B0		2UL			/* node 0, online */
#define B1		3UL			/* node 0, offline until a test onlines it */
#define B2		4UL			/* node 1, online */
#define NR_BLOCKS	3
#define RAM_BYTES	((u64)NR_BLOCKS * MEMORY_BLOCK_SIZE)
#define NPAGES		8			/* small pages most tests move */
#define A		0x10000000ULL		/* their address: HPAGE-aligned everywhere */
#define HOLD_MS_FILE	"/sys/kernel/debug/migrate/hold_ms"

/* ------------------------------------------------------------ the machine */

static u8 *ram;
static unsigned long sections[NR_BLOCKS * SECTIONS_PER_BLOCK];
static int nr_sections;
static struct mm_struct *mm;
static struct list_head pages = LIST_HEAD_INIT(pages);	/* the migration list */

static void *
leaf_calloc(size_t size)
{
	return calloc(1, size);
}

static unsigned long
bstart(unsigned long id)
{
	return block_id_to_pfn(id);
}

static unsigned long
bend(unsigned long id)
{
	return block_id_to_pfn(id + 1);
}

static void
check_all(void)
{
	char msg[256];

	assert_true(fake_cpu_idle());
	if (buddy_check_all(msg, sizeof(msg)))
		fail_msg("buddy_check_all: %s", msg);
}

/* Block ID on node NID, its sections present, the block offline. */
static void
add_block(unsigned long id, int nid)
{
	unsigned long first = pfn_to_section_nr(bstart(id));

	for (unsigned long i = 0; i < SECTIONS_PER_BLOCK; i++) {
		struct page *memmap = aligned_alloc(64, memmap_size_bytes());

		assert_non_null(memmap);
		assert_int_equal(sparse_init_section(first + i, nid, memmap,
						     SECTION_MARKED_PRESENT | SECTION_HOTPLUGGABLE), 0);
		sections[nr_sections++] = first + i;
	}
	mutex_lock(&mem_hotplug_lock);
	assert_int_equal(memory_block_create_locked(id, nid, false, NULL, 0), 0);
	mutex_unlock(&mem_hotplug_lock);
}

static unsigned long
free_pages_all(void)
{
	unsigned long sum = 0;

	for (int nid = 0; nid < 2; nid++)
		sum += NODE_DATA(nid)->node_zones[ZONE_MOVABLE].nr_free_pages;
	return sum;
}

static unsigned long
managed_pages_all(void)
{
	unsigned long sum = 0;

	for (int nid = 0; nid < 2; nid++)
		sum += NODE_DATA(nid)->node_zones[ZONE_MOVABLE].managed_pages;
	return sum;
}

static int
setup(void **state)
{
	(void)state;
	sparse_set_allocator(leaf_calloc);
	memset(node_data, 0, sizeof(node_data));
	memset(node_distance_table, 0, sizeof(node_distance_table));
	memset(vm_events, 0, sizeof(vm_events));
	nr_anon_pages = nr_anon_huge_pages = 0;
	movable_node_enabled = false;
	fake_cpu_reset();
	fake_cpu.interrupt = fake_tick;
	fake_printk_clear();
	memset(&fake_uvm, 0, sizeof(fake_uvm));
	migrate_fault_inject = NULL;
	task_init();

	/* Untouched pages of the mapping cost nothing: a block is up to 1 GiB. */
	ram = mmap(NULL, RAM_BYTES, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	assert_true(ram != MAP_FAILED);
	fake_ram_map(PFN_PHYS(bstart(B0)), ram, RAM_BYTES);
	node_set_online(0);
	node_set_online(1);
	add_block(B0, 0);
	add_block(B1, 0);
	add_block(B2, 1);
	assert_int_equal(online_memory_block(B0, MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(online_memory_block(B2, MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(pseudofs_write(HOLD_MS_FILE, "0"), 0);

	mm = mm_create(0);
	assert_non_null(mm);
	mm->owner_pid = 7;
	strcpy(mm->owner_name, "work");
	list_init(&pages);
	fake_printk_clear();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	migrate_fault_inject = NULL;
	while (task_snapshot(NULL, 0) > 1)
		task_yield();
	if (mm)
		mm_destroy(mm);
	mm = NULL;
	assert_int_equal(fake_uvm.live, 0);
	assert_int_equal(nr_anon_pages, 0);
	assert_int_equal(free_pages_all(), managed_pages_all());	/* nothing leaked */
	check_all();
	memory_block_reset();
	for (int i = 0; i < nr_sections; i++)
		free(sparse_remove_section(sections[i]));
	nr_sections = 0;
	memset(node_data, 0, sizeof(node_data));
	fake_ram_map(0, NULL, 0);
	munmap(ram, RAM_BYTES);
	return 0;
}

/* ------------------------------------------------------------ user memory */

/* The word at VA in generation GEN: a hash, different for every word. */
static u64
pattern(vaddr_t va, unsigned int gen)
{
	u64 x = va * 0x9e3779b97f4a7c15ULL + gen * 0xbf58476d1ce4e5b9ULL;

	x ^= x >> 31;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 29);
}

/* Fault [va, va + len) in and write generation GEN into every word. */
static void
fill(vaddr_t va, u64 len, unsigned int gen)
{
	for (vaddr_t p = va; p < va + len; p += PAGE_SIZE) {
		u64 *w;

		assert_int_equal(handle_mm_fault(mm, p, UPROT_WRITE), 0);
		w = page_address(vm_follow_page(mm, p));
		for (size_t i = 0; i < PAGE_SIZE / 8; i++)
			w[i] = pattern(p + i * 8, gen);
	}
}

/* Does every word of [va, va + len) hold generation GEN? */
static bool
intact(vaddr_t va, u64 len, unsigned int gen)
{
	for (vaddr_t p = va; p < va + len; p += PAGE_SIZE) {
		struct page *pg = vm_follow_page(mm, p);
		const u64 *w;

		if (!pg)
			return false;
		w = page_address(pg);
		for (size_t i = 0; i < PAGE_SIZE / 8; i++)
			if (w[i] != pattern(p + i * 8, gen))
				return false;
	}
	return true;
}

static struct upte
entry_at(vaddr_t va)
{
	struct upte e;

	arch_upte_get(mm->uvm, va, &e);
	return e;
}

/* NPAGES small pages at A, filled; they land in B0 (the only block of node 0). */
static void
small_pages(unsigned long *pfns)
{
	assert_int_equal(vm_map_fixed(mm, A, NPAGES * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	fill(A, NPAGES * PAGE_SIZE, 1);
	for (int i = 0; i < NPAGES; i++) {
		pfns[i] = entry_at(A + i * PAGE_SIZE).pfn;
		assert_true(pfns[i] >= bstart(B0) && pfns[i] < bend(B0));
	}
}

/* A huge page at A, filled; its head's pfn. */
static unsigned long
huge_page(void)
{
	struct upte e;

	assert_int_equal(vm_map_fixed(mm, A, HPAGE_SIZE, UPROT_READ | UPROT_WRITE, VMA_HUGE), 0);
	fill(A, HPAGE_SIZE, 1);
	e = entry_at(A);
	assert_true(e.huge);
	assert_int_equal(vm_events[THP_FAULT_ALLOC], 1);
	return e.pfn;
}

/* Collect block ID's user pages onto `pages` (ISOLATE: its pageblocks first). */
static unsigned long
collect(unsigned long id, bool isolate)
{
	mutex_lock(&mem_hotplug_lock);
	if (isolate)
		assert_int_equal(start_isolate_page_range(bstart(id), bend(id)), 0);
	return migrate_isolate_range(bstart(id), bend(id), &pages);
}

/* Put back what stayed, undo the isolation, let go of the lock. */
static void
finish(unsigned long id, bool isolate)
{
	putback_movable_pages(&pages);
	if (isolate)
		undo_isolate_page_range(bstart(id), bend(id));
	mutex_unlock(&mem_hotplug_lock);
	check_all();
}

/* Is PFN's page in a free block now? */
static bool
pfn_is_free(unsigned long pfn)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *p = pfn_to_page(ALIGN_DOWN(pfn, 1UL << order));

		if (page_flag(p, PG_buddy) && p->private >= order)
			return true;
	}
	return false;
}

/* The page at VA moved from OLD_PFN: a fresh page of its own, mapped, with rmap. */
static void
assert_moved(vaddr_t va, unsigned long old_pfn, unsigned int order)
{
	struct upte e = entry_at(va);
	struct page *p = pfn_to_page(e.pfn);

	assert_int_equal(e.kind, UPTE_PRESENT);
	assert_int_equal(e.prot, UPROT_READ | UPROT_WRITE);
	assert_int_equal(e.huge, order > 0);
	assert_int_not_equal(e.pfn, old_pfn);
	assert_true(page_is_anon(p));
	assert_true(page_flag(p, PG_movable));
	assert_false(page_flag(p, PG_locked));
	assert_ptr_equal(page_rmap_mm(p), mm);
	assert_int_equal(page_rmap_va(p), va);
	assert_int_equal(p->refcount, 1);
	assert_int_equal(p->private, order);
	assert_true(pfn_is_free(old_pfn));
	assert_false(page_is_anon(pfn_to_page(old_pfn)));
}

/* The page at VA stayed at OLD_PFN: mapped as before, unlocked, only its
 * mapping's reference and the list's (EXTRA: pins) left. */
static void
assert_stayed(vaddr_t va, unsigned long old_pfn, int extra)
{
	struct upte e = entry_at(va);
	struct page *p = pfn_to_page(old_pfn);

	assert_int_equal(e.kind, UPTE_PRESENT);
	assert_int_equal(e.pfn, old_pfn);
	assert_int_equal(e.prot, UPROT_READ | UPROT_WRITE);
	assert_false(page_flag(p, PG_locked));
	assert_ptr_equal(page_rmap_mm(p), mm);
	assert_int_equal(page_rmap_va(p), va);
	assert_int_equal(p->refcount, 2 + extra);
}

/* ------------------------------------------------------------ moving */

/*
 *   B0: 8 user pages   B1: online, empty   B2 (node 1): empty
 * B0 isolated, its pages collected and moved with no target node.
 * Expect every page on node 0 in B1 (its own node, never the isolated
 * block), the same data, the entry and rmap on the new page, the old
 * page free, the counters and stats exact, the list empty.
 */
static void
test_pages_move_with_their_data_to_their_node(void **state)
{
	unsigned long old[NPAGES], free_before;
	struct migrate_stats st;

	(void)state;
	small_pages(old);
	assert_int_equal(online_memory_block(B1, MMOP_ONLINE_MOVABLE), 0);
	free_before = free_pages_all();
	assert_int_equal(collect(B0, true), NPAGES);
	assert_int_equal(pfn_to_page(old[0])->refcount, 2);		/* mapping + list */
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 0);
	assert_true(list_empty(&pages));
	for (int i = 0; i < NPAGES; i++) {
		unsigned long pfn = entry_at(A + i * PAGE_SIZE).pfn;

		assert_moved(A + i * PAGE_SIZE, old[i], 0);
		assert_true(pfn >= bstart(B1) && pfn < bend(B1));
	}
	finish(B0, true);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	assert_int_equal(free_pages_all(), free_before);
	assert_int_equal(st.moved, NPAGES);
	assert_int_equal(st.moved_bytes, NPAGES * PAGE_SIZE);
	assert_int_equal(st.first_failed_pfn, 0);
	assert_int_equal(st.dest_nodes, 1ULL << 0);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS], NPAGES);
	assert_int_equal(vm_events[PGMIGRATE_FAIL], 0);
	assert_int_equal(mm->rss_pages, NPAGES);
	assert_int_equal(nr_anon_pages, NPAGES);
	assert_true(fake_uvm.flushes >= NPAGES);		/* one per migration entry */
}

/* Expect target node 1 to get the pages, though node 0 has room. */
static void
test_target_node_gets_the_pages(void **state)
{
	unsigned long old[NPAGES];
	struct migrate_stats st;

	(void)state;
	small_pages(old);
	assert_int_equal(online_memory_block(B1, MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(collect(B0, false), NPAGES);
	assert_int_equal(migrate_pages(&pages, 1, &st), 0);
	for (int i = 0; i < NPAGES; i++) {
		assert_moved(A + i * PAGE_SIZE, old[i], 0);
		assert_int_equal(page_to_nid(pfn_to_page(entry_at(A + i * PAGE_SIZE).pfn)), 1);
	}
	assert_int_equal(st.dest_nodes, 1ULL << 1);
	finish(B0, false);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
}

/*
 * Node 0's only online block, B0, is isolated: expect the pages to fall
 * back to the nearest node with room, node 1.
 */
static void
test_full_node_falls_back_to_the_nearest(void **state)
{
	unsigned long old[NPAGES];
	struct migrate_stats st;

	(void)state;
	small_pages(old);
	assert_int_equal(collect(B0, true), NPAGES);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 0);
	for (int i = 0; i < NPAGES; i++)
		assert_moved(A + i * PAGE_SIZE, old[i], 0);
	assert_int_equal(st.dest_nodes, 1ULL << 1);
	finish(B0, true);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
}

/* ------------------------------------------------------------ rollback */

static unsigned long inject_pfn;	/* the page the hook fails (0: every page) */
static enum migrate_step inject_step;
static int inject_ret;
static int inject_calls;
static bool inject_take_ref;	/* UNMAPPED: take a reference instead of failing */

/* The hook: check the state each step promises, then do what the test asked. */
static int
inject(struct page *page, enum migrate_step step)
{
	unsigned long pfn = page_to_pfn(page);

	if (step != inject_step || (inject_pfn && pfn != inject_pfn))
		return 0;
	inject_calls++;
	assert_true(page_flag(page, PG_locked));
	if (step == MIGRATE_STEP_ALLOC) {
		assert_int_equal(entry_at(page_rmap_va(page)).kind, UPTE_PRESENT);
	} else {
		/* Unmapped: a migration entry, only the list's reference. */
		assert_int_equal(entry_at(page_rmap_va(page)).kind, UPTE_MIGRATION);
		assert_int_equal(entry_at(page_rmap_va(page)).pfn, pfn);
		assert_int_equal(page->refcount, 1);
	}
	if (inject_take_ref) {
		page->refcount++;	/* a kernel reference taken halfway */
		return 0;
	}
	return inject_ret;
}

static void
arm(enum migrate_step step, unsigned long pfn, int ret, bool take_ref)
{
	inject_step = step;
	inject_pfn = pfn;
	inject_ret = ret;
	inject_take_ref = take_ref;
	inject_calls = 0;
	migrate_fault_inject = inject;
}

/*
 * No destination for page 3 (the hook at ALLOC).  Expect page 3 to stay
 * on the list, mapped at its old pfn, unlocked, intact, counted as
 * no destination and pgmigrate_fail; the others to move; no page lost.
 */
static void
test_no_destination_rolls_back(void **state)
{
	unsigned long old[NPAGES], free_before;
	struct migrate_stats st;

	(void)state;
	small_pages(old);
	free_before = free_pages_all();
	collect(B0, true);
	arm(MIGRATE_STEP_ALLOC, old[3], 1, false);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 1);
	assert_int_equal(inject_calls, 1);
	assert_ptr_equal(list_first_entry(&pages, struct page, lru), pfn_to_page(old[3]));
	assert_stayed(A + 3 * PAGE_SIZE, old[3], 0);
	for (int i = 0; i < NPAGES; i++)
		if (i != 3)
			assert_moved(A + i * PAGE_SIZE, old[i], 0);
	assert_int_equal(st.moved, NPAGES - 1);
	assert_int_equal(st.failed[MIGRATE_NOMEM], 1);
	assert_int_equal(st.first_failed_pfn, old[3]);
	assert_int_equal(st.first_failed_why, MIGRATE_NOMEM);
	assert_int_equal(vm_events[PGMIGRATE_FAIL], 1);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS], NPAGES - 1);
	finish(B0, true);
	assert_int_equal(pfn_to_page(old[3])->refcount, 1);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	assert_int_equal(free_pages_all(), free_before);
}

/* Hold every block of ORDER the allocator gives, on HELD. */
static unsigned long
hold_all(unsigned int order, struct list_head *held)
{
	unsigned long n = 0;
	struct page *p;

	while ((p = alloc_pages(GFP_USER, order))) {
		list_add_tail(&p->lru, held);
		n++;
	}
	return n;
}

static void
release_all(struct list_head *held)
{
	while (!list_empty(held)) {
		struct page *p = list_first_entry(held, struct page, lru);

		list_del(&p->lru);
		free_pages(p, p->private);
	}
}

/*
 * Memory really exhausted outside the isolated B0.  Expect every page
 * to stay, mapped and intact, as no destination; and once memory is
 * back, the same pages to move.
 */
static void
test_exhausted_memory_rolls_back_every_page(void **state)
{
	struct list_head held = LIST_HEAD_INIT(held);
	unsigned long old[NPAGES];
	struct migrate_stats st;

	(void)state;
	small_pages(old);
	collect(B0, true);
	assert_true(hold_all(0, &held) > 0);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), NPAGES);
	assert_int_equal(st.failed[MIGRATE_NOMEM], NPAGES);
	assert_int_equal(st.moved, 0);
	for (int i = 0; i < NPAGES; i++)
		assert_stayed(A + i * PAGE_SIZE, old[i], 0);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));

	release_all(&held);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 0);
	for (int i = 0; i < NPAGES; i++)
		assert_moved(A + i * PAGE_SIZE, old[i], 0);
	finish(B0, true);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	assert_int_equal(vm_events[PGMIGRATE_FAIL], NPAGES);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS], NPAGES);
}

/*
 * Page 5 pinned (vm_pin_page()) before migration.  Expect it to be
 * unmapped, found with an extra reference, put back (pinned), still
 * mapped and intact with its pin; unpinned, it moves.
 */
static void
test_pinned_page_stays(void **state)
{
	unsigned long old[NPAGES];
	struct migrate_stats st;
	struct page *pin;

	(void)state;
	small_pages(old);
	assert_int_equal(vm_pin_page(mm, A + 5 * PAGE_SIZE + 8, &pin), 0);
	assert_ptr_equal(pin, pfn_to_page(old[5]));
	collect(B0, true);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 1);
	assert_int_equal(st.failed[MIGRATE_PINNED], 1);
	assert_int_equal(st.first_failed_why, MIGRATE_PINNED);
	assert_stayed(A + 5 * PAGE_SIZE, old[5], 1);
	assert_int_equal(pin->pins, 1);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	assert_true(fake_uvm.flushes >= NPAGES);	/* page 5 was unmapped too */

	vm_unpin_page(mm, pin);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 0);
	assert_moved(A + 5 * PAGE_SIZE, old[5], 0);
	finish(B0, true);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
}

/*
 * Paper section 6.3, step 7: a reference taken after the page was
 * unmapped (the hook at UNMAPPED takes one, as a kernel path would).
 * Expect the check after the yield to see it: rollback, the old entry
 * back, data intact; the reference dropped, the page moves.
 */
static void
test_pinned_halfway_rolls_back(void **state)
{
	unsigned long old[NPAGES];
	struct migrate_stats st;
	struct page *p;

	(void)state;
	small_pages(old);
	collect(B0, true);
	arm(MIGRATE_STEP_UNMAPPED, old[2], 0, true);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 1);
	assert_int_equal(inject_calls, 1);
	assert_int_equal(st.failed[MIGRATE_PINNED], 1);
	p = pfn_to_page(old[2]);
	assert_stayed(A + 2 * PAGE_SIZE, old[2], 1);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	p->refcount--;				/* the kernel lets go */
	migrate_fault_inject = NULL;
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 0);
	assert_moved(A + 2 * PAGE_SIZE, old[2], 0);
	finish(B0, true);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
}

/*
 * The hook fails every page at UNMAPPED (reported as pinned), then every
 * page at COPY (reported as busy).  Expect each page back in place after
 * each pass, and every destination page freed.
 */
static void
test_failed_steps_roll_back_with_their_reasons(void **state)
{
	unsigned long old[NPAGES], free_before;
	struct migrate_stats st;

	(void)state;
	small_pages(old);
	free_before = free_pages_all();
	collect(B0, true);
	arm(MIGRATE_STEP_UNMAPPED, 0, -1, false);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), NPAGES);
	assert_int_equal(inject_calls, NPAGES);
	assert_int_equal(st.failed[MIGRATE_PINNED], NPAGES);
	arm(MIGRATE_STEP_COPY, 0, 1, false);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), NPAGES);
	assert_int_equal(inject_calls, NPAGES);
	assert_int_equal(st.failed[MIGRATE_BUSY], NPAGES);
	for (int i = 0; i < NPAGES; i++)
		assert_stayed(A + i * PAGE_SIZE, old[i], 0);
	assert_int_equal(free_pages_all(), free_before);
	finish(B0, true);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	assert_int_equal(vm_events[PGMIGRATE_FAIL], 2 * NPAGES);
}

/*
 * Page 1 is locked by someone else (another migration); page 6 was
 * unmapped by its task after it was collected.  Expect page 1 to stay
 * untouched (busy: never unmapped), page 6 to count as done and be
 * freed, the others to move.
 */
static void
test_busy_and_unmapped_pages(void **state)
{
	unsigned long old[NPAGES];
	struct migrate_stats st;
	struct page *p1;

	(void)state;
	small_pages(old);
	collect(B0, true);
	p1 = pfn_to_page(old[1]);
	assert_true(page_trylock(p1));
	assert_int_equal(vm_munmap(mm, A + 6 * PAGE_SIZE, PAGE_SIZE), 0);
	assert_int_equal(pfn_to_page(old[6])->refcount, 1);	/* the list's alone */
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 1);
	assert_int_equal(st.failed[MIGRATE_BUSY], 1);
	assert_int_equal(st.moved, NPAGES - 2);
	assert_true(pfn_is_free(old[6]));
	assert_int_equal(entry_at(A + 1 * PAGE_SIZE).kind, UPTE_PRESENT);
	assert_int_equal(entry_at(A + 1 * PAGE_SIZE).pfn, old[1]);
	page_unlock(p1);
	finish(B0, true);
	assert_int_equal(p1->refcount, 1);
	assert_true(intact(A, PAGE_SIZE * 6, 1));
	assert_true(intact(A + 7 * PAGE_SIZE, PAGE_SIZE, 1));
}

/* ------------------------------------------------------------ huge pages */

/*
 * A huge page in B0.  Expect it to move as one order-HPAGE_ORDER block:
 * one huge entry on a new head, every base page's data, the base pages
 * found inside it, thp_migration_success 1, pgmigrate_success
 * HPAGE_NR_PAGES.
 */
static void
test_huge_page_moves_as_one_unit(void **state)
{
	unsigned long old;
	struct migrate_stats st;
	struct page *head;

	(void)state;
	old = huge_page();
	assert_int_equal(collect(B0, true), 1);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 0);
	assert_moved(A, old, HPAGE_ORDER);
	head = pfn_to_page(entry_at(A).pfn);
	assert_true(page_flag(head, PG_head));
	assert_int_equal(entry_at(A).pfn % HPAGE_NR_PAGES, 0);
	assert_ptr_equal(vm_follow_page(mm, A + 5 * PAGE_SIZE + 8), pfn_to_page(entry_at(A).pfn + 5));
	assert_int_equal(st.moved, 1);
	assert_int_equal(st.moved_bytes, HPAGE_SIZE);
	assert_int_equal(vm_events[THP_MIGRATION_SUCCESS], 1);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS], HPAGE_NR_PAGES);
	finish(B0, true);
	assert_true(intact(A, HPAGE_SIZE, 1));
	assert_int_equal(mm->huge_pages, 1);
	assert_int_equal(nr_anon_huge_pages, 1);
}

/*
 * Every free huge-page-sized block taken: expect the huge page to stay
 * (no destination; it is never split into base pages), mapped huge at
 * its old pfn, intact; thp_migration_fail 1, pgmigrate_fail
 * HPAGE_NR_PAGES.
 */
static void
test_huge_page_without_destination_rolls_back(void **state)
{
	struct list_head held = LIST_HEAD_INIT(held);
	unsigned long old;
	struct migrate_stats st;

	(void)state;
	old = huge_page();
	collect(B0, true);
	assert_true(hold_all(HPAGE_ORDER, &held) > 0);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 1);
	assert_int_equal(st.failed[MIGRATE_NOMEM], 1);
	assert_stayed(A, old, 0);
	assert_true(entry_at(A).huge);
	assert_int_equal(vm_events[THP_MIGRATION_FAIL], 1);
	assert_int_equal(vm_events[PGMIGRATE_FAIL], HPAGE_NR_PAGES);
	release_all(&held);
	finish(B0, true);
	assert_true(intact(A, HPAGE_SIZE, 1));
}

/* ------------------------------------------------------------ a task touches it */

static vaddr_t touch_va;
static enum upte_kind touch_first_kind;	/* what its first look found */
static unsigned long touch_pfn;		/* the pfn its access finally went to */
static u64 touch_read;			/* what it read */
static bool touch_done;

/*
 * A user access as the MMU and the fault handler make it: the entry
 * present, the access goes through; otherwise handle_mm_fault(), then
 * again.  WRITE stores VALUE; a read returns the word.
 */
static u64
user_access(vaddr_t va, bool write, u64 value)
{
	for (;;) {
		struct upte e = entry_at(ALIGN_DOWN(va, PAGE_SIZE));

		if (!touch_first_kind)
			touch_first_kind = e.kind;
		if (e.kind == UPTE_PRESENT) {
			u64 *w;

			touch_pfn = e.pfn + (e.huge ? (va % HPAGE_SIZE) / PAGE_SIZE : 0);
			w = (u64 *)((u8 *)page_address(pfn_to_page(touch_pfn)) + va % PAGE_SIZE);
			if (write)
				*w = value;
			return *w;
		}
		assert_int_equal(handle_mm_fault(mm, va, write ? UPROT_WRITE : UPROT_READ), 0);
	}
}

/* The "program": one read of touch_va, then a write of its complement. */
static void
toucher(void *arg)
{
	(void)arg;
	touch_read = user_access(touch_va, false, 0);
	user_access(touch_va, true, ~touch_read);
	touch_done = true;
}

/*
 * Paper Figure 4.  hold_ms 5: migration sleeps after unmapping the
 * batch, and the task runs into the migration entry.  Expect the task
 * to sleep in the fault handler (pgmigrate_fault_wait 1) until the copy
 * is mapped, then to read the old data from the new page and write
 * there: the write is in the page that stays.  Then the same for a page
 * inside a huge page.
 */
static void
run_toucher_during_migration(vaddr_t va)
{
	touch_va = va;
	touch_first_kind = UPTE_NONE;
	touch_done = false;
	assert_non_null(task_create("toucher", toucher, NULL));
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, NULL), 0);
	while (!touch_done)
		task_yield();
	assert_int_equal(touch_first_kind, UPTE_MIGRATION);
	assert_int_equal(touch_read, pattern(va, 1));
	assert_false(touch_pfn >= bstart(B0) && touch_pfn < bend(B0));	/* the new page */
	assert_int_equal(touch_pfn, page_to_pfn(vm_follow_page(mm, va)));
	assert_int_equal(*(u64 *)((u8 *)page_address(vm_follow_page(mm, va)) + va % PAGE_SIZE),
			 ~pattern(va, 1));
}

static void
test_task_touching_a_page_under_migration_sleeps(void **state)
{
	unsigned long old[NPAGES];
	u64 t0;

	(void)state;
	small_pages(old);
	assert_int_equal(pseudofs_write(HOLD_MS_FILE, "5"), 0);
	collect(B0, true);
	t0 = fake_heap.now_ns;
	run_toucher_during_migration(A + 4 * PAGE_SIZE + 16);
	assert_true(fake_heap.now_ns - t0 >= 5 * 1000000ULL);		/* it held */
	assert_int_equal(vm_events[PGMIGRATE_FAULT_WAIT], 1);
	assert_int_equal(entry_at(A + 4 * PAGE_SIZE).pfn, touch_pfn);
	finish(B0, true);
	assert_true(intact(A, 4 * PAGE_SIZE, 1));

	assert_int_equal(vm_munmap(mm, A, NPAGES * PAGE_SIZE), 0);
	huge_page();
	collect(B0, true);
	run_toucher_during_migration(A + 3 * PAGE_SIZE + 40);
	assert_int_equal(vm_events[PGMIGRATE_FAULT_WAIT], 2);
	finish(B0, true);
	assert_true(intact(A, 3 * PAGE_SIZE, 1));
	assert_true(intact(A + 4 * PAGE_SIZE, HPAGE_SIZE - 4 * PAGE_SIZE, 1));
}

static struct mm_struct *exiting_mm;
static bool exit_started, exited;

/* A task that exits: its address space goes (mm_destroy() waits for
 * pages under migration; the caller switched the tables away first). */
static void
exiter(void *arg)
{
	(void)arg;
	exit_started = true;
	mm_destroy(exiting_mm);
	exited = true;
}

/*
 * The task exits while its pages are under migration (hold_ms 5).
 * Expect mm_destroy() to wait for the batch, migration to finish every
 * page without touching the freed address space (ASan would say), and
 * every page, old and new, to be free at the end (teardown counts).
 */
static void
test_exit_during_migration_waits_for_it(void **state)
{
	unsigned long old[NPAGES];
	struct migrate_stats st;

	(void)state;
	small_pages(old);
	assert_int_equal(pseudofs_write(HOLD_MS_FILE, "5"), 0);
	collect(B0, true);
	exiting_mm = mm;
	exit_started = exited = false;
	mm = NULL;			/* the task's now: teardown must not destroy it */
	assert_non_null(task_create("exiter", exiter, NULL));
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, &st), 0);
	assert_int_equal(st.moved, NPAGES);
	assert_true(exit_started);	/* during the hold ... */
	assert_false(exited);		/* ... and it waited for the pages */
	while (!exited)
		task_yield();
	finish(B0, true);
	assert_int_equal(nr_anon_pages, 0);
	for (int i = 0; i < NPAGES; i++)
		assert_true(pfn_is_free(old[i]));
}

/* ------------------------------------------------------------ offline */

/*
 *   B0: 8 small pages and a huge page   B1: online   B2: online
 * Expect offline of B0 to move every user page out (its pages reserved,
 * the block offline) with every byte intact, in one pass.
 */
static void
test_offline_moves_user_pages_out(void **state)
{
	unsigned long old[NPAGES];
	vaddr_t h;

	(void)state;
	small_pages(old);
	h = vm_mmap(mm, HPAGE_SIZE, UPROT_READ | UPROT_WRITE, VMA_HUGE);
	fill(h, HPAGE_SIZE, 2);
	assert_true(entry_at(h).pfn >= bstart(B0) && entry_at(h).pfn < bend(B0));
	assert_int_equal(online_memory_block(B1, MMOP_ONLINE_MOVABLE), 0);
	fake_printk_clear();
	assert_int_equal(offline_memory_block(B0), 0);
	assert_true(fake_printk_contains("memory: memory2: offline"));
	assert_int_equal(find_memory_block(B0)->state, MEM_OFFLINE);
	for (unsigned long pfn = bstart(B0); pfn < bend(B0); pfn++)
		assert_true(page_flag(pfn_to_page(pfn), PG_reserved));
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	assert_true(intact(h, HPAGE_SIZE, 2));
	assert_true(entry_at(h).huge);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS], NPAGES + HPAGE_NR_PAGES);
	assert_int_equal(vm_events[THP_MIGRATION_SUCCESS], 1);
	check_all();
}

/*
 * Page 3 pinned.  Expect offline to fail after its passes naming the
 * page as the log line the brief agreed (pid, task, address, pinned,
 * refcount), the block online with no isolated pageblock, the pinned
 * page mapped and intact where it was, every other page moved out and
 * intact.
 */
static void
test_offline_with_a_pinned_page_fails_naming_it(void **state)
{
	unsigned long old[NPAGES];
	struct page *pin;
	char want[160];

	(void)state;
	small_pages(old);
	assert_int_equal(vm_pin_page(mm, A + 3 * PAGE_SIZE, &pin), 0);
	fake_printk_clear();
	assert_int_equal(offline_memory_block(B0), -EBUSY);
	snprintf(want, sizeof(want), "memory: offline memory%lu failed: pfn 0x%lx still in use after %d passes (",
		 B0, old[3], MHP_OFFLINE_MAX_PASSES);
	assert_true(fake_printk_contains(want));
	snprintf(want, sizeof(want), "): user page of pid 7 (work) at 0x%llx, pinned (refcount 2)\n",
		 (unsigned long long)(A + 3 * PAGE_SIZE));
	if (!fake_printk_contains(want))
		fail_msg("log lacks \"%s\"; it has:\n%s", want, fake_printk_buf);
	assert_int_equal(find_memory_block(B0)->state, MEM_ONLINE);
	for (unsigned long pfn = bstart(B0); pfn < bend(B0); pfn += pageblock_nr_pages)
		assert_int_equal(page_migratetype(pfn), MIGRATE_MOVABLE);
	assert_int_equal(entry_at(A + 3 * PAGE_SIZE).pfn, old[3]);
	assert_int_equal(pin->refcount, 2);
	for (int i = 0; i < NPAGES; i++)
		if (i != 3)
			assert_false(entry_at(A + i * PAGE_SIZE).pfn >= bstart(B0) &&
				     entry_at(A + i * PAGE_SIZE).pfn < bend(B0));
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	assert_int_equal(vm_events[PGMIGRATE_FAIL], MHP_OFFLINE_MAX_PASSES);
	check_all();

	vm_unpin_page(mm, pin);
	assert_int_equal(offline_memory_block(B0), 0);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
}

/*
 *   B0: 8 small pages   B1: online, free (node 0)   B2: online (node 1)
 * A fence around B0 and B1, as a two-block DIMM's eject sets: expect the
 * offline of B0 to move its pages to node 1 and none into B1, which then
 * goes offline with nothing to move (no page moves twice); the unfence
 * leaves nothing isolated.  (Unfenced, B0's pages go to B1: same node.)
 */
static void
test_fence_keeps_pages_out_of_the_next_block(void **state)
{
	u64 start = PFN_PHYS(bstart(B0)), size = 2 * MEMORY_BLOCK_SIZE;
	unsigned long old[NPAGES], moved;

	(void)state;
	small_pages(old);
	assert_int_equal(online_memory_block(B1, MMOP_ONLINE_MOVABLE), 0);
	mutex_lock(&mem_hotplug_lock);
	mhp_fence_range(start, size);
	assert_true(find_memory_block(B0)->fenced && find_memory_block(B1)->fenced);
	assert_int_equal(offline_memory_block_locked(find_memory_block(B0)), 0);
	for (int i = 0; i < NPAGES; i++) {
		unsigned long pfn = entry_at(A + i * PAGE_SIZE).pfn;

		assert_false(pfn >= bstart(B1) && pfn < bend(B1));
		assert_int_equal(page_to_nid(pfn_to_page(pfn)), 1);
	}
	moved = vm_events[PGMIGRATE_SUCCESS];
	assert_int_equal(moved, NPAGES);
	assert_int_equal(offline_memory_block_locked(find_memory_block(B1)), 0);
	assert_int_equal(vm_events[PGMIGRATE_SUCCESS], moved);
	mhp_unfence_range(start, size);
	mutex_unlock(&mem_hotplug_lock);
	assert_false(find_memory_block(B0)->fenced || find_memory_block(B1)->fenced);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	check_all();
}

/*
 * The same fence, page 3 pinned: expect B0's offline to fail and leave
 * B0 online and still isolated (the fence's), then the unfence to give
 * both blocks their movable pageblocks back, with every byte intact.
 */
static void
test_failed_offline_inside_a_fence_keeps_it_until_unfence(void **state)
{
	u64 start = PFN_PHYS(bstart(B0)), size = 2 * MEMORY_BLOCK_SIZE;
	unsigned long old[NPAGES];
	struct page *pin;

	(void)state;
	small_pages(old);
	assert_int_equal(online_memory_block(B1, MMOP_ONLINE_MOVABLE), 0);
	assert_int_equal(vm_pin_page(mm, A + 3 * PAGE_SIZE, &pin), 0);
	mutex_lock(&mem_hotplug_lock);
	mhp_fence_range(start, size);
	assert_int_equal(offline_memory_block_locked(find_memory_block(B0)), -EBUSY);
	assert_int_equal(find_memory_block(B0)->state, MEM_ONLINE);
	assert_int_equal(page_migratetype(bstart(B0)), MIGRATE_ISOLATE);
	assert_int_equal(page_migratetype(bstart(B1)), MIGRATE_ISOLATE);
	mhp_unfence_range(start, size);
	mutex_unlock(&mem_hotplug_lock);
	for (unsigned long pfn = bstart(B0); pfn < bend(B1); pfn += pageblock_nr_pages)
		assert_int_equal(page_migratetype(pfn), MIGRATE_MOVABLE);
	assert_true(intact(A, NPAGES * PAGE_SIZE, 1));
	check_all();
	vm_unpin_page(mm, pin);
}

/* ------------------------------------------------------------ the files */

static void
read_file(const char *path, char *buf, size_t size)
{
	struct seq s;

	seq_init(&s, buf, size);
	assert_int_equal(pseudofs_read(path, &s), 0);
}

/*
 * Expect /proc/vmstat in Linux's "name value" lines with the counts of
 * a migration just made, and hold_ms to refuse what is not a number of
 * at most 10000 ms, keeping its value.
 */
static void
test_vmstat_and_hold_ms_files(void **state)
{
	unsigned long old[NPAGES];
	char buf[1024], line[64];

	(void)state;
	small_pages(old);
	collect(B0, true);
	assert_int_equal(migrate_pages(&pages, NUMA_NO_NODE, NULL), 0);
	finish(B0, true);
	read_file("/proc/vmstat", buf, sizeof(buf));
	snprintf(line, sizeof(line), "nr_free_pages %lu\n", free_pages_all());
	assert_int_equal(strncmp(buf, line, strlen(line)), 0);		/* Linux's first line */
	snprintf(line, sizeof(line), "\nnr_anon_pages %d\n", NPAGES);
	assert_non_null(strstr(buf, line));
	snprintf(line, sizeof(line), "\npgmigrate_success %d\n", NPAGES);
	assert_non_null(strstr(buf, line));
	assert_non_null(strstr(buf, "\npgmigrate_fail 0\n"));
	assert_non_null(strstr(buf, "\nthp_migration_success 0\n"));
	assert_non_null(strstr(buf, "\nthp_migration_fail 0\n"));
	assert_non_null(strstr(buf, "\nthp_fault_alloc 0\n"));
	assert_non_null(strstr(buf, "\nthp_fault_fallback 0\n"));
	assert_non_null(strstr(buf, "\npgmigrate_fault_wait 0\n"));
	assert_non_null(strstr(buf, "\nnr_anon_transparent_hugepages 0\n"));
	snprintf(line, sizeof(line), "\npgfault %lu\n", vm_events[PGFAULT]);
	assert_non_null(strstr(buf, line));

	assert_int_equal(pseudofs_write(HOLD_MS_FILE, "12"), 0);
	assert_int_equal(pseudofs_write(HOLD_MS_FILE, "ten"), -EINVAL);
	assert_int_equal(pseudofs_write(HOLD_MS_FILE, "10001"), -EINVAL);
	read_file(HOLD_MS_FILE, buf, sizeof(buf));
	assert_string_equal(buf, "12\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pages_move_with_their_data_to_their_node, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_node_gets_the_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_node_falls_back_to_the_nearest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_destination_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exhausted_memory_rolls_back_every_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pinned_page_stays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pinned_halfway_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_steps_roll_back_with_their_reasons, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_and_unmapped_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_page_moves_as_one_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_page_without_destination_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_touching_a_page_under_migration_sleeps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_during_migration_waits_for_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_moves_user_pages_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_with_a_pinned_page_fails_naming_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fence_keeps_pages_out_of_the_next_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_offline_inside_a_fence_keeps_it_until_unfence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vmstat_and_hold_ms_files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
