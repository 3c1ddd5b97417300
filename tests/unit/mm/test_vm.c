/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_vm.c - user address spaces on the host: areas,
 * demand-zero faults, huge pages and their fallback, the reverse map,
 * pins, munmap, mprotect, the kernel's copies, and a fault that sleeps
 * on a page under migration until the copy is ready.
 *
 * mm/vm.c runs unchanged over the real buddy allocator (one zone of fake
 * RAM, four huge pages big, so the sizes hold for x86_64, ppc64 and
 * ia64) and the fake user page tables (tests/unit/fake/fake_uvm.c).
 * Tasks are real (kernel/task.c over tests/unit/fake/fake_context.c):
 * the test program is init, a second task plays migration.
 *
 * Tests: mm/vm.c.  Course text: docs/11-user-tasks.md, docs/10-migration.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_heap.h"
#include "fake_printk.h"
#include <arch/cpu.h>
#include <arch/uvm.h>
#include "kernel/task.h"
#include "mm/vm.h"

#define RAM_BYTES	(4 * HPAGE_SIZE)
#define RAM_PAGES	(RAM_BYTES / PAGE_SIZE)
#define SECTION_NR	1		/* the first of the sections RAM covers */
#define NR_SECTIONS	((RAM_BYTES + SECTION_SIZE - 1) / SECTION_SIZE)
#define A		0x10000000ULL	/* a test address, HPAGE-aligned everywhere */

/* ------------------------------------------------------------ the machine */

static u8 *ram;
static unsigned long start_pfn;
static struct mm_struct *mm;

static void *
leaf_calloc(size_t size)
{
	return calloc(1, size);
}

static struct zone *
the_zone(void)
{
	return page_zone(pfn_to_page(start_pfn));
}

static unsigned long
free_pages_now(void)
{
	return the_zone()->nr_free_pages;
}

static int
setup(void **state)
{
	(void)state;
	sparse_set_allocator(leaf_calloc);
	memset(node_data, 0, sizeof(node_data));
	memset(vm_events, 0, sizeof(vm_events));
	nr_anon_pages = nr_anon_huge_pages = 0;
	fake_cpu_reset();
	fake_cpu.interrupt = fake_tick;
	fake_printk_clear();
	memset(&fake_uvm, 0, sizeof(fake_uvm));
	fake_heap.fail_next = 0;
	task_init();

	start_pfn = section_nr_to_pfn(SECTION_NR);
	ram = aligned_alloc(PAGE_SIZE, RAM_BYTES);
	assert_non_null(ram);
	memset(ram, 0xaa, RAM_BYTES);	/* old contents: faults must hand out zeroes */
	fake_ram_map(PFN_PHYS(start_pfn), ram, RAM_BYTES);
	for (unsigned long i = 0; i < NR_SECTIONS; i++) {
		struct page *memmap = aligned_alloc(64, memmap_size_bytes());

		assert_non_null(memmap);
		assert_int_equal(sparse_init_section(SECTION_NR + i, 0, memmap,
						     SECTION_IS_EARLY), 0);
	}
	node_set_online(0);
	zone_init_range(0, zone_for_pfn(start_pfn), start_pfn, start_pfn + RAM_PAGES);
	free_boot_pages(start_pfn, start_pfn + RAM_PAGES);
	build_all_zonelists();
	memset(the_zone()->watermark, 0, sizeof(the_zone()->watermark));

	mm = mm_create(0);
	assert_non_null(mm);
	return 0;
}

static int
teardown(void **state)
{
	char msg[200];

	(void)state;
	if (mm)
		mm_destroy(mm);
	mm = NULL;
	assert_int_equal(fake_uvm.live, 0);
	assert_int_equal(nr_anon_pages, 0);
	assert_int_equal(free_pages_now(), RAM_PAGES);
	assert_int_equal(buddy_check_zone(the_zone(), msg, sizeof(msg)), 0);
	assert_true(fake_cpu_idle());
	for (unsigned long i = 0; i < NR_SECTIONS; i++)
		free(sparse_remove_section(SECTION_NR + i));
	memset(node_data, 0, sizeof(node_data));
	fake_ram_map(0, NULL, 0);
	free(ram);
	return 0;
}

