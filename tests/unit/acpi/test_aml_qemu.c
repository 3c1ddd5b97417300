/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_qemu.c - the AML interpreter on QEMU 7.2's real
 * DSDTs (tests/data/acpi/{pc,q35}/NAME/DSDT), with the model of QEMU's
 * memory-hotplug register block (tests/unit/fake/qemu_memhp.c) at I/O
 * port 0x0a00 behind the fake OS layer.
 *
 *	MHPC methods ──SystemIO 0x0a00..0x0a17──> memhp model (4 slots)
 *	   MSEL  0x00 w: slot selector          MRBL/MRBH 0x00/0x04 r: base
 *	   MOEV  0x04 w: _OST event             MRLL/MRLH 0x08/0x0c r: size
 *	   MOSC  0x08 w: _OST status            MPX       0x10 r: node
 *	   flags 0x14 r: enabled|inserting<<1|removing<<2   w: control bits
 *
 * The model follows shared/spec/qemu-memory-hotplug.md 2.2: reads count
 * only at exact register offsets, control writes act on the first set
 * bit of 0x02, 0x04, 0x08 in that order.  That is what makes a
 * read-modify-write of the flags byte visible: it would clear
 * "inserting" instead of ejecting.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "aml_asm.h"
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "fake_acpi_os.h"
#include "fake_aml_os.h"
#include "fake_printk.h"
#include "qemu_memhp.h"

/* ------------------------------------------------------------ the memhp model */

static struct qemu_memhp hp;	/* 4 slots, as the captured tables have */
#define GiB4	0x100000000ull	/* where QEMU puts the first DIMM */
#define MiB128	0x8000000ull

/* ------------------------------------------------------------ loading */

struct captured {
	const char *dir;	/* under tests/data/acpi/ */
	u32 nodes, methods;	/* what ACPICA's acpiexec 20200925 reports */
};

static const struct captured captured[] = {
	{ "pc/ovmf-memhp", 407, 132 },
	{ "pc/seabios-memhp", 407, 132 },
	{ "pc/seabios-memhp-2node", 413, 135 },
	{ "pc/seabios-memhp-defaults", 416, 134 },
	{ "pc/seabios-nomemhp", 343, 103 },
	{ "q35/ovmf-memhp", 312, 99 },
	{ "q35/seabios-5G", 296, 89 },
	{ "q35/seabios-memhp", 312, 99 },
	{ "q35/seabios-memhp-2node", 318, 102 },
	{ "q35/seabios-memhp-defaults", 324, 102 },
	{ "q35/seabios-nomemhp", 248, 70 },
};

static u8 *dsdt;

static int
setup(void **state)
{
	(void)state;
	fake_printk_clear();
	fake_aml_reset();
	qemu_memhp_init(&hp, 4);
	assert_int_equal(fake_aml_add_handler(AML_SPACE_IO, QEMU_MEMHP_BASE, QEMU_MEMHP_LEN,
					      qemu_memhp_port, &hp), 0);
	aml_trace = false;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	aml_trace = false;
	aml_reset_checked();
	free(dsdt);
	dsdt = NULL;
	return 0;
}

static void
load(const char *dir)
{
	char path[256];
	size_t len;

	snprintf(path, sizeof(path), "tests/data/acpi/%s/DSDT", dir);
	free(dsdt);
	dsdt = fake_acpi_read_file(path, &len);
	assert_int_equal(((struct acpi_table_header *)dsdt)->length, len);
	assert_int_equal(aml_load_table((const struct acpi_table_header *)dsdt), 0);
}

/*
 * Every captured DSDT (and SSDT, when a capture has one):
 *   load -> 0, aml_check_methods() -> 0, 32-bit integers, no warning,
 *   and the object count ACPICA gives for the same table.
 * Expect all of them to load clean and give back every byte at reset.
 */
static void
test_every_captured_table_loads_and_checks_clean(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(captured); i++) {
		struct aml_namespace_stats s;

		fake_printk_clear();
		load(captured[i].dir);
		for (int n = 1; n < 8; n++) {
			char path[256];
			size_t len;
			FILE *f;

			snprintf(path, sizeof(path), "tests/data/acpi/%s/SSDT%d", captured[i].dir, n);
			f = fopen(path, "rb");
			if (!f)
				break;
			fclose(f);
			u8 *ssdt = fake_acpi_read_file(path, &len);

			assert_int_equal(aml_load_table((const struct acpi_table_header *)ssdt), 0);
			free(ssdt);
		}
		assert_int_equal(aml_check_methods(), 0);
		assert_int_equal(aml_integer_width(), 32);
		aml_namespace_stats(&s);
		assert_int_equal(s.nodes, captured[i].nodes);
		assert_int_equal(s.methods, captured[i].methods);
		assert_int_equal(s.tables, 1);
		assert_int_equal(fake_printk_warnings(), 0);
		aml_reset_checked();
	}
}

