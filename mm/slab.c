/* SPDX-License-Identifier: MIT */
/*
 * mm/slab.c - kmalloc() and kfree(): small kernel objects carved out of
 * whole pages from the buddy allocator.
 *
 * The idea: objects of one size class share pages ("slabs"); a slab's
 * free objects are chained through their own first word, and the slab's
 * struct page says which class it belongs to and where its free chain
 * starts.  So kfree() needs no size: the page of the pointer tells it.
 * Requests above the largest class get whole pages.  Everything here is
 * unmovable kernel memory: a page holding kmalloc objects can never be
 * migrated, which is why hot remove must keep it out of removable memory.
 *
 * Course text: docs/04-buddy.md.
 * Tests: tests/unit/mm/test_slab.c
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/mm.h"

/*
 * The size classes: powers of two from 16 bytes to half a page (on x86_64
 * 16..2048).  Class i holds objects of KMALLOC_MIN << i bytes.
 */
#define KMALLOC_MIN		16
#define NR_KMALLOC_CLASSES	(PAGE_SHIFT - 1 - 4 + 1)	/* 16 .. PAGE_SIZE/2 */

struct kmalloc_class {
	/* Protected by disabling interrupts. */
	struct list_head partial;	/* slabs with at least one free object */
	unsigned long nr_slabs;		/* pages this class holds */
	unsigned long nr_in_use;	/* objects handed out */
};

static struct kmalloc_class classes[NR_KMALLOC_CLASSES];
static bool classes_ready;		/* lists initialised (first kmalloc) */

static size_t
class_size(unsigned int c)
{
	return (size_t)KMALLOC_MIN << c;
}

/* The smallest class that holds SIZE bytes (SIZE <= PAGE_SIZE / 2). */
static unsigned int
size_to_class(size_t size)
{
	unsigned int c = 0;

	while (class_size(c) < size)
		c++;
	return c;
}

/*
 * A new slab for class C: one page, cut into objects chained through
 * their first word.  The page records (see struct page in mm/mm.h):
 *   PG_slab, private = C, owner = first free object, owner_index = objects in use.
 */
static struct page *
slab_new_locked(unsigned int c)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	size_t size = class_size(c);
	char *base;

	assert(!arch_irqs_enabled());
	if (!page)
		return NULL;
	base = page_address(page);
	for (size_t off = 0; off + size <= PAGE_SIZE; off += size)
		*(void **)(base + off) = off + 2 * size <= PAGE_SIZE ? base + off + size : NULL;
	set_page_flag(page, PG_slab);
	page->private = c;
	page->owner = base;
	page->owner_index = 0;
	list_add(&page->lru, &classes[c].partial);
	classes[c].nr_slabs++;
	return page;
}

void *
kmalloc(size_t size, gfp_t gfp)
{
	struct kmalloc_class *kc;
	struct page *page;
	unsigned int c;
	void *obj;
	bool flags;

	if (size == 0 || gfp & (__GFP_MOVABLE | __GFP_RECLAIMABLE))
		return NULL;	/* kernel objects are unmovable, and something */

	/*
	 * Whole pages: big requests, and requests for a particular zone or
	 * node, which the shared slabs of a class cannot promise.
	 */
	if (size > PAGE_SIZE / 2 || gfp & (__GFP_DMA | __GFP_DMA32 | __GFP_THISNODE)) {
		unsigned int order = 0;

		while ((PAGE_SIZE << order) < size)
			order++;
		if (order >= MAX_ORDER)
			return NULL;
		page = alloc_pages(gfp, order);
		return page ? page_address(page) : NULL;
	}

	c = size_to_class(size);
	kc = &classes[c];
	flags = arch_irq_save();
	if (!classes_ready) {
		for (unsigned int i = 0; i < NR_KMALLOC_CLASSES; i++)
			list_init(&classes[i].partial);
		classes_ready = true;
	}
	if (list_empty(&kc->partial) && !slab_new_locked(c)) {
		arch_irq_restore(flags);
		return NULL;
	}
	page = list_first_entry(&kc->partial, struct page, lru);
	obj = page->owner;
	page->owner = *(void **)obj;
	page->owner_index++;
	kc->nr_in_use++;
	if (!page->owner)		/* full: off the partial list */
		list_del(&page->lru);
	arch_irq_restore(flags);

	if (gfp & __GFP_ZERO)
		memset(obj, 0, class_size(c));
	return obj;
}

void *
kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void
kfree(const void *ptr)
{
	struct page *page;
	struct kmalloc_class *kc;
	size_t size;
	bool flags;

	if (!ptr)
		return;
	page = virt_to_page(ptr);
	if (!page_flag(page, PG_slab)) {	/* whole pages from kmalloc */
		if ((unsigned long)ptr & (PAGE_SIZE - 1))
			panic("kfree: %p is inside a page, not an object", ptr);
		free_pages(page, page->private);
		return;
	}

	size = class_size(page->private);
	if (((unsigned long)ptr & (PAGE_SIZE - 1)) % size)
		panic("kfree: %p is not the start of a %zu-byte object", ptr, size);
	kc = &classes[page->private];

	flags = arch_irq_save();
	if (!page->owner)		/* was full: back on the partial list */
		list_add(&page->lru, &kc->partial);
	*(void **)ptr = page->owner;
	page->owner = (void *)ptr;
	page->owner_index--;
	kc->nr_in_use--;
	/* An empty slab goes back to the buddy allocator. */
	if (page->owner_index == 0) {
		list_del(&page->lru);
		clear_page_flag(page, PG_slab);
		page->owner = NULL;
		page->private = 0;
		kc->nr_slabs--;
		arch_irq_restore(flags);
		free_pages(page, 0);
		return;
	}
	arch_irq_restore(flags);
}

/* Pages held by kmalloc's classes, and objects in use (for /proc/meminfo). */
void
kmalloc_stats(unsigned long *slab_pages, unsigned long *objects)
{
	*slab_pages = *objects = 0;
	for (unsigned int c = 0; c < NR_KMALLOC_CLASSES; c++) {
		*slab_pages += classes[c].nr_slabs;
		*objects += classes[c].nr_in_use;
	}
}
