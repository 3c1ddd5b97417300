/* SPDX-License-Identifier: MIT */
/*
 * mm/sparse.c - the sparse memmap: a struct page array per present
 * section, reached through a two-level section root.
 *
 * The idea: pfn_to_page() is one table lookup plus an add, and a
 * section's memmap can appear (hot add) and disappear (hot remove)
 * without touching any other section.  A section entirely in a hole has
 * no memmap at all; holes inside a present section are reserved pages.
 *
 * Course text: docs/03-sparsemem.md.  Paper: OLS 2005, sections 3 and 7.3.
 * Tests: tests/unit/mm/test_sparse.c
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/mm.h"

/*
 * The root: NR_SECTION_ROOTS pointers (16 KiB on x86_64), each NULL or a
 * page-sized leaf of SECTIONS_PER_ROOT struct mem_section.
 * Written at boot and under mem_hotplug_lock; read anywhere.
 */
struct mem_section *mem_section[NR_SECTION_ROOTS];

/* Where leaves come from: memblock at boot, the buddy later (and calloc
 * in host tests).  Must return zeroed memory, or NULL. */
static void *(*leaf_alloc)(size_t size);

void
sparse_set_allocator(void *(*alloc_zeroed)(size_t size))
{
	leaf_alloc = alloc_zeroed;
}

/* Make sure section NR has its leaf; -ENOMEM when none can be had. */
static int
sparse_index_init(unsigned long nr)
{
	unsigned long root = nr / SECTIONS_PER_ROOT;
	struct mem_section *leaf;

	if (mem_section[root])
		return 0;
	if (!leaf_alloc || !(leaf = leaf_alloc(PAGE_SIZE)))
		return -ENOMEM;
	for (unsigned long i = 0; i < SECTIONS_PER_ROOT; i++)
		leaf[i].nid = NUMA_NO_NODE;
	mem_section[root] = leaf;
	return 0;
}

/*
 * Record that [start_pfn, end_pfn) is RAM of node NID: every section it
 * touches is marked present and counts its pages.  No memmap yet.
 */
int
memory_present(int nid, unsigned long start_pfn, unsigned long end_pfn)
{
	if (start_pfn >= end_pfn || end_pfn > MAX_PFN)
		return -EINVAL;

	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		unsigned long nr = pfn_to_section_nr(pfn);
		unsigned long next = MIN(section_nr_to_pfn(nr + 1), end_pfn);
		struct mem_section *ms;
		int err = sparse_index_init(nr);

		if (err)
			return err;
		ms = nr_to_section(nr);
		ms->section_mem_map |= SECTION_MARKED_PRESENT;
		ms->nid = nid;
		ms->nr_present_pages += next - pfn;
		pfn = next;
	}
	return 0;
}

unsigned long
memmap_size_bytes(void)
{
	return PAGES_PER_SECTION * sizeof(struct page);
}

/*
 * Give section NR the memmap MEMMAP (PAGES_PER_SECTION struct pages,
 * which the caller allocated, node-local when it could).  Every page
 * starts as a reserved page of node NID that knows its section: holes
 * stay that way, and zone set-up later turns RAM pages into buddy pages.
 *
 *   encoded = (unsigned long)(memmap - first pfn of the section)
 *   pfn_to_page(pfn) = (struct page *)(encoded & SECTION_MAP_MASK) + pfn
 */
