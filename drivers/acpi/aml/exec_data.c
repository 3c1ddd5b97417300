/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/exec_data.c - operators on objects rather than on
 * numbers: Buffer and Package, Store and CopyObject, references (RefOf,
 * CondRefOf, DerefOf, Index), ObjectType, SizeOf, Increment, Match,
 * Notify, and the synchronisation operators (Acquire/Release,
 * Signal/Wait/Reset, Sleep, Stall).
 *
 * The idea for mutexes: there is one thread of AML, so Acquire never
 * waits.  It succeeds when the mutex is free or already ours (the count
 * nests), and keeps ACPI's ordering rule: no mutex of a lower SyncLevel
 * than one already held.  Release of a mutex not held is an error, and
 * whatever is still held when an evaluation ends is released then.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_ops.c, tests/unit/acpi/test_aml_exec.c
 */
#include "drivers/acpi/aml/internal.h"

/* ------------------------------------------------------------ Buffer, Package */

/* Buffer (Size) {bytes}: the larger of Size and the bytes given. */
int
aml_op_buffer(AML_OP_ARGS)
{
	const u8 *end, *saved_end = c->end;
	u64 size;
	u32 have;
	int err;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "Buffer: bad PkgLength");
	c->end = end;
	err = aml_eval_int(c, &size);
	c->end = saved_end;
	if (err)
		return err;
	have = (u32)(end - c->pc);
	if (size > AML_MAX_OBJECT_SIZE)
		return aml_fail(c, AML_EINDEX, "Buffer of 0x%llx bytes is too big",
				(unsigned long long)size);
	*out = aml_obj_buffer(NULL, MAX((u32)size, have));
	if (!*out)
		return -ENOMEM;
	if (have)
		memcpy((*out)->buffer.ptr, c->pc, have);
	c->pc = end;
	return 0;
}

/*
 * A name in a package: a data object's value is copied in, any other
 * object becomes a reference; a name not defined yet is kept as text and
 * looked up again after the load (aml_load_table()) or when used.
 */
static int
package_name(struct aml_ctx *c, struct aml_object **out)
{
	struct aml_name name;
	struct aml_node *n;
	char *path;
	int len;

	if (aml_parse_name(&c->pc, c->end, &name))
		return aml_fail(c, AML_EPARSE, "bad NameString in a package");
	n = aml_ns_find(c->scope, &name, true);
	if (n && aml_is_data(n->obj))
		return aml_obj_copy(n->obj, out);
	if (n) {
		*out = aml_obj_ref(REF_NODE, n, NULL, 0);
		return *out ? 0 : -ENOMEM;
	}
	len = aml_name_format(&name, NULL, 0);
	path = aml_alloc((size_t)len + 1);
	*out = path ? aml_obj_ref(REF_NAME, c->scope, NULL, 0) : NULL;
	if (!*out) {
		aml_free(path);
		return -ENOMEM;
	}
	aml_name_format(&name, path, (size_t)len + 1);
	(*out)->ref.path = path;
	return 0;
}

/* Package (n) {elements} and VarPackage (expr) {elements}. */
int
aml_op_package(AML_OP_ARGS)
{
	const u8 *end;
	struct aml_object *pkg;
	u64 count;
	int err = 0;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "%s: bad PkgLength", op->name);
	c->end = end;
	if (op->code == 0x12) {
		if (c->pc >= end)
			return aml_fail(c, AML_EPARSE, "Package: no element count");
		count = *c->pc++;
	} else {
		err = aml_eval_int(c, &count);
		if (err)
			return err;
	}
	if (count > AML_MAX_PACKAGE)
		return aml_fail(c, AML_EINDEX, "%s of %llu elements is too big", op->name,
				(unsigned long long)count);
	pkg = aml_obj_package((u32)count);
	if (!pkg)
		return -ENOMEM;
	/* Elements past the count are ignored (ACPICA warns and does the same). */
	for (u32 i = 0; c->pc < end && !err; i++) {
		struct aml_object *e = NULL, *kept;

		if (aml_is_name_start(*c->pc)) {
			err = package_name(c, &e);
		} else {
			err = aml_eval_arg(c, &e);
			if (!err && e->type == AML_REFERENCE && e->ref_kind != REF_NODE)
				err = aml_fail(c, AML_ETYPE, "a reference cannot be a package element");
		}
		if (!err && i < count) {
			err = aml_obj_take(e, &kept);
			if (!err)
				pkg->package.elems[i] = kept;
		}
		aml_obj_put(e);
	}
	if (err) {
		aml_obj_put(pkg);
		return err;
	}
	c->pc = end;
	*out = pkg;
	return 0;
}