static struct upte
entry_at(vaddr_t va)
{
	struct upte e;

	arch_upte_get(mm->uvm, va, &e);
	return e;
}

static bool
all_bytes(const void *p, u8 value, size_t n)
{
	const u8 *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != value)
			return false;
	return true;
}

/* ------------------------------------------------------------ areas */

/*
 * Expect vm_map_fixed() to refuse what is not page-aligned, empty,
 * outside user space or overlapping, and changing nothing then; and
 * vm_mmap() to place areas first-fit from its base, rounded to pages
 * (to huge pages for VMA_HUGE, aligned to one).
 */
static void
test_areas_are_checked_and_placed(void **state)
{
	long a, b, h;

	(void)state;
	assert_int_equal(vm_map_fixed(mm, A + 1, PAGE_SIZE, UPROT_READ, 0), -EINVAL);
	assert_int_equal(vm_map_fixed(mm, A, 0, UPROT_READ, 0), -EINVAL);
	assert_int_equal(vm_map_fixed(mm, 0, PAGE_SIZE, UPROT_READ, 0), -EINVAL);
	assert_int_equal(vm_map_fixed(mm, USER_VA_END - PAGE_SIZE, 2 * PAGE_SIZE, UPROT_READ, 0),
			 -EINVAL);
	assert_int_equal(vm_map_fixed(mm, A + PAGE_SIZE, HPAGE_SIZE, UPROT_READ, VMA_HUGE), -EINVAL);
	assert_int_equal(vm_map_fixed(mm, A, PAGE_SIZE, 0x80, 0), -EINVAL);
	assert_int_equal(vm_map_fixed(mm, A, 4 * PAGE_SIZE, UPROT_READ, 0), 0);
	assert_int_equal(vm_map_fixed(mm, A + 3 * PAGE_SIZE, PAGE_SIZE, UPROT_READ, 0), -EEXIST);
	assert_int_equal(vm_map_fixed(mm, A - PAGE_SIZE, 2 * PAGE_SIZE, UPROT_READ, 0), -EEXIST);
	assert_int_equal(vm_map_fixed(mm, A - PAGE_SIZE, PAGE_SIZE, UPROT_READ, 0), 0);
	assert_non_null(vm_find_area(mm, A + 3 * PAGE_SIZE));
	assert_null(vm_find_area(mm, A + 4 * PAGE_SIZE));
	assert_ptr_equal(vm_find_area(mm, A - 1)->end, A);

	a = vm_mmap(mm, 1, UPROT_READ | UPROT_WRITE, 0);
	b = vm_mmap(mm, PAGE_SIZE + 1, UPROT_READ | UPROT_WRITE, 0);
	h = vm_mmap(mm, 1, UPROT_READ | UPROT_WRITE, VMA_HUGE);
	assert_true(a > 0 && b > 0 && h > 0);
	assert_int_equal(b, a + PAGE_SIZE);			/* first fit, right behind */
	assert_int_equal(vm_find_area(mm, b)->end, b + 2 * PAGE_SIZE);
	assert_int_equal(h % HPAGE_SIZE, 0);
	assert_true((u64)h >= (u64)b + 2 * PAGE_SIZE);
	assert_int_equal(vm_find_area(mm, h)->end, h + HPAGE_SIZE);
	assert_int_equal(vm_mmap(mm, 0, UPROT_READ, 0), -EINVAL);
	assert_int_equal(vm_mmap(mm, USER_VA_END, UPROT_READ, 0), -EINVAL);
	assert_int_equal(free_pages_now(), RAM_PAGES);		/* nothing allocated yet */
}

/* ------------------------------------------------------------ faults */

/*
 * Expect the first touch of a page to map a zeroed movable page with the
 * area's rights and its reverse map set; a second fault there to change
 * nothing; faults outside any area or against its rights to be -EFAULT.
 */
