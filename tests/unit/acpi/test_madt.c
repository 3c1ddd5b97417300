/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_madt.c - host tests for drivers/acpi/madt.c: the
 * MADT of every QEMU machine, ISA IRQ to GSI translation, and malformed
 * entry lists (zero-length, truncated, too short for their type,
 * unknown types, more entries than the arrays hold).
 *
 * Real tables come from tests/data/acpi/; built ones are malloc'd with
 * exactly their length, so AddressSanitizer catches a read past the end.
 * Expected values are copied by hand from each set's APIC.dsl.
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

static const char *const sets[] = {
	"tests/data/acpi/pc/seabios-memhp",
	"tests/data/acpi/pc/seabios-memhp-2node",
	"tests/data/acpi/pc/seabios-memhp-defaults",
	"tests/data/acpi/pc/seabios-nomemhp",
	"tests/data/acpi/pc/ovmf-memhp",
	"tests/data/acpi/q35/seabios-memhp",
	"tests/data/acpi/q35/seabios-memhp-2node",
	"tests/data/acpi/q35/seabios-memhp-defaults",
	"tests/data/acpi/q35/seabios-nomemhp",
	"tests/data/acpi/q35/seabios-5G",
	"tests/data/acpi/q35/ovmf-memhp",
};

static u8 *
read_apic(const char *dir, size_t *len)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/APIC", dir);
	return fake_acpi_read_file(path, len);
}

/*
 * Every machine's MADT.  APIC.dsl says, in all of them:
 *   [024h] Local Apic Address : FEE00000; [028h] Flags 1 (PC-AT Compatibility : 1)
 *   Processor Local APIC: Processor ID 00, Local Apic ID 00, Enabled 1
 *     (the 2node sets: a second one, Processor ID 01, Local Apic ID 01)
 *   I/O APIC: I/O Apic ID 00, Address FEC00000, Interrupt 00000000
 *   Interrupt Source Override: Bus 00, Source 00 -> Interrupt 00000002, Flags 0000;
 *     Sources 05, 09, 0A, 0B -> the same Interrupt, Flags 000D
 *     (Polarity 1, Trigger Mode 3)
 *   Local APIC NMI: skipped.
 * Expect: exactly that, no messages.
 */
static void
test_madt_of_every_machine(void **state)
{
	static const struct { u8 irq; u32 gsi; u16 flags; } iso[] = {
		{ 0, 2, 0x0000 }, { 5, 5, 0x000d }, { 9, 9, 0x000d },
		{ 10, 10, 0x000d }, { 11, 11, 0x000d },
	};

	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(sets); k++) {
		struct acpi_madt_info m;
		size_t len;
		u8 *t = read_apic(sets[k], &len);
		int cpus = strstr(sets[k], "2node") ? 2 : 1;

		fake_printk_clear();
		assert_int_equal(acpi_parse_madt((void *)t, &m), 0);
		assert_int_equal(fake_printk_count, 0);
		assert_true(m.present);
		assert_int_equal(m.lapic_address, 0xfee00000);
		assert_int_equal(m.lapic_address_override, 0);
		assert_true(m.pcat_compat);
		assert_int_equal(m.nr_cpus, cpus);
		for (int i = 0; i < cpus; i++) {
			assert_int_equal(m.cpus[i].apic_id, i);
			assert_int_equal(m.cpus[i].uid, i);
			assert_true(m.cpus[i].enabled);
			assert_false(m.cpus[i].x2apic);
		}
		assert_int_equal(m.nr_ioapics, 1);
		assert_int_equal(m.ioapics[0].id, 0);
		assert_int_equal(m.ioapics[0].address, 0xfec00000);
		assert_int_equal(m.ioapics[0].gsi_base, 0);
		assert_int_equal(m.nr_overrides, ARRAY_SIZE(iso));
		for (size_t i = 0; i < ARRAY_SIZE(iso); i++) {
			assert_int_equal(m.overrides[i].bus, 0);
			assert_int_equal(m.overrides[i].source_irq, iso[i].irq);
			assert_int_equal(m.overrides[i].gsi, iso[i].gsi);
			assert_int_equal(m.overrides[i].flags, iso[i].flags);
		}
		free(t);
	}
}

/*
 * ISA IRQ -> GSI with pc's MADT.  Expect: IRQ 0 -> GSI 2 edge/high
 * (flags 0 resolved to 0x5); IRQ 9 (the SCI) -> 9 level/high (0xd);
 * IRQ 4 (no override) -> 4 edge/high; without a MADT: identity.
 */
