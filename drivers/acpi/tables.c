/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/tables.c - finding the firmware's ACPI tables: the RSDP,
 * the root table (XSDT or RSDT) and every table it points to, plus the
 * DSDT and FACS the FADT points to.  Each is mapped, its length bounded
 * and its checksum checked before anyone may use it.
 *
 * The idea: the table list is the only door to firmware data.  A table
 * gets into the list with what we could learn of it; acpi_get_table()
 * hands out only those whose header, length and checksum are sane, so
 * a parser never sees a table we could not read to its end.
 *
 *	RSDP --rsdt_address--> RSDT: header + u32 pointers ---> FACP, APIC, ...
 *	     --xsdt_address--> XSDT: header + u64 pointers -/     |
 *	                                        FACP --> DSDT, FACS
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/unit/acpi/test_tables.c, tests/fuzz/fuzz_acpi_tables.c,
 *        tests/qemu/test_acpi_tables.py
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

#define RSDP_V1_SIZE		20	/* ACPI 1.0: up to rsdt_address */
#define RSDP_V2_SIZE		36	/* 2.0+: the extended checksum covers these */
#define BDA_EBDA_SEGMENT	0x40e	/* BIOS data area: EBDA segment (u16) */
#define EBDA_SCAN_SIZE		1024	/* the RSDP is in the EBDA's first KiB ... */
#define EBDA_END		0xa0000	/* ... which lies below 640 KiB */
#define BIOS_AREA_START		0xe0000	/* ... or in the BIOS read-only area */
#define BIOS_AREA_SIZE		0x20000	/* [0xe0000, 0x100000) */

struct acpi_rsdp_info acpi_rsdp;
static struct acpi_table tables[ACPI_MAX_TABLES];
static int nr_tables;
static bool table_list_full_warned;

u8
acpi_checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* Copy N firmware bytes into a string: printable bytes kept, others '?'. */
static void
copy_name(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (src[i] > ' ' && src[i] <= '~' && src[i] != '/') ? src[i] : '?';
	dst[n] = '\0';
}

/* As copy_name(), but spaces kept (OEM ids are padded with them). */
static void
copy_text(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (src[i] >= ' ' && src[i] <= '~') ? src[i] : '?';
	dst[n] = '\0';
}

/* ------------------------------------------------------------ the RSDP */

/*
 * ACPI 6.x, 5.2.5.3.  Is the RSDP at P, of which AVAIL bytes may be read,
 * valid?  (1) the signature "RSD PTR ", (2) the first 20 bytes sum to 0,
 * (3) revision >= 2 only: 36 bytes are readable, the length field is at
 * least 36 and those 36 bytes sum to 0.  (Like most kernels we sum the 36
 * bytes we know, not LENGTH, so a huge length cannot make us read far.)
 * WHERE names it in the warning; NULL: do not warn.
 */
static bool
rsdp_is_valid(const u8 *p, size_t avail, const char *where)
{
	struct acpi_rsdp r;
	const char *what = NULL;

	if (avail < RSDP_V1_SIZE)
		what = "fewer than 20 bytes readable";
	else if (memcmp(p, "RSD PTR ", 8))
		what = "signature is not \"RSD PTR \"";
	else if (acpi_checksum(p, RSDP_V1_SIZE))
		what = "checksum of the first 20 bytes is not 0";
	if (!what) {
		memset(&r, 0, sizeof(r));
		memcpy(&r, p, RSDP_V1_SIZE);
		if (r.revision >= 2) {
			if (avail < RSDP_V2_SIZE)
				what = "revision 2+ but fewer than 36 bytes readable";
			else {
				memcpy(&r, p, RSDP_V2_SIZE);
				if (r.length < RSDP_V2_SIZE)
					what = "revision 2+ but length < 36";
				else if (acpi_checksum(p, RSDP_V2_SIZE))
					what = "extended checksum of 36 bytes is not 0";
			}
		}
	}
	if (what && where)
		pr_warn("acpi: RSDP (%s): %s; firmware bug, ignored\n", where, what);
	return !what;
}

/* The first valid RSDP on a 16-byte boundary in [pa, pa + size), or NULL. */
static const u8 *
rsdp_scan(paddr_t pa, size_t size, paddr_t *out_pa)
{
	const u8 *area = acpi_os_map(pa, size);

	if (!area)
		return NULL;
	for (size_t off = 0; off + RSDP_V1_SIZE <= size; off += 16) {
		if (memcmp(area + off, "RSD PTR ", 8))
			continue;
		if (rsdp_is_valid(area + off, size - off, "legacy scan candidate")) {
			*out_pa = pa + off;
			return area + off;
		}
	}
	return NULL;
}

