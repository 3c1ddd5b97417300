/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_fadt.c - host tests for drivers/acpi/fadt.c: the
 * FADT of every QEMU machine (pc: revision 1, 116 bytes; q35: revision 3,
 * 244 bytes), decoded through the whole table walk, then short and odd
 * FADTs given straight to acpi_parse_fadt() in buffers of exactly their
 * length (AddressSanitizer catches a read past it).
 *
 * Every expected value is copied by hand from the set's FACP.dsl (iasl's
 * reading of the same bytes); the comment names the .dsl line.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_acpi_os.h"
#include "fake_printk.h"

/* FADT field offsets (ACPI 6.x, Table 5.9), for building odd FADTs. */
#define OFF_DSDT		40
#define OFF_PM1A_EVT		56
#define OFF_FLAGS		112
#define OFF_X_FIRMWARE_CTRL	132
#define OFF_X_DSDT		140
#define OFF_X_PM1A_EVT		148
#define OFF_X_GPE1		232

struct expect_fadt {
	const char *dir;
	u8 revision;
	u8 acpi_enable, acpi_disable;
	u32 pm1a_evt, pm1a_cnt, pm_tmr, gpe0;
	u8 gpe0_len;
	u32 flags;
	bool reset;
	paddr_t dsdt, facs;
};

/*
 * From FACP.dsl in each directory:
 *   [02Eh] SCI Interrupt : 0009, [030h] SMI Command Port : 000000B2 (all);
 *   [034h]/[035h] ACPI Enable/Disable Value; [038h] PM1A Event Block
 *   Address; [040h] PM1A Control Block Address; [04Ch] PM Timer Block
 *   Address; [050h] GPE0 Block Address; [05Ch] GPE0 Block Length;
 *   [070h] Flags; "Reset Register Supported (V2)"; [024h]/[028h] FACS
 *   and DSDT Address ([08Ch] DSDT Address on q35, the same value;
 *   [084h] FACS Address there is 0, so the 32-bit one counts).
 */
static const struct expect_fadt expect[] = {
	{ "tests/data/acpi/pc/seabios-memhp", 1, 0xf1, 0xf0, 0x600, 0x604, 0x608, 0xafe0, 4,
	  0x80a5, false, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/pc/seabios-memhp-2node", 1, 0xf1, 0xf0, 0x600, 0x604, 0x608, 0xafe0, 4,
	  0x80a5, false, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/pc/seabios-memhp-defaults", 1, 0xf1, 0xf0, 0x600, 0x604, 0x608, 0xafe0, 4,
	  0x80a5, false, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/pc/seabios-nomemhp", 1, 0xf1, 0xf0, 0x600, 0x604, 0x608, 0xafe0, 4,
	  0x80a5, false, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/pc/ovmf-memhp", 1, 0xf1, 0xf0, 0xb000, 0xb004, 0xb008, 0xafe0, 4,
	  0x80a5, false, 0x1f77a000, 0x1f7dc000 },
	{ "tests/data/acpi/q35/seabios-memhp", 3, 0x02, 0x03, 0x600, 0x604, 0x608, 0x620, 16,
	  0x84a5, true, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/q35/seabios-memhp-2node", 3, 0x02, 0x03, 0x600, 0x604, 0x608, 0x620, 16,
	  0x84a5, true, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/q35/seabios-memhp-defaults", 3, 0x02, 0x03, 0x600, 0x604, 0x608, 0x620, 16,
	  0x84a5, true, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/q35/seabios-nomemhp", 3, 0x02, 0x03, 0x600, 0x604, 0x608, 0x620, 16,
	  0x84a5, true, 0x1ffe0040, 0x1ffe0000 },
	{ "tests/data/acpi/q35/seabios-5G", 3, 0x02, 0x03, 0x600, 0x604, 0x608, 0x620, 16,
	  0x84a5, true, 0x7ffe0040, 0x7ffe0000 },
	{ "tests/data/acpi/q35/ovmf-memhp", 3, 0x02, 0x03, 0x600, 0x604, 0x608, 0x620, 16,
	  0x84a5, true, 0x1f779000, 0x1f7dc000 },
};

/* The set's FACP file, in a buffer of exactly its length. */
static u8 *
read_facp(const char *dir, size_t *len)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/FACP", dir);
	return fake_acpi_read_file(path, len);
}

/* A copy of TABLE cut (or zero-extended) to LEN bytes, length field and checksum fixed. */
static u8 *
resize(const u8 *table, size_t old_len, u32 len)
{
	u8 *t = calloc(1, len);

	assert_non_null(t);
	memcpy(t, table, MIN(old_len, (size_t)len));
	memcpy(t + 4, &len, 4);
	fake_acpi_fix_checksum(t, len);
	return t;
}

/*
 * Every machine, the FADT through acpi_tables_init().
 * Expect: acpi_fadt as FACP.dsl says; no warnings (SeaBIOS).
 */
