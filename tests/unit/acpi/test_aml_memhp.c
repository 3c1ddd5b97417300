/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_memhp.c - QEMU's memory-hotplug AML, run by
 * hotmem's interpreter against a model of QEMU's register block
 * (tests/unit/fake/qemu_memhp.c): the captured DSDTs of pc and q35 under
 * SeaBIOS and OVMF, then the event flows of spec sections 5 and 9 -
 * hot add, remove request, both latched at once, stale flags on an empty
 * slot, _STA, _CRS, _PXM, _OST and _EJ0.
 *
 *   \_GPE._E03 -> \_SB.MHPC.MSCN -> MTFY -> Notify(\_SB.MHPC.MPxx, 1 or 3)
 *                       |
 *                 ports 0x0A00-0x0A17 (the model)
 *
 * The first tests check the model itself against spec section 2, so a
 * wrong model cannot make wrong AML look right.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "drivers/acpi/aml/aml.h"
#include "fake_acpi_os.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_aml_os.h"
#include "fake_printk.h"
#include "qemu_memhp.h"

#define GiB	(1ULL << 30)
#define MiB	(1ULL << 20)

static struct qemu_memhp hp;

/* ------------------------------------------------------------ plumbing */

/* Any other region access the memory-hotplug AML makes is a bug: count
 * it and refuse it. */
static int stray_accesses;

static int
stray(void *arg, enum aml_space space, u64 addr, unsigned int width, u64 *value, bool write)
{
	(void)arg; (void)space; (void)addr; (void)width; (void)value; (void)write;
	stray_accesses++;
	return -EPERM;
}

/* The Notify calls since the last run_e03(), as "\_SB_.MHPC.MP02 1". */
static int nr_notified;
static char notified[FAKE_AML_NOTIFIES][80];

static void
collect_notifies(void)
{
	nr_notified = fake_aml_nnotify;
	assert_true(nr_notified <= FAKE_AML_NOTIFIES);
	for (int i = 0; i < nr_notified; i++)
		snprintf(notified[i], sizeof(notified[0]), "%s %u",
			 fake_aml_notifies[i].path, fake_aml_notifies[i].value);
}

static u8 *dsdt;

/* Load tests/data/acpi/DIR/DSDT with a 4-slot model behind port 0x0A00. */
static void
load_dsdt(const char *dir)
{
	char path[128];
	size_t n;

	aml_reset();
	free(dsdt);
	snprintf(path, sizeof(path), "tests/data/acpi/%s/DSDT", dir);
	dsdt = fake_acpi_read_file(path, &n);

	qemu_memhp_init(&hp, 4);
	stray_accesses = 0;
	nr_notified = 0;
	fake_aml_reset();
	assert_int_equal(fake_aml_add_handler(AML_SPACE_IO, QEMU_MEMHP_BASE, QEMU_MEMHP_LEN,
					      qemu_memhp_port, &hp), 0);
	assert_int_equal(fake_aml_add_handler(AML_SPACE_IO, 0, 0x10000, stray, NULL), 0);
	assert_int_equal(fake_aml_add_handler(AML_SPACE_MEMORY, 0, ~0ULL, stray, NULL), 0);
	assert_int_equal(fake_aml_add_handler(AML_SPACE_PCI, 0, ~0ULL, stray, NULL), 0);
	assert_int_equal(aml_load_table((struct acpi_table_header *)dsdt), 0);
	fake_printk_clear();
}

/* cmocka's prestate is the directory: each flow runs on every DSDT. */
static int
setup_dsdt(void **state)
{
	load_dsdt(*state);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	/* Whatever a test did, the AML never touched a port outside the
	 * block, nor read a port that is no register. */
	assert_int_equal(stray_accesses, 0);
	assert_int_equal(hp.odd_reads, 0);
	assert_int_equal(hp.bad_width, 0);
	aml_reset();
	free(dsdt);
	dsdt = NULL;
	return 0;
}

static u64
eval_int(const char *path)
{
	u64 v = 0xdead;

	assert_int_equal(aml_eval_integer(NULL, path, &v), 0);
	return v;
}