/* ------------------------------------------------------------ Store and friends */

/* Store and CopyObject: evaluate the value, hand it with the Target that
 * follows to WRITE (aml_store or aml_copy_object), and give it back. */
static int
write_to_target(struct aml_ctx *c,
		int (*write)(struct aml_ctx *, struct aml_object *, struct aml_target *),
		struct aml_object **out)
{
	struct aml_object *v;
	struct aml_target t;
	int err;

	err = aml_eval_arg(c, &v);
	if (err)
		return err;
	err = aml_parse_target(c, &t, 0);
	if (!err)
		err = write(c, v, &t);
	aml_target_put(&t);
	if (err) {
		aml_obj_put(v);
		return err;
	}
	*out = v;
	return 0;
}

int
aml_op_store(AML_OP_ARGS)
{
	return write_to_target(c, aml_store, out);
}

int
aml_op_copyobject(AML_OP_ARGS)
{
	return write_to_target(c, aml_copy_object, out);
}

/* Increment (x) / Decrement (x): read, add or subtract one, store back. */
int
aml_op_incdec(AML_OP_ARGS)
{
	struct aml_object *v, *r;
	struct aml_target t;
	u64 n;
	int err;

	err = aml_parse_target(c, &t, 0);
	if (err)
		return err;
	err = aml_target_value(c, &t, &v);
	if (!err) {
		err = aml_to_integer(c, v, false, &n);
		aml_obj_put(v);
	}
	if (!err) {
		r = aml_obj_int(op->code == 0x75 ? n + 1 : n - 1);
		err = r ? aml_store(c, r, &t) : -ENOMEM;
		if (err)
			aml_obj_put(r);
		else
			*out = r;
	}
	aml_target_put(&t);
	return err;
}

/* ------------------------------------------------------------ references */

/* The reference RefOf(target) makes. */
static int
make_ref(struct aml_ctx *c, struct aml_target *t, struct aml_object **out)
{
	struct aml_object **slot;

	*out = NULL;
	switch (t->kind) {
	case TGT_NODE:
		*out = aml_obj_ref(REF_NODE, aml_node_resolve(t->node), NULL, 0);
		break;
	case TGT_REF:
		*out = aml_obj_get(t->ref);
		return 0;
	case TGT_LOCAL:
	case TGT_ARG:
		slot = t->kind == TGT_LOCAL ? &c->frame->locals[t->index] : &c->frame->args[t->index];
		if (*slot && (*slot)->type == AML_REFERENCE) {
			*out = aml_obj_get(*slot);
			return 0;
		}
		if (!*slot) {	/* a placeholder the reference can fill later */
			*slot = aml_obj_new(AML_UNINITIALIZED);
			if (!*slot)
				return -ENOMEM;
		}
		*out = aml_obj_ref(REF_OBJECT, NULL, *slot, 0);
		break;
	default:
		return aml_fail(c, AML_ETYPE, "RefOf: no object to refer to");
	}
	return *out ? 0 : -ENOMEM;
}

int
aml_op_refof(AML_OP_ARGS)
{
	struct aml_target t;
	int err;

	err = aml_parse_target(c, &t, 0);
	if (!err)
		err = make_ref(c, &t, out);
	aml_target_put(&t);
	return err;
}