int
sparse_init_section(unsigned long nr, int nid, struct page *memmap,
		    unsigned long flags)
{
	struct page tmpl = { .refcount = 1 };
	struct mem_section *ms;
	unsigned long encoded;
	int err;

	if (nr >= NR_MEM_SECTIONS || !memmap || (unsigned long)memmap & ~SECTION_MAP_MASK ||
	    flags & SECTION_MAP_MASK)
		return -EINVAL;
	err = sparse_index_init(nr);
	if (err)
		return err;
	ms = nr_to_section(nr);
	if (section_has_mem_map(ms))
		return -EEXIST;

	/* One template, copied: a single pass over the memmap. */
	set_page_links(&tmpl, nid, 0, nr);
	set_page_flag(&tmpl, PG_reserved);
	for (unsigned long i = 0; i < PAGES_PER_SECTION; i++) {
		memmap[i] = tmpl;
		if (i % pageblock_nr_pages == 0)	/* until someone says otherwise */
			memmap[i].pageblock_mt = MIGRATE_MOVABLE;
	}
	encoded = (unsigned long)memmap - section_nr_to_pfn(nr) * sizeof(struct page);
	assert((encoded & ~SECTION_MAP_MASK) == 0);
	ms->section_mem_map = encoded | (ms->section_mem_map & ~SECTION_MAP_MASK) |
			      flags | SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP;
	ms->nid = nid;
	return 0;
}

/*
 * Take section NR's memmap away and return it for the caller to free;
 * the section is no longer present.  NULL when it had none.
 */
struct page *
sparse_remove_section(unsigned long nr)
{
	struct mem_section *ms = nr_to_section(nr);
	struct page *memmap;

	if (!section_has_mem_map(ms))
		return NULL;
	memmap = (struct page *)(section_mem_map_base(ms) +
				 section_nr_to_pfn(nr) * sizeof(struct page));
	ms->section_mem_map = 0;
	ms->nr_present_pages = 0;
	ms->nid = NUMA_NO_NODE;
	return memmap;
}

/* How many sections have a memmap, and what the bookkeeping costs. */
void
sparse_stats(struct sparse_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->root_bytes = sizeof(mem_section);
	for (unsigned long root = 0; root < NR_SECTION_ROOTS; root++) {
		if (!mem_section[root])
			continue;
		st->leaves++;
		for (unsigned long i = 0; i < SECTIONS_PER_ROOT; i++) {
			const struct mem_section *ms = &mem_section[root][i];

			if (ms->section_mem_map & SECTION_MARKED_PRESENT)
				st->present++;
			if (section_has_mem_map(ms))
				st->with_memmap++;
		}
	}
	st->leaf_bytes = st->leaves * PAGE_SIZE;
	st->memmap_bytes = st->with_memmap * memmap_size_bytes();
}

/*
 * The paper's arithmetic (section 3.3) next to ours, for any machine:
 *
 *   flat:  one ENTRY_SIZE-byte entry for every possible section,
 *          2^(physmem_bits - section_bits) * entry_size.
 *   ours:  a root of one pointer per leaf, plus one page-sized leaf of
 *          struct mem_section for each leaf the RAM ranges touch.
 *
 * RANGES holds NR_RANGES pairs [start, end) of physical addresses.
 */
void
sparse_section_cost(unsigned int section_bits, unsigned int physmem_bits,
		    unsigned int page_shift, unsigned int entry_size,
		    const paddr_t *ranges, int nr_ranges, struct section_cost *out)
{
	u64 per_leaf = (1ULL << page_shift) / sizeof(struct mem_section);
	u64 last_leaf = ~0ULL;

	out->nr_sections = 1ULL << (physmem_bits - section_bits);
	out->flat_bytes = out->nr_sections * entry_size;
	out->root_bytes = (out->nr_sections + per_leaf - 1) / per_leaf * sizeof(void *);
	out->leaf_bytes = 0;

	/* Ranges are in address order, so a leaf repeats only back to back. */
	for (int i = 0; i < nr_ranges; i++) {
		u64 first = ranges[2 * i] >> section_bits;
		u64 last = (ranges[2 * i + 1] - 1) >> section_bits;

		for (u64 leaf = first / per_leaf; leaf <= last / per_leaf; leaf++) {
			if (leaf == last_leaf)
				continue;
			out->leaf_bytes += 1ULL << page_shift;
			last_leaf = leaf;
		}
	}
}
