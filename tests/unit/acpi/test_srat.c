/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_srat.c - host tests for drivers/acpi/srat.c:
 * the real SRATs QEMU 7.2 built (tests/data/acpi/), decoded field by
 * field against their iasl disassembly (the .dsl next to each table; the
 * comments name the lines), then hand-made hostile tables: each defect
 * gives exactly one warning line and never a crash.
 *
 * The table bytes go straight to acpi_parse_srat(); no acpi_os_map().
 * Tests run from the repository root (make unit does).
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
#include "fake_printk.h"

#define DATA	"tests/data/acpi/"
#define GiB	0x40000000ULL
#define MiB	0x100000ULL

static struct acpi_srat_info srat;

static int
setup(void **state)
{
	(void)state;
	fake_printk_clear();
	memset(&srat, 0xa5, sizeof(srat));	/* the parser must clear it */
	return 0;
}

/* The whole file PATH, malloc'd; fails the test when it cannot be read. */
static u8 *
load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	u8 *buf;
	long n;

	if (!f)
		fail_msg("%s: cannot open (run from the repository root)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

static void
parse_file(const char *path)
{
	size_t len;
	u8 *t = load(path, &len);

	assert_int_equal(((struct acpi_table_header *)t)->length, len);
	assert_int_equal(acpi_parse_srat((struct acpi_table_header *)t, &srat), 0);
	free(t);
	assert_true(srat.present);
}

static void
check_cpu(int i, u32 pxm, u32 apic_id, bool x2apic)
{
	assert_true(i < srat.nr_cpus);
	assert_int_equal(srat.cpus[i].pxm, pxm);
	assert_int_equal(srat.cpus[i].apic_id, apic_id);
	assert_int_equal(srat.cpus[i].x2apic, x2apic);
}

static void
check_mem(int i, u32 pxm, u64 base, u64 length, u32 flags)
{
	assert_true(i < srat.nr_mem);
	assert_int_equal(srat.mem[i].pxm, pxm);
	assert_int_equal(srat.mem[i].base, base);
	assert_int_equal(srat.mem[i].length, length);
	assert_int_equal(srat.mem[i].flags, flags);
}

/* ------------------------------------------------------------ real tables */

/*
 * q35/seabios-memhp-2node/SRAT.dsl (spec section 6.2, worked example 2):
 *   lines 26-34  CPU APIC 0x00 PXM 0       lines 37-45  CPU APIC 0x01 PXM 1
 *   lines 48-56  PXM 0 [0, 0xA0000) 1      lines 62-70  PXM 0 [0x100000, +0xFF00000) 1
 *   lines 76-84  PXM 1 [0x10000000, +0x10000000) 1
 *   lines 90-98  padding: PXM 0, base 0, length 0, flags 0 (not kept)
 *   lines 104-112 PXM 1 [0x100000000, +0x1E0000000) flags 3 (hotplug)
 * Expect 2 CPUs, 4 ranges, no message at all (padding is silent).
 */
static void
test_srat_q35_two_nodes(void **state)
{
	(void)state;
	parse_file(DATA "q35/seabios-memhp-2node/SRAT");
	assert_int_equal(srat.nr_cpus, 2);
	check_cpu(0, 0, 0, false);
	check_cpu(1, 1, 1, false);
	assert_int_equal(srat.nr_mem, 4);
	check_mem(0, 0, 0, 0xA0000, ACPI_SRAT_MEM_ENABLED);
	check_mem(1, 0, 0x100000, 0xFF00000, ACPI_SRAT_MEM_ENABLED);
	check_mem(2, 1, 0x10000000, 0x10000000, ACPI_SRAT_MEM_ENABLED);
	check_mem(3, 1, 0x100000000ULL, 0x1E0000000ULL,
		  ACPI_SRAT_MEM_ENABLED | ACPI_SRAT_MEM_HOT_PLUGGABLE);
	assert_int_equal(fake_printk_count, 0);
}

/* pc/seabios-memhp-2node/SRAT: "identical on pc" (spec 6.2); Expect the same. */
static void
test_srat_pc_two_nodes_same_as_q35(void **state)
{
	struct acpi_srat_info q35;

	(void)state;
	parse_file(DATA "q35/seabios-memhp-2node/SRAT");
	q35 = srat;
	parse_file(DATA "pc/seabios-memhp-2node/SRAT");
	assert_int_equal(srat.nr_cpus, q35.nr_cpus);
	assert_int_equal(srat.nr_mem, q35.nr_mem);
	assert_memory_equal(srat.mem, q35.mem, sizeof(srat.mem[0]) * srat.nr_mem);
}

/*
 * pc/seabios-memhp/SRAT.dsl (spec 6.2, worked example 1; no -numa):
 *   lines 26-34 CPU APIC 0 PXM 0; 37-45 PXM 0 [0, 0xA0000);
 *   51-59 PXM 0 [0x100000, +0x1FF00000); 65-73 padding;
 *   79-87 PXM 0 [0x100000000, +0x1E0000000) flags 3.
 * Expect one node's worth: the hotplug window on PXM 0.
 */
static void
test_srat_pc_one_node(void **state)
{
	(void)state;
	parse_file(DATA "pc/seabios-memhp/SRAT");
	assert_int_equal(srat.nr_cpus, 1);
	check_cpu(0, 0, 0, false);
	assert_int_equal(srat.nr_mem, 3);
	check_mem(0, 0, 0, 0xA0000, 1);
	check_mem(1, 0, 0x100000, 0x1FF00000, 1);
	check_mem(2, 0, 0x100000000ULL, 0x1E0000000ULL, 3);
	assert_int_equal(fake_printk_count, 0);
}

/* The same VM under OVMF (q35 and pc): the SRAT does not depend on the firmware. */
static void
test_srat_ovmf_same_ranges(void **state)
{
	(void)state;
	parse_file(DATA "q35/ovmf-memhp/SRAT");
	assert_int_equal(srat.nr_mem, 3);
	check_mem(2, 0, 0x100000000ULL, 0x1E0000000ULL, 3);
	parse_file(DATA "pc/ovmf-memhp/SRAT");
	assert_int_equal(srat.nr_mem, 3);
	check_mem(1, 0, 0x100000, 0x1FF00000, 1);
	check_mem(2, 0, 0x100000000ULL, 0x1E0000000ULL, 3);
}

/*
 * q35/seabios-5G/SRAT.dsl (spec 6.2, worked example 3: -m 5G,slots=2,maxmem=8G):
 *   lines 37-45 [0, 640K); 51-59 [1M, 2G) = +0x7FF00000; 65-73 [4G, 7G) =
 *   +0xC0000000; 79-87 [0x1C0000000, +0x140000000) flags 3.  No padding.
 */
static void
test_srat_q35_5g(void **state)
{
	(void)state;
	parse_file(DATA "q35/seabios-5G/SRAT");
	assert_int_equal(srat.nr_cpus, 1);
	assert_int_equal(srat.nr_mem, 4);
	check_mem(0, 0, 0, 0xA0000, 1);
	check_mem(1, 0, 0x100000, 0x7FF00000, 1);
	check_mem(2, 0, 4 * GiB, 3 * GiB, 1);
	check_mem(3, 0, 0x1C0000000ULL, 0x140000000ULL, 3);
}

/*
 * q35/qemu-v7.2.0-testdata/SRAT.memhp.dsl (-m 128,slots=3,maxmem=1G, two
 * 64M nodes):  lines 37-45 PXM 0 [0, 0xA0000); 51-59 PXM 0 [0x100000,
 * +0x3F00000); 65-73 PXM 1 [0x4000000, +0x4000000); 79-87 padding;
 * 93-101 PXM 1 [0x100000000, +0xF8000000) flags 3.
 */
static void
test_srat_testdata_memhp(void **state)
{
	(void)state;
	parse_file(DATA "q35/qemu-v7.2.0-testdata/SRAT.memhp");
	assert_int_equal(srat.nr_cpus, 1);
	check_cpu(0, 0, 0, false);
	assert_int_equal(srat.nr_mem, 4);
	check_mem(0, 0, 0, 0xA0000, 1);
	check_mem(1, 0, 0x100000, 0x3F00000, 1);
	check_mem(2, 1, 0x4000000, 0x4000000, 1);
	check_mem(3, 1, 0x100000000ULL, 0xF8000000ULL, 3);
	assert_int_equal(fake_printk_count, 0);
}

/*
 * SRAT.numamem.dsl (-numa node -numa node,memdev=ram0): node 0 has the
 * CPU and no memory.  Lines 26-34 CPU PXM 0; 37-45 PXM 1 [0, 0xA0000);
 * 51-59 PXM 1 [0x100000, +0x7F00000); 65-87 two padding entries.
 * Expect PXM 0 only in the CPU entry (a memory-less node), no window.
 */
static void
test_srat_testdata_numamem_memoryless_pxm0(void **state)
{
	(void)state;
	parse_file(DATA "q35/qemu-v7.2.0-testdata/SRAT.numamem");
	assert_int_equal(srat.nr_cpus, 1);
	check_cpu(0, 0, 0, false);
	assert_int_equal(srat.nr_mem, 2);
	check_mem(0, 1, 0, 0xA0000, 1);
	check_mem(1, 1, 0x100000, 0x7F00000, 1);
	assert_int_equal(fake_printk_count, 0);
}

/*
 * SRAT.dimmpxm.dsl (4 CPUs, four 32M nodes, an NVDIMM on node 2):
 *   lines 26, 37, 48, 59: CPUs APIC n PXM n (n = 0..3); memory from
 *   line 70: PXM 0 [0, 0xA0000); 84: PXM 0 [0x100000, +0x1F00000);
 *   98: PXM 1 [0x2000000, +0x2000000); 112: PXM 2 [0x4000000, +0x2000000);
 *   126: PXM 3 [0x6000000, +0x2000000); 140: PXM 2 [0x108000000,
 *   +0x8000000) flags 5 (non-volatile); 154: PXM 3 [0x100000000,
 *   +0xF8000000) flags 3.
 * The NVDIMM lies inside the hotplug window: a device in the window,
 * normal, so Expect no overlap warning.
 */
static void
test_srat_testdata_dimmpxm_nvdimm_in_window(void **state)
{
	(void)state;
	parse_file(DATA "q35/qemu-v7.2.0-testdata/SRAT.dimmpxm");
	assert_int_equal(srat.nr_cpus, 4);
	for (int i = 0; i < 4; i++)
		check_cpu(i, i, i, false);
	assert_int_equal(srat.nr_mem, 7);
	check_mem(0, 0, 0, 0xA0000, 1);
	check_mem(1, 0, 0x100000, 0x1F00000, 1);
	check_mem(2, 1, 0x2000000, 0x2000000, 1);
	check_mem(3, 2, 0x4000000, 0x2000000, 1);
	check_mem(4, 3, 0x6000000, 0x2000000, 1);
	check_mem(5, 2, 0x108000000ULL, 0x8000000, 5);
	check_mem(6, 3, 0x100000000ULL, 0xF8000000ULL, 3);
	assert_int_equal(fake_printk_count, 0);
}

/* ------------------------------------------------------------ hand-made tables */

static u8 tbl[4096];
static u32 tbl_len;

static void
tbl_begin(void)
{
	struct acpi_table_header *h = (struct acpi_table_header *)tbl;

	memset(tbl, 0, sizeof(tbl));
	memcpy(h->signature, "SRAT", 4);
	h->revision = 1;
	tbl_len = 48;		/* header + 12 reserved bytes */
	tbl[36] = 1;		/* QEMU's legacy "table revision" */
}

static void
tbl_put(const void *p, u32 n)
{
	assert_true(tbl_len + n <= sizeof(tbl));
	memcpy(tbl + tbl_len, p, n);
	tbl_len += n;
}

static int
tbl_parse(void)
{
	((struct acpi_table_header *)tbl)->length = tbl_len;
	return acpi_parse_srat((struct acpi_table_header *)tbl, &srat);
}

static void
put_cpu(u32 pxm, u8 apic, u32 flags)
{
	u8 e[16] = { 0, 16, pxm & 0xff, apic };

	memcpy(e + 4, &flags, 4);
	e[9] = pxm >> 8;
	e[10] = pxm >> 16;
	e[11] = pxm >> 24;
	tbl_put(e, sizeof(e));
}

static void
put_x2apic(u32 pxm, u32 id, u32 flags)
{
	u8 e[24] = { 2, 24 };

	memcpy(e + 4, &pxm, 4);
	memcpy(e + 8, &id, 4);
	memcpy(e + 12, &flags, 4);
	tbl_put(e, sizeof(e));
}

static void
put_mem_len(u32 pxm, u64 base, u64 len, u32 flags, u8 elen)
{
	u8 e[40] = { 1, elen };
	u32 w;

	memcpy(e + 2, &pxm, 4);
	w = (u32)base; memcpy(e + 8, &w, 4);
	w = base >> 32; memcpy(e + 12, &w, 4);
	w = (u32)len; memcpy(e + 16, &w, 4);
	w = len >> 32; memcpy(e + 20, &w, 4);
	memcpy(e + 28, &flags, 4);
	tbl_put(e, elen < 40 ? elen : 40);
}

static void
put_mem(u32 pxm, u64 base, u64 len, u32 flags)
{
	put_mem_len(pxm, base, len, flags, 40);
}

/*
 * [cpu PXM 0x12345678] [x2apic PXM 7, id 0x1234] [cpu disabled]
 * Expect the split PXM reassembled, x2APIC flagged, disabled not kept.
 */
static void
test_srat_cpu_pxm_split_and_x2apic(void **state)
{
	(void)state;
	tbl_begin();
	put_cpu(0x12345678, 3, 1);
	put_x2apic(7, 0x1234, 1);
	put_cpu(1, 4, 0);
	put_x2apic(1, 0x99, 0);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(srat.nr_cpus, 2);
	check_cpu(0, 0x12345678, 3, false);
	check_cpu(1, 7, 0x1234, true);
	assert_int_equal(fake_printk_count, 0);
}

/*
 * [mem, length 24 (< 40)] [mem ok]
 * Expect one warning naming entry 0 and its length; the walk goes on.
 */
static void
test_srat_short_entry_skipped(void **state)
{
	(void)state;
	tbl_begin();
	put_mem_len(0, 0, 16 * MiB, 1, 24);
	put_mem(1, 16 * MiB, 16 * MiB, 1);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("srat: entry 0: length 24 < 40 expected; firmware bug, entry skipped"));
	assert_int_equal(srat.nr_mem, 1);
	check_mem(0, 1, 16 * MiB, 16 * MiB, 1);
}

