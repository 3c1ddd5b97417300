/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/table.c - the interpreter's front door: loading a
 * DSDT or SSDT (its top-level code run, its packages' forward names
 * resolved), forgetting everything, and aml_eval().
 *
 * The idea: a table is copied, so methods may point into it for as long
 * as the namespace lives, whatever the caller does with its bytes.  Its
 * top-level code runs like a method body with the root as scope: what it
 * declares stays.  An evaluation starts with an empty context whose
 * stack mark bounds the C stack the evaluation may use, and ends by
 * releasing any mutex the firmware left held and copying the result out
 * to the caller.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_exec.c, tests/unit/acpi/test_aml_qemu.c
 */
#include "drivers/acpi/aml/internal.h"

struct aml_table aml_tables[ACPI_MAX_TABLES];
int aml_nr_tables;
unsigned int aml_int_bits = 64;

bool
aml_table_where(const u8 *p, const char **sig, u32 *off)
{
	for (int i = 0; i < aml_nr_tables; i++) {
		const struct aml_table *t = &aml_tables[i];

		if (p >= t->aml && p < t->aml + t->len) {
			*sig = t->sig;
			*off = (u32)(p - t->aml);
			return true;
		}
	}
	return false;
}

unsigned int
aml_integer_width(void)
{
	return aml_int_bits;
}

/* ------------------------------------------------------------ tables */

/*
 * After a table has run, names in its packages that were not defined yet
 * when the package was made (a forward reference) are looked up again:
 * a data object's value replaces the name, anything else becomes a
 * reference (ACPICA does the same at the end of a load).
 */
static void
fixup_package(struct aml_ctx *c, struct aml_object *pkg, int depth)
{
	if (depth > AML_MAX_NESTING)
		return;
	for (u32 i = 0; i < pkg->package.count; i++) {
		struct aml_object *e = pkg->package.elems[i], *v = NULL;
		struct aml_node *n;

		if (e && e->type == AML_PACKAGE) {
			fixup_package(c, e, depth + 1);
			continue;
		}
		if (!e || e->type != AML_REFERENCE || e->ref_kind != REF_NAME)
			continue;
		n = aml_ns_find_text(e->ref.node, e->ref.path, true);
		if (!n)
			continue;
		if (aml_is_data(n->obj))
			aml_obj_copy(n->obj, &v);
		else
			v = aml_obj_ref(REF_NODE, n, NULL, 0);
		if (v) {
			pkg->package.elems[i] = v;
			aml_obj_put(e);
		}
	}
}

static void
fixup_packages(struct aml_ctx *c)
{
	for (struct aml_node *n = aml_ns_root; n; n = aml_ns_walk_next(n))
		if (n->obj && n->obj->type == AML_PACKAGE)
			fixup_package(c, n->obj, 0);
}

static void
ctx_init(struct aml_ctx *c, struct aml_frame *f, struct aml_node *scope)
{
	memset(c, 0, sizeof(*c));
	c->frame = f;
	c->scope = scope;
	c->work_base = aml_work;
}

static void
frame_clear(struct aml_frame *f)
{
	for (int i = 0; i < AML_MAX_LOCALS; i++)
		aml_obj_put(f->locals[i]);
	for (int i = 0; i < AML_MAX_ARGS; i++)
		aml_obj_put(f->args[i]);
	aml_obj_put(f->ret);
}