static void
test_fault_maps_a_zeroed_page_with_rmap(void **state)
{
	vaddr_t va = A + PAGE_SIZE + 123;
	struct upte e;
	struct page *p;

	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, 3 * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	assert_int_equal(handle_mm_fault(mm, va, UPROT_WRITE), 0);
	e = entry_at(A + PAGE_SIZE);
	assert_int_equal(e.kind, UPTE_PRESENT);
	assert_false(e.huge);
	assert_int_equal(e.prot, UPROT_READ | UPROT_WRITE);
	p = pfn_to_page(e.pfn);
	assert_true(all_bytes(page_address(p), 0, PAGE_SIZE));
	assert_true(page_is_anon(p));
	assert_true(page_flag(p, PG_movable));
	assert_ptr_equal(page_rmap_mm(p), mm);
	assert_int_equal(page_rmap_va(p), A + PAGE_SIZE);
	assert_int_equal(p->refcount, 1);
	assert_int_equal(mm->rss_pages, 1);
	assert_int_equal(nr_anon_pages, 1);
	assert_int_equal(free_pages_now(), RAM_PAGES - 1);
	assert_int_equal(entry_at(A).kind, UPTE_NONE);

	assert_int_equal(handle_mm_fault(mm, va, UPROT_READ), 0);	/* already there */
	assert_int_equal(free_pages_now(), RAM_PAGES - 1);
	assert_int_equal(vm_events[PGFAULT], 2);

	assert_int_equal(handle_mm_fault(mm, A + 3 * PAGE_SIZE, UPROT_READ), -EFAULT);
	assert_int_equal(handle_mm_fault(mm, A, UPROT_EXEC), -EFAULT);
	assert_int_equal(vm_map_fixed(mm, A + 8 * PAGE_SIZE, PAGE_SIZE, UPROT_READ, 0), 0);
	assert_int_equal(handle_mm_fault(mm, A + 8 * PAGE_SIZE, UPROT_WRITE), -EFAULT);
	assert_int_equal(free_pages_now(), RAM_PAGES - 1);
}

/*
 * Expect a fault in a VMA_HUGE area to map one order-HPAGE_ORDER block
 * at the huge page's start, zeroed, counted as thp_fault_alloc, and
 * vm_follow_page() to find the base page inside it.
 */
static void
test_huge_fault_maps_one_block(void **state)
{
	long h;
	struct upte e;
	struct page *head;

	(void)state;
	h = vm_mmap(mm, HPAGE_SIZE, UPROT_READ | UPROT_WRITE, VMA_HUGE);
	assert_true(h > 0);
	assert_int_equal(handle_mm_fault(mm, h + 5 * PAGE_SIZE + 8, UPROT_WRITE), 0);
	e = entry_at(h + 7 * PAGE_SIZE);
	assert_int_equal(e.kind, UPTE_PRESENT);
	assert_true(e.huge);
	head = pfn_to_page(e.pfn);
	assert_int_equal(head->private, HPAGE_ORDER);
	assert_true(page_flag(head, PG_head));
	assert_int_equal(e.pfn % HPAGE_NR_PAGES, 0);
	assert_int_equal(page_rmap_va(head), h);
	assert_true(all_bytes(page_address(head), 0, HPAGE_SIZE));
	assert_ptr_equal(vm_follow_page(mm, h + 5 * PAGE_SIZE + 8), head + 5);
	assert_int_equal(mm->rss_pages, HPAGE_NR_PAGES);
	assert_int_equal(mm->huge_pages, 1);
	assert_int_equal(nr_anon_huge_pages, 1);
	assert_int_equal(vm_events[THP_FAULT_ALLOC], 1);
	assert_int_equal(free_pages_now(), RAM_PAGES - HPAGE_NR_PAGES);
}

/*
 * Memory fragmented so that no free block of HPAGE_ORDER is left:
 * expect the fault in a huge area to map a base page instead, counted as
 * thp_fault_fallback; and when no page at all is left, -ENOMEM.
 */
