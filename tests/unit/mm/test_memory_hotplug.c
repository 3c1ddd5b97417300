/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/mm/test_memory_hotplug.c - host tests for mm/memory_hotplug.c
 * with the real memory blocks, buddy, sparse, memblock and NUMA code:
 * add (every refusal, every injected failure, its undo and the retry),
 * the auto-online policies, memmap_on_memory accounting, probe of hidden
 * RAM, remove and offline_and_remove, 20 full cycles, /proc/memhotplug.
 *
 * The fake machine, in memory blocks so that it holds for x86_64, ppc64
 * and ia64: boot RAM blocks 0-1 on node 0 and 2-3 on node 1 (memmaps
 * from the heap, every page in the buddy), blocks 4-5 hidden by a mem=
 * cap (for probe), and an SRAT hotplug window of 4 blocks on node 0 at
 * HOT (4 GiB or above).  One MAP_NORESERVE mapping stands for physical
 * memory [0, HOT + 4 blocks), so memmaps the buddy gives and memmaps on
 * the memory itself are real memory; only the pages touched cost.
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include "kernel/kernel.h"
#include "kernel/pseudofs.h"
#include "kernel/task.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"
#include "fake_printk.h"

#define BLOCK		((u64)MEMORY_BLOCK_SIZE)
#define HOT		ALIGN_UP(MAX(4ULL << 30, 8 * BLOCK), BLOCK)
#define HOT_BLOCK	pfn_to_block_id(PHYS_PFN(HOT))
#define WINDOW		(HOT + 4 * BLOCK)
#define HIDDEN		(4 * BLOCK)	/* blocks 4 and 5: hidden by mem= */
#define BOOT_BLOCKS	4UL

/* ------------------------------------------------------------ fake kernel
 * The lock, sleeping and the clock, as little as the code under test
 * needs: one task, so a mutex is a flag that must be taken and given
 * back in order; sleeping moves a fake clock. */

static bool lock_held;
static u64 fake_now_ns;

void
mutex_lock(struct mutex *m)
{
	assert_ptr_equal(m, &mem_hotplug_lock);
	assert_false(lock_held);
	lock_held = true;
}

void
mutex_unlock(struct mutex *m)
{
	assert_ptr_equal(m, &mem_hotplug_lock);
	assert_true(lock_held);
	lock_held = false;
}

bool
mutex_held(const struct mutex *m)
{
	return m == &mem_hotplug_lock && lock_held;
}

void
task_sleep_ms(u64 ms)
{
	fake_now_ns += ms * 1000000;
}

u64
ktime_ns(void)
{
	return fake_now_ns += 1000;
}

/* Blocks' own records come from kmalloc: the heap here (slab.c is tested apart). */
void *
kzalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return size ? calloc(1, size) : NULL;
}

void
kfree(const void *p)
{
	free((void *)p);
}

/* ------------------------------------------------------------ the machine */

static u8 *ram;			/* physical [0, WINDOW) */
static struct page *boot_memmap[64];
static unsigned long nr_boot_sections;

static void *
leaf_calloc(size_t size)
{
	return calloc(1, size);
}

/* RAM [start, end) pfns of node NID into zones by address, as boot does. */
static void
boot_zones(int nid, unsigned long start, unsigned long end)
{
	while (start < end) {
		enum zone_type z = zone_for_pfn(start);
		unsigned long stop = start + 1;

		while (stop < end && zone_for_pfn(stop) == z)
			stop = MIN(end, stop + PAGES_PER_SECTION - stop % PAGES_PER_SECTION);
		zone_init_range(nid, z, start, stop);
		start = stop;
	}
}

static void
boot_machine(void)
{
	ram = mmap(NULL, WINDOW, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	assert_true(ram != MAP_FAILED);
	fake_ram_map(0, ram, WINDOW);

	assert_int_equal(memblock_add_node(0, 2 * BLOCK, 0), 0);
	assert_int_equal(memblock_add_node(2 * BLOCK, 2 * BLOCK, 1), 0);
	assert_int_equal(memblock_add_node(HIDDEN, 2 * BLOCK, 0), 0);
	assert_int_equal(memblock_cap_memory(4 * BLOCK), 0);
	assert_int_equal(numa_add_memblk(0, 0, 2 * BLOCK, 0), 0);
	assert_int_equal(numa_add_memblk(1, 2 * BLOCK, 2 * BLOCK, 0), 0);
	assert_int_equal(numa_add_memblk(0, HIDDEN, 2 * BLOCK, 0), 0);
	assert_int_equal(numa_add_memblk(0, HOT, 4 * BLOCK, NUMA_MEM_HOTPLUGGABLE), 0);
	assert_int_equal(numa_register(), 2);

	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		assert_int_equal(memory_present(r->nid, PFN_DOWN(r->base),
						PFN_DOWN(r->base + r->size)), 0);
	}
	nr_boot_sections = 4 * BLOCK / SECTION_SIZE;
	assert_true(nr_boot_sections <= ARRAY_SIZE(boot_memmap));
	for (unsigned long nr = 0; nr < nr_boot_sections; nr++) {
		boot_memmap[nr] = aligned_alloc(64, memmap_size_bytes());
		assert_non_null(boot_memmap[nr]);
		assert_int_equal(sparse_init_section(nr, nr < nr_boot_sections / 2 ? 0 : 1,
						     boot_memmap[nr], SECTION_IS_EARLY), 0);
	}
	boot_zones(0, 0, PHYS_PFN(2 * BLOCK));
	boot_zones(1, PHYS_PFN(2 * BLOCK), PHYS_PFN(4 * BLOCK));
	build_all_zonelists();
	free_boot_pages(0, PHYS_PFN(4 * BLOCK));
	setup_watermarks();
	memory_hotplug_init();
}

