/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_aml.c - libFuzzer target for the AML interpreter
 * (drivers/acpi/aml/): any bytes as a DSDT.
 *
 * The input becomes a table of exactly its own size (signature forced to
 * "DSDT", length to the input's size, the revision byte kept so both
 * integer widths are met); it is loaded, its methods are checked, and
 * every method is then called with its own number of Integer arguments,
 * taken from the input, under a small opcode budget and memory limit.
 * Sanitizers catch stray reads and leaks; the checks below catch what
 * breaks aml.h's contract: an error code outside the known ones, a
 * printk that is not one line (tests/fuzz/fuzz_kernel.c traps), or bytes
 * still held after aml_reset().
 *
 * Course text: docs/07-aml-and-acpi-events.md.  Tests: make fuzz
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/aml/internal.h"
#include "fake_aml_os.h"

#define FUZZ_METHODS	64	/* methods called per input */

/* printk and panic: tests/fuzz/fuzz_kernel.c */

static void
check_err(int err)
{
	if (err == 0 || err == -ENOENT || err == -EINVAL || err == -ENOMEM)
		return;
	if (err <= -AML_EPARSE && err >= -AML_EFATAL)
		return;
	__builtin_trap();
}

static void
check_value(const struct aml_value *v)
{
	char text[256];
	int n = aml_value_format(v, text, sizeof(text));

	if (n < 0 || strlen(text) >= sizeof(text) || strchr(text, '\n'))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct aml_node *methods[FUZZ_METHODS];
	struct aml_header_fix { char sig[4]; u32 len; } fix;
	int nmethods = 0;
	u8 *t;

	if (size < sizeof(struct acpi_table_header) || size > 65536)
		return 0;
	t = malloc(size);
	memcpy(t, data, size);
	memcpy(fix.sig, "DSDT", 4);
	fix.len = (u32)size;
	memcpy(t, &fix, sizeof(fix));

	fake_aml_reset();
	aml_op_budget = 20000;
	aml_mem_limit = 4u << 20;
	check_err(aml_load_table((const struct acpi_table_header *)t));
	free(t);		/* the interpreter keeps its own copy */
	if (aml_check_methods() < 0)
		__builtin_trap();

	/* Collect the methods first: calls only add and remove their own names. */
	for (struct aml_node *n = aml_root(); n && nmethods < FUZZ_METHODS;) {
		if (aml_method_nargs(n) >= 0)
			methods[nmethods++] = n;
		if (aml_node_child(n)) {
			n = aml_node_child(n);
			continue;
		}
		while (n && !aml_node_next(n))
			n = aml_node_parent(n);
		n = n ? aml_node_next(n) : NULL;
	}
	for (int i = 0; i < nmethods; i++) {
		struct aml_value args[AML_MAX_ARGS], ret;
		char path[128];
		int nargs = aml_method_nargs(methods[i]);

		for (int j = 0; j < nargs; j++)
			args[j] = aml_int(data[(i * 7 + j) % size]);
		aml_node_path(methods[i], path, sizeof(path));
		check_err(aml_eval(NULL, path, args, nargs, &ret));
		check_value(&ret);
		aml_value_free(&ret);
	}

	aml_reset();
	if (aml_mem_used || fake_aml_allocs)
		__builtin_trap();
	return 0;
}
