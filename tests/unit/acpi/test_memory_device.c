/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_memory_device.c - the PNP0C80 driver
 * (drivers/acpi/memory_device.c) on QEMU's real DSDTs: the real AML
 * interpreter and bus run \_GPE._E03 against the model of QEMU's
 * memory-hotplug registers (tests/unit/fake/qemu_memhp.c), and the
 * driver's calls into mm land in a recording fake of mm/memory_hotplug.h
 * (tests/unit/fake/fake_memory_hotplug.c; the real mm was not written yet).
 *
 *	host: qemu_memhp_hot_plug()     -> flags, GPE
 *	run_e03(): \_GPE._E03 -> MSCN -> Notify(MPxx, 1|3) -> bus -> driver
 *	driver: _STA _CRS _PXM -> add_memory_locked()   -> _OST  (MOEV, MOSC)
 *	        offline_and_remove_memory() -> _EJ0 (0x08 at 0x0A14) -> _OST
 *
 * What the host sees is read back from the model: the (source, status)
 * pairs of every _OST in order, the eject write, the slot flags.
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "fake_acpi_os.h"
#include "fake_aml_os.h"
#include "aml_asm.h"
#include "fake_memory_hotplug.h"
#include "fake_printk.h"
#include "qemu_memhp.h"

#define GiB	(1ULL << 30)
/* QEMU's first DIMM address; a DIMM of two blocks at least (ia64's block
 * is 2 GiB), so "partly online" exists on every arch parameter set. */
#define BASE	(4 * GiB)
#define DIMM	(2 * (MEMORY_BLOCK_SIZE > GiB ? (u64)MEMORY_BLOCK_SIZE : GiB))

/* What events.c and kacpid define in the kernel. */
bool acpi_trace;
struct acpi_event_stats acpi_event_stats;

/* kernel/task.c's stacks (the mutex needs a current task). */
void *
kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return calloc(1, size);
}

void *
kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp);
}

void
kfree(const void *p)
{
	free((void *)p);
}

u64
ktime_ns(void)
{
	return 0;
}

/* The SRAT's PXM -> node map (drivers/acpi/numa.c in the kernel):
 * PXM 0 and 1 are nodes 0 and 1, as QEMU's -numa node lines give. */
int
acpi_pxm_to_node(u32 pxm)
{
	return pxm < 2 ? (int)pxm : NUMA_NO_NODE;
}

static struct qemu_memhp hp;
static u8 *dsdt;
/* While true, reads of the size register (0x08) fail: MPxx._CRS fails
 * as it did in QEMU under memory pressure ("_CRS failed (ENOMEM)"). */
static bool crs_fails;

static int
port(void *m, enum aml_space space, u64 address, unsigned int width, u64 *value, bool write)
{
	if (crs_fails && !write && address == QEMU_MEMHP_BASE + 0x08)
		return -ENOMEM;
	return qemu_memhp_port(m, space, address, width, value, write);
}

/* ------------------------------------------------------------ plumbing */

/* Load DIR's DSDT with a 4-slot model (the captured tables have 4). */
static void
load(const char *dir)
{
	char path[128];
	size_t n;

	aml_reset();
	free(dsdt);
	snprintf(path, sizeof(path), "tests/data/acpi/%s/DSDT", dir);
	dsdt = fake_acpi_read_file(path, &n);
	qemu_memhp_init(&hp, 4);
	fake_aml_reset();
	crs_fails = false;
	assert_int_equal(fake_aml_add_handler(AML_SPACE_IO, QEMU_MEMHP_BASE, QEMU_MEMHP_LEN,
					      port, &hp), 0);
	assert_int_equal(aml_load_table((struct acpi_table_header *)dsdt), 0);
	acpi_memory_reset();
	fake_mhp_reset();
	memset(&acpi_event_stats, 0, sizeof(acpi_event_stats));
	fake_printk_clear();
}

static int
setup(void **state)
{
	load(*state);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	assert_int_equal(hp.odd_reads, 0);
	assert_int_equal(hp.bad_width, 0);
	aml_reset();
	free(dsdt);
	dsdt = NULL;
	return 0;
}

/* The boot: kacpid's bus scan, then its Notify dispatch. */
static void
boot_scan(void)
{
	assert_int_equal(acpi_bus_scan() > 0, true);
	acpi_bus_dispatch_notifies();
}

/* GPE 3 as events.c runs it: _E03, dispatch, again until no Notify. */
static void
run_e03(void)
{
	int runs = 0;

	do {
		assert_int_equal(aml_eval(NULL, "\\_GPE._E03", NULL, 0, NULL), 0);
		assert_true(++runs < 8);
	} while (acpi_bus_dispatch_notifies());
}

/* The _OST calls SLOT got, in order, from the model's write log: each
 * MOSC write (0x08) with the MOEV (0x04) written before it. */
