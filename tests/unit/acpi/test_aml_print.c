/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_print.c - host tests for
 * drivers/acpi/aml/print.c: the canonical text of every kind of value
 * (aml.h lists the forms), strings that need escapes, nested and deep
 * packages, and output cut to fit the caller's buffer.
 *
 * print.c is linked alone: the one interpreter function it calls,
 * aml_node_path(), is played here by a stub that names fake nodes.
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

/* A fake node is just its path: print.c never looks inside. */
struct aml_node {
	const char *path;
};

int
aml_node_path(const struct aml_node *n, char *buf, size_t size)
{
	return snprintf(buf, size, "%s", n->path);
}

static char out[512];

/* Format V into OUT (all of it) and return the text. */
static const char *
fmt(const struct aml_value *v)
{
	int n = aml_value_format(v, out, sizeof(out));

	assert_int_equal(n, (int)strlen(out));
	return out;
}

/* aml_int() lives in object.c, not linked here. */
static struct aml_value
num(u64 n)
{
	return (struct aml_value){ .type = AML_INTEGER, .integer = n };
}

static struct aml_value
str(const char *s, u32 len)
{
	struct aml_value v = { .type = AML_STRING };

	v.string.ptr = (char *)s;
	v.string.len = len;
	return v;
}

static struct aml_value
buf(u8 *p, u32 len)
{
	struct aml_value v = { .type = AML_BUFFER };

	v.buffer.ptr = p;
	v.buffer.len = len;
	return v;
}

static struct aml_value
pkg(struct aml_value *elems, u32 count)
{
	struct aml_value v = { .type = AML_PACKAGE };

	v.package.elems = elems;
	v.package.count = count;
	return v;
}

/* Integers: zero, a small one, all ones in 32 and 64 bits.  Expect
 * upper-case hex with no leading zeros. */
static void
test_integers(void **state)
{
	struct aml_value v = num(0);

	(void)state;
	assert_string_equal(fmt(&v), "0x0");
	v = num(0x2a);
	assert_string_equal(fmt(&v), "0x2A");
	v = num(0xffffffff);
	assert_string_equal(fmt(&v), "0xFFFFFFFF");
	v = num(0xffffffffffffffffULL);
	assert_string_equal(fmt(&v), "0xFFFFFFFFFFFFFFFF");
	v = num(0x100000000ULL);
	assert_string_equal(fmt(&v), "0x100000000");
}

/* Strings: plain, empty, with a quote, a backslash, a newline, a byte
 * above 0x7E, and a NUL inside LEN.  Expect "..." with \" \\ \xNN. */
static void
test_strings(void **state)
{
	struct aml_value v = str("PNP0C80", 7);

	(void)state;
	assert_string_equal(fmt(&v), "\"PNP0C80\"");
	v = str("", 0);
	assert_string_equal(fmt(&v), "\"\"");
	v = str("a\"b\\c\nd\x7f\xc3'", 10);
	assert_string_equal(fmt(&v), "\"a\\\"b\\\\c\\x0Ad\\x7F\\xC3'\"");
	v = str("x\0y", 3);
	assert_string_equal(fmt(&v), "\"x\\x00y\"");
	v = str(NULL, 5);	/* a broken value: printed as empty, not read */
	assert_string_equal(fmt(&v), "\"\"");
}

/* Buffers: three bytes, an empty one, bytes needing two digits.  Expect
 * Buffer(N) {..} with upper-case two-digit bytes. */
static void
test_buffers(void **state)
{
	u8 b[] = { 0x01, 0x02, 0x03, 0xab, 0x00 };
	struct aml_value v = buf(b, 3);

	(void)state;
	assert_string_equal(fmt(&v), "Buffer(3) {01 02 03}");
	v = buf(NULL, 0);
	assert_string_equal(fmt(&v), "Buffer(0) {}");
	v = buf(b + 3, 2);
	assert_string_equal(fmt(&v), "Buffer(2) {AB 00}");
}

/*
 * A package of an integer, a string, a buffer, an empty package, a
 * nested package, a reference and an uninitialized element.  Expect
 * each element in its own form, ", " between them.
 */