static void
test_isa_irq_to_gsi(void **state)
{
	struct acpi_madt_info m;
	size_t len;
	u8 *t = read_apic(sets[0], &len);
	u16 flags;

	(void)state;
	assert_int_equal(acpi_parse_madt((void *)t, &m), 0);
	assert_int_equal(acpi_isa_irq_to_gsi(&m, 0, &flags), 2);
	assert_int_equal(flags, 0x5);
	assert_int_equal(acpi_isa_irq_to_gsi(&m, 9, &flags), 9);
	assert_int_equal(flags, 0xd);
	assert_int_equal(ACPI_TRIGGER(flags), 3);
	assert_int_equal(ACPI_POLARITY(flags), 1);
	assert_int_equal(acpi_isa_irq_to_gsi(&m, 4, &flags), 4);
	assert_int_equal(flags, 0x5);
	assert_int_equal(acpi_isa_irq_to_gsi(&m, 11, NULL), 11);
	assert_int_equal(acpi_isa_irq_to_gsi(NULL, 0, &flags), 0);
	assert_int_equal(flags, 0x5);
	m.present = false;
	assert_int_equal(acpi_isa_irq_to_gsi(&m, 0, NULL), 0);
	free(t);
}

/*
 * The SCI with pc's MADT (override: level, active high, 0xd) and without
 * any override.  Expect the override kept as given, and the ACPI default
 * for the SCI, level and active low (0xf), where no override says
 * otherwise -- not ISA's edge/high.
 */
static void
test_sci_defaults_to_level_active_low(void **state)
{
	struct acpi_madt_info m;
	size_t len;
	u8 *t = read_apic(sets[0], &len);
	u16 flags;

	(void)state;
	assert_int_equal(acpi_parse_madt((void *)t, &m), 0);
	assert_int_equal(acpi_sci_to_gsi(&m, 9, &flags), 9);
	assert_int_equal(flags, 0xd);
	m.nr_overrides = 0;
	assert_int_equal(acpi_sci_to_gsi(&m, 9, &flags), 9);
	assert_int_equal(ACPI_TRIGGER(flags), 3);
	assert_int_equal(ACPI_POLARITY(flags), 3);
	assert_int_equal(acpi_sci_to_gsi(NULL, 9, &flags), 9);
	assert_int_equal(flags, 0xf);
	free(t);
}

/* ------------------------------------------------------------ built MADTs */

/* A MADT being built: the 44-byte fixed part, then entries. */
struct builder {
	u8 buf[8192];
	u32 len;
};

static void
b_init(struct builder *b)
{
	u32 lapic = 0xfee00000, flags = 1;

	memset(b, 0, sizeof(*b));
	memcpy(b->buf, "APIC", 4);
	b->buf[8] = 4;		/* revision */
	memcpy(b->buf + 10, "HOTMEM", 6);
	memcpy(b->buf + 36, &lapic, 4);
	memcpy(b->buf + 40, &flags, 4);
	b->len = 44;
}

/* Append raw bytes (an entry's type and length included). */
static void
b_raw(struct builder *b, const void *p, u32 n)
{
	assert_true(b->len + n <= sizeof(b->buf));
	memcpy(b->buf + b->len, p, n);
	b->len += n;
}

static void
b_lapic(struct builder *b, u8 uid, u8 apic_id, u32 flags)
{
	u8 e[8] = { 0, 8, uid, apic_id };

	memcpy(e + 4, &flags, 4);
	b_raw(b, e, sizeof(e));
}

/* The table, in a malloc'd buffer of exactly its length; length field set. */
static u8 *
b_done(struct builder *b)
{
	u8 *t = malloc(b->len);

	assert_non_null(t);
	memcpy(b->buf + 4, &b->len, 4);
	memcpy(t, b->buf, b->len);
	fake_acpi_fix_checksum(t, b->len);
	return t;
}

static struct acpi_madt_info madt;	/* big: not on the stack */

/*
 *   [lapic 0][ioapic 2 @0xfec01000 gsi 24][iso 1->17 low level][x2apic 300]
 *   [lapic addr override 0xfee10000][nmi src][lapic nmi][x2apic nmi]
 * Expect: every kind decoded, NMI entries silently skipped.
 */
