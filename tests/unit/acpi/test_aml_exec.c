/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_exec.c - running AML: method calls, names made
 * by a method, mutexes, the integer width, aml_eval()'s contract, and
 * hostile code that must fail with an error (never a crash, never a
 * leak: every test ends with aml_reset_checked()).
 *
 *	hand-assembled DSDT ──aml_load_table──> namespace ──aml_eval──> result
 *	                                                   └─> one "aml: ..." line on failure
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

/* The shared teardown, after putting back the limits hostile tests lower. */
static int
teardown(void **state)
{
	aml_op_budget = AML_MAX_OPS;
	aml_mem_limit = 32u << 20;
	return aml_test_teardown(state);
}

/* Method (NAME, FLAGS) { BODY-HEX } */
static void
method(const char *name, const char *flags, const char *body)
{
	asm_open(&a, "14");
	asm_name(&a, name);
	asm_hex(&a, flags);
	asm_hex(&a, body);
	asm_close(&a);
}

/* ------------------------------------------------------------ hostile code */

/*
 * Method (DOWN) { Return (DOWN ()) }: calls itself forever.
 * Expect -AML_EDEPTH after AML_MAX_CALL_DEPTH calls, one message, and the
 * namespace still usable.
 */
static void
test_infinite_recursion_fails_with_edepth(void **state)
{
	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "DOWN");
	asm_hex(&a, "00 A4");
	asm_name(&a, "DOWN");
	asm_close(&a);
	method("FINE", "00", "A4 0A 07");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\DOWN", NULL, 0, NULL), -AML_EDEPTH);
	assert_true(fake_printk_contains("aml: \\DOWN: calls nest more than 64 deep at DSDT+0x"));
	assert_int_equal(fake_printk_count, 1);
	assert_int_equal(eval_int("\\FINE"), 7);
}

/* Method (LOOP) { While (One) {} }: Expect -AML_ELOOP after
 * AML_MAX_LOOP_ITERATIONS rounds; a tighter opcode budget stops it sooner. */
static void
test_endless_while_fails_with_eloop(void **state)
{
	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "LOOP");
	asm_hex(&a, "00");
	asm_open(&a, "A2");
	asm_hex(&a, "01");
	asm_close(&a);
	asm_close(&a);
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\LOOP", NULL, 0, NULL), -AML_ELOOP);
	assert_true(fake_printk_contains("aml: \\LOOP: While ran 1048576 times at DSDT+0x"));
	aml_op_budget = 1000;
	fake_printk_clear();
	assert_int_equal(aml_eval(NULL, "\\LOOP", NULL, 0, NULL), -AML_ELOOP);
	assert_true(fake_printk_contains("more than 1000 opcodes"));
}

/*
 * A Method whose PkgLength runs past the table's end, and one with an If
 * whose PkgLength runs past the method's:
 *   the first stops the load (AML_EPARSE);
 *   the second loads (bodies are only bounded), is reported by
 *   aml_check_methods() and fails when run.
 */
static void
test_truncated_pkglength_is_a_parse_error(void **state)
{
	(void)state;
	/* If (One) with a PkgLength of 0x30 in a 5-byte method body. */
	method("BADI", "00", "A0 30 01 A4 01");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_check_methods(), 1);
	assert_true(fake_printk_contains("aml: \\BADI: bad PkgLength at DSDT+0x"));
	assert_int_equal(aml_eval(NULL, "\\BADI", NULL, 0, NULL), -AML_EPARSE);
	aml_reset_checked();

	asm_free(&a);
	asm_init(&a);
	asm_hex(&a, "14 3F");	/* Method, PkgLength 0x3F: past the end */
	asm_name(&a, "LONG");
	asm_hex(&a, "00 A4 01");
	fake_printk_clear();
	assert_int_equal(asm_load(&a, 2), -AML_EPARSE);
	assert_true(fake_printk_contains("Method: bad PkgLength at DSDT+0x24"));
	assert_true(fake_printk_contains("aml: DSDT: loading stopped at DSDT+0x24"));
	assert_null(aml_lookup(NULL, "\\LONG"));
}

/* Index (Package (3) {}, 3): Expect -AML_EINDEX and the message naming it. */
static void
test_index_out_of_range_fails_with_eindex(void **state)
{
	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "IDX_");
	asm_hex(&a, "00 A4 83 88");
	asm_open(&a, "12");
	asm_hex(&a, "03");
	asm_close(&a);
	asm_hex(&a, "0A 03 00");
	asm_close(&a);
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\IDX", NULL, 0, NULL), -AML_EINDEX);
	assert_true(fake_printk_contains("aml: \\IDX_: Index 3 beyond Package(3) at DSDT+0x"));
}

