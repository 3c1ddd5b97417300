/* SPDX-License-Identifier: MIT */
/*
 * mm/vm.c - user address spaces: their areas, demand-zero page faults,
 * the reverse map, page locks and pins, and the kernel's way into user
 * memory (vm_follow_page(), copy_from_user(), copy_to_user()).
 *
 * The idea: an address space is a list of areas (what MAY be mapped, with
 * which rights) and page tables (what IS mapped).  Nothing is allocated
 * when an area is made: the first touch of a page faults, and
 * handle_mm_fault() then takes a zeroed movable page, maps it, and
 * writes the reverse map into its struct page (owner: the mm; owner_index:
 * the virtual address).  That reverse map is what lets migration, which
 * starts from a pfn, find the one entry to rewrite (docs/10-migration.md).
 *
 * Every path that reads an entry must expect a migration entry in it:
 * the page it names is locked (PG_locked) by migration, and the reader
 * sleeps in wait_on_page_locked() and then reads the entry again, which
 * by then maps the new page, or the old one after a rollback.
 *
 * Lock rules: mm/vm.h.  In short: one CPU, the kernel is not preempted,
 * so code that does not sleep between reading an entry and writing it
 * needs no lock; code that sleeps reads again.
 *
 * Course text: docs/11-user-tasks.md (faults), docs/10-migration.md (rmap,
 * page lock, migration entries).
 * Tests: tests/unit/mm/test_vm.c, tests/qemu/test_user.py
 */
#include <arch/cpu.h>
#include <arch/uvm.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "mm/vm.h"

unsigned long vm_events[NR_VM_EVENTS];
unsigned long nr_anon_pages, nr_anon_huge_pages;

/* Where vm_mmap() starts looking: 1 TiB, far above any program image. */
#define MMAP_BASE	0x0000010000000000ULL

/* ------------------------------------------------------------ page lock
 *
 * PG_locked is one bit; the tasks waiting for it sleep on one of a few
 * wait queues chosen by hashing the page's address (a wait queue per
 * page would cost 16 bytes in every struct page).  Waiters of different
 * pages may share a queue: each checks its own page when woken.
 */
#define PAGE_WAIT_QUEUES	64

static struct wait_queue page_wait_table[PAGE_WAIT_QUEUES];
static bool page_wait_ready;

static struct wait_queue *
page_waitqueue(const struct page *p)
{
	if (!page_wait_ready) {
		for (int i = 0; i < PAGE_WAIT_QUEUES; i++)
			wait_queue_init(&page_wait_table[i]);
		page_wait_ready = true;
	}
	return &page_wait_table[((unsigned long)p / sizeof(struct page)) % PAGE_WAIT_QUEUES];
}

bool
page_trylock(struct page *p)
{
	if (page_flag(p, PG_locked))
		return false;
	set_page_flag(p, PG_locked);
	return true;
}

void
page_lock(struct page *p)
{
	wait_event(page_waitqueue(p), page_trylock(p));
}

void
page_unlock(struct page *p)
{
	assert(page_flag(p, PG_locked));
	clear_page_flag(p, PG_locked);
	wake_up(page_waitqueue(p));
}

void
wait_on_page_locked(struct page *p)
{
	wait_event(page_waitqueue(p), !page_flag(p, PG_locked));
}

/* ------------------------------------------------------------ rmap */

void
page_rmap_set(struct page *p, struct mm_struct *mm, vaddr_t va)
{
	set_page_flag(p, PG_anon);
	p->owner = mm;
	p->owner_index = va;
}

void
page_rmap_clear(struct page *p)
{
	clear_page_flag(p, PG_anon);
	p->owner = NULL;
	p->owner_index = 0;
}

/* ------------------------------------------------------------ address spaces */

struct mm_struct *
mm_create(int nid)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->uvm = arch_uvm_create();
	if (!mm->uvm) {
		kfree(mm);
		return NULL;
	}
	list_init(&mm->areas);
	mm->nid = nid;
	mm->mmap_base = MMAP_BASE;
	return mm;
}

