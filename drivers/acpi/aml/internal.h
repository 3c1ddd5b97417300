/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/internal.h - what the interpreter's files share and
 * nothing outside drivers/acpi/aml/ may use (except the host tests and
 * the fuzz target, for the limits): nodes, internal objects, the
 * execution context and the opcode table.
 *
 * The idea: AML is run straight from its bytes.  A method is a byte range
 * found at load; calling it decodes and runs its operators as they are
 * met, If/Else/While skip by PkgLength.  Values are reference-counted
 * objects; a store copies unless the value was just made (refs == 1).
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_*.c, tests/fuzz/fuzz_aml.c
 */
#ifndef DRIVERS_ACPI_AML_INTERNAL_H
#define DRIVERS_ACPI_AML_INTERNAL_H

#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

/* ------------------------------------------------------------ limits (tunable) */

/*
 * Beyond aml.h's limits: every object the interpreter holds is counted
 * against aml_mem_limit bytes (hostile AML cannot eat the heap), packages
 * nest at most AML_MAX_NESTING deep when copied or handed out, and the C
 * stack the evaluator uses is bounded by aml_stack_budget bytes: the
 * evaluator is recursive (a method call inside an expression inside a
 * method...), and a kernel task has 16 KiB of stack, so a deep call chain
 * fails with AML_EDEPTH long before the stack would overflow.  Tests and
 * the fuzz target lower aml_op_budget to keep runs short.
 */
#define AML_MAX_NESTING		32		/* packages in packages */
#define AML_MAX_OBJECT_SIZE	(1u << 20)	/* bytes of one buffer or string */
#define AML_MAX_PACKAGE		65536		/* elements of one package */
#define AML_MAX_PATH_SEGS	32		/* segments in one name path */
extern u64 aml_op_budget;	/* opcodes per evaluation, default AML_MAX_OPS */
extern size_t aml_mem_limit;	/* bytes of live objects and nodes */
extern size_t aml_mem_used;
/* Work done besides opcodes, counted against aml_op_budget too: one per
 * allocation and per 256 bytes allocated (copying a big package or
 * buffer is not free), one per 64 bits a field moves. */
extern u64 aml_work;
extern size_t aml_stack_budget;	/* bytes of C stack one evaluation may use */

void *aml_alloc(size_t size);	/* zeroed, counted; NULL beyond the limit */
void aml_free(void *p);

/* ------------------------------------------------------------ tables */

struct aml_table {
	u8 *aml;		/* a copy of the whole table, header included */
	u32 len;
	char sig[5];		/* "DSDT", "SSDT" */
};
extern struct aml_table aml_tables[ACPI_MAX_TABLES];
extern int aml_nr_tables;
extern unsigned int aml_int_bits;	/* 32 or 64 */

static inline u64
aml_int_mask(void)
{
	return aml_int_bits == 32 ? 0xFFFFFFFFull : ~0ull;
}

/* Which table holds P, as "DSDT" and an offset; false if none does. */
bool aml_table_where(const u8 *p, const char **sig, u32 *off);

/* ------------------------------------------------------------ objects */

/* Kinds of AML_REFERENCE objects. */
enum aml_ref_kind {
	REF_NODE,	/* RefOf(NAME), or a package element naming a non-data object */
	REF_OBJECT,	/* RefOf(LocalX/ArgX): the object the slot held */
	REF_INDEX,	/* Index(): element .index of .obj (package, buffer, string) */
	REF_NAME,	/* a package element whose name was not found yet */
};

struct aml_ctx;
struct aml_object;

/* A method: its body is [start, end) of a table copy, or a C function. */
struct aml_method {
	const u8 *start, *end;
	u8 flags;		/* bits 0-2 arg count, 3 Serialized, 4-7 SyncLevel */
	int (*native)(struct aml_ctx *c, struct aml_object **args,
		      struct aml_object **ret);
	u32 serial_depth;	/* calls of it now running (recursion); a
				 * Serialized one checks its SyncLevel only
				 * when entered from outside */
};

/* An OperationRegion. */
struct aml_region {
	u8 space;		/* enum aml_space, or any other byte */
	u64 offset, len;	/* bytes */
	struct aml_node *dev;	/* the scope it was declared in (held): PCI _ADR */
	bool pci_known;		/* pci_addr computed */
	u64 pci_addr;		/* segment/bus/device/function part of the address */
};