int
aml_load_table(const struct acpi_table_header *table)
{
	struct aml_table *t;
	struct aml_frame top;
	struct aml_ctx c;
	u32 len;
	int err;

	if (!table)
		return -EINVAL;
	len = table->length;
	if (memcmp(table->signature, "DSDT", 4) && memcmp(table->signature, "SSDT", 4)) {
		pr_warn("aml: table %.4s: not a DSDT or SSDT\n", table->signature);
		return -EINVAL;
	}
	if (len < sizeof(*table) || len > ACPI_TABLE_MAX_SIZE) {
		pr_warn("aml: %.4s: length %u out of range\n", table->signature, len);
		return -EINVAL;
	}
	if (aml_nr_tables == ACPI_MAX_TABLES)
		return -ENOSPC;
	if (!aml_ns_root)
		aml_ns_init();
	if (!aml_ns_root)
		return -ENOMEM;
	t = &aml_tables[aml_nr_tables];
	t->aml = aml_os_alloc(len);
	if (!t->aml)
		return -ENOMEM;
	memcpy(t->aml, table, len);
	t->len = len;
	memcpy(t->sig, table->signature, 4);
	t->sig[4] = '\0';
	aml_nr_tables++;
	if (!memcmp(t->sig, "DSDT", 4))
		aml_int_bits = table->revision < 2 ? 32 : 64;

	memset(&top, 0, sizeof(top));
	ctx_init(&c, &top, aml_ns_root);
	c.stack_base = (uintptr_t)__builtin_frame_address(0);
	c.pc = t->aml + sizeof(*table);
	c.end = t->aml + len;
	err = aml_exec_list(&c, c.end);
	frame_clear(&top);
	aml_release_all_mutexes();
	fixup_packages(&c);
	if (err) {
		const char *sig = t->sig;
		u32 off = 0;

		aml_table_where(c.fail_at ? c.fail_at : c.pc, &sig, &off);
		pr_warn("aml: %s: loading stopped at %s+0x%x (%s)\n", t->sig, sig, off,
			aml_strerror(err));
	}
	return err;
}

void
aml_reset(void)
{
	aml_release_all_mutexes();
	aml_ns_reset();
	for (int i = 0; i < aml_nr_tables; i++) {
		aml_os_free(aml_tables[i].aml);
		memset(&aml_tables[i], 0, sizeof(aml_tables[i]));
	}
	aml_nr_tables = 0;
	aml_int_bits = 64;
}

/* ------------------------------------------------------------ aml_eval */

static int
eval_node(struct aml_ctx *c, struct aml_node *n, const struct aml_value *args, int nargs,
	  struct aml_object **result)
{
	struct aml_object *objs[AML_MAX_ARGS] = { NULL };
	char path[96];
	int want, err;

	if (!n->obj || n->obj->type != AML_METHOD) {
		if (nargs)
			return -EINVAL;
		if (!n->obj || !(aml_is_data(n->obj) || n->obj->type == AML_FIELD_UNIT ||
				 n->obj->type == AML_BUFFER_FIELD || n->obj->type == AML_REFERENCE)) {
			*result = aml_obj_ref(REF_NODE, n, NULL, 0);
			return *result ? 0 : -ENOMEM;
		}
		err = aml_node_value(c, n, result);
		return aml_report(c, NULL, err);
	}
	want = n->obj->method.flags & 7;
	if (nargs != want) {
		aml_node_path(n, path, sizeof(path));
		pr_warn("aml: %s: %d arguments given, %d expected\n", path, nargs, want);
		return -EINVAL;
	}
	for (int i = 0; i < nargs; i++) {
		err = aml_obj_import(&args[i], &objs[i], 0);
		if (err) {
			while (i--)
				aml_obj_put(objs[i]);
			return err;
		}
	}
	err = aml_call(c, n, objs, nargs, result);
	return aml_report(c, NULL, err);
}

int
aml_eval(struct aml_node *scope, const char *path, const struct aml_value *args,
	 int nargs, struct aml_value *ret)
{
	struct aml_object *result = NULL;
	struct aml_frame top;
	struct aml_node *n;
	struct aml_ctx c;
	int err;

	if (ret) {
		memset(ret, 0, sizeof(*ret));
		ret->type = AML_UNINITIALIZED;
	}
	if (nargs < 0 || nargs > AML_MAX_ARGS || (nargs && !args))
		return -EINVAL;
	n = aml_lookup(scope, path);
	if (!n)
		return -ENOENT;
	memset(&top, 0, sizeof(top));
	ctx_init(&c, &top, n);
	c.stack_base = (uintptr_t)__builtin_frame_address(0);
	err = eval_node(&c, n, args, nargs, &result);
	aml_release_all_mutexes();
	if (!err && ret) {
		err = aml_obj_export(result, ret, 0);
		if (err) {
			aml_value_free(ret);
			aml_report(&c, NULL, aml_fail(&c, -err, "result too deep or too big"));
		}
	}
	aml_obj_put(result);
	return err;
}

int
aml_eval_integer(struct aml_node *scope, const char *path, u64 *out)
{
	struct aml_value v;
	int err = aml_eval(scope, path, NULL, 0, &v);

	if (err)
		return err;
	if (v.type != AML_INTEGER) {
		aml_value_free(&v);
		return -AML_ETYPE;
	}
	*out = v.integer;
	return 0;
}