struct vm_area *
vm_find_area(struct mm_struct *mm, vaddr_t va)
{
	struct list_head *pos;

	list_for_each(pos, &mm->areas) {
		struct vm_area *a = list_entry(pos, struct vm_area, link);

		if (va < a->start)
			return NULL;
		if (va < a->end)
			return a;
	}
	return NULL;
}

/* The first area that ends after VA (the one holding it, or the next). */
static struct vm_area *
area_after(struct mm_struct *mm, vaddr_t va)
{
	struct list_head *pos;

	list_for_each(pos, &mm->areas) {
		struct vm_area *a = list_entry(pos, struct vm_area, link);

		if (a->end > va)
			return a;
	}
	return NULL;
}

static bool
range_ok(vaddr_t addr, u64 len, u64 align)
{
	return len && !(addr % align) && !(len % align) && addr >= USER_VA_START &&
	       addr < USER_VA_END && len <= USER_VA_END - addr;
}

/* Link area A (its fields set) into MM's sorted list; the caller checked
 * that its range is free. */
static void
link_area(struct mm_struct *mm, struct vm_area *a)
{
	struct vm_area *next = area_after(mm, a->start);

	list_add_tail(&a->link, next ? &next->link : &mm->areas);
}

/* A new area [addr, addr + len) in MM's sorted list; 0 or -ENOMEM. */
static int
insert_area(struct mm_struct *mm, vaddr_t addr, u64 len, unsigned int prot,
	    unsigned int flags)
{
	struct vm_area *a = kmalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return -ENOMEM;
	*a = (struct vm_area){ .start = addr, .end = addr + len, .prot = prot, .flags = flags };
	link_area(mm, a);
	return 0;
}

int
vm_map_fixed(struct mm_struct *mm, vaddr_t addr, u64 len, unsigned int prot,
	     unsigned int flags)
{
	struct vm_area *next;

	if (!range_ok(addr, len, flags & VMA_HUGE ? HPAGE_SIZE : PAGE_SIZE) ||
	    (prot & ~(UPROT_READ | UPROT_WRITE | UPROT_EXEC)))
		return -EINVAL;
	next = area_after(mm, addr);
	if (next && next->start < addr + len)
		return -EEXIST;
	return insert_area(mm, addr, len, prot, flags);
}

long
vm_mmap(struct mm_struct *mm, u64 len, unsigned int prot, unsigned int flags)
{
	u64 align = flags & VMA_HUGE ? HPAGE_SIZE : PAGE_SIZE;
	vaddr_t addr = ALIGN_UP(mm->mmap_base, align);
	struct list_head *pos;
	int err;

	if (!len || len > USER_VA_END - USER_VA_START)
		return -EINVAL;
	len = ALIGN_UP(len, align);
	/* First fit: walk the areas in address order, hop over each one in the way. */
	list_for_each(pos, &mm->areas) {
		struct vm_area *a = list_entry(pos, struct vm_area, link);

		if (a->end <= addr)
			continue;
		if (a->start >= addr + len)
			break;
		addr = ALIGN_UP(a->end, align);
	}
	if (addr >= USER_VA_END || len > USER_VA_END - addr)
		return -ENOMEM;
	err = vm_map_fixed(mm, addr, len, prot, flags);
	return err ? err : (long)addr;
}

/* ------------------------------------------------------------ unmapping */

static unsigned long
entry_pages(const struct upte *e)
{
	return e->huge ? HPAGE_NR_PAGES : 1;
}

static void
account_mapped(struct mm_struct *mm, const struct upte *e, long sign)
{
	unsigned long n = entry_pages(e);

	mm->rss_pages += sign * n;
	nr_anon_pages += sign * n;
	if (e->huge) {
		mm->huge_pages += sign;
		nr_anon_huge_pages += sign;
	}
}

/*
 * Read VA's entry, waiting out a migration: the entry returned is NONE
 * or PRESENT.  May sleep.
 */