/* CondRefOf (Name, Target): Ones and the reference if NAME exists, else Zero. */
int
aml_op_condrefof(AML_OP_ARGS)
{
	struct aml_object *ref = NULL;
	struct aml_target t;
	bool exists;
	int err;

	err = aml_parse_target(c, &t, TARGET_MISSINGOK);
	if (err)
		return err;
	exists = t.kind != TGT_NULL;
	if (exists)
		err = make_ref(c, &t, &ref);
	aml_target_put(&t);
	if (!err && ref) {
		err = aml_parse_target(c, &t, TARGET_NULLOK);
		if (!err)
			err = aml_store(c, ref, &t);
		aml_target_put(&t);
	} else if (!err) {
		struct aml_target skip;

		err = aml_parse_target(c, &skip, TARGET_NULLOK);
		aml_target_put(&skip);
	}
	aml_obj_put(ref);
	if (err)
		return err;
	*out = aml_obj_int(exists ? ~0ull : 0);
	return *out ? 0 : -ENOMEM;
}

int
aml_op_derefof(AML_OP_ARGS)
{
	struct aml_object *v;
	int err;

	err = aml_eval_arg(c, &v);
	if (err)
		return err;
	if (v->type == AML_STRING) {
		struct aml_node *n = aml_ns_find_text(c->scope, v->string.ptr, true);

		aml_obj_put(v);
		if (!n)
			return aml_fail(c, AML_EUNDEFINED, "DerefOf: name not found");
		return aml_node_value(c, n, out);
	}
	if (v->type != AML_REFERENCE) {
		err = aml_fail(c, AML_ETYPE, "DerefOf a %s", aml_type_name(v->type));
	} else if (v->ref_kind == REF_NODE) {
		err = aml_node_value(c, v->ref.node, out);
	} else if (v->ref_kind == REF_OBJECT) {
		*out = aml_obj_get(v->ref.obj);
		if ((*out)->type == AML_UNINITIALIZED) {
			aml_obj_put(*out);
			*out = NULL;
			err = aml_fail(c, AML_EUNINIT, "DerefOf: the object has no value");
		}
	} else {
		err = aml_resolve_ref(c, v, out);
	}
	aml_obj_put(v);
	return err;
}

/* Index (Source, Index, Target): a reference to one element. */
int
aml_op_index(AML_OP_ARGS)
{
	struct aml_object *src, *ref;
	u64 i;
	u32 count = 0;
	int err;

	err = aml_eval_data(c, &src);
	if (err)
		return err;
	err = aml_eval_int(c, &i);
	if (!err) {
		switch (src->type) {
		case AML_PACKAGE: count = src->package.count; break;
		case AML_BUFFER: count = src->buffer.len; break;
		case AML_STRING: count = src->string.len; break;
		default:
			err = aml_fail(c, AML_ETYPE, "Index into a %s", aml_type_name(src->type));
			break;
		}
	}
	if (!err && i >= count)
		err = aml_fail(c, AML_EINDEX, "Index %llu beyond %s(%u)", (unsigned long long)i,
			       aml_type_name(src->type), count);
	if (err) {
		aml_obj_put(src);
		return err;
	}
	ref = aml_obj_ref(REF_INDEX, NULL, src, (u32)i);
	aml_obj_put(src);
	return aml_store_result(c, ref, out);
}

