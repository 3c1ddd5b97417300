/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_acpi_tables.c - libFuzzer target for the whole table
 * walk (drivers/acpi/tables.c, fadt.c, madt.c): the input is an RSDP and
 * a window of "physical memory" the tables are read from.
 *
 *	byte 0        flags: FIX_SUMS, RSDP_V1_COPY, RSDP_IN_BIOS_AREA, RAW_POINTERS
 *	bytes 1..36   the RSDP (signature forced, checksums fixed)
 *	bytes 37..    physical memory at MEM_BASE, in a buffer of exactly its size
 *
 * MEM_BASE is where SeaBIOS put QEMU's tables for -m 512M, so the seeds in
 * tests/fuzz/corpus/fuzz_acpi_tables/ are real machines.  Random bytes
 * seldom have right checksums, so with FIX_SUMS the harness fixes the
 * checksum of every table the root points to before the walk: the fuzzer
 * then reaches the FADT and MADT decoders with any contents.  After the
 * walk every listed table is read to its end (ASan checks the mapping),
 * and each message must be one line.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.  Tests: make fuzz
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"

#define MEM_BASE		0x1ffe0000ULL
#define BIOS_AREA		0xe0000ULL
#define BIOS_AREA_SIZE		0x20000
#define FIX_SUMS		0x01
#define RSDP_V1_COPY		0x02
#define RSDP_IN_BIOS_AREA	0x04
#define RAW_POINTERS		0x08

/* printk and panic: tests/fuzz/fuzz_kernel.c */

static u8 *mem;		/* [MEM_BASE, MEM_BASE + mem_size) */
static size_t mem_size;
static u8 *bios;	/* [BIOS_AREA, +BIOS_AREA_SIZE), or NULL */

const void *
acpi_os_map(paddr_t pa, size_t size)
{
	if (!size || pa + size < pa)
		return NULL;
	if (mem && pa >= MEM_BASE && pa - MEM_BASE <= mem_size && size <= mem_size - (pa - MEM_BASE))
		return mem + (pa - MEM_BASE);
	if (bios && pa >= BIOS_AREA && pa - BIOS_AREA <= BIOS_AREA_SIZE &&
	    size <= BIOS_AREA_SIZE - (pa - BIOS_AREA))
		return bios + (pa - BIOS_AREA);
	return NULL;
}

void
acpi_os_tables_ready(void)
{
}

/* Fix the checksum of the table at PA when all of it is in the window. */
static void
fix_sum(u64 pa)
{
	u8 *t;
	u32 len;

	if (pa < MEM_BASE || pa - MEM_BASE + 36 > mem_size)
		return;
	t = mem + (pa - MEM_BASE);
	memcpy(&len, t + 4, 4);
	if (len < 36 || len > mem_size - (pa - MEM_BASE))
		return;
	t[9] = 0;
	t[9] = (u8)-acpi_checksum(t, len);
}

/* Fix the root's entries (and the FADT's DSDT), then the root itself. */
static void
fix_sums(u64 root, size_t entry_size)
{
	u8 *t;
	u32 len;

	if (root < MEM_BASE || root - MEM_BASE + 36 > mem_size)
		return;
	t = mem + (root - MEM_BASE);
	memcpy(&len, t + 4, 4);
	if (len < 36 || len > mem_size - (root - MEM_BASE))
		return;
	for (u32 off = 36; off + entry_size <= len; off += entry_size) {
		u64 pa = 0;

		memcpy(&pa, t + off, entry_size);
		if (pa >= MEM_BASE && pa - MEM_BASE + 44 <= mem_size &&
		    !memcmp(mem + (pa - MEM_BASE), "FACP", 4)) {
			u32 dsdt;

			memcpy(&dsdt, mem + (pa - MEM_BASE) + 40, 4);
			fix_sum(dsdt);
		}
		fix_sum(pa);
	}
	fix_sum(root);
}

/* A pointer into the window, unless RAW_POINTERS. */
static u64
aim(u64 pa, u8 flags)
{
	if ((flags & RAW_POINTERS) || !mem_size || (pa >= MEM_BASE && pa - MEM_BASE < mem_size))
		return pa;
	return MEM_BASE + pa % mem_size;
}

int
LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct acpi_rsdp r;
	u8 rsdp[36];
	u8 flags;
	u32 rsdt;
	u64 xsdt;

	if (size < 1 + sizeof(rsdp))
		return 0;
	flags = data[0];
	memcpy(rsdp, data + 1, sizeof(rsdp));
	mem_size = size - 1 - sizeof(rsdp);
	mem = mem_size ? malloc(mem_size) : NULL;
	if (mem)
		memcpy(mem, data + 1 + sizeof(rsdp), mem_size);

	/* The RSDP: signature forced, pointers aimed, checksums right. */
	memcpy(&r, rsdp, sizeof(r));
	memcpy(r.signature, "RSD PTR ", 8);
	r.rsdt_address = (u32)aim(r.rsdt_address, flags);
	r.xsdt_address = aim(r.xsdt_address, flags);
	memcpy(rsdp, &r, sizeof(r));
	rsdp[8] = 0;
	rsdp[8] = (u8)-acpi_checksum(rsdp, 20);
	rsdp[32] = 0;
	rsdp[32] = (u8)-acpi_checksum(rsdp, 36);
	rsdt = r.rsdt_address;
	xsdt = r.xsdt_address;
	if ((flags & FIX_SUMS) && mem) {
		fix_sums(rsdt, 4);
		if (r.revision >= 2)
			fix_sums(xsdt, 8);
	}

	bios = NULL;
	if (flags & RSDP_IN_BIOS_AREA) {
		bios = calloc(1, BIOS_AREA_SIZE);
		memcpy(bios + 0x159d0, rsdp, sizeof(rsdp));
		acpi_tables_init(NULL, NULL);
	} else if (flags & RSDP_V1_COPY) {
		acpi_tables_init(NULL, rsdp);
	} else {
		acpi_tables_init(rsdp, NULL);
	}

	/* Every mapped table can be read to its end. */
	for (int i = 0; i < acpi_table_count(); i++) {
		const struct acpi_table *t = acpi_table_at(i);

		if (t->hdr)
			(void)acpi_checksum(t->hdr, t->length);
		if (t->checksum_ok && !t->hdr)
			__builtin_trap();
	}
	if (acpi_table_count() > ACPI_MAX_TABLES)
		__builtin_trap();
	(void)acpi_get_table("APIC", 1);
	for (int irq = 0; irq < 16; irq++)
		(void)acpi_isa_irq_to_gsi(&acpi_madt, (u8)irq, NULL);

	free(mem);
	free(bios);
	mem = NULL;
	bios = NULL;
	return 0;
}