/* The legacy places (ACPI 6.x, 5.2.5.1): the EBDA's first KiB, then the BIOS area. */
static const u8 *
rsdp_legacy_scan(paddr_t *out_pa, const char **out_where)
{
	const u8 *bda = acpi_os_map(BDA_EBDA_SEGMENT, 2);
	const u8 *found;

	if (bda) {
		paddr_t ebda = (paddr_t)(bda[0] | bda[1] << 8) << 4;

		/* A sane EBDA starts above the BDA and below 640 KiB. */
		if (ebda >= 0x500 && ebda < EBDA_END &&
		    (found = rsdp_scan(ebda, MIN(EBDA_SCAN_SIZE, EBDA_END - ebda), out_pa))) {
			*out_where = "EBDA";
			return found;
		}
	}
	*out_where = "BIOS area";
	return rsdp_scan(BIOS_AREA_START, BIOS_AREA_SIZE, out_pa);
}

/*
 * Pick the RSDP: the boot loader's 2.0+ copy, its 1.0 copy, then the
 * legacy scan.  A copy has no physical address; if the same bytes are in
 * the legacy areas (BIOS boots), that is where it lives.
 */
static const u8 *
rsdp_find(const void *rsdp_v2, const void *rsdp_v1)
{
	const u8 *copy = NULL, *found;
	const char *where;
	paddr_t pa = 0;

	if (rsdp_v2 && rsdp_is_valid(rsdp_v2, RSDP_V2_SIZE, "boot loader copy, ACPI 2.0+")) {
		copy = rsdp_v2;
		acpi_rsdp.source = "boot loader (ACPI 2.0+)";
	} else if (rsdp_v1 && rsdp_is_valid(rsdp_v1, RSDP_V1_SIZE, "boot loader copy, ACPI 1.0")) {
		copy = rsdp_v1;
		acpi_rsdp.source = "boot loader (ACPI 1.0)";
	}
	found = rsdp_legacy_scan(&pa, &where);
	if (copy) {
		size_t n = copy[15] >= 2 ? RSDP_V2_SIZE : RSDP_V1_SIZE;

		if (found && !memcmp(found, copy, n))
			acpi_rsdp.paddr = pa;
		return copy;
	}
	if (found) {
		acpi_rsdp.source = where;
		acpi_rsdp.paddr = pa;
	}
	return found;
}

/* ------------------------------------------------------------ the list */

/* Linux's line: "ACPI: APIC 0x000000001FFE1FC8 000080 (v01 BOCHS  BXPC     00000001 BXPC 00000001)" */
static void
print_table_line(const struct acpi_table *t, const struct acpi_table_header *h)
{
	char table_id[9], creator[5];

	if (!h) {
		pr_info("ACPI: %-4s 0x%016llX %06X\n", t->signature,
			(unsigned long long)t->paddr, t->length);
		return;
	}
	copy_text(table_id, h->oem_table_id, 8);
	copy_text(creator, h->creator_id, 4);
	pr_info("ACPI: %-4s 0x%016llX %06X (v%02u %-6s %-8s %08X %-4s %08X)\n",
		t->signature, (unsigned long long)t->paddr, t->length, t->revision,
		t->oem_id, table_id, h->oem_revision, creator, h->creator_revision);
}

enum table_kind {
	TABLE_SDT,	/* a description table: header + checksum (5.2.6) */
	TABLE_FACS,	/* the FACS: signature and length only (5.2.10) */
};

/*
 * Add the table at PA to the list and return it (NULL when the list is
 * full).  EXPECT is the signature the pointer promises (NULL: any).
 *   1. map the 36-byte header and copy it out;
 *   2. check the signature and bound the length: >= 36 (FACS: >= 64)
 *      and <= ACPI_TABLE_MAX_SIZE;
 *   3. map all LENGTH bytes;
 *   4. check the checksum (not for the FACS).
 * Any step that fails leaves the entry listed, unusable, with a warning.
 */
