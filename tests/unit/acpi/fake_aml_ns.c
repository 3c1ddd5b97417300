/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/fake_aml_ns.c - the fake namespace of fake_aml_ns.h.
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the events are tested).
 * Tests: used by tests/unit/acpi/test_events.c, test_bus.c, test_sleep.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_aml_ns.h"

static struct aml_node *root;
char fake_ns_eval_log[4096];
bool aml_trace;

static void
free_tree(struct aml_node *n)
{
	while (n) {
		struct aml_node *next = n->next;

		free_tree(n->child);
		aml_value_free(&n->value);
		free(n);
		n = next;
	}
}

void
fake_ns_reset(void)
{
	if (root)
		free_tree(root);
	root = calloc(1, sizeof(*root));
	strcpy(root->name, "\\");
	root->type = AML_SCOPE;
	fake_ns_eval_log[0] = '\0';
}

/* The next 4-character segment of *P ("_SB" -> "_SB_"), advancing *P. */
static bool
next_seg(const char **p, char seg[5])
{
	int i = 0;

	while (**p && **p != '.') {
		if (i == 4)
			return false;
		seg[i++] = *(*p)++;
	}
	if (!i)
		return false;
	while (i < 4)
		seg[i++] = '_';
	seg[4] = '\0';
	if (**p == '.')
		(*p)++;
	return true;
}

static struct aml_node *
child_named(struct aml_node *n, const char *seg)
{
	for (struct aml_node *c = n->child; c; c = c->next)
		if (!strcmp(c->name, seg))
			return c;
	return NULL;
}

/* Walk PATH from SCOPE, creating missing nodes as scopes when CREATE. */
static struct aml_node *
walk(struct aml_node *scope, const char *path, bool create)
{
	struct aml_node *n = scope ? scope : root;
	char seg[5];

	if (!path)
		return NULL;
	if (*path == '\\') {
		n = root;
		path++;
	}
	while (*path) {
		struct aml_node *c;

		if (!next_seg(&path, seg))
			return NULL;
		c = child_named(n, seg);
		if (!c && create) {
			struct aml_node **link = &n->child;

			c = calloc(1, sizeof(*c));
			strcpy(c->name, seg);
			c->type = AML_SCOPE;
			c->parent = n;
			while (*link)
				link = &(*link)->next;
			*link = c;
		}
		if (!c)
			return NULL;
		n = c;
	}
	return n;
}

struct aml_node *
fake_ns_add(const char *path, enum aml_type type)
{
	struct aml_node *n = walk(NULL, path, true);

	n->type = type;
	return n;
}

struct aml_node *
fake_ns_int(const char *path, u64 v)
{
	struct aml_node *n = fake_ns_add(path, AML_INTEGER);

	aml_value_free(&n->value);
	n->value = aml_int(v);
	return n;
}

struct aml_node *
fake_ns_str(const char *path, const char *s)
{
	struct aml_node *n = fake_ns_add(path, AML_STRING);

	aml_value_free(&n->value);
	n->value.type = AML_STRING;
	n->value.string.ptr = strdup(s);
	n->value.string.len = strlen(s);
	return n;
}

struct aml_node *
fake_ns_pkg(const char *path, const u64 *v, int count)
{
	struct aml_node *n = fake_ns_add(path, AML_PACKAGE);

	aml_value_free(&n->value);
	n->value.type = AML_PACKAGE;
	n->value.package.count = count;
	n->value.package.elems = calloc(count ? count : 1, sizeof(struct aml_value));
	for (int i = 0; i < count; i++)
		n->value.package.elems[i] = aml_int(v[i]);
	return n;
}

struct aml_node *
fake_ns_method(const char *path, int nargs, fake_ns_fn fn)
{
	struct aml_node *n = fake_ns_add(path, AML_METHOD);

	n->fn = fn;
	n->nargs = nargs;
	return n;
}

/* ------------------------------------------------------------ aml.h */