/*
 * _STA of slot 0:  empty -> 0;  plugged (enabled) -> 0x0F.
 * Expect MRST's dword write of the selector (0) to 0x0a00 before the
 * byte read of the flags at 0x0a14.
 */
static void
test_mp00_sta_follows_the_enabled_flag(void **state)
{
	(void)state;
	load("pc/seabios-memhp");
	assert_int_equal(eval_int("\\_SB.MHPC.MP00._STA"), 0);
	assert_int_equal(qemu_memhp_cold_plug(&hp, 0, GiB4, MiB128, 0), 0);
	assert_int_equal(eval_int("\\_SB.MHPC.MP00._STA"), 0x0F);
	assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0a00, 32, true), 2);
	assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0a14, 8, false), 2);
	assert_int_equal(qemu_memhp_cold_plug(&hp, 3, GiB4 + MiB128, MiB128, 0), 0);
	assert_int_equal(eval_int("\\_SB.MHPC.MP03._STA"), 0x0F);
	assert_int_equal(hp.selector, 3);
	assert_int_equal(eval_int("\\_SB.MHPC._STA"), 0x0B);
}

struct range {
	int count;
	u64 min, max, len;
	u8 resource_type;
};

static int
collect(const struct aml_resource *r, void *arg)
{
	struct range *out = arg;

	out->count++;
	if (r->type == AML_RES_ADDRESS) {
		out->min = r->address.min;
		out->max = r->address.max;
		out->len = r->address.len;
		out->resource_type = r->address.resource_type;
	}
	return 0;
}

/*
 * _CRS of a 128 MiB DIMM at 4 GiB, computed by MCRS in 32-bit halves:
 *   min 0x100000000, max 0x107FFFFFF, len 0x8000000 (QWordMemory).
 * Expect one QWord memory descriptor, and a copy that outlives the
 * method-local MR64 it was built in (a second call gives the same).
 */
static void
test_mp00_crs_of_a_128mib_dimm_at_4gib(void **state)
{
	struct aml_value v;
	struct range r = { 0 };

	(void)state;
	load("q35/seabios-memhp");
	assert_int_equal(qemu_memhp_cold_plug(&hp, 0, GiB4, MiB128, 0), 0);
	for (int call = 0; call < 2; call++) {
		memset(&r, 0, sizeof(r));
		assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP00._CRS", NULL, 0, &v), 0);
		assert_int_equal(v.type, AML_BUFFER);
		assert_int_equal(v.buffer.len, 48);
		assert_int_equal(v.buffer.ptr[0], 0x8A);
		assert_int_equal(aml_resource_walk(v.buffer.ptr, v.buffer.len, collect, &r), 0);
		aml_value_free(&v);
		assert_int_equal(r.count, 1);
		assert_int_equal(r.resource_type, 0);
		assert_true(r.min == 0x100000000ull);
		assert_true(r.max == 0x107FFFFFFull);
		assert_true(r.len == 0x8000000ull);
	}
	/* An empty slot: min 0, len 0, max wraps to all ones (still QWord). */
	memset(&r, 0, sizeof(r));
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP01._CRS", NULL, 0, &v), 0);
	assert_int_equal(aml_resource_walk(v.buffer.ptr, v.buffer.len, collect, &r), 0);
	aml_value_free(&v);
	assert_true(r.max == ~0ull && r.min == 0 && r.len == 0);
}

/* _PXM reads MPX of the selected slot. */
static void
test_mp02_pxm_is_the_dimm_node(void **state)
{
	(void)state;
	load("pc/seabios-memhp-2node");
	assert_int_equal(qemu_memhp_cold_plug(&hp, 2, GiB4, MiB128, 1), 0);
	assert_int_equal(eval_int("\\_SB.MHPC.MP02._PXM"), 1);
	assert_int_equal(eval_int("\\_SB.MHPC.MP01._PXM"), 0);
}

/*
 * \_GPE._E03 -> MSCN -> MTFY(1, 1) -> Notify(MP01, 1), then MINS = One.
 *   slot 1 flags: enabled|inserting  ->  enabled
 * Expect one Notify, device check, and the insert flag cleared by the
 * byte write 0x02 (WriteAsZeros: nothing read first).
 */
