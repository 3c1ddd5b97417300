/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/exec.c - running AML: the term loop, method calls,
 * control flow, the limits, and the simplest terms (Locals, Args,
 * constants).  Loading a table and aml_eval() are table.c's.
 *
 * The idea: there is no parse tree.  aml_exec_term() decodes the operator
 * at the cursor and runs it at once; an operator's handler pulls its
 * operands by evaluating the terms that follow, so an expression is
 * evaluated by recursion as it is read.  If, Else and While know their
 * extent from their PkgLength and skip what is not run.  A method body
 * is only bounded at load; a call points the cursor at it with a fresh
 * frame (Locals, Args, the names it makes) and puts the cursor back.
 *
 * Every way hostile AML could run forever or blow the stack is counted:
 * opcodes per evaluation, While iterations, call depth, and the bytes of
 * C stack used since the evaluation began (nested expressions and calls
 * both recurse).  A broken limit fails the evaluation with one message
 * naming the method and the table offset of the operator.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_exec.c, tests/unit/acpi/test_aml_qemu.c
 */
#include "drivers/acpi/aml/internal.h"

#ifdef HOTMEM_HOST
size_t aml_stack_budget = 1u << 20;	/* sanitizers make frames big */
#else
size_t aml_stack_budget = 8 * 1024;	/* of a 16 KiB task stack */
#endif
u64 aml_op_budget = AML_MAX_OPS;
bool aml_trace;

#define AML_REVISION	1	/* what the Revision opcode answers */

/* ------------------------------------------------------------ failures */

int
aml_fail(struct aml_ctx *c, int err, const char *fmt, ...)
{
	va_list ap;

	if (c && !c->msg[0] && !c->reported) {
		va_start(ap, fmt);
		vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
		va_end(ap);
	}
	return -err;
}

/* Out of line: the text buffer stays off the evaluator's recursion. */
__attribute__((noinline)) int
aml_fail_name(struct aml_ctx *c, int err, const struct aml_name *name, const char *what)
{
	char text[64];

	aml_name_format(name, text, sizeof(text));
	return aml_fail(c, err, "%s %s", text, what);
}

struct aml_node *
aml_ctx_method(struct aml_ctx *c)
{
	return c->frame && c->frame->method ? c->frame->method : c->scope;
}

/* Print the failure once, at the innermost operator that saw it. */
__attribute__((noinline)) int
aml_report(struct aml_ctx *c, const u8 *at, int err)
{
	char path[128];
	const char *sig;
	u32 off;

	if (c->reported || !err)
		return err;
	aml_node_path(aml_ctx_method(c), path, sizeof(path));
	if (!c->msg[0])
		snprintf(c->msg, sizeof(c->msg), "%s", aml_strerror(err));
	if (aml_table_where(at, &sig, &off))
		pr_warn("aml: %s: %s at %s+0x%x\n", path, c->msg, sig, off);
	else
		pr_warn("aml: %s: %s\n", path, c->msg);
	c->reported = true;
	c->fail_at = at;
	return err;
}

int
aml_stack_check(struct aml_ctx *c)
{
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);

	if (here < c->stack_base && c->stack_base - here > aml_stack_budget)
		return aml_fail(c, AML_EDEPTH, "nesting too deep (more than %zu bytes of stack)",
				aml_stack_budget);
	return 0;
}

/* ------------------------------------------------------------ values of names */

int
aml_node_value(struct aml_ctx *c, struct aml_node *n, struct aml_object **out)
{
	struct aml_object *o = n->obj;

	*out = NULL;
	if (n->flags & NODE_DEAD)
		return aml_fail(c, AML_EUNDEFINED, "%.4s was deleted", n->name);
	if (!o)
		goto reference;
	switch (o->type) {
	case AML_INTEGER: case AML_STRING: case AML_BUFFER: case AML_PACKAGE:
	case AML_REFERENCE:
		*out = aml_obj_get(o);
		return 0;
	case AML_FIELD_UNIT:
		return aml_field_read(c, o, out);
	case AML_BUFFER_FIELD:
		return aml_bfield_read(c, o, out);
	case AML_UNINITIALIZED:
		return aml_fail(c, AML_EUNINIT, "%.4s has no value", n->name);
	default:
		break;
	}
reference:
	*out = aml_obj_ref(REF_NODE, n, NULL, 0);
	return *out ? 0 : -ENOMEM;
}