static int
setup(void **state)
{
	(void)state;
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memblock.hidden.cnt = 0;
	numa_reset();
	memset(node_data, 0, sizeof(node_data));
	sparse_set_allocator(leaf_calloc);
	fake_cpu_reset();
	fake_mmu_reset();
	fake_printk_clear();
	lock_held = false;
	boot_machine();
	fake_printk_clear();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	assert_false(lock_held);
	assert_true(fake_cpu_idle());
	memory_hotplug_reset();
	for (unsigned long nr = 0; nr < nr_boot_sections; nr++)
		free(sparse_remove_section(nr));
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		const struct mem_section *ms = nr_to_section(nr);

		if (!ms) {
			nr = ALIGN_UP(nr + 1, SECTIONS_PER_ROOT) - 1;
			continue;
		}
		assert_false(section_has_mem_map(ms));	/* nothing left behind */
	}
	numa_reset();
	memset(node_data, 0, sizeof(node_data));
	fake_ram_map(0, NULL, 0);
	munmap(ram, WINDOW);
	return 0;
}

/* ------------------------------------------------------------ helpers */

/* Pages a buddy memmap of one section costs. */
static unsigned long
memmap_pages(void)
{
	/* Exactly what the memmap needs: the buddy block's tail goes back. */
	return PFN_UP(memmap_size_bytes());
}

static unsigned long
managed(int nid, enum zone_type z)
{
	return NODE_DATA(nid)->node_zones[z].managed_pages;
}

static unsigned long
present(int nid, enum zone_type z)
{
	return NODE_DATA(nid)->node_zones[z].present_pages;
}

/* MemTotal: every zone's managed pages. */
static unsigned long
total_managed(void)
{
	unsigned long sum = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			sum += managed(nid, z);
	return sum;
}

/* What must not change when something is refused. */
struct snapshot {
	unsigned long free, managed, blocks, map_calls, present_sections;
	int nr_mapped;
	u64 hidden;
	int records;		/* the status list's length */
};

static unsigned long
present_sections(void)
{
	struct sparse_stats st;

	sparse_stats(&st);
	return st.with_memmap;
}

static struct snapshot
snap(void)
{
	return (struct snapshot){
		.free = global_free_pages(), .managed = total_managed(),
		.blocks = memory_block_count(), .map_calls = fake_mmu.map_calls,
		.present_sections = present_sections(), .nr_mapped = fake_mmu.nr_mapped,
		.hidden = memblock_hidden_size(), .records = hotplug_range_count(),
	};
}

static void
assert_unchanged(const struct snapshot *a)
{
	struct snapshot b = snap();

	assert_int_equal(a->free, b.free);
	assert_int_equal(a->managed, b.managed);
	assert_int_equal(a->blocks, b.blocks);
	assert_int_equal(a->present_sections, b.present_sections);
	assert_int_equal(a->nr_mapped, b.nr_mapped);
	assert_int_equal(a->hidden, b.hidden);
}

/* Unchanged, and no record either: a refusal, not a failure to retry. */
static void
assert_refused(const struct snapshot *a)
{
	assert_unchanged(a);
	assert_int_equal(a->records, hotplug_range_count());
}

/* The last record, which the last add attempt used. */
static struct hotplug_range *
last_range(void)
{
	return hotplug_range_at(hotplug_range_count() - 1);
}

static void
check_buddy(void)
{
	char msg[160];

	if (buddy_check_all(msg, sizeof(msg)))
		fail_msg("buddy: %s", msg);
}

/* A heap memmap allocator that fails its call number fail_at (1-based). */
static struct {
	int calls, frees, live, fail_at;
} heap;

static struct page *
heap_memmap_alloc(int nid, size_t size, int *out_nid)
{
	if (++heap.calls == heap.fail_at)
		return NULL;
	heap.live++;
	*out_nid = nid;
	return aligned_alloc(64, size);
}

static void
heap_memmap_free(struct page *memmap, size_t size)
{
	(void)size;
	heap.frees++;
	heap.live--;
	free(memmap);
}

