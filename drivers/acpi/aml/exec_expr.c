/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/exec_expr.c - the computing operators: arithmetic,
 * bits, logic, comparisons, and the String/Buffer ones (Concatenate,
 * ConcatenateResTemplate, Mid, ToBuffer, ToInteger, ToString,
 * ToHexString, ToDecimalString).
 *
 * The idea: each operator evaluates its operands in the order they
 * follow it, converts them as ACPI says (an arithmetic operand to an
 * Integer; a comparison's second operand to the first one's type), cuts
 * every integer result to the table's width (32 bits for QEMU's revision
 * 1 DSDT, so 0xFFFFFFFF + 1 is 0) and stores the result into its Target
 * as well as giving it back.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_ops.c
 */
#include "drivers/acpi/aml/internal.h"

/* Add, Subtract, Multiply, ShiftLeft, ShiftRight, And, Nand, Or, Nor, Xor, Mod. */
int
aml_op_binary(AML_OP_ARGS)
{
	u64 a, b, r;
	int err;

	err = aml_eval_int(c, &a);
	if (!err)
		err = aml_eval_int(c, &b);
	if (err)
		return err;
	switch (op->code) {
	case 0x72: r = a + b; break;
	case 0x74: r = a - b; break;
	case 0x77: r = a * b; break;
	case 0x79: r = b >= aml_int_bits ? 0 : a << b; break;
	case 0x7A: r = b >= aml_int_bits ? 0 : a >> b; break;
	case 0x7B: r = a & b; break;
	case 0x7C: r = ~(a & b); break;
	case 0x7D: r = a | b; break;
	case 0x7E: r = ~(a | b); break;
	case 0x7F: r = a ^ b; break;
	default:	/* 0x85 Mod */
		if (!b)
			return aml_fail(c, AML_EDIVZERO, "Mod by zero");
		r = a % b;
		break;
	}
	return aml_store_result(c, aml_obj_int(r), out);
}

/* Divide (Dividend, Divisor, Remainder, Result): gives the quotient. */
int
aml_op_divide(AML_OP_ARGS)
{
	struct aml_object *rem;
	u64 a, b;
	int err;

	err = aml_eval_int(c, &a);
	if (!err)
		err = aml_eval_int(c, &b);
	if (err)
		return err;
	if (!b)
		return aml_fail(c, AML_EDIVZERO, "Divide by zero");
	err = aml_store_result(c, aml_obj_int(a % b), &rem);
	if (err)
		return err;
	aml_obj_put(rem);
	return aml_store_result(c, aml_obj_int(a / b), out);
}

/* Not, FindSetLeftBit, FindSetRightBit, FromBCD, ToBCD. */
int
aml_op_unary(AML_OP_ARGS)
{
	u64 a, r = 0, scale = 1;
	int err = aml_eval_int(c, &a);

	if (err)
		return err;
	switch (op->code) {
	case 0x80:
		r = ~a;
		break;
	case 0x81:	/* 1-based index of the highest set bit, 0 if none */
		for (unsigned int i = aml_int_bits; i > 0 && !r; i--)
			if (a >> (i - 1) & 1)
				r = i;
		break;
	case 0x82:	/* 1-based index of the lowest set bit */
		for (unsigned int i = 0; i < aml_int_bits && !r; i++)
			if (a >> i & 1)
				r = i + 1;
		break;
	case 0x5B28:	/* FromBCD */
		for (unsigned int i = 0; i < aml_int_bits; i += 4, scale *= 10) {
			u64 d = a >> i & 0xF;

			if (d > 9)
				return aml_fail(c, AML_ETYPE, "FromBCD: digit 0x%llx",
						(unsigned long long)d);
			r += d * scale;
		}
		break;
	default:	/* 0x5B29 ToBCD */
		for (unsigned int i = 0; a; i += 4, a /= 10) {
			if (i >= aml_int_bits)
				return aml_fail(c, AML_ETYPE, "ToBCD: too many digits");
			r |= (a % 10) << i;
		}
		break;
	}
	return aml_store_result(c, aml_obj_int(r), out);
}

static int
bool_result(bool v, struct aml_object **out)
{
	*out = aml_obj_int(v ? ~0ull : 0);
	return *out ? 0 : -ENOMEM;
}

/* LAnd, LOr: both operands are evaluated, as AML has no short circuit. */
int
aml_op_logical(AML_OP_ARGS)
{
	u64 a, b;
	int err = aml_eval_int(c, &a);

	if (!err)
		err = aml_eval_int(c, &b);
	if (err)
		return err;
	return bool_result(op->code == 0x90 ? a && b : a || b, out);
}