static struct acpi_table *
table_add(paddr_t pa, const char *expect, enum table_kind kind)
{
	struct acpi_table_header h;
	const struct acpi_table_header *mapped;
	struct acpi_table *t;
	u32 min = kind == TABLE_FACS ? ACPI_FACS_MIN_SIZE : sizeof(h);
	u8 sum;

	if (nr_tables == ACPI_MAX_TABLES) {
		if (!table_list_full_warned)
			pr_warn("acpi: more than %d tables; the one at 0x%llx and later ones ignored\n",
				ACPI_MAX_TABLES, (unsigned long long)pa);
		table_list_full_warned = true;
		return NULL;
	}
	t = &tables[nr_tables++];
	memset(t, 0, sizeof(*t));
	t->paddr = pa;
	copy_name(t->signature, expect ? expect : "????", 4);

	/* 1. The header, copied: the firmware's bytes are read once. */
	mapped = acpi_os_map(pa, sizeof(h));
	if (!mapped) {
		pr_warn("acpi: %s at 0x%llx: cannot map its header; table skipped\n",
			t->signature, (unsigned long long)pa);
		return t;
	}
	memcpy(&h, mapped, sizeof(h));
	copy_name(t->signature, h.signature, 4);
	t->length = h.length;
	if (kind == TABLE_FACS) {
		t->revision = ((const u8 *)&h)[32];	/* FACS version */
	} else {
		t->revision = h.revision;
		copy_text(t->oem_id, h.oem_id, 6);
	}

	/* 2. Signature and length. */
	if (expect && memcmp(h.signature, expect, 4)) {
		pr_warn("acpi: table at 0x%llx: signature \"%s\", %s expected; firmware bug, table skipped\n",
			(unsigned long long)pa, t->signature, expect);
		return t;
	}
	if (h.length < min || h.length > ACPI_TABLE_MAX_SIZE) {
		pr_warn("acpi: %s at 0x%llx: length %u %s %u; firmware bug, table skipped\n",
			t->signature, (unsigned long long)pa, h.length,
			h.length < min ? "<" : ">",
			h.length < min ? min : ACPI_TABLE_MAX_SIZE);
		return t;
	}

	/* 3. The whole table. */
	mapped = acpi_os_map(pa, h.length);
	if (!mapped) {
		pr_warn("acpi: %s at 0x%llx: cannot map its %u bytes; table skipped\n",
			t->signature, (unsigned long long)pa, h.length);
		return t;
	}
	t->hdr = mapped;
	print_table_line(t, kind == TABLE_FACS ? NULL : &h);

	/* 4. The checksum. */
	if (kind == TABLE_SDT && (sum = acpi_checksum(mapped, h.length)) != 0) {
		pr_warn("acpi: %s at 0x%llx: checksum wrong (bytes sum to 0x%02x, not 0); "
			"firmware bug, table not used\n",
			t->signature, (unsigned long long)pa, sum);
		return t;
	}
	t->checksum_ok = true;
	return t;
}

/*
 * Walk the root table ROOT (already in the list, usable): its entries
 * are ENTRY_SIZE-byte physical addresses (4: RSDT, 8: XSDT) after the
 * header.  Each entry is read with memcpy: they need not be aligned.
 */
static void
root_walk(const struct acpi_table *root, size_t entry_size)
{
	const u8 *p = (const u8 *)root->hdr;
	u32 bytes = root->length - sizeof(struct acpi_table_header);
	u32 n = bytes / entry_size;

	if (bytes % entry_size)
		pr_warn("acpi: %s: %u bytes of entries is not a multiple of %zu; "
			"firmware bug, the last %u bytes ignored\n",
			root->signature, bytes, entry_size, (unsigned)(bytes % entry_size));
	for (u32 i = 0; i < n; i++) {
		const u8 *e = p + sizeof(struct acpi_table_header) + i * entry_size;
		u64 pa = 0;

		memcpy(&pa, e, entry_size);	/* little-endian, like the host */
		if (!pa) {
			pr_warn("acpi: %s: entry %u is a null pointer; firmware bug, entry skipped\n",
				root->signature, i);
			continue;
		}
		if (!table_add(pa, NULL, TABLE_SDT))
			return;
	}
}

/* The XSDT if the RSDP has one that validates, else the RSDT. */
static void
root_find(void)
{
	const struct acpi_table *root;

	if (acpi_rsdp.xsdt) {
		root = table_add(acpi_rsdp.xsdt, "XSDT", TABLE_SDT);
		if (root && root->checksum_ok) {
			acpi_rsdp.use_xsdt = true;
			root_walk(root, 8);
			return;
		}
		if (!root)
			return;
		pr_warn("acpi: XSDT unusable; falling back to the RSDT at 0x%llx\n",
			(unsigned long long)acpi_rsdp.rsdt);
	}
	if (!acpi_rsdp.rsdt) {
		pr_warn("acpi: RSDP gives no RSDT address; firmware bug, no tables\n");
		return;
	}
	root = table_add(acpi_rsdp.rsdt, "RSDT", TABLE_SDT);
	if (root && root->checksum_ok)
		root_walk(root, 4);
}