/* Run the GPE 3 handler as the ACPI worker would. */
static void
run_e03(void)
{
	struct aml_value ret;

	fake_aml_nnotify = 0;
	assert_int_equal(aml_eval(NULL, "\\_GPE._E03", NULL, 0, &ret), 0);
	assert_int_equal(ret.type, AML_UNINITIALIZED);	/* _E03 returns nothing */
	aml_value_free(&ret);
	collect_notifies();
}

/* ------------------------------------------------------------ the model alone */

/* Port reads of a 4-slot model with a DIMM at 4 GiB + 128 MiB, node 1, in
 * slot 2.  Expect the five registers, flags 0x3 after a hot plug, all
 * ones at an odd offset, 0 everywhere for selector 9. */
static void
test_model_registers(void **state)
{
	u64 v;

	(void)state;
	qemu_memhp_init(&hp, 4);
	assert_int_equal(qemu_memhp_hot_plug(&hp, 2, 0x100000000ULL, 128 * MiB, 1), 0);
	assert_int_equal(hp.gpe_raised, 1);
	qemu_memhp_write(&hp, 0x00, 32, 2);
	qemu_memhp_read(&hp, 0x00, 32, &v); assert_int_equal(v, 0);
	qemu_memhp_read(&hp, 0x04, 32, &v); assert_int_equal(v, 1);
	qemu_memhp_read(&hp, 0x08, 32, &v); assert_int_equal(v, 128 * MiB);
	qemu_memhp_read(&hp, 0x0c, 32, &v); assert_int_equal(v, 0);
	qemu_memhp_read(&hp, 0x10, 32, &v); assert_int_equal(v, 1);
	qemu_memhp_read(&hp, 0x14, 8, &v);  assert_int_equal(v, 0x3);
	qemu_memhp_read(&hp, 0x14, 32, &v); assert_int_equal(v, 0x3);
	qemu_memhp_read(&hp, 0x01, 8, &v);  assert_int_equal(v, 0xff);
	qemu_memhp_read(&hp, 0x15, 16, &v); assert_int_equal(v, 0xffff);
	assert_int_equal(hp.odd_reads, 2);
	qemu_memhp_write(&hp, 0x00, 32, 9);
	for (u32 off = 0; off < QEMU_MEMHP_LEN; off++) {
		qemu_memhp_read(&hp, off, 8, &v);
		assert_int_equal(v, 0);
	}
	assert_int_equal(qemu_memhp_read(&hp, 0x00, 64, &v), -EINVAL);
	hp.odd_reads = hp.bad_width = 0;
}

/*
 * The control byte on a slot with flags 0x7: 0x0A clears only inserting
 * (bit 1 wins, no eject); 0x08 then ejects, leaving removing latched on
 * the empty slot; 0x08 again does nothing; 0x04 clears removing; with
 * the selector past the last slot an _OST status write is dropped.
 * Expect exactly that, per spec 2.2.
 */
static void
test_model_control_priority(void **state)
{
	(void)state;
	qemu_memhp_init(&hp, 4);
	qemu_memhp_hot_plug(&hp, 1, 4 * GiB, GiB, 0);
	qemu_memhp_unplug_request(&hp, 1);
	assert_int_equal(qemu_memhp_flags(&hp, 1), 0x7);
	qemu_memhp_write(&hp, 0x00, 32, 1);
	qemu_memhp_write(&hp, 0x14, 8, 0x0a);
	assert_int_equal(qemu_memhp_flags(&hp, 1), 0x5);
	assert_int_equal(hp.slots[1].ejects, 0);
	qemu_memhp_write(&hp, 0x14, 8, 0x08);
	assert_int_equal(qemu_memhp_flags(&hp, 1), 0x4);	/* stale removing (9.8) */
	assert_int_equal(hp.slots[1].ejects, 1);
	assert_int_equal(hp.slots[1].addr, 0);
	qemu_memhp_write(&hp, 0x14, 8, 0x08);
	assert_int_equal(hp.slots[1].ejects, 1);
	qemu_memhp_write(&hp, 0x14, 8, 0x04);
	assert_int_equal(qemu_memhp_flags(&hp, 1), 0x0);
	/* Out-of-range selector: writes other than to 0x00 are dropped. */
	qemu_memhp_write(&hp, 0x00, 32, 4);
	qemu_memhp_write(&hp, 0x08, 32, 0x80);
	for (u32 s = 0; s < 4; s++)
		assert_int_equal(hp.slots[s].ost_count, 0);
}