enum aml_field_kind { FIELD_REGION, FIELD_INDEX, FIELD_BANK };

/* A Field, IndexField or BankField unit. */
struct aml_field {
	u8 kind;		/* enum aml_field_kind */
	u8 flags;		/* FieldFlags: 0-3 access type, 4 lock, 5-6 update rule */
	u32 bit_offset, bit_len;
	struct aml_object *region;	/* FIELD_REGION, FIELD_BANK (held) */
	struct aml_object *index, *data;	/* FIELD_INDEX: field units (held) */
	struct aml_object *bank;	/* FIELD_BANK: the bank register (held) */
	u64 bank_value;
};

struct aml_object {
	u32 refs;		/* holders; freed at 0 */
	u8 type;		/* enum aml_type */
	u8 ref_kind;		/* enum aml_ref_kind, for AML_REFERENCE */
	struct aml_object *free_next;	/* aml_obj_put(): iterative free list */
	union {
		u64 integer;
		struct { char *ptr; u32 len; } string;		/* ptr NUL-terminated */
		struct { u8 *ptr; u32 len; } buffer;		/* ptr may be NULL if len 0 */
		struct { struct aml_object **elems; u32 count; } package; /* NULL elems: none */
		struct aml_method method;
		struct aml_region region;
		struct aml_field field;
		struct {
			struct aml_object *buf;		/* the buffer itself (held) */
			u32 bit_offset, bit_len;
			bool as_buffer;			/* CreateField: reads as a Buffer */
		} bfield;
		struct { u8 sync_level; u32 depth; u8 prev_level; } mutex;
		struct { u32 count; } event;
		struct { u8 id; u32 pblk; u8 pblk_len; } processor;
		struct { u8 level; u16 order; } power;
		struct {
			struct aml_node *node;		/* REF_NODE, REF_NAME scope (held) */
			struct aml_object *obj;		/* REF_OBJECT, REF_INDEX (held) */
			u32 index;			/* REF_INDEX */
			char *path;			/* REF_NAME: "\_SB_.FOO" as written */
		} ref;
	};
};

struct aml_object *aml_obj_new(enum aml_type type);	/* refs 1 */
struct aml_object *aml_obj_int(u64 v);			/* truncated to the width */
struct aml_object *aml_obj_string(const char *s, u32 len);
struct aml_object *aml_obj_buffer(const u8 *p, u32 len);	/* P NULL: zeroed */
struct aml_object *aml_obj_package(u32 count);		/* elements NULL */
struct aml_object *aml_obj_ref(enum aml_ref_kind kind, struct aml_node *node,
			       struct aml_object *obj, u32 index);
static inline struct aml_object *
aml_obj_get(struct aml_object *o)
{
	if (o)
		o->refs++;
	return o;
}
void aml_obj_put(struct aml_object *o);		/* NULL is fine */
/* A deep copy (packages element by element); NULL on ENOMEM or too deep. */
int aml_obj_copy(struct aml_object *src, struct aml_object **out);
/* O itself when nobody else holds it, else a copy: what a store keeps. */
int aml_obj_take(struct aml_object *o, struct aml_object **out);
/* Replace O's contents with a copy of SRC's (O keeps its identity). */
int aml_obj_assign(struct aml_object *o, struct aml_object *src);
bool aml_is_data(const struct aml_object *o);	/* Integer, String, Buffer, Package */
const char *aml_type_name(int type);		/* "Integer", "Buffer" ... */

/* Conversions (ACPI 6.x, 19.3.5.7).  Each makes a new object in *OUT. */
int aml_to_integer(struct aml_ctx *c, struct aml_object *o, bool explicit_conv, u64 *out);
int aml_to_buffer(struct aml_ctx *c, struct aml_object *o, struct aml_object **out);
int aml_to_string_implicit(struct aml_ctx *c, struct aml_object *o, struct aml_object **out);
int aml_to_hexstring(struct aml_ctx *c, struct aml_object *o, struct aml_object **out);
int aml_to_decstring(struct aml_ctx *c, struct aml_object *o, struct aml_object **out);
/* Convert O to TYPE (Integer, String or Buffer) as a store into such a
 * named object does. */
int aml_convert_to(struct aml_ctx *c, struct aml_object *o, int type,
		   struct aml_object **out);

/* An object as an aml_value the caller owns (aml_eval()'s result), and back. */
int aml_obj_export(struct aml_object *o, struct aml_value *out, int depth);
int aml_obj_import(const struct aml_value *v, struct aml_object **out, int depth);