static void
use_heap_memmaps(int fail_at)
{
	memset(&heap, 0, sizeof(heap));
	heap.fail_at = fail_at;
	mhp_set_memmap_allocator(heap_memmap_alloc, heap_memmap_free);
}

static char *
read_file(const char *path)
{
	static char buf[8192];
	struct seq s;

	seq_init(&s, buf, sizeof(buf));
	assert_int_equal(pseudofs_read(path, &s), 0);
	return buf;
}

/* Offline every block of [start, start + size). */
static void
offline_range(u64 start, u64 size)
{
	for (u64 a = start; a < start + size; a += BLOCK) {
		struct memory_block *mb = find_memory_block(pfn_to_block_id(PHYS_PFN(a)));

		assert_non_null(mb);
		if (mb->state == MEM_ONLINE)
			assert_int_equal(offline_memory_block(mb->id), 0);
	}
}

/* ------------------------------------------------------------ tests */

/* Boot: one BOOT record per node's RAM, an ONLINE early block per boot block. */
static void
test_boot(void **state)
{
	(void)state;
	assert_int_equal(hotplug_range_count(), 2);
	assert_int_equal(hotplug_range_at(0)->source, MHP_SOURCE_BOOT);
	assert_int_equal(hotplug_range_at(1)->nid, 1);
	assert_int_equal(memory_block_count(), BOOT_BLOCKS);
	for (unsigned long id = 0; id < BOOT_BLOCKS; id++) {
		const struct memory_block *mb = find_memory_block(id);

		assert_non_null(mb);
		assert_true(mb->early);
		assert_int_equal(mb->state, MEM_ONLINE);
		assert_null(mb->range);
	}
	assert_true(nr_to_section(0)->section_mem_map & SECTION_IS_ONLINE);
	assert_null(find_memory_block(HIDDEN / BLOCK));
}

/* block_size_bytes: hex of the block size, no 0x. */
static void
test_block_size_file(void **state)
{
	char want[32];

	(void)state;
	snprintf(want, sizeof(want), "%llx\n", (unsigned long long)BLOCK);
	assert_string_equal(read_file("/sys/devices/system/memory/block_size_bytes"), want);
	assert_int_equal(pseudofs_write("/sys/devices/system/memory/block_size_bytes", "1"),
			 -EROFS);
}

/* The default policy: every block online in ZONE_MOVABLE, counts exact. */
static void
test_add_online_movable(void **state)
{
	unsigned long free0 = global_free_pages(), nsec = 2 * BLOCK / SECTION_SIZE;
	char want[160];

	(void)state;
	assert_string_equal(read_file("/sys/devices/system/memory/auto_online_blocks"),
			    "online_movable\n");
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	for (unsigned long i = 0; i < 2; i++) {
		const struct memory_block *mb = find_memory_block(HOT_BLOCK + i);

		assert_non_null(mb);
		assert_int_equal(mb->state, MEM_ONLINE);
		assert_int_equal(mb->zone, ZONE_MOVABLE);
		assert_false(mb->early);
		assert_ptr_equal(mb->range, last_range());
		assert_int_equal(mb->nr_vmemmap_pages, 0);
	}
	assert_int_equal(memory_block_count(), BOOT_BLOCKS + 2);
	assert_int_equal(present(0, ZONE_MOVABLE), 2 * PAGES_PER_BLOCK);
	assert_int_equal(managed(0, ZONE_MOVABLE), 2 * PAGES_PER_BLOCK);
	/* The memmaps came out of the buddy: unmovable, node 0. */
	assert_int_equal(global_free_pages(), free0 + 2 * PAGES_PER_BLOCK - nsec * memmap_pages());
	for (unsigned long nr = pfn_to_section_nr(PHYS_PFN(HOT)), i = 0; i < nsec; i++, nr++) {
		const struct mem_section *ms = nr_to_section(nr);
		struct page *memmap = (struct page *)(section_mem_map_base(ms) +
						      section_nr_to_pfn(nr) * sizeof(struct page));
		struct page *holder = virt_to_page(memmap);

		assert_true(ms->section_mem_map & SECTION_HOTPLUGGABLE);
		assert_false(ms->section_mem_map & SECTION_IS_EARLY);
		assert_int_equal(ms->nr_present_pages, PAGES_PER_SECTION);
		assert_true(page_flag(holder, PG_memmap));
		assert_int_equal(page_to_nid(holder), 0);
		assert_true(PFN_PHYS(page_to_pfn(holder)) < 2 * BLOCK);
	}
	assert_int_equal(fake_mmu_mapped_bytes(HOT, 2 * BLOCK), 2 * BLOCK);
	assert_int_equal(last_range()->status, MHP_ENABLED);
	assert_int_equal(last_range()->source, MHP_SOURCE_ACPI);
	snprintf(want, sizeof(want), "memory: added [mem 0x%llx-0x%llx] node 0 (acpi): memory%lu-memory%lu, memmap ",
		 (unsigned long long)HOT, (unsigned long long)(HOT + 2 * BLOCK - 1),
		 HOT_BLOCK, HOT_BLOCK + 1);
	assert_true(fake_printk_contains(want));
	assert_true(fake_printk_contains(" from node 0 in "));
	check_buddy();
}

