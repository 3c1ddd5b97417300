/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_tables.c - host tests for drivers/acpi/tables.c:
 * finding the RSDP, walking the RSDT/XSDT and the FADT's pointers over
 * QEMU 7.2's real tables, and surviving broken firmware.
 *
 * Each machine's tables are placed at the physical addresses QEMU's
 * firmware gave them (tests/data/acpi/<machine>/<config>/tables.txt) in
 * a fake physical memory (tests/unit/fake/fake_acpi_os.c) whose regions
 * are exactly as long as the data, so AddressSanitizer catches any read
 * past what was mapped.  The expected lists below are copied by hand from
 * tables.txt and RSDT.dsl, not from our parser.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_acpi_os.h"
#include "fake_printk.h"

#define LOW_MEM_SIZE	0x100000	/* [0, 1 MiB): BDA, EBDA, BIOS area */
#define OVMF_RSDT	0x1f77d000	/* tables.txt: the tests' choice */
#define OVMF_XSDT	0x1f77e000	/* built here */

struct expect_table {
	const char *sig;
	paddr_t pa;
	u32 length;
	bool ok;
};

struct machine {
	const char *dir;
	paddr_t rsdp;			/* SeaBIOS: tables.txt "RSDP at"; 0: OVMF */
	struct expect_table t[12];	/* in the order the walk lists them */
};

/*
 * tables.txt of each set (RSDT.dsl gives the entry order: FACP APIC HPET
 * [SRAT] [MCFG] WAET; then the FADT's DSDT and FACS).  OVMF's sets are
 * walked through an XSDT built by the test; their FACS was not saved,
 * so it is listed unusable.
 */