/* The FADT's pointers, decoded by fadt.c; then the MADT. */
static void
fixed_tables_init(void)
{
	const struct acpi_table_header *t;
	u16 flags;
	u32 gsi;

	t = acpi_get_table("FACP", 0);
	if (!t) {
		pr_warn("acpi: no usable FADT (FACP); no DSDT, no fixed hardware\n");
	} else if (!acpi_parse_fadt(t, &acpi_fadt)) {
		if (acpi_fadt.dsdt)
			table_add(acpi_fadt.dsdt, "DSDT", TABLE_SDT);
		if (acpi_fadt.facs)
			table_add(acpi_fadt.facs, "FACS", TABLE_FACS);
	}

	t = acpi_get_table("APIC", 0);
	if (!t || acpi_parse_madt(t, &acpi_madt))
		return;
	pr_info("ACPI: MADT: local APIC at 0x%llx, %d CPU entries, %d IOAPIC(s), %d override(s)%s\n",
		(unsigned long long)(acpi_madt.lapic_address_override ?
				     acpi_madt.lapic_address_override : acpi_madt.lapic_address),
		acpi_madt.nr_cpus, acpi_madt.nr_ioapics, acpi_madt.nr_overrides,
		acpi_madt.pcat_compat ? ", 8259s present" : "");
	for (int i = 0; i < acpi_madt.nr_ioapics; i++)
		pr_info("ACPI: IOAPIC[%d]: id %u at 0x%08x, GSI base %u\n", i,
			acpi_madt.ioapics[i].id, acpi_madt.ioapics[i].address,
			acpi_madt.ioapics[i].gsi_base);
	if (acpi_fadt.present) {
		gsi = acpi_sci_to_gsi(&acpi_madt, (u8)acpi_fadt.sci_int, &flags);
		pr_info("ACPI: SCI: ISA IRQ %u -> GSI %u, %s, active %s\n", acpi_fadt.sci_int,
			gsi, ACPI_TRIGGER(flags) == 3 ? "level" : "edge",
			ACPI_POLARITY(flags) == 3 ? "low" : "high");
	}
}

int
acpi_tables_init(const void *rsdp_v2, const void *rsdp_v1)
{
	const u8 *p;
	struct acpi_rsdp r;

	memset(&acpi_rsdp, 0, sizeof(acpi_rsdp));
	memset(&acpi_fadt, 0, sizeof(acpi_fadt));
	memset(&acpi_madt, 0, sizeof(acpi_madt));
	nr_tables = 0;
	table_list_full_warned = false;

	p = rsdp_find(rsdp_v2, rsdp_v1);
	if (!p) {
		pr_warn("acpi: no valid RSDP (boot loader copies, EBDA, 0xe0000-0xfffff); "
			"booting without ACPI\n");
		acpi_os_tables_ready();
		return -ENODEV;
	}
	/* Copy out what we use; rsdp_is_valid() proved the bytes are there. */
	memset(&r, 0, sizeof(r));
	memcpy(&r, p, p[15] >= 2 ? RSDP_V2_SIZE : RSDP_V1_SIZE);
	acpi_rsdp.found = true;
	acpi_rsdp.revision = r.revision;
	copy_text(acpi_rsdp.oem_id, r.oem_id, 6);
	acpi_rsdp.rsdt = r.rsdt_address;
	acpi_rsdp.xsdt = r.revision >= 2 ? r.xsdt_address : 0;
	if (acpi_rsdp.paddr)
		pr_info("ACPI: RSDP 0x%016llX %06X (v%02u %-6s) from the %s\n",
			(unsigned long long)acpi_rsdp.paddr,
			r.revision >= 2 ? r.length : RSDP_V1_SIZE, r.revision,
			acpi_rsdp.oem_id, acpi_rsdp.source);
	else	/* a copy whose original we could not find (UEFI) */
		pr_info("ACPI: RSDP (address unknown) %06X (v%02u %-6s) from the %s\n",
			r.revision >= 2 ? r.length : RSDP_V1_SIZE, r.revision,
			acpi_rsdp.oem_id, acpi_rsdp.source);

	root_find();
	fixed_tables_init();
	acpi_os_tables_ready();
	return 0;
}

const struct acpi_table_header *
acpi_get_table(const char *sig, int instance)
{
	for (int i = 0; i < nr_tables; i++) {
		if (!tables[i].checksum_ok || strncmp(tables[i].signature, sig, 4))
			continue;
		if (instance-- == 0)
			return tables[i].hdr;
	}
	return NULL;
}

int
acpi_table_count(void)
{
	return nr_tables;
}

const struct acpi_table *
acpi_table_at(int i)
{
	return i >= 0 && i < nr_tables ? &tables[i] : NULL;
}