/*
 * Load (NAME, Local0) in a method: 5B 20.  Expect aml_check_methods() to
 * count it and the call to fail with AML_EUNSUPPORTED, both naming the
 * method and the opcode's offset:
 *   aml: \LD__: unsupported opcode 0x5b 0x20 at DSDT+0x2a
 */
static void
test_unsupported_opcode_is_named_with_its_offset(void **state)
{
	char line[96];
	size_t at;

	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "LD");
	asm_hex(&a, "00 5B 20");
	asm_name(&a, "LD");
	asm_hex(&a, "60");
	asm_close(&a);
	at = 36 + 1 + 1 + 4 + 1;	/* Method, PkgLength, name, flags */
	assert_int_equal(asm_load(&a, 2), 0);
	snprintf(line, sizeof(line), "aml: \\LD__: unsupported opcode 0x5b 0x20 at DSDT+0x%zx\n", at);
	assert_int_equal(aml_check_methods(), 1);
	assert_true(fake_printk_contains(line));
	fake_printk_clear();
	assert_int_equal(aml_eval(NULL, "\\LD", NULL, 0, NULL), -AML_EUNSUPPORTED);
	assert_true(fake_printk_contains(line));
}

/*
 * Return (LNot (LNot (... (Zero)))) 20000 deep: the evaluator recurses
 * per operand.  Expect -AML_EDEPTH from the stack budget (and the
 * checker's own "nesting too deep"), not a stack overflow.
 */
static void
test_deep_expression_nesting_fails_cleanly(void **state)
{
	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "DEEP");
	asm_hex(&a, "00 A4");
	for (int i = 0; i < 20000; i++)
		asm_hex(&a, "92");
	asm_hex(&a, "00");
	asm_close(&a);
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_check_methods(), 1);
	assert_true(fake_printk_contains("nesting too deep"));
	assert_int_equal(aml_eval(NULL, "\\DEEP", NULL, 0, NULL), -AML_EDEPTH);
}

/*
 * Local0 = Package (1) {}
 * While (One) { Local0 = Package (1) { Local0 } }
 * Each round nests one deeper; copying a package deeper than
 * AML_MAX_NESTING fails.  Expect -AML_EDEPTH and nothing leaked.
 */
static void
test_deep_package_nesting_fails_cleanly(void **state)
{
	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "NEST");
	asm_hex(&a, "00 70");
	asm_open(&a, "12");
	asm_hex(&a, "01");
	asm_close(&a);
	asm_hex(&a, "60");
	asm_open(&a, "A2");
	asm_hex(&a, "01 70");
	asm_open(&a, "12");
	asm_hex(&a, "01 60");
	asm_close(&a);
	asm_hex(&a, "60");
	asm_close(&a);
	asm_close(&a);
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\NEST", NULL, 0, NULL), -AML_EDEPTH);
}

/*
 * Local0 = Buffer (0x1000) {}
 * While (One) { Local0 = Concatenate (Local0, Local0) }
 * Expect the doubling to stop with an error at the object size limit,
 * and a tight aml_mem_limit to fail allocations the same clean way.
 */
static void
test_growing_buffers_hit_the_limits(void **state)
{
	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "GROW");
	asm_hex(&a, "00 70");
	asm_open(&a, "11");
	asm_hex(&a, "0B 00 10");
	asm_close(&a);
	asm_hex(&a, "60");
	asm_open(&a, "A2");
	asm_hex(&a, "01 73 60 60 60");
	asm_close(&a);
	asm_close(&a);
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\GROW", NULL, 0, NULL), -ENOMEM);
	aml_mem_limit = aml_mem_used + 0x8000;
	assert_int_equal(aml_eval(NULL, "\\GROW", NULL, 0, NULL), -ENOMEM);
}

/* A table that loads Name (AAAA, 1) and then meets an unknown opcode:
 * Expect the error, the place it stopped, and AAAA kept (as ACPICA). */
