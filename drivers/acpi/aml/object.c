/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/object.c - the interpreter's values: reference-counted
 * objects, their copies, and the aml_value form they take outside.
 *
 * The idea: an object has as many holders as its refs count (a name, a
 * Local, a package slot, an operand being worked on).  A store keeps the
 * object itself when the value was just made and nobody else holds it,
 * else a deep copy, so two names never share a value by accident; Index()
 * and buffer fields hold the very package or buffer they point into, so
 * writes through them land where ACPI says.  Freeing is iterative
 * (packages of packages cannot overflow the stack) and every byte is
 * counted against aml_mem_limit.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_exec.c, tests/fuzz/fuzz_aml.c
 */
#include "drivers/acpi/aml/internal.h"

size_t aml_mem_limit = 32u << 20;
size_t aml_mem_used;
u64 aml_work;

/* Each allocation carries its size in front, for the accounting. */
struct aml_alloc_hdr {
	size_t size;
	size_t pad;		/* keeps the payload 16-byte aligned */
};

void *
aml_alloc(size_t size)
{
	struct aml_alloc_hdr *h;

	if (size > aml_mem_limit || aml_mem_used + size > aml_mem_limit)
		return NULL;
	h = aml_os_alloc(sizeof(*h) + size);
	if (!h)
		return NULL;
	h->size = size;
	aml_mem_used += size;
	aml_work += 1 + size / 256;
	return h + 1;
}

void
aml_free(void *p)
{
	struct aml_alloc_hdr *h;

	if (!p)
		return;
	h = (struct aml_alloc_hdr *)p - 1;
	aml_mem_used -= h->size;
	aml_os_free(h);
}

/* ------------------------------------------------------------ making objects */

struct aml_object *
aml_obj_new(enum aml_type type)
{
	struct aml_object *o = aml_alloc(sizeof(*o));

	if (o) {
		o->refs = 1;
		o->type = type;
	}
	return o;
}

struct aml_object *
aml_obj_int(u64 v)
{
	struct aml_object *o = aml_obj_new(AML_INTEGER);

	if (o)
		o->integer = v & aml_int_mask();
	return o;
}

struct aml_object *
aml_obj_string(const char *s, u32 len)
{
	struct aml_object *o;

	if (len >= AML_MAX_OBJECT_SIZE)
		return NULL;
	o = aml_obj_new(AML_STRING);
	if (!o)
		return NULL;
	o->string.ptr = aml_alloc(len + 1);
	if (!o->string.ptr) {
		aml_free(o);
		return NULL;
	}
	if (s)
		memcpy(o->string.ptr, s, len);
	o->string.len = len;
	return o;
}

struct aml_object *
aml_obj_buffer(const u8 *p, u32 len)
{
	struct aml_object *o;

	if (len > AML_MAX_OBJECT_SIZE)
		return NULL;
	o = aml_obj_new(AML_BUFFER);
	if (!o)
		return NULL;
	if (len) {
		o->buffer.ptr = aml_alloc(len);
		if (!o->buffer.ptr) {
			aml_free(o);
			return NULL;
		}
		if (p)
			memcpy(o->buffer.ptr, p, len);
	}
	o->buffer.len = len;
	return o;
}

struct aml_object *
aml_obj_package(u32 count)
{
	struct aml_object *o;

	if (count > AML_MAX_PACKAGE)
		return NULL;
	o = aml_obj_new(AML_PACKAGE);
	if (!o)
		return NULL;
	if (count) {
		o->package.elems = aml_alloc(count * sizeof(*o->package.elems));
		if (!o->package.elems) {
			aml_free(o);
			return NULL;
		}
	}
	o->package.count = count;
	return o;
}

struct aml_object *
aml_obj_ref(enum aml_ref_kind kind, struct aml_node *node, struct aml_object *obj, u32 index)
{
	struct aml_object *o = aml_obj_new(AML_REFERENCE);

	if (!o)
		return NULL;
	o->ref_kind = kind;
	o->ref.node = node;
	if (node)
		aml_node_get(node);
	o->ref.obj = aml_obj_get(obj);
	o->ref.index = index;
	return o;
}

/* ------------------------------------------------------------ freeing */

/*
 * Free what O owns.  Objects it held whose count falls to zero are pushed
 * on *LIST rather than freed here, so a deep package is freed by a loop,
 * not by recursion.
 */
