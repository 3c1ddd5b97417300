/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_sleep.c - host tests for drivers/acpi/sleep.c:
 * decoding \_S5, the power-off sequence on QEMU's registers (\_S5 and
 * _PTS(5) first, GPEs off, status cleared, SLP_TYP then SLP_TYP|SLP_EN,
 * a and b blocks), what is undone when the machine keeps running, and
 * the reset register.
 *
 * The hardware is tests/unit/fake/fake_acpi_hw.c; the namespace is
 * tests/unit/acpi/fake_aml_ns.c.  The model does not stop the test when
 * it "powers off", so acpi_poweroff() always comes back here, after its
 * wait, with -ETIMEDOUT: the test then checks both the write sequence and
 * the undo.
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
#include "fake_aml_ns.h"
#include "fake_printk.h"

static u64 now_ns;
u64 ktime_ns(void) { return now_ns; }
void udelay(u64 us) { now_ns += us * 1000; }
int acpi_worker_call(int (*fn)(void *arg), void *arg) { return fn(arg); }

static struct fake_acpi_hw m;
static int pts_result;

static int
pts(struct aml_node *self, const struct aml_value *args, int nargs, struct aml_value *ret)
{
	(void)self, (void)args, (void)nargs, (void)ret;
	assert_int_equal(m.shutdowns, 0);	/* before SLP_EN */
	return pts_result;
}

static void
machine(enum fake_acpi_chipset chipset)
{
	static const u64 s5[] = { 0, 0, 0, 0 };

	fake_io_reset();
	fake_acpi_hw_qemu(&m, chipset, &acpi_fadt);
	assert_int_equal(acpi_hw_init(&acpi_fadt), 0);
	fake_ns_reset();
	fake_ns_pkg("\\_S5", s5, 4);
	fake_ns_method("\\_PTS", 1, pts);
	pts_result = 0;
	now_ns = 0;
	fake_printk_clear();
}

static int
setup(void **state)
{
	(void)state;
	machine(FAKE_ACPI_PIIX4);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fake_io_set_model(NULL);
	return 0;
}

/* A Package of integers as aml_eval() would return it. */
static struct aml_value
pkg(int n, const u64 *v)
{
	struct aml_value p = { .type = AML_PACKAGE };

	p.package.count = n;
	p.package.elems = calloc(n ? n : 1, sizeof(struct aml_value));
	for (int i = 0; i < n; i++)
		p.package.elems[i] = aml_int(v[i]);
	return p;
}

/*
 * QEMU's {0, 0, 0, 0}; coreboot-style {7, 7, 0, 0}; {5, 6}; the old
 * one-element form 0x0605 (a = 5 low byte, b = 6 next byte).
 * Expect: the pairs.  Then hostile ones: not a package, empty, a String
 * element, a value of 8.  Expect: -EINVAL, one warning each.
 */
static void
test_decode_s5(void **state)
{
	static const struct { int n; u64 v[4]; u8 a, b; } ok[] = {
		{ 4, { 0, 0, 0, 0 }, 0, 0 },
		{ 4, { 7, 7, 0, 0 }, 7, 7 },
		{ 2, { 5, 6 }, 5, 6 },
		{ 1, { 0x0605 }, 5, 6 },
	};
	struct aml_value v;
	u8 a, b;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		v = pkg(ok[i].n, ok[i].v);
		a = b = 0xff;
		assert_int_equal(acpi_sleep_decode("\\_S5", &v, &a, &b), 0);
		assert_int_equal(a, ok[i].a);
		assert_int_equal(b, ok[i].b);
		aml_value_free(&v);
	}
	assert_int_equal(fake_printk_count, 0);

	v = aml_int(5);
	assert_int_equal(acpi_sleep_decode("\\_S5", &v, &a, &b), -EINVAL);
	v = pkg(0, NULL);
	assert_int_equal(acpi_sleep_decode("\\_S5", &v, &a, &b), -EINVAL);
	aml_value_free(&v);
	v = pkg(2, (const u64[]){ 0, 0 });
	aml_value_free(&v.package.elems[1]);
	v.package.elems[1].type = AML_STRING;
	v.package.elems[1].string.ptr = strdup("x");
	v.package.elems[1].string.len = 1;
	assert_int_equal(acpi_sleep_decode("\\_S5", &v, &a, &b), -EINVAL);
	aml_value_free(&v);
	v = pkg(2, (const u64[]){ 8, 0 });
	assert_int_equal(acpi_sleep_decode("\\_S5", &v, &a, &b), -EINVAL);
	aml_value_free(&v);
	assert_int_equal(fake_printk_warnings(), 4);
	assert_true(fake_printk_contains(
		"acpi: \\_S5: SLP_TYPa 8, SLP_TYPb 0: more than 3 bits; firmware bug\n"));
}

/*
 * Power off on -M pc: GPEs 1-3 enabled, PM1_STS with WAK and PWRBTN set,
 * SCI_EN on.
 * Expect: \_S5 then _PTS(5) evaluated, before any SLP_EN; at the SLP_EN
 * write every GPE disabled and the status cleared; PM1_CNT written as
 * SCI_EN | SLP_TYP 0, then that | SLP_EN (SCI_EN kept); one "power off".
 * The model keeps running: after 1 s (fake clock) the GPE enables come
 * back, interrupts are as they were, -ETIMEDOUT with the line.
 */
