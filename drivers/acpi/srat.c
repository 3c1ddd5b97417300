/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/srat.c - the System Resource Affinity Table: which
 * proximity domain (PXM) each CPU and each range of memory belongs to,
 * and which memory ranges may be hot-plugged.
 *
 * The idea: the SRAT is a list of small records of known types; we copy
 * each into a local buffer of its own size before decoding it, keep only
 * Enabled ones, and never trust a length.  PXMs become node ids later, in
 * drivers/acpi/numa.c; this file only decodes.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.  Facts about QEMU's
 * SRAT: shared/spec/qemu-memory-hotplug.md section 6.2.
 * Tests: tests/unit/acpi/test_srat.c, tests/fuzz/fuzz_srat.c
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct acpi_srat_info acpi_srat;

/*
 * ACPI 6.x, 5.2.16: the SRAT is the common header, 12 reserved bytes
 * (QEMU writes 1 in the first dword, the old "table revision"), then
 * subtables, each starting with a type byte and a length byte:
 *
 *   type 0  Processor Local APIC/SAPIC Affinity     16 bytes  (5.2.16.1)
 *   type 1  Memory Affinity                          40 bytes  (5.2.16.2)
 *   type 2  Processor Local x2APIC Affinity          24 bytes  (5.2.16.3)
 *   3 GICC, 4 GIC ITS, 5 Generic Initiator, 6 Generic Port: not used here
 */
#define SRAT_HEADER_SIZE	(sizeof(struct acpi_table_header) + 12)

enum srat_type {
	SRAT_PROCESSOR_APIC	= 0,
	SRAT_MEMORY		= 1,
	SRAT_PROCESSOR_X2APIC	= 2,
};

#define SRAT_CPU_ENABLED	(1u << 0)	/* flags of types 0 and 2 */

/* Type 0.  The PXM is split: bits 7:0 here, bits 31:8 at the end. */
struct srat_cpu_apic {
	u8 type;
	u8 length;
	u8 pxm_lo;		/* proximity domain bits 7:0 */
	u8 apic_id;
	u32 flags;		/* bit 0: Enabled */
	u8 sapic_eid;		/* Itanium only */
	u8 pxm_hi[3];		/* proximity domain bits 31:8, little-endian */
	u32 clock_domain;
} __packed;
_Static_assert(sizeof(struct srat_cpu_apic) == 16, "SRAT type 0 is 16 bytes");

/* Type 1. */
struct srat_memory {
	u8 type;
	u8 length;
	u32 pxm;
	u16 reserved1;
	u32 base_lo, base_hi;		/* [base, base + length) */
	u32 length_lo, length_hi;
	u32 reserved2;
	u32 flags;			/* ACPI_SRAT_MEM_* */
	u64 reserved3;
} __packed;
_Static_assert(sizeof(struct srat_memory) == 40, "SRAT type 1 is 40 bytes");

/* Type 2. */
struct srat_cpu_x2apic {
	u8 type;
	u8 length;
	u16 reserved1;
	u32 pxm;
	u32 x2apic_id;
	u32 flags;		/* bit 0: Enabled */
	u32 clock_domain;
	u32 reserved2;
} __packed;
_Static_assert(sizeof(struct srat_cpu_x2apic) == 24, "SRAT type 2 is 24 bytes");

static const char *const srat_type_names[] = {
	"Processor Local APIC Affinity", "Memory Affinity",
	"Processor Local x2APIC Affinity", "GICC Affinity", "GIC ITS Affinity",
	"Generic Initiator Affinity", "Generic Port Affinity",
};

static const char *
srat_type_name(u8 type)
{
	return type < ARRAY_SIZE(srat_type_names) ? srat_type_names[type] : "unknown";
}

static void
srat_add_cpu(struct acpi_srat_info *out, int idx, u32 pxm, u32 apic_id, bool x2apic)
{
	if (out->nr_cpus == ACPI_MAX_CPUS) {
		pr_warn("srat: entry %d: more than %d CPUs; APIC 0x%x ignored\n",
			idx, ACPI_MAX_CPUS, apic_id);
		return;
	}
	out->cpus[out->nr_cpus].pxm = pxm;
	out->cpus[out->nr_cpus].apic_id = apic_id;
	out->cpus[out->nr_cpus].x2apic = x2apic;
	out->nr_cpus++;
}

/*
 * Is a memory range that overlaps another one normal?  Only when one of
 * them lies inside a hotpluggable range: that is a device QEMU placed in
 * its device-memory window (an NVDIMM, say), whose own entry names its
 * node (spec section 6.2).  Any other overlap is a firmware bug.
 */
static bool
srat_overlap_is_device_in_window(u64 a_base, u64 a_end, u32 a_flags,
				 u64 b_base, u64 b_end, u32 b_flags)
{
	if ((a_flags & ACPI_SRAT_MEM_HOT_PLUGGABLE) && a_base <= b_base && b_end <= a_end)
		return true;
	return (b_flags & ACPI_SRAT_MEM_HOT_PLUGGABLE) && b_base <= a_base && a_end <= b_end;
}

/*
 * Decode one memory affinity entry (already bounded and copied).  Kept:
 * Enabled, non-empty, not wrapping, below 2^52.  Overlaps are reported
 * (see above) and the entry is kept; mm/numa.c decides what wins.
 */