/* ------------------------------------------------------------ namespace */

#define NODE_TEMP	0x01	/* made by a running method; deleted at its return */
#define NODE_DEAD	0x02	/* out of the tree; freed when the last ref goes */

struct aml_node {
	char name[5];		/* "MP00"; the root is "\" */
	u8 flags;		/* NODE_* */
	u32 refs;		/* 1 for being in the tree + references to it */
	struct aml_node *parent, *child, *last_child, *next;
	struct aml_object *obj;	/* NULL: a bare scope (AML_SCOPE) */
	struct aml_node *alias;	/* Alias(): the node this name stands for (held) */
	struct aml_node *temp_next;	/* NODE_TEMP: the frame's list */
};

/*
 * A NameString (ACPI 6.x, 20.2.2) as decoded: ROOT ('\'), UP parent
 * prefixes ('^'), then NSEGS four-byte segments at SEGS (contiguous in the
 * AML, or in a caller's buffer for paths given as text).
 */
struct aml_name {
	bool root;
	u8 up;
	u8 nsegs;
	const u8 *segs;
};

void aml_ns_init(void);			/* the root and the predefined scopes */
void aml_ns_reset(void);		/* free every node */
extern struct aml_node *aml_ns_root;
extern u32 aml_ns_nodes;		/* nodes in the tree, root excluded */
/* Find NAME from SCOPE; SEARCH: single-segment names search upward (5.3). */
struct aml_node *aml_ns_find(struct aml_node *scope, const struct aml_name *name, bool search);
/*
 * Make the node NAME names (its parent must exist) with OBJ (a reference
 * is taken; NULL: a scope).  TEMP: it belongs to the running method.
 * -AML_EEXIST if present, -AML_EUNDEFINED if the parent is not.
 */
int aml_ns_create(struct aml_ctx *c, struct aml_node *scope, const struct aml_name *name,
		  struct aml_object *obj, struct aml_node **out);
void aml_ns_set(struct aml_node *n, struct aml_object *obj);	/* replace the object */
void aml_node_get(struct aml_node *n);
void aml_node_put(struct aml_node *n);
void aml_ns_delete_temps(struct aml_node *list);	/* a frame's NODE_TEMP list */
struct aml_node *aml_node_resolve(struct aml_node *n);	/* through aliases */
/* Text path ("\_SB.PCI0", "^FOO", "_STA") into NAME using SEGBUF
 * (AML_MAX_PATH_SEGS * 4 bytes).  0 or -EINVAL. */
int aml_name_from_text(const char *path, struct aml_name *name, u8 *segbuf);
/* aml_ns_find() of a path given as text; NULL if not found or not a path. */
struct aml_node *aml_ns_find_text(struct aml_node *scope, const char *path, bool search);
/* The node after N in a pre-order walk of the whole tree; NULL after the last. */
struct aml_node *aml_ns_walk_next(struct aml_node *n);
int aml_name_format(const struct aml_name *name, char *buf, size_t size);

/* ------------------------------------------------------------ parse.c */

/*
 * Operand shapes in the opcode table, one letter per operand:
 *   a TermArg (any value)         i TermArg used as an Integer
 *   s SuperName                   t Target (SuperName or NullName)
 *   n NameString                  b w d q  Byte/Word/DWord/QWord data
 *   p PkgLength: the rest of the object is bounded by it
 *   T TermList   F FieldList   B ByteList   E package elements  (to the PkgLength end)
 *   o ObjectType byte and argument count (External)
 */
struct aml_opinfo {
	u16 code;		/* 0x72, or 0x5B21 for the two-byte ones */
	const char *name;	/* "Add"; NULL: no such opcode */
	const char *shape;
	int (*run)(struct aml_ctx *c, const struct aml_opinfo *op, struct aml_object **out);
	u8 flags;
};
#define OPF_UNSUPPORTED	0x01	/* known, refused (Load, LoadTable ...) */
#define OPF_STATEMENT	0x02	/* gives no value */

#define AML_EXT_PREFIX	0x5B
/* The opcode at P (one byte, or 0x5B and one), and its length in *LEN. */
const struct aml_opinfo *aml_opinfo(const u8 *p, const u8 *end, u16 *opcode, u32 *len);

/* PkgLength at *P (ACPI 6.x, 20.2.4): *END = start of it + length; P
 * advanced.  -AML_EPARSE when truncated or beyond LIMIT. */