int
aml_op_lnot(AML_OP_ARGS)
{
	u64 a;
	int err = aml_eval_int(c, &a);

	if (err)
		return err;
	return bool_result(!a, out);
}

/* -1, 0 or 1: A against B converted to A's type. */
static int
compare(struct aml_ctx *c, struct aml_object *a, struct aml_object *b, int *cmp)
{
	struct aml_object *conv;
	const u8 *pa, *pb;
	u32 la, lb;
	int err;

	if (a->type != AML_INTEGER && a->type != AML_STRING && a->type != AML_BUFFER)
		return aml_fail(c, AML_ETYPE, "cannot compare a %s", aml_type_name(a->type));
	err = aml_convert_to(c, b, a->type, &conv);
	if (err)
		return err;
	if (a->type == AML_INTEGER) {
		*cmp = a->integer < conv->integer ? -1 : a->integer > conv->integer;
	} else {
		pa = a->type == AML_STRING ? (const u8 *)a->string.ptr : a->buffer.ptr;
		pb = a->type == AML_STRING ? (const u8 *)conv->string.ptr : conv->buffer.ptr;
		la = a->type == AML_STRING ? a->string.len : a->buffer.len;
		lb = a->type == AML_STRING ? conv->string.len : conv->buffer.len;
		*cmp = MIN(la, lb) ? memcmp(pa, pb, MIN(la, lb)) : 0;
		if (!*cmp)
			*cmp = la < lb ? -1 : la > lb;
	}
	aml_obj_put(conv);
	return 0;
}

/* LEqual, LGreater, LLess (LNotEqual & co. are LNot of these). */
int
aml_op_compare(AML_OP_ARGS)
{
	struct aml_object *a, *b;
	int err, cmp = 0;

	err = aml_eval_data(c, &a);
	if (err)
		return err;
	err = aml_eval_data(c, &b);
	if (!err) {
		err = compare(c, a, b, &cmp);
		aml_obj_put(b);
	}
	aml_obj_put(a);
	if (err)
		return err;
	return bool_result(op->code == 0x93 ? cmp == 0 : op->code == 0x94 ? cmp > 0 : cmp < 0,
			   out);
}

/* A byte string made of two. */
static struct aml_object *
join(int type, const void *a, u32 la, const void *b, u32 lb)
{
	struct aml_object *o;

	if ((u64)la + lb > AML_MAX_OBJECT_SIZE)
		return NULL;
	o = type == AML_STRING ? aml_obj_string(NULL, la + lb) : aml_obj_buffer(NULL, la + lb);
	if (!o)
		return NULL;
	u8 *p = type == AML_STRING ? (u8 *)o->string.ptr : o->buffer.ptr;

	if (la)
		memcpy(p, a, la);
	if (lb)
		memcpy(p + la, b, lb);
	if (type == AML_STRING)
		p[la + lb] = '\0';
	return o;
}

/* Any object as text for Concatenate: data as converted, others by type. */
static int
concat_text(struct aml_ctx *c, struct aml_object *o, struct aml_object **out)
{
	char text[40];
	int n;

	if (o->type == AML_INTEGER || o->type == AML_STRING || o->type == AML_BUFFER)
		return aml_to_string_implicit(c, o, out);
	n = snprintf(text, sizeof(text), "[%s Object]", aml_type_name(o->type));
	*out = aml_obj_string(text, (u32)n);
	return *out ? 0 : -ENOMEM;
}

/* Concatenate (A, B, Target): B takes A's type (Integers make a Buffer). */
int
aml_op_concat(AML_OP_ARGS)
{
	struct aml_object *a, *b, *ca = NULL, *cb = NULL, *r = NULL;
	u64 ia, ib;
	int err;

	err = aml_eval_data(c, &a);
	if (err)
		return err;
	err = aml_eval_data(c, &b);
	if (err) {
		aml_obj_put(a);
		return err;
	}
	switch (a->type) {
	case AML_INTEGER:
		err = aml_to_integer(c, b, false, &ib);
		if (!err) {
			u8 bytes[16];
			unsigned int w = aml_int_bits / 8;

			ia = a->integer;
			for (unsigned int i = 0; i < w; i++) {
				bytes[i] = (u8)(ia >> (8 * i));
				bytes[w + i] = (u8)(ib >> (8 * i));
			}
			r = aml_obj_buffer(bytes, 2 * w);
		}
		break;
	case AML_BUFFER:
		err = aml_to_buffer(c, b, &cb);
		if (!err)
			r = join(AML_BUFFER, a->buffer.ptr, a->buffer.len, cb->buffer.ptr,
				 cb->buffer.len);
		break;
	default:
		err = concat_text(c, a, &ca);
		if (!err)
			err = concat_text(c, b, &cb);
		if (!err)
			r = join(AML_STRING, ca->string.ptr, ca->string.len, cb->string.ptr,
				 cb->string.len);
		break;
	}
	aml_obj_put(a);
	aml_obj_put(b);
	aml_obj_put(ca);
	aml_obj_put(cb);
	if (err)
		return err;
	return aml_store_result(c, r, out);
}