static void
test_gpe_e03_notifies_an_inserted_dimm(void **state)
{
	(void)state;
	load("pc/seabios-memhp");
	assert_int_equal(qemu_memhp_hot_plug(&hp, 1, GiB4, MiB128, 0), 0);
	assert_int_equal(aml_eval(NULL, "\\_GPE._E03", NULL, 0, NULL), 0);
	assert_int_equal(fake_aml_nnotify, 1);
	assert_string_equal(fake_aml_notifies[0].path, "\\_SB_.MHPC.MP01");
	assert_int_equal(fake_aml_notifies[0].value, 1);
	assert_int_equal(qemu_memhp_flags(&hp, 1), QEMU_MEMHP_ENABLED);
	for (int i = 0; i < fake_aml_nlog; i++)
		if (fake_aml_log[i].write && fake_aml_log[i].address == 0x0a14)
			assert_int_equal(fake_aml_log[i].value, 0x02);
	/* A second scan finds nothing to say. */
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MSCN", NULL, 0, NULL), 0);
	assert_int_equal(fake_aml_nnotify, 1);
}

/*
 * flags 0x7 (inserting and removing) on slot 0, removing only on slot 2:
 * Expect Notify(MP00, 1) (insert first, remove stays latched, spec 9.7)
 * and Notify(MP02, 3) with 0x04 written to clear it.
 */
static void
test_scan_sends_insert_before_remove(void **state)
{
	(void)state;
	load("q35/seabios-memhp");
	assert_int_equal(qemu_memhp_hot_plug(&hp, 0, GiB4, MiB128, 0), 0);
	assert_int_equal(qemu_memhp_unplug_request(&hp, 0), 0);
	assert_int_equal(qemu_memhp_cold_plug(&hp, 2, GiB4 + MiB128, MiB128, 0), 0);
	assert_int_equal(qemu_memhp_unplug_request(&hp, 2), 0);
	assert_int_equal(eval_int("\\_SB.MHPC.MSCN"), 1);
	assert_int_equal(fake_aml_nnotify, 2);
	assert_string_equal(fake_aml_notifies[0].path, "\\_SB_.MHPC.MP00");
	assert_int_equal(fake_aml_notifies[0].value, 1);
	assert_string_equal(fake_aml_notifies[1].path, "\\_SB_.MHPC.MP02");
	assert_int_equal(fake_aml_notifies[1].value, 3);
	assert_int_equal(qemu_memhp_flags(&hp, 0), QEMU_MEMHP_ENABLED | QEMU_MEMHP_REMOVING);
	assert_int_equal(qemu_memhp_flags(&hp, 2), QEMU_MEMHP_ENABLED);
}

/*
 * _EJ0 of a slot whose "inserting" bit is still set (flags 0x3):
 *   MEJ = One  in a ByteAcc WriteAsZeros field, bit 3 of 0x0a14.
 * Expect exactly one access to 0x0a14: a byte write of 0x08 (a
 * read-modify-write would write 0x0B and only clear "inserting"), and
 * the DIMM ejected.
 */
static void
test_ej0_writes_exactly_0x08_and_ejects(void **state)
{
	struct aml_value arg = aml_int(0);

	(void)state;
	load("pc/seabios-memhp");
	assert_int_equal(qemu_memhp_hot_plug(&hp, 0, GiB4, MiB128, 0), 0);
	fake_aml_nlog = 0;
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP00._EJ0", &arg, 1, NULL), 0);
	assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0a14, 8, true), 1);
	assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0a14, 8, false), 0);
	for (int i = 0; i < fake_aml_nlog; i++)
		if (fake_aml_log[i].address == 0x0a14)
			assert_int_equal(fake_aml_log[i].value, 0x08);
	assert_int_equal(hp.slots[0].ejects, 1);
	assert_int_equal(qemu_memhp_flags(&hp, 0), QEMU_MEMHP_INSERTING);
}

