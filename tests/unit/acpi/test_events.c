/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_events.c - host tests for drivers/acpi/events.c:
 * entering ACPI mode, the SCI's routing from the MADT, the SCI handler
 * (the level-triggered line must be quiet when it returns), the GPE
 * method runs in kacpid's order (edge: STS cleared first; level: after),
 * running a method again while it sends Notify (spec 9.7), the boot run,
 * and the power button.
 *
 * The hardware is tests/unit/fake/fake_acpi_hw.c (QEMU's PIIX4/ICH9
 * registers); the namespace is tests/unit/acpi/fake_aml_ns.c; the bus
 * (drivers/acpi/bus.c) is the real one.  "kacpid" is the test calling
 * acpi_events_run() when the handler has kicked it.
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

#include <arch/cpu.h>
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_acpi_hw.h"
#include "fake_acpi_os.h"
#include "fake_aml_ns.h"
#include "fake_printk.h"

/* ------------------------------------------------------------ the kernel around events.c */

static struct {
	u32 gsi;
	unsigned int flags;
	irq_handler_t handler;
	int requests;
	int request_result;
	int kicks, starts, ready, poweroffs;
	u64 now_ns;		/* the fake clock; udelay() moves it */
} k;

int
arch_request_gsi(u32 gsi, unsigned int flags, irq_handler_t handler, void *arg)
{
	(void)arg;
	k.requests++;
	if (k.request_result)
		return k.request_result;
	k.gsi = gsi;
	k.flags = flags;
	k.handler = handler;
	return 0;
}

int acpi_worker_start(void) { k.starts++; return 0; }
void acpi_worker_kick(void) { k.kicks++; }
void acpi_os_events_ready(void) { k.ready++; }
int acpi_poweroff(void) { k.poweroffs++; return -ETIMEDOUT; }
u64 ktime_ns(void) { return k.now_ns; }
/* hw.c's way to a memory-space reset register; events never reset. */
int
aml_os_region_write(enum aml_space space, u64 address, unsigned int width, u64 value)
{
	(void)space, (void)address, (void)width, (void)value;
	fail_msg("events.c wrote an address space through aml_os_region_write()");
	return -EINVAL;
}
void udelay(u64 us) { k.now_ns += us * 1000; }

/* ------------------------------------------------------------ the firmware */

static struct fake_acpi_hw m;

static struct {
	int e03_notifies;	/* _E03 sends Notify(MP00, 1) while this is > 0 */
	bool e03_forever;	/* _E03 always sends one */
	int e03_sts_seen;	/* GPE 3's STS bit during the last _E03 run */
	bool e03_relatch;	/* _E03's first run: a new event latches STS */
	bool e03_fail;
	int l05_sts_seen;	/* GPE 5's STS during the last _L05 run */
} fw;

static int
e03(struct aml_node *self, const struct aml_value *args, int nargs, struct aml_value *ret)
{
	(void)self, (void)args, (void)nargs, (void)ret;
	fw.e03_sts_seen = m.gpe_sts[0] & 0x08;
	if (fw.e03_relatch) {
		m.gpe_sts[0] |= 0x08;
		fw.e03_relatch = false;
	}
	if (fw.e03_forever || fw.e03_notifies-- > 0)
		aml_os_notify(aml_lookup(NULL, "\\_SB.MHPC.MP00"), 1);
	return fw.e03_fail ? AML_EFATAL : 0;
}

static int
l05(struct aml_node *self, const struct aml_value *args, int nargs, struct aml_value *ret)
{
	(void)self, (void)args, (void)nargs, (void)ret;
	fw.l05_sts_seen = m.gpe_sts[0] & 0x20;
	return 0;
}

static int
nothing(struct aml_node *self, const struct aml_value *args, int nargs, struct aml_value *ret)
{
	(void)self, (void)args, (void)nargs, (void)ret;
	return 0;
}