static void
test_fadt_of_every_machine(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(expect); k++) {
		const struct expect_fadt *e = &expect[k];
		const struct acpi_fadt_info *f = &acpi_fadt;
		size_t len;
		u8 *facp = read_facp(e->dir, &len);

		/* The walk, for the SeaBIOS sets (OVMF's have no RSDP saved). */
		if (strstr(e->dir, "seabios")) {
			fake_acpi_reset();
			fake_acpi_region(0, 0x100000);
			fake_acpi_load_dir(e->dir);
			fake_printk_clear();
			assert_int_equal(acpi_tables_init(NULL, NULL), 0);
			assert_int_equal(fake_printk_warnings(), 0);
		} else {
			fake_printk_clear();
			assert_int_equal(acpi_parse_fadt((void *)facp, &acpi_fadt), 0);
			assert_int_equal(fake_printk_count, 0);
		}
		free(facp);

		assert_true(f->present);
		assert_int_equal(f->revision, e->revision);
		assert_int_equal(f->sci_int, 9);
		assert_int_equal(f->smi_cmd, 0xb2);
		assert_int_equal(f->acpi_enable, e->acpi_enable);
		assert_int_equal(f->acpi_disable, e->acpi_disable);
		assert_int_equal(f->pm1a_evt_blk, e->pm1a_evt);
		assert_int_equal(f->pm1b_evt_blk, 0);
		assert_int_equal(f->pm1a_cnt_blk, e->pm1a_cnt);
		assert_int_equal(f->pm1b_cnt_blk, 0);
		assert_int_equal(f->pm_tmr_blk, e->pm_tmr);
		assert_int_equal(f->gpe0_blk, e->gpe0);
		assert_int_equal(f->gpe1_blk, 0);
		assert_int_equal(f->pm1_evt_len, 4);	/* [058h] PM1 Event Block Length : 04 */
		assert_int_equal(f->pm1_cnt_len, 2);	/* [059h] PM1 Control Block Length : 02 */
		assert_int_equal(f->gpe0_blk_len, e->gpe0_len);
		assert_int_equal(f->gpe1_blk_len, 0);
		assert_int_equal(f->gpe1_base, 0);
		assert_int_equal(f->flags, e->flags);
		assert_int_equal(f->has_reset_reg, e->reset);
		if (e->reset) {
			/* q35 FACP.dsl [074h] Reset Register: Space ID 01 [SystemIO],
			 * Bit Width 08, Address 0000000000000CF9; [080h] Value 0F. */
			assert_int_equal(f->reset_reg.space_id, 1);
			assert_int_equal(f->reset_reg.bit_width, 8);
			assert_int_equal(f->reset_reg.address, 0xcf9);
			assert_int_equal(f->reset_value, 0x0f);
		} else {
			/* pc: 116 bytes, the reset register lies beyond the end. */
			assert_int_equal(f->reset_reg.address, 0);
			assert_int_equal(f->reset_value, 0);
		}
		assert_int_equal(f->dsdt, e->dsdt);
		assert_int_equal(f->facs, e->facs);
	}
	fake_acpi_reset();
}

/*
 * pc's FACP cut to 60 bytes: PM1a_EVT_BLK (56..59) is in, the rest out.
 * Expect: one warning; PM1a kept, everything after it 0.
 */
static void
test_short_fadt_fields_beyond_are_absent(void **state)
{
	struct acpi_fadt_info f;
	size_t len;
	u8 *full = read_facp("tests/data/acpi/pc/seabios-memhp", &len);
	u8 *t = resize(full, len, 60);

	(void)state;
	fake_printk_clear();
	assert_int_equal(acpi_parse_fadt((void *)t, &f), 0);
	assert_true(fake_printk_contains(
		"acpi: FADT: length 60 < 116 expected; firmware bug, fields beyond it taken as absent\n"));
	assert_int_equal(fake_printk_warnings(), 1);
	assert_int_equal(f.pm1a_evt_blk, 0x600);
	assert_int_equal(f.pm1a_cnt_blk, 0);
	assert_int_equal(f.gpe0_blk, 0);
	assert_int_equal(f.flags, 0);
	assert_int_equal(f.dsdt, 0x1ffe0040);
	free(t);
	free(full);
}

/* A FADT too short to hold a DSDT pointer, and one that is not a FADT. */
static void
test_fadt_unusable(void **state)
{
	struct acpi_fadt_info f;
	size_t len;
	u8 *full = read_facp("tests/data/acpi/pc/seabios-memhp", &len);
	u8 *t = resize(full, len, 40);

	(void)state;
	fake_printk_clear();
	assert_int_equal(acpi_parse_fadt((void *)t, &f), -EINVAL);
	assert_false(f.present);
	assert_true(fake_printk_contains(
		"acpi: FADT: length 40 < 44 (no DSDT pointer); firmware bug, table skipped\n"));
	assert_int_equal(fake_printk_warnings(), 1);
	memcpy(full, "APIC", 4);
	assert_int_equal(acpi_parse_fadt((void *)full, &f), -EINVAL);
	assert_int_equal(acpi_parse_fadt(NULL, &f), -EINVAL);
	free(t);
	free(full);
}