static void
obj_release_contents(struct aml_object *o, struct aml_object **list)
{
	struct aml_object *held[4] = { NULL, NULL, NULL, NULL };

	switch (o->type) {
	case AML_STRING:
		aml_free(o->string.ptr);
		break;
	case AML_BUFFER:
		aml_free(o->buffer.ptr);
		break;
	case AML_PACKAGE:
		for (u32 i = 0; i < o->package.count; i++) {
			struct aml_object *e = o->package.elems[i];

			if (e && --e->refs == 0) {
				e->free_next = *list;
				*list = e;
			}
		}
		aml_free(o->package.elems);
		break;
	case AML_REGION:
		if (o->region.dev)
			aml_node_put(o->region.dev);
		break;
	case AML_FIELD_UNIT:
		held[0] = o->field.region;
		held[1] = o->field.index;
		held[2] = o->field.data;
		held[3] = o->field.bank;
		break;
	case AML_BUFFER_FIELD:
		held[0] = o->bfield.buf;
		break;
	case AML_REFERENCE:
		if (o->ref.node)
			aml_node_put(o->ref.node);
		held[0] = o->ref.obj;
		aml_free(o->ref.path);
		break;
	default:
		break;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(held); i++) {
		if (held[i] && --held[i]->refs == 0) {
			held[i]->free_next = *list;
			*list = held[i];
		}
	}
}

void
aml_obj_put(struct aml_object *o)
{
	struct aml_object *list;

	if (!o || --o->refs)
		return;
	o->free_next = NULL;
	list = o;
	while (list) {
		o = list;
		list = o->free_next;
		obj_release_contents(o, &list);
		aml_free(o);
	}
}

/* ------------------------------------------------------------ copies */

static int
obj_copy_depth(struct aml_object *src, struct aml_object **out, int depth)
{
	struct aml_object *o = NULL;

	*out = NULL;
	if (depth > AML_MAX_NESTING)
		return -AML_EDEPTH;
	switch (src->type) {
	case AML_INTEGER:
		o = aml_obj_new(AML_INTEGER);
		if (o)
			o->integer = src->integer;
		break;
	case AML_STRING:
		o = aml_obj_string(src->string.ptr, src->string.len);
		break;
	case AML_BUFFER:
		o = aml_obj_buffer(src->buffer.ptr, src->buffer.len);
		break;
	case AML_PACKAGE:
		o = aml_obj_package(src->package.count);
		if (!o)
			break;
		for (u32 i = 0; i < src->package.count; i++) {
			struct aml_object *e = src->package.elems[i];
			int err;

			if (!e)
				continue;
			err = obj_copy_depth(e, &o->package.elems[i], depth + 1);
			if (err) {
				aml_obj_put(o);
				return err;
			}
		}
		break;
	case AML_REFERENCE:
		o = aml_obj_ref(src->ref_kind, src->ref.node, src->ref.obj, src->ref.index);
		if (o && src->ref.path) {
			size_t n = strlen(src->ref.path) + 1;

			o->ref.path = aml_alloc(n);
			if (!o->ref.path) {
				aml_obj_put(o);
				return -ENOMEM;
			}
			memcpy(o->ref.path, src->ref.path, n);
		}
		break;
	default:
		/* Objects that are not data (a mutex, a field...) are not copied:
		 * a second holder shares them (CopyObject of a Field unit). */
		*out = aml_obj_get(src);
		return 0;
	}
	if (!o)
		return -ENOMEM;
	*out = o;
	return 0;
}

int
aml_obj_copy(struct aml_object *src, struct aml_object **out)
{
	return obj_copy_depth(src, out, 0);
}

int
aml_obj_take(struct aml_object *o, struct aml_object **out)
{
	if (o->refs == 1 || (!aml_is_data(o) && o->type != AML_REFERENCE)) {
		*out = aml_obj_get(o);
		return 0;
	}
	return aml_obj_copy(o, out);
}

int
aml_obj_assign(struct aml_object *o, struct aml_object *src)
{
	struct aml_object *copy, old;
	int err;

	if (o == src)
		return 0;
	/* A reference stored into an object could make it hold itself. */
	if (!aml_is_data(src))
		return -AML_ETYPE;
	err = aml_obj_copy(src, &copy);
	if (err)
		return err;
	/* O takes COPY's contents; COPY's shell takes O's old ones and goes. */
	old = *o;
	*o = *copy;
	o->refs = old.refs;
	o->free_next = NULL;
	*copy = old;
	copy->refs = 1;
	aml_obj_put(copy);
	return 0;
}

