/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/madt.c - decoding the MADT ("APIC"): the CPUs' local
 * APICs, the IOAPICs and where each ISA IRQ really arrives.
 *
 * The idea: the MADT is a list of variable-length entries, each starting
 * with a type byte and a length byte.  The length is what lets us step
 * over types we do not know, so it is checked before anything else:
 * a length of 0 or 1 would loop forever, one running past the table's end
 * would read beyond it; both end the walk.  A sane entry is copied into a
 * local buffer before it is decoded, so its fields can never be read past
 * the bytes the entry says it has.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/unit/acpi/test_madt.c, tests/fuzz/fuzz_madt.c
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct acpi_madt_info acpi_madt;

/*
 * ACPI 6.x, 5.2.12: after the header, the local APIC address (u32) and
 * flags (u32, bit 0 PCAT_COMPAT), then the entries:
 *
 *	+0 type  +1 length  +2 ... (length - 2 bytes of the type's fields)
 */
struct madt_raw {
	struct acpi_table_header header;
	u32 lapic_address;
	u32 flags;
} __packed;
_Static_assert(sizeof(struct madt_raw) == 44, "MADT fixed part is 44 bytes");

#define MADT_PCAT_COMPAT	(1u << 0)
#define MADT_CPU_ENABLED	(1u << 0)

enum madt_type {
	MADT_LOCAL_APIC = 0,
	MADT_IOAPIC = 1,
	MADT_INT_OVERRIDE = 2,
	MADT_NMI_SOURCE = 3,
	MADT_LOCAL_APIC_NMI = 4,
	MADT_LAPIC_ADDR_OVERRIDE = 5,
	MADT_LOCAL_X2APIC = 9,
	MADT_LOCAL_X2APIC_NMI = 10,
};

/* 5.2.12.2 */
struct madt_local_apic {
	u8 type, length;
	u8 uid;			/* ACPI processor UID */
	u8 apic_id;
	u32 flags;		/* bit 0 enabled, bit 1 online capable */
} __packed;
_Static_assert(sizeof(struct madt_local_apic) == 8, "local APIC entry is 8 bytes");

/* 5.2.12.3 */
struct madt_ioapic {
	u8 type, length;
	u8 id, reserved;
	u32 address;
	u32 gsi_base;
} __packed;
_Static_assert(sizeof(struct madt_ioapic) == 12, "IOAPIC entry is 12 bytes");

/* 5.2.12.5 */
struct madt_int_override {
	u8 type, length;
	u8 bus;			/* 0: ISA */
	u8 source_irq;
	u32 gsi;
	u16 flags;		/* MPS INTI flags */
} __packed;
_Static_assert(sizeof(struct madt_int_override) == 10, "override entry is 10 bytes");

/* 5.2.12.8 */
struct madt_lapic_addr_override {
	u8 type, length;
	u16 reserved;
	u64 address;
} __packed;
_Static_assert(sizeof(struct madt_lapic_addr_override) == 12, "LAPIC override is 12 bytes");

/* 5.2.12.12 */
struct madt_local_x2apic {
	u8 type, length;
	u16 reserved;
	u32 x2apic_id;
	u32 flags;
	u32 uid;
} __packed;
_Static_assert(sizeof(struct madt_local_x2apic) == 16, "x2APIC entry is 16 bytes");

/* The least length of each type we decode or knowingly skip; 0: unknown. */
static const u8 entry_min_length[] = {
	[MADT_LOCAL_APIC] = sizeof(struct madt_local_apic),
	[MADT_IOAPIC] = sizeof(struct madt_ioapic),
	[MADT_INT_OVERRIDE] = sizeof(struct madt_int_override),
	[MADT_NMI_SOURCE] = 8,
	[MADT_LOCAL_APIC_NMI] = 6,
	[MADT_LAPIC_ADDR_OVERRIDE] = sizeof(struct madt_lapic_addr_override),
	[MADT_LOCAL_X2APIC] = sizeof(struct madt_local_x2apic),
	[MADT_LOCAL_X2APIC_NMI] = 12,
};