/*
 * [cpu] [type 1, length 0] [mem]
 * Expect the walk to end at the zero length (one warning), keeping the CPU.
 */
static void
test_srat_zero_length_ends_walk(void **state)
{
	u8 zero[2] = { 1, 0 };

	(void)state;
	tbl_begin();
	put_cpu(0, 0, 1);
	tbl_put(zero, 2);
	put_mem(0, 0, 16 * MiB, 1);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("srat: entry 1: length 0 at offset 0x40"));
	assert_true(fake_printk_contains("walk ended"));
	assert_int_equal(srat.nr_cpus, 1);
	assert_int_equal(srat.nr_mem, 0);
}

/*
 * [mem] then an entry whose length runs past the table's end, and a
 * table ending with a single stray byte.  Expect one warning each.
 */
static void
test_srat_truncated_tail(void **state)
{
	u8 e[2] = { 1, 40 };
	u8 stray = 1;

	(void)state;
	tbl_begin();
	put_mem(0, 0, 16 * MiB, 1);
	tbl_put(e, 2);		/* says 40 bytes, 2 present */
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("srat: entry 1: length 40 at offset 0x58 does not fit (2 bytes left)"));
	assert_int_equal(srat.nr_mem, 1);

	fake_printk_clear();
	tbl_begin();
	put_mem(0, 0, 16 * MiB, 1);
	tbl_put(&stray, 1);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("no room for a header"));
	assert_int_equal(srat.nr_mem, 1);
}