int
aml_eval_node(struct aml_ctx *c, struct aml_node *n, struct aml_object **out)
{
	n = aml_node_resolve(n);
	if (n->obj && n->obj->type == AML_METHOD)
		return aml_call(c, n, NULL, 0, out);
	return aml_node_value(c, n, out);
}


/* A NameString in a TermArg: a method call, or the named object's value. */
static int
exec_name(struct aml_ctx *c, struct aml_object **out)
{
	struct aml_object *args[AML_MAX_ARGS] = { NULL };
	struct aml_name name;
	struct aml_node *n;
	int nargs, err;

	if (aml_parse_name(&c->pc, c->end, &name))
		return aml_fail(c, AML_EPARSE, "bad NameString");
	n = aml_ns_find(c->scope, &name, true);
	if (!n)
		return aml_fail_name(c, AML_EUNDEFINED, &name, "not found");
	if (!n->obj || n->obj->type != AML_METHOD)
		return aml_node_value(c, n, out);
	nargs = n->obj->method.flags & 7;
	for (int i = 0; i < nargs; i++) {
		err = aml_eval_arg(c, &args[i]);
		if (err) {
			while (i--)
				aml_obj_put(args[i]);
			return err;
		}
	}
	return aml_call(c, n, args, nargs, out);
}

/* ------------------------------------------------------------ the term loop */

int
aml_exec_term(struct aml_ctx *c, struct aml_object **out)
{
	const u8 *start = c->pc;
	const struct aml_opinfo *info;
	u16 code;
	u32 len;
	int err;

	*out = NULL;
	if (c->pc >= c->end)
		return aml_report(c, start, aml_fail(c, AML_EPARSE, "truncated term"));
	if (++c->ops + (aml_work - c->work_base) > aml_op_budget)
		return aml_report(c, start, aml_fail(c, AML_ELOOP, "more than %llu opcodes",
						 (unsigned long long)aml_op_budget));
	err = aml_stack_check(c);
	if (err)
		return aml_report(c, start, err);
	if (aml_is_name_start(*c->pc)) {
		err = exec_name(c, out);
	} else {
		info = aml_opinfo(c->pc, c->end, &code, &len);
		if (!info) {
			if (c->pc[0] == AML_EXT_PREFIX && c->end - c->pc >= 2)
				err = aml_fail(c, AML_EPARSE, "unknown opcode 0x5b 0x%02x", c->pc[1]);
			else
				err = aml_fail(c, AML_EPARSE, "unknown opcode 0x%02x", c->pc[0]);
		} else {
			const u8 *saved_end = c->end;

			/* A handler may narrow c->end to its PkgLength. */
			c->pc += len;
			err = info->run(c, info, out);
			c->end = saved_end;
		}
	}
	if (err) {
		aml_obj_put(*out);
		*out = NULL;
		return aml_report(c, start, err);
	}
	return 0;
}

int
aml_eval_arg(struct aml_ctx *c, struct aml_object **out)
{
	const u8 *start = c->pc;
	int err = aml_exec_term(c, out);

	if (!err && !*out)
		return aml_report(c, start, aml_fail(c, AML_ETYPE, "operand has no value"));
	return err;
}

int
aml_resolve_ref(struct aml_ctx *c, struct aml_object *o, struct aml_object **out)
{
	struct aml_object *cur = aml_obj_get(o), *next;
	int err = 0;

	/* An element can itself be a name reference: a few steps at most. */
	for (int step = 0; step < 4 && cur->type == AML_REFERENCE; step++) {
		next = NULL;
		if (cur->ref_kind == REF_INDEX) {
			struct aml_object *t = cur->ref.obj;
			u32 i = cur->ref.index;

			if (t->type == AML_PACKAGE && i < t->package.count) {
				next = aml_obj_get(t->package.elems[i]);
				if (!next)
					err = aml_fail(c, AML_EUNINIT, "package element %u has no value", i);
			} else if (t->type == AML_BUFFER && i < t->buffer.len) {
				next = aml_obj_int(t->buffer.ptr[i]);
			} else if (t->type == AML_STRING && i < t->string.len) {
				next = aml_obj_int((u8)t->string.ptr[i]);
			} else {
				err = aml_fail(c, AML_EINDEX, "Index %u beyond the end of a %s", i,
					       aml_type_name(t->type));
			}
			if (!err && !next)
				err = -ENOMEM;
		} else if (cur->ref_kind == REF_NAME) {
			struct aml_node *n = aml_ns_find_text(cur->ref.node, cur->ref.path, true);

			if (!n)
				err = aml_fail(c, AML_EUNDEFINED, "%s not found", cur->ref.path);
			else
				err = aml_node_value(c, n, &next);
		} else {
			break;
		}
		aml_obj_put(cur);
		if (err) {
			aml_obj_put(next);
			*out = NULL;
			return err;
		}
		cur = next;
	}
	*out = cur;
	return 0;
}

