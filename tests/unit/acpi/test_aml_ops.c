/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_ops.c - AML operators one by one: conversions,
 * Store's rules per target, references, packages, strings and buffers,
 * logic, buffer fields, events, Debug, Notify, _OSI.
 *
 * Each case is a method with no arguments; its body is written in
 * aml_asm's token form next to the ASL it stands for, and its result is
 * compared in aml_value_format()'s text.  The expected values are
 * ACPICA's (acpiexec 20200925) where ACPI leaves room.
 *
 *	top-level objects ─┐
 *	case methods ──────┴─> one revision-2 DSDT ──> eval each ──> text
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

/* The objects the cases use. */
static const char *const globals =
	"08 $INT1 0A05 "			/* Name (INT1, 5) */
	"08 $INT2 0A05 "
	"08 $INT4 0A05 "
	"08 $STR1 \"x\" "			/* Name (STR1, "x") */
	"08 $BUF1 11{ 0A04 01 02 03 04 } "	/* Name (BUF1, Buffer (4) {1, 2, 3, 4}) */
	"08 $PKGF 12{ 02 $INTF $DEV0 } "	/* Name (PKGF, Package () {INTF, DEV0}) */
	"08 $INTF 0A06 "			/*   both defined after it */
	"5B82{ $DEV0 } "			/* Device (DEV0) {} */
	"06 $DEV0 $DEVA "			/* Alias (DEV0, DEVA) */
	"5B01 $MTX0 00 "			/* Mutex (MTX0, 0) */
	"5B02 $EVT0 "				/* Event (EVT0) */
	"14{ $SETA 01 70 0A09 68 } "		/* Method (SETA, 1) { Arg0 = 9 } */
	"14{ $NTFY 01 86 $DEV0 68 } ";		/* Method (NTFY, 1) { Notify (DEV0, Arg0) } */

struct op_case {
	const char *asl;	/* what the body says */
	const char *body;	/* aml_asm tokens of the body */
	const char *expect;	/* aml_value_format() of the result, or "error: ..." */
};