static int
osts(u32 slot, u32 out[][2], int max)
{
	u32 sel = ~0u, ev = 0;
	int n = 0;

	assert_true(hp.nr_writes <= QEMU_MEMHP_LOG);
	for (u32 i = 0; i < hp.nr_writes; i++) {
		const struct qemu_memhp_write *w = &hp.log[i];

		if (w->offset == 0x00)
			sel = w->value;
		else if (w->offset == 0x04)
			ev = w->value;
		else if (w->offset == 0x08 && sel == slot && n < max) {
			out[n][0] = ev;
			out[n][1] = w->value;
			n++;
		}
	}
	return n;
}

/* Index in the write log of the eject write (0x08 at 0x14) or -1. */
static int
eject_write(void)
{
	for (u32 i = 0; i < hp.nr_writes && i < QEMU_MEMHP_LOG; i++)
		if (hp.log[i].offset == 0x14 && hp.log[i].value == QEMU_MEMHP_EJECT)
			return (int)i;
	return -1;
}

static const struct acpi_memory_dimm *
slot(int s)
{
	for (int i = 0; i < acpi_memory_count(); i++)
		if (acpi_memory_at(i)->slot == s)
			return acpi_memory_at(i);
	fail_msg("no slot %d", s);
	return NULL;
}

/* "acpi memory: \_SB_.MHPC.MP0S: slot S [mem A-B] node N: WHAT" */
static bool
logged(int s, u64 base, u64 size, int nid, const char *what)
{
	char line[200];

	snprintf(line, sizeof(line),
		 "acpi memory: \\_SB_.MHPC.MP%02X: slot %d [mem %#llx-%#llx] node %d: %s", s, s,
		 (unsigned long long)base, (unsigned long long)(base + size - 1), nid, what);
	return fake_printk_contains(line);
}

/* ------------------------------------------------------------ boot */

/*
 * Slot 1 cold plugged (QEMU's -device pc-dimm: enabled, no insert flag),
 * the others empty; the bus scan.
 * Expect: all four slots bound and listed (slot numbers from _UID), one
 * add_memory_locked() under mem_hotplug_lock with _CRS's base and size,
 * node 0, source acpi, owner the slot; "added" logged; no _OST (Linux
 * answers no question nobody asked); slot 1 online, the others empty.
 */
static void
test_boot_adds_a_cold_plugged_dimm_without_ost(void **state)
{
	(void)state;
	assert_int_equal(qemu_memhp_cold_plug(&hp, 1, BASE, DIMM, 0), 0);
	boot_scan();
	assert_int_equal(acpi_memory_count(), 4);
	for (int s = 0; s < 4; s++)
		assert_int_equal(slot(s)->adev->driver != NULL, true);
	assert_int_equal(fake_mhp_count("add"), 1);
	assert_int_equal(fake_mhp.calls[0].start, BASE);
	assert_int_equal(fake_mhp.calls[0].size, DIMM);
	assert_int_equal(fake_mhp.calls[0].nid, 0);
	assert_int_equal(fake_mhp.calls[0].source, MHP_SOURCE_ACPI);
	assert_ptr_equal(fake_mhp.calls[0].owner, slot(1));
	assert_true(fake_mhp.calls[0].locked);
	assert_true(logged(1, BASE, DIMM, 0, "added\n"));
	assert_int_equal(hp.slots[1].ost_count, 0);
	assert_string_equal(acpi_memory_state(slot(1)), "online");
	assert_string_equal(acpi_memory_state(slot(0)), "empty");
	assert_int_equal(slot(1)->sta, 0x0f);
	assert_int_equal(slot(0)->sta, 0);
	/* the first GPE run (events.c at boot) finds nothing to do */
	run_e03();
	assert_int_equal(fake_mhp_count("add"), 1);
	assert_int_equal(hp.slots[1].ost_count, 0);
}

/* ------------------------------------------------------------ hot add */

/*
 * device_add into slot 2 on PXM 1, then GPE 3.
 * Expect: one add of _CRS's range on node 1 (PXM 1 through the SRAT's
 * map), _OST(1, 0) seen by the model, the insert flag cleared, "added"
 * logged; the state online; one block offlined makes it partly online,
 * all of them offline.
 */
