/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_bus.c - host tests for drivers/acpi/bus.c: EISA
 * ids, the scan of a namespace shaped like QEMU's (ids, _STA, parents,
 * tree order), binding drivers by _HID/_CID, and the Notify queue
 * (order, delivery after the method, binding on a device check, a full
 * queue counted and warned about).
 *
 * The namespace is tests/unit/acpi/fake_aml_ns.c: values and C methods.
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

#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_aml_ns.h"
#include "fake_printk.h"

/* events.c's, which this test does not link. */
bool acpi_trace;
struct acpi_event_stats acpi_event_stats;

/* ------------------------------------------------------------ a driver */

static struct {
	int adds;			/* add() calls */
	int add_result;			/* what add() returns */
	struct acpi_device *notified[80];	/* notify() calls, in order */
	u32 values[80];
	int nr;
	struct aml_node *renotify;	/* notify() queues Notify(renotify, 0x80) once */
} drv;

static int
drv_add(struct acpi_device *dev)
{
	drv.adds++;
	assert_non_null(dev->driver);	/* set before add() */
	return drv.add_result;
}

static void
drv_notify(struct acpi_device *dev, u32 value)
{
	if (drv.nr < (int)ARRAY_SIZE(drv.notified)) {
		drv.notified[drv.nr] = dev;
		drv.values[drv.nr] = value;
	}
	drv.nr++;
	if (drv.renotify) {
		aml_os_notify(drv.renotify, 0x80);
		drv.renotify = NULL;
	}
}

static const char *const memdev_ids[] = { "PNP0C80", NULL };
static const struct acpi_driver test_memdev = {
	.name = "test memory device", .ids = memdev_ids, .add = drv_add, .notify = drv_notify,
};
ACPI_DRIVER(test_memdev);

/* ------------------------------------------------------------ the namespace */

static u64 mp00_sta;		/* what MP00._STA returns */

static int
mp00_sta_fn(struct aml_node *self, const struct aml_value *args, int nargs, struct aml_value *ret)
{
	(void)self, (void)args, (void)nargs;
	*ret = aml_int(mp00_sta);
	return 0;
}

static int
fail_fn(struct aml_node *self, const struct aml_value *args, int nargs, struct aml_value *ret)
{
	(void)self, (void)args, (void)nargs, (void)ret;
	return AML_EFATAL;
}

/*
 *	\_SB_                 scope
 *	  PCI0                Device _HID EisaId PNP0A03, _CID EisaId PNP0A08, _UID 0
 *	    ISA_              Device, no ids (_ADR only)
 *	      RTC_            Device _HID PNP0B00
 *	    MHPD              Device _HID "PNP0A06", _UID "Memory hotplug resources"
 *	  MHPC                Device _HID "PNP0A06", _STA 0x0B
 *	    MP00              Device _HID PNP0C80, _UID "0x00", _STA method (mp00_sta)
 *	    MP01              Device _HID PNP0C80, _UID "0x01", _STA 0x0F
 *	    MTFY              Method (not a device)
 *	  GONE                Device _STA 0 (not present)
 *	    MP02              Device _CID Package {"XYZ0001", PNP0C80}, _STA 0x0F
 *	  BAD_                Device _HID 1 (an odd EISA id), _STA fails
 *	\_PR_.C000            Processor
 * Expect (tree order): PCI0 ISA RTC MHPD MHPC MP00 MP01 GONE MP02 BAD C000.
 */
/* _INI methods record which device ran them, in order. */
static char inits[8][64];
static int nr_inits;

static int
ini_fn(struct aml_node *self, const struct aml_value *args, int nargs, struct aml_value *ret)
{
	(void)args;
	(void)nargs;
	(void)ret;
	if (nr_inits < 8)
		aml_node_path(aml_node_parent(self), inits[nr_inits], sizeof(inits[0]));
	nr_inits++;
	return 0;
}

