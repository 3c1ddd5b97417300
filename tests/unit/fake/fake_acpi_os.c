/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_acpi_os.c - acpi_os_map() over a fake physical
 * memory of exact-size regions, and loading QEMU's real tables into it
 * from tests/data/acpi/<machine>/<config>/ (see fake_acpi_os.h).
 *
 * Course text: docs/06-acpi-tables-srat-numa.md (how the tables are tested).
 * Tests: used by tests/unit/acpi/test_tables.c, test_fadt.c, test_madt.c
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "drivers/acpi/acpi.h"
#include "fake_acpi_os.h"

#define FAKE_REGIONS_MAX	64

struct fake_region {
	paddr_t base;	/* [base, base + size) */
	size_t size;
	u8 *buf;	/* malloc'd, exactly size bytes */
};

static struct fake_region regions[FAKE_REGIONS_MAX];
static int nr_regions;
int fake_acpi_tables_ready_calls;

void
fake_acpi_reset(void)
{
	for (int i = 0; i < nr_regions; i++)
		free(regions[i].buf);
	nr_regions = 0;
	fake_acpi_tables_ready_calls = 0;
}

u8 *
fake_acpi_region(paddr_t base, size_t size)
{
	struct fake_region *r;

	assert_true(nr_regions < FAKE_REGIONS_MAX);
	assert_true(size > 0);
	r = &regions[nr_regions++];
	r->base = base;
	r->size = size;
	r->buf = calloc(1, size);
	assert_non_null(r->buf);
	return r->buf;
}

/* The region holding all of [pa, pa + size), or NULL. */
static struct fake_region *
find(paddr_t pa, size_t size)
{
	for (int i = 0; i < nr_regions; i++) {
		struct fake_region *r = &regions[i];

		if (pa >= r->base && pa - r->base <= r->size && size <= r->size - (pa - r->base))
			return r;
	}
	return NULL;
}

u8 *
fake_acpi_place(paddr_t pa, const void *data, size_t len)
{
	struct fake_region *r = find(pa, len);
	u8 *dst = r ? r->buf + (pa - r->base) : fake_acpi_region(pa, len);

	memcpy(dst, data, len);
	return dst;
}

u8 *
fake_acpi_at(paddr_t pa)
{
	struct fake_region *r = find(pa, 1);

	return r ? r->buf + (pa - r->base) : NULL;
}

const void *
acpi_os_map(paddr_t pa, size_t size)
{
	struct fake_region *r;

	if (!size || pa + size < pa)
		return NULL;
	r = find(pa, size);
	return r ? r->buf + (pa - r->base) : NULL;
}

void
acpi_os_tables_ready(void)
{
	fake_acpi_tables_ready_calls++;
}

u8 *
fake_acpi_read_file(const char *file, size_t *len)
{
	FILE *f = fopen(file, "rb");
	u8 *buf;
	long n;

	if (!f)
		fail_msg("cannot open %s (run the tests from the top directory)", file);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	fclose(f);
	*len = n;
	return buf;
}

int
fake_acpi_load_dir(const char *dir)
{
	char path[512], line[512], sig[8];
	unsigned long long pa;
	int placed = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tables.txt", dir);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s (run the tests from the top directory)", path);
	while (fgets(line, sizeof(line), f)) {
		size_t len;
		u8 *data;

		if (sscanf(line, "%4s at 0x%llx", sig, &pa) != 2)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, sig);
		data = fake_acpi_read_file(path, &len);
		fake_acpi_place(pa, data, len);
		free(data);
		placed++;
	}
	fclose(f);
	return placed;
}

void
fake_acpi_fix_checksum(u8 *table, size_t len)
{
	table[9] = 0;
	table[9] = (u8)-acpi_checksum(table, len);
}