int
aml_eval_data(struct aml_ctx *c, struct aml_object **out)
{
	struct aml_object *v;
	int err;

	*out = NULL;
	err = aml_eval_arg(c, &v);
	if (err)
		return err;
	err = aml_resolve_ref(c, v, out);
	aml_obj_put(v);
	return err;
}

int
aml_eval_int(struct aml_ctx *c, u64 *out)
{
	struct aml_object *v;
	int err = aml_eval_data(c, &v);

	if (err)
		return err;
	err = aml_to_integer(c, v, false, out);
	aml_obj_put(v);
	return err;
}

int
aml_store_result(struct aml_ctx *c, struct aml_object *result, struct aml_object **out)
{
	struct aml_target t;
	int err;

	if (!result)
		return -ENOMEM;
	err = aml_parse_target(c, &t, TARGET_NULLOK);
	if (!err)
		err = aml_store(c, result, &t);
	aml_target_put(&t);
	if (err) {
		aml_obj_put(result);
		return err;
	}
	*out = result;
	return 0;
}

int
aml_exec_list(struct aml_ctx *c, const u8 *end)
{
	const u8 *saved_end = c->end;
	int err = 0;

	c->end = end;
	while (c->pc < end && c->flow == FLOW_NORMAL) {
		struct aml_object *v;

		err = aml_exec_term(c, &v);
		aml_obj_put(v);
		if (err)
			break;
	}
	c->end = saved_end;
	return err;
}

/* ------------------------------------------------------------ method calls */

static void
format_args(char *buf, size_t size, struct aml_object **args, int nargs)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < nargs && n < size; i++) {
		struct aml_object *a = args[i];
		const char *sep = i ? ", " : "";

		if (a && a->type == AML_INTEGER) {
			n += (size_t)snprintf(buf + n, size - n, "%s0x%llx", sep,
					      (unsigned long long)a->integer);
		} else if (a && a->type == AML_STRING) {
			n += (size_t)snprintf(buf + n, size - n, "%s\"", sep);
			for (u32 j = 0; j < a->string.len && n + 2 < size; j++) {
				char ch = a->string.ptr[j];

				buf[n++] = ch >= 0x20 && ch < 0x7f ? ch : '.';
			}
			if (n + 1 < size)
				n += (size_t)snprintf(buf + n, size - n, "\"");
		} else if (a && (a->type == AML_BUFFER || a->type == AML_PACKAGE)) {
			n += (size_t)snprintf(buf + n, size - n, "%s%s(%u)", sep,
					      aml_type_name(a->type),
					      a->type == AML_BUFFER ? a->buffer.len : a->package.count);
		} else {
			n += (size_t)snprintf(buf + n, size - n, "%s%s", sep,
					      a ? aml_type_name(a->type) : "None");
		}
	}
	buf[MIN(n, size - 1)] = '\0';
}

static __attribute__((noinline)) void
trace_call(struct aml_ctx *c, struct aml_node *method, struct aml_object **args, int nargs)
{
	char path[96], text[160];

	aml_node_path(method, path, sizeof(path));
	format_args(text, sizeof(text), args, nargs);
	printk("aml: %*scall %s (%s)\n", 2 * c->depth, "", path, text);
}

/*
 * A call: a frame on the heap (Locals, Args, the names the method makes),
 * the cursor moved to the body and back, the frame's names deleted and
 * the Return value handed up.  A Serialized method holds an implicit
 * mutex of its SyncLevel while it runs (ACPI 6.x, 19.6.85,
 * aml_sync_enter()); the one thread here may enter it again (recursion),
 * as it may Acquire a mutex it owns.
 */