static const struct op_case cases[] = {
	/* Conversions */
	{ "Return (ToInteger (\"0x0A\"))", "A4 99 \"0x0A\" 00", "0xA" },
	{ "Return (ToInteger (\"123\"))", "A4 99 \"123\" 00", "0x7B" },
	{ "Return (ToInteger (\"  0x1g\"))", "A4 99 \"  0x1g\" 00", "0x1" },
	{ "Return (\"10\" + 1)  (implicit: hex)", "A4 72 \"10\" 01 00", "0x11" },
	{ "Return (\"0x1F\" + 0)  (implicit: a 0x prefix is skipped)", "A4 72 \"0x1F\" 00 00", "0x1F" },
	{ "Return (\"123456789ABCDEF012\" + 0)  (the digits that fit)",
	  "A4 72 \"123456789ABCDEF012\" 00 00", "0x123456789ABCDEF0" },
	{ "Return (ToInteger (Buffer (0) {}))", "A4 99 11{ 00 } 00",
	  "error: AML_ETYPE: operand type" },
	{ "Return (ToInteger (Buffer () {1, 2, 3}))", "A4 99 11{ 0A03 01 02 03 } 00", "0x30201" },
	{ "Return (ToHexString (Buffer () {1, 2, 0xAB}))", "A4 98 11{ 0A03 01 02 AB } 00",
	  "\"0x01,0x02,0xAB\"" },
	{ "Return (ToHexString (0x1A))", "A4 98 0A1A 00", "\"000000000000001A\"" },
	{ "Return (ToDecimalString (0x1A))", "A4 97 0A1A 00", "\"26\"" },
	{ "Return (ToDecimalString (Buffer () {1, 171}))", "A4 97 11{ 0A02 01 AB } 00",
	  "\"1,171\"" },
	{ "Return (ToBuffer (\"abc\"))", "A4 96 \"abc\" 00", "Buffer(4) {61 62 63 00}" },
	{ "Return (ToBuffer (0x1234))", "A4 96 0B3412 00", "Buffer(8) {34 12 00 00 00 00 00 00}" },
	{ "Return (ToString (Buffer () {0x41, 0x42, 0, 0x43}, Ones))",
	  "A4 9C 11{ 0A04 41 42 00 43 } FF 00", "\"AB\"" },
	{ "Return (ToString (Buffer () {0x41, 0x42, 0x43}, 2))",
	  "A4 9C 11{ 0A03 41 42 43 } 0A02 00", "\"AB\"" },
	/* Strings and buffers */
	{ "Return (Concatenate (\"ab\", Buffer () {1, 0xA2}))", "A4 73 \"ab\" 11{ 0A02 01 A2 } 00",
	  "\"ab0x01 0xA2\"" },
	{ "Return (Concatenate (\"ab\", 0x1234))", "A4 73 \"ab\" 0B3412 00",
	  "\"ab0000000000001234\"" },
	{ "Return (Concatenate (Buffer () {1}, \"ab\"))", "A4 73 11{ 0A01 01 } \"ab\" 00",
	  "Buffer(4) {01 61 62 00}" },
	{ "Return (Concatenate (0x12, 0x34))", "A4 73 0A12 0A34 00",
	  "Buffer(16) {12 00 00 00 00 00 00 00 34 00 00 00 00 00 00 00}" },
	{ "Return (ConcatenateResTemplate (Buffer () {0x22, 1, 0, 0x79, 0}, "
	  "Buffer () {0x22, 2, 0, 0x79, 0}))",
	  "A4 84 11{ 0A05 22 01 00 79 00 } 11{ 0A05 22 02 00 79 00 } 00",
	  "Buffer(8) {22 01 00 22 02 00 79 00}" },
	{ "Return (Mid (\"abcdef\", 2, 10))", "A4 9E \"abcdef\" 0A02 0A0A 00", "\"cdef\"" },
	{ "Return (Mid (\"abcdef\", 10, 10))", "A4 9E \"abcdef\" 0A0A 0A0A 00", "\"\"" },
	{ "Return (Mid (Buffer () {1, 2, 3}, 1, 1))", "A4 9E 11{ 0A03 01 02 03 } 01 01 00",
	  "Buffer(1) {02}" },
	{ "Return (Buffer (2) {1, 2, 3})", "A4 11{ 0A02 01 02 03 }", "Buffer(3) {01 02 03}" },
	{ "Return (Buffer (4) {1})", "A4 11{ 0A04 01 }", "Buffer(4) {01 00 00 00}" },
	/* Store: the target decides */
	{ "BUF1 = Buffer () {9, 9}  Return (BUF1)  (a named Buffer keeps its length)",
	  "70 11{ 0A02 09 09 } $BUF1 A4 $BUF1", "Buffer(4) {09 09 00 00}" },
	{ "BUF1 = BUF1  Return (BUF1)  (a store into itself changes nothing)",
	  "70 $BUF1 $BUF1 A4 $BUF1", "Buffer(4) {09 09 00 00}" },
	{ "INT1 = \"1F\"  Return (INT1)  (a named Integer converts)",
	  "70 \"1F\" $INT1 A4 $INT1", "0x1F" },
	{ "STR1 = 0x2A  Return (STR1)  (a named String converts)",
	  "70 0A2A $STR1 A4 $STR1", "\"000000000000002A\"" },
	{ "Local0 = \"abc\"  Local0 = 3  Return (Local0)  (a Local takes the type)",
	  "70 \"abc\" 60 70 0A03 60 A4 60", "0x3" },
	{ "Local0 = Package () {0, 0, 0}  Local0[1] = 7  Return (Local0)",
	  "70 12{ 03 00 00 00 } 60 70 0A07 88 60 01 00 A4 60", "Package(3) {0x0, 0x7, 0x0}" },
	{ "Local0 = Buffer () {1, 2, 3}  Local0[1] = 0x1234  Return (Local0)",
	  "70 11{ 0A03 01 02 03 } 60 70 0B3412 88 60 01 00 A4 60", "Buffer(3) {01 34 03}" },
	{ "Local0 = \"abc\"  Local0[1] = 0x5A  Return (Local0)",
	  "70 \"abc\" 60 70 0A5A 88 60 01 00 A4 60", "\"aZc\"" },
	{ "Local0 = Package (2) {}  Local0[0] = Local0  Return (SizeOf (Local0))",
	  "70 12{ 02 } 60 70 60 88 60 00 00 A4 87 60", "0x2" },
	{ "Local1 = Package () {1}  Local0 = Package () {0}  Local0[0] = Index (Local1, 0)",
	  "70 12{ 01 01 } 61 70 12{ 01 00 } 60 70 88 61 00 00 88 60 00 00",
	  "error: AML_ETYPE: operand type" },
	{ "CopyObject (\"s\", INT4)  Return (ObjectType (INT4))",
	  "9D \"s\" $INT4 A4 8E $INT4", "0x2" },
	{ "Store (5, DEV0)", "70 0A05 $DEV0", "error: AML_ETYPE: operand type" },
	/* References */
	{ "Return (DerefOf (Index (Package () {1, 2, 3}, 1)))",
	  "A4 83 88 12{ 03 01 0A02 0A03 } 01 00", "0x2" },
	{ "Local0 = Buffer () {1, 2, 3}  Return (DerefOf (Local0[2]))",
	  "70 11{ 0A03 01 02 03 } 60 A4 83 88 60 0A02 00", "0x3" },
	{ "Local0 = 1  SETA (RefOf (Local0))  Return (Local0)",
	  "70 01 60 $SETA 71 60 A4 60", "0x9" },
	{ "SETA (RefOf (INT2))  Return (INT2)", "$SETA 71 $INT2 A4 $INT2", "0x9" },
	{ "Return (DerefOf (\"\\INT1\"))  (a name as a string)", "A4 83 \"\\INT1\"", "0x1F" },
	{ "Return (CondRefOf (NONE, Local0))", "A4 5B12 $NONE 60", "0x0" },
	{ "If (CondRefOf (INT2, Local0)) { Return (DerefOf (Local0)) }",
	  "A0{ 5B12 $INT2 60 A4 83 60 } A4 00", "0x9" },
	{ "Return (ObjectType (DEV0))", "A4 8E $DEV0", "0x6" },
	{ "Return (ObjectType (DEVA))  (an Alias has its object's type)", "A4 8E $DEVA", "0x6" },
	{ "Return (ObjectType (MTX0))", "A4 8E $MTX0", "0x9" },
	{ "Return (ObjectType (Local0))  (never set)", "A4 8E 60", "0x0" },
	{ "Return (ObjectType (\\_SB))", "A4 8E $\\_SB", "0x6" },
	{ "Local0 = \"abcd\"  Return (SizeOf (Local0))", "70 \"abcd\" 60 A4 87 60", "0x4" },
	{ "Return (SizeOf (BUF1))", "A4 87 $BUF1", "0x4" },
	{ "Local0 = 5  Return (SizeOf (Local0))  (an Integer: its width in bytes)",
	  "70 0A05 60 A4 87 60", "0x8" },
	{ "Return (PKGF)  (names in a package: values and references)", "A4 $PKGF",
	  "Package(2) {0x6, Reference(\\DEV0)}" },
	{ "Return (Package (3) {1})  (VarPackage count 3)", "A4 13{ 0A03 01 }",
	  "Package(3) {0x1, None, None}" },
	{ "Return (Match (Package () {1, \"a\", 3, 4}, MEQ, 3, MTR, 0, 0))",
	  "A4 89 12{ 04 01 \"a\" 0A03 0A04 } 01 0A03 00 00 00", "0x2" },
	{ "Return (Match (Package () {\"abc\", 5, \"10\"}, MEQ, 0x10, MTR, 0, 0))  (elements convert)",
	  "A4 89 12{ 03 \"abc\" 0A05 \"10\" } 01 0A10 00 00 00", "0x2" },
	{ "Return (Match (Package () {1, 2}, MGT, 5, MTR, 0, 0))",
	  "A4 89 12{ 02 01 0A02 } 05 0A05 00 00 00", "0xFFFFFFFFFFFFFFFF" },
	/* Arithmetic and logic */
	{ "Divide (7, 2, Local0, Local1)  Return ((Local1 << 8) + Local0)",
	  "78 0A07 0A02 60 61 A4 72 79 61 0A08 00 60 00", "0x301" },
	{ "Return (FindSetLeftBit (0x80))", "A4 81 0A80 00", "0x8" },
	{ "Return (FindSetRightBit (0x80))", "A4 82 0A80 00", "0x8" },
	{ "Return (FindSetRightBit (0))", "A4 82 00 00", "0x0" },
	{ "Return (ToBCD (1234))", "A4 5B29 0BD204 00", "0x1234" },
	{ "Return (FromBCD (0x1234))", "A4 5B28 0B3412 00", "0x4D2" },
	{ "Return (FromBCD (0x1A))", "A4 5B28 0A1A 00", "error: AML_ETYPE: operand type" },
	{ "Return (Mod (7, 0))", "A4 85 0A07 00 00", "error: AML_EDIVZERO: divide by zero" },
	{ "Return (0x10 >> 65)", "A4 7A 0A10 0A41 00", "0x0" },
	{ "Return (LNotEqual (1, 2))", "A4 92 93 01 0A02", "0xFFFFFFFFFFFFFFFF" },
	{ "Return (LLessEqual (2, 2))", "A4 92 94 0A02 0A02", "0xFFFFFFFFFFFFFFFF" },
	{ "Return (LLess (\"ab\", \"abc\"))", "A4 95 \"ab\" \"abc\"", "0xFFFFFFFFFFFFFFFF" },
	{ "Return (LEqual (0x10, \"10\"))", "A4 93 0A10 \"10\"", "0xFFFFFFFFFFFFFFFF" },
	{ "Return (LAnd (1, 0))", "A4 90 01 00", "0x0" },
	{ "Return (LOr (0, 2))", "A4 91 00 0A02", "0xFFFFFFFFFFFFFFFF" },
	{ "Local0 = 5  Local0++  Return (Local0)", "70 0A05 60 75 60 A4 60", "0x6" },
	{ "Return (Decrement (INT4))  (INT4 is \"s\" by now: hex 0)", "A4 76 $INT4", "0xFFFFFFFFFFFFFFFF" },
	/* Control flow */
	{ "While (Local0 < 10) { Local0++  If (Local0 & 1) { Continue }  "
	  "If (Local0 == 8) { Break }  Local1++ }  Return (Local1)",
	  "70 00 60 70 00 61 A2{ 95 60 0A0A 75 60 A0{ 7B 60 01 00 9F } "
	  "A0{ 93 60 0A08 A5 } 75 61 } A4 61", "0x3" },
	{ "If (0) { Return (1) } Else { Return (2) }", "A0{ 00 A4 01 } A1{ A4 0A02 }", "0x2" },
	{ "If (1) { Local0 = 1 } Else { Local0 = 2 }  Return (Local0)",
	  "A0{ 01 70 01 60 } A1{ 70 0A02 60 } A4 60", "0x1" },
	{ "Break  (outside a While)", "A5", "error: AML_EPARSE: malformed AML" },
	/* Buffer fields */
	{ "Local0 = Buffer (8) {}  CreateWordField (Local0, 1, WFLD)  WFLD = 0x12345  Return (Local0)",
	  "70 11{ 0A08 } 60 8B 60 01 $WFLD 70 0C45230100 $WFLD A4 60",
	  "Buffer(8) {00 45 23 00 00 00 00 00}" },
	{ "CreateBitField (BUF1, 9, BIT9)  BIT9 = 1  Return (BUF1)",
	  "8D $BUF1 0A09 $BIT9 70 01 $BIT9 A4 $BUF1", "Buffer(4) {09 0B 00 00}" },
	{ "CreateField (BUF1, 4, 12, FL12)  Return (FL12)  (CreateField reads as a Buffer)", "5B13 $BUF1 0A04 0A0C $FL12 A4 $FL12",
	  "Buffer(2) {B0 00}" },
	{ "CreateField (BUF1, 4, 12, FL12)  Return (FL12 + 1)  (a Buffer operand converts)",
	  "5B13 $BUF1 0A04 0A0C $FL12 A4 72 $FL12 01 00", "0xB1" },
	{ "CreateQWordField (BUF1, 0, QW)", "8F $BUF1 00 $QW", "error: AML_EINDEX: index out of range" },
	{ "Local0 = Buffer (16) {}  CreateField (Local0, 0, 72, F72)  F72 = Ones  Return (F72)",
	  "70 11{ 0A10 } 60 5B13 60 00 0A48 $F72 70 FF $F72 A4 $F72",
	  "Buffer(9) {FF FF FF FF FF FF FF FF 00}" },
	/* Events, timers, OS services */
	{ "Signal (EVT0)  Local0 = Wait (EVT0, 0)  Local1 = Wait (EVT0, 0)  Return (Local1 - Local0)",
	  "5B24 $EVT0 70 5B25 $EVT0 00 60 70 5B25 $EVT0 00 61 A4 74 61 60 00", "0xFFFFFFFFFFFFFFFF" },
	{ "Return (Timer - Timer)  (the fake clock advances)", "A4 74 5B33 5B33 00",
	  "0xFFFFFFFFFFFFFFFF" },
	{ "Return (\\_OSI (\"Windows 2015\"))", "A4 $\\_OSI \"Windows 2015\"", "0xFFFFFFFFFFFFFFFF" },
	{ "Return (\\_OSI (\"Linux\"))", "A4 $\\_OSI \"Linux\"", "0x0" },
	{ "Return (\\_REV)", "A4 $\\_REV", "0x2" },
	{ "Return (Revision)", "A4 5B30", "0x1" },
};