static const struct machine machines[] = {
	{ "tests/data/acpi/pc/seabios-memhp", 0xf59d0, {
		{ "RSDT", 0x1ffe2127, 56, true }, { "FACP", 0x1ffe1efb, 116, true },
		{ "APIC", 0x1ffe1f6f, 120, true }, { "HPET", 0x1ffe1fe7, 56, true },
		{ "SRAT", 0x1ffe201f, 224, true }, { "WAET", 0x1ffe20ff, 40, true },
		{ "DSDT", 0x1ffe0040, 7867, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/pc/seabios-memhp-2node", 0xf5980, {
		{ "RSDT", 0x1ffe21c0, 56, true }, { "FACP", 0x1ffe1f54, 116, true },
		{ "APIC", 0x1ffe1fc8, 128, true }, { "HPET", 0x1ffe2048, 56, true },
		{ "SRAT", 0x1ffe2080, 280, true }, { "WAET", 0x1ffe2198, 40, true },
		{ "DSDT", 0x1ffe0040, 7956, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/pc/seabios-memhp-defaults", 0xf59d0, {
		{ "RSDT", 0x1ffe2182, 56, true }, { "FACP", 0x1ffe1f56, 116, true },
		{ "APIC", 0x1ffe1fca, 120, true }, { "HPET", 0x1ffe2042, 56, true },
		{ "SRAT", 0x1ffe207a, 224, true }, { "WAET", 0x1ffe215a, 40, true },
		{ "DSDT", 0x1ffe0040, 7958, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/pc/seabios-nomemhp", 0xf59d0, {
		{ "RSDT", 0x1ffe1a7d, 52, true }, { "FACP", 0x1ffe1931, 116, true },
		{ "APIC", 0x1ffe19a5, 120, true }, { "HPET", 0x1ffe1a1d, 56, true },
		{ "WAET", 0x1ffe1a55, 40, true },
		{ "DSDT", 0x1ffe0040, 6385, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/pc/ovmf-memhp", 0, {
		{ "XSDT", OVMF_XSDT, 36 + 5 * 8, true }, { "FACP", 0x1f779000, 116, true },
		{ "APIC", 0x1f778000, 120, true }, { "HPET", 0x1f777000, 56, true },
		{ "SRAT", 0x1f776000, 224, true }, { "WAET", 0x1f775000, 40, true },
		{ "DSDT", 0x1f77a000, 7867, true }, { "FACS", 0x1f7dc000, 0, false } } },
	{ "tests/data/acpi/q35/seabios-memhp", 0xf59e0, {
		{ "RSDT", 0x1ffe291a, 60, true }, { "FACP", 0x1ffe2632, 244, true },
		{ "APIC", 0x1ffe2726, 120, true }, { "HPET", 0x1ffe279e, 56, true },
		{ "SRAT", 0x1ffe27d6, 224, true }, { "MCFG", 0x1ffe28b6, 60, true },
		{ "WAET", 0x1ffe28f2, 40, true },
		{ "DSDT", 0x1ffe0040, 9714, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/q35/seabios-memhp-2node", 0xf5990, {
		{ "RSDT", 0x1ffe29b3, 60, true }, { "FACP", 0x1ffe268b, 244, true },
		{ "APIC", 0x1ffe277f, 128, true }, { "HPET", 0x1ffe27ff, 56, true },
		{ "SRAT", 0x1ffe2837, 280, true }, { "MCFG", 0x1ffe294f, 60, true },
		{ "WAET", 0x1ffe298b, 40, true },
		{ "DSDT", 0x1ffe0040, 9803, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/q35/seabios-memhp-defaults", 0xf59e0, {
		{ "RSDT", 0x1ffe298b, 60, true }, { "FACP", 0x1ffe26a3, 244, true },
		{ "APIC", 0x1ffe2797, 120, true }, { "HPET", 0x1ffe280f, 56, true },
		{ "SRAT", 0x1ffe2847, 224, true }, { "MCFG", 0x1ffe2927, 60, true },
		{ "WAET", 0x1ffe2963, 40, true },
		{ "DSDT", 0x1ffe0040, 9827, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/q35/seabios-nomemhp", 0xf59e0, {
		{ "RSDT", 0x1ffe2270, 56, true }, { "FACP", 0x1ffe2068, 244, true },
		{ "APIC", 0x1ffe215c, 120, true }, { "HPET", 0x1ffe21d4, 56, true },
		{ "MCFG", 0x1ffe220c, 60, true }, { "WAET", 0x1ffe2248, 40, true },
		{ "DSDT", 0x1ffe0040, 8232, true }, { "FACS", 0x1ffe0000, 64, true } } },
	{ "tests/data/acpi/q35/seabios-5G", 0xf59c0, {
		{ "RSDT", 0x7ffe2824, 60, true }, { "FACP", 0x7ffe253c, 244, true },
		{ "APIC", 0x7ffe2630, 120, true }, { "HPET", 0x7ffe26a8, 56, true },
		{ "SRAT", 0x7ffe26e0, 224, true }, { "MCFG", 0x7ffe27c0, 60, true },
		{ "WAET", 0x7ffe27fc, 40, true },
		{ "DSDT", 0x7ffe0040, 9468, true }, { "FACS", 0x7ffe0000, 64, true } } },
	{ "tests/data/acpi/q35/ovmf-memhp", 0, {
		{ "XSDT", OVMF_XSDT, 36 + 6 * 8, true }, { "FACP", 0x1f778000, 244, true },
		{ "APIC", 0x1f777000, 120, true }, { "HPET", 0x1f776000, 56, true },
		{ "SRAT", 0x1f775000, 224, true }, { "MCFG", 0x1f774000, 60, true },
		{ "WAET", 0x1f773000, 40, true },
		{ "DSDT", 0x1f779000, 9714, true }, { "FACS", 0x1f7dc000, 0, false } } },
};

/* ------------------------------------------------------------ helpers */

static int
nr_expected(const struct machine *m)
{
	int n = 0;

	while (n < (int)ARRAY_SIZE(m->t) && m->t[n].sig)
		n++;
	return n;
}

/* An RSDP (revision REV) pointing at RSDT and XSDT, checksums right. */
static void
make_rsdp(u8 *out, u8 rev, u32 rsdt, u64 xsdt)
{
	struct acpi_rsdp r;

	memset(&r, 0, sizeof(r));
	memcpy(r.signature, "RSD PTR ", 8);
	memcpy(r.oem_id, "BOCHS ", 6);
	r.revision = rev;
	r.rsdt_address = rsdt;
	r.length = sizeof(r);
	r.xsdt_address = xsdt;
	memcpy(out, &r, sizeof(r));
	out[8] = (u8)-acpi_checksum(out, 20);
	out[32] = (u8)-acpi_checksum(out, 36);
}

/*
 * OVMF: QEMU's RSDT (from the data), and an XSDT with the same entries
 * at OVMF_XSDT; returns the RSDP (rev 2) the boot loader would hand over.
 */
static u8 ovmf_rsdp[36];

static void
build_ovmf_xsdt(void)
{
	const u8 *rsdt = fake_acpi_at(OVMF_RSDT);
	u32 rsdt_len, n;
	u8 xsdt[36 + 8 * 16];

	assert_non_null(rsdt);
	memcpy(&rsdt_len, rsdt + 4, 4);
	n = (rsdt_len - 36) / 4;
	memset(xsdt, 0, sizeof(xsdt));
	memcpy(xsdt, rsdt, 36);
	memcpy(xsdt, "XSDT", 4);
	for (u32 i = 0; i < n; i++) {
		u32 pa32;
		u64 pa;

		memcpy(&pa32, rsdt + 36 + 4 * i, 4);
		pa = pa32;
		memcpy(xsdt + 36 + 8 * i, &pa, 8);
	}
	rsdt_len = 36 + 8 * n;
	memcpy(xsdt + 4, &rsdt_len, 4);
	fake_acpi_fix_checksum(xsdt, rsdt_len);
	fake_acpi_place(OVMF_XSDT, xsdt, rsdt_len);
	make_rsdp(ovmf_rsdp, 2, OVMF_RSDT, OVMF_XSDT);
}

/* Low memory plus one machine's tables; OVMF also gets its XSDT. */
static void
load_machine(const struct machine *m)
{
	fake_acpi_reset();
	fake_printk_clear();
	fake_acpi_region(0, LOW_MEM_SIZE);
	assert_true(fake_acpi_load_dir(m->dir) >= 6);
	if (!m->rsdp)
		build_ovmf_xsdt();
}

static int
init_machine(const struct machine *m)
{
	load_machine(m);
	return m->rsdp ? acpi_tables_init(NULL, NULL) : acpi_tables_init(ovmf_rsdp, NULL);
}

/* The list is exactly M's, each usable table byte-identical to its file. */
static void
check_list(const struct machine *m)
{
	int n = nr_expected(m);

	assert_int_equal(acpi_table_count(), n);
	for (int i = 0; i < n; i++) {
		const struct acpi_table *t = acpi_table_at(i);
		const struct expect_table *e = &m->t[i];

		assert_string_equal(t->signature, e->sig);
		assert_int_equal(t->paddr, e->pa);
		assert_int_equal(t->length, e->length);
		assert_int_equal(t->checksum_ok, e->ok);
		if (e->ok) {
			assert_ptr_equal(t->hdr, fake_acpi_at(e->pa));
			assert_string_equal(t->oem_id, strcmp(e->sig, "FACS") ? "BOCHS " : "");
		}
	}
	assert_null(acpi_table_at(n));
	assert_null(acpi_table_at(-1));
}

static int
teardown(void **state)
{
	(void)state;
	fake_acpi_reset();
	return 0;
}

/* ------------------------------------------------------------ real tables */

/*
 * Every machine, the RSDP found by the legacy scan (SeaBIOS: 0xE0000
 * area) or handed over as a 2.0 copy (OVMF).
 * Expect: the lists above; warnings only for OVMF's missing FACS.
 */
static void
test_walk_every_machine(void **state)
{
	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(machines); k++) {
		const struct machine *m = &machines[k];

		assert_int_equal(init_machine(m), 0);
		check_list(m);
		assert_true(acpi_rsdp.found);
		assert_int_equal(acpi_rsdp.paddr, m->rsdp);
		assert_int_equal(acpi_rsdp.use_xsdt, m->rsdp == 0);
		assert_int_equal(acpi_rsdp.revision, m->rsdp ? 0 : 2);
		assert_string_equal(acpi_rsdp.oem_id, "BOCHS ");
		assert_string_equal(acpi_rsdp.source, m->rsdp ? "BIOS area" : "boot loader (ACPI 2.0+)");
		assert_int_equal(fake_acpi_tables_ready_calls, 1);
		assert_true(acpi_fadt.present);
		assert_true(acpi_madt.present);
		if (m->rsdp) {
			assert_int_equal(fake_printk_warnings(), 0);
			assert_true(fake_printk_contains("ACPI: RSDT 0x"));
		} else {
			assert_int_equal(fake_printk_warnings(), 1);
			assert_true(fake_printk_contains("acpi: FACS at 0x1f7dc000: cannot map its header"));
		}
		/* Linux's boot line, for one table we know by heart (APIC.dsl header). */
		if (k == 1)
			assert_true(fake_printk_contains(
				"ACPI: APIC 0x000000001FFE1FC8 000080 (v01 BOCHS  BXPC     00000001 BXPC 00000001)"));
	}
}

/*
 * SeaBIOS, with GRUB's 1.0 copy of the RSDP handed over.
 * Expect: the same list; the copy's physical address learnt from the scan.
 */
static void
test_boot_loader_copy_finds_its_address(void **state)
{
	const struct machine *m = &machines[0];
	size_t len;
	u8 *copy;

	(void)state;
	load_machine(m);
	copy = fake_acpi_read_file("tests/data/acpi/pc/seabios-memhp/RSDP", &len);
	assert_int_equal(len, 20);
	assert_int_equal(acpi_tables_init(NULL, copy), 0);
	free(copy);
	check_list(m);
	assert_int_equal(acpi_rsdp.paddr, 0xf59d0);
	assert_string_equal(acpi_rsdp.source, "boot loader (ACPI 1.0)");
}

/*
 * The RSDP in the EBDA (BDA word 0x40E = 0x9FC0 -> 0x9FC00) instead of
 * the BIOS area.  Expect: found there, source "EBDA".
 */
static void
test_rsdp_in_ebda(void **state)
{
	const struct machine *m = &machines[0];
	u8 *low;

	(void)state;
	load_machine(m);
	low = fake_acpi_at(0);
	memmove(low + 0x9fc10, low + 0xf59d0, 20);
	memset(low + 0xf59d0, 0, 20);
	low[0x40e] = 0xc0;
	low[0x40f] = 0x9f;
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	check_list(m);
	assert_int_equal(acpi_rsdp.paddr, 0x9fc10);
	assert_string_equal(acpi_rsdp.source, "EBDA");
	assert_int_equal(fake_printk_warnings(), 0);
}

/* acpi_get_table() counts instances of a signature, usable ones only. */
static void
test_get_table_by_signature_and_instance(void **state)
{
	(void)state;
	assert_int_equal(init_machine(&machines[5]), 0);
	assert_ptr_equal(acpi_get_table("MCFG", 0), fake_acpi_at(0x1ffe28b6));
	assert_null(acpi_get_table("MCFG", 1));
	assert_null(acpi_get_table("SSDT", 0));
	assert_ptr_equal(acpi_get_table("FACS", 0), fake_acpi_at(0x1ffe0000));
	assert_int_equal(acpi_checksum(acpi_get_table("DSDT", 0), 9714), 0);
	assert_int_equal(acpi_checksum("\x01\xff", 2), 0);
	assert_int_equal(acpi_checksum("\x01\x02", 2), 3);
}

/* ------------------------------------------------------------ broken firmware */

/*
 *   0xF59D0: "RSD PTR " with its checksum byte off by one
 * Expect: -ENODEV, the candidate and the missing RSDP warned, no tables.
 */
static void
test_bad_rsdp_checksum_means_no_acpi(void **state)
{
	(void)state;
	load_machine(&machines[0]);
	fake_acpi_at(0xf59d0)[8]++;
	assert_int_equal(acpi_tables_init(NULL, NULL), -ENODEV);
	assert_int_equal(acpi_table_count(), 0);
	assert_false(acpi_rsdp.found);
	assert_false(acpi_fadt.present);
	assert_true(fake_printk_contains(
		"acpi: RSDP (legacy scan candidate): checksum of the first 20 bytes is not 0; firmware bug, ignored\n"));
	assert_true(fake_printk_contains("acpi: no valid RSDP"));
	assert_int_equal(fake_printk_warnings(), 2);
	assert_int_equal(fake_acpi_tables_ready_calls, 1);
}

/* A boot loader copy with a bad extended checksum.  Expect: warned, the scan used. */
static void
test_bad_rsdp_copy_falls_back_to_scan(void **state)
{
	u8 copy[36];

	(void)state;
	load_machine(&machines[0]);
	make_rsdp(copy, 2, 0x1ffe2127, 0);
	copy[32]++;
	assert_int_equal(acpi_tables_init(copy, NULL), 0);
	check_list(&machines[0]);
	assert_true(fake_printk_contains(
		"acpi: RSDP (boot loader copy, ACPI 2.0+): extended checksum of 36 bytes is not 0; firmware bug, ignored\n"));
	assert_int_equal(fake_printk_warnings(), 1);
	assert_string_equal(acpi_rsdp.source, "BIOS area");
}

/*
 *   APIC at 0x1FFE1F6F: one byte changed, checksum not fixed
 * Expect: APIC listed, mapped, not usable; no MADT; one warning.
 */
static void
test_bad_table_checksum_listed_not_used(void **state)
{
	const struct acpi_table *t;

	(void)state;
	load_machine(&machines[0]);
	fake_acpi_at(0x1ffe1f6f)[40] ^= 0x10;
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	t = acpi_table_at(2);
	assert_string_equal(t->signature, "APIC");
	assert_false(t->checksum_ok);
	assert_non_null(t->hdr);
	assert_null(acpi_get_table("APIC", 0));
	assert_false(acpi_madt.present);
	assert_true(fake_printk_contains(
		"acpi: APIC at 0x1ffe1f6f: checksum wrong (bytes sum to 0x10, not 0); firmware bug, table not used\n"));
	assert_int_equal(fake_printk_warnings(), 1);
}

/* Set the length field of the table at PA (checksum fixed over OLD_LEN bytes). */
static void
set_length(paddr_t pa, u32 len)
{
	u8 *t = fake_acpi_at(pa);
	u32 old;

	memcpy(&old, t + 4, 4);
	memcpy(t + 4, &len, 4);
	fake_acpi_fix_checksum(t, old);
}

/*
 *   APIC says 200 bytes; only its 120 are there (the region ends)
 * Expect: listed with length 200, unmapped, one warning, no crash.
 */
static void
test_length_past_mapped_end(void **state)
{
	(void)state;
	load_machine(&machines[0]);
	set_length(0x1ffe1f6f, 200);
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	assert_int_equal(acpi_table_at(2)->length, 200);
	assert_null(acpi_table_at(2)->hdr);
	assert_false(acpi_table_at(2)->checksum_ok);
	assert_true(fake_printk_contains(
		"acpi: APIC at 0x1ffe1f6f: cannot map its 200 bytes; table skipped\n"));
	assert_int_equal(fake_printk_warnings(), 1);
}

/* HPET says 20 bytes (< its own header); WAET says 4 GiB - 16.  Expect: two warnings. */
static void
test_length_below_header_or_absurd(void **state)
{
	(void)state;
	load_machine(&machines[0]);
	set_length(0x1ffe1fe7, 20);
	set_length(0x1ffe20ff, 0xfffffff0);
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	assert_int_equal(acpi_table_count(), 8);
	assert_null(acpi_get_table("HPET", 0));
	assert_null(acpi_get_table("WAET", 0));
	assert_true(fake_printk_contains(
		"acpi: HPET at 0x1ffe1fe7: length 20 < 36; firmware bug, table skipped\n"));
	assert_true(fake_printk_contains(
		"acpi: WAET at 0x1ffe20ff: length 4294967280 > 16777216; firmware bug, table skipped\n"));
	assert_int_equal(fake_printk_warnings(), 2);
}

/* A broken XSDT.  Expect: warned, the RSDT walked instead; both listed. */
static void
test_bad_xsdt_falls_back_to_rsdt(void **state)
{
	const struct machine *m = &machines[10];

	(void)state;
	load_machine(m);
	fake_acpi_at(OVMF_XSDT)[20]++;
	assert_int_equal(acpi_tables_init(ovmf_rsdp, NULL), 0);
	assert_false(acpi_rsdp.use_xsdt);
	assert_string_equal(acpi_table_at(0)->signature, "XSDT");
	assert_false(acpi_table_at(0)->checksum_ok);
	assert_string_equal(acpi_table_at(1)->signature, "RSDT");
	assert_true(acpi_table_at(1)->checksum_ok);
	assert_int_equal(acpi_table_count(), nr_expected(m) + 1);
	assert_non_null(acpi_get_table("APIC", 0));
	assert_true(fake_printk_contains("acpi: XSDT unusable; falling back to the RSDT at 0x1f77d000\n"));
	/* the XSDT's checksum, the fallback, OVMF's missing FACS */
	assert_int_equal(fake_printk_warnings(), 3);
}

/* Replace the RSDT at PA by one with the N entries ENTRIES (checksum right). */
static void
put_rsdt(paddr_t pa, const u32 *entries, u32 n)
{
	u8 buf[36 + 4 * 64];
	u32 len = 36 + 4 * n;

	assert_true(n <= 64);
	memcpy(buf, fake_acpi_at(pa), 36);
	memcpy(buf + 4, &len, 4);
	memcpy(buf + 36, entries, 4 * n);
	fake_acpi_fix_checksum(buf, len);
	fake_acpi_place(pa + 0x100000, buf, len);	/* a fresh, exact region */
	{
		u8 *rsdp = fake_acpi_at(0xf59d0);
		u32 where = (u32)(pa + 0x100000);

		memcpy(rsdp + 16, &where, 4);
		rsdp[8] = 0;
		rsdp[8] = (u8)-acpi_checksum(rsdp, 20);
	}
}

/*
 * RSDT entries: a null pointer, a pointer to nothing, HPET twice.
 * Expect: the null skipped with a warning, "????" listed unusable with a
 * warning, the second HPET is instance 1.
 */
static void
test_root_entries_null_unmapped_duplicate(void **state)
{
	const u32 e[] = { 0, 0xdead0000, 0x1ffe1fe7, 0x1ffe1fe7 };

	(void)state;
	load_machine(&machines[0]);
	put_rsdt(0x1ffe2127, e, 4);
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	assert_int_equal(acpi_table_count(), 4);
	assert_string_equal(acpi_table_at(1)->signature, "????");
	assert_null(acpi_table_at(1)->hdr);
	assert_non_null(acpi_get_table("HPET", 1));
	assert_null(acpi_get_table("HPET", 2));
	assert_true(fake_printk_contains("acpi: RSDT: entry 0 is a null pointer; firmware bug, entry skipped\n"));
	assert_true(fake_printk_contains("acpi: ???? at 0xdead0000: cannot map its header; table skipped\n"));
	assert_true(fake_printk_contains("acpi: no usable FADT"));
	assert_int_equal(fake_printk_warnings(), 3);
}

/* An RSDT of 40 entries.  Expect: 32 listed, one warning. */
static void
test_more_tables_than_the_list_holds(void **state)
{
	u32 e[40];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(e); i++)
		e[i] = 0x1ffe1fe7;
	load_machine(&machines[0]);
	put_rsdt(0x1ffe2127, e, ARRAY_SIZE(e));
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	assert_int_equal(acpi_table_count(), ACPI_MAX_TABLES);
	assert_true(fake_printk_contains("acpi: more than 32 tables; the one at 0x1ffe1fe7 and later ones ignored\n"));
	assert_int_equal(fake_printk_warnings(), 2);	/* and: no FADT */
}

/* The RSDP's RSDT pointer leads to the FACP.  Expect: warned, nothing walked. */
static void
test_root_with_wrong_signature(void **state)
{
	u8 *rsdp;
	u32 facp = 0x1ffe1efb;

	(void)state;
	load_machine(&machines[0]);
	rsdp = fake_acpi_at(0xf59d0);
	memcpy(rsdp + 16, &facp, 4);
	rsdp[8] = 0;
	rsdp[8] = (u8)-acpi_checksum(rsdp, 20);
	assert_int_equal(acpi_tables_init(NULL, NULL), 0);
	assert_int_equal(acpi_table_count(), 1);
	assert_true(fake_printk_contains(
		"acpi: table at 0x1ffe1efb: signature \"FACP\", RSDT expected; firmware bug, table skipped\n"));
	assert_null(acpi_get_table("FACP", 0));
}

/* Nothing anywhere.  Expect: -ENODEV, one warning, the OS hook still called. */
static void
test_no_rsdp_at_all(void **state)
{
	(void)state;
	fake_acpi_reset();
	fake_printk_clear();
	assert_int_equal(acpi_tables_init(NULL, NULL), -ENODEV);
	assert_int_equal(acpi_table_count(), 0);
	assert_int_equal(fake_printk_warnings(), 1);
	assert_int_equal(fake_acpi_tables_ready_calls, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_walk_every_machine, teardown),
		cmocka_unit_test_teardown(test_boot_loader_copy_finds_its_address, teardown),
		cmocka_unit_test_teardown(test_rsdp_in_ebda, teardown),
		cmocka_unit_test_teardown(test_get_table_by_signature_and_instance, teardown),
		cmocka_unit_test_teardown(test_bad_rsdp_checksum_means_no_acpi, teardown),
		cmocka_unit_test_teardown(test_bad_rsdp_copy_falls_back_to_scan, teardown),
		cmocka_unit_test_teardown(test_bad_table_checksum_listed_not_used, teardown),
		cmocka_unit_test_teardown(test_length_past_mapped_end, teardown),
		cmocka_unit_test_teardown(test_length_below_header_or_absurd, teardown),
		cmocka_unit_test_teardown(test_bad_xsdt_falls_back_to_rsdt, teardown),
		cmocka_unit_test_teardown(test_root_entries_null_unmapped_duplicate, teardown),
		cmocka_unit_test_teardown(test_more_tables_than_the_list_holds, teardown),
		cmocka_unit_test_teardown(test_root_with_wrong_signature, teardown),
		cmocka_unit_test_teardown(test_no_rsdp_at_all, teardown),
	};

	return cmocka_run_group_tests_name("acpi/tables", tests, NULL, NULL);
}