/* The object a target stands for, references followed (ObjectType, SizeOf). */
static int
target_object(struct aml_ctx *c, struct aml_target *t, int *type, struct aml_object **obj)
{
	struct aml_object *o = NULL;
	struct aml_node *n = NULL;

	*obj = NULL;
	switch (t->kind) {
	case TGT_DEBUG:
		*type = AML_DEBUG_OBJECT;
		return 0;
	case TGT_NULL:
		return aml_fail(c, AML_ETYPE, "no object");
	case TGT_LOCAL:
		o = c->frame->locals[t->index];
		break;
	case TGT_ARG:
		o = c->frame->args[t->index];
		break;
	case TGT_NODE:
		n = aml_node_resolve(t->node);
		break;
	default:
		o = t->ref;
		break;
	}
	for (int step = 0; step < 4 && o && o->type == AML_REFERENCE && !n; step++) {
		if (o->ref_kind == REF_NODE) {
			n = o->ref.node;
		} else if (o->ref_kind == REF_OBJECT) {
			o = o->ref.obj;
		} else if (o->ref_kind == REF_INDEX) {
			struct aml_object *p = o->ref.obj;

			if (p->type != AML_PACKAGE) {
				*type = AML_INTEGER;	/* a byte of a buffer or string */
				return 0;
			}
			o = o->ref.index < p->package.count ? p->package.elems[o->ref.index] : NULL;
		} else {
			break;
		}
	}
	if (n) {
		o = n->obj;
		*type = aml_node_type(n);
		if (*type == AML_SCOPE)
			*type = AML_UNINITIALIZED;
	} else {
		*type = o ? o->type : AML_UNINITIALIZED;
	}
	*obj = o;
	return 0;
}

int
aml_op_objecttype(AML_OP_ARGS)
{
	struct aml_object *o;
	struct aml_target t;
	int type, err;

	err = aml_parse_target(c, &t, 0);
	if (!err)
		err = target_object(c, &t, &type, &o);
	aml_target_put(&t);
	if (err)
		return err;
	if (type == AML_REFERENCE)
		type = AML_UNINITIALIZED;
	*out = aml_obj_int((u64)type);
	return *out ? 0 : -ENOMEM;
}

int
aml_op_sizeof(AML_OP_ARGS)
{
	struct aml_object *o;
	struct aml_target t;
	int type, err;
	u64 n;

	err = aml_parse_target(c, &t, 0);
	if (!err)
		err = target_object(c, &t, &type, &o);
	aml_target_put(&t);
	if (err)
		return err;
	if (!o)
		return aml_fail(c, AML_EUNINIT, "SizeOf: no value");
	switch (o->type) {
	case AML_INTEGER: n = aml_int_bits / 8; break;	/* as ACPICA */
	case AML_STRING: n = o->string.len; break;
	case AML_BUFFER: n = o->buffer.len; break;
	case AML_PACKAGE: n = o->package.count; break;
	default:
		return aml_fail(c, AML_ETYPE, "SizeOf a %s", aml_type_name(o->type));
	}
	*out = aml_obj_int(n);
	return *out ? 0 : -ENOMEM;
}

/* ------------------------------------------------------------ Match */

/*
 * Element E against the match object V by Match operator OP: E is
 * converted to V's type (as ACPICA does: "10" matches 0x10), then
 * MEQ E == V, MLE E <= V, MLT E < V, MGE E >= V, MGT E > V.  An element
 * that does not convert does not match.
 */
static bool
match_one(struct aml_ctx *c, struct aml_object *e, u8 op, struct aml_object *v)
{
	struct aml_object *conv;
	int cmp = 0;

	if (op == 0)		/* MTR: always */
		return true;
	if (v->type != AML_INTEGER && v->type != AML_STRING && v->type != AML_BUFFER)
		return false;
	if (aml_convert_to(c, e, v->type, &conv))
		return false;
	if (v->type == AML_INTEGER) {
		cmp = conv->integer < v->integer ? -1 : conv->integer > v->integer;
	} else {
		const u8 *a = v->type == AML_STRING ? (const u8 *)conv->string.ptr : conv->buffer.ptr;
		const u8 *b = v->type == AML_STRING ? (const u8 *)v->string.ptr : v->buffer.ptr;
		u32 la = v->type == AML_STRING ? conv->string.len : conv->buffer.len;
		u32 lb = v->type == AML_STRING ? v->string.len : v->buffer.len;
		u32 n = MIN(la, lb);

		cmp = n ? memcmp(a, b, n) : 0;
		if (!cmp)
			cmp = la < lb ? -1 : la > lb;
	}
	aml_obj_put(conv);
	switch (op) {
	case 1: return cmp == 0;	/* MEQ */
	case 2: return cmp <= 0;	/* MLE */
	case 3: return cmp < 0;		/* MLT */
	case 4: return cmp >= 0;	/* MGE */
	case 5: return cmp > 0;		/* MGT */
	default: return false;
	}
}