static void
test_poweroff_sequence_on_piix4(void **state)
{
	struct aml_node *p = aml_lookup(NULL, "\\_PTS");

	(void)state;
	m.gpe_en[0] = 0x0e;
	m.pm1_sts = ACPI_PM1_WAK | ACPI_PM1_PWRBTN;
	m.pm1_cnt = ACPI_PM1_SCI_EN;
	assert_int_equal(acpi_poweroff(), -ETIMEDOUT);
	assert_string_equal(fake_ns_eval_log, "\\_S5_\n\\_PTS\n");
	assert_int_equal(p->last_nargs, 1);
	assert_int_equal(p->last_args[0].integer, 5);
	assert_int_equal(m.shutdowns, 1);
	assert_int_equal(m.slp_typ, 0);
	assert_int_equal(m.en_at_shutdown[0], 0);
	assert_int_equal(m.pm1_sts_at_shutdown, 0);
	assert_int_equal(m.nr_cnt_writes, 2);
	assert_int_equal(m.cnt_writes[0], ACPI_PM1_SCI_EN);
	assert_int_equal(m.cnt_writes[1], ACPI_PM1_SCI_EN | ACPI_PM1_SLP_EN);
	assert_true(now_ns >= 1000000000ULL);
	assert_int_equal(m.gpe_en[0], 0x0e);
	assert_true(fake_cpu_idle());
	assert_true(fake_printk_contains("acpi: power off\n"));
	assert_true(fake_printk_contains(
		"acpi: power off: still running 1000 ms after SLP_TYP 0|SLP_EN; the chipset ignored it\n"));
}

/*
 * A machine whose \_S5 is {5, 6} and which has a PM1b block at 0x700
 * (its CNT at 0x704).
 * Expect: PM1a_CNT gets SLP_TYP 5 and PM1b_CNT SLP_TYP 6, each written
 * without, then with SLP_EN; a before b.
 */
static void
test_poweroff_writes_a_and_b_types(void **state)
{
	static const u64 s5[] = { 5, 6 };
	int last_a = -1, last_b = -1, b_writes = 0;

	(void)state;
	fake_ns_pkg("\\_S5", s5, 2);
	acpi_fadt.pm1b_evt_blk = 0x700;
	acpi_fadt.pm1b_cnt_blk = 0x704;
	assert_int_equal(acpi_hw_init(&acpi_fadt), 0);
	acpi_poweroff();
	assert_int_equal(m.slp_typ, 5);
	assert_int_equal(m.cnt_writes[1] & (ACPI_PM1_SLP_TYP | ACPI_PM1_SLP_EN),
			 (5 << ACPI_PM1_SLP_TYP_SHIFT) | ACPI_PM1_SLP_EN);
	for (int i = 0; i < fake_io_log_len; i++) {
		const struct fake_io_access *w = &fake_io_log[i];

		if (!w->write)
			continue;
		if (w->port == 0x604)
			last_a = i;
		if (w->port == 0x704) {
			u32 typ = w->value & (ACPI_PM1_SLP_TYP | ACPI_PM1_SLP_EN);

			assert_int_equal(typ, (6 << ACPI_PM1_SLP_TYP_SHIFT) |
					      (b_writes ? ACPI_PM1_SLP_EN : 0));
			b_writes++;
			last_b = i;
		}
	}
	assert_int_equal(b_writes, 2);
	assert_true(last_a >= 0 && last_a < last_b);
}

/*
 * No \_S5; an \_S5 that is a String; a _PTS that fails.
 * Expect: the first two refuse (-ENODEV, -EINVAL) before touching
 * PM1_CNT or a GPE; a failing _PTS is warned about and power off goes on.
 */
static void
test_poweroff_refuses_without_usable_s5(void **state)
{
	(void)state;
	fake_ns_reset();
	m.gpe_en[0] = 0x0e;
	assert_int_equal(acpi_poweroff(), -ENODEV);
	assert_true(fake_printk_contains(
		"acpi: power off: no \\_S5 object; this machine has no soft-off state\n"));
	assert_int_equal(m.nr_cnt_writes, 0);
	assert_int_equal(m.gpe_en[0], 0x0e);

	fake_ns_str("\\_S5", "soft off");
	assert_int_equal(acpi_poweroff(), -EINVAL);
	assert_int_equal(m.nr_cnt_writes, 0);

	machine(FAKE_ACPI_PIIX4);
	pts_result = AML_EFATAL;
	assert_int_equal(acpi_poweroff(), -ETIMEDOUT);
	assert_true(fake_printk_contains("acpi: power off: \\_PTS(5): AML_EFATAL"));
	assert_int_equal(m.shutdowns, 1);
}

/*
 * q35: the reset register is I/O 0xcf9 <- 0x0f; the model does not
 * reset.  pc: no reset register.
 * Expect: q35 writes it once, waits 100 ms, warns, -ENODEV (so `reboot`
 * falls back); pc returns -ENODEV at once without a message.
 */
static void
test_reboot_through_reset_register(void **state)
{
	(void)state;
	machine(FAKE_ACPI_ICH9);
	assert_int_equal(acpi_reboot(), -ENODEV);
	assert_int_equal(m.resets, 1);
	assert_true(now_ns >= 100000000ULL);
	assert_true(fake_printk_contains(
		"acpi: reset register: still running 100 ms after writing 0x0f to 0xcf9\n"));
	assert_true(fake_cpu_idle());

	machine(FAKE_ACPI_PIIX4);
	assert_int_equal(acpi_reboot(), -ENODEV);
	assert_int_equal(m.resets, 0);
	assert_int_equal(fake_printk_count, 0);
	assert_int_equal(now_ns, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decode_s5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poweroff_sequence_on_piix4, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poweroff_writes_a_and_b_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poweroff_refuses_without_usable_s5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reboot_through_reset_register, setup, teardown),
	};

	return cmocka_run_group_tests_name("acpi_sleep", tests, NULL, NULL);
}