static void
copy_value(struct aml_value *dst, const struct aml_value *src)
{
	*dst = *src;
	if (src->type == AML_STRING) {
		dst->string.ptr = strdup(src->string.ptr);
	} else if (src->type == AML_BUFFER && src->buffer.len) {
		dst->buffer.ptr = malloc(src->buffer.len);
		memcpy(dst->buffer.ptr, src->buffer.ptr, src->buffer.len);
	} else if (src->type == AML_PACKAGE) {
		dst->package.elems = calloc(src->package.count ? src->package.count : 1,
					    sizeof(struct aml_value));
		for (u32 i = 0; i < src->package.count; i++)
			copy_value(&dst->package.elems[i], &src->package.elems[i]);
	}
}

void
aml_value_free(struct aml_value *v)
{
	if (v->type == AML_STRING)
		free(v->string.ptr);
	else if (v->type == AML_BUFFER)
		free(v->buffer.ptr);
	else if (v->type == AML_PACKAGE) {
		for (u32 i = 0; i < v->package.count; i++)
			aml_value_free(&v->package.elems[i]);
		free(v->package.elems);
	}
	memset(v, 0, sizeof(*v));
	v->type = AML_UNINITIALIZED;
}

struct aml_value
aml_int(u64 v)
{
	struct aml_value r = { .type = AML_INTEGER };

	r.integer = v;
	return r;
}

const char *
aml_strerror(int err)
{
	static char buf[32];

	if (err == AML_EFATAL)
		return "AML_EFATAL: the Fatal opcode";
	if (err == -ENOENT)
		return "ENOENT";
	snprintf(buf, sizeof(buf), "error %d", err);
	return buf;
}

struct aml_node *
aml_lookup(struct aml_node *scope, const char *path)
{
	return walk(scope, path, false);
}

int
aml_eval(struct aml_node *scope, const char *path, const struct aml_value *args, int nargs,
	 struct aml_value *ret)
{
	struct aml_node *n = aml_lookup(scope, path);
	struct aml_value r = { .type = AML_UNINITIALIZED };
	char p[64];
	int err = 0;

	if (ret)
		ret->type = AML_UNINITIALIZED;
	if (!n)
		return -ENOENT;
	n->calls++;
	aml_node_path(n, p, sizeof(p));
	strncat(fake_ns_eval_log, p, sizeof(fake_ns_eval_log) - strlen(fake_ns_eval_log) - 2);
	strcat(fake_ns_eval_log, "\n");
	if (n->type == AML_METHOD) {
		if (nargs != n->nargs)
			return -EINVAL;
		n->last_nargs = nargs;
		for (int i = 0; i < nargs; i++)
			n->last_args[i] = args[i].type == AML_INTEGER ? args[i] : aml_int(~0ULL);
		err = n->fn(n, args, nargs, &r);
	} else if (n->value.type != AML_UNINITIALIZED) {
		copy_value(&r, &n->value);
	} else {
		r.type = AML_REFERENCE;
		r.node = n;
	}
	if (ret)
		*ret = r;
	else
		aml_value_free(&r);
	return err;
}

struct aml_node *aml_root(void) { return root; }
struct aml_node *aml_node_parent(const struct aml_node *n) { return n->parent; }
struct aml_node *aml_node_child(const struct aml_node *n) { return n->child; }
struct aml_node *aml_node_next(const struct aml_node *n) { return n->next; }
const char *aml_node_name(const struct aml_node *n) { return n->name; }

enum aml_type
aml_node_type(const struct aml_node *n)
{
	return n->type;
}

int
aml_node_path(const struct aml_node *n, char *buf, size_t size)
{
	char tmp[512] = "";
	const struct aml_node *segs[64];
	int nr = 0;

	for (; n && n->parent && nr < 64; n = n->parent)
		segs[nr++] = n;
	strcpy(tmp, "\\");
	for (int i = nr - 1; i >= 0; i--) {
		strcat(tmp, segs[i]->name);
		if (i)
			strcat(tmp, ".");
	}
	return snprintf(buf, size, "%s", tmp);
}