/* Each auto-online policy, through the auto_online_blocks file. */
static void
test_add_policies(void **state)
{
	static const struct {
		const char *policy;
		enum memory_block_state state;
		bool movable;
	} cases[] = {
		{ "offline",		MEM_OFFLINE,	false },
		{ "online_kernel",	MEM_ONLINE,	false },
		{ "online_movable",	MEM_ONLINE,	true },
	};

	(void)state;
	assert_int_equal(pseudofs_write("/sys/devices/system/memory/auto_online_blocks", "sideways"),
			 -EINVAL);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long managed0 = total_managed();
		const struct memory_block *mb;
		char want[32];

		assert_int_equal(pseudofs_write("/sys/devices/system/memory/auto_online_blocks",
						cases[i].policy), 0);
		snprintf(want, sizeof(want), "%s\n", cases[i].policy);
		assert_string_equal(read_file("/sys/devices/system/memory/auto_online_blocks"), want);
		assert_int_equal(add_memory(0, HOT + i * BLOCK, BLOCK, MHP_SOURCE_ACPI), 0);
		mb = find_memory_block(HOT_BLOCK + i);
		assert_non_null(mb);
		assert_int_equal(mb->state, cases[i].state);
		if (cases[i].state == MEM_OFFLINE) {
			assert_int_equal(total_managed(), managed0);
			continue;
		}
		assert_int_equal(total_managed(), managed0 + PAGES_PER_BLOCK);
		assert_int_equal(mb->zone == ZONE_MOVABLE, cases[i].movable);
	}
	check_buddy();
}

/* The exact range again: 0, and nothing changes, not even the log. */
static void
test_readd_exact(void **state)
{
	struct snapshot s;
	int count, records;

	(void)state;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	s = snap();
	count = fake_printk_count;
	records = hotplug_range_count();
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	assert_unchanged(&s);
	assert_int_equal(fake_mmu.map_calls, s.map_calls);
	assert_int_equal(fake_printk_count, count);
	assert_int_equal(hotplug_range_count(), records);
}

/* Overlapping an added range: -EEXIST, one error line, nothing changed. */
static void
test_overlap(void **state)
{
	struct snapshot s;

	(void)state;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	s = snap();
	fake_printk_clear();
	assert_int_equal(add_memory(0, HOT + BLOCK, 2 * BLOCK, MHP_SOURCE_ACPI), -EEXIST);
	assert_refused(&s);
	assert_int_equal(fake_mmu.map_calls, s.map_calls);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("overlaps range 2"));
	/* A refusal is no failure to retry: the status list did not grow. */
	assert_int_equal(hotplug_range_count(), 3);
	assert_int_equal(last_range()->status, MHP_ENABLED);
	/* A smaller range inside it is not "the exact range". */
	assert_int_equal(add_memory(0, HOT, BLOCK, MHP_SOURCE_ACPI), -EEXIST);
	assert_refused(&s);
}

/* Bad arguments: -EINVAL each, one line each, nothing changed. */
static void
test_bad_arguments(void **state)
{
	static const struct { int nid; u64 start, size; } cases[] = {
		{ 0, 0, 0 },
		{ 0, 0, PAGE_SIZE },
		{ 0, PAGE_SIZE, 0 },
		{ 0, MEMORY_BLOCK_SIZE / 2, MEMORY_BLOCK_SIZE },
		{ 0, 0, MEMORY_BLOCK_SIZE + PAGE_SIZE },
		{ MAX_NUMNODES, 0, MEMORY_BLOCK_SIZE },
		{ -1, 0, MEMORY_BLOCK_SIZE },
		{ 0, (1ULL << MAX_PHYSMEM_BITS) - MEMORY_BLOCK_SIZE, 2 * MEMORY_BLOCK_SIZE },
	};
	struct snapshot s = snap();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		fake_printk_clear();
		assert_int_equal(add_memory(cases[i].nid, HOT + cases[i].start, cases[i].size,
					    MHP_SOURCE_ACPI), -EINVAL);
		assert_int_equal(fake_printk_count, 1);
		assert_refused(&s);
		assert_int_equal(fake_mmu.map_calls, 0);
	}
}

/* With a SRAT, ACPI memory must lie in one of its hotplug ranges. */
static void
test_srat_outside(void **state)
{
	struct snapshot s = snap();

	(void)state;
	fake_printk_clear();
	assert_int_equal(add_memory(0, HOT + 3 * BLOCK, 2 * BLOCK, MHP_SOURCE_ACPI), -EINVAL);
	assert_refused(&s);
	assert_true(fake_printk_contains("outside every hotpluggable SRAT range"));
	/* Boot memory is outside too: refused before any overlap is looked for. */
	assert_int_equal(add_memory(0, 0, BLOCK, MHP_SOURCE_ACPI), -EINVAL);
	assert_refused(&s);
	/* Without a SRAT's hotplug ranges the overlap check speaks. */
	numa_reset();
	assert_int_equal(add_memory(0, 0, BLOCK, MHP_SOURCE_ACPI), -EEXIST);
	assert_true(fake_printk_contains("overlaps range 0 [mem 0x0-"));
	assert_refused(&s);
}