static void
build_qemu_like(void)
{
	static const u64 none[2] = { 0, 0 };

	fake_ns_reset();
	fake_ns_add("\\_SB", AML_SCOPE);
	fake_ns_add("\\_SB.PCI0", AML_DEVICE);
	fake_ns_int("\\_SB.PCI0._HID", 0x030AD041);
	fake_ns_int("\\_SB.PCI0._CID", 0x080AD041);
	fake_ns_int("\\_SB.PCI0._UID", 0);
	fake_ns_add("\\_SB.PCI0.ISA", AML_DEVICE);
	fake_ns_int("\\_SB.PCI0.ISA._ADR", 0x00010000);
	fake_ns_add("\\_SB.PCI0.ISA.RTC", AML_DEVICE);
	fake_ns_int("\\_SB.PCI0.ISA.RTC._HID", 0x000BD041);
	fake_ns_add("\\_SB.PCI0.MHPD", AML_DEVICE);
	fake_ns_str("\\_SB.PCI0.MHPD._HID", "PNP0A06");
	fake_ns_str("\\_SB.PCI0.MHPD._UID", "Memory hotplug resources");
	fake_ns_add("\\_SB.MHPC", AML_DEVICE);
	fake_ns_str("\\_SB.MHPC._HID", "PNP0A06");
	fake_ns_int("\\_SB.MHPC._STA", 0x0b);
	fake_ns_add("\\_SB.MHPC.MP00", AML_DEVICE);
	fake_ns_int("\\_SB.MHPC.MP00._HID", 0x800CD041);
	fake_ns_str("\\_SB.MHPC.MP00._UID", "0x00");
	fake_ns_method("\\_SB.MHPC.MP00._STA", 0, mp00_sta_fn);
	fake_ns_add("\\_SB.MHPC.MP01", AML_DEVICE);
	fake_ns_int("\\_SB.MHPC.MP01._HID", 0x800CD041);
	fake_ns_str("\\_SB.MHPC.MP01._UID", "0x01");
	fake_ns_int("\\_SB.MHPC.MP01._STA", 0x0f);
	fake_ns_method("\\_SB.MHPC.MTFY", 2, fail_fn);
	fake_ns_add("\\_SB.GONE", AML_DEVICE);
	fake_ns_int("\\_SB.GONE._STA", 0);
	fake_ns_add("\\_SB.GONE.MP02", AML_DEVICE);
	fake_ns_pkg("\\_SB.GONE.MP02._CID", none, 2);
	{
		struct aml_node *cid = aml_lookup(NULL, "\\_SB.GONE.MP02._CID");

		aml_value_free(&cid->value.package.elems[0]);
		cid->value.package.elems[0].type = AML_STRING;
		cid->value.package.elems[0].string.ptr = strdup("XYZ0001");
		cid->value.package.elems[0].string.len = 7;
		cid->value.package.elems[1] = aml_int(0x800CD041);
	}
	fake_ns_int("\\_SB.GONE.MP02._STA", 0x0f);
	fake_ns_add("\\_SB.BAD", AML_DEVICE);
	fake_ns_int("\\_SB.BAD._HID", 1);
	fake_ns_method("\\_SB.BAD._STA", 0, fail_fn);
	fake_ns_add("\\_PR.C000", AML_PROCESSOR);
	fake_ns_method("\\_SB.PCI0._INI", 0, ini_fn);		/* present: runs */
	fake_ns_method("\\_SB.MHPC.MP00._INI", 0, ini_fn);	/* _STA 0: not */
	fake_ns_method("\\_SB.MHPC.MP01._INI", 0, ini_fn);	/* present: runs */
	fake_ns_method("\\_SB.GONE.MP02._INI", 0, ini_fn);	/* parent neither: not */
	mp00_sta = 0;
	nr_inits = 0;
}

static int
setup(void **state)
{
	(void)state;
	memset(&drv, 0, sizeof(drv));
	memset(&acpi_event_stats, 0, sizeof(acpi_event_stats));
	acpi_trace = false;
	build_qemu_like();
	fake_printk_clear();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	acpi_bus_dispatch_notifies();	/* leave the queue empty */
	return 0;
}

/* ------------------------------------------------------------ tests */

/*
 * EisaId("PNP0C80") is 0x800CD041 in the AML; "PNP0A03" 0x030AD041;
 * "QMU0001"... any letters: 'Q' 'M' 'U' with product 0001.
 * Expect: the text back.
 */
static void
test_eisa_ids_decode(void **state)
{
	char s[8];

	(void)state;
	acpi_eisa_id_to_str(0x800CD041, s);
	assert_string_equal(s, "PNP0C80");
	acpi_eisa_id_to_str(0x030AD041, s);
	assert_string_equal(s, "PNP0A03");
	/* 'Q'=17 'M'=13 'U'=21: 0 10001 01101 10101 = 0x45B5, product 0x0001 */
	acpi_eisa_id_to_str(0x0100B545, s);
	assert_string_equal(s, "QMU0001");
}

/*
 * The namespace of build_qemu_like().
 * Expect: 11 devices in tree order with their ids, _UID, _STA (0x0F
 * without one, 0 when it fails: warned), parents; the odd _HID 1 decodes
 * to something (no crash); the summary line.
 */