static void
test_failed_load_keeps_what_it_made(void **state)
{
	(void)state;
	asm_hex(&a, "08");
	asm_name(&a, "AAAA");
	asm_hex(&a, "01 02");
	assert_int_equal(asm_load(&a, 2), -AML_EPARSE);
	assert_true(fake_printk_contains("aml: \\: unknown opcode 0x02 at DSDT+0x2a"));
	assert_true(fake_printk_contains("aml: DSDT: loading stopped at DSDT+0x2a"));
	assert_int_equal(eval_int("\\AAAA"), 1);
	/* Making the same name twice is an error too. */
	aml_reset_checked();
	asm_free(&a);
	asm_init(&a);
	asm_hex(&a, "08");
	asm_name(&a, "AAAA");
	asm_hex(&a, "01 08");
	asm_name(&a, "AAAA");
	asm_hex(&a, "00");
	assert_int_equal(asm_load(&a, 2), -AML_EEXIST);
	assert_true(fake_printk_contains("aml: \\: AAAA already exists at DSDT+0x2a"));
}

/* Fatal (1, 0x1234, 5): Expect -AML_EFATAL with its operands in the message. */
static void
test_fatal_fails_the_evaluation(void **state)
{
	(void)state;
	method("FTL", "00", "5B 32 01 34 12 00 00 0A 05 A4 01");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\FTL", NULL, 0, NULL), -AML_EFATAL);
	assert_true(fake_printk_contains("Fatal (type 0x1, code 0x1234, arg 0x5)"));
}

/* ------------------------------------------------------------ calls and names */

/*
 * Method (CALR) { Return (LATE (1, 2)) }       LATE is defined after it
 * Method (LATE, 2) { Return (Arg0 + Arg1) }
 * Expect 3: the call's arguments are parsed by LATE's count at run time.
 */
static void
test_forward_call_takes_the_callee_argument_count(void **state)
{
	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "CALR");
	asm_hex(&a, "00 A4");
	asm_name(&a, "LATE");
	asm_hex(&a, "01 0A 02");
	asm_close(&a);
	method("LATE", "02", "A4 72 68 69 00");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_check_methods(), 0);
	assert_int_equal(eval_int("\\CALR"), 3);
}

/*
 * Method (MCRS, 1, Serialized) {
 *     Name (MR64, Buffer (8) {})  CreateDWordField (MR64, 4, MAXH)
 *     MAXH = Arg0
 *     If (Arg0 == 0) { Name (MR32, Buffer (4) { 1, 2, 3, 4 })  Return (MR32) }
 *     Return (MR64)
 * }
 * Expect: each call makes its names anew (a second call does not fail
 * with AML_EEXIST), they are gone after the return, and the result is a
 * copy that survives them.
 */
static void
test_names_made_by_a_method_live_until_it_returns(void **state)
{
	struct aml_namespace_stats before, after;
	struct aml_value arg, v;

	(void)state;
	asm_open(&a, "14");
	asm_name(&a, "MCRS");
	asm_hex(&a, "09 08");			/* 1 arg, Serialized; Name */
	asm_name(&a, "MR64");
	asm_open(&a, "11");
	asm_hex(&a, "0A 08");
	asm_close(&a);
	asm_hex(&a, "8A");			/* CreateDWordField */
	asm_name(&a, "MR64");
	asm_hex(&a, "0A 04");
	asm_name(&a, "MAXH");
	asm_hex(&a, "70 68");			/* MAXH = Arg0 */
	asm_name(&a, "MAXH");
	asm_open(&a, "A0");
	asm_hex(&a, "93 68 00 08");		/* If (Arg0 == 0) { Name */
	asm_name(&a, "MR32");
	asm_open(&a, "11");
	asm_hex(&a, "0A 04 01 02 03 04");
	asm_close(&a);
	asm_hex(&a, "A4");
	asm_name(&a, "MR32");
	asm_close(&a);
	asm_hex(&a, "A4");
	asm_name(&a, "MR64");
	asm_close(&a);
	assert_int_equal(asm_load(&a, 1), 0);
	aml_namespace_stats(&before);

	arg = aml_int(0x11223344);
	assert_int_equal(aml_eval(NULL, "\\MCRS", &arg, 1, &v), 0);
	assert_int_equal(v.type, AML_BUFFER);
	assert_int_equal(v.buffer.len, 8);
	assert_int_equal(v.buffer.ptr[4], 0x44);
	assert_int_equal(v.buffer.ptr[7], 0x11);
	aml_value_free(&v);
	assert_null(aml_lookup(NULL, "\\MCRS.MR64"));
	assert_null(aml_lookup(NULL, "\\MCRS.MAXH"));

	arg = aml_int(0);
	assert_int_equal(aml_eval(NULL, "\\MCRS", &arg, 1, &v), 0);
	assert_string_equal(eval_text("\\MCRS.MR32"), "error: ENOENT");
	assert_int_equal(v.buffer.len, 4);
	assert_int_equal(v.buffer.ptr[3], 4);
	aml_value_free(&v);
	aml_namespace_stats(&after);
	assert_int_equal(before.nodes, after.nodes);
}