static void
test_every_entry_kind(void **state)
{
	struct builder b;
	u8 ioapic[12] = { 1, 12, 2, 0, 0x00, 0x10, 0xc0, 0xfe, 24, 0, 0, 0 };
	u8 iso[10] = { 2, 10, 0, 1, 17, 0, 0, 0, 0x0f, 0 };
	u8 x2[16] = { 9, 16, 0, 0, 0x2c, 0x01, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0 };
	u8 ovr[12] = { 5, 12, 0, 0, 0x00, 0x00, 0xe1, 0xfe, 0, 0, 0, 0 };
	u8 nmi_src[8] = { 3, 8 };
	u8 lapic_nmi[6] = { 4, 6, 0xff, 0, 0, 1 };
	u8 x2_nmi[12] = { 10, 12 };
	u16 flags;
	u8 *t;

	(void)state;
	b_init(&b);
	b_lapic(&b, 0, 0, 1);
	b_raw(&b, ioapic, sizeof(ioapic));
	b_raw(&b, iso, sizeof(iso));
	b_raw(&b, x2, sizeof(x2));
	b_raw(&b, ovr, sizeof(ovr));
	b_raw(&b, nmi_src, sizeof(nmi_src));
	b_raw(&b, lapic_nmi, sizeof(lapic_nmi));
	b_raw(&b, x2_nmi, sizeof(x2_nmi));
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), 0);
	assert_int_equal(fake_printk_count, 0);
	assert_int_equal(madt.nr_cpus, 2);
	assert_true(madt.cpus[1].x2apic);
	assert_int_equal(madt.cpus[1].apic_id, 300);
	assert_int_equal(madt.cpus[1].uid, 7);
	assert_true(madt.cpus[1].enabled);
	assert_int_equal(madt.nr_ioapics, 1);
	assert_int_equal(madt.ioapics[0].id, 2);
	assert_int_equal(madt.ioapics[0].address, 0xfec01000);
	assert_int_equal(madt.ioapics[0].gsi_base, 24);
	assert_int_equal(madt.lapic_address_override, 0xfee10000);
	assert_int_equal(acpi_isa_irq_to_gsi(&madt, 1, &flags), 17);
	assert_int_equal(flags, 0x0f);
	free(t);
}

/*
 *   [lapic 0][type 0, length 0]...
 * Expect: the walk ends at entry 1 with one warning; CPU 0 kept.
 */
static void
test_zero_length_entry_ends_walk(void **state)
{
	struct builder b;
	u8 zero[8] = { 0, 0 };
	u8 *t;

	(void)state;
	b_init(&b);
	b_lapic(&b, 0, 0, 1);
	b_raw(&b, zero, sizeof(zero));
	b_lapic(&b, 1, 1, 1);
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), 0);
	assert_int_equal(madt.nr_cpus, 1);
	assert_true(fake_printk_contains(
		"acpi: MADT: entry 1 (type 0): length 0 < 2; firmware bug, walk ended\n"));
	assert_int_equal(fake_printk_warnings(), 1);
	assert_int_equal(fake_printk_count, 1);
	free(t);
}

/*
 *   [lapic 0][ioapic claiming 12 bytes, table ends after 6]
 *   and a table ending one byte into an entry header.
 * Expect: one warning each; nothing read past the end (ASan).
 */
static void
test_truncated_entries_end_walk(void **state)
{
	struct builder b;
	u8 part[6] = { 1, 12, 0, 0, 0, 0 };
	u8 *t;

	(void)state;
	b_init(&b);
	b_lapic(&b, 0, 0, 1);
	b_raw(&b, part, sizeof(part));
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), 0);
	assert_int_equal(madt.nr_cpus, 1);
	assert_int_equal(madt.nr_ioapics, 0);
	assert_true(fake_printk_contains(
		"acpi: MADT: entry 1 (type 1): length 12 > 6 bytes left in the table; firmware bug, walk ended\n"));
	assert_int_equal(fake_printk_count, 1);
	free(t);

	b_init(&b);
	b_lapic(&b, 0, 0, 1);
	b_raw(&b, part, 1);
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), 0);
	assert_true(fake_printk_contains(
		"acpi: MADT: entry 1: 1 byte(s) left, < 2 for type and length; firmware bug, walk ended\n"));
	assert_int_equal(fake_printk_count, 1);
	free(t);
}

/*
 *   [ioapic entry of length 8 (12 needed)][lapic 1]
 * Expect: the short entry skipped with a warning, the walk goes on.
 */
static void
test_entry_too_short_for_its_type_skipped(void **state)
{
	struct builder b;
	u8 shortio[8] = { 1, 8, 0, 0, 0, 0, 0xc0, 0xfe };
	u8 *t;

	(void)state;
	b_init(&b);
	b_raw(&b, shortio, sizeof(shortio));
	b_lapic(&b, 1, 1, 1);
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), 0);
	assert_int_equal(madt.nr_ioapics, 0);
	assert_int_equal(madt.nr_cpus, 1);
	assert_true(fake_printk_contains(
		"acpi: MADT: entry 0: length 8 < 12 expected; firmware bug, entry skipped\n"));
	assert_int_equal(fake_printk_count, 1);
	free(t);
}