/* Match (Package, Op1, Obj1, Op2, Obj2, Start): the first index from
 * Start whose element satisfies both, or Ones. */
int
aml_op_match(AML_OP_ARGS)
{
	struct aml_object *pkg = NULL, *v1 = NULL, *v2 = NULL;
	u64 start = 0, found = ~0ull;
	u8 op1 = 0, op2 = 0;
	int err;

	err = aml_eval_data(c, &pkg);
	if (!err && c->pc < c->end)
		op1 = *c->pc++;
	if (!err)
		err = aml_eval_data(c, &v1);
	if (!err && c->pc < c->end)
		op2 = *c->pc++;
	if (!err)
		err = aml_eval_data(c, &v2);
	if (!err)
		err = aml_eval_int(c, &start);
	if (!err && pkg->type != AML_PACKAGE)
		err = aml_fail(c, AML_ETYPE, "Match in a %s", aml_type_name(pkg->type));
	if (!err && (op1 > 5 || op2 > 5))
		err = aml_fail(c, AML_EPARSE, "Match operator %u", MAX(op1, op2));
	if (!err && start >= pkg->package.count)
		err = aml_fail(c, AML_EINDEX, "Match start %llu beyond Package(%u)",
			       (unsigned long long)start, pkg->package.count);
	for (u64 i = start; !err && i < pkg->package.count; i++) {
		struct aml_object *e = pkg->package.elems[i];

		if (!e || !(e->type == AML_INTEGER || e->type == AML_STRING ||
			    e->type == AML_BUFFER))
			continue;
		if (match_one(c, e, op1, v1) && match_one(c, e, op2, v2)) {
			found = i;
			break;
		}
	}
	if (!err)
		c->msg[0] = '\0';	/* failed conversions only mean "no match" */
	aml_obj_put(pkg);
	aml_obj_put(v1);
	aml_obj_put(v2);
	if (err)
		return err;
	*out = aml_obj_int(found);
	return *out ? 0 : -ENOMEM;
}

/* ------------------------------------------------------------ Notify, time */

/* The node a SuperName names (directly, or through a reference). */
static int
target_node(struct aml_ctx *c, struct aml_target *t, struct aml_node **out)
{
	struct aml_object *o = NULL;

	if (t->kind == TGT_NODE) {
		*out = aml_node_resolve(t->node);
		return 0;
	}
	if (t->kind == TGT_LOCAL)
		o = c->frame->locals[t->index];
	else if (t->kind == TGT_ARG)
		o = c->frame->args[t->index];
	else if (t->kind == TGT_REF)
		o = t->ref;
	if (o && o->type == AML_REFERENCE && o->ref_kind == REF_NODE) {
		*out = o->ref.node;
		return 0;
	}
	return aml_fail(c, AML_ETYPE, "not a named object");
}

int
aml_op_notify(AML_OP_ARGS)
{
	struct aml_target t;
	struct aml_node *n;
	char path[96];
	u64 value;
	int err, type;

	err = aml_parse_target(c, &t, 0);
	if (!err)
		err = target_node(c, &t, &n);
	if (!err)
		err = aml_eval_int(c, &value);
	if (!err) {
		type = aml_node_type(n);
		if (type != AML_DEVICE && type != AML_PROCESSOR && type != AML_THERMAL_ZONE &&
		    type != AML_POWER_RESOURCE)
			err = aml_fail(c, AML_ETYPE, "Notify on a %s", aml_type_name(type));
	}
	/*
	 * The OS delivers a Notify after the method returns (aml.h), and a
	 * name the running method made is deleted by then: such a Notify
	 * could only reach a freed node, so it is dropped, loudly.
	 */
	if (!err && (n->flags & NODE_TEMP)) {
		aml_node_path(n, path, sizeof(path));
		pr_warn("aml: Notify(%s, 0x%llx): a name the method made and deletes on return; not delivered\n",
			path, (unsigned long long)value);
	} else if (!err) {
		if (aml_trace) {
			aml_node_path(n, path, sizeof(path));
			printk("aml: %*sNotify(%s, 0x%llx)\n", 2 * c->depth, "", path,
			       (unsigned long long)value);
		}
		aml_os_notify(n, (u32)value);
	}
	aml_target_put(&t);
	return err;
}