/* probe: only RAM mem= hid, back to hidden on remove; the sysfs file. */
static void
test_probe(void **state)
{
	u64 hidden0 = memblock_hidden_size();
	unsigned long free0 = global_free_pages();
	struct snapshot s;
	char addr[32];

	(void)state;
	s = snap();
	assert_int_equal(probe_memory(0, 0), -EINVAL);		/* boot RAM */
	assert_int_equal(probe_memory(HOT, 0), -EINVAL);	/* not hidden */
	assert_int_equal(probe_memory(HIDDEN + BLOCK, 2 * BLOCK), -EINVAL);	/* half hidden */
	assert_refused(&s);
	assert_true(fake_printk_contains("not RAM that mem= hid"));
	/* Hidden RAM of two nodes: a block has one node, so probe refuses. */
	assert_int_equal(memblock_set_node(HIDDEN + BLOCK, BLOCK, 1), 0);
	assert_int_equal(probe_memory(HIDDEN, 2 * BLOCK), -EINVAL);
	assert_refused(&s);
	assert_true(fake_printk_contains("hidden RAM of two nodes"));
	assert_int_equal(memblock_set_node(HIDDEN + BLOCK, BLOCK, 0), 0);

	snprintf(addr, sizeof(addr), "0x%llx", (unsigned long long)HIDDEN);
	assert_int_equal(pseudofs_write("/sys/devices/system/memory/probe", addr), 0);
	assert_int_equal(memblock_hidden_size(), hidden0 - BLOCK);
	assert_non_null(find_memory_block(HIDDEN / BLOCK));
	assert_int_equal(last_range()->source, MHP_SOURCE_PROBE);
	assert_int_equal(last_range()->nid, 0);
	/* Probed again: already there. */
	s = snap();
	assert_int_equal(probe_memory(HIDDEN, BLOCK), 0);
	assert_unchanged(&s);
	assert_int_equal(pseudofs_write("/sys/devices/system/memory/probe", "nonsense"), -EINVAL);
	{
		char buf[128];
		struct seq sq;

		seq_init(&sq, buf, sizeof(buf));
		assert_int_equal(pseudofs_read("/sys/devices/system/memory/probe", &sq), -EACCES);
	}

	offline_range(HIDDEN, BLOCK);
	assert_int_equal(remove_memory(HIDDEN, BLOCK), 0);
	assert_int_equal(memblock_hidden_size(), hidden0);
	assert_int_equal(global_free_pages(), free0);
	/* Both hidden blocks at once, from the shell's probe ADDR SIZE. */
	assert_int_equal(probe_memory(HIDDEN, 2 * BLOCK), 0);
	assert_int_equal(memblock_hidden_size(), hidden0 - 2 * BLOCK);
	check_buddy();
}

/* arch_map_direct() fails: FAILED with the reason, all undone, retry works. */
static void
test_map_failure_and_retry(void **state)
{
	struct snapshot s = snap();
	struct hotplug_range *r;

	(void)state;
	fake_mmu.map_error = -ENOMEM;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), -ENOMEM);
	assert_unchanged(&s);
	assert_null(find_memory_block(HOT_BLOCK));
	r = last_range();
	assert_int_equal(r->status, MHP_FAILED);
	assert_int_equal(r->error, -ENOMEM);
	assert_non_null(strstr(r->reason, "direct map"));
	assert_true(fake_printk_contains("failed: cannot map it into the direct map (-12)"));

	assert_int_equal(retry_hotplug_range(r->id), 0);
	assert_int_equal(r->status, MHP_ENABLED);
	assert_int_equal(hotplug_range_count(), r->id + 1);	/* the same record */
	assert_non_null(find_memory_block(HOT_BLOCK + 1));
	assert_int_equal(retry_hotplug_range(r->id), -EINVAL);	/* not FAILED now */
	assert_int_equal(retry_hotplug_range(999), -ENOENT);
}

/* A map that fails half way leaves entries: the undo clears them too. */
static void
test_partial_map_failure_is_undone(void **state)
{
	struct snapshot s = snap();

	(void)state;
	fake_mmu.map_error = -ENOMEM;
	fake_mmu.map_partial = true;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), -ENOMEM);
	assert_int_equal(fake_mmu.nr_mapped, s.nr_mapped);
	assert_int_equal(fake_mmu_mapped_bytes(HOT, 2 * BLOCK), 0);
	assert_unchanged(&s);
	assert_int_equal(last_range()->status, MHP_FAILED);
}

