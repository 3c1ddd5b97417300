/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_memory_hotplug.c - the fake of mm's hotplug
 * contract described in fake_memory_hotplug.h: records, blocks and calls,
 * no memory management behind them.
 *
 * Course text: docs/00-introduction.md (fakes in host tests).
 * Tests: used by tests/unit/acpi/test_memory_device.c
 */
#include <stdio.h>
#include <string.h>

#include "fake_memory_hotplug.h"
#include "kernel/kernel.h"

struct mutex mem_hotplug_lock = MUTEX_INIT(mem_hotplug_lock);
struct fake_mhp fake_mhp;

static struct hotplug_range ranges[MHP_MAX_RANGES];
static int nr_ranges;
static struct memory_block blocks[FAKE_MHP_BLOCKS];	/* by id; used when range != NULL */

void
fake_mhp_reset(void)
{
	memset(&fake_mhp, 0, sizeof(fake_mhp));
	memset(ranges, 0, sizeof(ranges));
	memset(blocks, 0, sizeof(blocks));
	nr_ranges = 0;
}

int
fake_mhp_count(const char *what)
{
	int n = 0;

	for (int i = 0; i < fake_mhp.nr_calls && i < FAKE_MHP_CALLS; i++)
		n += !strcmp(fake_mhp.calls[i].what, what);
	return n;
}

static void
record(const char *what, int nid, u64 start, u64 size, enum mhp_source source, void *owner,
       int ret)
{
	if (fake_mhp.nr_calls < FAKE_MHP_CALLS) {
		struct fake_mhp_call *c = &fake_mhp.calls[fake_mhp.nr_calls];

		snprintf(c->what, sizeof(c->what), "%s", what);
		c->nid = nid;
		c->start = start;
		c->size = size;
		c->source = source;
		c->owner = owner;
		c->ret = ret;
		c->locked = mutex_held(&mem_hotplug_lock);
	}
	fake_mhp.nr_calls++;
}

int
hotplug_range_count(void)
{
	return nr_ranges;
}

struct hotplug_range *
hotplug_range_at(int id)
{
	return id >= 0 && id < nr_ranges ? &ranges[id] : NULL;
}

struct hotplug_range *
hotplug_range_find(u64 start, u64 size)
{
	for (int i = 0; i < nr_ranges; i++)
		if (ranges[i].status == MHP_ENABLED && ranges[i].start <= start &&
		    start + size <= ranges[i].start + ranges[i].size)
			return &ranges[i];
	return NULL;
}

struct memory_block *
find_memory_block(unsigned long id)
{
	return id < FAKE_MHP_BLOCKS && blocks[id].range ? &blocks[id] : NULL;
}

int
fake_mhp_set_block_state(unsigned long id, enum memory_block_state s)
{
	struct memory_block *mb = find_memory_block(id);

	if (!mb)
		return -ENOENT;
	mb->state = s;
	return 0;
}

static unsigned long
first_block(u64 start)
{
	return pfn_to_block_id(start >> PAGE_SHIFT);
}

static unsigned long
last_block(u64 start, u64 size)
{
	return pfn_to_block_id((start + size - 1) >> PAGE_SHIFT);
}

/* The record of exactly [start, start + size), any status, or NULL. */
static struct hotplug_range *
record_of(u64 start, u64 size)
{
	for (int i = 0; i < nr_ranges; i++)
		if (ranges[i].start == start && ranges[i].size == size)
			return &ranges[i];
	return NULL;
}

int
add_memory_locked(int nid, u64 start, u64 size, enum mhp_source source, void *owner)
{
	struct hotplug_range *h = record_of(start, size);
	int err = 0;

	if (h && h->status == MHP_ENABLED)
		goto out;
	if (!size || start % MEMORY_BLOCK_SIZE || size % MEMORY_BLOCK_SIZE ||
	    last_block(start, size) >= FAKE_MHP_BLOCKS) {
		err = -EINVAL;
		goto out;
	}
	for (int i = 0; i < nr_ranges; i++)
		if (ranges[i].status == MHP_ENABLED && start < ranges[i].start + ranges[i].size &&
		    ranges[i].start < start + size) {
			err = -EEXIST;
			goto out;
		}
	if (!h) {
		if (nr_ranges == MHP_MAX_RANGES) {
			err = -ENOSPC;
			goto out;
		}
		h = &ranges[nr_ranges];
		h->id = nr_ranges++;
	}
	h->start = start;
	h->size = size;
	h->nid = nid;
	h->source = source;
	h->owner = owner;
	if (fake_mhp.add_error) {
		err = fake_mhp.add_error;
		h->status = MHP_FAILED;
		h->error = err;
		snprintf(h->reason, sizeof(h->reason), "no memory for the memmap (%d)", err);
		goto out;
	}
	h->status = MHP_ENABLED;
	h->error = 0;
	h->reason[0] = '\0';
	for (unsigned long id = first_block(start); id <= last_block(start, size); id++)
		blocks[id] = (struct memory_block){ .id = id, .nid = nid, .state = MEM_ONLINE,
						    .zone = ZONE_MOVABLE, .range = h };
	fake_mhp.adds++;
out:
	record("add", nid, start, size, source, owner, err);
	return err;
}

int
add_memory(int nid, u64 start, u64 size, enum mhp_source source)
{
	int err;

	mutex_lock(&mem_hotplug_lock);
	err = add_memory_locked(nid, start, size, source, NULL);
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

int
offline_and_remove_memory(u64 start, u64 size)
{
	struct hotplug_range *h = record_of(start, size);
	int err = 0;

	if (!h || h->status != MHP_ENABLED)
		err = -ENOENT;
	else if (fake_mhp.remove_error)
		err = fake_mhp.remove_error;
	if (!err) {
		for (unsigned long id = first_block(start); id <= last_block(start, size); id++)
			memset(&blocks[id], 0, sizeof(blocks[id]));
		h->status = MHP_REMOVED;
		fake_mhp.removes++;
		if (fake_mhp.on_remove)
			fake_mhp.on_remove(start, size);
	}
	record("remove", h ? h->nid : -1, start, size, h ? h->source : MHP_SOURCE_ACPI, NULL, err);
	return err;
}