static void
test_scan_records_devices_in_tree_order(void **state)
{
	static const char *const paths[] = {
		"\\_SB_.PCI0", "\\_SB_.PCI0.ISA_", "\\_SB_.PCI0.ISA_.RTC_", "\\_SB_.PCI0.MHPD",
		"\\_SB_.MHPC", "\\_SB_.MHPC.MP00", "\\_SB_.MHPC.MP01", "\\_SB_.GONE",
		"\\_SB_.GONE.MP02", "\\_SB_.BAD_", "\\_PR_.C000",
	};
	struct acpi_device *d;

	(void)state;
	assert_int_equal(acpi_bus_scan(), 11);
	assert_int_equal(acpi_bus_count(), 11);
	for (int i = 0; i < 11; i++)
		assert_string_equal(acpi_bus_device(i)->path, paths[i]);
	assert_null(acpi_bus_device(11));

	d = acpi_bus_device(0);
	assert_string_equal(d->hid, "PNP0A03");
	assert_string_equal(d->cids[0], "PNP0A08");
	assert_string_equal(d->uid, "0");
	assert_int_equal(d->sta, 0x0f);
	assert_null(d->parent);
	assert_ptr_equal(d->node, aml_lookup(NULL, "\\_SB.PCI0"));
	assert_ptr_equal(acpi_bus_find(d->node), d);

	d = acpi_bus_device(1);		/* ISA: no ids at all */
	assert_string_equal(d->hid, "");
	assert_string_equal(d->uid, "");
	assert_ptr_equal(d->parent, acpi_bus_device(0));
	assert_ptr_equal(acpi_bus_device(2)->parent, d);

	d = acpi_bus_device(3);
	assert_string_equal(d->hid, "PNP0A06");
	assert_string_equal(d->uid, "Memory hotplug resources");

	d = acpi_bus_device(5);		/* MP00 */
	assert_string_equal(d->hid, "PNP0C80");
	assert_string_equal(d->uid, "0x00");
	assert_int_equal(d->sta, 0);
	assert_ptr_equal(d->parent, acpi_bus_device(4));

	d = acpi_bus_device(8);		/* MP02: _CID package */
	assert_string_equal(d->cids[0], "XYZ0001");
	assert_string_equal(d->cids[1], "PNP0C80");
	assert_string_equal(d->cids[2], "");
	assert_true(acpi_device_has_id(d, "PNP0C80"));
	assert_false(acpi_device_has_id(d, "PNP0C8"));

	d = acpi_bus_device(9);		/* BAD: _STA failed */
	assert_int_equal(d->sta, 0);
	assert_true(fake_printk_contains("acpi: \\_SB_.BAD_._STA: evaluation failed (AML_EFATAL"));
	assert_int_equal(fake_printk_warnings(), 1);

	assert_null(acpi_bus_device(10)->parent);	/* C000 under \_PR: no device above */
	assert_true(fake_printk_contains(
		"ACPI: bus: 11 devices, 7 present, 1 bound to drivers; 3 PNP0C80 memory devices, 1 present\n"));
}

/*
 * The test driver takes "PNP0C80".  MP00 is absent (_STA 0), MP01
 * present, MP02 present but under GONE (_STA 0).
 * Expect: bound to MP01 only; add() called once.  Scanning again with
 * add() failing: nothing bound.
 */
static void
test_binding_needs_id_and_presence(void **state)
{
	(void)state;
	acpi_bus_scan();
	assert_int_equal(drv.adds, 1);
	assert_ptr_equal(acpi_bus_device(6)->driver, &test_memdev);
	assert_null(acpi_bus_device(5)->driver);
	assert_null(acpi_bus_device(8)->driver);
	assert_null(acpi_bus_device(0)->driver);

	drv.add_result = -ENODEV;
	acpi_bus_scan();
	assert_int_equal(drv.adds, 2);
	assert_null(acpi_bus_device(6)->driver);
}

/*
 * Three Notify calls queued as a method would (MP01 bound, 1 then 3;
 * MHPC unbound, 0x80) and one for MTFY, which is no device.
 * Expect: nothing delivered while queued; dispatch delivers MP01's two
 * in order to the driver, logs the others, and returns 4.
 */
