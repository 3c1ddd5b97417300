/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/namespace.c - the tree of named objects: making nodes,
 * finding names by ACPI's rules, deleting what a method made, walking.
 *
 * The idea: a node is a four-character name in its parent's list of
 * children, holding one object (or none: a bare scope such as \_GPE).
 * A lone NameSeg used as a reference ("MSEL") is searched for in the
 * current scope and then in each scope above it (ACPI 6.x, 5.3); any
 * path with a prefix or a dot is taken literally.  Nodes are counted
 * like objects: references to a node keep its memory after it leaves the
 * tree (NODE_DEAD), so a stale reference finds a dead node, never freed
 * memory.
 *
 *	\ ─┬─ _GPE ── _E03 (Method)
 *	   ├─ _SB_ ─┬─ PCI0 ── MHPD ── HPMR (Region)
 *	   │        └─ MHPC ─┬─ MSEL (Field unit)
 *	   │                 └─ MP00 ── _STA (Method)
 *	   └─ _OSI, _OS_, _REV, _GL_, _PR_, _SI_, _TZ_   (predefined)
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_namespace.c
 */
#include "drivers/acpi/aml/internal.h"

struct aml_node *aml_ns_root;
u32 aml_ns_nodes;

/* ------------------------------------------------------------ nodes */

static struct aml_node *
node_new(const u8 *seg)
{
	struct aml_node *n = aml_alloc(sizeof(*n));

	if (!n)
		return NULL;
	memcpy(n->name, seg, 4);
	n->refs = 1;
	return n;
}

void
aml_node_get(struct aml_node *n)
{
	n->refs++;
}

void
aml_node_put(struct aml_node *n)
{
	if (n && --n->refs == 0)
		aml_free(n);
}

static void
node_link(struct aml_node *parent, struct aml_node *n)
{
	n->parent = parent;
	if (parent->last_child)
		parent->last_child->next = n;
	else
		parent->child = n;
	parent->last_child = n;
}

static void
node_unlink(struct aml_node *n)
{
	struct aml_node *p = n->parent, *prev = NULL;

	if (!p)
		return;
	for (struct aml_node *c = p->child; c; prev = c, c = c->next) {
		if (c != n)
			continue;
		if (prev)
			prev->next = n->next;
		else
			p->child = n->next;
		if (p->last_child == n)
			p->last_child = prev;
		break;
	}
	n->parent = NULL;
	n->next = NULL;
}

/* Take N out of the tree: its object and alias go, its memory stays
 * while references to it remain. */
static void
node_kill(struct aml_node *n)
{
	struct aml_object *obj = n->obj;
	struct aml_node *alias = n->alias;

	node_unlink(n);
	n->flags |= NODE_DEAD;
	n->obj = NULL;
	n->alias = NULL;
	if (n != aml_ns_root)
		aml_ns_nodes--;
	aml_obj_put(obj);
	aml_node_put(alias);
	aml_node_put(n);
}

/* Kill N and everything below it, deepest first, without recursion. */
static void
node_kill_subtree(struct aml_node *top)
{
	struct aml_node *n = top;

	for (;;) {
		while (n->child)
			n = n->child;
		if (n == top)
			break;
		struct aml_node *p = n->parent;

		node_kill(n);
		n = p;
	}
	node_kill(top);
}

void
aml_ns_delete_temps(struct aml_node *list)
{
	while (list) {
		struct aml_node *n = list;

		list = n->temp_next;
		n->temp_next = NULL;
		if (!(n->flags & NODE_DEAD))
			node_kill_subtree(n);
		aml_node_put(n);	/* the frame's hold */
	}
}

struct aml_node *
aml_node_resolve(struct aml_node *n)
{
	return n && n->alias ? n->alias : n;
}

static struct aml_node *
find_child(const struct aml_node *parent, const u8 *seg)
{
	for (struct aml_node *c = parent->child; c; c = c->next)
		if (!memcmp(c->name, seg, 4))
			return c;
	return NULL;
}

/* Where NAME's first segment is looked up: the root, or SCOPE raised by
 * its '^' prefixes; NULL when that climbs above the root. */
static struct aml_node *
name_start(struct aml_node *scope, const struct aml_name *name)
{
	struct aml_node *s = name->root ? aml_ns_root : (scope ? scope : aml_ns_root);

	for (unsigned int i = 0; i < name->up && s; i++)
		s = s->parent;
	return s;
}

struct aml_node *
aml_ns_find(struct aml_node *scope, const struct aml_name *name, bool search)
{
	struct aml_node *s = name_start(scope, name);

	if (!s)
		return NULL;
	if (search && !name->root && !name->up && name->nsegs == 1) {
		for (; s; s = s->parent) {
			struct aml_node *c = find_child(aml_node_resolve(s), name->segs);

			if (c)
				return aml_node_resolve(c);
		}
		return NULL;
	}
	for (unsigned int i = 0; i < name->nsegs && s; i++)
		s = find_child(aml_node_resolve(s), name->segs + 4 * i);
	return aml_node_resolve(s);
}