int aml_parse_pkglength(const u8 **p, const u8 *limit, const u8 **end);
/* NameString at *P into NAME; P advanced.  -AML_EPARSE when malformed. */
int aml_parse_name(const u8 **p, const u8 *end, struct aml_name *name);
bool aml_is_name_start(u8 b);
/* aml_check_methods()'s walk of one method body. */
int aml_check_body(struct aml_node *method);

/* ------------------------------------------------------------ exec.c, table.c */

enum aml_flow { FLOW_NORMAL, FLOW_BREAK, FLOW_CONTINUE, FLOW_RETURN };

/* One method call (or a table's top-level code, .method NULL). */
struct aml_frame {
	struct aml_node *method;	/* the method's node: scope and name for messages */
	struct aml_object *locals[AML_MAX_LOCALS];
	struct aml_object *args[AML_MAX_ARGS];
	struct aml_object *ret;		/* Return()'s value */
	struct aml_node *temps;		/* NODE_TEMP nodes made in this call */
	struct aml_frame *caller;
};

/* The state of one evaluation (aml_eval() or a table load). */
struct aml_ctx {
	const u8 *pc, *end;		/* the bytes being run */
	struct aml_node *scope;		/* where names are made and searched from */
	struct aml_frame *frame;
	int depth;			/* method calls active */
	int loops;			/* While bodies active in this call */
	enum aml_flow flow;
	u64 ops;			/* opcodes run (and field bits / 64) */
	u64 work_base;			/* aml_work when the evaluation began */
	u64 waited_us;			/* Sleep and Stall time so far (AML_MAX_WAIT_US) */
	uintptr_t stack_base;		/* C stack at entry (aml_stack_budget) */
	bool reported;			/* the failure has been printed */
	char msg[96];			/* aml_fail(): what went wrong */
	const u8 *fail_at;		/* set with msg: the failing operator */
};

/* Print the failure noted in C (or ERR's name), once, as at AT; returns ERR. */
int aml_report(struct aml_ctx *c, const u8 *at, int err);
/* Note a failure ERR (positive AML_E* or errno) with a message; returns -ERR. */
int aml_fail(struct aml_ctx *c, int err, const char *fmt, ...) __printf(3, 4);
/* The same, the message being NAME and WHAT ("\\_SB_.FOO not found"). */
int aml_fail_name(struct aml_ctx *c, int err, const struct aml_name *name, const char *what);
/* Evaluate the TermArg at c->pc: *OUT a held object (never NULL). */
int aml_eval_arg(struct aml_ctx *c, struct aml_object **out);
int aml_eval_int(struct aml_ctx *c, u64 *out);
/* Run a TermList [c->pc, end) until its end or a Break/Continue/Return. */
int aml_exec_list(struct aml_ctx *c, const u8 *end);
/* Run one term at c->pc; *OUT gets its value or NULL. */
int aml_exec_term(struct aml_ctx *c, struct aml_object **out);
/* Call METHOD (a Method node) with NARGS held ARGS (consumed). */
int aml_call(struct aml_ctx *c, struct aml_node *method, struct aml_object **args,
	     int nargs, struct aml_object **ret);
/* Evaluate NODE as a value: data objects, fields read, methods called with
 * no args.  Used for _ADR and friends and package names. */
int aml_eval_node(struct aml_ctx *c, struct aml_node *node, struct aml_object **out);
/* The value of NODE's data (a field is read); ETYPE for non-data objects. */
int aml_node_value(struct aml_ctx *c, struct aml_node *node, struct aml_object **out);
/* Resolve REF_NAME and REF_INDEX down to a value (for operands). */
int aml_resolve_ref(struct aml_ctx *c, struct aml_object *o, struct aml_object **out);
/* aml_eval_arg() then aml_resolve_ref(): an operand's data. */
int aml_eval_data(struct aml_ctx *c, struct aml_object **out);
/* Store RESULT (consumed) into the Target at c->pc, and hand it to *OUT. */
int aml_store_result(struct aml_ctx *c, struct aml_object *result, struct aml_object **out);
int aml_stack_check(struct aml_ctx *c);
void aml_release_all_mutexes(void);
/* exec_data.c: the SyncLevel rule for a Serialized method M (FLAGS bit 3). */
int aml_sync_enter(struct aml_ctx *c, struct aml_object *m, u8 *saved);
void aml_sync_leave(u8 saved);
struct aml_node *aml_ctx_method(struct aml_ctx *c);