bool
aml_is_data(const struct aml_object *o)
{
	return o && (o->type == AML_INTEGER || o->type == AML_STRING ||
		     o->type == AML_BUFFER || o->type == AML_PACKAGE);
}

const char *
aml_type_name(int type)
{
	static const char *const names[] = {
		[AML_UNINITIALIZED] = "Uninitialized", [AML_INTEGER] = "Integer",
		[AML_STRING] = "String", [AML_BUFFER] = "Buffer",
		[AML_PACKAGE] = "Package", [AML_FIELD_UNIT] = "Field Unit",
		[AML_DEVICE] = "Device", [AML_EVENT] = "Event", [AML_METHOD] = "Method",
		[AML_MUTEX] = "Mutex", [AML_REGION] = "Region",
		[AML_POWER_RESOURCE] = "Power Resource", [AML_PROCESSOR] = "Processor",
		[AML_THERMAL_ZONE] = "Thermal Zone", [AML_BUFFER_FIELD] = "Buffer Field",
		[AML_DDB_HANDLE] = "Ddb Handle", [AML_DEBUG_OBJECT] = "Debug Object",
		[AML_REFERENCE] = "Reference", [AML_SCOPE] = "Scope",
	};

	if (type < 0 || (size_t)type >= ARRAY_SIZE(names) || !names[type])
		return "Unknown";
	return names[type];
}

/* ------------------------------------------------------------ aml_value */

struct aml_value
aml_int(u64 v)
{
	struct aml_value r = { .type = AML_INTEGER };

	r.integer = v;
	return r;
}

struct aml_value
aml_str(const char *s)
{
	struct aml_value r = { .type = AML_STRING };

	r.string.ptr = (char *)s;
	r.string.len = (u32)strlen(s);
	return r;
}

static void
value_free_depth(struct aml_value *v, int depth)
{
	switch (v->type) {
	case AML_STRING:
		aml_os_free(v->string.ptr);
		break;
	case AML_BUFFER:
		aml_os_free(v->buffer.ptr);
		break;
	case AML_PACKAGE:
		/* Exported packages nest at most AML_MAX_NESTING deep. */
		for (u32 i = 0; i < v->package.count && depth <= AML_MAX_NESTING + 1; i++)
			value_free_depth(&v->package.elems[i], depth + 1);
		aml_os_free(v->package.elems);
		break;
	default:
		break;
	}
	memset(v, 0, sizeof(*v));
	v->type = AML_UNINITIALIZED;
}

void
aml_value_free(struct aml_value *v)
{
	if (v)
		value_free_depth(v, 0);
}

/*
 * Export O as a value the caller owns (allocated with aml_os_alloc(), not
 * counted: it is the caller's now).  A reference to a package element
 * exports the element; a package name not yet found exports as nothing.
 */
int
aml_obj_export(struct aml_object *o, struct aml_value *out, int depth)
{
	memset(out, 0, sizeof(*out));
	out->type = AML_UNINITIALIZED;
	if (!o)
		return 0;
	if (depth > AML_MAX_NESTING)
		return -AML_EDEPTH;
	switch (o->type) {
	case AML_INTEGER:
		out->type = AML_INTEGER;
		out->integer = o->integer;
		return 0;
	case AML_STRING:
		out->string.ptr = aml_os_alloc(o->string.len + 1);
		if (!out->string.ptr)
			return -ENOMEM;
		memcpy(out->string.ptr, o->string.ptr, o->string.len);
		out->string.len = o->string.len;
		out->type = AML_STRING;
		return 0;
	case AML_BUFFER:
		if (o->buffer.len) {
			out->buffer.ptr = aml_os_alloc(o->buffer.len);
			if (!out->buffer.ptr)
				return -ENOMEM;
			memcpy(out->buffer.ptr, o->buffer.ptr, o->buffer.len);
		}
		out->buffer.len = o->buffer.len;
		out->type = AML_BUFFER;
		return 0;
	case AML_PACKAGE:
		out->type = AML_PACKAGE;
		if (!o->package.count)
			return 0;
		out->package.elems = aml_os_alloc(o->package.count * sizeof(struct aml_value));
		if (!out->package.elems) {
			out->type = AML_UNINITIALIZED;
			return -ENOMEM;
		}
		out->package.count = o->package.count;
		for (u32 i = 0; i < o->package.count; i++) {
			int err = aml_obj_export(o->package.elems[i], &out->package.elems[i],
						 depth + 1);

			if (err) {
				aml_value_free(out);
				return err;
			}
		}
		return 0;
	case AML_REFERENCE:
		switch (o->ref_kind) {
		case REF_NODE:
			if (o->ref.node->flags & NODE_DEAD)
				return 0;
			out->type = AML_REFERENCE;
			out->node = o->ref.node;
			return 0;
		case REF_OBJECT:
			return aml_obj_export(o->ref.obj, out, depth + 1);
		case REF_INDEX: {
			struct aml_object *t = o->ref.obj;

			if (t->type == AML_PACKAGE && o->ref.index < t->package.count)
				return aml_obj_export(t->package.elems[o->ref.index], out, depth + 1);
			if (t->type == AML_BUFFER && o->ref.index < t->buffer.len) {
				out->type = AML_INTEGER;
				out->integer = t->buffer.ptr[o->ref.index];
			} else if (t->type == AML_STRING && o->ref.index < t->string.len) {
				out->type = AML_INTEGER;
				out->integer = (u8)t->string.ptr[o->ref.index];
			}
			return 0;
		}
		default:
			return 0;
		}
	default:
		return 0;
	}
}

