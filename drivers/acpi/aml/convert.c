/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/convert.c - conversions between Integer, String and
 * Buffer (ACPI 6.x, 19.3.5.7), implicit (an operand of the wrong type, a
 * store into a typed name) and explicit (ToInteger, ToHexString ...).
 *
 * The idea: the rules are small and arbitrary, so each is one function
 * and the behaviour is ACPICA's where the spec is vague (checked with
 * acpiexec 20200925): an implicit String -> Integer reads hex digits
 * ("10" is 16), ToInteger reads "0x.." as hex and anything else as
 * decimal, both stop at the first other character or before a digit
 * that would not fit;
 * a Buffer gives its first 4 or 8 bytes little-endian, and an empty one
 * is an error; an Integer becomes 8 or 16 hex digits or 4 or 8 bytes,
 * following the integer width of the DSDT.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_ops.c
 */
#include "drivers/acpi/aml/internal.h"

static int
hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * S[0..LEN) as a number in BASE (10 or 16), stopping at the first other
 * character, or before the digit that would overflow the integer width:
 * the digits so far are kept (ACPI 6.x 19.3.5.3; ACPICA does the same,
 * so rev 1 "123456789" is 0x12345678).
 */
static u64
parse_number(const char *s, u32 len, unsigned int base)
{
	u64 v = 0, max = aml_int_mask();

	for (u32 i = 0; i < len; i++) {
		int d = hex_digit(s[i]);

		if (d < 0 || (unsigned int)d >= base)
			break;
		if (v > (max - (u64)d) / base)
			break;
		v = v * base + (u64)d;
	}
	return v;
}

int
aml_to_integer(struct aml_ctx *c, struct aml_object *o, bool explicit_conv, u64 *out)
{
	switch (o->type) {
	case AML_INTEGER:
		*out = o->integer;
		return 0;
	case AML_STRING: {
		const char *s = o->string.ptr;
		u32 len = o->string.len, i = 0;

		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		/* A "0x" prefix means hex in both kinds (ACPICA skips it in the
		 * implicit one too); without it ToInteger reads decimal. */
		if (len - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
			*out = parse_number(s + i + 2, len - i - 2, 16);
		else
			*out = parse_number(s + i, len - i, explicit_conv ? 10 : 16);
		return 0;
	}
	case AML_BUFFER: {
		u64 v = 0;
		u32 n = MIN(o->buffer.len, aml_int_bits / 8);

		if (!o->buffer.len)
			return aml_fail(c, AML_ETYPE, "empty Buffer as an Integer");
		for (u32 i = 0; i < n; i++)
			v |= (u64)o->buffer.ptr[i] << (8 * i);
		*out = v;
		return 0;
	}
	default:
		return aml_fail(c, AML_ETYPE, "%s where an Integer is needed",
				aml_type_name(o->type));
	}
}

static int
new_or_enomem(struct aml_object *o, struct aml_object **out)
{
	*out = o;
	return o ? 0 : -ENOMEM;
}

int
aml_to_buffer(struct aml_ctx *c, struct aml_object *o, struct aml_object **out)
{
	u8 bytes[8];

	switch (o->type) {
	case AML_INTEGER:
		for (unsigned int i = 0; i < 8; i++)
			bytes[i] = (u8)(o->integer >> (8 * i));
		return new_or_enomem(aml_obj_buffer(bytes, aml_int_bits / 8), out);
	case AML_STRING:	/* the characters and the NUL (as ACPICA) */
		return new_or_enomem(aml_obj_buffer((const u8 *)o->string.ptr,
						    o->string.len + 1), out);
	case AML_BUFFER:
		*out = aml_obj_get(o);
		return 0;
	default:
		*out = NULL;
		return aml_fail(c, AML_ETYPE, "%s where a Buffer is needed",
				aml_type_name(o->type));
	}
}

/* The bytes of a buffer as "0x01 0xA2" (SEP ' ') or "0x01,0xA2", or
 * "1,162" (DECIMAL). */
static int
buffer_text(struct aml_object *o, char sep, bool decimal, struct aml_object **out)
{
	struct aml_object *s;
	u32 n = 0;

	if (o->buffer.len > AML_MAX_OBJECT_SIZE / 5)
		return -ENOMEM;
	s = aml_obj_string(NULL, o->buffer.len * 5);
	if (!s)
		return -ENOMEM;
	for (u32 i = 0; i < o->buffer.len; i++) {
		if (i)
			s->string.ptr[n++] = sep;
		n += (u32)snprintf(s->string.ptr + n, 6, decimal ? "%u" : "0x%02X",
				   o->buffer.ptr[i]);
	}
	s->string.ptr[n] = '\0';
	s->string.len = n;
	*out = s;
	return 0;
}

static int
integer_hex(u64 v, struct aml_object **out)
{
	char text[17];
	int n = snprintf(text, sizeof(text), "%0*llX", (int)(aml_int_bits / 4),
			 (unsigned long long)v);

	return new_or_enomem(aml_obj_string(text, (u32)n), out);
}

int
aml_to_string_implicit(struct aml_ctx *c, struct aml_object *o, struct aml_object **out)
{
	switch (o->type) {
	case AML_INTEGER:
		return integer_hex(o->integer, out);
	case AML_STRING:
		*out = aml_obj_get(o);
		return 0;
	case AML_BUFFER:
		return buffer_text(o, ' ', false, out);
	default:
		*out = NULL;
		return aml_fail(c, AML_ETYPE, "%s where a String is needed",
				aml_type_name(o->type));
	}
}

int
aml_to_hexstring(struct aml_ctx *c, struct aml_object *o, struct aml_object **out)
{
	if (o->type == AML_BUFFER)
		return buffer_text(o, ',', false, out);
	return aml_to_string_implicit(c, o, out);
}

int
aml_to_decstring(struct aml_ctx *c, struct aml_object *o, struct aml_object **out)
{
	char text[24];
	int n;

	switch (o->type) {
	case AML_INTEGER:
		n = snprintf(text, sizeof(text), "%llu", (unsigned long long)o->integer);
		return new_or_enomem(aml_obj_string(text, (u32)n), out);
	case AML_BUFFER:
		return buffer_text(o, ',', true, out);
	default:
		return aml_to_string_implicit(c, o, out);
	}
}

int
aml_convert_to(struct aml_ctx *c, struct aml_object *o, int type, struct aml_object **out)
{
	u64 v;
	int err;

	*out = NULL;
	switch (type) {
	case AML_INTEGER:
		err = aml_to_integer(c, o, false, &v);
		if (err)
			return err;
		return new_or_enomem(aml_obj_int(v), out);
	case AML_STRING:
		return aml_to_string_implicit(c, o, out);
	case AML_BUFFER:
		return aml_to_buffer(c, o, out);
	default:
		*out = aml_obj_get(o);
		return 0;
	}
}
