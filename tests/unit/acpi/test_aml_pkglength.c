/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_pkglength.c - hostile PkgLengths, hand-patched
 * into small AML tables: an If that runs past its method, a method past
 * the end of the table, a package past the end of the table, a constant
 * cut by the end of the table, a length smaller than its own encoding, a
 * 256 MiB claim.  hotmem refuses each with an error (aml.h: every
 * PkgLength is bounded by its parent); ACPICA clamps them silently, which
 * is why these are not tools/aml-oracle programs.  Each table sits in a
 * malloc'd buffer of exactly its length, so ASan catches a read past it.
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

#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_printk.h"

/*
 * The table the cases patch, as iasl compiles it:
 *
 *   Name (FLAG, 1)
 *   Method (MAIN, 0) {
 *       Local0 = 5
 *       If (FLAG == 1) { Local0 = 7 }
 *       Return (Local0)
 *   }
 *   Name (TAIL, 0x12345678)
 */
static const u8 good_aml[] = {
	0x08, 'F', 'L', 'A', 'G', 0x01,				/*  0 Name FLAG One */
	0x14, 0x18, 'M', 'A', 'I', 'N', 0x00,			/*  6 Method, PkgLength 0x18 */
	0x70, 0x0a, 0x05, 0x60,					/* 13 Store 5 Local0 */
	0xa0, 0x0b, 0x93, 'F', 'L', 'A', 'G', 0x01,		/* 17 If, PkgLength 0x0B, LEqual */
	0x70, 0x0a, 0x07, 0x60,					/* 25 Store 7 Local0 */
	0xa4, 0x60,						/* 29 Return Local0 */
	0x08, 'T', 'A', 'I', 'L', 0x0c, 0x78, 0x56, 0x34, 0x12,	/* 31 Name TAIL DWordConst */
};
#define OFF_METHOD_LEN	7
#define OFF_IF_LEN	18

static u8 *table;

/* A DSDT of revision 2 around AML (LEN bytes), in an exact-size buffer. */
static struct acpi_table_header *
make_table(const u8 *aml, size_t len)
{
	struct acpi_table_header *h;
	u8 sum = 0;

	free(table);
	table = malloc(sizeof(*h) + len);
	assert_non_null(table);
	h = (struct acpi_table_header *)table;
	memset(h, 0, sizeof(*h));
	memcpy(h->signature, "DSDT", 4);
	h->length = (u32)(sizeof(*h) + len);
	h->revision = 2;
	memcpy(h->oem_id, "HOTMEM", 6);
	memcpy(h->oem_table_id, "PKGLEN  ", 8);
	memcpy(table + sizeof(*h), aml, len);
	for (size_t i = 0; i < h->length; i++)
		sum += table[i];
	h->checksum = (u8)-sum;
	return h;
}

static int
setup(void **state)
{
	(void)state;
	aml_reset();
	fake_printk_clear();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	aml_reset();
	free(table);
	table = NULL;
	return 0;
}

/* The unpatched table.  Expect it to load and \MAIN to give 7: the
 * baseline that shows the patched cases fail for the patch alone. */
