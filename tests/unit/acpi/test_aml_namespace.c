/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_namespace.c - AML's encodings (PkgLength,
 * NameString) and the namespace built from them: declarations with
 * absolute paths, the upward search for single NameSegs, '^', walking,
 * paths as text, statistics.
 *
 *	\ ── _SB_ ─┬─ VAL0 (1)
 *	           └─ DEV0 ─┬─ VAL1 (2)
 *	                    └─ GET0, GET1, GET2 (methods)
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

/* PkgLength P within LEN bytes: the object's length, or -1 if refused. */
static long
pkglength(const u8 *p, size_t len)
{
	const u8 *cur = p, *end;

	if (aml_parse_pkglength(&cur, p + len, &end))
		return -1;
	return end - p;
}

/*
 * One to four bytes; the lead byte's top two bits count the bytes after
 * it.  Expect the lengths below; a length shorter than its own encoding,
 * one past the limit, and a truncated encoding are refused.
 */
static void
test_pkglength_encodings(void **state)
{
	static u8 big[0x10000];
	static const u8 one[] = { 0x05 }, two[] = { 0x4A, 0x01 };
	static const u8 three[] = { 0x83, 0x00, 0x01 }, short2[] = { 0x41, 0x00 };

	(void)state;
	assert_int_equal(pkglength(one, 5), 5);
	assert_int_equal(pkglength(two, 0x1A), 0x1A);
	assert_int_equal(pkglength(three, 0x1003), 0x1003);
	big[0] = 0xC4;		/* four bytes: 0x1 << 20 | ... = 0x10004 > the buffer */
	big[3] = 0x10;
	assert_int_equal(pkglength(big, sizeof(big)), -1);
	big[3] = 0x00;
	big[1] = 0x01;		/* 0x14: fits */
	assert_int_equal(pkglength(big, sizeof(big)), 0x14);
	assert_int_equal(pkglength(one, 4), -1);		/* past the limit */
	assert_int_equal(pkglength(two, 1), -1);		/* truncated */
	assert_int_equal(pkglength(short2, 2), -1);		/* 1 < its 2 bytes */
}

static int
name(const char *bytes, size_t len, struct aml_name *out)
{
	const u8 *p = (const u8 *)bytes;

	return aml_parse_name(&p, p + len, out);
}

/* Root, parent prefixes, dual and multi paths, the null name, bad segments. */
static void
test_namestring_forms(void **state)
{
	struct aml_name n;
	char text[64];

	(void)state;
	assert_int_equal(name("\\\x2E_SB_PCI0", 10, &n), 0);
	assert_true(n.root && n.nsegs == 2);
	aml_name_format(&n, text, sizeof(text));
	assert_string_equal(text, "\\_SB_.PCI0");
	assert_int_equal(name("^^FOO_", 6, &n), 0);
	assert_int_equal(n.up, 2);
	aml_name_format(&n, text, sizeof(text));
	assert_string_equal(text, "^^FOO_");
	assert_int_equal(name("\x2F\x03" "AAAABBBBCCCC", 14, &n), 0);
	assert_int_equal(n.nsegs, 3);
	assert_int_equal(name("\\\0", 2, &n), 0);
	assert_true(n.root && n.nsegs == 0);
	assert_int_equal(name("1ABC", 4, &n), -AML_EPARSE);	/* lead must not be a digit */
	assert_int_equal(name("Ab__", 4, &n), -AML_EPARSE);	/* upper case only */
	assert_int_equal(name("\x2F\x00", 2, &n), -AML_EPARSE);
	assert_int_equal(name("\x2E" "AAAABBB", 8, &n), -AML_EPARSE);	/* truncated */
	assert_int_equal(aml_name_from_text("\\_SB.PCI0.S08", &n, (u8 *)text), 0);
	assert_int_equal(n.nsegs, 3);
	assert_int_equal(memcmp(n.segs, "_SB_PCI0S08_", 12), 0);
	assert_int_equal(aml_name_from_text("\\_SB..X", &n, (u8 *)text), -EINVAL);
	assert_int_equal(aml_name_from_text("TOOLONG", &n, (u8 *)text), -EINVAL);
}

/*
 * Scope (\_SB) { Name (VAL0, 1)
 *   Device (DEV0) { Name (VAL1, 2)
 *     Method (GET0) { Return (VAL0) }        one NameSeg: found two scopes up
 *     Method (GET1) { Return (^VAL1) }       '^' from the method: DEV0
 *     Method (GET2) { Return (DEV0.VAL1) }   two segments: no search, not found
 *     Method (GET3) { Return (\_SB.DEV0.VAL1) } } }
 */