static void
test_huge_fault_falls_back_then_fails(void **state)
{
	struct page *held[RAM_PAGES + 1];
	unsigned long n = 0;
	long h;

	(void)state;
	while ((held[n] = alloc_pages(GFP_KERNEL, 0)))
		n++;
	assert_int_equal(n, RAM_PAGES);
	free_pages(held[--n], 0);		/* one single page free */
	h = vm_mmap(mm, HPAGE_SIZE, UPROT_READ | UPROT_WRITE, VMA_HUGE);
	assert_int_equal(handle_mm_fault(mm, h, UPROT_WRITE), 0);
	assert_false(entry_at(h).huge);
	assert_int_equal(entry_at(h).kind, UPTE_PRESENT);
	assert_int_equal(vm_events[THP_FAULT_FALLBACK], 1);
	assert_int_equal(handle_mm_fault(mm, h + PAGE_SIZE, UPROT_WRITE), -ENOMEM);
	assert_int_equal(entry_at(h + PAGE_SIZE).kind, UPTE_NONE);
	while (n)
		free_pages(held[--n], 0);
}

/* A page-table page that cannot be had: expect -ENOMEM, the page given back. */
static void
test_fault_without_a_table_page_frees_the_page(void **state)
{
	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	fake_uvm.set_error = -ENOMEM;
	assert_int_equal(handle_mm_fault(mm, A, UPROT_WRITE), -ENOMEM);
	assert_int_equal(free_pages_now(), RAM_PAGES);
	assert_int_equal(mm->rss_pages, 0);
}

/* ------------------------------------------------------------ kernel copies */

/*
 * Expect copy_to_user() and copy_from_user() to cross page boundaries,
 * fault pages in, respect the area's rights, and refuse a range that
 * runs out of the area.
 */
static void
test_copies_fault_in_and_check_rights(void **state)
{
	static char out[3 * PAGE_SIZE], in[sizeof(out)];
	vaddr_t va = A + PAGE_SIZE - 100;

	(void)state;
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7 + 1);
	assert_int_equal(vm_map_fixed(mm, A, 2 * PAGE_SIZE + sizeof(out),
				      UPROT_READ | UPROT_WRITE, 0), 0);
	assert_int_equal(copy_to_user(mm, va, out, sizeof(out)), 0);
	memset(in, 0, sizeof(in));
	assert_int_equal(copy_from_user(mm, in, va, sizeof(in)), 0);
	assert_memory_equal(in, out, sizeof(out));
	assert_int_equal(copy_from_user(mm, in, A + 2 * PAGE_SIZE, sizeof(out) + 1), -EFAULT);
	assert_int_equal(copy_from_user(mm, in, ~0ULL - 10, 20), -EFAULT);

	assert_int_equal(vm_map_fixed(mm, A + 64 * PAGE_SIZE, PAGE_SIZE, UPROT_READ, 0), 0);
	assert_int_equal(copy_to_user(mm, A + 64 * PAGE_SIZE, out, 8), -EFAULT);
	assert_int_equal(copy_from_user(mm, in, A + 64 * PAGE_SIZE, 8), 0);
	assert_true(all_bytes(in, 0, 8));
}

/*
 * Expect vm_protect() to change the rights of one whole area and of its
 * mapped entries (with a flush), and to refuse a range that is not
 * exactly one area.
 */
static void
test_protect_rewrites_entries(void **state)
{
	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, 2 * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	assert_int_equal(handle_mm_fault(mm, A, UPROT_WRITE), 0);
	assert_int_equal(vm_protect(mm, A, PAGE_SIZE, UPROT_READ), -EINVAL);
	assert_int_equal(vm_protect(mm, A, 2 * PAGE_SIZE, UPROT_READ | UPROT_EXEC), 0);
	assert_int_equal(entry_at(A).prot, UPROT_READ | UPROT_EXEC);
	assert_int_equal(fake_uvm.flushes, 1);
	assert_int_equal(handle_mm_fault(mm, A + PAGE_SIZE, UPROT_WRITE), -EFAULT);
	assert_int_equal(handle_mm_fault(mm, A + PAGE_SIZE, UPROT_EXEC), 0);
}

/* ------------------------------------------------------------ munmap, pins */