static void
test_notify_is_queued_then_dispatched_in_order(void **state)
{
	struct aml_node *mp01 = aml_lookup(NULL, "\\_SB.MHPC.MP01");

	(void)state;
	acpi_bus_scan();
	fake_printk_clear();
	aml_os_notify(mp01, 1);
	aml_os_notify(aml_lookup(NULL, "\\_SB.MHPC"), 0x80);
	aml_os_notify(mp01, 3);
	aml_os_notify(aml_lookup(NULL, "\\_SB.MHPC.MTFY"), 1);
	assert_int_equal(drv.nr, 0);
	assert_int_equal(acpi_bus_dispatch_notifies(), 4);
	assert_int_equal(drv.nr, 2);
	assert_ptr_equal(drv.notified[0], acpi_bus_device(6));
	assert_int_equal(drv.values[0], 1);
	assert_int_equal(drv.values[1], 3);
	assert_true(fake_printk_contains(
		"acpi: Notify(\\_SB_.MHPC, 0x80 device-specific): no driver\n"));
	assert_true(fake_printk_contains(
		"acpi: Notify(\\_SB_.MHPC.MTFY, 0x1 device check): not a device on the bus\n"));
	assert_int_equal(acpi_event_stats.notify, 4);
	assert_int_equal(acpi_bus_dispatch_notifies(), 0);
}

/*
 * MP00 absent at the scan, then "plugged": its _STA says 0x0F and the
 * firmware sends Notify(MP00, 1).
 * Expect: MP00 bound at dispatch (add() is the answer; notify() is not
 * called for it), the line says so.  A Notify(MP00, 3) after that goes
 * to notify().  With trace on, the delivery line names the driver.
 */
static void
test_device_check_binds_a_device_that_appeared(void **state)
{
	struct aml_node *mp00 = aml_lookup(NULL, "\\_SB.MHPC.MP00");

	(void)state;
	acpi_bus_scan();
	assert_null(acpi_bus_find(mp00)->driver);
	mp00_sta = 0x0f;
	aml_os_notify(mp00, ACPI_NOTIFY_DEVICE_CHECK);
	assert_int_equal(acpi_bus_dispatch_notifies(), 1);
	assert_ptr_equal(acpi_bus_find(mp00)->driver, &test_memdev);
	assert_int_equal(acpi_bus_find(mp00)->sta, 0x0f);
	assert_int_equal(drv.adds, 2);
	assert_int_equal(drv.nr, 0);
	assert_true(fake_printk_contains(
		"acpi: Notify(\\_SB_.MHPC.MP00, 0x1 device check): present, bound to test memory device\n"));

	acpi_trace = true;
	aml_os_notify(mp00, ACPI_NOTIFY_EJECT_REQUEST);
	acpi_bus_dispatch_notifies();
	assert_int_equal(drv.nr, 1);
	assert_int_equal(drv.values[0], 3);
	assert_true(fake_printk_contains(
		"acpi: Notify(\\_SB_.MHPC.MP00, 0x3 eject request) -> test memory device\n"));
}

/*
 * A device check for an unbound device that is still absent.
 * Expect: "no driver", nothing bound, add() not called.
 */
static void
test_device_check_on_absent_device_is_logged(void **state)
{
	struct aml_node *mp00 = aml_lookup(NULL, "\\_SB.MHPC.MP00");

	(void)state;
	acpi_bus_scan();
	aml_os_notify(mp00, 1);
	acpi_bus_dispatch_notifies();
	assert_null(acpi_bus_find(mp00)->driver);
	assert_int_equal(drv.adds, 1);		/* MP01's, at the scan */
	assert_true(fake_printk_contains(
		"acpi: Notify(\\_SB_.MHPC.MP00, 0x1 device check): no driver\n"));
}

/*
 * A driver's notify() runs AML that sends another Notify.
 * Expect: delivered in the same dispatch, after the first; count 2.
 */
static void
test_notify_sent_by_a_driver_is_delivered_too(void **state)
{
	struct aml_node *mp01 = aml_lookup(NULL, "\\_SB.MHPC.MP01");

	(void)state;
	acpi_bus_scan();
	drv.renotify = mp01;
	aml_os_notify(mp01, 1);
	assert_int_equal(acpi_bus_dispatch_notifies(), 2);
	assert_int_equal(drv.nr, 2);
	assert_int_equal(drv.values[1], 0x80);
}

/*
 * Hostile AML: 70 Notify calls in one evaluation, queue of 64.
 * Expect: 64 delivered, 6 dropped; one warning when the queue filled and
 * one at dispatch with the count; the return counts all 70 (so a GPE
 * method is run again); acpi_notify_dropped grows by 6.
 */
