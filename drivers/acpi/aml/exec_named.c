/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/exec_named.c - operators that make names: Name, Scope,
 * Device, Method, Mutex, Event, Alias, OperationRegion, Field and its
 * kin, CreateXField, Processor, PowerResource, ThermalZone, External.
 *
 * The idea: these run like any operator.  At load they build the
 * namespace from the table's top-level code; inside a method they make
 * names that live until the method returns (aml_ns_create() puts them on
 * the frame's list).  A declaration's path may be absolute and several
 * segments long (QEMU writes Device(\_SB.PCI0.MHPD)); its parent must
 * exist already.  A Method records its byte range and nothing else.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_namespace.c, tests/unit/acpi/test_aml_qemu.c
 */
#include "drivers/acpi/aml/internal.h"

static int
parse_name(struct aml_ctx *c, struct aml_name *name)
{
	if (aml_parse_name(&c->pc, c->end, name))
		return aml_fail(c, AML_EPARSE, "bad NameString");
	return 0;
}

/* Make NAME hold OBJ (consumed), with a message on failure. */
static int
create(struct aml_ctx *c, const struct aml_name *name, struct aml_object *obj,
       struct aml_node **out)
{
	struct aml_node *n;
	char text[64];
	int err;

	if (!obj)
		return -ENOMEM;
	err = aml_ns_create(c, c->scope, name, obj, &n);
	aml_obj_put(obj);
	if (err) {
		aml_name_format(name, text, sizeof(text));
		if (err == -AML_EEXIST)
			return aml_fail(c, AML_EEXIST, "%s already exists", text);
		if (err == -AML_EUNDEFINED)
			return aml_fail(c, AML_EUNDEFINED, "%s: parent scope not found", text);
		return aml_fail(c, -err, "%s: cannot be made", text);
	}
	if (out)
		*out = n;
	return 0;
}

/* Find NAME as a reference from the current scope (with the upward search). */
static int
find(struct aml_ctx *c, const struct aml_name *name, struct aml_node **out)
{
	char text[64];

	*out = aml_ns_find(c->scope, name, true);
	if (*out)
		return 0;
	aml_name_format(name, text, sizeof(text));
	return aml_fail(c, AML_EUNDEFINED, "%s not found", text);
}

/* Run the TermList [c->pc, END) with NODE as the scope, then continue at END. */
static int
run_in_scope(struct aml_ctx *c, struct aml_node *node, const u8 *end)
{
	struct aml_node *saved = c->scope;
	int err;

	c->scope = node;
	err = aml_exec_list(c, end);
	c->scope = saved;
	c->pc = end;
	return err;
}

static int
read_bytes(struct aml_ctx *c, unsigned int n, u64 *out)
{
	*out = 0;
	if ((size_t)(c->end - c->pc) < n)
		return aml_fail(c, AML_EPARSE, "truncated operand");
	for (unsigned int i = 0; i < n; i++)
		*out |= (u64)c->pc[i] << (8 * i);
	c->pc += n;
	return 0;
}

int
aml_op_name(AML_OP_ARGS)
{
	struct aml_object *v, *kept;
	struct aml_name name;
	int err;

	err = parse_name(c, &name);
	if (!err)
		err = aml_eval_arg(c, &v);
	if (err)
		return err;
	err = aml_obj_take(v, &kept);
	aml_obj_put(v);
	if (err)
		return err;
	return create(c, &name, kept, NULL);
}

int
aml_op_scope(AML_OP_ARGS)
{
	struct aml_name name;
	struct aml_node *n;
	const u8 *end;
	int err;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "Scope: bad PkgLength");
	c->end = end;	/* restored by the caller's list */
	err = parse_name(c, &name);
	if (!err)
		err = find(c, &name, &n);
	if (err)
		return err;
	return run_in_scope(c, n, end);
}

/* Device, ThermalZone, Processor, PowerResource: a node and a body. */
static int
scoped_object(struct aml_ctx *c, struct aml_object *obj, const struct aml_name *name,
	      const u8 *end)
{
	struct aml_node *n;
	int err = create(c, name, obj, &n);

	if (err)
		return err;
	return run_in_scope(c, n, end);
}

static int
begin_scoped(struct aml_ctx *c, const struct aml_opinfo *op, struct aml_name *name,
	     const u8 **end)
{
	if (aml_parse_pkglength(&c->pc, c->end, end))
		return aml_fail(c, AML_EPARSE, "%s: bad PkgLength", op->name);
	c->end = *end;
	return parse_name(c, name);
}

int
aml_op_device(AML_OP_ARGS)
{
	struct aml_name name;
	const u8 *end;
	int err = begin_scoped(c, op, &name, &end);

	if (err)
		return err;
	return scoped_object(c, aml_obj_new(AML_DEVICE), &name, end);
}