/* QEMU's DSDT, as far as events go: _E01, _E02, _E03, and MP00. */
static void
build_namespace(void)
{
	fake_ns_reset();
	fake_ns_add("\\_GPE", AML_SCOPE);
	fake_ns_str("\\_GPE._HID", "ACPI0006");
	fake_ns_method("\\_GPE._E01", 0, nothing);
	fake_ns_method("\\_GPE._E02", 0, nothing);
	fake_ns_method("\\_GPE._E03", 0, e03);
	fake_ns_add("\\_SB.MHPC", AML_DEVICE);
	fake_ns_add("\\_SB.MHPC.MP00", AML_DEVICE);
	fake_ns_int("\\_SB.MHPC.MP00._HID", 0x800CD041);
	fake_ns_int("\\_SB.MHPC.MP00._STA", 0);
}

/* QEMU's MADT (the same on pc and q35): IRQ 9 -> GSI 9, flags 0x000D. */
static void
load_madt(void)
{
	size_t len;
	u8 *t = fake_acpi_read_file("tests/data/acpi/pc/seabios-memhp/APIC", &len);

	assert_int_equal(acpi_parse_madt((void *)t, &acpi_madt), 0);
	free(t);
}

static void
boot(enum fake_acpi_chipset chipset)
{
	memset(&k, 0, sizeof(k));
	memset(&fw, 0, sizeof(fw));
	fake_io_reset();
	fake_acpi_hw_qemu(&m, chipset, &acpi_fadt);
	load_madt();
	build_namespace();
	acpi_bus_scan();
	fake_printk_clear();
}

/* The SCI line is high: the IOAPIC delivers; the handler must quiet it. */
static void
fire_sci(void)
{
	assert_true(fake_acpi_hw_sci(&m));
	assert_non_null(k.handler);
	k.handler(NULL);
	assert_false(fake_acpi_hw_sci(&m));	/* else the EOI would bring it back */
	assert_true(fake_cpu_idle());
}

/* kacpid's turn. */
static void
run_kacpid(void)
{
	assert_true(acpi_events_pending());
	acpi_events_run();
	assert_false(acpi_events_pending());
	assert_true(fake_cpu_idle());
}

static int
setup(void **state)
{
	(void)state;
	boot(FAKE_ACPI_PIIX4);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	acpi_trace = false;
	fake_io_set_model(NULL);
	return 0;
}

/* ------------------------------------------------------------ tests */

/*
 * -M pc under SeaBIOS: SCI_EN clear at hand-off, GPE0_STS with stale
 * bits, PM1_EN with the timer on.
 * Expect: ACPI_ENABLE (0xf1) written to SMI_CMD 0xb2, SCI_EN set; every
 * GPE disabled and cleared; PM1_EN = PWRBTN only; the SCI on GSI 9,
 * level, active high (the MADT's 0x000D); kacpid started; GPEs 1, 2, 3
 * queued for a first run and not yet enabled; the lines printed.
 */
static void
test_init_on_piix4_seabios(void **state)
{
	(void)state;
	m.gpe_sts[0] = 0x0a;
	m.gpe_en[1] = 0xff;
	m.pm1_en = ACPI_PM1_TMR;
	assert_int_equal(acpi_events_init(), 0);
	assert_int_equal(fake_io_last_write(0xb2), 0xf1);
	assert_true(m.pm1_cnt & ACPI_PM1_SCI_EN);
	assert_int_equal(m.gpe_sts[0], 0);
	assert_int_equal(m.gpe_en[0], 0);
	assert_int_equal(m.gpe_en[1], 0);
	assert_int_equal(m.pm1_en, ACPI_PM1_PWRBTN);
	assert_int_equal(m.pm1_sts, 0);		/* TMR_STS, set at hand-off, cleared */
	assert_int_equal(k.gsi, 9);
	assert_int_equal(k.flags, IRQ_LEVEL | IRQ_ACTIVE_HIGH);
	assert_int_equal(k.starts, 1);
	assert_int_equal(k.ready, 1);
	assert_true(k.kicks >= 1);
	assert_true(acpi_events_enabled());
	assert_true(acpi_gpe_has_method(3));
	assert_false(acpi_gpe_has_method(4));
	assert_true(fake_printk_contains("ACPI: entered ACPI mode (SMI_CMD 0xb2 <- 0xf1) in "));
	assert_true(fake_printk_contains("ACPI: enabled GPEs: 1 2 3\n"));
	assert_true(fake_printk_contains("ACPI: SCI (IRQ9) routed to GSI 9, level, active high\n"));
	assert_int_equal(fake_printk_warnings(), 0);

	/* The boot run: each method once, then each GPE enabled. */
	run_kacpid();
	assert_int_equal(aml_lookup(NULL, "\\_GPE._E01")->calls, 1);
	assert_int_equal(aml_lookup(NULL, "\\_GPE._E02")->calls, 1);
	assert_int_equal(aml_lookup(NULL, "\\_GPE._E03")->calls, 1);
	assert_int_equal(m.gpe_en[0], 0x0e);
	assert_false(fake_acpi_hw_sci(&m));
}