/* ------------------------------------------------------------ the DSDTs */

/*
 * Each captured DSDT with memory hotplug (pc and q35, SeaBIOS and OVMF).
 * Expect it to load, every method to pass aml_check_methods(), 32-bit
 * integers (revision 1), MDNR 4, \_SB.MHPC._STA 0x0B, MP00-MP03 with
 * _HID EisaId PNP0C80 and _UID "0x00".."0x03", and a first scan with
 * nothing plugged to send no Notify.
 */
static void
test_dsdts_load(void **state)
{
	static const char *const dirs[] = {
		"pc/seabios-memhp", "pc/ovmf-memhp", "q35/seabios-memhp", "q35/ovmf-memhp",
		"pc/seabios-memhp-2node", "q35/seabios-memhp-2node",
	};
	struct aml_value uid;
	char path[32];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		load_dsdt(dirs[i]);
		assert_int_equal(aml_check_methods(), 0);
		assert_int_equal(aml_integer_width(), 32);
		assert_int_equal(eval_int("\\_SB.MHPC.MDNR"), 4);
		assert_int_equal(eval_int("\\_SB.MHPC._STA"), 0x0b);
		for (int s = 0; s < 4; s++) {
			snprintf(path, sizeof(path), "\\_SB.MHPC.MP%02X._HID", s);
			assert_int_equal(eval_int(path), 0x800cd041);
			snprintf(path, sizeof(path), "\\_SB.MHPC.MP%02X._UID", s);
			assert_int_equal(aml_eval(NULL, path, NULL, 0, &uid), 0);
			assert_int_equal(uid.type, AML_STRING);
			snprintf(path, sizeof(path), "0x%02X", s);
			assert_string_equal(uid.string.ptr, path);
			aml_value_free(&uid);
		}
		assert_null(aml_lookup(NULL, "\\_SB.MHPC.MP04"));
		run_e03();
		assert_int_equal(nr_notified, 0);
		assert_int_equal(stray_accesses, 0);
	}
}

/* ------------------------------------------------------------ event flows */

/*
 * device_add of a 128 MiB DIMM at 4 GiB into slot 2 (spec 5a).  Expect
 * one _E03 to send exactly Notify(\_SB_.MHPC.MP02, 1), clear inserting
 * (the AML wrote 0x02 to 0x0A14), keep the DIMM; a second _E03 sends
 * nothing.
 */
static void
test_hot_add_notifies_device_check(void **state)
{
	(void)state;
	qemu_memhp_hot_plug(&hp, 2, 0x100000000ULL, 128 * MiB, 0);
	run_e03();
	assert_int_equal(nr_notified, 1);
	assert_string_equal(notified[0], "\\_SB_.MHPC.MP02 1");
	assert_false(hp.slots[2].inserting);
	assert_true(hp.slots[2].dimm);
	assert_int_equal(hp.slots[2].ejects, 0);
	run_e03();
	assert_int_equal(nr_notified, 0);
}

/* device_del of a cold-plugged DIMM in slot 2 (spec 5b).  Expect
 * Notify(MP02, 3), removing cleared, the DIMM still there. */
static void
test_remove_request_notifies_eject(void **state)
{
	(void)state;
	qemu_memhp_cold_plug(&hp, 2, 0x100000000ULL, 128 * MiB, 0);
	qemu_memhp_unplug_request(&hp, 2);
	run_e03();
	assert_int_equal(nr_notified, 1);
	assert_string_equal(notified[0], "\\_SB_.MHPC.MP02 3");
	assert_false(hp.slots[2].removing);
	assert_true(hp.slots[2].dimm);
}

