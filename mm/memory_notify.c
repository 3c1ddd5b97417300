/* SPDX-License-Identifier: MIT */
/*
 * mm/memory_notify.c - the memory notifier chain, told of every step a
 * block takes (going online, online, cancelled, ...), and Linux's
 * notifier error injector built on it.
 *
 * The idea: online and offline ask before they act.  A GOING_ step that
 * any listener refuses is cancelled and undone, so a failure can be made
 * on purpose (/sys/kernel/debug/notifier-error-inject/memory/) and the
 * undo paths tested for real, as Linux's mem-on-off selftest does.
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 * Tests: tests/unit/mm/test_memory_block.c, tests/qemu/test_mem_on_off.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"
#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"

const char *const memory_notify_action_names[NR_MEM_ACTIONS] = {
	[MEM_GOING_ONLINE_ACTION]	= "MEM_GOING_ONLINE",
	[MEM_ONLINE_ACTION]		= "MEM_ONLINE",
	[MEM_CANCEL_ONLINE_ACTION]	= "MEM_CANCEL_ONLINE",
	[MEM_GOING_OFFLINE_ACTION]	= "MEM_GOING_OFFLINE",
	[MEM_OFFLINE_ACTION]		= "MEM_OFFLINE",
	[MEM_CANCEL_OFFLINE_ACTION]	= "MEM_CANCEL_OFFLINE",
};

/* ------------------------------------------------------------ notifiers
 * Registered at boot, called under mem_hotplug_lock. */

static int (*notifiers[MEMORY_NOTIFIERS_MAX])(enum memory_notify_action,
					       const struct memory_notify *);
static int nr_notifiers;

/* The error injector's values, per action; only the GOING_ ones have files. */
int memory_notify_inject[NR_MEM_ACTIONS];

int
register_memory_notifier(int (*fn)(enum memory_notify_action, const struct memory_notify *))
{
	if (nr_notifiers == MEMORY_NOTIFIERS_MAX)
		return -ENOSPC;
	notifiers[nr_notifiers++] = fn;
	return 0;
}

static bool
action_may_fail(enum memory_notify_action action)
{
	return action == MEM_GOING_ONLINE_ACTION || action == MEM_GOING_OFFLINE_ACTION;
}

/*
 * Tell every notifier of ACTION on block MB.  For a GOING_ action the
 * injector speaks first (Linux's injector is a notifier of the highest
 * priority), then the notifiers in order; the first error stops the walk
 * and is returned.  Other actions cannot fail.
 */
int
memory_notify(enum memory_notify_action action, const struct memory_block *mb)
{
	struct memory_notify arg = {
		.block_id = mb->id,
		.start_pfn = block_id_to_pfn(mb->id),
		.nr_pages = PAGES_PER_BLOCK,
		.nid = mb->nid,
	};
	int i, err;

	if (action_may_fail(action) && memory_notify_inject[action])
		return memory_notify_inject[action];
	for (i = 0; i < nr_notifiers; i++) {
		err = notifiers[i](action, &arg);
		if (err && action_may_fail(action))
			return err;
	}
	return 0;
}

/* injector files: "0" or a negative errno, Linux's range [-4095, 0]. */
static int
inject_show(struct seq *s, enum memory_notify_action action)
{
	seq_printf(s, "%d\n", memory_notify_inject[action]);
	return 0;
}

static int
inject_store(const char *text, enum memory_notify_action action)
{
	bool negative = text[0] == '-';
	u64 v;

	if (arg_u64(text + negative, &v) || v > 4095 || (v && !negative))
		return -EINVAL;
	memory_notify_inject[action] = -(int)v;
	return 0;
}

static int
inject_going_online_show(struct seq *s)
{
	return inject_show(s, MEM_GOING_ONLINE_ACTION);
}

static int
inject_going_online_store(const char *text, void *data)
{
	(void)data;
	return inject_store(text, MEM_GOING_ONLINE_ACTION);
}

static int
inject_going_offline_show(struct seq *s)
{
	return inject_show(s, MEM_GOING_OFFLINE_ACTION);
}

static int
inject_going_offline_store(const char *text, void *data)
{
	(void)data;
	return inject_store(text, MEM_GOING_OFFLINE_ACTION);
}

#define INJECT_DIR	"/sys/kernel/debug/notifier-error-inject/memory/actions/"
PSEUDO_FILE(inject_going_online, INJECT_DIR "MEM_GOING_ONLINE/error",
	    inject_going_online_show, inject_going_online_store,
	    "errno every MEM_GOING_ONLINE step fails with (0: none)");
PSEUDO_FILE(inject_going_offline, INJECT_DIR "MEM_GOING_OFFLINE/error",
	    inject_going_offline_show, inject_going_offline_store,
	    "errno every MEM_GOING_OFFLINE step fails with (0: none)");

/* Host tests: no notifiers, no injected errors. */
void
memory_notify_reset(void)
{
	nr_notifiers = 0;
	memset(memory_notify_inject, 0, sizeof(memory_notify_inject));
}