static void
test_hot_add_adds_and_answers_ost_success(void **state)
{
	u32 o[8][2];
	unsigned long first = pfn_to_block_id(BASE >> PAGE_SHIFT);
	unsigned long last = pfn_to_block_id((BASE + DIMM - 1) >> PAGE_SHIFT);

	(void)state;
	boot_scan();
	assert_int_equal(qemu_memhp_hot_plug(&hp, 2, BASE, DIMM, 1), 0);
	run_e03();
	assert_int_equal(fake_mhp_count("add"), 1);
	assert_int_equal(fake_mhp.calls[0].start, BASE);
	assert_int_equal(fake_mhp.calls[0].size, DIMM);
	assert_int_equal(fake_mhp.calls[0].nid, 1);
	assert_ptr_equal(fake_mhp.calls[0].owner, slot(2));
	assert_int_equal(osts(2, o, 8), 1);
	assert_int_equal(o[0][0], 1);
	assert_int_equal(o[0][1], 0);
	assert_int_equal(qemu_memhp_flags(&hp, 2), QEMU_MEMHP_ENABLED);
	assert_true(logged(2, BASE, DIMM, 1, "added\n"));
	assert_string_equal(acpi_memory_state(slot(2)), "online");
	assert_int_equal(fake_mhp_set_block_state(first, MEM_OFFLINE), 0);
	assert_string_equal(acpi_memory_state(slot(2)), "partly online");
	for (unsigned long id = first; id <= last; id++)
		fake_mhp_set_block_state(id, MEM_OFFLINE);
	assert_string_equal(acpi_memory_state(slot(2)), "offline");
}

/*
 * A DIMM whose PXM the SRAT never named (7).
 * Expect: added on node 0 with a warning naming the PXM.
 */
static void
test_unknown_pxm_goes_to_node_0_with_a_warning(void **state)
{
	(void)state;
	boot_scan();
	qemu_memhp_hot_plug(&hp, 0, BASE, DIMM, 7);
	run_e03();
	assert_int_equal(fake_mhp_count("add"), 1);
	assert_int_equal(fake_mhp.calls[0].nid, 0);
	assert_true(fake_printk_contains("MP00: PXM 7 is in no SRAT entry"));
	assert_true(fake_printk_warnings() >= 1);
}

/*
 * add_memory fails (-ENOMEM: no memory for the memmap).
 * Expect: _OST(1, 1), the failure and mm's reason logged, state
 * "failed"; the DIMM stays in QEMU (no eject write).
 */
static void
test_add_failure_answers_ost_failure(void **state)
{
	u32 o[8][2];

	(void)state;
	boot_scan();
	fake_mhp.add_error = -ENOMEM;
	qemu_memhp_hot_plug(&hp, 3, BASE, DIMM, 0);
	run_e03();
	assert_int_equal(osts(3, o, 8), 1);
	assert_int_equal(o[0][0], 1);
	assert_int_equal(o[0][1], 1);
	assert_true(logged(3, BASE, DIMM, 0,
			   "add failed (-12): no memory for the memmap (-12)\n"));
	assert_string_equal(acpi_memory_state(slot(3)), "failed");
	assert_true(hp.slots[3].dimm);
	assert_int_equal(eject_write(), -1);
}

/*
 * Notify(MP01, 1) twice for the same DIMM (the firmware may repeat a
 * device check; a boot run after a cold plug is the same case).
 * Expect: the range added once (one add call, one record), both checks
 * answered _OST(1, 0), the second logged as "already added".
 */
static void
test_device_check_twice_adds_once(void **state)
{
	u32 o[8][2];
	struct aml_node *mp01 = aml_lookup(NULL, "\\_SB.MHPC.MP01");

	(void)state;
	boot_scan();
	qemu_memhp_hot_plug(&hp, 1, BASE, DIMM, 0);
	run_e03();
	aml_os_notify(mp01, ACPI_NOTIFY_DEVICE_CHECK);
	acpi_bus_dispatch_notifies();
	assert_int_equal(fake_mhp_count("add"), 1);
	assert_int_equal(fake_mhp.adds, 1);
	assert_int_equal(hotplug_range_count(), 1);
	assert_int_equal(osts(1, o, 8), 2);
	assert_int_equal(o[1][0], 1);
	assert_int_equal(o[1][1], 0);
	assert_true(logged(1, BASE, DIMM, 0, "already added\n"));
}

/*
 * Stale flags on an empty slot (spec 9.8): slot 3's insert and remove
 * flags set with no DIMM, as a guest eject can leave them.
 * Expect: Notify 1 then (next run) Notify 3 reach the driver, both
 * logged as ignored; nothing added, no _OST, no eject write.
 */
static void
test_notify_for_an_empty_slot_is_ignored(void **state)
{
	(void)state;
	boot_scan();
	hp.slots[3].inserting = true;
	hp.slots[3].removing = true;
	run_e03();
	assert_true(fake_printk_contains(
		"acpi memory: \\_SB_.MHPC.MP03: slot 3: Notify 0x1 for an empty slot ignored\n"));
	assert_true(fake_printk_contains(
		"acpi memory: \\_SB_.MHPC.MP03: slot 3: Notify 0x3 for an empty slot ignored\n"));
	assert_int_equal(fake_mhp.nr_calls, 0);
	assert_int_equal(hp.slots[3].ost_count, 0);
	assert_int_equal(eject_write(), -1);
	assert_int_equal(qemu_memhp_flags(&hp, 3), 0);
}