/*
 * A method with no Return gives nothing (acpiexec: "No object was
 * returned"); used as an operand that is AML_ETYPE.
 */
static void
test_method_without_return_gives_nothing(void **state)
{
	struct aml_value v;

	(void)state;
	method("NORT", "00", "70 0A 05 60");
	asm_open(&a, "14");
	asm_name(&a, "USE_");
	asm_hex(&a, "00 A4 72");
	asm_name(&a, "NORT");
	asm_hex(&a, "01 00");
	asm_close(&a);
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\NORT", NULL, 0, &v), 0);
	assert_int_equal(v.type, AML_UNINITIALIZED);
	assert_int_equal(aml_eval(NULL, "\\USE", NULL, 0, &v), -AML_ETYPE);
	assert_true(fake_printk_contains("operand has no value"));
}

/*
 * Mutex (MTX, 0)
 * Method (OUTR, 0, Serialized) { Acquire (MTX, 0xFFFF)  Acquire (MTX, 0xFFFF)
 *                                Local0 = INNR ()  Release (MTX)  Release (MTX)
 *                                Return (Local0) }
 * Method (INNR, 0, Serialized) { Return (Acquire (MTX, 0xFFFF)) }   leaves it held
 * Method (RELS) { Release (MTX) }
 * Mutex (LOW_, 2)  Method (HIGH, 0, Serialized, 5) { Return (Acquire (LOW_, 0xFFFF)) }
 * Expect: nesting by the one thread works (INNR's Acquire gives 0: got
 * it), whatever a method left held is released when the evaluation
 * ends, Release of a mutex not held is AML_EMUTEX, and so is acquiring a
 * lower SyncLevel inside a Serialized method of a higher one.
 */
static void
test_mutexes_nest_and_are_released_at_the_end(void **state)
{
	(void)state;
	asm_hex(&a, "5B 01");
	asm_name(&a, "MTX");
	asm_hex(&a, "00");
	asm_open(&a, "14");
	asm_name(&a, "OUTR");
	asm_hex(&a, "08 5B 23");
	asm_name(&a, "MTX");
	asm_hex(&a, "FF FF 5B 23");
	asm_name(&a, "MTX");
	asm_hex(&a, "FF FF 70");
	asm_name(&a, "INNR");
	asm_hex(&a, "60 5B 27");
	asm_name(&a, "MTX");
	asm_hex(&a, "5B 27");
	asm_name(&a, "MTX");
	asm_hex(&a, "A4 60");
	asm_close(&a);
	asm_open(&a, "14");
	asm_name(&a, "INNR");
	asm_hex(&a, "08 A4 5B 23");
	asm_name(&a, "MTX");
	asm_hex(&a, "FF FF");
	asm_close(&a);
	asm_open(&a, "14");
	asm_name(&a, "RELS");
	asm_hex(&a, "00 5B 27");
	asm_name(&a, "MTX");
	asm_close(&a);
	/* Mutex (LOW, 2)  Method (HIGH, 0, Serialized, 5) { Acquire (LOW, 0xFFFF) } */
	asm_text(&a, "5B01 $LOW_ 02 14{ $HIGH 58 A4 5B23 $LOW_ FFFF }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\HIGH", NULL, 0, NULL), -AML_EMUTEX);
	assert_true(fake_printk_contains("Acquire of SyncLevel 2 while holding 5"));
	assert_int_equal(eval_int("\\OUTR"), 0);
	assert_int_equal(eval_int("\\INNR"), 0);
	assert_int_equal(aml_eval(NULL, "\\RELS", NULL, 0, NULL), -AML_EMUTEX);
	assert_true(fake_printk_contains("aml: \\RELS: Release of a mutex not held"));
	assert_int_equal(eval_int("\\OUTR"), 0);
}

/* ------------------------------------------------------------ integers */

/*
 * Revision 1 DSDT: 32-bit integers.  Ones is 0xFFFFFFFF, 0xFFFFFFFF + 1 is
 * 0, a QWord constant is cut, 1 << 32 is 0.  Revision 2: 64 bits.
 */