static void
get_settled_entry(struct mm_struct *mm, vaddr_t va, struct upte *e)
{
	for (;;) {
		arch_upte_get(mm->uvm, va, e);
		if (e->kind != UPTE_MIGRATION)
			return;
		wait_on_page_locked(pfn_to_page(e->pfn));
	}
}

/*
 * Clear the PRESENT entry E at VA (its first address for a huge one) and
 * drop the mapping's reference: the page is freed unless a migration
 * list still holds it (migration then finds no owner and lets it go).
 * Nothing sleeps here.
 */
static void
unmap_entry(struct mm_struct *mm, vaddr_t va, const struct upte *e)
{
	struct page *page = pfn_to_page(e->pfn);
	struct upte none = { .kind = UPTE_NONE };

	arch_upte_set(mm->uvm, va, &none);	/* clearing needs no memory */
	arch_uvm_flush(mm->uvm, va, e->huge);
	account_mapped(mm, e, -1);
	page_rmap_clear(page);
	free_pages(page, page->private);
}

/* The first address of the entry covering VA. */
static vaddr_t
entry_start(const struct upte *e, vaddr_t va)
{
	return e->huge ? ALIGN_DOWN(va, HPAGE_SIZE) : va;
}

/* Is any page mapped in [start, end) pinned?  May sleep (migrations). */
static bool
range_has_pins(struct mm_struct *mm, vaddr_t start, vaddr_t end)
{
	struct upte e;

	for (vaddr_t va = start; va < end;) {
		get_settled_entry(mm, va, &e);
		if (e.kind == UPTE_PRESENT && pfn_to_page(e.pfn)->pins)
			return true;
		va = e.kind == UPTE_PRESENT ? entry_start(&e, va) + entry_pages(&e) * PAGE_SIZE
					    : arch_upte_next(mm->uvm, va + PAGE_SIZE, end);
	}
	return false;
}

/*
 * Unmap every page of [start, end).  Pins are dropped first (they belong
 * to the address space that goes away: mm_destroy() only).  Waiting for a
 * migration may sleep; each entry is read again after that.
 */
static void
unmap_range(struct mm_struct *mm, vaddr_t start, vaddr_t end, bool drop_pins)
{
	struct upte e;

	for (vaddr_t va = start; va < end;) {
		get_settled_entry(mm, va, &e);
		if (e.kind == UPTE_NONE) {
			/* Not page by page: an area may be terabytes, barely touched. */
			va = arch_upte_next(mm->uvm, va + PAGE_SIZE, end);
			continue;
		}
		va = entry_start(&e, va);
		if (drop_pins && pfn_to_page(e.pfn)->pins) {
			struct page *page = pfn_to_page(e.pfn);

			pr_warn("vm: pid %d (%s): %u pins on pfn 0x%lx dropped at exit\n",
				mm->owner_pid, mm->owner_name, page->pins, e.pfn);
			page->refcount -= page->pins;
			mm->nr_pins -= page->pins;
			page->pins = 0;
		}
		unmap_entry(mm, va, &e);
		va += entry_pages(&e) * PAGE_SIZE;
	}
}

int
vm_munmap(struct mm_struct *mm, vaddr_t addr, u64 len)
{
	vaddr_t end = addr + len;
	struct vm_area *a, *spare = NULL;

	if (!range_ok(addr, len, PAGE_SIZE))
		return -EINVAL;
	/* A huge area can only be cut between huge pages. */
	for (a = area_after(mm, addr); a && a->start < end;
	     a = a->link.next == &mm->areas ? NULL : list_entry(a->link.next, struct vm_area, link))
		if ((a->flags & VMA_HUGE) &&
		    ((addr > a->start && addr % HPAGE_SIZE) || (end < a->end && end % HPAGE_SIZE)))
			return -EINVAL;
	if (range_has_pins(mm, addr, end))
		return -EBUSY;
	/* A hole in the middle of one area needs a second area: get it
	 * before anything changes, so that -ENOMEM changes nothing. */
	a = area_after(mm, addr);
	if (a && a->start < addr && a->end > end && !(spare = kmalloc(sizeof(*spare), GFP_KERNEL)))
		return -ENOMEM;
	unmap_range(mm, addr, end, false);

	/* Then the areas: drop, trim or split each one the range touches. */
	while ((a = area_after(mm, addr)) && a->start < end) {
		if (a->start >= addr && a->end <= end) {		/* inside: drop */
			list_del(&a->link);
			kfree(a);
		} else if (a->start < addr && a->end > end) {		/* around: split */
			*spare = (struct vm_area){ .start = end, .end = a->end,
						   .prot = a->prot, .flags = a->flags };
			a->end = addr;		/* first, so the new piece sorts after it */
			link_area(mm, spare);
			break;
		} else if (a->start < addr) {				/* tail cut */
			a->end = addr;
		} else {						/* head cut */
			a->start = end;
			break;
		}
	}
	return 0;
}