int
aml_op_thermalzone(AML_OP_ARGS)
{
	struct aml_name name;
	const u8 *end;
	int err = begin_scoped(c, op, &name, &end);

	if (err)
		return err;
	return scoped_object(c, aml_obj_new(AML_THERMAL_ZONE), &name, end);
}

/* Processor (Name, ProcID, PblkAddr, PblkLen) {...}: the legacy CPU object. */
int
aml_op_processor(AML_OP_ARGS)
{
	struct aml_object *o;
	struct aml_name name;
	const u8 *end;
	u64 id, pblk, len;
	int err = begin_scoped(c, op, &name, &end);

	if (!err)
		err = read_bytes(c, 1, &id);
	if (!err)
		err = read_bytes(c, 4, &pblk);
	if (!err)
		err = read_bytes(c, 1, &len);
	if (err)
		return err;
	o = aml_obj_new(AML_PROCESSOR);
	if (o) {
		o->processor.id = (u8)id;
		o->processor.pblk = (u32)pblk;
		o->processor.pblk_len = (u8)len;
	}
	return scoped_object(c, o, &name, end);
}

int
aml_op_powerres(AML_OP_ARGS)
{
	struct aml_object *o;
	struct aml_name name;
	const u8 *end;
	u64 level, order;
	int err = begin_scoped(c, op, &name, &end);

	if (!err)
		err = read_bytes(c, 1, &level);
	if (!err)
		err = read_bytes(c, 2, &order);
	if (err)
		return err;
	o = aml_obj_new(AML_POWER_RESOURCE);
	if (o) {
		o->power.level = (u8)level;
		o->power.order = (u16)order;
	}
	return scoped_object(c, o, &name, end);
}

/* Method (Name, Flags) {body}: only the body's extent is recorded. */
int
aml_op_method(AML_OP_ARGS)
{
	struct aml_object *o;
	struct aml_name name;
	const u8 *end;
	u64 flags;
	int err = begin_scoped(c, op, &name, &end);

	if (!err)
		err = read_bytes(c, 1, &flags);
	if (err)
		return err;
	o = aml_obj_new(AML_METHOD);
	if (o) {
		o->method.flags = (u8)flags;
		o->method.start = c->pc;
		o->method.end = end;
	}
	c->pc = end;
	return create(c, &name, o, NULL);
}

int
aml_op_mutex(AML_OP_ARGS)
{
	struct aml_object *o;
	struct aml_name name;
	u64 sync;
	int err;

	err = parse_name(c, &name);
	if (!err)
		err = read_bytes(c, 1, &sync);
	if (err)
		return err;
	o = aml_obj_new(AML_MUTEX);
	if (o)
		o->mutex.sync_level = sync & 0x0F;
	return create(c, &name, o, NULL);
}

int
aml_op_event(AML_OP_ARGS)
{
	struct aml_name name;
	int err;

	err = parse_name(c, &name);
	if (err)
		return err;
	return create(c, &name, aml_obj_new(AML_EVENT), NULL);
}

/* Alias (Source, Alias): a second name for an existing object. */
int
aml_op_alias(AML_OP_ARGS)
{
	struct aml_name src, name;
	struct aml_node *target, *n;
	int err;

	err = parse_name(c, &src);
	if (!err)
		err = parse_name(c, &name);
	if (!err)
		err = find(c, &src, &target);
	if (err)
		return err;
	err = aml_ns_create(c, c->scope, &name, NULL, &n);
	if (err) {
		char text[64];

		aml_name_format(&name, text, sizeof(text));
		return aml_fail(c, -err, "Alias %s: %s", text, aml_strerror(err));
	}
	n->alias = aml_node_resolve(target);
	aml_node_get(n->alias);
	return 0;
}

/* External (Name, Type, ArgCount): a compiler's note; nothing to make. */
int
aml_op_external(AML_OP_ARGS)
{
	struct aml_name name;
	u64 skip;
	int err;

	err = parse_name(c, &name);
	if (!err)
		err = read_bytes(c, 2, &skip);
	return err;
}

/* OperationRegion (Name, Space, Offset, Length). */
int
aml_op_region(AML_OP_ARGS)
{
	struct aml_object *o;
	struct aml_name name;
	u64 space, offset, len;
	int err;

	err = parse_name(c, &name);
	if (!err)
		err = read_bytes(c, 1, &space);
	if (!err)
		err = aml_eval_int(c, &offset);
	if (!err)
		err = aml_eval_int(c, &len);
	if (err)
		return err;
	o = aml_obj_new(AML_REGION);
	if (o) {
		o->region.space = (u8)space;
		o->region.offset = offset;
		o->region.len = len;
		o->region.dev = c->scope;
		aml_node_get(c->scope);
	}
	return create(c, &name, o, NULL);
}