/*
 * [type 5 Generic Initiator, 32 bytes] [type 0x80, 8 bytes] [mem]
 * Expect two info lines naming the types, and the memory entry kept.
 */
static void
test_srat_unknown_types_skipped(void **state)
{
	u8 gi[32] = { 5, 32 }, odd[8] = { 0x80, 8 };

	(void)state;
	tbl_begin();
	tbl_put(gi, sizeof(gi));
	tbl_put(odd, sizeof(odd));
	put_mem(0, 0, 16 * MiB, 1);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 2);
	assert_true(fake_printk_contains("srat: entry 0: type 5 (Generic Initiator Affinity) not used, skipped"));
	assert_true(fake_printk_contains("srat: entry 1: type 128 (unknown) not used, skipped"));
	assert_int_equal(srat.nr_mem, 1);
}

/*
 * [mem, 48 bytes: a future revision's longer entry]
 * Expect its first 40 bytes read, no message.
 */
static void
test_srat_longer_entry_read_as_prefix(void **state)
{
	u8 pad[8] = { 0 };

	(void)state;
	tbl_begin();
	put_mem_len(2, 32 * MiB, 16 * MiB, 1, 40);
	tbl[tbl_len - 39] = 48;	/* the length byte of the entry just put */
	tbl_put(pad, sizeof(pad));
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 0);
	check_mem(0, 2, 32 * MiB, 16 * MiB, 1);
}