/*
 * Unmapping the middle of an area: expect it cut in two, the pages in
 * the hole freed, the others kept; a huge area cut off a huge page
 * boundary refused.
 */
static void
test_munmap_splits_and_frees(void **state)
{
	long h;

	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, 4 * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(handle_mm_fault(mm, A + i * PAGE_SIZE, UPROT_WRITE), 0);
	assert_int_equal(vm_munmap(mm, A + PAGE_SIZE, 2 * PAGE_SIZE), 0);
	assert_int_equal(free_pages_now(), RAM_PAGES - 2);
	assert_int_equal(mm->rss_pages, 2);
	assert_int_equal(vm_find_area(mm, A)->end, A + PAGE_SIZE);
	assert_null(vm_find_area(mm, A + 2 * PAGE_SIZE));
	assert_int_equal(vm_find_area(mm, A + 3 * PAGE_SIZE)->start, A + 3 * PAGE_SIZE);
	assert_int_equal(entry_at(A + 3 * PAGE_SIZE).kind, UPTE_PRESENT);
	assert_int_equal(vm_munmap(mm, A + PAGE_SIZE + 1, PAGE_SIZE), -EINVAL);

	h = vm_mmap(mm, 2 * HPAGE_SIZE, UPROT_READ | UPROT_WRITE, VMA_HUGE);
	assert_int_equal(handle_mm_fault(mm, h, UPROT_WRITE), 0);
	assert_int_equal(vm_munmap(mm, h + PAGE_SIZE, PAGE_SIZE), -EINVAL);
	assert_int_equal(vm_munmap(mm, h, HPAGE_SIZE), 0);
	assert_int_equal(mm->huge_pages, 0);
	assert_int_equal(vm_find_area(mm, h + HPAGE_SIZE)->start, h + HPAGE_SIZE);
	assert_int_equal(free_pages_now(), RAM_PAGES - 2);
}

/*
 * A hole punched in the middle of an area needs a second area; with no
 * memory for it, expect -ENOMEM and nothing changed: the pages still
 * mapped, the area whole.
 */
static void
test_munmap_without_memory_changes_nothing(void **state)
{
	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, 4 * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(handle_mm_fault(mm, A + i * PAGE_SIZE, UPROT_WRITE), 0);
	fake_heap.fail_next = 1;
	assert_int_equal(vm_munmap(mm, A + PAGE_SIZE, PAGE_SIZE), -ENOMEM);
	assert_int_equal(entry_at(A + PAGE_SIZE).kind, UPTE_PRESENT);
	assert_int_equal(mm->rss_pages, 4);
	assert_int_equal(vm_find_area(mm, A)->end, A + 4 * PAGE_SIZE);
	assert_int_equal(vm_munmap(mm, A + PAGE_SIZE, PAGE_SIZE), 0);
	assert_int_equal(mm->rss_pages, 3);
}

/*
 * A huge area whose first fault fell back to a base page: expect the
 * next fault in the same huge page's range to map a base page at once,
 * without trying (and counting) a huge one that cannot fit.
 */
static void
test_huge_range_with_base_pages_stays_base(void **state)
{
	struct page *held[RAM_PAGES + 1];
	unsigned long n = 0;
	long h;

	(void)state;
	while ((held[n] = alloc_pages(GFP_KERNEL, 0)))
		n++;
	free_pages(held[--n], 0);
	free_pages(held[--n], 0);		/* two single pages free */
	h = vm_mmap(mm, HPAGE_SIZE, UPROT_READ | UPROT_WRITE, VMA_HUGE);
	assert_int_equal(handle_mm_fault(mm, h, UPROT_WRITE), 0);
	assert_int_equal(vm_events[THP_FAULT_FALLBACK], 1);
	while (n)
		free_pages(held[--n], 0);	/* now huge blocks are free again */
	assert_int_equal(handle_mm_fault(mm, h + PAGE_SIZE, UPROT_WRITE), 0);
	assert_false(entry_at(h + PAGE_SIZE).huge);
	assert_int_equal(vm_events[THP_FAULT_FALLBACK], 1);
	assert_int_equal(vm_events[THP_FAULT_ALLOC], 0);
	assert_int_equal(mm->rss_pages, 2);
}