static void
test_good_table_runs(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(aml_load_table(make_table(good_aml, sizeof(good_aml))), 0);
	assert_int_equal(aml_eval_integer(NULL, "\\MAIN", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(aml_eval_integer(NULL, "\\TAIL", &v), 0);
	assert_int_equal(v, 0x12345678);
}

/*
 * The If's PkgLength says 0x3F: past the end of MAIN (and of the table).
 * Expect the table to load (method bodies are only bounded at load),
 * \MAIN to fail with AML_EPARSE and one message naming MAIN, TAIL intact.
 */
static void
test_if_past_method_end(void **state)
{
	u8 aml[sizeof(good_aml)];
	u64 v = 0;

	(void)state;
	memcpy(aml, good_aml, sizeof(aml));
	aml[OFF_IF_LEN] = 0x3f;
	assert_int_equal(aml_load_table(make_table(aml, sizeof(aml))), 0);
	fake_printk_clear();
	assert_int_equal(aml_eval_integer(NULL, "\\MAIN", &v), -AML_EPARSE);
	assert_true(fake_printk_contains("MAIN"));
	assert_int_equal(aml_eval_integer(NULL, "\\TAIL", &v), 0);
	assert_int_equal(v, 0x12345678);
}

/* The If's PkgLength is 0, smaller than its own one byte.  Expect
 * AML_EPARSE from \MAIN, not a loop or a read before the If. */
static void
test_if_length_below_encoding(void **state)
{
	u8 aml[sizeof(good_aml)];
	u64 v = 0;

	(void)state;
	memcpy(aml, good_aml, sizeof(aml));
	aml[OFF_IF_LEN] = 0x00;
	assert_int_equal(aml_load_table(make_table(aml, sizeof(aml))), 0);
	assert_int_equal(aml_eval_integer(NULL, "\\MAIN", &v), -AML_EPARSE);
}

/* MAIN's PkgLength says 0x3F: past the end of the table.  Expect the
 * load to fail with AML_EPARSE; FLAG, declared before, stays (as in
 * ACPICA); MAIN is never run. */
static void
test_method_past_table_end(void **state)
{
	u8 aml[sizeof(good_aml)];
	u64 v = 0;

	(void)state;
	memcpy(aml, good_aml, sizeof(aml));
	aml[OFF_METHOD_LEN] = 0x3f;
	assert_int_equal(aml_load_table(make_table(aml, sizeof(aml))), -AML_EPARSE);
	assert_true(fake_printk_count >= 1);
	assert_int_equal(aml_eval_integer(NULL, "\\FLAG", &v), 0);
	assert_int_equal(v, 1);
	assert_null(aml_lookup(NULL, "\\TAIL"));
}

/*
 * Name (PKG, Package () { 1, 2, 3 }) with the package's PkgLength said
 * to be 0x3F, and again with a 4-byte PkgLength claiming 256 MiB.
 * Expect AML_EPARSE from the load both times.
 */
static void
test_package_past_table_end(void **state)
{
	static const u8 pkg[] = {
		0x08, 'P', 'K', 'G', '_', 0x12, 0x3f, 0x03, 0x01, 0x0a, 0x02, 0x0a, 0x03,
	};
	static const u8 huge[] = {
		0x08, 'P', 'K', 'G', '_', 0x12, 0xcf, 0xff, 0xff, 0xff, 0x03, 0x01, 0x0a, 0x02,
	};

	(void)state;
	assert_int_equal(aml_load_table(make_table(pkg, sizeof(pkg))), -AML_EPARSE);
	aml_reset();
	assert_int_equal(aml_load_table(make_table(huge, sizeof(huge))), -AML_EPARSE);
}

/* The table ends one byte into TAIL's DWordConst, then right after its
 * prefix.  Expect AML_EPARSE from the load, no read past the end. */
static void
test_constant_cut_by_table_end(void **state)
{
	(void)state;
	assert_int_equal(aml_load_table(make_table(good_aml, sizeof(good_aml) - 3)), -AML_EPARSE);
	aml_reset();
	assert_int_equal(aml_load_table(make_table(good_aml, sizeof(good_aml) - 4)), -AML_EPARSE);
}

/*
 * Every prefix of the good table, and every PkgLength byte replaced by
 * each of 256 values.  Expect no crash and no read past the end (ASan),
 * and every result 0 or a negative error.
 */
static void
test_every_cut_and_length(void **state)
{
	static const size_t offs[] = { OFF_METHOD_LEN, OFF_IF_LEN };
	u8 aml[sizeof(good_aml)];
	u64 v;

	(void)state;
	for (size_t len = 0; len <= sizeof(good_aml); len++) {
		int err = aml_load_table(make_table(good_aml, len));

		assert_true(err <= 0);
		if (err == 0)
			assert_true(aml_eval_integer(NULL, "\\MAIN", &v) <= 0);
		aml_reset();
	}
	for (size_t k = 0; k < ARRAY_SIZE(offs); k++) {
		for (int b = 0; b < 256; b++) {
			memcpy(aml, good_aml, sizeof(aml));
			aml[offs[k]] = (u8)b;
			if (aml_load_table(make_table(aml, sizeof(aml))) == 0)
				assert_true(aml_eval_integer(NULL, "\\MAIN", &v) <= 0);
			aml_reset();
		}
	}
	fake_printk_clear();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_table_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_if_past_method_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_if_length_below_encoding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_method_past_table_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_package_past_table_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constant_cut_by_table_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_cut_and_length, setup, teardown),
	};
	return cmocka_run_group_tests_name("aml_pkglength", tests, NULL, NULL);
}
