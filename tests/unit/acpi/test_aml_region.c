/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_region.c - field units on address spaces:
 * access widths, the three update rules, fields wider than an integer,
 * IndexField, BankField, PCI_Config addresses from _ADR and _BBN, and
 * refused or out-of-range accesses.
 *
 *	OperationRegion (REG0, SystemIO, 0x0C00, 0x10)
 *	   0x0C00  0x0C01  0x0C02 ...      every access the fake OS layer saw
 *	   └ Field units ──────────────>   is in fake_aml_log, in order
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
#include "drivers/acpi/aml/internal.h"
#include "fake_aml_os.h"
#include "fake_printk.h"

static struct aml_asm a;

/* OperationRegion (REG0, SystemIO, 0x0C00, 0x10) */
#define REG0 "5B80 $REG0 01 0B000C 0A10 "

/* Call the one-argument method SETTER (it stores Arg0 into a field). */
static void
store_int(const char *setter, u64 v)
{
	struct aml_value arg = aml_int(v);

	assert_int_equal(aml_eval(NULL, setter, &arg, 1, NULL), 0);
}

static const struct fake_aml_access *
logged(int i)
{
	assert_true(i < fake_aml_nlog);
	return &fake_aml_log[i];
}

/*
 * Field (REG0, ByteAcc, NoLock, RULE) { Offset (1), , 2, BITS, 3 }
 *   byte 0x0C01: | . . | B B B | . . . |    BITS = 5 -> bits 2-4 = 101
 * with the byte at 0 before the write:
 *   Preserve      read 0x0C01, write 0x14
 *   WriteAsOnes   write 0xF7, nothing read
 *   WriteAsZeros  write 0x14, nothing read
 */
static void
test_update_rules_fill_the_rest_of_the_unit(void **state)
{
	static const struct { u8 flags; bool reads; u8 written; } rules[] = {
		{ 0x01, true, 0x14 }, { 0x21, false, 0xF7 }, { 0x41, false, 0x14 },
	};
	char text[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		asm_free(&a);
		asm_init(&a);
		snprintf(text, sizeof(text),
			 REG0 "5B81{ $REG0 %02X 00 0A $BITS 03 } 14{ $SETB 01 70 68 $BITS }",
			 rules[i].flags);
		asm_text(&a, text);
		assert_int_equal(asm_load(&a, 2), 0);
		fake_aml_reset();
		store_int("\\SETB", 5);
		assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0C01, 8, false), rules[i].reads);
		assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0C01, 8, true), 1);
		assert_int_equal(fake_aml_io[0x0C01], rules[i].written);
		assert_int_equal(eval_int("\\BITS"), 5);
		aml_reset_checked();
	}
}

/*
 * Field (REG0, DWordAcc, NoLock, Preserve) { Offset (2), FW32, 32 }
 *   dword 0x0C00: [ keep | low half ]   dword 0x0C04: [ keep | high half ]
 * Expect two aligned dword reads and writes, the other halves kept.
 */
static void
test_dword_field_across_two_units(void **state)
{
	(void)state;
	asm_text(&a, REG0 "5B81{ $REG0 03 00 10 $FW32 20 } 14{ $SETW 01 70 68 $FW32 }");
	assert_int_equal(asm_load(&a, 2), 0);
	memset(fake_aml_io + 0x0C00, 0xAA, 8);
	store_int("\\SETW", 0x12345678);
	assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0C00, 32, true), 1);
	assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0C04, 32, true), 1);
	assert_int_equal(fake_aml_count(AML_SPACE_IO, 0x0C02, 16, true), 0);
	assert_int_equal(fake_aml_io[0x0C00], 0xAA);
	assert_int_equal(fake_aml_io[0x0C01], 0xAA);
	assert_int_equal(fake_aml_io[0x0C02], 0x78);
	assert_int_equal(fake_aml_io[0x0C05], 0x12);
	assert_int_equal(fake_aml_io[0x0C06], 0xAA);
	assert_int_equal(eval_int("\\FW32"), 0x12345678);
}

/*
 * Field (REG0, AnyAcc, ...) { Offset (1), FA16, 16 }: the smallest unit
 * holding bits 8-23 is the dword at 0x0C00.  QWordAcc gives one 64-bit
 * access.
 */
