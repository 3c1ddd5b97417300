/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/store.c - where results go: SuperName and Target
 * operands, Store's implicit conversion rules, CopyObject, Debug.
 *
 * The idea: ACPI decides what a store does by the target (ACPI 6.x,
 * 19.3.5.8):
 *
 *	Local            takes the value as it is (a copy)
 *	Arg              the same, unless it holds a reference: then the
 *	                 store goes through the reference
 *	named Integer,   keeps its type: the value is converted (a Buffer
 *	String, Buffer   keeps its length, zero-filled or truncated)
 *	Field, BufferField  the value is written into the bits
 *	Index() element  a package slot takes the value; a buffer or string
 *	                 byte takes its low 8 bits
 *	Debug            printed
 *
 * CopyObject replaces instead of converting.  References into packages
 * (Index(), RefOf(Local)) are never stored inside a package, so no object
 * can come to hold itself.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_ops.c
 */
#include "drivers/acpi/aml/internal.h"

int
aml_parse_target(struct aml_ctx *c, struct aml_target *t, int flags)
{
	struct aml_object *v;
	struct aml_name name;
	struct aml_node *n;
	u8 b;
	int err;

	memset(t, 0, sizeof(*t));
	if (c->pc >= c->end)
		return aml_fail(c, AML_EPARSE, "truncated target");
	b = *c->pc;
	if (b == 0x00 && (flags & TARGET_NULLOK)) {
		c->pc++;
		return 0;
	}
	if (b >= 0x60 && b <= 0x67) {
		t->kind = TGT_LOCAL;
		t->index = b - 0x60;
		c->pc++;
		return 0;
	}
	if (b >= 0x68 && b <= 0x6E) {
		t->kind = TGT_ARG;
		t->index = b - 0x68;
		c->pc++;
		return 0;
	}
	if (b == AML_EXT_PREFIX && c->end - c->pc >= 2 && c->pc[1] == 0x31) {
		t->kind = TGT_DEBUG;
		c->pc += 2;
		return 0;
	}
	if (aml_is_name_start(b)) {
		if (aml_parse_name(&c->pc, c->end, &name))
			return aml_fail(c, AML_EPARSE, "bad NameString");
		n = aml_ns_find(c->scope, &name, true);
		if (!n) {
			if (flags & TARGET_MISSINGOK)
				return 0;
			return aml_fail_name(c, AML_EUNDEFINED, &name, "not found");
		}
		t->kind = TGT_NODE;
		t->node = n;
		aml_node_get(n);
		return 0;
	}
	/* DerefOf(x) as a target is where x refers to, not x's value. */
	if (b == 0x83)
		c->pc++;
	err = aml_eval_arg(c, &v);
	if (err)
		return err;
	if (v->type == AML_STRING && b == 0x83) {
		/* DerefOf("\\PATH"): a name given as a string. */
		n = aml_ns_find_text(c->scope, v->string.ptr, true);
		aml_obj_put(v);
		if (!n)
			return aml_fail(c, AML_EUNDEFINED, "DerefOf: name not found");
		t->kind = TGT_NODE;
		t->node = n;
		aml_node_get(n);
		return 0;
	}
	if (v->type != AML_REFERENCE) {
		err = aml_fail(c, AML_ETYPE, "a %s is not a place to store", aml_type_name(v->type));
		aml_obj_put(v);
		return err;
	}
	t->kind = TGT_REF;
	t->ref = v;
	return 0;
}

void
aml_target_put(struct aml_target *t)
{
	if (t->node)
		aml_node_put(t->node);
	aml_obj_put(t->ref);
	memset(t, 0, sizeof(*t));
}

/* ------------------------------------------------------------ Debug */