static struct aml_asm a;

static int
setup(void **state)
{
	(void)state;
	fake_printk_clear();
	fake_aml_reset();
	asm_init(&a);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	aml_reset_checked();
	asm_free(&a);
	return 0;
}

/* The method name of case I: "C000", "C001", ... */
static const char *
case_name(size_t i, char *buf)
{
	snprintf(buf, 8, "C%03zu", i);
	return buf;
}

/*
 * Every case in order, in one table (the order matters: some change
 * globals the next ones read, as noted in their ASL).  Expect each
 * result text, and no leak at the end.
 */
static void
test_operators_give_acpica_results(void **state)
{
	char name[8], path[16];
	int checked = 0;

	(void)state;
	asm_text(&a, globals);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		if (!cases[i].expect)
			continue;
		asm_open(&a, "14");
		asm_name(&a, case_name(i, name));
		asm_hex(&a, "00");
		asm_text(&a, cases[i].body);
		asm_close(&a);
	}
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_check_methods(), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		if (!cases[i].expect)
			continue;
		snprintf(path, sizeof(path), "\\%s", case_name(i, name));
		if (strcmp(eval_text(path), cases[i].expect))
			fail_msg("%s: %s\n  got    %s\n  expect %s", path, cases[i].asl,
				 eval_text(path), cases[i].expect);
		checked++;
	}
	assert_true(checked > 60);
}