static void
test_anyacc_and_qwordacc_widths(void **state)
{
	(void)state;
	asm_text(&a, REG0 "5B81{ $REG0 00 00 08 $FA16 10 } 5B81{ $REG0 04 00 40 04 $Q64_ 40 04 }");
	assert_int_equal(asm_load(&a, 2), 0);
	fake_aml_io[0x0C01] = 0x34;
	fake_aml_io[0x0C02] = 0x12;
	fake_aml_io[0x0C08] = 0x01;
	fake_aml_io[0x0C0F] = 0x80;
	assert_int_equal(eval_int("\\FA16"), 0x1234);
	assert_int_equal(logged(0)->width, 32);
	assert_int_equal(logged(0)->address, 0x0C00);
	assert_true(eval_int("\\Q64") == 0x8000000000000001ull);
	assert_int_equal(logged(1)->width, 64);
	assert_int_equal(logged(1)->address, 0x0C08);
}

/* In a revision-1 table, a 40-bit field reads as a 5-byte Buffer. */
static void
test_field_wider_than_an_integer_reads_as_buffer(void **state)
{
	(void)state;
	asm_text(&a, REG0 "5B81{ $REG0 01 $FB40 28 }");
	assert_int_equal(asm_load(&a, 1), 0);
	for (int i = 0; i < 5; i++)
		fake_aml_io[0x0C00 + i] = (u8)(i + 1);
	assert_string_equal(eval_text("\\FB40"), "Buffer(5) {01 02 03 04 05}");
}

/* A register file behind an index port (0x0C00) and a data port (0x0C01). */
static u8 regs[256], index_reg;

static int
indexed(void *arg, enum aml_space space, u64 address, unsigned int width, u64 *value, bool write)
{
	(void)arg;
	(void)space;
	if (width != 8)
		return -EINVAL;
	if (address == 0x0C00) {
		if (write)
			index_reg = (u8)*value;
		else
			*value = index_reg;
	} else if (write) {
		regs[index_reg] = (u8)*value;
	} else {
		*value = regs[index_reg];
	}
	return 0;
}

/*
 * Field (REG0, ByteAcc, NoLock, Preserve) { IDX_, 8, DAT_, 8 }
 * IndexField (IDX_, DAT_, ByteAcc, NoLock, Preserve) { Offset (0x10), IF16, 16 }
 * Expect IF16 = register 0x10 | register 0x11 << 8, each byte reached by
 * writing its offset to IDX_ first; a write goes the same way.
 */
static void
test_index_field_goes_through_the_index_register(void **state)
{
	(void)state;
	assert_int_equal(fake_aml_add_handler(AML_SPACE_IO, 0x0C00, 2, indexed, NULL), 0);
	asm_text(&a, REG0 "5B81{ $REG0 01 $IDX_ 08 $DAT_ 08 } "
		     "5B86{ $IDX_ $DAT_ 01 00 40 08 $IF16 10 } 14{ $SETI 01 70 68 $IF16 }");
	assert_int_equal(asm_load(&a, 2), 0);
	regs[0x10] = 0xCD;
	regs[0x11] = 0xAB;
	assert_int_equal(eval_int("\\IF16"), 0xABCD);
	assert_int_equal(logged(0)->address, 0x0C00);
	assert_int_equal(logged(0)->value, 0x10);
	assert_int_equal(logged(1)->address, 0x0C01);
	assert_int_equal(logged(2)->value, 0x11);
	store_int("\\SETI", 0x1234);
	assert_int_equal(regs[0x10], 0x34);
	assert_int_equal(regs[0x11], 0x12);
}

/*
 * Field (REG0, ByteAcc, NoLock, Preserve) { BNK_, 8 }
 * BankField (REG0, BNK_, 2, ByteAcc, NoLock, Preserve) { Offset (4), BF0_, 8 }
 * Expect 2 written to the bank register before the read of 0x0C04.
 */
static void
test_bank_field_selects_its_bank_first(void **state)
{
	(void)state;
	asm_text(&a, REG0 "5B81{ $REG0 01 $BNK_ 08 } 5B87{ $REG0 $BNK_ 0A02 01 00 20 $BF0_ 08 }");
	assert_int_equal(asm_load(&a, 2), 0);
	fake_aml_io[0x0C04] = 0x77;
	assert_int_equal(eval_int("\\BF0"), 0x77);
	assert_int_equal(logged(0)->address, 0x0C00);
	assert_true(logged(0)->write);
	assert_int_equal(logged(0)->value, 2);
	assert_int_equal(logged(1)->address, 0x0C04);
}