/*
 * -M pc under OVMF (PM base 0xb000, SCI_EN already 1) and -M q35.
 * Expect: no SMI_CMD write under OVMF; q35 writes its own 0x02; the
 * registers at their FADT ports.
 */
static void
test_init_skips_handshake_when_sci_en_is_set(void **state)
{
	(void)state;
	boot(FAKE_ACPI_PIIX4_OVMF);
	assert_int_equal(acpi_events_init(), 0);
	assert_int_equal(fake_io_writes_to(0xb2), 0);
	assert_true(fake_printk_contains("ACPI: already in ACPI mode (SCI_EN set by the firmware)\n"));
	assert_int_equal(fake_io_last_write(0xb002), ACPI_PM1_PWRBTN);

	boot(FAKE_ACPI_ICH9);
	assert_int_equal(acpi_events_init(), 0);
	assert_int_equal(fake_io_last_write(0xb2), 0x02);
	assert_int_equal(fake_io_last_write(0x602), ACPI_PM1_PWRBTN);
	assert_int_equal(fake_io_writes_to(0x628), 1);	/* EN byte 0 zeroed */
}

/*
 * Firmware that ignores ACPI_ENABLE; a FADT with SMI_CMD 0.
 * Expect: a warning after the one-second poll (the fake clock), or at
 * once; events still come up (QEMU raises the SCI regardless).
 */
static void
test_acpi_mode_failures_are_warned(void **state)
{
	(void)state;
	m.smi_ignored = true;
	assert_int_equal(acpi_events_init(), 0);
	assert_true(fake_printk_contains("ACPI: SCI_EN still clear 1000 ms after SMI_CMD 0xb2 <- 0xf1; going on\n"));
	assert_true(k.now_ns >= 1000000000ULL);

	boot(FAKE_ACPI_PIIX4);
	acpi_fadt.smi_cmd = 0;
	assert_int_equal(acpi_events_init(), 0);
	assert_int_equal(fake_printk_warnings(), 1);
	assert_true(fake_printk_contains("the FADT has no SMI_CMD (0x0) to set it"));
}

/*
 * No FADT; no SCI; a GSI that cannot be routed.
 * Expect: -ENODEV with a warning, no worker started.
 */
static void
test_init_without_sci(void **state)
{
	(void)state;
	acpi_fadt.sci_int = 0;
	assert_int_equal(acpi_events_init(), -ENODEV);
	assert_int_equal(k.starts, 0);
	assert_false(acpi_events_enabled());

	boot(FAKE_ACPI_PIIX4);
	k.request_result = -EBUSY;
	assert_int_equal(acpi_events_init(), -ENODEV);
	assert_int_equal(k.starts, 0);
	assert_true(fake_printk_contains("ACPI: SCI (IRQ9): GSI 9 cannot be routed"));
}

/*
 * A DIMM plugged: QEMU sets GPE0_STS bit 3; the SCI fires.
 * Expect: the handler masks GPE 3 (EN 0), leaves STS for kacpid, and
 * kicks; kacpid clears STS before _E03 runs (edge), dispatches the
 * Notify after it ("no driver": none bound), runs _E03 again because it
 * sent one, then sets EN again.  Counters: 1 SCI, 2 runs, 1 Notify.
 */
