/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_srat.c - libFuzzer target for drivers/acpi/srat.c and
 * drivers/acpi/slit.c.
 *
 * The input is a table image of exactly its own size (so ASan sees any
 * read past it); its signature is forced to "SRAT", then to "SLIT", and
 * its length field to the input's size, as tables.c bounds it.  Sanitizers
 * catch stray reads; the checks below catch results that break
 * drivers/acpi/acpi.h's contract: counts within the arrays, only Enabled,
 * non-empty ranges below 2^52, a SLIT kept only with 10 on the diagonal,
 * and every message a single line.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.  Tests: make fuzz
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"

/* printk and panic: tests/fuzz/fuzz_kernel.c */

static void
check_srat(const struct acpi_srat_info *s)
{
	if (s->nr_cpus < 0 || s->nr_cpus > ACPI_MAX_CPUS ||
	    s->nr_mem < 0 || s->nr_mem > ACPI_MAX_MEM_AFFINITY)
		__builtin_trap();
	for (int i = 0; i < s->nr_mem; i++) {
		u64 end = s->mem[i].base + s->mem[i].length;

		if (!(s->mem[i].flags & ACPI_SRAT_MEM_ENABLED) || s->mem[i].length == 0 ||
		    end < s->mem[i].base || end > ACPI_SRAT_MAX_ADDR)
			__builtin_trap();
	}
}

static void
check_slit(const struct acpi_slit_info *s, int err)
{
	if (err) {
		if (s->present)
			__builtin_trap();
		return;
	}
	if (!s->present || s->nr < 0 || s->nr > ACPI_MAX_LOCALITIES)
		__builtin_trap();
	for (int i = 0; i < s->nr; i++)
		for (int j = 0; j < s->nr; j++)
			if ((i == j && s->dist[i][j] != 10) || s->dist[i][j] < 10)
				__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct acpi_srat_info srat;
	static struct acpi_slit_info slit;
	u8 *t;
	u32 len = (u32)size;

	if (size < 8 || size > 65536)
		return 0;
	t = malloc(size);
	memcpy(t, data, size);
	memcpy(t + 4, &len, 4);

	memcpy(t, "SRAT", 4);
	if (acpi_parse_srat((const struct acpi_table_header *)t, &srat) == 0)
		check_srat(&srat);
	else if (srat.present)
		__builtin_trap();

	memcpy(t, "SLIT", 4);
	check_slit(&slit, acpi_parse_slit((const struct acpi_table_header *)t, &slit));
	free(t);
	return 0;
}