/* A GAS at OFF in T: space SPACE, WIDTH bits, ADDRESS. */
static void
put_gas(u8 *t, size_t off, u8 space, u8 width, u64 address)
{
	t[off] = space;
	t[off + 1] = width;
	t[off + 2] = 0;
	t[off + 3] = 0;
	memcpy(t + off + 4, &address, 8);
}

/*
 * q35's FACP with X_ fields that disagree with the 32-bit ones:
 * X_PM1a_EVT_BLK I/O 0x1600, X_DSDT 0x12340000, X_FIRMWARE_CTRL
 * 0x56780000, an X_GPE1 block with legacy length 0.
 * Expect: each X_ value used; differences are notes, not warnings.
 */
static void
test_x_fields_win(void **state)
{
	struct acpi_fadt_info f;
	size_t len;
	u8 *t = read_facp("tests/data/acpi/q35/seabios-memhp", &len);
	u64 x_dsdt = 0x12340000, x_facs = 0x56780000;

	(void)state;
	put_gas(t, OFF_X_PM1A_EVT, 1, 32, 0x1600);
	put_gas(t, OFF_X_GPE1, 1, 64, 0x1700);
	memcpy(t + OFF_X_DSDT, &x_dsdt, 8);
	memcpy(t + OFF_X_FIRMWARE_CTRL, &x_facs, 8);
	fake_acpi_fix_checksum(t, len);
	fake_printk_clear();
	assert_int_equal(acpi_parse_fadt((void *)t, &f), 0);
	assert_int_equal(fake_printk_warnings(), 0);
	assert_int_equal(f.pm1a_evt_blk, 0x1600);
	assert_int_equal(f.gpe1_blk, 0x1700);
	assert_int_equal(f.gpe1_blk_len, 8);	/* 64 bits */
	assert_int_equal(f.dsdt, 0x12340000);
	assert_int_equal(f.facs, 0x56780000);
	assert_true(fake_printk_contains("acpi: FADT: PM1a_EVT_BLK 0x600 and X_PM1a_EVT_BLK 0x1600 differ"));
	assert_true(fake_printk_contains("acpi: FADT: DSDT 0x1ffe0040 and X_DSDT 0x12340000 differ"));
	free(t);
}

/*
 * X_PM1a_EVT_BLK in memory space, X_PM1b_EVT_BLK with a port above 64 KiB.
 * Expect: two warnings; the 32-bit values kept.
 */
static void
test_x_fields_unreachable_keep_legacy(void **state)
{
	struct acpi_fadt_info f;
	size_t len;
	u8 *t = read_facp("tests/data/acpi/q35/seabios-memhp", &len);

	(void)state;
	put_gas(t, OFF_X_PM1A_EVT, 0, 32, 0xfed00000);
	put_gas(t, OFF_X_PM1A_EVT + 12, 1, 32, 0x123456);
	fake_printk_clear();
	assert_int_equal(acpi_parse_fadt((void *)t, &f), 0);
	assert_int_equal(f.pm1a_evt_blk, 0x600);
	assert_int_equal(f.pm1b_evt_blk, 0);
	assert_true(fake_printk_contains(
		"acpi: FADT: X_PM1a_EVT_BLK in address space 0, not I/O; using PM1a_EVT_BLK 0x600\n"));
	assert_true(fake_printk_contains(
		"acpi: FADT: X_PM1b_EVT_BLK port 0x123456 > 0xffff; firmware bug, using PM1b_EVT_BLK 0x0\n"));
	assert_int_equal(fake_printk_warnings(), 2);
	free(t);
}

/* The reset register set but the flag clear, and a FADT without a DSDT. */
static void
test_reset_needs_flag_and_dsdt_missing_warned(void **state)
{
	struct acpi_fadt_info f;
	size_t len;
	u8 *t = read_facp("tests/data/acpi/q35/seabios-memhp", &len);
	u32 flags, zero = 0;
	u64 zero64 = 0;

	(void)state;
	memcpy(&flags, t + OFF_FLAGS, 4);
	flags &= ~(1u << 10);
	memcpy(t + OFF_FLAGS, &flags, 4);
	memcpy(t + OFF_DSDT, &zero, 4);
	memcpy(t + OFF_X_DSDT, &zero64, 8);
	fake_printk_clear();
	assert_int_equal(acpi_parse_fadt((void *)t, &f), 0);
	assert_false(f.has_reset_reg);
	assert_int_equal(f.dsdt, 0);
	assert_true(fake_printk_contains("acpi: FADT: no DSDT address; firmware bug, no AML\n"));
	assert_int_equal(fake_printk_warnings(), 1);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fadt_of_every_machine),
		cmocka_unit_test(test_short_fadt_fields_beyond_are_absent),
		cmocka_unit_test(test_fadt_unusable),
		cmocka_unit_test(test_x_fields_win),
		cmocka_unit_test(test_x_fields_unreachable_keep_legacy),
		cmocka_unit_test(test_reset_needs_flag_and_dsdt_missing_warned),
	};

	return cmocka_run_group_tests_name("acpi/fadt", tests, NULL, NULL);
}