#define AML_MAX_STALL_US	255	/* ACPICA refuses more too */
#define AML_MAX_SLEEP_MS	10000	/* longer sleeps are cut, with a warning */
/*
 * Sleep and Stall spend time, not opcodes: While (One) { Sleep (10000) }
 * would stay under the opcode budget for months and hold kacpid (and
 * every acpi_worker_call() behind it).  So all the waiting one
 * evaluation does is counted too, and more than this fails it.
 */
#define AML_MAX_WAIT_US		(30 * 1000000ULL)

static int
charge_wait(struct aml_ctx *c, u64 us)
{
	if (c->waited_us + us > AML_MAX_WAIT_US)
		return aml_fail(c, AML_ELOOP, "Sleep and Stall add up to more than %llu s",
				AML_MAX_WAIT_US / 1000000);
	c->waited_us += us;
	return 0;
}

int
aml_op_stall(AML_OP_ARGS)
{
	u64 us;
	int err = aml_eval_int(c, &us);

	if (err)
		return err;
	if (us > AML_MAX_STALL_US)
		return aml_fail(c, AML_EINDEX, "Stall of %llu us (at most %d)",
				(unsigned long long)us, AML_MAX_STALL_US);
	err = charge_wait(c, us);
	if (err)
		return err;
	aml_os_stall((u32)us);
	return 0;
}

int
aml_op_sleep(AML_OP_ARGS)
{
	u64 ms;
	int err = aml_eval_int(c, &ms);

	if (err)
		return err;
	if (ms > AML_MAX_SLEEP_MS) {
		char path[96];

		aml_node_path(aml_ctx_method(c), path, sizeof(path));
		pr_warn("aml: %s: Sleep of %llu ms cut to %d\n", path, (unsigned long long)ms,
			AML_MAX_SLEEP_MS);
		ms = AML_MAX_SLEEP_MS;
	}
	err = charge_wait(c, ms * 1000);
	if (err)
		return err;
	aml_os_sleep((u32)ms);
	return 0;
}

int
aml_op_timer(AML_OP_ARGS)
{
	*out = aml_obj_int(aml_os_timer());
	return *out ? 0 : -ENOMEM;
}

/* ------------------------------------------------------------ mutexes and events */

#define AML_MAX_HELD	16	/* mutexes held at once */

static struct aml_object *held[AML_MAX_HELD];	/* each with a reference */
static int nr_held;
static u8 current_sync;		/* highest SyncLevel held */

/* The object of TYPE the SuperName at c->pc names. */
static int
sync_object(struct aml_ctx *c, int type, struct aml_object **out)
{
	struct aml_target t;
	struct aml_node *n;
	int err = aml_parse_target(c, &t, 0);

	if (!err)
		err = target_node(c, &t, &n);
	if (!err && (!n->obj || n->obj->type != type))
		err = aml_fail(c, AML_ETYPE, "%.4s is not a %s", n->name, aml_type_name(type));
	if (!err)
		*out = n->obj;
	aml_target_put(&t);
	return err;
}