static void
srat_add_memory(struct acpi_srat_info *out, int idx, const struct srat_memory *m)
{
	u64 base = (u64)m->base_hi << 32 | m->base_lo;
	u64 length = (u64)m->length_hi << 32 | m->length_lo;
	u64 end = base + length;

	if (!(m->flags & ACPI_SRAT_MEM_ENABLED) || length == 0)
		return;	/* disabled, or QEMU's padding: normal, silent */
	if (end < base || end > ACPI_SRAT_MAX_ADDR) {
		pr_warn("srat: entry %d: [mem 0x%llx +0x%llx] beyond 2^52; firmware bug, entry skipped\n",
			idx, (unsigned long long)base, (unsigned long long)length);
		return;
	}
	for (int i = 0; i < out->nr_mem; i++) {
		u64 b = out->mem[i].base, e = b + out->mem[i].length;

		if (base < e && b < end &&
		    !srat_overlap_is_device_in_window(base, end, m->flags,
						       b, e, out->mem[i].flags))
			pr_warn("srat: entry %d: [mem 0x%llx-0x%llx] PXM %u overlaps [mem 0x%llx-0x%llx] PXM %u; firmware bug\n",
				idx, (unsigned long long)base, (unsigned long long)end - 1,
				m->pxm, (unsigned long long)b, (unsigned long long)e - 1,
				out->mem[i].pxm);
	}
	if (out->nr_mem == ACPI_MAX_MEM_AFFINITY) {
		pr_warn("srat: entry %d: more than %d memory ranges; [mem 0x%llx-0x%llx] ignored\n",
			idx, ACPI_MAX_MEM_AFFINITY, (unsigned long long)base,
			(unsigned long long)end - 1);
		return;
	}
	out->mem[out->nr_mem].pxm = m->pxm;
	out->mem[out->nr_mem].base = base;
	out->mem[out->nr_mem].length = length;
	out->mem[out->nr_mem].flags = m->flags;
	out->nr_mem++;
}

/*
 * Decode TABLE into OUT (cleared first).  The walk, for each subtable:
 *
 * 1. Two bytes must remain for type and length, and length must be at
 *    least 2 and fit in the table; otherwise the walk ends (we cannot
 *    know where the next entry starts).
 * 2. An entry shorter than its type's size is skipped; a longer one is
 *    read as its known prefix (later ACPI revisions may grow it).
 * 3. The entry is copied into a local struct of its type, then decoded.
 *
 * Returns 0 (OUT->present set) or -EINVAL for a table too short or not
 * an SRAT; a bad entry is warned about, never an error.
 */
int
acpi_parse_srat(const struct acpi_table_header *table, struct acpi_srat_info *out)
{
	const u8 *p = (const u8 *)table;
	u32 len, off;
	int idx;

	memset(out, 0, sizeof(*out));
	if (!table)
		return -EINVAL;
	if (memcmp(table->signature, "SRAT", 4) != 0) {
		pr_warn("srat: signature is not SRAT; not parsed\n");
		return -EINVAL;
	}
	len = table->length;
	if (len < SRAT_HEADER_SIZE) {
		pr_warn("srat: length %u < %zu expected; firmware bug, SRAT not used\n",
			len, SRAT_HEADER_SIZE);
		return -EINVAL;
	}
	out->present = true;
	for (off = SRAT_HEADER_SIZE, idx = 0; off < len; off += p[off + 1], idx++) {
		u8 type, elen;
		size_t want;

		if (len - off < 2) {
			pr_warn("srat: entry %d: %u byte(s) left at offset 0x%x, no room for a header; firmware bug, walk ended\n",
				idx, len - off, off);
			break;
		}
		type = p[off];
		elen = p[off + 1];
		if (elen < 2 || elen > len - off) {
			pr_warn("srat: entry %d: length %u at offset 0x%x does not fit (%u bytes left); firmware bug, walk ended\n",
				idx, elen, off, len - off);
			break;
		}
		switch (type) {
		case SRAT_PROCESSOR_APIC:
			want = sizeof(struct srat_cpu_apic);
			break;
		case SRAT_MEMORY:
			want = sizeof(struct srat_memory);
			break;
		case SRAT_PROCESSOR_X2APIC:
			want = sizeof(struct srat_cpu_x2apic);
			break;
		default:
			pr_info("srat: entry %d: type %u (%s) not used, skipped\n",
				idx, type, srat_type_name(type));
			continue;
		}
		if (elen < want) {
			pr_warn("srat: entry %d: length %u < %zu expected; firmware bug, entry skipped\n",
				idx, elen, want);
			continue;
		}

		if (type == SRAT_PROCESSOR_APIC) {
			struct srat_cpu_apic c;

			memcpy(&c, p + off, sizeof(c));
			if (c.flags & SRAT_CPU_ENABLED)
				srat_add_cpu(out, idx, c.pxm_lo | (u32)c.pxm_hi[0] << 8 |
					     (u32)c.pxm_hi[1] << 16 | (u32)c.pxm_hi[2] << 24,
					     c.apic_id, false);
		} else if (type == SRAT_PROCESSOR_X2APIC) {
			struct srat_cpu_x2apic c;

			memcpy(&c, p + off, sizeof(c));
			if (c.flags & SRAT_CPU_ENABLED)
				srat_add_cpu(out, idx, c.pxm, c.x2apic_id, true);
		} else {
			struct srat_memory m;

			memcpy(&m, p + off, sizeof(m));
			srat_add_memory(out, idx, &m);
		}
	}
	return 0;
}
