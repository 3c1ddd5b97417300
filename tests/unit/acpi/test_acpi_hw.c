/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_acpi_hw.c - host tests for drivers/acpi/hw.c: the
 * register blocks taken from QEMU's real FADTs, the GPE arithmetic (which
 * port and bit GPE n is), the SCI handler's masking, PM1 a|b, hostile
 * FADT block descriptions, and the reset register.
 *
 * The hardware is tests/unit/fake/fake_acpi_hw.c, a model of QEMU's
 * PIIX4/ICH9 registers with their write-1-to-clear and whole-byte rules.
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
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_acpi_hw.h"
#include "fake_acpi_os.h"
#include "fake_aml_os.h"
#include "fake_printk.h"

static int
setup(void **state)
{
	(void)state;
	fake_io_reset();
	fake_printk_clear();
	return 0;
}

/*
 * The FADTs QEMU really gives, through acpi_tables_init():
 *   pc  + SeaBIOS  GPE0 0xafe0, 4 bytes   -> 2 STS + 2 EN: GPEs 0-15
 *   q35 + SeaBIOS  GPE0 0x620, 16 bytes   -> 8 STS + 8 EN: GPEs 0-63
 * Expect: one block each, no warnings, PM1_CNT read at 0x604.
 */
static void
test_blocks_from_qemu_fadts(void **state)
{
	static const struct { const char *dir; u16 port; u8 len; u16 count; } sets[] = {
		{ "tests/data/acpi/pc/seabios-memhp", 0xafe0, 2, 16 },
		{ "tests/data/acpi/q35/seabios-memhp", 0x620, 8, 64 },
	};

	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(sets); k++) {
		const struct acpi_gpe_block *b;

		fake_acpi_reset();
		fake_acpi_region(0, 0x100000);
		fake_acpi_load_dir(sets[k].dir);
		assert_int_equal(acpi_tables_init(NULL, NULL), 0);
		fake_printk_clear();
		assert_int_equal(acpi_hw_init(&acpi_fadt), 0);
		assert_int_equal(fake_printk_count, 0);
		assert_int_equal(acpi_gpe_block_count(), 1);
		b = acpi_gpe_block_at(0);
		assert_string_equal(b->name, "GPE0");
		assert_int_equal(b->port, sets[k].port);
		assert_int_equal(b->len, sets[k].len);
		assert_int_equal(b->base, 0);
		assert_int_equal(b->count, sets[k].count);
		assert_null(acpi_gpe_block_at(1));
		assert_true(acpi_gpe_exists(sets[k].count - 1));
		assert_false(acpi_gpe_exists(sets[k].count));

		fake_io_ports[0x604] = 0x01;	/* SCI_EN, read through the plain array */
		fake_io_ports[0x605] = 0x00;
		assert_int_equal(acpi_pm1_read(ACPI_PM1_CNT), 0x0001);
	}
	fake_acpi_reset();
}

/*
 * PIIX4 (GPE0 0xafe0: STS 0xafe0-1, EN 0xafe2-3) and ICH9 (GPE0 0x620:
 * STS 0x620-7, EN 0x628-f).  GPE 3 is byte 0 bit 3; ICH9's GPE 17 is
 * byte 2 bit 1.
 * Expect: enable/disable rewrite only their bit of the right EN byte;
 * clear writes exactly that bit to the STS byte (other STS bits stay).
 */
static void
test_gpe_n_is_a_bit_in_each_half(void **state)
{
	struct fake_acpi_hw m;
	struct acpi_fadt_info f;

	(void)state;
	fake_acpi_hw_qemu(&m, FAKE_ACPI_PIIX4, &f);
	assert_int_equal(acpi_hw_init(&f), 0);
	m.gpe_en[0] = 0x02;
	acpi_gpe_enable(3);
	assert_int_equal(m.gpe_en[0], 0x0a);
	assert_int_equal(fake_io_last_write(0xafe2), 0x0a);
	assert_true(acpi_gpe_is_enabled(3));
	assert_false(acpi_gpe_is_enabled(2));
	acpi_gpe_disable(1);
	assert_int_equal(m.gpe_en[0], 0x08);
	m.gpe_sts[0] = 0x0c;
	assert_true(acpi_gpe_is_active(3));
	acpi_gpe_clear(3);
	assert_int_equal(fake_io_last_write(0xafe0), 0x08);
	assert_int_equal(m.gpe_sts[0], 0x04);
	assert_false(acpi_gpe_is_active(3));
	/* GPE 16 is past PIIX4's two bytes: nothing is touched. */
	fake_io_reset();
	fake_io_set_model(&m.io);
	acpi_gpe_enable(16);
	acpi_gpe_clear(16);
	assert_int_equal(fake_io_log_len, 0);

	fake_acpi_hw_qemu(&m, FAKE_ACPI_ICH9, &f);
	assert_int_equal(acpi_hw_init(&f), 0);
	acpi_gpe_enable(17);
	assert_int_equal(m.gpe_en[2], 0x02);
	assert_int_equal(fake_io_last_write(0x62a), 0x02);
	m.gpe_sts[2] = 0xff;
	acpi_gpe_clear(17);
	assert_int_equal(fake_io_last_write(0x622), 0x02);
	assert_int_equal(m.gpe_sts[2], 0xfd);
}

