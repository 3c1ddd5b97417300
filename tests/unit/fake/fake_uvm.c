/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_uvm.c - user page tables for host tests
 * (tests/unit/fake/arch/uvm.h): each address space is a chained hash
 * table of entries keyed by virtual address.  A huge entry is kept at
 * its HPAGE-aligned address with huge set; arch_upte_get() looks there
 * first, as the hardware walk stops at a PD entry with PS set.  Setting
 * a huge entry over 4 KiB entries is -EEXIST, as on x86_64 (a page table
 * is in the way).  No memory is touched.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_vm.c, tests/unit/mm/test_migrate.c
 */
#include <stdlib.h>

#include <arch/uvm.h>
#include "kernel/kernel.h"
#include "mm/mm.h"

#define BUCKETS		1024
#define FAKE_HPAGE_SIZE	(PAGE_SIZE << pageblock_order)

struct fake_entry {
	vaddr_t va;
	struct upte e;
	struct fake_entry *next;
};

struct arch_uvm {
	struct fake_entry *bucket[BUCKETS];
	unsigned long nr;
};

struct fake_uvm_stats fake_uvm;
static struct arch_uvm *active;

static struct fake_entry **
slot(struct arch_uvm *u, vaddr_t va)
{
	struct fake_entry **p = &u->bucket[(va / PAGE_SIZE) % BUCKETS];

	while (*p && (*p)->va != va)
		p = &(*p)->next;
	return p;
}

struct arch_uvm *
arch_uvm_create(void)
{
	struct arch_uvm *u = calloc(1, sizeof(*u));

	if (u)
		fake_uvm.live++;
	return u;
}

void
arch_uvm_destroy(struct arch_uvm *u)
{
	assert(u != active);
	if (u->nr)
		panic("fake uvm: destroyed with %lu entries left", u->nr);
	free(u);
	fake_uvm.live--;
}

void
arch_uvm_activate(struct arch_uvm *u)
{
	active = u;
}

struct arch_uvm *
arch_uvm_active(void)
{
	return active;
}

void
arch_upte_get(struct arch_uvm *u, vaddr_t va, struct upte *out)
{
	struct fake_entry *f = *slot(u, ALIGN_DOWN(va, FAKE_HPAGE_SIZE));

	fake_uvm.gets++;
	if (f && f->e.huge) {
		*out = f->e;
		return;
	}
	f = *slot(u, ALIGN_DOWN(va, PAGE_SIZE));
	*out = f ? f->e : (struct upte){ .kind = UPTE_NONE };
}

int
arch_upte_set(struct arch_uvm *u, vaddr_t va, const struct upte *e)
{
	struct fake_entry **p, *f;
	u64 align = e->huge ? FAKE_HPAGE_SIZE : PAGE_SIZE;

	if (va < USER_VA_START || va >= USER_VA_END || va % align)
		return -EINVAL;
	if (e->kind != UPTE_NONE && !e->huge) {
		f = *slot(u, ALIGN_DOWN(va, FAKE_HPAGE_SIZE));
		if (f && f->e.huge)
			panic("fake uvm: a 4 KiB entry inside the huge entry at 0x%llx",
			      (unsigned long long)f->va);
	}
	if (e->kind != UPTE_NONE && e->huge)
		for (vaddr_t v = va + PAGE_SIZE; v < va + FAKE_HPAGE_SIZE; v += PAGE_SIZE)
			if (*slot(u, v))
				return -EEXIST;
	p = slot(u, va);
	if (e->kind == UPTE_NONE) {
		if ((f = *p)) {
			*p = f->next;
			free(f);
			u->nr--;
		}
		return 0;
	}
	if (*p) {
		if (!e->huge && (*p)->e.huge)
			return -EEXIST;
		(*p)->e = *e;
		return 0;
	}
	if (fake_uvm.set_error) {
		int err = fake_uvm.set_error;

		fake_uvm.set_error = 0;
		return err;
	}
	f = malloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->va = va;
	f->e = *e;
	f->next = NULL;
	*p = f;
	u->nr++;
	return 0;
}

/* The lowest entry covering [va, end), by a scan of every entry. */
vaddr_t
arch_upte_next(struct arch_uvm *u, vaddr_t va, vaddr_t end)
{
	vaddr_t best = end;

	for (int i = 0; i < BUCKETS; i++)
		for (struct fake_entry *f = u->bucket[i]; f; f = f->next) {
			vaddr_t last = f->va + (f->e.huge ? FAKE_HPAGE_SIZE : PAGE_SIZE);

			if (last > va && f->va < best)
				best = f->va > va ? f->va : va;
		}
	return best;
}

void
arch_uvm_flush(struct arch_uvm *u, vaddr_t va, bool huge)
{
	(void)u, (void)va, (void)huge;
	fake_uvm.flushes++;
}

unsigned long
arch_uvm_table_pages(const struct arch_uvm *u)
{
	return u->nr ? 1 + u->nr / 512 : 0;
}

unsigned long
fake_uvm_entries(const struct arch_uvm *u)
{
	return u->nr;
}
