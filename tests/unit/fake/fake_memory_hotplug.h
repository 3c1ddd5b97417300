/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_memory_hotplug.h - a stand-in for mm's hotplug
 * functions (mm/memory_hotplug.h) for tests of their callers, written
 * while mm/memory_hotplug.c and mm/memory_block.c were not there yet.
 *
 * It keeps the contract's observable rules, nothing more: ranges are
 * records (ENABLED, FAILED with a reason, REMOVED) that are never freed;
 * adding an ENABLED range again returns 0 and changes nothing; an
 * overlap is -EEXIST; add creates one memory block per MEMORY_BLOCK_SIZE,
 * online; offline_and_remove_memory() destroys them and marks the record
 * REMOVED; offline_memory_block_locked() / online_memory_block_locked()
 * change one block's state and zone (online_kernel: ZONE_NORMAL).  No
 * memmap, no buddy.  A test makes adds, removes or one block's offline
 * fail (fake_mhp.add_error, remove_error, remove_fail_start, busy_block;
 * nothing changes then, as the contract says) and reads every add and
 * remove call in fake_mhp.
 *
 * Course text: docs/00-introduction.md (fakes in host tests).
 * Tests: used by tests/unit/acpi/test_memory_device.c
 */
#ifndef FAKE_MEMORY_HOTPLUG_H
#define FAKE_MEMORY_HOTPLUG_H

#include "mm/memory_hotplug.h"

#define FAKE_MHP_CALLS	32
#define FAKE_MHP_BLOCKS	1024

struct fake_mhp_call {
	char what[8];		/* "add", "remove" */
	int nid;
	u64 start, size;
	enum mhp_source source;
	void *owner;
	int ret;
	bool locked;		/* mem_hotplug_lock was held (add_memory_locked) */
};

struct fake_mhp {
	int add_error;		/* nonzero: every add fails with it (FAILED) */
	int remove_error;	/* nonzero: every remove fails with it */
	u64 remove_fail_start;	/* nonzero: removing the range at it fails -EBUSY */
	unsigned long busy_block;	/* nonzero: offlining this block fails -EBUSY */
	int offlines, onlines;	/* block state changes the caller asked for */
	int offlines_unfenced;	/* offlines of a block mhp_fence_range() had not fenced */
	int unlocked;		/* _locked calls made without mem_hotplug_lock */
	int nr_calls;
	struct fake_mhp_call calls[FAKE_MHP_CALLS];
	int adds, removes;	/* ranges really added / removed */
	void (*on_remove)(u64 start, u64 size);	/* called as a range goes */
};
extern struct fake_mhp fake_mhp;

/* Forget every range, block and call. */
void fake_mhp_reset(void);
/* Calls of WHAT ("add", "remove") so far. */
int fake_mhp_count(const char *what);
/* Set block ID's state (a test's "offline 33"); -ENOENT if there is none. */
int fake_mhp_set_block_state(unsigned long id, enum memory_block_state s);
/* Set block ID online in ZONE (a test's "online 33 kernel"); -ENOENT. */
int fake_mhp_set_block_zone(unsigned long id, int zone);

#endif /* FAKE_MEMORY_HOTPLUG_H */
