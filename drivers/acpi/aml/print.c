/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/print.c - an AML value as one line of text: what
 * `aml eval` prints and the canonical form the oracle tests compare.
 *
 * The idea: one spelling per value, so two interpreters agree exactly
 * when their results agree.  Integers are upper-case hex without leading
 * zeros (0x2A), buffers list every byte (Buffer(3) {01 02 03}), packages
 * nest (Package(2) {0x1, "a"}), strings are quoted with \" \\ and \xNN
 * for bytes outside ' '..'~'.  Output longer than the caller's buffer is
 * cut and ends in "...", and the length it wanted is returned, as with
 * snprintf().
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_print.c, tools/aml-oracle (every program)
 */
#include "drivers/acpi/aml/aml.h"
#include "kernel/lib.h"

/* Packages nested deeper than this print as "Package(N) {...}": the
 * formatter recurses, and a kernel stack is small. */
#define PRINT_MAX_DEPTH	16

/*
 * Where the text goes: BUF of SIZE bytes; characters past the end are
 * counted in LEN but dropped, so LEN is the length wanted.
 */
struct print_out {
	char *buf;
	size_t size;
	size_t len;
};

static void
put_char(struct print_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void
put_str(struct print_out *o, const char *s)
{
	while (*s)
		put_char(o, *s++);
}

/* V in upper-case hex, at least MIN_DIGITS digits, no prefix. */
static void
put_hex(struct print_out *o, u64 v, int min_digits)
{
	static const char digits[] = "0123456789ABCDEF";
	char tmp[16];
	int n = 0;

	do {
		tmp[n++] = digits[v & 0xf];
		v >>= 4;
	} while (v);
	while (n < min_digits)
		tmp[n++] = '0';
	while (n)
		put_char(o, tmp[--n]);
}

static void
put_dec(struct print_out *o, u32 v)
{
	char tmp[10];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		put_char(o, tmp[--n]);
}

/* "text" with \" \\ and \xNN for anything outside ' '..'~'.  LEN bytes
 * are printed even if one is NUL: AML strings may not hold NUL, but a
 * value handed in by a caller is not trusted. */
static void
put_string(struct print_out *o, const char *s, u32 len)
{
	put_char(o, '"');
	for (u32 i = 0; i < len; i++) {
		u8 c = (u8)s[i];

		if (c == '"' || c == '\\') {
			put_char(o, '\\');
			put_char(o, (char)c);
		} else if (c < 0x20 || c > 0x7e) {
			put_str(o, "\\x");
			put_hex(o, c, 2);
		} else {
			put_char(o, (char)c);
		}
	}
	put_char(o, '"');
}

static void
put_reference(struct print_out *o, const struct aml_node *node)
{
	char path[256];
	int n;

	put_str(o, "Reference(");
	if (!node) {
		put_char(o, '?');
	} else {
		n = aml_node_path(node, path, sizeof(path));
		put_str(o, path);
		if (n >= (int)sizeof(path))
			put_str(o, "...");
	}
	put_char(o, ')');
}

static void
put_value(struct print_out *o, const struct aml_value *v, int depth)
{
	switch (v->type) {
	case AML_INTEGER:
		put_str(o, "0x");
		put_hex(o, v->integer, 1);
		return;
	case AML_STRING:
		put_string(o, v->string.ptr ? v->string.ptr : "",
			   v->string.ptr ? v->string.len : 0);
		return;
	case AML_BUFFER:
		put_str(o, "Buffer(");
		put_dec(o, v->buffer.len);
		put_str(o, ") {");
		for (u32 i = 0; v->buffer.ptr && i < v->buffer.len; i++) {
			if (i)
				put_char(o, ' ');
			put_hex(o, v->buffer.ptr[i], 2);
		}
		put_char(o, '}');
		return;
	case AML_PACKAGE:
		put_str(o, "Package(");
		put_dec(o, v->package.count);
		put_str(o, ") {");
		if (depth >= PRINT_MAX_DEPTH && v->package.count) {
			put_str(o, "...}");
			return;
		}
		for (u32 i = 0; v->package.elems && i < v->package.count; i++) {
			if (i)
				put_str(o, ", ");
			put_value(o, &v->package.elems[i], depth + 1);
		}
		put_char(o, '}');
		return;
	case AML_REFERENCE:
		put_reference(o, v->node);
		return;
	case AML_UNINITIALIZED:
		put_str(o, "None");
		return;
	default:
		/* Not a type a value crossing the boundary has; say which. */
		put_str(o, "Object(type ");
		put_dec(o, (u32)v->type);
		put_char(o, ')');
		return;
	}
}

/*
 * Format V into BUF (see aml.h).  When the text does not fit, it is cut
 * so that "..." fills the last three places before the NUL; the return
 * value is still the full length, so "ret >= size" means "cut".
 */
int
aml_value_format(const struct aml_value *v, char *buf, size_t size)
{
	struct print_out o = { .buf = buf, .size = size, .len = 0 };

	if (!v) {
		put_str(&o, "None");
	} else {
		put_value(&o, v, 0);
	}
	if (size == 0)
		return (int)o.len;
	if (o.len < size) {
		buf[o.len] = '\0';
	} else {
		buf[size - 1] = '\0';
		for (size_t i = size >= 4 ? size - 4 : 0; i < size - 1; i++)
			buf[i] = '.';
	}
	return (int)o.len;
}
