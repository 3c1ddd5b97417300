/* SPDX-License-Identifier: MIT */
/*
 * mm/hotplug_policy.c - what the administrator sets and sees of memory
 * hotplug, apart from the blocks themselves: the auto-online policy
 * (memhp_default_state=, auto_online_blocks), memmap_on_memory, the
 * status list /proc/memhotplug, block_size_bytes and the probe file.
 *
 * The idea: policy is data.  add_memory() reads mhp_default_online_type
 * and memmap_on_memory at each add; nothing here adds or removes memory
 * except through mm/memory_hotplug.h.
 *
 * Course text: docs/08-hot-add.md.
 * Tests: tests/unit/mm/test_memory_hotplug.c, tests/qemu/test_hot_add.py,
 *        tests/qemu/test_probe.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"

/* Set from the command line, and auto_online_blocks; read at each add. */
enum mhp_online_type mhp_default_online_type = MMOP_ONLINE_MOVABLE;
bool memmap_on_memory;

/* ------------------------------------------------------------ policies */

KERNEL_PARAM(param_memhp_default_state, "memhp_default_state",
	     "offline|online|online_kernel|online_movable: what hot-added blocks become");

static int
param_memhp_default_state(const char *val)
{
	int t = mhp_online_type_from_str(val);

	if (t < 0)
		return -EINVAL;
	mhp_default_online_type = (enum mhp_online_type)t;
	return 0;
}

KERNEL_PARAM(param_memmap_on_memory, "memmap_on_memory",
	     "memmap_on_memory[=1|0]: a hot-added block's memmap lives in its own first pages");

static int
param_memmap_on_memory(const char *val)
{
	if (!val || strcmp(val, "1") == 0 || strcmp(val, "y") == 0 || strcmp(val, "on") == 0)
		memmap_on_memory = true;
	else if (strcmp(val, "0") == 0 || strcmp(val, "n") == 0 || strcmp(val, "off") == 0)
		memmap_on_memory = false;
	else
		return -EINVAL;
	return 0;
}

/* The memmaps of one block's sections, in pages, rounded up to whole
 * pageblocks so that the rest of the block starts on a pageblock and
 * can be isolated and given to the buddy pageblock by pageblock. */
unsigned long
mhp_vmemmap_pages(void)
{
	unsigned long bytes = SECTIONS_PER_BLOCK * memmap_size_bytes();

	return ALIGN_UP((bytes + PAGE_SIZE - 1) / PAGE_SIZE, pageblock_nr_pages);
}

/* ------------------------------------------------------------ files */

static const char *const status_names[] = {
	[MHP_ENABLED]	= "ENABLED",
	[MHP_FAILED]	= "FAILED",
	[MHP_REMOVED]	= "REMOVED",
};

static int
memhotplug_show(struct seq *s)
{
	seq_printf(s, "ID RANGE                                      SIZE NODE SOURCE STATUS\n");
	for (int i = 0; i < hotplug_range_count() && !seq_overflowed(s); i++) {
		const struct hotplug_range *r = hotplug_range_at(i);
		char sz[16];

		seq_printf(s, "%2d 0x%016llx-0x%016llx %9s %4d %-6s %s", r->id,
			   (unsigned long long)r->start,
			   (unsigned long long)(r->start + r->size - 1),
			   size_to_human(r->size, sz, sizeof(sz)), r->nid, mhp_source_name(r->source),
			   status_names[r->status]);
		if (r->status == MHP_FAILED)
			seq_printf(s, ": %s (%d)", r->reason, r->error);
		seq_putc(s, '\n');
	}
	return 0;
}
PSEUDO_FILE(memhotplug, "/proc/memhotplug", memhotplug_show, NULL,
	    "every range ever added: range, size, node, source, ENABLED/FAILED/REMOVED");

static int
block_size_show(struct seq *s)
{
	seq_printf(s, "%lx\n", MEMORY_BLOCK_SIZE);
	return 0;
}
PSEUDO_FILE(block_size_bytes, "/sys/devices/system/memory/block_size_bytes",
	    block_size_show, NULL, "the memory block size in bytes, hex");

static int
auto_online_show(struct seq *s)
{
	seq_printf(s, "%s\n", mhp_online_type_name(mhp_default_online_type));
	return 0;
}

static int
auto_online_store(const char *text, void *data)
{
	int t = mhp_online_type_from_str(text);

	(void)data;
	if (t < 0) {
		pr_err("memory: auto_online_blocks: '%s': offline, online, online_kernel or online_movable\n",
		       text);
		return -EINVAL;
	}
	mhp_default_online_type = (enum mhp_online_type)t;
	return 0;
}
PSEUDO_FILE(auto_online_blocks, "/sys/devices/system/memory/auto_online_blocks",
	    auto_online_show, auto_online_store,
	    "what hot-added blocks become: offline, online, online_kernel, online_movable");

static int
probe_store(const char *text, void *data)
{
	u64 addr;

	(void)data;
	if (arg_u64(text, &addr)) {
		pr_err("memory: probe: '%s' is not an address\n", text);
		return -EINVAL;
	}
	return probe_memory(addr, 0);
}
PSEUDO_FILE(probe, "/sys/devices/system/memory/probe", NULL, probe_store,
	    "write ADDR: add the memory block of hidden RAM (mem=) there");