/*
 * A device whose add FAILED is gone (the DIMM was ejected):
 * hotplug_range_forget(its owner) marks its FAILED record REMOVED, so
 * retry refuses it; another owner's FAILED record and the device's own
 * ENABLED record stay as they were.
 */
static void
test_forget_failed_records_of_a_gone_device(void **state)
{
	static int dimm_a, dimm_b;
	struct hotplug_range *failed_a, *failed_b, *enabled_a;

	(void)state;
	fake_mmu.map_error = -ENOMEM;
	mutex_lock(&mem_hotplug_lock);
	assert_int_equal(add_memory_locked(0, HOT, BLOCK, MHP_SOURCE_ACPI, &dimm_a), -ENOMEM);
	failed_a = last_range();
	fake_mmu.map_error = -ENOMEM;	/* it fails once */
	assert_int_equal(add_memory_locked(0, HOT + BLOCK, BLOCK, MHP_SOURCE_ACPI, &dimm_b),
			 -ENOMEM);
	failed_b = last_range();
	assert_int_equal(add_memory_locked(0, HOT + 2 * BLOCK, BLOCK, MHP_SOURCE_ACPI, &dimm_a), 0);
	enabled_a = last_range();
	mutex_unlock(&mem_hotplug_lock);

	assert_int_equal(hotplug_range_forget(NULL), 0);
	assert_int_equal(hotplug_range_forget(&dimm_a), 1);
	assert_false(mutex_held(&mem_hotplug_lock));
	assert_int_equal(failed_a->status, MHP_REMOVED);
	assert_int_equal(failed_b->status, MHP_FAILED);
	assert_int_equal(enabled_a->status, MHP_ENABLED);
	assert_int_equal(retry_hotplug_range(failed_a->id), -EINVAL);
	assert_null(find_memory_block(HOT_BLOCK));
	assert_int_equal(hotplug_range_forget(&dimm_a), 0);	/* nothing left to forget */
}

/* The third memmap cannot be had: the two before are freed, all undone. */
static void
test_memmap_failure_and_retry(void **state)
{
	unsigned long nsec = 2 * BLOCK / SECTION_SIZE;
	struct snapshot s = snap();
	struct hotplug_range *r;

	(void)state;
	if (nsec < 3)
		use_heap_memmaps(2);	/* ia64: a section per block */
	else
		use_heap_memmaps(3);
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), -ENOMEM);
	assert_unchanged(&s);
	assert_int_equal(heap.live, 0);
	assert_int_equal(heap.frees, heap.calls - 1);
	assert_int_equal(fake_mmu.nr_mapped, 0);
	assert_int_equal(fake_mmu.unmap_calls, 1);
	r = last_range();
	assert_non_null(strstr(read_file("/proc/memhotplug"),
			       "FAILED: no memory for the memmap (-12)\n"));

	heap.fail_at = 0;
	assert_int_equal(retry_hotplug_range(r->id), 0);
	assert_int_equal(heap.live, (int)nsec);
	assert_int_equal(r->status, MHP_ENABLED);
	offline_range(HOT, 2 * BLOCK);
	assert_int_equal(remove_memory(HOT, 2 * BLOCK), 0);
	assert_int_equal(heap.live, 0);
}

static int
squatter_show(struct seq *s)
{
	seq_puts(s, "not a block's file\n");
	return 0;
}

/* A block's creation fails (its files exist already): undone the same way. */
static void
test_block_failure(void **state)
{
	static struct pseudo_file squatter = { .show = squatter_show };
	struct snapshot s;
	char path[80];

	(void)state;
	snprintf(path, sizeof(path), "/sys/devices/system/memory/memory%lu/state",
		 HOT_BLOCK + 1);
	squatter.path = path;
	assert_int_equal(pseudofs_register(&squatter), 0);
	s = snap();
	assert_true(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI) < 0);
	assert_unchanged(&s);
	assert_null(find_memory_block(HOT_BLOCK));
	assert_int_equal(last_range()->status, MHP_FAILED);
	assert_int_equal(pseudofs_unregister(&squatter), 0);
	assert_int_equal(retry_hotplug_range(last_range()->id), 0);
}

