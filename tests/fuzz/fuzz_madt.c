/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_madt.c - libFuzzer target for drivers/acpi/madt.c and
 * fadt.c: the input is one table image, given to acpi_parse_madt() as an
 * "APIC" and to acpi_parse_fadt() as a "FACP", in a buffer of exactly
 * its size whose length field says that size (as tables.c guarantees:
 * a parser only ever sees a table mapped to its full length).
 *
 * Checked: no read past the buffer (ASan), counts within the arrays,
 * every message one line, acpi_isa_irq_to_gsi() flags resolved.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.  Tests: make fuzz
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"

/* printk and panic: tests/fuzz/fuzz_kernel.c */

static struct acpi_madt_info madt;
static struct acpi_fadt_info fadt;

int
LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u32 len = (u32)size;
	u8 *t;

	if (size < sizeof(struct acpi_table_header) || size > (1u << 20))
		return 0;
	t = malloc(size);
	memcpy(t, data, size);
	memcpy(t + 4, &len, 4);

	memcpy(t, "APIC", 4);
	if (acpi_parse_madt((void *)t, &madt) == 0) {
		if (madt.nr_cpus < 0 || madt.nr_cpus > ACPI_MAX_CPUS ||
		    madt.nr_ioapics < 0 || madt.nr_ioapics > ACPI_MAX_IOAPICS ||
		    madt.nr_overrides < 0 || madt.nr_overrides > ACPI_MAX_OVERRIDES)
			__builtin_trap();
		for (int irq = 0; irq < 256; irq++) {
			u16 flags;

			(void)acpi_isa_irq_to_gsi(&madt, (u8)irq, &flags);
			if (!ACPI_POLARITY(flags) || !ACPI_TRIGGER(flags))
				__builtin_trap();
		}
	}

	memcpy(t, "FACP", 4);
	(void)acpi_parse_fadt((void *)t, &fadt);

	free(t);
	return 0;
}