/* _OST(event 0x1, status 0x80, buffer): dword writes to MOEV then MOSC. */
static void
test_ost_writes_event_then_status(void **state)
{
	struct aml_value args[3] = { aml_int(0x1), aml_int(0x80) };
	u8 bytes[4] = { 0 };

	(void)state;
	args[2].type = AML_BUFFER;
	args[2].buffer.ptr = bytes;
	args[2].buffer.len = sizeof(bytes);
	load("q35/seabios-memhp");
	fake_aml_nlog = 0;
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP03._OST", args, 3, NULL), 0);
	assert_int_equal(hp.slots[3].ost_event, 0x1);
	assert_int_equal(hp.slots[3].ost_status, 0x80);
	assert_int_equal(fake_aml_log[1].address, 0x0a04);
	assert_int_equal(fake_aml_log[2].address, 0x0a08);
	/* Too few and too many arguments are refused before any AML runs. */
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP03._OST", args, 2, NULL), -EINVAL);
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MP03._STA", args, 1, NULL), -EINVAL);
}

/*
 * `trace acpi on`: each call and the Notify, two spaces per depth:
 *   aml: call \_GPE._E03 ()
 *   aml:   call \_SB_.MHPC.MSCN ()
 *   aml:     call \_SB_.MHPC.MTFY (0x1, 0x1)
 *   aml:       Notify(\_SB_.MHPC.MP01, 0x1)
 */
static void
test_trace_prints_calls_and_notify_by_depth(void **state)
{
	(void)state;
	load("pc/seabios-memhp");
	assert_int_equal(qemu_memhp_hot_plug(&hp, 1, GiB4, MiB128, 0), 0);
	aml_trace = true;
	fake_printk_clear();
	assert_int_equal(aml_eval(NULL, "\\_GPE._E03", NULL, 0, NULL), 0);
	assert_true(fake_printk_contains("aml: call \\_GPE._E03 ()\n"));
	assert_true(fake_printk_contains("aml:   call \\_SB_.MHPC.MSCN ()\n"));
	assert_true(fake_printk_contains("aml:     call \\_SB_.MHPC.MTFY (0x1, 0x1)\n"));
	assert_true(fake_printk_contains("aml:       Notify(\\_SB_.MHPC.MP01, 0x1)\n"));
	fake_printk_clear();
	assert_int_equal(eval_int("\\_SB.MHPC.MP01._STA"), 0x0F);
	assert_true(fake_printk_contains("aml:   call \\_SB_.MHPC.MRST (\"0x01\")\n"));
}

/* The MLCK mutex is free again after every method: MSCN holds it while
 * calling MTFY, and an evaluation that failed inside it releases it too. */
static void
test_mlck_is_released_after_each_evaluation(void **state)
{
	(void)state;
	load("pc/seabios-memhp");
	assert_int_equal(qemu_memhp_hot_plug(&hp, 0, GiB4, MiB128, 0), 0);
	fake_aml_refuse[AML_SPACE_IO] = true;
	assert_int_equal(aml_eval(NULL, "\\_SB.MHPC.MSCN", NULL, 0, NULL), -AML_EREGION);
	assert_true(fake_printk_contains("aml: \\_SB_.MHPC.MSCN: SystemIO write of 0xa00 (32 bits) refused at DSDT+"));
	fake_aml_refuse[AML_SPACE_IO] = false;
	assert_int_equal(eval_int("\\_SB.MHPC.MSCN"), 1);
	assert_int_equal(fake_aml_nnotify, 1);
}

/*
 * acpi_namespace_init() on the tables as firmware lays them out (RSDP,
 * RSDT, FADT -> DSDT), through tables.c and the fake acpi_os_map().
 * Expect the one summary line of drivers/acpi/acpi.h.
 */
static void
test_acpi_namespace_init_prints_the_summary(void **state)
{
	(void)state;
	fake_acpi_reset();
	fake_acpi_region(0, 0x100000);
	assert_true(fake_acpi_load_dir("tests/data/acpi/q35/seabios-memhp") >= 6);
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	fake_printk_clear();
	assert_int_equal(acpi_namespace_init(), 0);
	assert_true(fake_printk_contains(
		"ACPI: namespace: 1 tables, 312 objects, 99 methods (32-bit integers)\n"));
	assert_int_equal(fake_printk_warnings(), 0);
	fake_acpi_reset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_captured_table_loads_and_checks_clean,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_mp00_sta_follows_the_enabled_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mp00_crs_of_a_128mib_dimm_at_4gib, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mp02_pxm_is_the_dimm_node, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gpe_e03_notifies_an_inserted_dimm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_sends_insert_before_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ej0_writes_exactly_0x08_and_ejects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ost_writes_event_then_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_prints_calls_and_notify_by_depth, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_mlck_is_released_after_each_evaluation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_acpi_namespace_init_prints_the_summary, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("aml on QEMU's tables", tests, NULL, NULL);
}