/*
 * What the SCI handler does: GPE0_STS 0x0e (GPEs 1, 2, 3 latched), EN
 * 0x09 (GPEs 0 and 3 enabled); on ICH9 also GPE 17 latched and enabled.
 * Expect: pending = {3} (and {3, 17}); their EN bits cleared, the others
 * kept; STS untouched; the model's SCI line dropped.
 */
static void
test_mask_firing_masks_only_enabled_and_latched(void **state)
{
	struct fake_acpi_hw m;
	struct acpi_fadt_info f;
	u64 pending[ACPI_MAX_GPES / 64] = { 0 };

	(void)state;
	fake_acpi_hw_qemu(&m, FAKE_ACPI_PIIX4, &f);
	assert_int_equal(acpi_hw_init(&f), 0);
	m.gpe_sts[0] = 0x0e;
	m.gpe_en[0] = 0x09;
	assert_true(fake_acpi_hw_sci(&m));
	assert_int_equal(acpi_gpe_mask_firing(pending), 1);
	assert_int_equal(pending[0], 1ULL << 3);
	assert_int_equal(m.gpe_en[0], 0x01);
	assert_int_equal(m.gpe_sts[0], 0x0e);
	assert_false(fake_acpi_hw_sci(&m));
	/* Nothing firing: no write at all. */
	fake_io_reset();
	fake_io_set_model(&m.io);
	assert_int_equal(acpi_gpe_mask_firing(pending), 0);
	for (int i = 0; i < fake_io_log_len; i++)
		assert_false(fake_io_log[i].write);

	fake_acpi_hw_qemu(&m, FAKE_ACPI_ICH9, &f);
	assert_int_equal(acpi_hw_init(&f), 0);
	pending[0] = 0;
	m.gpe_sts[0] = 0x08;
	m.gpe_en[0] = 0x08;
	m.gpe_sts[2] = 0x02;
	m.gpe_en[2] = 0x03;
	assert_int_equal(acpi_gpe_mask_firing(pending), 2);
	assert_int_equal(pending[0], (1ULL << 3) | (1ULL << 17));
	assert_int_equal(m.gpe_en[0], 0x00);
	assert_int_equal(m.gpe_en[2], 0x01);
}

/*
 * A FADT with GPE1 as well: GPE0 4 bytes (GPEs 0-15), GPE1 at 0x1000, 4
 * bytes, base 16 (GPEs 16-31).
 * Expect: GPE 17 is GPE1's byte 0 bit 1 (EN at 0x1002); GPE 32 is nowhere.
 * Then GPE1 with base 8 (overlapping 8-15), or an odd length: warned,
 * left out.
 */
static void
test_gpe1_block_and_hostile_descriptions(void **state)
{
	struct acpi_fadt_info f;

	(void)state;
	fake_acpi_hw_qemu(&(struct fake_acpi_hw){ 0 }, FAKE_ACPI_PIIX4, &f);
	fake_io_set_model(NULL);
	f.gpe1_blk = 0x1000;
	f.gpe1_blk_len = 4;
	f.gpe1_base = 16;
	assert_int_equal(acpi_hw_init(&f), 0);
	assert_int_equal(acpi_gpe_block_count(), 2);
	fake_io_ports[0x1002] = 0;
	acpi_gpe_enable(17);
	assert_int_equal(fake_io_ports[0x1002], 0x02);
	assert_false(acpi_gpe_exists(32));

	fake_printk_clear();
	f.gpe1_base = 8;
	assert_int_equal(acpi_hw_init(&f), 0);
	assert_int_equal(acpi_gpe_block_count(), 1);
	assert_true(fake_printk_contains(
		"acpi: GPE1: GPEs 8-23 overlap GPE0's 0-15; firmware bug, block ignored\n"));

	fake_printk_clear();
	f.gpe1_base = 16;
	f.gpe1_blk_len = 3;
	assert_int_equal(acpi_hw_init(&f), 0);
	assert_int_equal(acpi_gpe_block_count(), 1);
	assert_true(fake_printk_contains(
		"acpi: GPE1: block at port 0x1000, 3 bytes: unusable (length must be even); firmware bug, block ignored\n"));

	/* A block running off the port space. */
	fake_printk_clear();
	f.gpe1_blk = 0xfffe;
	f.gpe1_blk_len = 4;
	assert_int_equal(acpi_hw_init(&f), 0);
	assert_int_equal(acpi_gpe_block_count(), 1);
	assert_int_equal(fake_printk_warnings(), 1);
}