/* memmap_on_memory: the memmap in the block's first pages, never managed. */
static void
test_memmap_on_memory(void **state)
{
	unsigned long v = mhp_vmemmap_pages(), free0 = global_free_pages();
	unsigned long managed0 = total_managed();
	char want[64];

	(void)state;
	assert_int_equal(v % pageblock_nr_pages, 0);
	assert_true(v * PAGE_SIZE >= SECTIONS_PER_BLOCK * memmap_size_bytes());
	assert_true(v < PAGES_PER_BLOCK);
	memmap_on_memory = true;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	assert_int_equal(last_range()->nr_vmemmap_pages, v);
	for (unsigned long i = 0; i < 2; i++) {
		const struct memory_block *mb = find_memory_block(HOT_BLOCK + i);
		unsigned long pfn = PHYS_PFN(HOT + i * BLOCK);

		assert_int_equal(mb->nr_vmemmap_pages, v);
		assert_int_equal(mb->state, MEM_ONLINE);
		/* The block's first struct page lies at the block's first byte. */
		assert_ptr_equal(pfn_to_page(pfn), ram + HOT + i * BLOCK);
	}
	assert_int_equal(present(0, ZONE_MOVABLE), 2 * PAGES_PER_BLOCK);
	assert_int_equal(managed(0, ZONE_MOVABLE), 2 * (PAGES_PER_BLOCK - v));
	assert_int_equal(total_managed(), managed0 + 2 * (PAGES_PER_BLOCK - v));
	assert_int_equal(global_free_pages(), free0 + 2 * (PAGES_PER_BLOCK - v));
	snprintf(want, sizeof(want), "memmap %lu", v * PAGE_SIZE >> 20);
	assert_true(fake_printk_contains(want));
	assert_true(fake_printk_contains("per block on the memory itself in "));
	check_buddy();

	offline_range(HOT, 2 * BLOCK);
	assert_int_equal(total_managed(), managed0);
	assert_int_equal(remove_memory(HOT, 2 * BLOCK), 0);
	assert_int_equal(global_free_pages(), free0);
	assert_int_equal(present(0, ZONE_MOVABLE), 0);
}

/* Remove refusals: an online block, boot memory, a range never added. */
static void
test_remove_refusals(void **state)
{
	struct snapshot s;
	char want[64];

	(void)state;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	s = snap();
	fake_printk_clear();
	assert_int_equal(remove_memory(HOT, 2 * BLOCK), -EBUSY);
	snprintf(want, sizeof(want), "memory%lu is online", HOT_BLOCK);
	assert_true(fake_printk_contains(want));
	assert_int_equal(offline_memory_block(HOT_BLOCK), 0);
	assert_int_equal(remove_memory(HOT, 2 * BLOCK), -EBUSY);	/* the second */
	snprintf(want, sizeof(want), "memory%lu is online", HOT_BLOCK + 1);
	assert_true(fake_printk_contains(want));
	assert_int_equal(online_memory_block(HOT_BLOCK, MMOP_ONLINE_MOVABLE), 0);
	assert_unchanged(&s);

	assert_int_equal(remove_memory(0, BLOCK), -EPERM);
	assert_true(fake_printk_contains("boot memory cannot be removed"));
	assert_int_equal(offline_and_remove_memory(0, 2 * BLOCK), -EPERM);
	assert_int_equal(remove_memory(HOT, BLOCK), -ENOENT);	/* part of a range */
	assert_int_equal(remove_memory(HOT + 2 * BLOCK, BLOCK), -ENOENT);
	assert_unchanged(&s);
	assert_int_equal(last_range()->status, MHP_ENABLED);
}

/* offline_and_remove: the second block refuses to go; the first comes back. */
static unsigned long refuse_block = ~0UL;

static int
refuse_offline(enum memory_notify_action action, const struct memory_notify *n)
{
	return action == MEM_GOING_OFFLINE_ACTION && n->block_id == refuse_block ? -EBUSY : 0;
}

static void
test_offline_and_remove(void **state)
{
	static bool registered;
	struct snapshot s;

	(void)state;
	if (!registered)
		assert_int_equal(register_memory_notifier(refuse_offline), 0);
	registered = true;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	s = snap();
	refuse_block = HOT_BLOCK + 1;
	assert_int_equal(offline_and_remove_memory(HOT, 2 * BLOCK), -EBUSY);
	refuse_block = ~0UL;
	assert_unchanged(&s);
	for (unsigned long i = 0; i < 2; i++) {
		assert_int_equal(find_memory_block(HOT_BLOCK + i)->state, MEM_ONLINE);
		assert_int_equal(find_memory_block(HOT_BLOCK + i)->zone, ZONE_MOVABLE);
	}
	assert_int_equal(last_range()->status, MHP_ENABLED);

	assert_int_equal(offline_and_remove_memory(HOT, 2 * BLOCK), 0);
	assert_null(find_memory_block(HOT_BLOCK));
	assert_int_equal(last_range()->status, MHP_REMOVED);
	assert_int_equal(fake_mmu.nr_mapped, 0);
	assert_int_equal(present(0, ZONE_MOVABLE), 0);
	check_buddy();
}