int
vm_protect(struct mm_struct *mm, vaddr_t addr, u64 len, unsigned int prot)
{
	struct vm_area *a = vm_find_area(mm, addr);
	struct upte e;

	if (!a || a->start != addr || a->end != addr + len ||
	    (prot & ~(UPROT_READ | UPROT_WRITE | UPROT_EXEC)))
		return -EINVAL;
	a->prot = prot;
	for (vaddr_t va = a->start; va < a->end;) {
		get_settled_entry(mm, va, &e);
		if (e.kind == UPTE_NONE) {
			va += PAGE_SIZE;
			continue;
		}
		va = entry_start(&e, va);
		e.prot = prot;
		arch_upte_set(mm->uvm, va, &e);		/* replaces: no new table */
		arch_uvm_flush(mm->uvm, va, e.huge);
		va += entry_pages(&e) * PAGE_SIZE;
	}
	return 0;
}

void
mm_destroy(struct mm_struct *mm)
{
	assert(arch_uvm_active() != mm->uvm);
	while (!list_empty(&mm->areas)) {
		struct vm_area *a = list_first_entry(&mm->areas, struct vm_area, link);

		unmap_range(mm, a->start, a->end, true);
		list_del(&a->link);
		kfree(a);
	}
	assert(mm->rss_pages == 0 && mm->nr_pins == 0);
	arch_uvm_destroy(mm->uvm);
	kfree(mm);
}

/* ------------------------------------------------------------ faults */

/* Map a fresh zeroed page of ORDER at VA; 0, -EEXIST (huge: 4 KiB
 * entries are in the way), -ENOMEM. */
static int
map_new_page(struct mm_struct *mm, struct vm_area *a, vaddr_t va, unsigned int order)
{
	struct upte e = { .kind = UPTE_PRESENT, .prot = a->prot, .huge = order > 0 };
	struct page *page = alloc_pages_node(mm->nid, GFP_USER, order);
	int err;

	if (!page)
		return -ENOMEM;
	e.pfn = page_to_pfn(page);
	err = arch_upte_set(mm->uvm, va, &e);
	if (err) {
		free_pages(page, order);
		return err;
	}
	/* Nothing runs in between: the task cannot see the page before it is zero. */
	memset(page_address(page), 0, PAGE_SIZE << order);
	page_rmap_set(page, mm, va);
	account_mapped(mm, &e, 1);
	return 0;
}