int
aml_obj_import(const struct aml_value *v, struct aml_object **out, int depth)
{
	struct aml_object *o = NULL;

	*out = NULL;
	if (depth > AML_MAX_NESTING)
		return -AML_EDEPTH;
	switch (v->type) {
	case AML_INTEGER:
		o = aml_obj_int(v->integer);
		break;
	case AML_STRING:
		o = aml_obj_string(v->string.ptr, v->string.len);
		break;
	case AML_BUFFER:
		o = aml_obj_buffer(v->buffer.ptr, v->buffer.len);
		break;
	case AML_PACKAGE:
		o = aml_obj_package(v->package.count);
		for (u32 i = 0; o && i < v->package.count; i++) {
			int err = aml_obj_import(&v->package.elems[i], &o->package.elems[i],
						 depth + 1);

			if (err) {
				aml_obj_put(o);
				return err;
			}
		}
		break;
	case AML_REFERENCE:
		if (!v->node)
			return -EINVAL;
		o = aml_obj_ref(REF_NODE, v->node, NULL, 0);
		break;
	case AML_UNINITIALIZED:
		o = aml_obj_new(AML_UNINITIALIZED);
		break;
	default:
		return -EINVAL;
	}
	if (!o)
		return -ENOMEM;
	*out = o;
	return 0;
}

/* ------------------------------------------------------------ errors */

const char *
aml_strerror(int err)
{
	static const char *const aml[] = {
		[AML_EPARSE - AML_EPARSE] = "AML_EPARSE: malformed AML",
		[AML_EUNSUPPORTED - AML_EPARSE] = "AML_EUNSUPPORTED: unsupported opcode",
		[AML_ETYPE - AML_EPARSE] = "AML_ETYPE: operand type",
		[AML_EINDEX - AML_EPARSE] = "AML_EINDEX: index out of range",
		[AML_EDEPTH - AML_EPARSE] = "AML_EDEPTH: nesting too deep",
		[AML_ELOOP - AML_EPARSE] = "AML_ELOOP: loop or opcode limit",
		[AML_EUNDEFINED - AML_EPARSE] = "AML_EUNDEFINED: name not found",
		[AML_EEXIST - AML_EPARSE] = "AML_EEXIST: name exists",
		[AML_EDIVZERO - AML_EPARSE] = "AML_EDIVZERO: divide by zero",
		[AML_EREGION - AML_EPARSE] = "AML_EREGION: region access refused",
		[AML_EMUTEX - AML_EPARSE] = "AML_EMUTEX: mutex misuse",
		[AML_EUNINIT - AML_EPARSE] = "AML_EUNINIT: uninitialised value",
		[AML_EFATAL - AML_EPARSE] = "AML_EFATAL: Fatal opcode",
	};

	if (err < 0)
		err = -err;
	if (err >= AML_EPARSE && err <= AML_EFATAL)
		return aml[err - AML_EPARSE];
	switch (err) {
	case 0:		return "success";
	case ENOENT:	return "ENOENT";
	case EINVAL:	return "EINVAL";
	case ENOMEM:	return "ENOMEM";
	case EEXIST:	return "EEXIST";
	case ENODEV:	return "ENODEV";
	case ERANGE:	return "ERANGE";
	default:	return "unknown error";
	}
}