/*
 * device_add then device_del before any scan: flags 0x7 (spec 9.7).
 * Expect the first scan to send only Notify(MP02, 1) and leave removing
 * latched; the second to send Notify(MP02, 3); the third nothing.
 */
static void
test_insert_and_remove_latched(void **state)
{
	(void)state;
	qemu_memhp_hot_plug(&hp, 2, 0x100000000ULL, 128 * MiB, 0);
	qemu_memhp_unplug_request(&hp, 2);
	assert_int_equal(qemu_memhp_flags(&hp, 2), 0x7);
	run_e03();
	assert_int_equal(nr_notified, 1);
	assert_string_equal(notified[0], "\\_SB_.MHPC.MP02 1");
	assert_int_equal(qemu_memhp_flags(&hp, 2), 0x5);
	run_e03();
	assert_int_equal(nr_notified, 1);
	assert_string_equal(notified[0], "\\_SB_.MHPC.MP02 3");
	assert_int_equal(qemu_memhp_flags(&hp, 2), 0x1);
	run_e03();
	assert_int_equal(nr_notified, 0);
}

/*
 * Two slots at once: a hot add in slot 0 and a remove request in slot 3.
 * Expect one scan to send both, in slot order.
 */
static void
test_two_slots_one_scan(void **state)
{
	(void)state;
	qemu_memhp_cold_plug(&hp, 3, 0x180000000ULL, GiB, 1);
	qemu_memhp_hot_plug(&hp, 0, 0x100000000ULL, GiB, 0);
	qemu_memhp_unplug_request(&hp, 3);
	run_e03();
	assert_int_equal(nr_notified, 2);
	assert_string_equal(notified[0], "\\_SB_.MHPC.MP00 1");
	assert_string_equal(notified[1], "\\_SB_.MHPC.MP03 3");
}

/*
 * A hot-added DIMM ejected by the guest before any scan: the slot is
 * empty with inserting still set (spec 9.8, flags 0x2).  Expect the scan
 * to send Notify(MP01, 1) anyway, and MP01._STA to say 0, which is how
 * a driver knows to ignore it.
 */
static void
test_stale_flags_on_empty_slot(void **state)
{
	struct aml_value arg = { .type = AML_INTEGER, .integer = 1 };

	(void)state;
	qemu_memhp_hot_plug(&hp, 1, 0x100000000ULL, 128 * MiB, 0);
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP01._EJ0", &arg, 1, NULL), 0);
	assert_int_equal(qemu_memhp_flags(&hp, 1), 0x2);
	run_e03();
	assert_int_equal(nr_notified, 1);
	assert_string_equal(notified[0], "\\_SB_.MHPC.MP01 1");
	assert_int_equal(eval_int("\\_SB.MHPC.MP01._STA"), 0);
	assert_int_equal(qemu_memhp_flags(&hp, 1), 0x0);
}

/* ------------------------------------------------------------ per-slot methods */

/* A DIMM in slot 0, none in slot 3.  Expect _STA 0x0F and 0, and each
 * call to leave the selector on its own slot (MRST writes MSEL). */
static void
test_sta_present_and_absent(void **state)
{
	(void)state;
	qemu_memhp_cold_plug(&hp, 0, 0x100000000ULL, GiB, 0);
	assert_int_equal(eval_int("\\_SB.MHPC.MP00._STA"), 0x0f);
	assert_int_equal(hp.selector, 0);
	assert_int_equal(eval_int("\\_SB.MHPC.MP03._STA"), 0x00);
	assert_int_equal(hp.selector, 3);
}

struct first_res {
	int n;
	struct aml_resource r;
	char text[96];
};

static int
keep_first(const struct aml_resource *r, void *arg)
{
	struct first_res *f = arg;

	if (f->n++ == 0) {
		f->r = *r;
		aml_resource_format(r, f->text, sizeof(f->text));
	}
	return 0;
}

/* Evaluate PATH (a _CRS) and decode its one descriptor into F. */
static void
eval_crs(const char *path, struct first_res *f)
{
	struct aml_value v;

	memset(f, 0, sizeof(*f));
	assert_int_equal(aml_eval(NULL, path, NULL, 0, &v), 0);
	assert_int_equal(v.type, AML_BUFFER);
	assert_int_equal(aml_resource_walk(v.buffer.ptr, v.buffer.len, keep_first, f), 0);
	assert_int_equal(f->n, 1);
	aml_value_free(&v);
}