static void
test_hot_add_event_end_to_end(void **state)
{
	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	run_kacpid();			/* the boot run */
	fake_printk_clear();
	memset(&acpi_event_stats, 0, sizeof(acpi_event_stats));
	k.kicks = 0;

	fw.e03_notifies = 1;
	m.gpe_sts[0] |= 0x08;
	fire_sci();
	assert_int_equal(m.gpe_en[0] & 0x08, 0);
	assert_int_equal(m.gpe_sts[0] & 0x08, 0x08);
	assert_int_equal(k.kicks, 1);

	run_kacpid();
	assert_int_equal(fw.e03_sts_seen, 0);
	assert_int_equal(aml_lookup(NULL, "\\_GPE._E03")->calls, 3);	/* boot + 2 */
	assert_int_equal(m.gpe_en[0] & 0x08, 0x08);
	assert_false(fake_acpi_hw_sci(&m));
	assert_true(fake_printk_contains(
		"acpi: Notify(\\_SB_.MHPC.MP00, 0x1 device check): no driver\n"));
	assert_int_equal(acpi_event_stats.sci, 1);
	assert_int_equal(acpi_event_stats.gpe[3], 2);
	assert_int_equal(acpi_event_stats.notify, 1);
}

/*
 * With `trace acpi on`.
 * Expect, in order: the SCI line with GPE0's STS and EN before masking,
 * "acpi: GPE 3: \_GPE._E03", the Notify line, the rerun line.
 */
static void
test_trace_lines(void **state)
{
	const char *sci, *gpe, *notify, *again;

	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	run_kacpid();
	fake_printk_clear();
	acpi_trace = true;
	fw.e03_notifies = 1;
	m.gpe_sts[0] |= 0x08;
	fire_sci();
	run_kacpid();
	sci = strstr(fake_printk_buf, "acpi: SCI: GPE0_STS 0x08 EN 0x0e\n");
	gpe = strstr(fake_printk_buf, "acpi: GPE 3: \\_GPE._E03\n");
	notify = strstr(fake_printk_buf, "acpi: Notify(\\_SB_.MHPC.MP00, 0x1 device check): no driver\n");
	again = strstr(fake_printk_buf, "acpi: GPE 3: \\_GPE._E03 (again: the last run sent Notify)\n");
	assert_non_null(sci);
	assert_non_null(gpe);
	assert_non_null(notify);
	assert_non_null(again);
	assert_true(sci < gpe && gpe < notify && notify < again);
}

/*
 * device_add then device_del before the OS looked (spec 9.7): _E03's
 * first run reports only the insertion; the removal needs a second.
 * Here: three runs send Notify, the fourth none.
 * Expect: four runs for one SCI, three Notify calls, GPE 3 enabled.
 */
static void
test_method_runs_again_until_no_notify(void **state)
{
	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	run_kacpid();
	memset(&acpi_event_stats, 0, sizeof(acpi_event_stats));
	fw.e03_notifies = 3;
	m.gpe_sts[0] |= 0x08;
	fire_sci();
	run_kacpid();
	assert_int_equal(acpi_event_stats.gpe[3], 4);
	assert_int_equal(acpi_event_stats.notify, 3);
	assert_int_equal(m.gpe_en[0] & 0x08, 0x08);
}

/*
 * Hostile firmware: _E03 sends a Notify on every run.
 * Expect: 16 runs, one warning, GPE 3 enabled again (not left masked).
 */
static void
test_method_that_always_notifies_is_bounded(void **state)
{
	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	fw.e03_forever = true;
	fake_printk_clear();
	run_kacpid();			/* the boot run meets it */
	assert_int_equal(aml_lookup(NULL, "\\_GPE._E03")->calls, 16);
	assert_true(fake_printk_contains(
		"acpi: GPE 3: \\_GPE._E03 still sends Notify after 16 runs; stopping\n"));
	assert_int_equal(fake_printk_warnings(), 1);
	assert_int_equal(m.gpe_en[0] & 0x08, 0x08);
}

/*
 * An event during the method: _E03 latches STS again while it runs.
 * Expect: when kacpid sets EN again the SCI line rises at once: the
 * event is not lost (that is why an edge GPE's STS is cleared first).
 */
static void
test_event_during_method_is_not_lost(void **state)
{
	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	run_kacpid();
	m.gpe_sts[0] |= 0x08;
	fire_sci();
	fw.e03_relatch = true;
	run_kacpid();
	assert_true(fake_acpi_hw_sci(&m));
	fire_sci();
	run_kacpid();
	assert_false(fake_acpi_hw_sci(&m));
}

/*
 * A method that fails (AML_EFATAL).
 * Expect: one warning naming GPE and method; no rerun; GPE enabled again.
 */