/* ------------------------------------------------------------ store.c */

enum aml_target_kind { TGT_NULL, TGT_DEBUG, TGT_LOCAL, TGT_ARG, TGT_NODE, TGT_REF };
struct aml_target {
	enum aml_target_kind kind;
	int index;			/* TGT_LOCAL, TGT_ARG */
	struct aml_node *node;		/* TGT_NODE (held) */
	struct aml_object *ref;		/* TGT_REF: a reference object (held) */
};
/* Parse a SuperName at c->pc.  TARGET_NULLOK: a NullName (Target) is
 * fine; TARGET_MISSINGOK: a name not found gives TGT_NULL (CondRefOf). */
#define TARGET_NULLOK		0x01
#define TARGET_MISSINGOK	0x02
int aml_parse_target(struct aml_ctx *c, struct aml_target *t, int flags);
void aml_target_put(struct aml_target *t);
/* Store VAL into T with ACPI's implicit conversion. */
int aml_store(struct aml_ctx *c, struct aml_object *val, struct aml_target *t);
/* CopyObject: no conversion, the target takes VAL's type. */
int aml_copy_object(struct aml_ctx *c, struct aml_object *val, struct aml_target *t);
/* The value a target holds now (Increment, ObjectType, SizeOf ...). */
int aml_target_value(struct aml_ctx *c, struct aml_target *t, struct aml_object **out);
void aml_debug_print(struct aml_object *val);

/* ------------------------------------------------------------ region.c */

int aml_field_read(struct aml_ctx *c, struct aml_object *f, struct aml_object **out);
int aml_field_write(struct aml_ctx *c, struct aml_object *f, struct aml_object *val);
int aml_bfield_read(struct aml_ctx *c, struct aml_object *f, struct aml_object **out);
int aml_bfield_write(struct aml_ctx *c, struct aml_object *f, struct aml_object *val);
/* FieldList at c->pc up to END: make the units (kind, REGION/INDEX/BANK set in TEMPLATE). */
int aml_parse_field_list(struct aml_ctx *c, const u8 *end, u8 flags,
			 const struct aml_field *tmpl);

/* ------------------------------------------------------------ op handlers */

/*
 * Every operator's handler has these parameters: C the evaluation, its
 * cursor just past the opcode; OP the opcode's table entry; OUT where the
 * value goes (left NULL by statements).  A handler reads its own
 * operands, in the order of its shape.
 */
#define AML_OP_ARGS	struct aml_ctx *c __unused, const struct aml_opinfo *op __unused, \
			struct aml_object **out __unused
#define AML_OP(name)	int aml_op_##name(AML_OP_ARGS)
/* exec.c */
AML_OP(if); AML_OP(else); AML_OP(while); AML_OP(break); AML_OP(continue);
AML_OP(return); AML_OP(noop); AML_OP(fatal); AML_OP(unsupported);
AML_OP(local); AML_OP(arg); AML_OP(const); AML_OP(debug);
/* exec_named.c */
AML_OP(name); AML_OP(scope); AML_OP(device); AML_OP(method); AML_OP(mutex);
AML_OP(event); AML_OP(alias); AML_OP(external); AML_OP(region); AML_OP(field);
AML_OP(indexfield); AML_OP(bankfield); AML_OP(createfield); AML_OP(processor);
AML_OP(powerres); AML_OP(thermalzone);
/* exec_data.c */
AML_OP(buffer); AML_OP(package); AML_OP(string); AML_OP(integer);
AML_OP(notify); AML_OP(sleep); AML_OP(stall); AML_OP(acquire); AML_OP(release);
AML_OP(signal); AML_OP(wait); AML_OP(reset); AML_OP(timer);
AML_OP(refof); AML_OP(condrefof); AML_OP(derefof); AML_OP(index);
AML_OP(objecttype); AML_OP(sizeof); AML_OP(store); AML_OP(copyobject);
AML_OP(incdec); AML_OP(match);
/* exec_expr.c */
AML_OP(binary); AML_OP(divide); AML_OP(unary); AML_OP(logical); AML_OP(lnot);
AML_OP(compare); AML_OP(concat); AML_OP(concatres); AML_OP(mid); AML_OP(convert);
AML_OP(tostring);

#endif /* DRIVERS_ACPI_AML_INTERNAL_H */