/*
 * No FADT; a PM1a event block of 2 bytes (STS without EN); no PM1a_CNT.
 * Expect: -ENODEV, then -EINVAL with one warning each; PM1 reads give 0
 * and writes touch no port.
 */
static void
test_unusable_pm1_refused(void **state)
{
	struct acpi_fadt_info f;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(acpi_hw_init(&f), -ENODEV);
	fake_acpi_hw_qemu(&(struct fake_acpi_hw){ 0 }, FAKE_ACPI_PIIX4, &f);
	fake_io_set_model(NULL);
	f.pm1_evt_len = 2;
	assert_int_equal(acpi_hw_init(&f), -EINVAL);
	assert_int_equal(fake_printk_warnings(), 1);
	f.pm1_evt_len = 4;
	f.pm1a_cnt_blk = 0;
	assert_int_equal(acpi_hw_init(&f), -EINVAL);
	assert_int_equal(fake_printk_warnings(), 2);
	fake_io_reset();
	assert_int_equal(acpi_pm1_read(ACPI_PM1_STS), 0);
	acpi_pm1_write(ACPI_PM1_EN, ACPI_PM1_PWRBTN);
	assert_int_equal(fake_io_log_len, 0);
	assert_int_equal(acpi_gpe_block_count(), 0);
}

/*
 * PM1a at 0x600 and a PM1b block at 0x700 (the plain port array).
 * Expect: a read is a | b; a write goes to both; the _block variants
 * reach one each; PM1_EN sits at EVT + 2.
 */
static void
test_pm1_a_and_b(void **state)
{
	struct acpi_fadt_info f;

	(void)state;
	fake_acpi_hw_qemu(&(struct fake_acpi_hw){ 0 }, FAKE_ACPI_PIIX4, &f);
	fake_io_set_model(NULL);
	f.pm1b_evt_blk = 0x700;
	f.pm1b_cnt_blk = 0x704;
	assert_int_equal(acpi_hw_init(&f), 0);
	fake_io_ports[0x600] = 0x01;
	fake_io_ports[0x601] = 0x00;
	fake_io_ports[0x700] = 0x00;
	fake_io_ports[0x701] = 0x01;
	assert_int_equal(acpi_pm1_read(ACPI_PM1_STS), 0x0101);
	acpi_pm1_write(ACPI_PM1_EN, ACPI_PM1_PWRBTN);
	assert_int_equal(fake_io_last_write(0x602), ACPI_PM1_PWRBTN);
	assert_int_equal(fake_io_last_write(0x702), ACPI_PM1_PWRBTN);
	acpi_pm1_write_block(ACPI_PM1B, ACPI_PM1_CNT, 0x2400);
	assert_int_equal(fake_io_last_write(0x704), 0x2400);
	assert_int_equal(fake_io_writes_to(0x604), 0);
	assert_int_equal(acpi_pm1_read_block(ACPI_PM1B, ACPI_PM1_CNT), 0x2400);
}

/*
 * q35's reset register (I/O 0xcf9 <- 0x0f); pc's FADT has none; a
 * reset register 16 bits wide; one in a space we cannot write.
 * Expect: the model resets once; -ENODEV for the others, a warning for
 * the two that are there but unusable.
 */
static void
test_reset_register(void **state)
{
	struct fake_acpi_hw m;
	struct acpi_fadt_info f;

	(void)state;
	fake_acpi_hw_qemu(&m, FAKE_ACPI_ICH9, &f);
	assert_int_equal(acpi_hw_write_reset(&f), 0);
	assert_int_equal(m.resets, 1);
	assert_int_equal(fake_io_last_write(0xcf9), 0x0f);

	f.reset_reg.bit_width = 16;
	assert_int_equal(acpi_hw_write_reset(&f), -ENODEV);
	assert_int_equal(fake_printk_warnings(), 1);
	f.reset_reg.bit_width = 8;
	f.reset_reg.space_id = 5;
	assert_int_equal(acpi_hw_write_reset(&f), -ENODEV);
	assert_int_equal(fake_printk_warnings(), 2);
	assert_int_equal(m.resets, 1);

	fake_acpi_hw_qemu(&m, FAKE_ACPI_PIIX4, &f);
	assert_int_equal(acpi_hw_write_reset(&f), -ENODEV);
	assert_int_equal(m.resets, 0);
}