void
aml_debug_print(struct aml_object *val)
{
	struct aml_value v;
	char text[160];

	if (aml_obj_export(val, &v, 0)) {
		aml_os_debug("(too deep to print)");
		return;
	}
	aml_value_format(&v, text, sizeof(text));
	aml_value_free(&v);
	for (char *p = text; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			*p = '.';
	aml_os_debug(text);
}

/* ------------------------------------------------------------ stores */

static int
store_to_node(struct aml_ctx *c, struct aml_node *n, struct aml_object *val);

/* Element I of OBJ (a package, buffer or string) takes VAL. */
static int
store_to_index(struct aml_ctx *c, struct aml_object *obj, u32 i, struct aml_object *val)
{
	struct aml_object *kept;
	u64 byte;
	int err;

	switch (obj->type) {
	case AML_PACKAGE:
		if (i >= obj->package.count)
			return aml_fail(c, AML_EINDEX, "Index %u beyond Package(%u)", i,
					obj->package.count);
		if (val->type == AML_REFERENCE && val->ref_kind != REF_NODE)
			return aml_fail(c, AML_ETYPE, "a reference to a Local, Arg or element "
					"cannot go into a package");
		err = aml_obj_take(val, &kept);
		if (err)
			return err;
		aml_obj_put(obj->package.elems[i]);
		obj->package.elems[i] = kept;
		return 0;
	case AML_BUFFER:
	case AML_STRING:
		if (i >= (obj->type == AML_BUFFER ? obj->buffer.len : obj->string.len))
			return aml_fail(c, AML_EINDEX, "Index %u beyond %s(%u)", i,
					aml_type_name(obj->type),
					obj->type == AML_BUFFER ? obj->buffer.len : obj->string.len);
		if (val->type == AML_INTEGER)
			byte = val->integer;
		else if (val->type == AML_BUFFER && val->buffer.len)
			byte = val->buffer.ptr[0];
		else if (val->type == AML_STRING && val->string.len)
			byte = (u8)val->string.ptr[0];
		else
			return aml_fail(c, AML_ETYPE, "cannot store a %s into a %s element",
					aml_type_name(val->type), aml_type_name(obj->type));
		if (obj->type == AML_BUFFER)
			obj->buffer.ptr[i] = (u8)byte;
		else
			obj->string.ptr[i] = (char)byte;
		return 0;
	default:
		return aml_fail(c, AML_ETYPE, "Index into a %s", aml_type_name(obj->type));
	}
}

/* Through a reference (a RefOf in an Arg, an Index() result). */
static int
store_through(struct aml_ctx *c, struct aml_object *ref, struct aml_object *val)
{
	struct aml_object *data;
	int err;

	switch (ref->ref_kind) {
	case REF_NODE:
		return store_to_node(c, ref->ref.node, val);
	case REF_INDEX:
		return store_to_index(c, ref->ref.obj, ref->ref.index, val);
	case REF_OBJECT:
		err = aml_resolve_ref(c, val, &data);
		if (err)
			return err;
		err = aml_obj_assign(ref->ref.obj, data);
		aml_obj_put(data);
		if (err == -AML_ETYPE)
			return aml_fail(c, AML_ETYPE, "a %s cannot be stored through a reference",
					aml_type_name(val->type));
		return err;
	default:
		return aml_fail(c, AML_EUNDEFINED, "%s not found", ref->ref.path);
	}
}

/* A named Buffer keeps its length: the value is copied in, zero-filled or cut. */
static int
store_to_buffer(struct aml_ctx *c, struct aml_object *buf, struct aml_object *val)
{
	struct aml_object *b;
	int err = aml_to_buffer(c, val, &b);

	if (err)
		return err;
	if (b != buf && buf->buffer.len) {	/* BUF1 = BUF1 changes nothing */
		memset(buf->buffer.ptr, 0, buf->buffer.len);
		memcpy(buf->buffer.ptr, b->buffer.ptr, MIN(buf->buffer.len, b->buffer.len));
	}
	aml_obj_put(b);
	return 0;
}

static int
store_to_node(struct aml_ctx *c, struct aml_node *n, struct aml_object *v)
{
	struct aml_object *o, *val, *conv;
	int err;

	n = aml_node_resolve(n);
	o = n->obj;
	if (n->flags & NODE_DEAD)
		return aml_fail(c, AML_EUNDEFINED, "%.4s was deleted", n->name);
	err = aml_resolve_ref(c, v, &val);
	if (err)
		return err;
	switch (o ? o->type : AML_SCOPE) {
	case AML_FIELD_UNIT:
		err = aml_field_write(c, o, val);
		break;
	case AML_BUFFER_FIELD:
		err = aml_bfield_write(c, o, val);
		break;
	case AML_INTEGER:
	case AML_STRING:
		if (!aml_is_data(val) || val->type == AML_PACKAGE) {
			err = aml_fail(c, AML_ETYPE, "cannot store a %s into %s %.4s",
				       aml_type_name(val->type), aml_type_name(o->type), n->name);
			break;
		}
		err = aml_convert_to(c, val, o->type, &conv);
		if (!err && conv == val) {
			aml_obj_put(conv);
			err = aml_obj_copy(val, &conv);
		}
		if (!err) {
			aml_ns_set(n, conv);
			aml_obj_put(conv);
		}
		break;
	case AML_BUFFER:
		if (!aml_is_data(val) || val->type == AML_PACKAGE)
			err = aml_fail(c, AML_ETYPE, "cannot store a %s into Buffer %.4s",
				       aml_type_name(val->type), n->name);
		else
			err = store_to_buffer(c, o, val);
		break;
	case AML_PACKAGE:
	case AML_UNINITIALIZED:
	case AML_REFERENCE:
		err = aml_obj_take(val, &conv);
		if (!err) {
			aml_ns_set(n, conv);
			aml_obj_put(conv);
		}
		break;
	default:
		err = aml_fail(c, AML_ETYPE, "cannot store into %s %.4s",
			       aml_type_name(o ? o->type : AML_SCOPE), n->name);
		break;
	}
	aml_obj_put(val);
	return err;
}

/* SLOT (a Local or Arg) takes VAL as it is. */
static int
store_to_slot(struct aml_object **slot, struct aml_object *val)
{
	struct aml_object *kept;
	int err = aml_obj_take(val, &kept);

	if (err)
		return err;
	aml_obj_put(*slot);
	*slot = kept;
	return 0;
}

static bool
holds_reference(const struct aml_object *o)
{
	return o && o->type == AML_REFERENCE && o->ref_kind != REF_NAME;
}

int
aml_store(struct aml_ctx *c, struct aml_object *val, struct aml_target *t)
{
	struct aml_object **slot;

	switch (t->kind) {
	case TGT_NULL:
		return 0;
	case TGT_DEBUG:
		aml_debug_print(val);
		return 0;
	case TGT_LOCAL:
		return store_to_slot(&c->frame->locals[t->index], val);
	case TGT_ARG:
		slot = &c->frame->args[t->index];
		if (holds_reference(*slot))
			return store_through(c, *slot, val);
		return store_to_slot(slot, val);
	case TGT_NODE:
		return store_to_node(c, t->node, val);
	default:
		return store_through(c, t->ref, val);
	}
}

int
aml_copy_object(struct aml_ctx *c, struct aml_object *val, struct aml_target *t)
{
	struct aml_object *kept;
	struct aml_node *n;
	int err;

	switch (t->kind) {
	case TGT_NODE:
		n = aml_node_resolve(t->node);
		if (!n->obj || n->obj->type == AML_METHOD || n->obj->type == AML_DEVICE ||
		    n->obj->type == AML_PROCESSOR || n->obj->type == AML_THERMAL_ZONE ||
		    n->obj->type == AML_POWER_RESOURCE)
			return aml_fail(c, AML_ETYPE, "CopyObject into %s %.4s",
					aml_type_name(aml_node_type(n)), n->name);
		err = aml_obj_take(val, &kept);
		if (err)
			return err;
		aml_ns_set(n, kept);
		aml_obj_put(kept);
		return 0;
	case TGT_ARG:
		return store_to_slot(&c->frame->args[t->index], val);
	case TGT_REF:
		if (t->ref->ref_kind == REF_NODE) {
			struct aml_target nt = { .kind = TGT_NODE, .node = t->ref->ref.node };

			return aml_copy_object(c, val, &nt);
		}
		return aml_store(c, val, t);
	default:
		return aml_store(c, val, t);
	}
}

/* ------------------------------------------------------------ reading targets */

int
aml_target_value(struct aml_ctx *c, struct aml_target *t, struct aml_object **out)
{
	struct aml_object *slot;

	*out = NULL;
	switch (t->kind) {
	case TGT_LOCAL:
	case TGT_ARG:
		slot = t->kind == TGT_LOCAL ? c->frame->locals[t->index] : c->frame->args[t->index];
		if (!slot || slot->type == AML_UNINITIALIZED)
			return aml_fail(c, AML_EUNINIT, "%s%d has no value",
					t->kind == TGT_LOCAL ? "Local" : "Arg", t->index);
		if (t->kind == TGT_ARG && holds_reference(slot)) {
			if (slot->ref_kind == REF_NODE)
				return aml_node_value(c, slot->ref.node, out);
			if (slot->ref_kind == REF_OBJECT) {
				*out = aml_obj_get(slot->ref.obj);
				return 0;
			}
			return aml_resolve_ref(c, slot, out);
		}
		*out = aml_obj_get(slot);
		return 0;
	case TGT_NODE:
		return aml_node_value(c, aml_node_resolve(t->node), out);
	case TGT_REF:
		if (t->ref->ref_kind == REF_NODE)
			return aml_node_value(c, t->ref->ref.node, out);
		if (t->ref->ref_kind == REF_OBJECT) {
			*out = aml_obj_get(t->ref->ref.obj);
			return 0;
		}
		return aml_resolve_ref(c, t->ref, out);
	default:
		return aml_fail(c, AML_ETYPE, "no value to read here");
	}
}
