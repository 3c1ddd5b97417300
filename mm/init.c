/* SPDX-License-Identifier: MIT */
/*
 * mm/init.c - bringing physical memory up at boot, in order: the boot
 * loader's map into memblock, the direct map, the sparse memmap, zones,
 * and finally every free page into the buddy allocator.
 *
 * The idea: each step uses only the allocator of the step before it.
 * memblock feeds the page tables and the memmaps; once the buddy holds
 * the free pages, memblock retires and page tables come from the buddy.
 *
 * This file is boot glue: it talks to the boot information and the arch
 * page tables, so it is built into the kernel only, not the host tests.
 *
 * Course text: docs/02-physical-memory.md.
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include "kernel/bootinfo.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "mm/mm.h"

#define LOW_MEMORY_END		0x100000ULL	/* the first MiB: BIOS, real mode */

/*
 * mem=SIZE, as x86 Linux reads it: RAM at physical addresses SIZE and
 * above is not used.  hotmem rounds SIZE up to a memory block (128 MiB),
 * so that the hidden RAM starts on a block boundary and `probe` can add
 * it back block by block.  0 = no limit.
 */
static paddr_t mem_limit;

static int
param_mem(const char *val)
{
	u64 size;
	int err;

	if (!val)
		return -EINVAL;
	err = arg_size(val, &size);
	if (err)
		return err;
	size = ALIGN_UP(size, SECTION_SIZE);
	if (size < SECTION_SIZE || size >= (1ULL << MAX_PHYSMEM_BITS))
		return -ERANGE;
	mem_limit = size;
	return 0;
}
KERNEL_PARAM(param_mem, "mem",
	     "mem=SIZE: use no RAM at or above address SIZE (rounded up to 128M); kept for probe");

/* memblock counts mem= in bytes of RAM: the bytes below the address LIMIT. */
static u64
ram_below(paddr_t limit)
{
	u64 bytes = 0;

	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (r->base < limit)
			bytes += MIN(r->base + r->size, limit) - r->base;
	}
	return bytes;
}

/* ---------------------------------------------------------- boot allocators */

static void *
early_alloc_zeroed(size_t size)
{
	paddr_t pa = memblock_alloc(ALIGN_UP(size, PAGE_SIZE), PAGE_SIZE);

	if (!pa)
		return NULL;
	memset(phys_to_virt(pa), 0, size);
	return phys_to_virt(pa);
}

static paddr_t
early_pgtable_page(void)
{
	void *p = early_alloc_zeroed(PAGE_SIZE);

	return p ? virt_to_phys(p) : 0;
}

/* Once the buddy runs: page tables and section leaves are unmovable pages. */
static paddr_t
buddy_pgtable_page(void)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);

	if (!p)
		return 0;
	set_page_flag(p, PG_pgtable);
	return PFN_PHYS(page_to_pfn(p));
}

/* A page table the unmap emptied: the buddy's go back, boot's stay. */
static bool
buddy_pgtable_owned(paddr_t pa)
{
	return page_flag(pfn_to_page(PHYS_PFN(pa)), PG_pgtable);
}

static bool
buddy_pgtable_free(paddr_t pa)
{
	struct page *p = pfn_to_page(PHYS_PFN(pa));

	if (!page_flag(p, PG_pgtable))
		return false;
	clear_page_flag(p, PG_pgtable);
	free_page(p);
	return true;
}

static void *
buddy_alloc_zeroed(size_t size)
{
	struct page *p;

	if (size > PAGE_SIZE)
		return NULL;
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	return p ? page_address(p) : NULL;
}

/* ---------------------------------------------------------- the steps */

/*
 * 1. memblock from the boot loader's map: usable RAM, page-aligned
 *    inwards; then the parts already in use are reserved.
 */
static void
memblock_from_boot_map(const struct boot_info *bi)
{
	for (int i = 0; i < bi->nr_mem; i++) {
		const struct boot_mem_range *r = &bi->mem[i];
		paddr_t start = ALIGN_UP(r->base, PAGE_SIZE);
		paddr_t end = ALIGN_DOWN(r->base + r->size, PAGE_SIZE);

		if (r->type != BOOT_MEM_RAM || end <= start)
			continue;
		if (memblock_add(start, end - start))
			pr_warn("mm: memory map entry [0x%llx-0x%llx] not added\n",
				(unsigned long long)start, (unsigned long long)end - 1);
	}
	memblock_reserve(0, LOW_MEMORY_END);
	memblock_reserve(KERNEL_PHYS, (paddr_t)__kernel_phys_end - KERNEL_PHYS);
	memblock_reserve(ALIGN_DOWN(bi->info_paddr, PAGE_SIZE),
			 ALIGN_UP(bi->info_paddr + bi->info_size, PAGE_SIZE) -
			 ALIGN_DOWN(bi->info_paddr, PAGE_SIZE));
	if (mem_limit && ram_below(mem_limit) < memblock_phys_mem_size() &&
	    memblock_cap_memory(ram_below(mem_limit)) == 0)
		pr_info("mm: mem=0x%llx: RAM from there up hidden for probe (%llu MiB)\n",
			(unsigned long long)mem_limit,
			(unsigned long long)(memblock_hidden_size() >> 20));
}