/*
 * Device (\_SB.PCI0) { Name (_HID, EisaId ("PNP0A03"))  Name (_BBN, 2)
 *   Device (DEV1) { Name (_ADR, 0x00030001)
 *     OperationRegion (PCFG, PCI_Config, 0x40, 0x10)
 *     Field (PCFG, DWordAcc, NoLock, Preserve) { PREG, 32 } } }
 * Expect PREG at segment 0, bus 2, device 3, function 1, offset 0x40.
 */
static void
test_pci_config_address_comes_from_adr_and_bbn(void **state)
{
	u64 addr = (2ull << 20) | (3ull << 15) | (1ull << 12) | 0x40;

	(void)state;
	asm_text(&a, "5B82{ $\\_SB.PCI0 08 $_HID 0C41D00A03 08 $_BBN 0A02 "
		     "5B82{ $DEV1 08 $_ADR 0C01000300 5B80 $PCFG 02 0A40 0A10 "
		     "5B81{ $PCFG 03 $PREG 20 } } }");
	assert_int_equal(asm_load(&a, 2), 0);
	fake_aml_mem_poke(AML_SPACE_PCI, addr, 0x86);
	fake_aml_mem_poke(AML_SPACE_PCI, addr + 1, 0x80);
	assert_int_equal(eval_int("\\_SB.PCI0.DEV1.PREG"), 0x8086);
	assert_int_equal(logged(0)->space, AML_SPACE_PCI);
	assert_true(logged(0)->address == addr);
}

/* OperationRegion (HPTM, SystemMemory, 0xFED00000, 0x400), DWordAcc VEND. */
static void
test_system_memory_field(void **state)
{
	(void)state;
	asm_text(&a, "5B80 $HPTM 00 0C0000D0FE 0B0004 5B81{ $HPTM 13 $VEND 20 $PRD_ 20 }");
	assert_int_equal(asm_load(&a, 1), 0);
	fake_aml_mem_poke(AML_SPACE_MEMORY, 0xFED00002, 0x86);
	fake_aml_mem_poke(AML_SPACE_MEMORY, 0xFED00003, 0x80);
	assert_int_equal(eval_int("\\VEND") >> 16, 0x8086);
}

/*
 * Accesses that must fail the evaluation, with a message:
 *   the OS refuses (AML_EREGION), an EmbeddedControl region (not
 *   supported: AML_EREGION), a DWordAcc field in a 2-byte region
 *   (AML_EINDEX).
 */
static void
test_refused_and_out_of_range_accesses_fail(void **state)
{
	(void)state;
	asm_text(&a, REG0 "5B81{ $REG0 01 $FB8_ 08 } "
		     "5B80 $ECRG 03 00 0A10 5B81{ $ECRG 01 $ECF_ 08 } "
		     "5B80 $SMAL 01 0B000D 0A02 5B81{ $SMAL 03 $SF32 20 }");
	assert_int_equal(asm_load(&a, 2), 0);
	fake_aml_refuse[AML_SPACE_IO] = true;
	assert_string_equal(eval_text("\\FB8"), "error: AML_EREGION: region access refused");
	assert_true(fake_printk_contains("aml: \\FB8_: SystemIO read of 0xc00 (8 bits) refused\n"));
	fake_aml_refuse[AML_SPACE_IO] = false;
	assert_string_equal(eval_text("\\ECF"), "error: AML_EREGION: region access refused");
	assert_true(fake_printk_contains("region space 3 is not supported"));
	assert_string_equal(eval_text("\\SF32"), "error: AML_EINDEX: index out of range");
	assert_true(fake_printk_contains("beyond the region's 0x2 bytes"));
	assert_int_equal(fake_aml_nlog, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_prestate_setup_teardown(fn, aml_test_setup, aml_test_teardown, &a)
		T(test_update_rules_fill_the_rest_of_the_unit),
		T(test_dword_field_across_two_units),
		T(test_anyacc_and_qwordacc_widths),
		T(test_field_wider_than_an_integer_reads_as_buffer),
		T(test_index_field_goes_through_the_index_register),
		T(test_bank_field_selects_its_bank_first),
		T(test_pci_config_address_comes_from_adr_and_bbn),
		T(test_system_memory_field),
		T(test_refused_and_out_of_range_accesses_fail),
#undef T
	};

	return cmocka_run_group_tests_name("aml regions and fields", tests, NULL, NULL);
}