/* ------------------------------------------------------------ eject */

static int writes_at_remove = -1;

static void
note_remove(u64 start, u64 size)
{
	(void)start;
	(void)size;
	writes_at_remove = (int)hp.nr_writes;
}

/*
 * device_del of a hot-added DIMM in slot 0, then GPE 3.
 * Expect: _OST(3, 0x84), offline_and_remove_memory() of the range, then
 * (after it: the range is unmapped before QEMU takes the RAM) the eject
 * write 0x08 that empties the slot, then _OST(3, 0); every block
 * offlined inside the fence around the whole DIMM; "ejected" logged;
 * the record REMOVED, the state empty.
 */
static void
test_eject_request_removes_then_ej0_then_ost(void **state)
{
	u32 o[8][2];
	const struct hotplug_range *rec;

	(void)state;
	boot_scan();
	qemu_memhp_hot_plug(&hp, 0, BASE, DIMM, 0);
	run_e03();
	rec = slot(0)->ranges[0].rec;
	assert_non_null(rec);
	writes_at_remove = -1;
	fake_mhp.on_remove = note_remove;
	assert_int_equal(qemu_memhp_unplug_request(&hp, 0), 0);
	run_e03();
	assert_int_equal(fake_mhp_count("remove"), 1);
	assert_int_equal(fake_mhp.removes, 1);
	assert_int_equal(fake_mhp.offlines, DIMM / MEMORY_BLOCK_SIZE);
	assert_int_equal(fake_mhp.offlines_unfenced, 0);	/* the whole DIMM was fenced */
	assert_int_equal(hp.slots[0].ejects, 1);
	assert_false(hp.slots[0].dimm);
	assert_true(writes_at_remove >= 0);
	assert_true(eject_write() >= writes_at_remove);
	assert_int_equal(osts(0, o, 8), 3);
	assert_int_equal(o[0][0], 1);	/* the add's */
	assert_int_equal(o[1][0], 3);
	assert_int_equal(o[1][1], 0x84);
	assert_int_equal(o[2][0], 3);
	assert_int_equal(o[2][1], 0);
	assert_true(logged(0, BASE, DIMM, 0, "ejected\n"));
	assert_int_equal(rec->status, MHP_REMOVED);
	assert_string_equal(acpi_memory_state(slot(0)), "empty");

	/* the slot can be filled again: a new DIMM there is added */
	qemu_memhp_hot_plug(&hp, 0, BASE, DIMM, 1);
	run_e03();
	assert_int_equal(fake_mhp.adds, 2);
	assert_string_equal(acpi_memory_state(slot(0)), "online");
}

/*
 * device_del while the memory cannot go (offline_and_remove_memory()
 * says -EBUSY), then again with -EINVAL.
 * Expect: no eject write, _OST(3, 0x84) then _OST(3, 0x82); the second
 * time _OST(3, 0x01); "eject failed (-16): " logged; the DIMM still in
 * its slot, the record still ENABLED, the state online.
 */
static void
test_eject_request_that_fails_changes_nothing(void **state)
{
	u32 o[8][2];

	(void)state;
	qemu_memhp_cold_plug(&hp, 0, BASE, DIMM, 0);
	boot_scan();
	fake_mhp.remove_error = -EBUSY;
	qemu_memhp_unplug_request(&hp, 0);
	run_e03();
	assert_int_equal(eject_write(), -1);
	assert_int_equal(osts(0, o, 8), 2);
	assert_int_equal(o[0][0], 3);
	assert_int_equal(o[0][1], 0x84);
	assert_int_equal(o[1][0], 3);
	assert_int_equal(o[1][1], 0x82);
	assert_true(logged(0, BASE, DIMM, 0, "eject failed (-16): "));
	assert_true(hp.slots[0].dimm);
	assert_int_equal(slot(0)->ranges[0].rec->status, MHP_ENABLED);
	assert_string_equal(acpi_memory_state(slot(0)), "online");

	fake_mhp.remove_error = -EINVAL;
	qemu_memhp_unplug_request(&hp, 0);
	run_e03();
	assert_int_equal(osts(0, o, 8), 4);
	assert_int_equal(o[3][1], 0x01);
	assert_int_equal(hp.slots[0].ejects, 0);
}

/*
 * A memory block in the DIMM's range that the DIMM did not add (probe
 * got there first: the DIMM's own add then fails -EEXIST).
 * Expect: the eject request is refused before anything is removed: no
 * remove call, no eject write, _OST(3, 0x82), the block named.
 */