int
aml_ns_create(struct aml_ctx *c, struct aml_node *scope, const struct aml_name *name,
	      struct aml_object *obj, struct aml_node **out)
{
	struct aml_node *p = name_start(scope, name), *n;
	const u8 *last;

	*out = NULL;
	if (!name->nsegs)
		return -AML_EPARSE;
	for (unsigned int i = 0; i + 1 < name->nsegs && p; i++)
		p = find_child(aml_node_resolve(p), name->segs + 4 * i);
	p = aml_node_resolve(p);
	if (!p)
		return -AML_EUNDEFINED;
	last = name->segs + 4 * (name->nsegs - 1);
	n = find_child(p, last);
	if (n) {
		*out = n;
		return -AML_EEXIST;
	}
	n = node_new(last);
	if (!n)
		return -ENOMEM;
	n->obj = aml_obj_get(obj);
	node_link(p, n);
	aml_ns_nodes++;
	if (c && c->frame && c->frame->method) {
		n->flags |= NODE_TEMP;
		n->temp_next = c->frame->temps;
		c->frame->temps = n;
		aml_node_get(n);
	}
	*out = n;
	return 0;
}

void
aml_ns_set(struct aml_node *n, struct aml_object *obj)
{
	struct aml_object *old = n->obj;

	n->obj = aml_obj_get(obj);
	aml_obj_put(old);
}

/* ------------------------------------------------------------ names as text */

int
aml_name_from_text(const char *path, struct aml_name *name, u8 *segbuf)
{
	const char *p = path;

	memset(name, 0, sizeof(*name));
	name->segs = segbuf;
	if (*p == '\\') {
		name->root = true;
		p++;
	} else {
		while (*p == '^') {
			if (name->up == 255)
				return -EINVAL;
			name->up++;
			p++;
		}
	}
	while (*p) {
		u8 *seg = segbuf + 4 * name->nsegs;
		unsigned int len = 0;

		if (name->nsegs == AML_MAX_PATH_SEGS)
			return -EINVAL;
		for (; *p && *p != '.'; p++, len++) {
			char ch = *p;

			if (len == 4 || !((ch >= 'A' && ch <= 'Z') || ch == '_' ||
					  (len && ch >= '0' && ch <= '9')))
				return -EINVAL;
			seg[len] = (u8)ch;
		}
		if (!len)
			return -EINVAL;
		for (; len < 4; len++)
			seg[len] = '_';
		name->nsegs++;
		if (*p == '.' && !*++p)
			return -EINVAL;
	}
	return 0;
}

int
aml_name_format(const struct aml_name *name, char *buf, size_t size)
{
	size_t n = 0;

#define PUT(ch) do { if (n + 1 < size) buf[n] = (ch); n++; } while (0)
	if (name->root)
		PUT('\\');
	for (unsigned int i = 0; i < name->up; i++)
		PUT('^');
	for (unsigned int i = 0; i < name->nsegs; i++) {
		if (i)
			PUT('.');
		for (unsigned int j = 0; j < 4; j++)
			PUT((char)name->segs[4 * i + j]);
	}
#undef PUT
	if (size)
		buf[MIN(n, size - 1)] = '\0';
	return (int)n;
}

/* ------------------------------------------------------------ predefined objects */

/* \_OSI(name): Ones for the interfaces ACPICA answers yes to by default. */
static int
osi_native(struct aml_ctx *c, struct aml_object **args, struct aml_object **ret)
{
	static const char *const yes[] = {
		"Windows 2000", "Windows 2001", "Windows 2001 SP1", "Windows 2001.1",
		"Windows 2001 SP2", "Windows 2001.1 SP1", "Windows 2006", "Windows 2006.1",
		"Windows 2006 SP1", "Windows 2006 SP2", "Windows 2009", "Windows 2012",
		"Windows 2013", "Windows 2015", "Windows 2016", "Windows 2017",
		"Windows 2017.2", "Windows 2018", "Windows 2018.2", "Windows 2019",
		"Windows 2020", "Module Device", "Processor Device",
		"3.0 Thermal Model", "3.0 _SCP Extensions", "Processor Aggregator Device",
		"Extended Address Space Descriptor",
	};
	struct aml_object *a = args[0];
	bool found = false;

	if (!a || a->type != AML_STRING)
		return aml_fail(c, AML_ETYPE, "_OSI: argument is not a String");
	for (unsigned int i = 0; i < ARRAY_SIZE(yes); i++)
		if (!strcmp(a->string.ptr, yes[i]))
			found = true;
	*ret = aml_obj_int(found ? ~0ull : 0);
	return *ret ? 0 : -ENOMEM;
}