static void
test_single_segments_search_upward_paths_do_not(void **state)
{
	(void)state;
	asm_text(&a, "10{ $\\_SB 08 $VAL0 01 5B82{ $DEV0 08 $VAL1 0A02 "
		     "14{ $GET0 00 A4 $VAL0 } 14{ $GET1 00 A4 $^VAL1 } "
		     "14{ $GET2 00 A4 $DEV0.VAL1 } 14{ $GET3 00 A4 $\\_SB.DEV0.VAL1 } } }");
	assert_int_equal(asm_load(&a, 2), 0);
	assert_int_equal(eval_int("\\_SB.DEV0.GET0"), 1);
	assert_int_equal(eval_int("\\_SB.DEV0.GET1"), 2);
	assert_string_equal(eval_text("\\_SB.DEV0.GET2"), "error: AML_EUNDEFINED: name not found");
	assert_true(fake_printk_contains("aml: \\_SB_.DEV0.GET2: DEV0.VAL1 not found at DSDT+0x"));
	assert_int_equal(eval_int("\\_SB.DEV0.GET3"), 2);
	/* aml_lookup() never searches: VAL0 is not DEV0's. */
	assert_null(aml_lookup(aml_lookup(NULL, "\\_SB.DEV0"), "VAL0"));
	assert_non_null(aml_lookup(aml_lookup(NULL, "\\_SB.DEV0"), "^VAL0"));
}

/*
 * Declarations by absolute path from another scope, as QEMU writes them:
 *   Scope (\_SB) { Device (PCI0) {} }
 *   Scope (\_SB) { Device (\_SB.PCI0.MHPD) {}  Method (\_GPE._E03) {} }
 *   Device (\_SB.NOPE.DEVX) {}        parent missing: the load stops
 */
static void
test_declarations_by_absolute_path(void **state)
{
	(void)state;
	asm_text(&a, "10{ $\\_SB 5B82{ $PCI0 } } 10{ $\\_SB 5B82{ $\\_SB.PCI0.MHPD } "
		     "14{ $\\_GPE._E03 00 A4 0A03 } } 5B82{ $\\_SB.NOPE.DEVX }");
	assert_int_equal(asm_load(&a, 2), -AML_EUNDEFINED);
	assert_true(fake_printk_contains("\\_SB_.NOPE.DEVX: parent scope not found"));
	assert_int_equal(aml_node_type(aml_lookup(NULL, "\\_SB.PCI0.MHPD")), AML_DEVICE);
	assert_int_equal(eval_int("\\_GPE._E03"), 3);
	assert_int_equal(aml_method_nargs(aml_lookup(NULL, "\\_GPE._E03")), 0);
}

/*
 * Walk: pre-order, children in creation order; paths as text, cut to
 * the buffer but always NUL-terminated, returning the length wanted.
 */
static void
test_walk_order_and_paths(void **state)
{
	static const char *const expect[] = {
		"\\_GPE", "\\_PR_", "\\_SB_", "\\_SB_.ZZZ0", "\\_SB_.ZZZ0.AAA1", "\\_SB_.AAA0",
		"\\_SI_", "\\_TZ_", "\\_REV", "\\_OS_", "\\_GL_", "\\_OSI",
	};
	struct aml_namespace_stats s;
	struct aml_node *n = aml_root();
	char path[64];
	size_t i = 0;

	(void)state;
	asm_text(&a, "10{ $\\_SB 5B82{ $ZZZ0 14{ $AAA1 00 } } 5B82{ $AAA0 } }");
	assert_int_equal(asm_load(&a, 2), 0);
	n = aml_root();
	assert_int_equal(aml_node_path(n, path, sizeof(path)), 1);
	assert_string_equal(path, "\\");
	assert_string_equal(aml_node_name(n), "\\");
	assert_null(aml_node_parent(n));
	/* Pre-order by hand through child/next/parent. */
	for (n = aml_node_child(n); n;) {
		assert_true(i < ARRAY_SIZE(expect));
		aml_node_path(n, path, sizeof(path));
		assert_string_equal(path, expect[i++]);
		if (aml_node_child(n)) {
			n = aml_node_child(n);
			continue;
		}
		while (n && !aml_node_next(n))
			n = aml_node_parent(n);
		n = n ? aml_node_next(n) : NULL;
	}
	assert_int_equal(i, ARRAY_SIZE(expect));
	n = aml_lookup(NULL, "\\_SB.ZZZ0.AAA1");
	assert_int_equal(aml_node_path(n, path, 8), 15);
	assert_string_equal(path, "\\_SB_.Z");
	assert_string_equal(aml_node_name(n), "AAA1");
	aml_namespace_stats(&s);
	assert_int_equal(s.nodes, ARRAY_SIZE(expect));
	assert_int_equal(s.methods, 2);		/* AAA1 and \_OSI */
	assert_int_equal(s.devices, 4);		/* \_SB_, \_TZ_, ZZZ0, AAA0 */
	assert_int_equal(s.tables, 1);
	assert_int_equal(s.bytes, a.len);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_prestate_setup_teardown(fn, aml_test_setup, aml_test_teardown, &a)
		T(test_pkglength_encodings),
		T(test_namestring_forms),
		T(test_single_segments_search_upward_paths_do_not),
		T(test_declarations_by_absolute_path),
		T(test_walk_order_and_paths),
#undef T
	};

	return cmocka_run_group_tests_name("aml names", tests, NULL, NULL);
}
