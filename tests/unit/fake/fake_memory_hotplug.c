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

const char *
mhp_source_name(enum mhp_source source)
{
	return source == MHP_SOURCE_BOOT ? "boot" : source == MHP_SOURCE_ACPI ? "acpi" : "probe";
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

int
fake_mhp_set_block_zone(unsigned long id, int zone)
{
	struct memory_block *mb = find_memory_block(id);

	if (!mb)
		return -ENOENT;
	mb->state = MEM_ONLINE;
	mb->zone = zone;
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
retry_hotplug_range(int id)
{
	struct hotplug_range *h = hotplug_range_at(id);
	int err;

	if (!h)
		return -ENOENT;
	if (h->status != MHP_FAILED)
		return -EINVAL;
	mutex_lock(&mem_hotplug_lock);
	err = add_memory_locked(h->nid, h->start, h->size, h->source, h->owner);
	mutex_unlock(&mem_hotplug_lock);
	return err;
}

int
hotplug_range_forget(void *owner)
{
	int n = 0;

	for (int i = 0; owner && i < nr_ranges; i++)
		if (ranges[i].owner == owner && ranges[i].status == MHP_FAILED) {
			ranges[i].status = MHP_REMOVED;
			n++;
		}
	return n;
}

int
offline_memory_block_locked(struct memory_block *mb)
{
	fake_mhp.unlocked += !mutex_held(&mem_hotplug_lock);
	if (mb->state != MEM_ONLINE)
		return -EINVAL;
	if (fake_mhp.busy_block && mb->id == fake_mhp.busy_block)
		return -EBUSY;
	mb->state = MEM_OFFLINE;
	mb->zone = -1;
	fake_mhp.offlines++;
	fake_mhp.offlines_unfenced += !mb->fenced;
	return 0;
}

/* The fence marks the online blocks of the range, as the real one does;
 * the real isolation is mm's business (tests/unit/mm/test_migrate.c). */
void
mhp_fence_range(u64 start, u64 size)
{
	fake_mhp.unlocked += !mutex_held(&mem_hotplug_lock);
	for (u64 a = start; a < start + size; a += MEMORY_BLOCK_SIZE) {
		struct memory_block *mb = find_memory_block(pfn_to_block_id(a >> PAGE_SHIFT));

		if (mb && mb->state == MEM_ONLINE)
			mb->fenced = true;
	}
}

void
mhp_unfence_range(u64 start, u64 size)
{
	fake_mhp.unlocked += !mutex_held(&mem_hotplug_lock);
	for (u64 a = start; a < start + size; a += MEMORY_BLOCK_SIZE) {
		struct memory_block *mb = find_memory_block(pfn_to_block_id(a >> PAGE_SHIFT));

		if (mb)
			mb->fenced = false;
	}
}

int
online_memory_block_locked(struct memory_block *mb, enum mhp_online_type type)
{
	fake_mhp.unlocked += !mutex_held(&mem_hotplug_lock);
	if (mb->state != MEM_OFFLINE || type == MMOP_OFFLINE)
		return -EINVAL;
	mb->state = MEM_ONLINE;
	mb->zone = type == MMOP_ONLINE_KERNEL ? ZONE_NORMAL : ZONE_MOVABLE;
	fake_mhp.onlines++;
	return 0;
}

/* Blocks gone, record REMOVED: the end of a remove that succeeded. */
static void
take_away(struct hotplug_range *h, u64 start, u64 size)
{
	for (unsigned long id = first_block(start); id <= last_block(start, size); id++)
		memset(&blocks[id], 0, sizeof(blocks[id]));
	h->status = MHP_REMOVED;
	fake_mhp.removes++;
	if (fake_mhp.on_remove)
		fake_mhp.on_remove(start, size);
}

/* Why the remove of record H (at START) fails before any block check, or 0. */
static int
remove_refusal(const struct hotplug_range *h, u64 start)
{
	if (!h || h->status != MHP_ENABLED)
		return -ENOENT;
	if (fake_mhp.remove_error)
		return fake_mhp.remove_error;
	if (fake_mhp.remove_fail_start && start == fake_mhp.remove_fail_start)
		return -EBUSY;
	return 0;
}

int
remove_memory_locked(u64 start, u64 size)
{
	struct hotplug_range *h = record_of(start, size);
	int err = remove_refusal(h, start);

	fake_mhp.unlocked += !mutex_held(&mem_hotplug_lock);
	for (unsigned long id = first_block(start); !err && id <= last_block(start, size); id++)
		if (blocks[id].range && blocks[id].state != MEM_OFFLINE)
			err = -EBUSY;
	if (!err)
		take_away(h, start, size);
	record("remove", h ? h->nid : -1, start, size, h ? h->source : MHP_SOURCE_ACPI, NULL, err);
	return err;
}

/* The old one-call eject path: all of the range or nothing. */
int
offline_and_remove_memory(u64 start, u64 size)
{
	struct hotplug_range *h = record_of(start, size);
	int err = remove_refusal(h, start);

	for (unsigned long id = first_block(start); !err && id <= last_block(start, size); id++)
		if (fake_mhp.busy_block == id && blocks[id].state == MEM_ONLINE)
			err = -EBUSY;
	if (!err)
		take_away(h, start, size);
	record("remove", h ? h->nid : -1, start, size, h ? h->source : MHP_SOURCE_ACPI, NULL, err);
	return err;
}