static void
test_integer_width_follows_the_dsdt_revision(void **state)
{
	(void)state;
	method("ONES", "00", "A4 FF");
	method("WRAP", "00", "A4 72 0C FF FF FF FF 01 00");
	method("QWRD", "00", "A4 0E 89 67 45 23 01 00 00 00");
	method("SHFT", "00", "A4 79 01 0A 20 00");
	method("NOT0", "00", "A4 80 00 00");
	assert_int_equal(asm_load(&a, 1), 0);
	assert_int_equal(aml_integer_width(), 32);
	assert_string_equal(eval_text("\\ONES"), "0xFFFFFFFF");
	assert_string_equal(eval_text("\\WRAP"), "0x0");
	assert_string_equal(eval_text("\\QWRD"), "0x23456789");
	assert_string_equal(eval_text("\\SHFT"), "0x0");
	assert_string_equal(eval_text("\\NOT0"), "0xFFFFFFFF");
	aml_reset_checked();
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_integer_width(), 64);
	assert_string_equal(eval_text("\\ONES"), "0xFFFFFFFFFFFFFFFF");
	assert_string_equal(eval_text("\\WRAP"), "0x100000000");
	assert_string_equal(eval_text("\\QWRD"), "0x123456789");
	assert_string_equal(eval_text("\\SHFT"), "0x100000000");
}

/* ------------------------------------------------------------ aml_eval() */

/*
 * Scope (\_SB) { Device (DEV0) { Name (_ADR, 0x10000)  Name (STR0, "abc") } }
 * Expect: missing names -ENOENT, a Device as a reference to its node, a
 * Name as a copy, segments padded ("\_SB" is "\_SB_"), paths relative to
 * a scope with no upward search, and aml_eval_integer() refusing a string.
 */
static void
test_aml_eval_contract(void **state)
{
	struct aml_node *dev;
	struct aml_value v;
	u64 n;

	(void)state;
	asm_open(&a, "10");
	asm_name(&a, "\\_SB");
	asm_open(&a, "5B 82");
	asm_name(&a, "DEV0");
	asm_hex(&a, "08");
	asm_name(&a, "_ADR");
	asm_hex(&a, "0C 00 00 01 00 08");
	asm_name(&a, "STR0");
	asm_string(&a, "abc");
	asm_close(&a);
	asm_close(&a);
	assert_int_equal(asm_load(&a, 2), 0);
	dev = aml_lookup(NULL, "\\_SB.DEV0");
	assert_non_null(dev);
	assert_ptr_equal(aml_lookup(NULL, "\\_SB_.DEV0"), dev);
	assert_ptr_equal(aml_lookup(aml_lookup(NULL, "\\_SB"), "DEV0"), dev);
	assert_null(aml_lookup(dev, "_SB"));		/* no upward search */
	assert_null(aml_lookup(NULL, "\\_SB.DEV0.NONE"));
	assert_null(aml_lookup(NULL, "\\_sb"));		/* not a name */

	assert_int_equal(aml_eval(NULL, "\\_SB.NONE", NULL, 0, &v), -ENOENT);
	assert_int_equal(v.type, AML_UNINITIALIZED);
	assert_int_equal(aml_eval(NULL, "\\_SB.DEV0", NULL, 0, &v), 0);
	assert_int_equal(v.type, AML_REFERENCE);
	assert_ptr_equal(v.node, dev);
	assert_int_equal(aml_eval(dev, "_ADR", NULL, 0, &v), 0);
	assert_int_equal(v.integer, 0x10000);
	assert_int_equal(aml_eval(dev, "STR0", NULL, 0, &v), 0);
	assert_string_equal(v.string.ptr, "abc");
	v.string.ptr[0] = 'X';		/* the caller's copy */
	aml_value_free(&v);
	assert_string_equal(eval_text("\\_SB.DEV0.STR0"), "\"abc\"");
	assert_int_equal(aml_eval_integer(dev, "STR0", &n), -AML_ETYPE);
	assert_int_equal(aml_eval(dev, "_ADR", &v, 1, NULL), -EINVAL);
	assert_int_equal(aml_method_nargs(dev), -1);
	assert_int_equal(aml_node_type(dev), AML_DEVICE);
	assert_int_equal(aml_node_type(aml_lookup(NULL, "\\_GPE")), AML_SCOPE);
}