/*
 * [mem len 0, enabled] [mem, disabled] [padding]
 * Expect nothing kept and nothing said: QEMU's padding is normal.
 */
static void
test_srat_empty_and_disabled_silent(void **state)
{
	(void)state;
	tbl_begin();
	put_mem(0, 0x1000, 0, 1);
	put_mem(0, 0, 16 * MiB, 0);
	put_mem(0, 0, 0, 0);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(srat.nr_mem, 0);
	assert_int_equal(fake_printk_count, 0);
}

/*
 * [base 2^52, len 1M] [base 2^64 - 1M, len 2M: wraps] [ok]
 * Expect one warning each, both skipped.
 */
static void
test_srat_absurd_ranges_skipped(void **state)
{
	(void)state;
	tbl_begin();
	put_mem(0, 1ULL << 52, MiB, 1);
	put_mem(0, ~0ULL - MiB + 1, 2 * MiB, 1);
	put_mem(0, 0, MiB, 1);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 2);
	assert_true(fake_printk_contains("srat: entry 0: [mem 0x10000000000000 +0x100000] beyond 2^52; firmware bug, entry skipped"));
	assert_true(fake_printk_contains("srat: entry 1: [mem 0xfffffffffff00000 +0x200000]"));
	assert_int_equal(srat.nr_mem, 1);
}

