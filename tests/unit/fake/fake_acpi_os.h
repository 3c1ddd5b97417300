/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_acpi_os.h - the OS layer of drivers/acpi/ for host
 * tests: a "physical memory" of separate regions, each a malloc'd buffer
 * of exactly its size, so AddressSanitizer catches a parser that reads
 * one byte past what acpi_os_map() was asked for.
 *
 * acpi_os_map(pa, size) returns the bytes when [pa, pa + size) lies in one
 * region, else NULL (firmware pointing at nothing).
 *
 *	fake_acpi_reset();
 *	fake_acpi_region(0, 0x100000);			// low memory, zeroed
 *	fake_acpi_load_dir("tests/data/acpi/pc/seabios-memhp");
 *	acpi_tables_init(NULL, NULL);			// finds the RSDP by the legacy scan
 *
 * Course text: docs/06-acpi-tables-srat-numa.md (how the tables are tested).
 * Tests: used by tests/unit/acpi/test_tables.c, test_fadt.c, test_madt.c
 */
#ifndef FAKE_ACPI_OS_H
#define FAKE_ACPI_OS_H

#include "kernel/types.h"

extern int fake_acpi_tables_ready_calls;	/* acpi_os_tables_ready() calls */

/* Forget every region. */
void fake_acpi_reset(void);
/* A zeroed region [base, base + size); returns its bytes. */
u8 *fake_acpi_region(paddr_t base, size_t size);
/* Put LEN bytes at PA: into the region holding all of them, else into a
 * new region of exactly LEN bytes.  Returns where they are. */
u8 *fake_acpi_place(paddr_t pa, const void *data, size_t len);
/* The bytes at PA, for a test to corrupt (NULL when PA is in no region). */
u8 *fake_acpi_at(paddr_t pa);
/* Read FILE whole into a malloc'd buffer; *LEN gets its size.  Fails the test if missing. */
u8 *fake_acpi_read_file(const char *file, size_t *len);
/* Place every "SIG at 0xADDR ..." line of DIR/tables.txt from the file DIR/SIG.
 * Returns how many were placed. */
int fake_acpi_load_dir(const char *dir);
/* Make the sum of TABLE's LEN bytes 0 by rewriting byte 9 (the checksum). */
void fake_acpi_fix_checksum(u8 *table, size_t len);

#endif /* FAKE_ACPI_OS_H */