/* 2. The direct map of every memblock.memory region, then the switch. */
static void
direct_map_init(void)
{
	arch_set_pgtable_allocator(early_pgtable_page);
	memblock.alloc_limit = BOOT_DIRECT_MAP_SIZE;	/* reachable before the switch */
	if (arch_mmu_prepare())
		panic("mm: no memory for the kernel page table");
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (arch_map_direct(r->base, r->size))
			panic("mm: cannot map [0x%llx-0x%llx] into the direct map",
			      (unsigned long long)r->base,
			      (unsigned long long)(r->base + r->size - 1));
	}
	arch_mmu_switch();
	memblock.alloc_limit = 0;
}

/* 3. Sections present, and a memmap for each, from its node's memory. */
static void
sparse_init(void)
{
	sparse_set_allocator(early_alloc_zeroed);
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		int nid = r->nid == NUMA_NO_NODE ? 0 : r->nid;

		if (memory_present(nid, PFN_DOWN(r->base), PFN_DOWN(r->base + r->size)))
			panic("mm: no memory for the section table");
	}
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		struct mem_section *ms = nr_to_section(nr);
		unsigned long flags;
		paddr_t map;

		if (!ms) {	/* a whole leaf missing: skip its sections */
			nr = ALIGN_UP(nr + 1, SECTIONS_PER_ROOT) - 1;
			continue;
		}
		if (!(ms->section_mem_map & SECTION_MARKED_PRESENT))
			continue;
		/* Boot RAM the SRAT calls hotpluggable: page_alloc's
		 * protect-movable policy keeps kernel pages out of it. */
		flags = SECTION_IS_EARLY;
		if (numa_hotplug_range_nid(PFN_PHYS(section_nr_to_pfn(nr)), SECTION_SIZE) >= 0)
			flags |= SECTION_HOTPLUGGABLE;
		map = memblock_alloc_node(memmap_size_bytes(), PAGE_SIZE, ms->nid);
		if (!map || sparse_init_section(nr, ms->nid, phys_to_virt(map), flags))
			panic("mm: no memory for the memmap of section %lu", nr);
	}
}

/*
 * 4. Zones: each region cut at the DMA (16 MiB) and DMA32 (4 GiB) limits;
 *    with movable_node, its parts inside hotpluggable SRAT ranges go to
 *    ZONE_MOVABLE instead (mm/numa.c: numa_boot_zone() decides).  Nodes
 *    without boot RAM are already online (numa_register()).
 */
static void
zones_init(void)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long pfn = PFN_DOWN(r->base), end = PFN_DOWN(r->base + r->size);
		int nid = r->nid == NUMA_NO_NODE ? 0 : r->nid;

		node_set_online(nid);
		while (pfn < end) {
			enum zone_type zid;
			unsigned long stop = numa_boot_zone(pfn, end, &zid);

			zone_init_range(nid, zid, pfn, stop);
			pfn = stop;
		}
	}
	build_all_zonelists();
}

/* 5. Every page memblock did not hand out goes to the buddy allocator. */
static void
free_all_memblock(void)
{
	paddr_t start, end;
	u64 cursor = 0;
	int nid;

	while (memblock_next_free_range(&cursor, &start, &end, &nid)) {
		unsigned long spfn = PFN_UP(start), epfn = PFN_DOWN(end);

		if (spfn < epfn)
			free_boot_pages(spfn, epfn);
	}
	setup_watermarks();
	arch_set_pgtable_allocator(buddy_pgtable_page);
	arch_set_pgtable_free(buddy_pgtable_owned, buddy_pgtable_free);
	sparse_set_allocator(buddy_alloc_zeroed);
}

/*
 * Steps 1 and 2.  Afterwards memblock can allocate and anything can be
 * mapped (page tables come from memblock), so the firmware tables can be
 * read and the nodes learnt before any memmap is placed.
 *
 * With movable_node, memblock allocates bottom-up until mm_init_late():
 * nobody knows yet which RAM is hotpluggable (the SRAT is read later),
 * but the lowest free RAM, next to the kernel, is the least likely to be,
 * so the direct map's page tables stay out of removable memory (Linux
 * does the same).
 */
void
mm_init_early(const struct boot_info *bi)
{
	memblock_from_boot_map(bi);
	memblock_dump();
	memblock.bottom_up = movable_node_enabled;
	direct_map_init();
}

/* Steps 3 to 5, once memblock knows which node each range is on. */
void
mm_init_late(void)
{
	struct sparse_stats st;
	u64 t0, t1;

	memblock.bottom_up = false;	/* the SRAT is read: memmaps go top-down */
	t0 = ktime_ns();
	sparse_init();
	zones_init();
	t1 = ktime_ns();
	sparse_stats(&st);
	pr_info("mm: memmap: %lu sections, %llu KiB, initialised in %llu us (%llu us per GiB of RAM)\n",
		st.with_memmap, (unsigned long long)(st.memmap_bytes >> 10),
		(unsigned long long)((t1 - t0) / 1000),
		(unsigned long long)((t1 - t0) / 1000 * (1ULL << 30) /
				     MAX(memblock_phys_mem_size(), 1)));

	free_all_memblock();
	pr_info("Memory: %lluK/%lluK available (%lluK kernel, memmap and boot allocations)\n",
		(unsigned long long)(global_free_pages() * PAGE_SIZE >> 10),
		(unsigned long long)(memblock_phys_mem_size() >> 10),
		(unsigned long long)((memblock_phys_mem_size() -
				      global_free_pages() * PAGE_SIZE) >> 10));
}