int
handle_mm_fault(struct mm_struct *mm, vaddr_t va, unsigned int access)
{
	struct vm_area *a = vm_find_area(mm, va);
	struct upte e;
	vaddr_t hva;
	int err;

	count_vm_events(PGFAULT, 1);
	if (!a || (access & ~a->prot))
		return -EFAULT;
	va = ALIGN_DOWN(va, PAGE_SIZE);
	arch_upte_get(mm->uvm, va, &e);
	switch (e.kind) {
	case UPTE_PRESENT:
		return 0;	/* mapped meanwhile, or a stale TLB entry: retry */
	case UPTE_MIGRATION:
		/* Paper Figure 4: the access waits until the copy is ready. */
		count_vm_events(PGMIGRATE_FAULT_WAIT, 1);
		wait_on_page_locked(pfn_to_page(e.pfn));
		return 0;
	case UPTE_NONE:
		break;
	}
	/* A huge page only where its whole range is empty: base pages already
	 * in it (an earlier fallback) keep the rest of it base pages too. */
	hva = ALIGN_DOWN(va, HPAGE_SIZE);
	if ((a->flags & VMA_HUGE) && arch_upte_next(mm->uvm, hva, hva + HPAGE_SIZE) == hva + HPAGE_SIZE) {
		err = map_new_page(mm, a, hva, HPAGE_ORDER);
		if (!err) {
			count_vm_events(THP_FAULT_ALLOC, 1);
			return 0;
		}
		count_vm_events(THP_FAULT_FALLBACK, 1);
	}
	return map_new_page(mm, a, va, 0);
}

/* ------------------------------------------------------------ the kernel's way in */

struct page *
vm_follow_page(struct mm_struct *mm, vaddr_t va)
{
	struct upte e;

	get_settled_entry(mm, ALIGN_DOWN(va, PAGE_SIZE), &e);
	if (e.kind == UPTE_NONE)
		return NULL;
	if (e.huge)
		return pfn_to_page(e.pfn + ((va % HPAGE_SIZE) >> PAGE_SHIFT));
	return pfn_to_page(e.pfn);
}

/*
 * The page at VA as a user access with rights ACCESS would find it,
 * faulting it in; NULL: the access is bad (or no memory).
 */
static struct page *
user_page(struct mm_struct *mm, vaddr_t va, unsigned int access)
{
	struct vm_area *a = vm_find_area(mm, va);
	struct page *page;

	if (!a || (access & ~a->prot))
		return NULL;
	while (!(page = vm_follow_page(mm, va)))
		if (handle_mm_fault(mm, va, access))
			return NULL;
	return page;
}

/* Copy LEN bytes between user VA and BUF, page by page. */
static int
copy_user(struct mm_struct *mm, vaddr_t va, void *buf, size_t len, bool to_user)
{
	u8 *b = buf;

	if (va + len < va)
		return -EFAULT;
	while (len) {
		size_t off = va % PAGE_SIZE, n = MIN(len, PAGE_SIZE - off);
		struct page *page = user_page(mm, va, to_user ? UPROT_WRITE : UPROT_READ);
		u8 *kva;

		if (!page)
			return -EFAULT;
		kva = (u8 *)page_address(page) + off;
		if (to_user)
			memcpy(kva, b, n);
		else
			memcpy(b, kva, n);
		va += n;
		b += n;
		len -= n;
	}
	return 0;
}

int
copy_from_user(struct mm_struct *mm, void *buf, vaddr_t va, size_t len)
{
	return copy_user(mm, va, buf, len, false);
}

int
copy_to_user(struct mm_struct *mm, vaddr_t va, const void *buf, size_t len)
{
	return copy_user(mm, va, (void *)buf, len, true);
}

/* ------------------------------------------------------------ pins */

int
vm_pin_page(struct mm_struct *mm, vaddr_t va, struct page **out)
{
	struct upte e;

	if (!user_page(mm, va, UPROT_READ))
		return -EFAULT;
	get_settled_entry(mm, ALIGN_DOWN(va, PAGE_SIZE), &e);	/* no sleep since user_page() */
	assert(e.kind == UPTE_PRESENT);
	*out = pfn_to_page(e.pfn);
	/* page->pins is a u16: a wrapped count would hide every pin from
	 * munmap and trip vm_unpin_page() at exit.  No room for one more. */
	if ((*out)->pins == 0xffff)
		return -ENOMEM;
	(*out)->refcount++;
	(*out)->pins++;
	mm->nr_pins++;
	return 0;
}

void
vm_unpin_page(struct mm_struct *mm, struct page *page)
{
	assert(page->pins > 0 && mm->nr_pins > 0);
	page->pins--;
	mm->nr_pins--;
	free_pages(page, page->private);	/* the pin's reference */
}