/*
 * Store ("hi", Debug); Debug = 0x2A
 * Expect aml_os_debug() to get each value's text, one line each.
 */
static void
test_debug_prints_each_value(void **state)
{
	(void)state;
	asm_text(&a, "14{ $DBG_ 00 70 \"hi\" 5B31 70 0A2A 5B31 70 \"a\\nb\" 5B31 }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\DBG", NULL, 0, NULL), 0);
	assert_int_equal(fake_aml_ndebug, 3);
	assert_string_equal(fake_aml_debug[0], "\"hi\"");
	assert_string_equal(fake_aml_debug[1], "0x2A");
	assert_true(fake_printk_contains("[ACPI Debug] 0x2A\n"));
}

/* Sleep (10)  Stall (5): Expect the OS layer asked for both; a Stall
 * above 255 us is refused as ACPICA does. */
static void
test_sleep_and_stall_reach_the_os(void **state)
{
	(void)state;
	asm_text(&a, "14{ $WAIT 00 5B22 0A0A 5B21 0A05 } 14{ $LONG 00 5B21 0B0010 }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\WAIT", NULL, 0, NULL), 0);
	assert_int_equal(fake_aml_sleeps, 1);
	assert_int_equal(fake_aml_slept_ms, 10);
	assert_int_equal(fake_aml_stalled_us, 5);
	assert_int_equal(aml_eval(NULL, "\\LONG", NULL, 0, NULL), -AML_EINDEX);
}