/* Warned once per kind when an array is full (the entries are then counted out). */
struct madt_overflow {
	int cpus, ioapics, overrides;	/* entries that did not fit */
};

static void
add_cpu(struct acpi_madt_info *out, struct madt_overflow *ov, int idx,
	u32 apic_id, u32 uid, u32 flags, bool x2apic)
{
	if (out->nr_cpus == ACPI_MAX_CPUS) {
		if (!ov->cpus++)
			pr_warn("acpi: MADT: entry %d: more than %d CPUs; this and later CPUs ignored\n",
				idx, ACPI_MAX_CPUS);
		return;
	}
	out->cpus[out->nr_cpus].apic_id = apic_id;
	out->cpus[out->nr_cpus].uid = uid;
	out->cpus[out->nr_cpus].enabled = flags & MADT_CPU_ENABLED;
	out->cpus[out->nr_cpus].x2apic = x2apic;
	out->nr_cpus++;
}

/* Decode one entry of BUF (copied, at least entry_min_length[type] bytes). */
static void
madt_entry(struct acpi_madt_info *out, struct madt_overflow *ov, int idx, const u8 *buf)
{
	switch (buf[0]) {
	case MADT_LOCAL_APIC: {
		const struct madt_local_apic *e = (const void *)buf;

		add_cpu(out, ov, idx, e->apic_id, e->uid, e->flags, false);
		break;
	}
	case MADT_LOCAL_X2APIC: {
		const struct madt_local_x2apic *e = (const void *)buf;

		add_cpu(out, ov, idx, e->x2apic_id, e->uid, e->flags, true);
		break;
	}
	case MADT_IOAPIC: {
		const struct madt_ioapic *e = (const void *)buf;

		if (out->nr_ioapics == ACPI_MAX_IOAPICS) {
			if (!ov->ioapics++)
				pr_warn("acpi: MADT: entry %d: more than %d IOAPICs; this and later ones ignored\n",
					idx, ACPI_MAX_IOAPICS);
			break;
		}
		out->ioapics[out->nr_ioapics].id = e->id;
		out->ioapics[out->nr_ioapics].address = e->address;
		out->ioapics[out->nr_ioapics].gsi_base = e->gsi_base;
		out->nr_ioapics++;
		break;
	}
	case MADT_INT_OVERRIDE: {
		const struct madt_int_override *e = (const void *)buf;

		if (out->nr_overrides == ACPI_MAX_OVERRIDES) {
			if (!ov->overrides++)
				pr_warn("acpi: MADT: entry %d: more than %d interrupt overrides; "
					"this and later ones ignored\n", idx, ACPI_MAX_OVERRIDES);
			break;
		}
		out->overrides[out->nr_overrides].bus = e->bus;
		out->overrides[out->nr_overrides].source_irq = e->source_irq;
		out->overrides[out->nr_overrides].gsi = e->gsi;
		out->overrides[out->nr_overrides].flags = e->flags;
		out->nr_overrides++;
		break;
	}
	case MADT_LAPIC_ADDR_OVERRIDE: {
		const struct madt_lapic_addr_override *e = (const void *)buf;

		out->lapic_address_override = e->address;
		break;
	}
	case MADT_NMI_SOURCE:
	case MADT_LOCAL_APIC_NMI:
	case MADT_LOCAL_X2APIC_NMI:
		break;		/* NMI wiring: hotmem does not route NMIs */
	}
}

/*
 * The walk.  For entry IDX at offset OFF, with LEFT = length - OFF bytes
 * left in the table:
 *   1. fewer than 2 bytes left: no room for type and length; stop;
 *   2. length < 2 (a zero-length entry would never advance): stop;
 *   3. length > LEFT: the entry runs past the table; stop;
 *   4. copy the entry into BUF (length <= 255 = its size);
 *   5. unknown type: note it, skip; shorter than its type needs: warn, skip;
 *   6. decode.
 */