/*
 * MCRS's 64-bit arithmetic in 32-bit halves (spec 3.2 step 5): a 128 MiB
 * DIMM at 4 GiB; a 1 GiB DIMM at 0x1C0000000 (the low half of MAX
 * carries into the high); an empty slot (max wraps to all ones); a DIMM
 * at 2 GiB, below 4 GiB, which takes the If branch and its method-local
 * Name MR32.  Expect the decoded ranges.
 */
static void
test_crs_ranges(void **state)
{
	struct first_res f;

	(void)state;
	qemu_memhp_cold_plug(&hp, 2, 0x100000000ULL, 128 * MiB, 0);
	eval_crs("\\_SB.MHPC.MP02._CRS", &f);
	assert_string_equal(f.text, "QWordMemory 0x100000000-0x107ffffff (len 0x8000000)");
	assert_int_equal(f.r.address.general_flags, 0x0c);
	assert_int_equal(f.r.address.type_flags, 0x03);

	qemu_memhp_cold_plug(&hp, 1, 0x1c0000000ULL, GiB, 0);
	eval_crs("\\_SB.MHPC.MP01._CRS", &f);
	assert_int_equal(f.r.address.min, 0x1c0000000ULL);
	assert_int_equal(f.r.address.max, 0x1ffffffffULL);
	assert_int_equal(f.r.address.len, GiB);

	eval_crs("\\_SB.MHPC.MP03._CRS", &f);
	assert_string_equal(f.text, "QWordMemory 0x0-0xffffffffffffffff (len 0x0)");

	qemu_memhp_cold_plug(&hp, 0, 2 * GiB, 256 * MiB, 0);
	eval_crs("\\_SB.MHPC.MP00._CRS", &f);
	assert_int_equal(f.r.tag, 0x87);
	assert_string_equal(f.text, "DWordMemory 0x80000000-0x8fffffff (len 0x10000000)");
	/* Twice more: the method-local Names are made afresh at each call. */
	eval_crs("\\_SB.MHPC.MP00._CRS", &f);
	eval_crs("\\_SB.MHPC.MP02._CRS", &f);
	assert_string_equal(f.text, "QWordMemory 0x100000000-0x107ffffff (len 0x8000000)");
}

/* DIMMs on nodes 0 and 3.  Expect _PXM to give each node. */
static void
test_pxm(void **state)
{
	(void)state;
	qemu_memhp_cold_plug(&hp, 0, 0x100000000ULL, GiB, 0);
	qemu_memhp_cold_plug(&hp, 1, 0x140000000ULL, GiB, 3);
	assert_int_equal(eval_int("\\_SB.MHPC.MP00._PXM"), 0);
	assert_int_equal(eval_int("\\_SB.MHPC.MP01._PXM"), 3);
}

/*
 * _OST(0x01 insert, 0x00 success, buffer) on MP02 (spec 5a).  Expect the
 * model to hold event 1 and status 0 for slot 2, one status write (one
 * QMP event), and the writes MSEL=2, MOEV=1, MOSC=0 in that order.
 */