/*
 *   [type 0x7f, 20 bytes][GICC-like type 11, 80 bytes][lapic 3]
 * Expect: two notes at info level (new types are normal), no warning.
 */
static void
test_unknown_types_noted_not_warned(void **state)
{
	struct builder b;
	u8 odd[20] = { 0x7f, 20 };
	u8 gicc[80] = { 11, 80 };
	u8 *t;

	(void)state;
	b_init(&b);
	b_raw(&b, odd, sizeof(odd));
	b_raw(&b, gicc, sizeof(gicc));
	b_lapic(&b, 3, 3, 0);
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), 0);
	assert_int_equal(fake_printk_warnings(), 0);
	assert_true(fake_printk_contains(KERN_INFO
		"acpi: MADT: entry 0: type 127 (20 bytes) unknown to hotmem; skipped\n"));
	assert_true(fake_printk_contains("entry 1: type 11 (80 bytes) unknown"));
	assert_int_equal(madt.nr_cpus, 1);
	assert_false(madt.cpus[0].enabled);
	free(t);
}

/*
 * 300 local APICs, 10 IOAPICs, 20 overrides.
 * Expect: the arrays full (256, 8, 16) and one warning per kind.
 */
static void
test_absurd_counts_capped(void **state)
{
	struct builder b;
	u8 *t;

	(void)state;
	b_init(&b);
	for (int i = 0; i < 300; i++)
		b_lapic(&b, (u8)i, (u8)i, 1);
	for (int i = 0; i < 10; i++) {
		u8 io[12] = { 1, 12, (u8)i, 0, 0, 0, 0xc0, 0xfe, (u8)(24 * i) };

		b_raw(&b, io, sizeof(io));
	}
	for (int i = 0; i < 20; i++) {
		u8 iso[10] = { 2, 10, 0, (u8)i, (u8)i, 0, 0, 0, 0, 0 };

		b_raw(&b, iso, sizeof(iso));
	}
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), 0);
	assert_int_equal(madt.nr_cpus, ACPI_MAX_CPUS);
	assert_int_equal(madt.nr_ioapics, ACPI_MAX_IOAPICS);
	assert_int_equal(madt.nr_overrides, ACPI_MAX_OVERRIDES);
	assert_true(fake_printk_contains(
		"acpi: MADT: entry 256: more than 256 CPUs; this and later CPUs ignored\n"));
	assert_true(fake_printk_contains(
		"acpi: MADT: entry 308: more than 8 IOAPICs; this and later ones ignored\n"));
	assert_true(fake_printk_contains(
		"acpi: MADT: entry 326: more than 16 interrupt overrides; this and later ones ignored\n"));
	assert_int_equal(fake_printk_warnings(), 3);
	assert_int_equal(fake_printk_count, 3);
	free(t);
}

/* A MADT of 40 bytes, and a table that is not a MADT.  Expect: -EINVAL. */
static void
test_madt_unusable(void **state)
{
	struct builder b;
	u8 *t;

	(void)state;
	b_init(&b);
	b.len = 40;
	t = b_done(&b);
	fake_printk_clear();
	assert_int_equal(acpi_parse_madt((void *)t, &madt), -EINVAL);
	assert_false(madt.present);
	assert_true(fake_printk_contains("acpi: MADT: length 40 < 44 expected; firmware bug, table skipped\n"));
	memcpy(t, "SRAT", 4);
	assert_int_equal(acpi_parse_madt((void *)t, &madt), -EINVAL);
	assert_int_equal(acpi_parse_madt(NULL, &madt), -EINVAL);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_madt_of_every_machine),
		cmocka_unit_test(test_isa_irq_to_gsi),
		cmocka_unit_test(test_sci_defaults_to_level_active_low),
		cmocka_unit_test(test_every_entry_kind),
		cmocka_unit_test(test_zero_length_entry_ends_walk),
		cmocka_unit_test(test_truncated_entries_end_walk),
		cmocka_unit_test(test_entry_too_short_for_its_type_skipped),
		cmocka_unit_test(test_unknown_types_noted_not_warned),
		cmocka_unit_test(test_absurd_counts_capped),
		cmocka_unit_test(test_madt_unusable),
	};

	return cmocka_run_group_tests_name("acpi/madt", tests, NULL, NULL);
}