int
acpi_parse_madt(const struct acpi_table_header *table, struct acpi_madt_info *out)
{
	struct madt_overflow ov = { 0 };
	struct madt_raw m;
	const u8 *p = (const u8 *)table;
	u8 buf[256];
	u32 len, off;
	u8 type, elen, min;
	int idx;

	memset(out, 0, sizeof(*out));
	if (!table || memcmp(table->signature, "APIC", 4))
		return -EINVAL;
	len = table->length;
	if (len < sizeof(m)) {
		pr_warn("acpi: MADT: length %u < %zu expected; firmware bug, table skipped\n",
			len, sizeof(m));
		return -EINVAL;
	}
	memcpy(&m, p, sizeof(m));
	out->present = true;
	out->lapic_address = m.lapic_address;
	out->pcat_compat = m.flags & MADT_PCAT_COMPAT;

	for (off = sizeof(m), idx = 0; off < len; off += elen, idx++) {
		u32 left = len - off;

		if (left < 2) {
			pr_warn("acpi: MADT: entry %d: %u byte(s) left, < 2 for type and length; "
				"firmware bug, walk ended\n", idx, left);
			break;
		}
		type = p[off];
		elen = p[off + 1];
		if (elen < 2) {
			pr_warn("acpi: MADT: entry %d (type %u): length %u < 2; firmware bug, walk ended\n",
				idx, type, elen);
			break;
		}
		if (elen > left) {
			pr_warn("acpi: MADT: entry %d (type %u): length %u > %u bytes left in the table; "
				"firmware bug, walk ended\n", idx, type, elen, left);
			break;
		}
		memset(buf, 0, sizeof(buf));
		memcpy(buf, p + off, elen);

		min = type < ARRAY_SIZE(entry_min_length) ? entry_min_length[type] : 0;
		if (!min) {
			pr_info("acpi: MADT: entry %d: type %u (%u bytes) unknown to hotmem; skipped\n",
				idx, type, elen);
			continue;
		}
		if (elen < min) {
			pr_warn("acpi: MADT: entry %d: length %u < %u expected; firmware bug, entry skipped\n",
				idx, elen, min);
			continue;
		}
		madt_entry(out, &ov, idx, buf);
	}
	return 0;
}

/* ISA's defaults for "conforms to the bus": edge-triggered, active high. */
#define ISA_POLARITY	1
#define ISA_TRIGGER	1

u32
acpi_isa_irq_to_gsi(const struct acpi_madt_info *madt, u8 irq, u16 *flags)
{
	u32 gsi = irq;
	u16 f = 0;

	for (int i = 0; madt && madt->present && i < madt->nr_overrides; i++) {
		if (madt->overrides[i].bus == 0 && madt->overrides[i].source_irq == irq) {
			gsi = madt->overrides[i].gsi;
			f = madt->overrides[i].flags;
			break;
		}
	}
	if (ACPI_POLARITY(f) == 0)
		f |= ISA_POLARITY;
	if (ACPI_TRIGGER(f) == 0)
		f |= ISA_TRIGGER << 2;
	if (flags)
		*flags = f;
	return gsi;
}

/*
 * The SCI's GSI and flags.  Like any ISA IRQ, but where the firmware gave
 * no polarity or trigger the SCI is level-triggered, active low (ACPI
 * 5.2.9, SCI_INT): that is its default, not ISA's edge/high.
 */
u32
acpi_sci_to_gsi(const struct acpi_madt_info *madt, u8 irq, u16 *flags)
{
	u16 f = 0;
	u32 gsi = irq;

	for (int i = 0; madt && madt->present && i < madt->nr_overrides; i++) {
		if (madt->overrides[i].bus == 0 && madt->overrides[i].source_irq == irq) {
			gsi = madt->overrides[i].gsi;
			f = madt->overrides[i].flags;
			break;
		}
	}
	if (ACPI_POLARITY(f) == 0)
		f |= 3;			/* active low */
	if (ACPI_TRIGGER(f) == 0)
		f |= 3 << 2;		/* level */
	if (flags)
		*flags = f;
	return gsi;
}