static void
test_eject_refused_when_a_foreign_block_is_in_the_range(void **state)
{
	u32 o[8][2];
	unsigned long first = pfn_to_block_id(BASE >> PAGE_SHIFT);
	char line[96];

	(void)state;
	boot_scan();
	assert_int_equal(add_memory(0, BASE, MEMORY_BLOCK_SIZE, MHP_SOURCE_PROBE), 0);
	qemu_memhp_hot_plug(&hp, 1, BASE, DIMM, 0);
	run_e03();
	assert_string_equal(acpi_memory_state(slot(1)), "failed");
	qemu_memhp_unplug_request(&hp, 1);
	run_e03();
	assert_int_equal(fake_mhp_count("remove"), 0);
	assert_int_equal(eject_write(), -1);
	assert_int_equal(osts(1, o, 8), 3);
	assert_int_equal(o[2][0], 3);
	assert_int_equal(o[2][1], 0x82);
	snprintf(line, sizeof(line), "memory%lu in the range was not added for this DIMM", first);
	assert_true(fake_printk_contains(line));
}

/*
 * The shell's `eject 2` (acpi_memory_eject(2)) with no device_del.
 * Expect: _OST(0x103, 0x84), the remove, the eject write, _OST(0x103, 0),
 * 0 returned.  Then: slot 2 again -> -ENODEV (empty), slot 9 -> -EINVAL
 * (no such slot), neither writing anything.
 */
static void
test_guest_initiated_eject(void **state)
{
	u32 o[8][2];
	u32 writes;

	(void)state;
	qemu_memhp_cold_plug(&hp, 2, BASE, DIMM, 0);
	boot_scan();
	assert_int_equal(acpi_memory_eject(2), 0);
	assert_int_equal(fake_mhp_count("remove"), 1);
	assert_int_equal(hp.slots[2].ejects, 1);
	assert_int_equal(osts(2, o, 8), 2);
	assert_int_equal(o[0][0], 0x103);
	assert_int_equal(o[0][1], 0x84);
	assert_int_equal(o[1][0], 0x103);
	assert_int_equal(o[1][1], 0);
	assert_true(logged(2, BASE, DIMM, 0, "ejected\n"));

	writes = hp.nr_writes;
	assert_int_equal(acpi_memory_eject(2), -ENODEV);
	assert_int_equal(acpi_memory_eject(9), -EINVAL);
	for (u32 i = writes; i < hp.nr_writes; i++)
		assert_int_equal(hp.log[i].offset, 0x00);	/* only _STA's selector */
	assert_int_equal(fake_mhp_count("remove"), 1);
}

/* The eject fails: 0x103 with 0x82, the error returned, the DIMM stays. */
static void
test_guest_initiated_eject_failure(void **state)
{
	u32 o[8][2];

	(void)state;
	qemu_memhp_cold_plug(&hp, 2, BASE, DIMM, 0);
	boot_scan();
	fake_mhp.remove_error = -ETIMEDOUT;
	assert_int_equal(acpi_memory_eject(2), -ETIMEDOUT);
	assert_int_equal(osts(2, o, 8), 2);
	assert_int_equal(o[1][0], 0x103);
	assert_int_equal(o[1][1], 0x82);
	assert_true(hp.slots[2].dimm);
	assert_int_equal(eject_write(), -1);
}

/*
 * Bug: _CRS failed during an eject request, the driver saw no range,
 * offlined nothing and evaluated _EJ0 while the DIMM's blocks were
 * online (QEMU then took RAM in use away).
 * Expect: with an ENABLED record of the slot and _CRS failing, both the
 * Notify 3 path and `eject` refuse: no remove, no eject write,
 * _OST(3 | 0x103, 0x01) after the 0x84, one "eject failed" line; the
 * record stays ENABLED and the blocks online.  When _CRS works again the
 * eject goes through.
 */
static void
test_eject_refused_when_crs_fails(void **state)
{
	u32 o[8][2];
	const struct hotplug_range *rec;

	(void)state;
	boot_scan();
	qemu_memhp_hot_plug(&hp, 0, BASE, DIMM, 0);
	run_e03();
	rec = slot(0)->ranges[0].rec;
	assert_non_null(rec);
	fake_printk_clear();
	crs_fails = true;
	qemu_memhp_unplug_request(&hp, 0);
	run_e03();
	assert_int_equal(fake_mhp_count("remove"), 0);
	assert_int_equal(eject_write(), -1);
	assert_true(hp.slots[0].dimm);
	assert_int_equal(osts(0, o, 8), 3);
	assert_int_equal(o[1][0], 3);
	assert_int_equal(o[1][1], 0x84);
	assert_int_equal(o[2][0], 3);
	assert_int_equal(o[2][1], 0x01);
	assert_true(fake_printk_contains(
		"acpi memory: \\_SB_.MHPC.MP00: slot 0: eject failed (-5): _CRS failed"));
	assert_int_equal(rec->status, MHP_ENABLED);
	assert_string_equal(acpi_memory_state(slot(0)), "online");

	assert_int_equal(acpi_memory_eject(0), -EIO);
	assert_int_equal(osts(0, o, 8), 5);
	assert_int_equal(o[4][0], 0x103);
	assert_int_equal(o[4][1], 0x01);
	assert_int_equal(eject_write(), -1);
	assert_int_equal(rec->status, MHP_ENABLED);

	crs_fails = false;
	assert_int_equal(acpi_memory_eject(0), 0);
	assert_int_equal(hp.slots[0].ejects, 1);
	assert_int_equal(rec->status, MHP_REMOVED);
}