static void
test_failing_method_is_warned(void **state)
{
	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	run_kacpid();
	fake_printk_clear();
	fw.e03_fail = true;
	fw.e03_notifies = 5;
	m.gpe_sts[0] |= 0x08;
	fire_sci();
	run_kacpid();
	assert_true(fake_printk_contains("acpi: GPE 3: \\_GPE._E03 failed (AML_EFATAL"));
	assert_int_equal(aml_lookup(NULL, "\\_GPE._E03")->calls, 2);
	assert_int_equal(m.gpe_en[0] & 0x08, 0x08);
}

/*
 * A level-triggered GPE on ICH9: \_GPE._L05 (and _E05 as well, a
 * firmware bug), and _E47, beyond ICH9's 64 GPEs.
 * Expect: _L05 sees STS still set while it runs; STS is cleared after;
 * _E05 and _E47 are warned about and ignored.
 */
static void
test_level_gpe_cleared_after_its_method(void **state)
{
	(void)state;
	boot(FAKE_ACPI_ICH9);
	fake_ns_method("\\_GPE._L05", 0, l05);
	fake_ns_method("\\_GPE._E05", 0, nothing);
	fake_ns_method("\\_GPE._E47", 0, nothing);
	assert_int_equal(acpi_events_init(), 0);
	assert_true(fake_printk_contains("ACPI: \\_GPE._E05: GPE 5 already has \\_GPE._L05; ignored\n"));
	assert_true(fake_printk_contains("ACPI: \\_GPE._E47: GPE 71 is in no GPE block; ignored\n"));
	assert_true(fake_printk_contains("ACPI: enabled GPEs: 1 2 3 5\n"));
	run_kacpid();
	m.gpe_sts[0] |= 0x20;
	fire_sci();
	run_kacpid();
	assert_int_equal(fw.l05_sts_seen, 0x20);
	assert_int_equal(m.gpe_sts[0] & 0x20, 0);
	assert_int_equal(m.gpe_en[0] & 0x20, 0x20);
	assert_int_equal(aml_lookup(NULL, "\\_GPE._E05")->calls, 0);
}

/*
 * QMP system_powerdown: PWRBTN_STS rises (PWRBTN_EN is set).
 * Expect: the handler clears PWRBTN_STS (the line drops) and kacpid
 * prints the line and calls acpi_poweroff().
 */
static void
test_power_button_powers_off(void **state)
{
	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	run_kacpid();
	m.pm1_sts |= ACPI_PM1_PWRBTN;
	fire_sci();
	assert_int_equal(m.pm1_sts & ACPI_PM1_PWRBTN, 0);
	run_kacpid();
	assert_int_equal(k.poweroffs, 1);
	assert_int_equal(acpi_event_stats.pwrbtn, 1);
	assert_true(fake_printk_contains("acpi: power button pressed, powering off\n"));
}

/*
 * GPE 4 has no method, but something set its EN bit (firmware, or a
 * debugger poking the port) and it fires.
 * Expect: the SCI masks it like any other; kacpid warns and leaves it
 * disabled: no method run, no storm.
 */
static void
test_gpe_without_method_stays_masked(void **state)
{
	(void)state;
	assert_int_equal(acpi_events_init(), 0);
	run_kacpid();
	fake_printk_clear();
	m.gpe_en[0] |= 0x10;
	m.gpe_sts[0] |= 0x10;
	fire_sci();
	run_kacpid();
	assert_int_equal(m.gpe_en[0], 0x0e);
	assert_true(fake_printk_contains("acpi: GPE 4 fired and has no \\_GPE method; left disabled\n"));
	assert_false(fake_acpi_hw_sci(&m));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_on_piix4_seabios, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_skips_handshake_when_sci_en_is_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acpi_mode_failures_are_warned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_without_sci, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hot_add_event_end_to_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_method_runs_again_until_no_notify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_method_that_always_notifies_is_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_event_during_method_is_not_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failing_method_is_warned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_gpe_cleared_after_its_method, setup, teardown),
		cmocka_unit_test_setup_teardown(test_power_button_powers_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gpe_without_method_stays_masked, setup, teardown),
	};

	return cmocka_run_group_tests_name("acpi_events", tests, NULL, NULL);
}