/* NTFY (0x80): Notify (DEV0, Arg0) with a value known only at run time;
 * Notify on something that is not a device is refused. */
static void
test_notify_with_a_runtime_value(void **state)
{
	struct aml_value arg = aml_int(0x80);

	(void)state;
	asm_text(&a, globals);
	asm_text(&a, "14{ $BADN 00 86 $INT1 01 }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\NTFY", &arg, 1, NULL), 0);
	assert_int_equal(fake_aml_nnotify, 1);
	assert_string_equal(fake_aml_notifies[0].path, "\\DEV0");
	assert_int_equal(fake_aml_notifies[0].value, 0x80);
	assert_int_equal(aml_eval(NULL, "\\BADN", NULL, 0, NULL), -AML_ETYPE);
	assert_int_equal(fake_aml_nnotify, 1);
}

/* Revision 1: Concatenate of two Integers makes 8 bytes, ToHexString 8
 * digits, and ToInteger keeps the hex digits that fit (as ACPICA). */
static void
test_conversions_follow_32_bit_width(void **state)
{
	(void)state;
	asm_text(&a, "14{ $CAT_ 00 A4 73 0A12 0A34 00 } 14{ $HEX_ 00 A4 98 0A1A 00 }"
		     " 14{ $BIG_ 00 A4 99 \"0x123456789\" 00 }");
	assert_int_equal(asm_load(&a, 1), 0);
	assert_string_equal(eval_text("\\CAT"), "Buffer(8) {12 00 00 00 34 00 00 00}");
	assert_string_equal(eval_text("\\HEX"), "\"0000001A\"");
	assert_string_equal(eval_text("\\BIG"), "0x12345678");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_operators_give_acpica_results),
		T(test_debug_prints_each_value),
		T(test_sleep_and_stall_reach_the_os),
		T(test_notify_with_a_runtime_value),
		T(test_conversions_follow_32_bit_width),
#undef T
	};

	return cmocka_run_group_tests_name("aml operators", tests, NULL, NULL);
}