/*
 * The slot's _CRS no longer names the range the DIMM added (the
 * firmware changed its mind, or another DIMM's range shows up).
 * Expect: refused as above (_OST(3, 0x01), no remove, no eject write),
 * the added range named; its blocks still online.
 */
static void
test_eject_refused_when_crs_and_records_disagree(void **state)
{
	u32 o[8][2];
	char line[160];

	(void)state;
	boot_scan();
	qemu_memhp_hot_plug(&hp, 1, BASE, DIMM, 0);
	run_e03();
	hp.slots[1].addr = BASE + 2 * DIMM;
	qemu_memhp_unplug_request(&hp, 1);
	run_e03();
	assert_int_equal(fake_mhp_count("remove"), 0);
	assert_int_equal(eject_write(), -1);
	assert_int_equal(osts(1, o, 8), 3);
	assert_int_equal(o[2][0], 3);
	assert_int_equal(o[2][1], 0x01);
	snprintf(line, sizeof(line), "eject failed (-5): [mem %#llx-%#llx] added for this DIMM is not in its _CRS",
		 (unsigned long long)BASE, (unsigned long long)(BASE + DIMM - 1));
	assert_true(fake_printk_contains(line));
	assert_int_equal(hotplug_range_at(0)->status, MHP_ENABLED);
	assert_int_equal(find_memory_block(pfn_to_block_id(BASE >> PAGE_SHIFT))->state, MEM_ONLINE);
}

/*
 * Bug: a DIMM whose add FAILED was ejected; its record stayed FAILED and
 * `retry` later added and onlined RAM QEMU no longer had.
 * Expect: after the _EJ0 the record is REMOVED and retry refuses it.
 */
static void
test_eject_of_a_failed_dimm_forgets_its_record(void **state)
{
	const struct hotplug_range *rec;

	(void)state;
	boot_scan();
	fake_mhp.add_error = -ENOMEM;
	qemu_memhp_hot_plug(&hp, 3, BASE, DIMM, 0);
	run_e03();
	fake_mhp.add_error = 0;
	rec = hotplug_range_at(0);
	assert_non_null(rec);
	assert_int_equal(rec->status, MHP_FAILED);
	assert_ptr_equal(rec->owner, slot(3));
	qemu_memhp_unplug_request(&hp, 3);
	run_e03();
	assert_int_equal(hp.slots[3].ejects, 1);
	assert_int_equal(rec->status, MHP_REMOVED);
	assert_int_equal(retry_hotplug_range(rec->id), -EINVAL);
	assert_int_equal(fake_mhp.adds, 0);
}

/*
 * The same when the DIMM vanished without an eject (a device check
 * finds the slot empty): its FAILED record becomes REMOVED.
 */
static void
test_device_check_of_an_empty_slot_forgets_failed_records(void **state)
{
	const struct hotplug_range *rec;

	(void)state;
	boot_scan();
	fake_mhp.add_error = -ENOMEM;
	qemu_memhp_hot_plug(&hp, 2, BASE, DIMM, 0);
	run_e03();
	fake_mhp.add_error = 0;
	rec = hotplug_range_at(0);
	assert_int_equal(rec->status, MHP_FAILED);
	memset(&hp.slots[2], 0, sizeof(hp.slots[2]));
	aml_os_notify(aml_lookup(NULL, "\\_SB.MHPC.MP02"), ACPI_NOTIFY_DEVICE_CHECK);
	acpi_bus_dispatch_notifies();
	assert_true(fake_printk_contains("slot 2: Notify 0x1 for an empty slot ignored"));
	assert_int_equal(rec->status, MHP_REMOVED);
	assert_int_equal(retry_hotplug_range(rec->id), -EINVAL);
}

/*
 * A Notify code the driver does not handle (0x02 device wake, 0x80 a
 * device-specific one).
 * Expect: _OST(code, 0x02 unrecognised notify) and one line each;
 * nothing added or removed.
 */