/* The length of a resource template without its End Tag (0x79 nn). */
static u32
template_body(const struct aml_object *b)
{
	u32 len = b->buffer.len;

	return len >= 2 && b->buffer.ptr[len - 2] == 0x79 ? len - 2 : len;
}

/* ConcatenateResTemplate (A, B, Target): A and B without their End Tags,
 * then a new End Tag (checksum 0). */
int
aml_op_concatres(AML_OP_ARGS)
{
	static const u8 end_tag[2] = { 0x79, 0x00 };
	struct aml_object *a, *b, *ab = NULL, *r = NULL;
	int err;

	err = aml_eval_data(c, &a);
	if (err)
		return err;
	err = aml_eval_data(c, &b);
	if (!err && (a->type != AML_BUFFER || b->type != AML_BUFFER))
		err = aml_fail(c, AML_ETYPE, "ConcatenateResTemplate of a %s and a %s",
			       aml_type_name(a->type), aml_type_name(b->type));
	if (!err) {
		ab = join(AML_BUFFER, a->buffer.ptr, template_body(a), b->buffer.ptr,
			  template_body(b));
		if (ab)
			r = join(AML_BUFFER, ab->buffer.ptr, ab->buffer.len, end_tag, 2);
	}
	aml_obj_put(a);
	aml_obj_put(b);
	aml_obj_put(ab);
	if (err)
		return err;
	return aml_store_result(c, r, out);
}

/* Mid (Source, Index, Length, Target): what of that range exists. */
int
aml_op_mid(AML_OP_ARGS)
{
	struct aml_object *src, *r = NULL;
	u64 index, len;
	u32 size;
	int err;

	err = aml_eval_data(c, &src);
	if (err)
		return err;
	err = aml_eval_int(c, &index);
	if (!err)
		err = aml_eval_int(c, &len);
	if (!err && src->type != AML_STRING && src->type != AML_BUFFER)
		err = aml_fail(c, AML_ETYPE, "Mid of a %s", aml_type_name(src->type));
	if (!err) {
		size = src->type == AML_STRING ? src->string.len : src->buffer.len;
		if (index >= size)
			index = len = 0;
		else
			len = MIN(len, size - index);
		if (src->type == AML_STRING)
			r = aml_obj_string(src->string.ptr + index, (u32)len);
		else
			r = aml_obj_buffer(len ? src->buffer.ptr + index : NULL, (u32)len);
	}
	aml_obj_put(src);
	if (err)
		return err;
	return aml_store_result(c, r, out);
}

/* ToBuffer, ToDecimalString, ToHexString, ToInteger (explicit conversions). */
int
aml_op_convert(AML_OP_ARGS)
{
	struct aml_object *src, *r = NULL;
	u64 v;
	int err;

	err = aml_eval_data(c, &src);
	if (err)
		return err;
	switch (op->code) {
	case 0x96:
		err = aml_to_buffer(c, src, &r);
		break;
	case 0x97:
		err = aml_to_decstring(c, src, &r);
		break;
	case 0x98:
		err = aml_to_hexstring(c, src, &r);
		break;
	default:
		err = aml_to_integer(c, src, true, &v);
		if (!err)
			r = aml_obj_int(v);
		break;
	}
	aml_obj_put(src);
	if (err)
		return err;
	return aml_store_result(c, r, out);
}

/* ToString (Buffer, Length, Target): bytes up to a NUL or LENGTH. */
int
aml_op_tostring(AML_OP_ARGS)
{
	struct aml_object *src, *buf = NULL, *r = NULL;
	u64 max;
	u32 n = 0;
	int err;

	err = aml_eval_data(c, &src);
	if (err)
		return err;
	err = aml_eval_int(c, &max);
	if (!err)
		err = aml_to_buffer(c, src, &buf);
	if (!err) {
		while (n < buf->buffer.len && n < max && buf->buffer.ptr[n])
			n++;
		r = aml_obj_string((const char *)buf->buffer.ptr, n);
	}
	aml_obj_put(src);
	aml_obj_put(buf);
	if (err)
		return err;
	return aml_store_result(c, r, out);
}
