/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_slit.c - host tests for drivers/acpi/slit.c: the
 * SLIT QEMU's own test suite expects (-numa dist,src=0,dst=1,val=21),
 * checked against its .dsl, then hostile tables: too many localities, a
 * table too short for its matrix, a wrong self-distance, a reserved
 * value.  Each is refused with exactly one warning line.
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
#include "fake_printk.h"

static struct acpi_slit_info slit;

static int
setup(void **state)
{
	(void)state;
	fake_printk_clear();
	memset(&slit, 0xa5, sizeof(slit));
	return 0;
}

/* ------------------------------------------------------------ the real table */

/*
 * tests/data/acpi/q35/qemu-v7.2.0-testdata/SLIT.memhp.dsl:
 *   line 14  Table Length : 00000030
 *   line 23  Localities : 0000000000000002
 *   line 24  Locality 0 : 0A 15
 *   line 25  Locality 1 : 15 0A
 * Expect a 2 x 2 matrix 10 21 / 21 10, no message.
 */
static void
test_slit_testdata_memhp(void **state)
{
	const char *path = "tests/data/acpi/q35/qemu-v7.2.0-testdata/SLIT.memhp";
	u8 buf[256];
	FILE *f;
	size_t n;

	(void)state;
	f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: cannot open (run from the repository root)", path);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(n, 0x30);
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)buf, &slit), 0);
	assert_true(slit.present);
	assert_int_equal(slit.nr, 2);
	assert_int_equal(slit.dist[0][0], 10);
	assert_int_equal(slit.dist[0][1], 21);
	assert_int_equal(slit.dist[1][0], 21);
	assert_int_equal(slit.dist[1][1], 10);
	assert_int_equal(fake_printk_count, 0);
}

/* ------------------------------------------------------------ hand-made tables */

static u8 tbl[44 + 70 * 70];

/* A SLIT claiming N localities with LEN bytes of table, matrix = diag 10,
 * else 20. */
static const struct acpi_table_header *
make_slit(u64 n, u32 len)
{
	struct acpi_table_header *h = (struct acpi_table_header *)tbl;
	u64 side = n < 70 ? n : 70;

	memset(tbl, 0, sizeof(tbl));
	memcpy(h->signature, "SLIT", 4);
	h->length = len;
	memcpy(tbl + 36, &n, 8);
	for (u64 i = 0; i < side; i++)
		for (u64 j = 0; j < side; j++)
			tbl[44 + i * side + j] = i == j ? 10 : 20;
	return h;
}

/* 3 localities, node 2 unreachable from 0 (0xFF).  Expect kept as is. */
static void
test_slit_unreachable_kept(void **state)
{
	(void)state;
	make_slit(3, 44 + 9);
	tbl[44 + 0 * 3 + 2] = 0xFF;
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), 0);
	assert_int_equal(slit.nr, 3);
	assert_int_equal(slit.dist[0][2], 0xFF);
	assert_int_equal(slit.dist[2][0], 20);
	assert_int_equal(fake_printk_count, 0);
}

/* Locality 1's distance to itself is 12.  Expect refused, one warning. */
static void
test_slit_bad_self_distance(void **state)
{
	(void)state;
	make_slit(2, 44 + 4);
	tbl[44 + 3] = 12;
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), -EINVAL);
	assert_false(slit.present);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("slit: locality 1: distance to itself 12, 10 expected; firmware bug, SLIT not used"));
}

/* An off-diagonal 5 (0-9 are reserved).  Expect refused, one warning. */
static void
test_slit_reserved_value(void **state)
{
	(void)state;
	make_slit(2, 44 + 4);
	tbl[44 + 1] = 5;
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), -EINVAL);
	assert_false(slit.present);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("slit: distance 0 -> 1 is 5, a reserved value"));
}

/* 65 localities, and 2^63 (n * n would overflow).  Expect refused, one warning each. */
static void
test_slit_too_many_localities(void **state)
{
	(void)state;
	make_slit(65, 44 + 65 * 65);
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), -EINVAL);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("slit: 65 localities > 64 supported; SLIT not used"));

	fake_printk_clear();
	make_slit(1ULL << 63, 44 + 4);
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), -EINVAL);
	assert_int_equal(fake_printk_count, 1);
	assert_false(slit.present);
}

/* 3 localities in a table with room for 8 matrix bytes.  Expect refused. */
static void
test_slit_too_short_for_matrix(void **state)
{
	(void)state;
	make_slit(3, 44 + 8);
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), -EINVAL);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("slit: length 52 < 53 expected for 3 localities"));

	fake_printk_clear();
	make_slit(0, 40);	/* not even the locality count */
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), -EINVAL);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("slit: length 40 < 44 expected"));
}

/* 0 localities: a valid, empty matrix.  Expect present, nr 0, silent. */
static void
test_slit_zero_localities(void **state)
{
	(void)state;
	make_slit(0, 44);
	assert_int_equal(acpi_parse_slit((struct acpi_table_header *)tbl, &slit), 0);
	assert_true(slit.present);
	assert_int_equal(slit.nr, 0);
	assert_int_equal(fake_printk_count, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_slit_testdata_memhp, setup),
		cmocka_unit_test_setup(test_slit_unreachable_kept, setup),
		cmocka_unit_test_setup(test_slit_bad_self_distance, setup),
		cmocka_unit_test_setup(test_slit_reserved_value, setup),
		cmocka_unit_test_setup(test_slit_too_many_localities, setup),
		cmocka_unit_test_setup(test_slit_too_short_for_matrix, setup),
		cmocka_unit_test_setup(test_slit_zero_localities, setup),
	};

	return cmocka_run_group_tests_name("slit", tests, NULL, NULL);
}