static void
test_unhandled_notify_answers_ost_unrecognised(void **state)
{
	u32 o[8][2];
	struct aml_node *mp00 = aml_lookup(NULL, "\\_SB.MHPC.MP00");

	(void)state;
	boot_scan();
	aml_os_notify(mp00, 0x02);
	aml_os_notify(mp00, 0x80);
	acpi_bus_dispatch_notifies();
	assert_int_equal(osts(0, o, 8), 2);
	assert_int_equal(o[0][0], 0x02);
	assert_int_equal(o[0][1], 0x02);
	assert_int_equal(o[1][0], 0x80);
	assert_int_equal(o[1][1], 0x02);
	assert_true(fake_printk_contains(
		"acpi memory: \\_SB_.MHPC.MP00: slot 0: Notify 0x80 (device-specific) not handled\n"));
	assert_int_equal(fake_mhp.nr_calls, 0);
	assert_int_equal(eject_write(), -1);
}

/* ------------------------------------------------------------ two ranges */

/*
 * QEMU's DIMMs have one range; firmware may give a memory device more.
 * An SSDT adds \_SB.MD2R (PNP0C80, _UID 9) whose _CRS holds two
 * QWordMemory ranges, R0 = [BASE, +DIMM) and R1 = [BASE + 2 DIMM, +DIMM);
 * _EJ0 empties it (_STA 0) and counts in EJCN; _OST keeps the source in
 * OSTE and shifts each status into OSTL (0x84 then 0x82 reads 0x8482).
 */
#define R0	BASE
#define R1	(BASE + 2 * DIMM)

static void
qword_memory(struct aml_asm *a, u64 min, u64 len)
{
	u8 d[46] = { 0x8a, 43, 0, 0 /* memory */, 0x0c, 0x01 /* cacheable, rw */ };
	u64 f[5] = { 0, min, min + len - 1, 0, len };	/* gran, min, max, tra, len */

	memcpy(d + 6, f, sizeof(f));
	asm_raw(a, d, sizeof(d));
}

static void
load_two_range_device(void)
{
	struct aml_asm a;
	struct acpi_table_header *h;

	asm_init(&a);
	asm_text(&a, "10{ $\\_SB 5B82{ $MD2R");
	asm_text(&a, "08 $_HID 0C 41D00C80 08 $_UID 0A09");
	asm_text(&a, "08 $STAV 0A0F 08 $OSTE 00 08 $OSTL 00 08 $EJCN 00");
	asm_text(&a, "14{ $_STA 00 A4 $STAV }");
	asm_text(&a, "14{ $_EJ0 01 70 00 $STAV 75 $EJCN }");
	asm_text(&a, "14{ $_OST 03 70 68 $OSTE 72 77 $OSTL 0B0001 00 69 $OSTL }");
	asm_text(&a, "08 $_CRS 11{ 0A5E");
	qword_memory(&a, R0, DIMM);
	qword_memory(&a, R1, DIMM);
	asm_hex(&a, "79 00");
	asm_close(&a);		/* Buffer */
	asm_close(&a);		/* Device */
	asm_close(&a);		/* Scope */
	h = (struct acpi_table_header *)asm_table(&a, 2);
	memcpy(h->signature, "SSDT", 4);	/* the DSDT keeps its integer width */
	assert_int_equal(aml_load_table(h), 0);
	asm_free(&a);
}

static const struct acpi_memory_dimm *
md2r(void)
{
	for (int i = 0; i < acpi_memory_count(); i++)
		if (!strcmp(acpi_memory_at(i)->adev->path, "\\_SB_.MD2R"))
			return acpi_memory_at(i);
	fail_msg("no MD2R");
	return NULL;
}

static const struct memory_block *
block(u64 addr, unsigned long i)
{
	return find_memory_block(pfn_to_block_id(addr >> PAGE_SHIFT) + i);
}

/*
 * Both ranges added at boot; then the user set R0's first block offline
 * and its second into ZONE_NORMAL.  Return MD2R's slot.
 */
static int
two_ranges_added_and_shaped(void)
{
	load_two_range_device();
	boot_scan();
	assert_int_equal(fake_mhp.adds, 2);
	assert_ptr_equal(hotplug_range_at(0)->owner, md2r());
	assert_ptr_equal(hotplug_range_at(1)->owner, md2r());
	assert_int_equal(fake_mhp_set_block_state(block(R0, 0)->id, MEM_OFFLINE), 0);
	assert_int_equal(fake_mhp_set_block_zone(block(R0, 1)->id, ZONE_NORMAL), 0);
	fake_mhp.onlines = fake_mhp.offlines = 0;
	return md2r()->slot;
}

/* Every block as two_ranges_added_and_shaped() left it, both records
 * ENABLED, the device not ejected. */