int
aml_call(struct aml_ctx *c, struct aml_node *method, struct aml_object **args,
	 int nargs, struct aml_object **ret)
{
	struct aml_object *m = method->obj;
	struct aml_frame *f;
	const u8 *saved_pc = c->pc, *saved_end = c->end;
	struct aml_node *saved_scope = c->scope;
	int saved_loops = c->loops;
	u8 sync = 0;
	int err = 0;

	*ret = NULL;
	if (aml_trace)
		trace_call(c, method, args, nargs);
	if (c->depth >= AML_MAX_CALL_DEPTH) {
		err = aml_fail(c, AML_EDEPTH, "calls nest more than %d deep", AML_MAX_CALL_DEPTH);
		goto out_args;
	}
	if (m->method.native) {
		c->depth++;
		err = m->method.native(c, args, ret);
		c->depth--;
		goto out_args;
	}
	f = aml_alloc(sizeof(*f));
	if (!f) {
		err = -ENOMEM;
		goto out_args;
	}
	if (m->method.flags & 0x08) {
		err = aml_sync_enter(c, m, &sync);
		if (err) {
			aml_free(f);
			goto out_args;
		}
	}
	for (int i = 0; i < nargs; i++) {
		f->args[i] = args[i];
		args[i] = NULL;
	}
	f->method = method;
	f->caller = c->frame;
	aml_node_get(method);
	aml_obj_get(m);		/* the body stays while it runs */
	m->method.serial_depth++;

	c->frame = f;
	c->pc = m->method.start;
	c->end = m->method.end;
	c->scope = method;
	c->loops = 0;
	c->depth++;
	err = aml_exec_list(c, m->method.end);
	c->depth--;
	c->flow = FLOW_NORMAL;
	c->frame = f->caller;
	c->pc = saved_pc;
	c->end = saved_end;
	c->scope = saved_scope;
	c->loops = saved_loops;

	m->method.serial_depth--;
	if (m->method.flags & 0x08)
		aml_sync_leave(sync);
	if (!err)
		*ret = f->ret;
	else
		aml_obj_put(f->ret);
	aml_ns_delete_temps(f->temps);
	for (int i = 0; i < AML_MAX_LOCALS; i++)
		aml_obj_put(f->locals[i]);
	for (int i = 0; i < AML_MAX_ARGS; i++)
		aml_obj_put(f->args[i]);
	aml_obj_put(m);
	aml_node_put(method);
	aml_free(f);
	return err;

out_args:
	for (int i = 0; i < nargs; i++)
		aml_obj_put(args[i]);
	return err;
}

/* ------------------------------------------------------------ control flow */

/* If (Predicate) {TermList} [Else {TermList}]: the Else is taken here. */
int
aml_op_if(AML_OP_ARGS)
{
	const u8 *end, *else_end;
	u64 pred;
	int err;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "If: bad PkgLength");
	const u8 *saved_end = c->end;

	c->end = end;
	err = aml_eval_int(c, &pred);
	c->end = saved_end;
	if (err)
		return err;
	if (pred) {
		err = aml_exec_list(c, end);
		c->pc = end;
		if (err || c->flow != FLOW_NORMAL)
			return err;
		/* Skip an Else that follows. */
		if (c->pc < c->end && *c->pc == 0xA1) {
			c->pc++;
			if (aml_parse_pkglength(&c->pc, c->end, &else_end))
				return aml_fail(c, AML_EPARSE, "Else: bad PkgLength");
			c->pc = else_end;
		}
		return 0;
	}
	c->pc = end;
	if (c->pc < c->end && *c->pc == 0xA1) {
		c->pc++;
		if (aml_parse_pkglength(&c->pc, c->end, &else_end))
			return aml_fail(c, AML_EPARSE, "Else: bad PkgLength");
		err = aml_exec_list(c, else_end);
		c->pc = else_end;
	}
	return err;
}

/* An Else with no If before it: skipped. */
int
aml_op_else(AML_OP_ARGS)
{
	const u8 *end;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "Else: bad PkgLength");
	c->pc = end;
	return 0;
}

int
aml_op_while(AML_OP_ARGS)
{
	const u8 *end, *pred_start, *saved_end = c->end;
	u64 pred;
	u32 iterations = 0;
	int err = 0;

	if (aml_parse_pkglength(&c->pc, c->end, &end))
		return aml_fail(c, AML_EPARSE, "While: bad PkgLength");
	pred_start = c->pc;
	c->loops++;
	for (;;) {
		c->pc = pred_start;
		c->end = end;
		err = aml_eval_int(c, &pred);
		c->end = saved_end;
		if (err || !pred)
			break;
		if (++iterations > AML_MAX_LOOP_ITERATIONS) {
			err = aml_fail(c, AML_ELOOP, "While ran %u times", AML_MAX_LOOP_ITERATIONS);
			break;
		}
		err = aml_exec_list(c, end);
		if (err)
			break;
		if (c->flow == FLOW_BREAK) {
			c->flow = FLOW_NORMAL;
			break;
		}
		if (c->flow == FLOW_CONTINUE)
			c->flow = FLOW_NORMAL;
		if (c->flow == FLOW_RETURN)
			break;
	}
	c->loops--;
	c->pc = end;
	return err;
}