/*
 * A pinned page: expect an extra reference, munmap over it refused with
 * nothing changed, unpin giving the reference back; and an address
 * space destroyed with a pin still held to drop it with a warning and
 * free everything.
 */
static void
test_pins_hold_pages(void **state)
{
	struct page *p, *q;

	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, 2 * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	assert_int_equal(vm_pin_page(mm, A + 5, &p), 0);	/* faults it in */
	assert_int_equal(p->refcount, 2);
	assert_int_equal(p->pins, 1);
	assert_int_equal(mm->nr_pins, 1);
	assert_int_equal(vm_munmap(mm, A, 2 * PAGE_SIZE), -EBUSY);
	assert_int_equal(entry_at(A).kind, UPTE_PRESENT);
	assert_non_null(vm_find_area(mm, A));
	vm_unpin_page(mm, p);
	assert_int_equal(p->refcount, 1);
	assert_int_equal(vm_pin_page(mm, A + 3 * PAGE_SIZE, &q), -EFAULT);

	assert_int_equal(vm_pin_page(mm, A + PAGE_SIZE, &q), 0);
	mm_destroy(mm);
	mm = NULL;
	assert_true(fake_printk_contains("pins on pfn"));
}

/*
 * page->pins is 16 bits and the pin system call takes one per call: a
 * program pinning one address 65536 times must be refused before the
 * count wraps to 0.  Expect the last pin refused with -ENOMEM and
 * nothing changed, munmap still refused (-EBUSY), and every pin given
 * back leaving the page with its mapping's reference alone.  (Before
 * the fix the count wrapped: munmap let the page go with 65536 stray
 * references, a leak, and the unpins at exit hit an assert.)
 */
static void
test_pin_count_cannot_wrap(void **state)
{
	struct page *p, *q;
	unsigned long max = (1UL << (8 * sizeof(p->pins))) - 1;

	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	for (unsigned long i = 0; i < max; i++)
		assert_int_equal(vm_pin_page(mm, A, &p), 0);
	assert_int_equal(p->pins, max);
	assert_int_equal(vm_pin_page(mm, A, &q), -ENOMEM);
	assert_int_equal(p->pins, max);
	assert_int_equal(p->refcount, 1 + (int)max);
	assert_int_equal(mm->nr_pins, max);
	assert_int_equal(vm_munmap(mm, A, PAGE_SIZE), -EBUSY);
	for (unsigned long i = 0; i < max; i++)
		vm_unpin_page(mm, p);
	assert_int_equal(p->refcount, 1);
	assert_int_equal(mm->nr_pins, 0);
	assert_int_equal(vm_munmap(mm, A, PAGE_SIZE), 0);
}

/*
 * Unmapping walks what is mapped, not every page of the range: a big
 * area touched at its two ends (as `run work 1T` leaves one when its
 * fill runs out of memory) must not cost a page-table read per 4 KiB.
 * 1 GiB here, 262144 pages: expect munmap, and mm_destroy of another
 * such area, to read far fewer entries than that, and every page freed.
 * (Before, the loops stepped page by page: 64 TiB took the one CPU,
 * the kernel not being preemptible, for minutes.)
 */
static void
test_unmap_skips_what_is_not_mapped(void **state)
{
	const u64 len = 1ULL << 30;

	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, len, UPROT_READ | UPROT_WRITE, 0), 0);
	assert_int_equal(handle_mm_fault(mm, A, UPROT_WRITE), 0);
	assert_int_equal(handle_mm_fault(mm, A + len - PAGE_SIZE, UPROT_WRITE), 0);
	fake_uvm.gets = 0;
	assert_int_equal(vm_munmap(mm, A, len), 0);
	assert_true(fake_uvm.gets < 1000);
	assert_int_equal(mm->rss_pages, 0);
	assert_int_equal(fake_uvm_entries(mm->uvm), 0);

	assert_int_equal(vm_map_fixed(mm, A, len, UPROT_READ | UPROT_WRITE, 0), 0);
	assert_int_equal(handle_mm_fault(mm, A + PAGE_SIZE, UPROT_WRITE), 0);
	assert_int_equal(handle_mm_fault(mm, A + len - 2 * PAGE_SIZE, UPROT_WRITE), 0);
	fake_uvm.gets = 0;
	mm_destroy(mm);
	mm = NULL;
	assert_true(fake_uvm.gets < 1000);
}