static void
assert_two_ranges_as_before(void)
{
	unsigned long n = DIMM / MEMORY_BLOCK_SIZE;

	assert_int_equal(hotplug_range_count(), 2);
	assert_int_equal(hotplug_range_at(0)->status, MHP_ENABLED);
	assert_int_equal(hotplug_range_at(1)->status, MHP_ENABLED);
	assert_int_equal(block(R0, 0)->state, MEM_OFFLINE);
	assert_int_equal(block(R0, 1)->state, MEM_ONLINE);
	assert_int_equal(block(R0, 1)->zone, ZONE_NORMAL);
	for (unsigned long i = 2; i < n; i++) {
		assert_int_equal(block(R0, i)->state, MEM_ONLINE);
		assert_int_equal(block(R0, i)->zone, ZONE_MOVABLE);
	}
	for (unsigned long i = 0; i < n; i++) {
		assert_int_equal(block(R1, i)->state, MEM_ONLINE);
		assert_int_equal(block(R1, i)->zone, ZONE_MOVABLE);
	}
	assert_int_equal(eval_int("\\_SB.MD2R.EJCN"), 0);
	assert_int_equal(eval_int("\\_SB.MD2R._STA"), 0x0f);
	assert_int_equal(fake_mhp.unlocked, 0);
}

/*
 * Bug: R0 was removed, then a block of R1 would not go offline; R0 was
 * added again with the auto-online policy, so its offline block came
 * back online and its Normal block came back Movable.
 * Expect: the eject fails -EBUSY with _OST(0x103, 0x84) then 0x82, and
 * every block of R0 and R1 is as before (state and zone).  Once the
 * block is free the eject removes both ranges and evaluates _EJ0.
 */
static void
test_two_range_eject_failure_restores_every_block(void **state)
{
	int s;

	(void)state;
	s = two_ranges_added_and_shaped();
	fake_mhp.busy_block = block(R1, 1)->id;
	assert_int_equal(acpi_memory_eject(s), -EBUSY);
	assert_two_ranges_as_before();
	assert_int_equal(eval_int("\\_SB.MD2R.OSTE"), 0x103);
	assert_int_equal(eval_int("\\_SB.MD2R.OSTL"), 0x8482);

	fake_mhp.busy_block = 0;
	assert_int_equal(acpi_memory_eject(s), 0);
	assert_int_equal(eval_int("\\_SB.MD2R.EJCN"), 1);
	assert_int_equal(hotplug_range_at(0)->status, MHP_REMOVED);
	assert_int_equal(hotplug_range_at(1)->status, MHP_REMOVED);
	assert_null(block(R0, 1));
	assert_null(block(R1, 0));
	assert_int_equal(eval_int("\\_SB.MD2R.OSTL") & 0xffff, 0x8400);
	assert_int_equal(fake_mhp.unlocked, 0);
}

/*
 * The same when the remove itself of R1 fails after R0 was removed:
 * R0 comes back with its old block states and zones too.
 */
static void
test_two_range_remove_failure_restores_every_block(void **state)
{
	int s;

	(void)state;
	s = two_ranges_added_and_shaped();
	fake_mhp.remove_fail_start = R1;
	assert_int_equal(acpi_memory_eject(s), -EBUSY);
	assert_two_ranges_as_before();
}

/* ------------------------------------------------------------ main */

#define FLOW(fn, dir) { #fn " " dir, fn, setup, teardown, (void *)dir }
#define FLOWS(dir)								\
	FLOW(test_boot_adds_a_cold_plugged_dimm_without_ost, dir),		\
	FLOW(test_hot_add_adds_and_answers_ost_success, dir),			\
	FLOW(test_unknown_pxm_goes_to_node_0_with_a_warning, dir),		\
	FLOW(test_add_failure_answers_ost_failure, dir),			\
	FLOW(test_device_check_twice_adds_once, dir),				\
	FLOW(test_notify_for_an_empty_slot_is_ignored, dir),			\
	FLOW(test_eject_request_removes_then_ej0_then_ost, dir),		\
	FLOW(test_eject_request_that_fails_changes_nothing, dir),		\
	FLOW(test_eject_refused_when_a_foreign_block_is_in_the_range, dir),	\
	FLOW(test_guest_initiated_eject, dir),					\
	FLOW(test_guest_initiated_eject_failure, dir),				\
	FLOW(test_eject_refused_when_crs_fails, dir),				\
	FLOW(test_eject_refused_when_crs_and_records_disagree, dir),		\
	FLOW(test_eject_of_a_failed_dimm_forgets_its_record, dir),		\
	FLOW(test_device_check_of_an_empty_slot_forgets_failed_records, dir),	\
	FLOW(test_unhandled_notify_answers_ost_unrecognised, dir),		\
	FLOW(test_two_range_eject_failure_restores_every_block, dir),		\
	FLOW(test_two_range_remove_failure_restores_every_block, dir)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FLOWS("pc/seabios-memhp"),
		FLOWS("q35/ovmf-memhp"),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