int
aml_op_break(AML_OP_ARGS)
{
	if (!c->loops)
		return aml_fail(c, AML_EPARSE, "Break outside a While");
	c->flow = FLOW_BREAK;
	return 0;
}

int
aml_op_continue(AML_OP_ARGS)
{
	if (!c->loops)
		return aml_fail(c, AML_EPARSE, "Continue outside a While");
	c->flow = FLOW_CONTINUE;
	return 0;
}

int
aml_op_return(AML_OP_ARGS)
{
	struct aml_object *v;
	int err;

	if (!c->frame || !c->frame->method)
		return aml_fail(c, AML_EPARSE, "Return outside a method");
	err = aml_eval_arg(c, &v);
	if (err)
		return err;
	aml_obj_put(c->frame->ret);
	c->frame->ret = v;
	c->flow = FLOW_RETURN;
	return 0;
}

int
aml_op_noop(AML_OP_ARGS)
{
	return 0;
}

int
aml_op_fatal(AML_OP_ARGS)
{
	u8 type;
	u32 code;
	u64 arg;
	int err;

	if (c->end - c->pc < 5)
		return aml_fail(c, AML_EPARSE, "Fatal: truncated");
	type = c->pc[0];
	code = (u32)c->pc[1] | (u32)c->pc[2] << 8 | (u32)c->pc[3] << 16 | (u32)c->pc[4] << 24;
	c->pc += 5;
	err = aml_eval_int(c, &arg);
	if (err)
		return err;
	return aml_fail(c, AML_EFATAL, "Fatal (type 0x%x, code 0x%x, arg 0x%llx)",
			type, code, (unsigned long long)arg);
}

int
aml_op_unsupported(AML_OP_ARGS)
{
	if (op->code > 0xFF)
		return aml_fail(c, AML_EUNSUPPORTED, "unsupported opcode 0x5b 0x%02x",
				op->code & 0xFF);
	return aml_fail(c, AML_EUNSUPPORTED, "unsupported opcode 0x%02x", op->code);
}

/* ------------------------------------------------------------ data terms */

int
aml_op_local(AML_OP_ARGS)
{
	int i = op->code - 0x60;
	struct aml_object *v = c->frame ? c->frame->locals[i] : NULL;

	if (!v || v->type == AML_UNINITIALIZED)
		return aml_fail(c, AML_EUNINIT, "Local%d has no value", i);
	*out = aml_obj_get(v);
	return 0;
}

int
aml_op_arg(AML_OP_ARGS)
{
	int i = op->code - 0x68;
	struct aml_object *v = c->frame ? c->frame->args[i] : NULL;

	if (!v || v->type == AML_UNINITIALIZED)
		return aml_fail(c, AML_EUNINIT, "Arg%d has no value", i);
	*out = aml_obj_get(v);
	return 0;
}

int
aml_op_const(AML_OP_ARGS)
{
	u64 v;

	switch (op->code) {
	case 0x00: v = 0; break;
	case 0x01: v = 1; break;
	case 0xFF: v = ~0ull; break;
	default: v = AML_REVISION; break;	/* Revision */
	}
	*out = aml_obj_int(v);
	return *out ? 0 : -ENOMEM;
}

int
aml_op_integer(AML_OP_ARGS)
{
	unsigned int n = op->code == 0x0A ? 1 : op->code == 0x0B ? 2 : op->code == 0x0C ? 4 : 8;
	u64 v = 0;

	if ((size_t)(c->end - c->pc) < n)
		return aml_fail(c, AML_EPARSE, "%s: truncated", op->name);
	for (unsigned int i = 0; i < n; i++)
		v |= (u64)c->pc[i] << (8 * i);
	c->pc += n;
	*out = aml_obj_int(v);
	return *out ? 0 : -ENOMEM;
}

int
aml_op_string(AML_OP_ARGS)
{
	const u8 *s = c->pc;

	while (c->pc < c->end && *c->pc)
		c->pc++;
	if (c->pc >= c->end)
		return aml_fail(c, AML_EPARSE, "String: no NUL before the end");
	*out = aml_obj_string((const char *)s, (u32)(c->pc - s));
	c->pc++;
	return *out ? 0 : -ENOMEM;
}

int
aml_op_debug(AML_OP_ARGS)
{
	*out = aml_obj_new(AML_DEBUG_OBJECT);
	return *out ? 0 : -ENOMEM;
}
