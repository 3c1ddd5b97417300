/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/sleep.c - leaving the machine: power off through the S5
 * sleep state, and reset through the FADT's reset register.
 *
 * The idea: soft-off is "sleep state 5".  The firmware says, in the
 * package \_S5, which SLP_TYP value means S5 on this chipset; the OS
 * writes that value with SLP_EN into PM1_CNT and the chipset cuts the
 * power.  QEMU's DSDT has Name(\_S5, Package {0, 0, 0, 0}): SLP_TYP 0.
 *
 *	PM1_CNT:  bit 13 SLP_EN | bits 12-10 SLP_TYP | ... | bit 0 SCI_EN
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_sleep.c
 */
#include <arch/cpu.h>
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

#define SLEEP_WAIT_MS	1000	/* how long SLP_EN may take before we give up */
#define RESET_WAIT_MS	100

/*
 * \_Sx (ACPI 6.x, 7.4.2): Package {SLP_TYPa, SLP_TYPb, reserved...}, each
 * a 3-bit value for PM1a_CNT and PM1b_CNT.  Old firmware gives a single
 * Integer element holding SLP_TYPa in bits 0-7 and SLP_TYPb in bits 8-15.
 */
int
acpi_sleep_decode(const char *name, const struct aml_value *v, u8 *typ_a, u8 *typ_b)
{
	u64 a, b;

	if (v->type != AML_PACKAGE || !v->package.count) {
		pr_warn("acpi: %s: not a Package with SLP_TYP values; firmware bug\n", name);
		return -EINVAL;
	}
	for (u32 i = 0; i < MIN(v->package.count, 2u); i++)
		if (v->package.elems[i].type != AML_INTEGER) {
			pr_warn("acpi: %s: element %u is not an Integer; firmware bug\n", name, i);
			return -EINVAL;
		}
	a = v->package.elems[0].integer;
	if (v->package.count >= 2) {
		b = v->package.elems[1].integer;
	} else {
		b = (a >> 8) & 0xff;
		a &= 0xff;
	}
	if (a > 7 || b > 7) {
		pr_warn("acpi: %s: SLP_TYPa %llu, SLP_TYPb %llu: more than 3 bits; firmware bug\n",
			name, (unsigned long long)a, (unsigned long long)b);
		return -EINVAL;
	}
	*typ_a = a;
	*typ_b = b;
	return 0;
}

/* What prepare_s5() found, for acpi_poweroff(). */
struct s5 {
	u8 typ_a, typ_b;
};

/*
 * In kacpid: read \_S5, then tell the firmware we are going: _PTS(5)
 * ("prepare to sleep", 7.4.1) when it exists.  A failing _PTS is warned
 * about and ignored: nothing the OS could do would make it succeed.
 */
static int
prepare_s5(void *arg)
{
	struct s5 *s5 = arg;
	struct aml_value v = { .type = AML_UNINITIALIZED };
	struct aml_value five = aml_int(5);
	int err;

	if (!aml_lookup(NULL, "\\_S5")) {
		pr_err("acpi: power off: no \\_S5 object; this machine has no soft-off state\n");
		return -ENODEV;
	}
	err = aml_eval(NULL, "\\_S5", NULL, 0, &v);
	if (err) {
		pr_err("acpi: power off: \\_S5: %s\n", aml_strerror(err));
		return err;
	}
	err = acpi_sleep_decode("\\_S5", &v, &s5->typ_a, &s5->typ_b);
	aml_value_free(&v);
	if (err)
		return err;
	if (aml_lookup(NULL, "\\_PTS")) {
		err = aml_eval(NULL, "\\_PTS", &five, 1, NULL);
		if (err)
			pr_warn("acpi: power off: \\_PTS(5): %s; going on\n", aml_strerror(err));
	}
	return 0;
}

/*
 * Write SLP_TYP of block BLK into its PM1_CNT, keeping the other bits,
 * then the same with SLP_EN: some chipsets want the type in place before
 * the write that starts the transition (ACPICA does the same).
 */
static void
write_slp(enum acpi_pm1_block blk, u8 typ)
{
	u32 cnt = acpi_pm1_read_block(blk, ACPI_PM1_CNT) & ~(ACPI_PM1_SLP_TYP | ACPI_PM1_SLP_EN);

	cnt |= (u32)typ << ACPI_PM1_SLP_TYP_SHIFT;
	acpi_pm1_write_block(blk, ACPI_PM1_CNT, cnt);
	acpi_pm1_write_block(blk, ACPI_PM1_CNT, cnt | ACPI_PM1_SLP_EN);
}

/*
 * The order (ACPI 6.x, 7.4 and 16.1): evaluate \_S5 and _PTS(5) (in
 * kacpid); then, with interrupts off, disable every GPE so none can wake
 * the machine, clear the wake and fixed-event status bits, and write
 * SLP_TYPa | SLP_EN to PM1a_CNT, then SLP_TYPb | SLP_EN to PM1b_CNT.
 * If the machine still runs a second later, undo what can be undone.
 */
int
acpi_poweroff(void)
{
	u8 saved[2 * 128];
	size_t nr_saved;
	struct s5 s5;
	bool was;
	int err;

	pr_info("acpi: power off\n");
	if (!acpi_fadt.present || !acpi_fadt.pm1a_cnt_blk) {
		pr_err("acpi: power off: no FADT with a PM1a control block\n");
		return -ENODEV;
	}
	err = acpi_worker_call(prepare_s5, &s5);
	if (err)
		return err;

	was = arch_irq_save();
	nr_saved = acpi_gpe_save_enables(saved, sizeof(saved));
	acpi_gpe_disable_all();
	acpi_gpe_clear_all();
	acpi_pm1_write(ACPI_PM1_STS, ACPI_PM1_WAK | ACPI_PM1_PWRBTN | ACPI_PM1_SLPBTN |
				     ACPI_PM1_RTC | ACPI_PM1_GBL | ACPI_PM1_TMR);
	write_slp(ACPI_PM1A, s5.typ_a);
	write_slp(ACPI_PM1B, s5.typ_b);
	/* Point of no return on real hardware; QEMU has already exited. */
	udelay(SLEEP_WAIT_MS * 1000);

	acpi_gpe_restore_enables(saved, MIN(nr_saved, sizeof(saved)));
	arch_irq_restore(was);
	pr_err("acpi: power off: still running %d ms after SLP_TYP %u|SLP_EN; the chipset ignored it\n",
	       SLEEP_WAIT_MS, s5.typ_a);
	return -ETIMEDOUT;
}

int
acpi_reboot(void)
{
	bool was;
	int err;

	was = arch_irq_save();
	err = acpi_hw_write_reset(&acpi_fadt);
	if (!err) {
		udelay(RESET_WAIT_MS * 1000);
		pr_warn("acpi: reset register: still running %d ms after writing 0x%02x to 0x%llx\n",
			RESET_WAIT_MS, acpi_fadt.reset_value,
			(unsigned long long)acpi_fadt.reset_reg.address);
		err = -ENODEV;
	}
	arch_irq_restore(was);
	return err;
}