static void
test_ost_reaches_model(void **state)
{
	struct aml_value args[3] = {
		{ .type = AML_INTEGER, .integer = 0x01 },
		{ .type = AML_INTEGER, .integer = 0x00 },
		{ .type = AML_BUFFER },
	};
	u8 none[1] = { 0 };

	(void)state;
	args[2].buffer.ptr = none;
	args[2].buffer.len = 1;
	qemu_memhp_cold_plug(&hp, 2, 0x100000000ULL, GiB, 0);
	hp.slots[2].ost_event = 0xffff;
	hp.slots[2].ost_status = 0xffff;
	hp.nr_writes = 0;
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP02._OST", args, 3, NULL), 0);
	assert_int_equal(hp.slots[2].ost_event, 0x01);
	assert_int_equal(hp.slots[2].ost_status, 0x00);
	assert_int_equal(hp.slots[2].ost_count, 1);
	assert_int_equal(hp.nr_writes, 3);
	assert_int_equal(hp.log[0].offset, 0x00);
	assert_int_equal(hp.log[0].value, 2);
	assert_int_equal(hp.log[1].offset, 0x04);
	assert_int_equal(hp.log[1].width, 32);
	assert_int_equal(hp.log[2].offset, 0x08);
	assert_int_equal(hp.log[2].width, 32);

	/* The eject-failure status QEMU knows (0x103, 0x80), on slot 3. */
	args[0].integer = 0x103;
	args[1].integer = 0x80;
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP03._OST", args, 3, NULL), 0);
	assert_int_equal(hp.slots[3].ost_event, 0x103);
	assert_int_equal(hp.slots[3].ost_status, 0x80);
}

/*
 * _EJ0(1) on MP02 whose inserting flag is still set (flags 0x3): the case
 * where a read-modify-write would send 0x0A and clear inserting instead
 * of ejecting (spec 3.3 point 6).  Expect the control writes to be
 * exactly one byte 0x08 at 0x14 after selecting slot 2, and the model to
 * eject the DIMM.
 */
static void
test_ej0_writes_only_eject_bit(void **state)
{
	struct aml_value arg = { .type = AML_INTEGER, .integer = 1 };
	int control_writes = 0;

	(void)state;
	qemu_memhp_hot_plug(&hp, 2, 0x100000000ULL, 128 * MiB, 0);
	hp.nr_writes = 0;
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP02._EJ0", &arg, 1, NULL), 0);
	for (u32 i = 0; i < hp.nr_writes; i++) {
		if (hp.log[i].offset == 0x00) {
			assert_int_equal(hp.log[i].value, 2);
			assert_int_equal(control_writes, 0);	/* select first */
			continue;
		}
		assert_int_equal(hp.log[i].offset, 0x14);
		assert_int_equal(hp.log[i].width, 8);
		assert_int_equal(hp.log[i].value, 0x08);
		control_writes++;
	}
	assert_int_equal(control_writes, 1);
	assert_int_equal(hp.slots[2].ejects, 1);
	assert_false(hp.slots[2].dimm);
	assert_int_equal(eval_int("\\_SB.MHPC.MP02._STA"), 0);
}

/* The four firmware x machine combinations; the memory-hotplug AML is
 * byte-identical in them, the tables around it are not. */
static char pc_seabios[] = "pc/seabios-memhp", pc_ovmf[] = "pc/ovmf-memhp";
static char q35_seabios[] = "q35/seabios-memhp", q35_ovmf[] = "q35/ovmf-memhp";
#define ON_EVERY_DSDT(t)							\
	cmocka_unit_test_prestate_setup_teardown(t, setup_dsdt, teardown, pc_seabios), \
	cmocka_unit_test_prestate_setup_teardown(t, setup_dsdt, teardown, pc_ovmf), \
	cmocka_unit_test_prestate_setup_teardown(t, setup_dsdt, teardown, q35_seabios), \
	cmocka_unit_test_prestate_setup_teardown(t, setup_dsdt, teardown, q35_ovmf)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_registers),
		cmocka_unit_test(test_model_control_priority),
		cmocka_unit_test_teardown(test_dsdts_load, teardown),
		ON_EVERY_DSDT(test_hot_add_notifies_device_check),
		ON_EVERY_DSDT(test_remove_request_notifies_eject),
		ON_EVERY_DSDT(test_insert_and_remove_latched),
		ON_EVERY_DSDT(test_two_slots_one_scan),
		ON_EVERY_DSDT(test_stale_flags_on_empty_slot),
		ON_EVERY_DSDT(test_sta_present_and_absent),
		ON_EVERY_DSDT(test_crs_ranges),
		ON_EVERY_DSDT(test_pxm),
		ON_EVERY_DSDT(test_ost_reaches_model),
		ON_EVERY_DSDT(test_ej0_writes_only_eject_bit),
	};
	return cmocka_run_group_tests_name("aml_memhp", tests, NULL, NULL);
}