/* 20 add / online / offline / remove cycles: the same free count after each. */
static void
test_cycles(void **state)
{
	unsigned long free0 = global_free_pages(), managed0 = total_managed();
	unsigned long sections0 = present_sections();
	char want[96];

	(void)state;
	for (int i = 0; i < 20; i++) {
		int nid = i % 2;	/* node 1 has the memmaps' memory too */

		fake_printk_clear();
		memmap_on_memory = i % 4 == 3;
		assert_int_equal(add_memory(nid, HOT, 4 * BLOCK, MHP_SOURCE_ACPI), 0);
		assert_int_equal(total_managed(), managed0 + 4 * (PAGES_PER_BLOCK -
					(memmap_on_memory ? mhp_vmemmap_pages() : 0)));
		if (i % 2)
			assert_int_equal(offline_and_remove_memory(HOT, 4 * BLOCK), 0);
		else {
			offline_range(HOT, 4 * BLOCK);
			assert_int_equal(remove_memory(HOT, 4 * BLOCK), 0);
		}
		assert_int_equal(global_free_pages(), free0);
		assert_int_equal(total_managed(), managed0);
		assert_int_equal(present_sections(), sections0);
		assert_int_equal(memory_block_count(), BOOT_BLOCKS);
		assert_int_equal(fake_mmu.nr_mapped, 0);
		check_buddy();
	}
	assert_int_equal(hotplug_range_count(), 3);	/* one record, reused */
	snprintf(want, sizeof(want), "memory: removed [mem 0x%llx-0x%llx] node 1",
		 (unsigned long long)HOT, (unsigned long long)(HOT + 4 * BLOCK - 1));
	assert_true(fake_printk_contains(want));
}

/* A size as the test expects lsmem to print a multiple of a unit. */
static const char *
want_size(u64 bytes, char *buf)
{
	static const char units[] = "BKMGT";
	int u = 0;

	while (bytes >= 1024 && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	sprintf(buf, "%llu%c", (unsigned long long)bytes, units[u]);
	return buf;
}

/* /proc/memhotplug: the header, then one line per record in id order. */
static void
test_proc_memhotplug(void **state)
{
	char want[1024], sz[4][16];
	int n;

	(void)state;
	assert_int_equal(add_memory(0, HOT, 2 * BLOCK, MHP_SOURCE_ACPI), 0);
	fake_mmu.map_error = -ENOMEM;
	assert_int_equal(add_memory(0, HOT + 2 * BLOCK, BLOCK, MHP_SOURCE_ACPI), -ENOMEM);
	assert_int_equal(probe_memory(HIDDEN, BLOCK), 0);
	assert_int_equal(offline_memory_block(HIDDEN / BLOCK), 0);
	assert_int_equal(remove_memory(HIDDEN, BLOCK), 0);

	n = snprintf(want, sizeof(want),
		     "ID RANGE                                      SIZE NODE SOURCE STATUS\n"
		     " 0 0x%016llx-0x%016llx %9s %4d %-6s %s\n"
		     " 1 0x%016llx-0x%016llx %9s %4d %-6s %s\n"
		     " 2 0x%016llx-0x%016llx %9s %4d %-6s %s\n"
		     " 3 0x%016llx-0x%016llx %9s %4d %-6s %s\n"
		     " 4 0x%016llx-0x%016llx %9s %4d %-6s %s\n",
		     0ULL, (unsigned long long)(2 * BLOCK - 1), want_size(2 * BLOCK, sz[0]), 0,
		     "boot", "ENABLED",
		     (unsigned long long)(2 * BLOCK), (unsigned long long)(4 * BLOCK - 1),
		     want_size(2 * BLOCK, sz[1]), 1, "boot", "ENABLED",
		     (unsigned long long)HOT, (unsigned long long)(HOT + 2 * BLOCK - 1),
		     want_size(2 * BLOCK, sz[2]), 0, "acpi", "ENABLED",
		     (unsigned long long)(HOT + 2 * BLOCK), (unsigned long long)(HOT + 3 * BLOCK - 1),
		     want_size(BLOCK, sz[3]), 0, "acpi",
		     "FAILED: cannot map it into the direct map (-12)",
		     (unsigned long long)HIDDEN, (unsigned long long)(HIDDEN + BLOCK - 1),
		     want_size(BLOCK, sz[3]), 0, "probe", "REMOVED");
	assert_true(n < (int)sizeof(want));
	assert_string_equal(read_file("/proc/memhotplug"), want);
}

/* A node the firmware named but that has no memory yet comes online. */
static void
test_new_node(void **state)
{
	(void)state;
	use_heap_memmaps(0);
	assert_false(NODE_DATA(5)->online);
	assert_int_equal(add_memory(5, HOT, BLOCK, MHP_SOURCE_ACPI), 0);
	assert_true(NODE_DATA(5)->online);
	assert_int_equal(find_memory_block(HOT_BLOCK)->nid, 5);
	assert_int_equal(present(5, ZONE_MOVABLE), PAGES_PER_BLOCK);
	/* Its memmap came from the heap: the hook said which node. */
	assert_true(fake_printk_contains("from node 5"));
	/* A failed first add leaves the node as it was. */
	fake_mmu.map_error = -ENOMEM;
	assert_int_equal(add_memory(6, HOT + BLOCK, BLOCK, MHP_SOURCE_ACPI), -ENOMEM);
	assert_false(NODE_DATA(6)->online);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_boot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_block_size_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_online_movable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_policies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readd_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_srat_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_failure_and_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_map_failure_is_undone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memmap_failure_and_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_failed_records_of_a_gone_device, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_block_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memmap_on_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_and_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cycles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proc_memhotplug, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_node, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