/*
 * Reset registers elsewhere: memory at 0xfed00040 and PCI config 00:1f.0
 * offset 0xac (GAS address 0x0000_001F_0000_00AC), through the AML OS
 * layer (tests/unit/fake/fake_aml_os.c); then PCI function 9 (no such
 * thing) and a reserved high word.
 * Expect: one byte write of the value at 0xfed00040, and one at the
 * interpreter's PCI address (device << 15 | function << 12 | offset);
 * the bad PCI addresses refused with a warning, nothing written.
 */
static void
test_reset_register_in_memory_and_pci_space(void **state)
{
	struct acpi_fadt_info f;

	(void)state;
	fake_acpi_hw_qemu(&(struct fake_acpi_hw){ 0 }, FAKE_ACPI_ICH9, &f);
	fake_io_set_model(NULL);
	fake_aml_reset();
	f.reset_reg.space_id = ACPI_GAS_MEMORY;
	f.reset_reg.address = 0xfed00040;
	f.reset_value = 0x06;
	assert_int_equal(acpi_hw_write_reset(&f), 0);
	assert_int_equal(fake_aml_count(AML_SPACE_MEMORY, 0xfed00040, 8, true), 1);
	assert_int_equal(fake_aml_mem_peek(AML_SPACE_MEMORY, 0xfed00040), 0x06);

	f.reset_reg.space_id = ACPI_GAS_PCI;
	f.reset_reg.address = 0x0000001F000000ACULL;
	assert_int_equal(acpi_hw_write_reset(&f), 0);
	assert_int_equal(fake_aml_count(AML_SPACE_PCI, (31 << 15) | 0xac, 8, true), 1);

	f.reset_reg.address = 0x0000001F000900ACULL;
	assert_int_equal(acpi_hw_write_reset(&f), -ENODEV);
	f.reset_reg.address = 0x0001001F000000ACULL;
	assert_int_equal(acpi_hw_write_reset(&f), -ENODEV);
	assert_int_equal(fake_printk_warnings(), 2);
	assert_int_equal(fake_aml_nlog, 2);
	assert_int_equal(fake_io_log_len, 0);
}

/*
 * Save every EN byte, disable them all, restore (what acpi_poweroff()
 * does around a power-off that fails).
 * Expect: the saved bytes come back exactly; clear_all empties STS.
 */
static void
test_save_disable_restore_enables(void **state)
{
	struct fake_acpi_hw m;
	struct acpi_fadt_info f;
	u8 saved[16];

	(void)state;
	fake_acpi_hw_qemu(&m, FAKE_ACPI_ICH9, &f);
	assert_int_equal(acpi_hw_init(&f), 0);
	m.gpe_en[0] = 0x0e;
	m.gpe_en[7] = 0x80;
	m.gpe_sts[3] = 0x11;
	assert_int_equal(acpi_gpe_save_enables(saved, sizeof(saved)), 8);
	acpi_gpe_disable_all();
	acpi_gpe_clear_all();
	for (int i = 0; i < 8; i++) {
		assert_int_equal(m.gpe_en[i], 0);
		assert_int_equal(m.gpe_sts[i], 0);
	}
	acpi_gpe_restore_enables(saved, 8);
	assert_int_equal(m.gpe_en[0], 0x0e);
	assert_int_equal(m.gpe_en[7], 0x80);
	assert_int_equal(m.gpe_en[3], 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_blocks_from_qemu_fadts, setup),
		cmocka_unit_test_setup(test_gpe_n_is_a_bit_in_each_half, setup),
		cmocka_unit_test_setup(test_mask_firing_masks_only_enabled_and_latched, setup),
		cmocka_unit_test_setup(test_gpe1_block_and_hostile_descriptions, setup),
		cmocka_unit_test_setup(test_unusable_pm1_refused, setup),
		cmocka_unit_test_setup(test_pm1_a_and_b, setup),
		cmocka_unit_test_setup(test_reset_register, setup),
		cmocka_unit_test_setup(test_reset_register_in_memory_and_pci_space, setup),
		cmocka_unit_test_setup(test_save_disable_restore_enables, setup),
	};

	return cmocka_run_group_tests_name("acpi_hw", tests, NULL, NULL);
}