static void
test_full_queue_drops_loudly(void **state)
{
	struct aml_node *mp01 = aml_lookup(NULL, "\\_SB.MHPC.MP01");
	u64 before = acpi_notify_dropped;

	(void)state;
	acpi_bus_scan();
	fake_printk_clear();
	for (int i = 0; i < 70; i++)
		aml_os_notify(mp01, 1);
	assert_int_equal(fake_printk_warnings(), 1);
	assert_true(fake_printk_contains(
		"acpi: Notify(\\_SB_.MHPC.MP01, 0x1): queue full (64 waiting); dropped\n"));
	assert_int_equal(acpi_bus_dispatch_notifies(), 70);
	assert_int_equal(drv.nr, 64);
	assert_int_equal(acpi_notify_dropped - before, 6);
	assert_int_equal(fake_printk_warnings(), 2);
	assert_true(fake_printk_contains("acpi: 6 Notify calls dropped (queue of 64 full)"));
	/* The queue works again afterwards. */
	aml_os_notify(mp01, 3);
	assert_int_equal(acpi_bus_dispatch_notifies(), 1);
	assert_int_equal(fake_printk_warnings(), 2);
}

/*
 * Hostile namespaces: devices nested 40 deep; 600 devices.
 * Expect: the scan stops descending at 32 levels, and recording at 512
 * devices, each with one warning; paths longer than 63 characters are
 * cut with one warning per scan; no crash.
 */
static void
test_scan_bounds_depth_and_count(void **state)
{
	char path[256] = "";

	(void)state;
	fake_ns_reset();
	for (int i = 0; i < 40; i++) {
		char seg[8];

		snprintf(seg, sizeof(seg), "%sD%03d", i ? "." : "\\", i);
		strcat(path, seg);
		fake_ns_add(path, AML_DEVICE);
	}
	fake_printk_clear();
	assert_int_equal(acpi_bus_scan(), 33);
	assert_int_equal(fake_printk_warnings(), 2);
	assert_true(fake_printk_contains("paths cut at 63 characters (shown only)"));
	assert_true(fake_printk_contains("levels; devices below not recorded"));

	fake_ns_reset();
	for (int i = 0; i < 600; i++) {
		snprintf(path, sizeof(path), "\\_SB.X%03d", i);
		fake_ns_add(path, AML_DEVICE);
	}
	fake_printk_clear();
	assert_int_equal(acpi_bus_scan(), ACPI_BUS_MAX_DEVICES);
	assert_int_equal(fake_printk_warnings(), 1);
	assert_true(fake_printk_contains(
		"acpi: bus: more than 512 devices; \\_SB_.X512 and later ones not recorded\n"));
}

/* Expect: the names of ACPI 6.x 5.6.6 and the ranges beyond. */
/*
 * The namespace of build_qemu_like(), with _INI under PCI0 (present by
 * default), MP00 (_STA 0), MP01 (_STA 0x0F) and GONE.MP02 (_STA 0x0F, but
 * GONE's _STA is 0: neither present nor functioning).
 * Expect _INI to run for PCI0, then MP01, and for no other device.
 */
static void
test_scan_runs_ini_of_present_devices_only(void **state)
{
	(void)state;
	acpi_bus_scan();
	assert_int_equal(nr_inits, 2);
	assert_string_equal(inits[0], "\\_SB_.PCI0");
	assert_string_equal(inits[1], "\\_SB_.MHPC.MP01");
}

static void
test_notify_names(void **state)
{
	(void)state;
	assert_string_equal(acpi_notify_name(0), "bus check");
	assert_string_equal(acpi_notify_name(1), "device check");
	assert_string_equal(acpi_notify_name(3), "eject request");
	assert_string_equal(acpi_notify_name(0x0f), "disconnect recover");
	assert_string_equal(acpi_notify_name(0x10), "reserved");
	assert_string_equal(acpi_notify_name(0x80), "device-specific");
	assert_string_equal(acpi_notify_name(0xc0), "hardware-specific");
	assert_string_equal(acpi_notify_name(0x100), "invalid");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eisa_ids_decode),
		cmocka_unit_test_setup_teardown(test_scan_records_devices_in_tree_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binding_needs_id_and_presence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_is_queued_then_dispatched_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_check_binds_a_device_that_appeared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_check_on_absent_device_is_logged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_sent_by_a_driver_is_delivered_too, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_queue_drops_loudly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_bounds_depth_and_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_runs_ini_of_present_devices_only, setup, teardown),
		cmocka_unit_test(test_notify_names),
	};

	return cmocka_run_group_tests_name("acpi_bus", tests, NULL, NULL);
}