/*
 * PXM 0 [0, 256M)   PXM 1 [128M, 384M)   (RAM claimed twice)
 * Expect one overlap warning naming both; both kept (mm decides).
 */
static void
test_srat_overlap_warned(void **state)
{
	(void)state;
	tbl_begin();
	put_mem(0, 0, 256 * MiB, 1);
	put_mem(1, 128 * MiB, 256 * MiB, 1);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("srat: entry 1: [mem 0x8000000-0x17ffffff] PXM 1 overlaps [mem 0x0-0xfffffff] PXM 0; firmware bug"));
	assert_int_equal(srat.nr_mem, 2);
}

/*
 * 70 memory entries (> ACPI_MAX_MEM_AFFINITY = 64).
 * Expect 64 kept and one warning per dropped entry.
 */
static void
test_srat_too_many_ranges(void **state)
{
	(void)state;
	tbl_begin();
	for (int i = 0; i < 70; i++)
		put_mem(0, (u64)i * 16 * MiB, 16 * MiB, 1);
	assert_int_equal(tbl_parse(), 0);
	assert_int_equal(srat.nr_mem, ACPI_MAX_MEM_AFFINITY);
	assert_int_equal(fake_printk_count, 70 - ACPI_MAX_MEM_AFFINITY);
	assert_true(fake_printk_contains("srat: entry 64: more than 64 memory ranges"));
}

/* Header shorter than 48 bytes, or not an SRAT: Expect -EINVAL, one warning. */
static void
test_srat_bad_header_refused(void **state)
{
	(void)state;
	tbl_begin();
	tbl_len = 40;
	assert_int_equal(tbl_parse(), -EINVAL);
	assert_false(srat.present);
	assert_int_equal(fake_printk_count, 1);
	assert_true(fake_printk_contains("srat: length 40 < 48 expected"));

	fake_printk_clear();
	tbl_begin();
	memcpy(tbl, "SLIT", 4);
	assert_int_equal(tbl_parse(), -EINVAL);
	assert_int_equal(fake_printk_count, 1);
	assert_int_equal(acpi_parse_srat(NULL, &srat), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_srat_q35_two_nodes, setup),
		cmocka_unit_test_setup(test_srat_pc_two_nodes_same_as_q35, setup),
		cmocka_unit_test_setup(test_srat_pc_one_node, setup),
		cmocka_unit_test_setup(test_srat_ovmf_same_ranges, setup),
		cmocka_unit_test_setup(test_srat_q35_5g, setup),
		cmocka_unit_test_setup(test_srat_testdata_memhp, setup),
		cmocka_unit_test_setup(test_srat_testdata_numamem_memoryless_pxm0, setup),
		cmocka_unit_test_setup(test_srat_testdata_dimmpxm_nvdimm_in_window, setup),
		cmocka_unit_test_setup(test_srat_cpu_pxm_split_and_x2apic, setup),
		cmocka_unit_test_setup(test_srat_short_entry_skipped, setup),
		cmocka_unit_test_setup(test_srat_zero_length_ends_walk, setup),
		cmocka_unit_test_setup(test_srat_truncated_tail, setup),
		cmocka_unit_test_setup(test_srat_unknown_types_skipped, setup),
		cmocka_unit_test_setup(test_srat_longer_entry_read_as_prefix, setup),
		cmocka_unit_test_setup(test_srat_empty_and_disabled_silent, setup),
		cmocka_unit_test_setup(test_srat_absurd_ranges_skipped, setup),
		cmocka_unit_test_setup(test_srat_overlap_warned, setup),
		cmocka_unit_test_setup(test_srat_too_many_ranges, setup),
		cmocka_unit_test_setup(test_srat_bad_header_refused, setup),
	};

	return cmocka_run_group_tests_name("srat", tests, NULL, NULL);
}