static void
predefine(const char *seg, struct aml_object *obj)
{
	struct aml_name name = { .root = true, .nsegs = 1, .segs = (const u8 *)seg };
	struct aml_node *n;

	aml_ns_create(NULL, NULL, &name, obj, &n);
	aml_obj_put(obj);
}

void
aml_ns_init(void)
{
	struct aml_object *o;

	aml_ns_root = node_new((const u8 *)"\\\0\0\0");
	if (!aml_ns_root)
		return;
	aml_ns_nodes = 0;
	/* ACPICA's predefined names; \_SB_ and \_TZ_ are Devices there. */
	predefine("_GPE", NULL);
	predefine("_PR_", NULL);
	predefine("_SB_", aml_obj_new(AML_DEVICE));
	predefine("_SI_", NULL);
	predefine("_TZ_", aml_obj_new(AML_DEVICE));
	predefine("_REV", aml_obj_int(2));
	predefine("_OS_", aml_obj_string("Microsoft Windows NT", 20));
	o = aml_obj_new(AML_MUTEX);
	predefine("_GL_", o);
	o = aml_obj_new(AML_METHOD);
	if (o) {
		o->method.flags = 1;
		o->method.native = osi_native;
	}
	predefine("_OSI", o);
}

void
aml_ns_reset(void)
{
	if (!aml_ns_root)
		return;
	node_kill_subtree(aml_ns_root);
	aml_ns_root = NULL;
	aml_ns_nodes = 0;
}

/* ------------------------------------------------------------ the public walk */

struct aml_node *
aml_root(void)
{
	return aml_ns_root;
}

struct aml_node *
aml_node_parent(const struct aml_node *n)
{
	return n ? n->parent : NULL;
}

struct aml_node *
aml_node_child(const struct aml_node *n)
{
	return n ? n->child : NULL;
}

struct aml_node *
aml_node_next(const struct aml_node *n)
{
	return n ? n->next : NULL;
}

enum aml_type
aml_node_type(const struct aml_node *n)
{
	n = aml_node_resolve((struct aml_node *)n);
	if (!n || !n->obj)
		return AML_SCOPE;
	return (enum aml_type)n->obj->type;
}

const char *
aml_node_name(const struct aml_node *n)
{
	return n->name;
}

/*
 * "\_SB_.MHPC.MP00": a node at depth D (the root's children are at 1)
 * owns characters [5D - 4, 5D) and the dot before them, so the path is
 * written from the node upward without knowing the depth first... almost:
 * one walk counts the depth.
 */
int
aml_node_path(const struct aml_node *n, char *buf, size_t size)
{
	size_t depth = 0, len;

	for (const struct aml_node *p = n; p && p->parent; p = p->parent)
		depth++;
	len = depth ? 5 * depth : 1;
	if (!size)
		return (int)len;
#define PUT(i, ch) do { if ((i) < size - 1) buf[i] = (ch); } while (0)
	PUT(0, '\\');
	for (const struct aml_node *p = n; p && p->parent; p = p->parent, depth--) {
		size_t at = 5 * depth - 4;

		for (size_t i = 0; i < 4; i++)
			PUT(at + i, p->name[i]);
		if (depth > 1)
			PUT(at - 1, '.');
	}
#undef PUT
	buf[MIN(len, size - 1)] = '\0';
	return (int)len;
}

int
aml_method_nargs(const struct aml_node *n)
{
	n = aml_node_resolve((struct aml_node *)n);
	if (!n || !n->obj || n->obj->type != AML_METHOD)
		return -1;
	return n->obj->method.flags & 7;
}

/* Out of line: the segment buffer stays off the evaluator's recursion. */
__attribute__((noinline)) struct aml_node *
aml_ns_find_text(struct aml_node *scope, const char *path, bool search)
{
	u8 segs[AML_MAX_PATH_SEGS * 4];
	struct aml_name name;

	if (!aml_ns_root || !path || aml_name_from_text(path, &name, segs))
		return NULL;
	return aml_ns_find(scope, &name, search);
}

struct aml_node *
aml_lookup(struct aml_node *scope, const char *path)
{
	return aml_ns_find_text(scope, path, false);
}

/* Children first, then the next sibling of N or of its nearest ancestor
 * that has one. */
struct aml_node *
aml_ns_walk_next(struct aml_node *n)
{
	if (n->child)
		return n->child;
	while (n && !n->next)
		n = n->parent;
	return n ? n->next : NULL;
}

void
aml_namespace_stats(struct aml_namespace_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->tables = (u32)aml_nr_tables;
	for (int i = 0; i < aml_nr_tables; i++)
		out->bytes += aml_tables[i].len;
	if (!aml_ns_root)
		return;
	for (struct aml_node *n = aml_ns_root->child; n; n = aml_ns_walk_next(n)) {
		int type = aml_node_type(n);

		out->nodes++;
		if (type == AML_METHOD)
			out->methods++;
		else if (type == AML_DEVICE)
			out->devices++;
	}
}
