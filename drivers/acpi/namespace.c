/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/namespace.c - the ACPI namespace at boot: the DSDT and
 * every SSDT handed to the AML interpreter, their method bodies checked,
 * and one line that says what was built.
 *
 * The idea: the interpreter (drivers/acpi/aml/) knows nothing of where
 * tables come from; this is the glue between tables.c's list and it.  A
 * table that fails to load is warned about (the interpreter says where it
 * stopped) and the others still load, so one bad SSDT does not cost the
 * machine its memory devices.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_qemu.c (acpi_namespace_init on QEMU's tables)
 */
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"

int
acpi_namespace_init(void)
{
	const struct acpi_table_header *t = acpi_get_table("DSDT", 0);
	struct aml_namespace_stats s;
	int err, failed = 0, problems;

	if (!t) {
		pr_warn("ACPI: namespace: no DSDT; no AML, no devices\n");
		return -ENODEV;
	}
	err = aml_load_table(t);
	if (err) {
		pr_warn("ACPI: namespace: DSDT did not load completely (%s)\n", aml_strerror(err));
		failed++;
	}
	for (int i = 0; (t = acpi_get_table("SSDT", i)); i++) {
		err = aml_load_table(t);
		if (err) {
			pr_warn("ACPI: namespace: SSDT %d did not load completely (%s)\n", i,
				aml_strerror(err));
			failed++;
		}
	}
	problems = aml_check_methods();
	if (problems)
		pr_warn("ACPI: namespace: %d problems in method bodies (listed above)\n", problems);
	aml_namespace_stats(&s);
	pr_info("ACPI: namespace: %u tables, %u objects, %u methods (%u-bit integers)\n",
		s.tables, s.nodes, s.methods, aml_integer_width());
	return failed ? -EINVAL : 0;
}