static void
test_packages(void **state)
{
	struct aml_node pci0 = { "\\_SB_.PCI0" };
	u8 b[] = { 0x79, 0x00 };
	struct aml_value inner[2] = { num(2), str("z", 1) };
	struct aml_value e[7] = {
		num(1), str("a", 1), buf(b, 2), pkg(NULL, 0), pkg(inner, 2),
		{ .type = AML_REFERENCE, .node = &pci0 }, { .type = AML_UNINITIALIZED },
	};
	struct aml_value v = pkg(e, 2);

	(void)state;
	assert_string_equal(fmt(&v), "Package(2) {0x1, \"a\"}");
	v = pkg(e, 7);
	assert_string_equal(fmt(&v),
			    "Package(7) {0x1, \"a\", Buffer(2) {79 00}, Package(0) {}, "
			    "Package(2) {0x2, \"z\"}, Reference(\\_SB_.PCI0), None}");
}

/* A bare reference, one with no node, no value, and a type that never
 * crosses the boundary.  Expect Reference(path), Reference(?), None and
 * a form that names the type. */
static void
test_references_and_none(void **state)
{
	struct aml_node root = { "\\" };
	struct aml_value v = { .type = AML_REFERENCE, .node = &root };

	(void)state;
	assert_string_equal(fmt(&v), "Reference(\\)");
	v.node = NULL;
	assert_string_equal(fmt(&v), "Reference(?)");
	v = (struct aml_value){ .type = AML_UNINITIALIZED };
	assert_string_equal(fmt(&v), "None");
	assert_string_equal(fmt(NULL), "None");
	v = (struct aml_value){ .type = AML_MUTEX };
	assert_string_equal(fmt(&v), "Object(type 9)");
}

/*
 * Twenty packages, each the only element of the one outside it.  Expect
 * the first sixteen levels written out and the rest as "{...}", and the
 * text still balanced.
 */
static void
test_deep_package(void **state)
{
	struct aml_value levels[20];
	const char *s;
	int open = 0;

	(void)state;
	levels[19] = num(7);
	for (int i = 18; i >= 0; i--)
		levels[i] = pkg(&levels[i + 1], 1);
	s = fmt(&levels[0]);
	for (const char *p = s; *p; p++)
		open += *p == '{' ? 1 : *p == '}' ? -1 : 0;
	assert_int_equal(open, 0);
	assert_non_null(strstr(s, "Package(1) {...}"));
	assert_null(strstr(s, "0x7"));
	assert_int_equal(strncmp(s, "Package(1) {Package(1) {", 24), 0);
}

/*
 * "Package(2) {0x1, \"a\"}" (21 characters) into buffers of 22, 21, 10,
 * 4, 3 and 1 bytes, and 0.  Expect the whole text at 22; otherwise the
 * text cut to SIZE - 1 characters ending in "..." (as many dots as fit),
 * always NUL-terminated, and 21 returned every time.
 */
static void
test_truncation(void **state)
{
	struct aml_value e[2] = { num(1), str("a", 1) };
	struct aml_value v = pkg(e, 2);
	char b[32];

	(void)state;
	assert_int_equal(aml_value_format(&v, b, 22), 21);
	assert_string_equal(b, "Package(2) {0x1, \"a\"}");
	assert_int_equal(aml_value_format(&v, b, 21), 21);
	assert_string_equal(b, "Package(2) {0x1, ...");
	assert_int_equal(aml_value_format(&v, b, 10), 21);
	assert_string_equal(b, "Packag...");
	assert_int_equal(aml_value_format(&v, b, 4), 21);
	assert_string_equal(b, "...");
	assert_int_equal(aml_value_format(&v, b, 3), 21);
	assert_string_equal(b, "..");
	assert_int_equal(aml_value_format(&v, b, 1), 21);
	assert_string_equal(b, "");
	memset(b, 'x', sizeof(b));
	assert_int_equal(aml_value_format(&v, b, 0), 21);
	assert_int_equal(b[0], 'x');
}

/* A 1000-byte buffer into 64 bytes.  Expect the exact full length
 * ("Buffer(1000) {" + 1000 bytes and 999 spaces + "}") and a cut text. */
static void
test_long_buffer(void **state)
{
	static u8 big[1000];
	struct aml_value v = buf(big, sizeof(big));
	char b[64];

	(void)state;
	assert_int_equal(aml_value_format(&v, b, sizeof(b)), 14 + 2999 + 1);
	assert_int_equal(strlen(b), 63);
	assert_string_equal(b + 60, "...");
	assert_int_equal(strncmp(b, "Buffer(1000) {00 00", 19), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_buffers),
		cmocka_unit_test(test_packages),
		cmocka_unit_test(test_references_and_none),
		cmocka_unit_test(test_deep_package),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_long_buffer),
	};
	return cmocka_run_group_tests_name("aml_print", tests, NULL, NULL);
}