/*
 * An address space with small and huge pages, areas and tables: expect
 * mm_destroy() to give every page back and leave no table behind
 * (teardown checks the free count, the buddy and the fake's live count).
 */
static void
test_destroy_gives_everything_back(void **state)
{
	long h, s;

	(void)state;
	h = vm_mmap(mm, HPAGE_SIZE, UPROT_READ | UPROT_WRITE, VMA_HUGE);
	s = vm_mmap(mm, 16 * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0);
	assert_int_equal(handle_mm_fault(mm, h, UPROT_WRITE), 0);
	for (int i = 0; i < 16; i += 3)
		assert_int_equal(handle_mm_fault(mm, s + i * PAGE_SIZE, UPROT_WRITE), 0);
	assert_true(free_pages_now() < RAM_PAGES - HPAGE_NR_PAGES);
	mm_destroy(mm);
	mm = NULL;
}

/* ------------------------------------------------------------ migration entries */

static struct page *mig_page;
static vaddr_t mig_va;

/*
 * Plays migrate_pages()'s part: lock the page and put a migration entry
 * in place of its mapping, give the CPU away (init faults meanwhile),
 * then put the mapping back and unlock, which wakes the waiter.
 */
static void
migrator(void *arg)
{
	struct upte e;

	(void)arg;
	arch_upte_get(mm->uvm, mig_va, &e);
	assert_true(page_trylock(mig_page));
	e.kind = UPTE_MIGRATION;
	assert_int_equal(arch_upte_set(mm->uvm, mig_va, &e), 0);
	task_yield();			/* init runs and faults on it */
	memset(page_address(mig_page), 0x5c, PAGE_SIZE);	/* "the copy" */
	e.kind = UPTE_PRESENT;
	assert_int_equal(arch_upte_set(mm->uvm, mig_va, &e), 0);
	page_unlock(mig_page);
}

/*
 * Paper Figure 4: a task touches a page while it is under migration.
 * Expect the fault to sleep until the page is unlocked, to be counted as
 * pgmigrate_fault_wait, and the page then to hold the data written
 * during the wait; vm_follow_page() likewise waits.
 */
static void
test_fault_on_migration_entry_waits(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(vm_map_fixed(mm, A, PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0), 0);
	assert_int_equal(handle_mm_fault(mm, A, UPROT_WRITE), 0);
	mig_va = A;
	mig_page = pfn_to_page(entry_at(A).pfn);
	assert_non_null(task_create("migrator", migrator, NULL));
	task_yield();			/* the migrator locks and unmaps */
	assert_int_equal(entry_at(A).kind, UPTE_MIGRATION);
	assert_int_equal(handle_mm_fault(mm, A, UPROT_READ), 0);	/* sleeps */
	assert_int_equal(entry_at(A).kind, UPTE_PRESENT);
	assert_false(page_flag(mig_page, PG_locked));
	assert_int_equal(vm_events[PGMIGRATE_FAULT_WAIT], 1);
	assert_int_equal(copy_from_user(mm, buf, A, sizeof(buf)), 0);
	assert_true(all_bytes(buf, 0x5c, sizeof(buf)));
	while (task_snapshot(NULL, 0) > 1)
		task_yield();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_areas_are_checked_and_placed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_maps_a_zeroed_page_with_rmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_fault_maps_one_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_fault_falls_back_then_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_without_a_table_page_frees_the_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copies_fault_in_and_check_rights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_protect_rewrites_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_munmap_splits_and_frees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_munmap_without_memory_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_range_with_base_pages_stays_base, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pins_hold_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_count_cannot_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_skips_what_is_not_mapped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_gives_everything_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_on_migration_entry_waits, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
