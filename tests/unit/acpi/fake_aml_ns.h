/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/fake_aml_ns.h - a stand-in for the AML interpreter in
 * the host tests of events.c, bus.c and sleep.c: a namespace built by the
 * test, whose Name objects hold values and whose methods are C functions.
 * It implements the parts of drivers/acpi/aml/aml.h those files use
 * (lookup, eval, the tree walk, paths, value helpers), so a test decides
 * exactly what \_GPE._E03 or MP00._STA does on each call.
 *
 *	fake_ns_reset();
 *	fake_ns_int("\\_SB.MHPC.MP00._HID", 0x800CD041);	// EisaId("PNP0C80")
 *	fake_ns_method("\\_GPE._E03", my_e03);		// C: may call aml_os_notify()
 *	fake_ns_add("\\_SB.MHPC.MP00", AML_DEVICE);
 *
 * Missing parents are created as scopes (AML_SCOPE) or, when the test
 * adds them later with a type, retyped.  Nodes keep creation order.
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the events are tested).
 * Tests: used by tests/unit/acpi/test_events.c, test_bus.c, test_sleep.c
 */
#ifndef FAKE_AML_NS_H
#define FAKE_AML_NS_H

#include "drivers/acpi/aml/aml.h"

typedef int (*fake_ns_fn)(struct aml_node *self, const struct aml_value *args, int nargs,
			   struct aml_value *ret);

struct aml_node {
	char name[5];			/* "MP00"; the root "\" */
	enum aml_type type;
	struct aml_node *parent, *child, *next;
	struct aml_value value;		/* a Name's value (owned) */
	fake_ns_fn fn;			/* a method's body */
	int nargs;			/* a method's argument count */
	int calls;			/* aml_eval() calls that reached it */
	struct aml_value last_args[AML_MAX_ARGS];	/* the last call's (integers only) */
	int last_nargs;
};

void fake_ns_reset(void);		/* an empty namespace: the root only */
struct aml_node *fake_ns_add(const char *path, enum aml_type type);
struct aml_node *fake_ns_int(const char *path, u64 v);	/* Name(path, v) */
struct aml_node *fake_ns_str(const char *path, const char *s);
/* Name(path, Package {v[0] .. v[n-1]}) of integers. */
struct aml_node *fake_ns_pkg(const char *path, const u64 *v, int n);
struct aml_node *fake_ns_method(const char *path, int nargs, fake_ns_fn fn);
/* Every aml_eval() call, in order, as "\_GPE._E03" lines. */
extern char fake_ns_eval_log[4096];

#endif /* FAKE_AML_NS_H */