/*
 * Method (SLPS) { While (One) { Sleep (10000) } }: each Sleep is legal,
 * the loop is far under its iteration limit, and would still hold kacpid
 * for months.  Expect -AML_ELOOP once 30 s of waiting are used up: three
 * Sleeps run, the fourth is refused.
 */
static void
test_endless_sleeping_fails_with_eloop(void **state)
{
	(void)state;
	asm_text(&a, "14{ $SLPS 00 A2{ 01 5B22 0B 1027 } }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\SLPS", NULL, 0, NULL), -AML_ELOOP);
	assert_true(fake_printk_contains("Sleep and Stall add up to more than 30 s"));
	assert_int_equal(fake_aml_sleeps, 3);
	assert_int_equal(fake_aml_slept_ms, 30000);
}

/*
 * Method (MAIN) { Device (TDEV) {} Notify (TDEV, 1) }: TDEV is deleted
 * when MAIN returns, before the OS would deliver the Notify.
 * Expect MAIN to succeed, no Notify handed to the OS, and a warning.
 */
static void
test_notify_on_a_name_the_method_made_is_not_delivered(void **state)
{
	(void)state;
	asm_text(&a, "14{ $MAIN 00 5B82{ $TDEV } 86 $TDEV 01 }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\MAIN", NULL, 0, NULL), 0);
	assert_int_equal(fake_aml_nnotify, 0);
	assert_true(fake_printk_contains("Notify(\\MAIN.TDEV, 0x1): a name the method made"));
}

/*
 * Device (DEV0) { Method (_ADR) {}  OperationRegion (PCFG, PCI_Config, 0,
 * 0x100)  Field (PCFG, ByteAcc, NoLock, Preserve) { VID_, 8 } }: the
 * region's PCI address comes from an _ADR that returns nothing.
 * Expect reading VID_ to fail with AML_ETYPE, and no access made.
 */
static void
test_pci_region_under_an_adr_without_value_fails(void **state)
{
	(void)state;
	asm_text(&a, "5B82{ $DEV0 14{ $_ADR 00 } 5B80 $PCFG 02 00 0B0001 "
		     "5B81{ $PCFG 01 $VID_ 08 } }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\DEV0.VID_", NULL, 0, NULL), -AML_ETYPE);
	assert_true(fake_printk_contains("_ADR gave no value"));
	assert_int_equal(fake_aml_nlog, 0);
}

/*
 * OperationRegion (WRAP, SystemIO, 0xFFFFFFFFFFFFFFFF, 0x10) with a
 * field at byte 1: its address would wrap around to port 0.
 * Expect AML_EREGION and no access made.
 */
static void
test_region_address_that_wraps_fails(void **state)
{
	(void)state;
	asm_text(&a, "5B80 $WRAP 01 0E FFFFFFFFFFFFFFFF 0A10 "
		     "5B81{ $WRAP 01 00 08 $B1__ 08 }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(aml_eval(NULL, "\\B1__", NULL, 0, NULL), -AML_EREGION);
	assert_true(fake_printk_contains("address wraps past 2^64"));
	assert_int_equal(fake_aml_nlog, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_prestate_setup_teardown(fn, aml_test_setup, teardown, &a)
		T(test_endless_sleeping_fails_with_eloop),
		T(test_notify_on_a_name_the_method_made_is_not_delivered),
		T(test_pci_region_under_an_adr_without_value_fails),
		T(test_region_address_that_wraps_fails),
		T(test_infinite_recursion_fails_with_edepth),
		T(test_endless_while_fails_with_eloop),
		T(test_truncated_pkglength_is_a_parse_error),
		T(test_index_out_of_range_fails_with_eindex),
		T(test_unsupported_opcode_is_named_with_its_offset),
		T(test_deep_expression_nesting_fails_cleanly),
		T(test_deep_package_nesting_fails_cleanly),
		T(test_growing_buffers_hit_the_limits),
		T(test_failed_load_keeps_what_it_made),
		T(test_fatal_fails_the_evaluation),
		T(test_forward_call_takes_the_callee_argument_count),
		T(test_names_made_by_a_method_live_until_it_returns),
		T(test_method_without_return_gives_nothing),
		T(test_mutexes_nest_and_are_released_at_the_end),
		T(test_integer_width_follows_the_dsdt_revision),
		T(test_aml_eval_contract),
#undef T
	};

	return cmocka_run_group_tests_name("aml execution", tests, NULL, NULL);
}