/* The object a field declaration names, which must be of TYPE. */
static int
find_typed(struct aml_ctx *c, int type, struct aml_object **out)
{
	struct aml_name name;
	struct aml_node *n;
	char text[64];
	int err;

	err = parse_name(c, &name);
	if (!err)
		err = find(c, &name, &n);
	if (err)
		return err;
	if (!n->obj || n->obj->type != type) {
		aml_name_format(&name, text, sizeof(text));
		return aml_fail(c, AML_ETYPE, "%s is not a %s", text, aml_type_name(type));
	}
	*out = n->obj;
	return 0;
}

static int
field_flags(struct aml_ctx *c, u8 *flags)
{
	u64 v;
	int err = read_bytes(c, 1, &v);

	*flags = (u8)v;
	return err;
}

/* Field (Region, Flags) {units}. */
int
aml_op_field(AML_OP_ARGS)
{
	struct aml_field tmpl = { .kind = FIELD_REGION };
	const u8 *end;
	u8 flags;
	int err;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "%s: bad PkgLength", op->name);
	c->end = end;
	err = find_typed(c, AML_REGION, &tmpl.region);
	if (!err)
		err = field_flags(c, &flags);
	if (err)
		return err;
	return aml_parse_field_list(c, end, flags, &tmpl);
}

/* IndexField (IndexName, DataName, Flags) {units}: data reached through
 * an index register. */
int
aml_op_indexfield(AML_OP_ARGS)
{
	struct aml_field tmpl = { .kind = FIELD_INDEX };
	const u8 *end;
	u8 flags;
	int err;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "%s: bad PkgLength", op->name);
	c->end = end;
	err = find_typed(c, AML_FIELD_UNIT, &tmpl.index);
	if (!err)
		err = find_typed(c, AML_FIELD_UNIT, &tmpl.data);
	if (!err)
		err = field_flags(c, &flags);
	if (err)
		return err;
	return aml_parse_field_list(c, end, flags, &tmpl);
}

/* BankField (Region, BankName, BankValue, Flags) {units}: the bank
 * register is written with BankValue before each access. */
int
aml_op_bankfield(AML_OP_ARGS)
{
	struct aml_field tmpl = { .kind = FIELD_BANK };
	const u8 *end;
	u8 flags;
	int err;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "%s: bad PkgLength", op->name);
	c->end = end;
	err = find_typed(c, AML_REGION, &tmpl.region);
	if (!err)
		err = find_typed(c, AML_FIELD_UNIT, &tmpl.bank);
	if (!err)
		err = aml_eval_int(c, &tmpl.bank_value);
	if (!err)
		err = field_flags(c, &flags);
	if (err)
		return err;
	return aml_parse_field_list(c, end, flags, &tmpl);
}

/*
 * CreateBitField/ByteField/WordField/DWordField/QWordField (Buffer, Index,
 * Name) and CreateField (Buffer, BitIndex, NumBits, Name): a window on
 * the buffer object itself, so writes through it change the buffer.
 */
int
aml_op_createfield(AML_OP_ARGS)
{
	struct aml_object *buf, *o;
	struct aml_name name;
	u64 index, bits = 0, offset;
	int err;

	err = aml_eval_data(c, &buf);
	if (err)
		return err;
	err = aml_eval_int(c, &index);
	if (!err && op->code == 0x5B13)
		err = aml_eval_int(c, &bits);
	if (!err)
		err = parse_name(c, &name);
	if (!err && buf->type != AML_BUFFER)
		err = aml_fail(c, AML_ETYPE, "%s: source is a %s, not a Buffer", op->name,
			       aml_type_name(buf->type));
	if (err)
		goto out;
	switch (op->code) {
	case 0x8D: offset = index; bits = 1; break;
	case 0x8C: offset = index * 8; bits = 8; break;
	case 0x8B: offset = index * 8; bits = 16; break;
	case 0x8A: offset = index * 8; bits = 32; break;
	case 0x8F: offset = index * 8; bits = 64; break;
	default: offset = index; break;
	}
	if (!bits || index > 0xFFFFFFFFull || bits > 0xFFFFFFFFull ||
	    offset + bits > (u64)buf->buffer.len * 8) {
		err = aml_fail(c, AML_EINDEX, "%s: bits %llu+%llu outside Buffer(%u)", op->name,
			       (unsigned long long)offset, (unsigned long long)bits,
			       buf->buffer.len);
		goto out;
	}
	o = aml_obj_new(AML_BUFFER_FIELD);
	if (o) {
		o->bfield.buf = aml_obj_get(buf);
		o->bfield.bit_offset = (u32)offset;
		o->bfield.bit_len = (u32)bits;
		/* ACPICA (for Windows) reads a CreateField field as a Buffer
		 * whatever its width; the fixed-size ones as Integers. */
		o->bfield.as_buffer = op->code == 0x5B13;
	}
	err = create(c, &name, o, NULL);
out:
	aml_obj_put(buf);
	return err;
}