int
aml_op_acquire(AML_OP_ARGS)
{
	struct aml_object *m;
	u64 timeout;
	int err;

	err = sync_object(c, AML_MUTEX, &m);
	if (err)
		return err;
	if (c->end - c->pc < 2)
		return aml_fail(c, AML_EPARSE, "Acquire: truncated");
	timeout = c->pc[0] | c->pc[1] << 8;
	c->pc += 2;
	(void)timeout;		/* one thread: a mutex is free or ours */
	if (m->mutex.depth) {
		m->mutex.depth++;
	} else {
		if (m->mutex.sync_level < current_sync)
			return aml_fail(c, AML_EMUTEX, "Acquire of SyncLevel %u while holding %u",
					m->mutex.sync_level, current_sync);
		if (nr_held == AML_MAX_HELD)
			return aml_fail(c, AML_EMUTEX, "more than %d mutexes held", AML_MAX_HELD);
		held[nr_held++] = aml_obj_get(m);
		m->mutex.depth = 1;
		m->mutex.prev_level = current_sync;
		current_sync = m->mutex.sync_level;
	}
	*out = aml_obj_int(0);	/* 0: acquired (Ones would mean timed out) */
	return *out ? 0 : -ENOMEM;
}

static void
mutex_drop(struct aml_object *m)
{
	for (int i = 0; i < nr_held; i++) {
		if (held[i] != m)
			continue;
		held[i] = held[--nr_held];
		held[nr_held] = NULL;
		aml_obj_put(m);
		return;
	}
}

int
aml_op_release(AML_OP_ARGS)
{
	struct aml_object *m;
	int err;

	err = sync_object(c, AML_MUTEX, &m);
	if (err)
		return err;
	if (!m->mutex.depth)
		return aml_fail(c, AML_EMUTEX, "Release of a mutex not held");
	if (--m->mutex.depth == 0) {
		current_sync = m->mutex.prev_level;
		mutex_drop(m);
	}
	return 0;
}

/*
 * A Serialized method entered (ACPI 6.x, 19.6.85): it holds an implicit
 * mutex of its SyncLevel, so the same ordering rule applies, and while it
 * runs nothing of a lower SyncLevel may be acquired.  Entering it again
 * from inside (recursion, the one thread) changes nothing.  *SAVED gets
 * what aml_sync_leave() restores.
 */
int
aml_sync_enter(struct aml_ctx *c, struct aml_object *m, u8 *saved)
{
	u8 level = m->method.flags >> 4;

	*saved = current_sync;
	if (m->method.serial_depth)
		return 0;
	if (level < current_sync)
		return aml_fail(c, AML_EMUTEX, "Serialized method of SyncLevel %u called "
				"while holding %u", level, current_sync);
	current_sync = level;
	return 0;
}

void
aml_sync_leave(u8 saved)
{
	current_sync = saved;
}

void
aml_release_all_mutexes(void)
{
	while (nr_held) {
		struct aml_object *m = held[--nr_held];

		held[nr_held] = NULL;
		m->mutex.depth = 0;
		aml_obj_put(m);
	}
	current_sync = 0;
}

int
aml_op_signal(AML_OP_ARGS)
{
	struct aml_object *e;
	int err = sync_object(c, AML_EVENT, &e);

	if (!err && e->event.count < 0xFFFFFFFFu)
		e->event.count++;
	return err;
}

int
aml_op_reset(AML_OP_ARGS)
{
	struct aml_object *e;
	int err = sync_object(c, AML_EVENT, &e);

	if (!err)
		e->event.count = 0;
	return err;
}

/* Wait (Event, Timeout): Zero if signalled, else Ones at once (nobody
 * else could signal it while we wait). */
int
aml_op_wait(AML_OP_ARGS)
{
	struct aml_object *e;
	u64 timeout;
	int err;

	err = sync_object(c, AML_EVENT, &e);
	if (!err)
		err = aml_eval_int(c, &timeout);
	if (err)
		return err;
	if (e->event.count) {
		e->event.count--;
		*out = aml_obj_int(0);
	} else {
		*out = aml_obj_int(~0ull);
	}
	return *out ? 0 : -ENOMEM;
}
