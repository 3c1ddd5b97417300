/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/fadt.c - decoding the Fixed ACPI Description Table: where
 * the PM1, PM timer and GPE register blocks are, which IRQ is the SCI,
 * how to switch the machine into ACPI mode, where the DSDT and FACS are.
 *
 * The idea: the FADT grew with every ACPI revision (116 bytes in 1.0,
 * 244 in 2.0-4.0, 276 in 6.x) and firmware still ships short ones (QEMU's
 * pc machine: revision 1, 116 bytes).  We copy at most LENGTH bytes into
 * a zeroed local copy of the newest layout, so a field the table is too
 * short to hold reads as 0 = "not present"; then the 64-bit X_ field wins
 * over its 32-bit twin when it is set.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/unit/acpi/test_fadt.c
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct acpi_fadt_info acpi_fadt;

/* ACPI 6.x, 5.2.9, Table 5.9: the FADT, offsets in bytes on the right. */
struct fadt_raw {
	struct acpi_table_header header;	/*   0 */
	u32 firmware_ctrl;			/*  36 FACS, 32-bit */
	u32 dsdt;				/*  40 */
	u8 reserved0;				/*  44 (1.0: INT_MODEL) */
	u8 preferred_pm_profile;		/*  45 */
	u16 sci_int;				/*  46 */
	u32 smi_cmd;				/*  48 */
	u8 acpi_enable, acpi_disable;		/*  52 */
	u8 s4bios_req, pstate_cnt;		/*  54 */
	u32 pm1a_evt_blk, pm1b_evt_blk;		/*  56 */
	u32 pm1a_cnt_blk, pm1b_cnt_blk;		/*  64 */
	u32 pm2_cnt_blk, pm_tmr_blk;		/*  72 */
	u32 gpe0_blk, gpe1_blk;			/*  80 */
	u8 pm1_evt_len, pm1_cnt_len;		/*  88 */
	u8 pm2_cnt_len, pm_tmr_len;		/*  90 */
	u8 gpe0_blk_len, gpe1_blk_len;		/*  92 */
	u8 gpe1_base, cst_cnt;			/*  94 */
	u16 p_lvl2_lat, p_lvl3_lat;		/*  96 */
	u16 flush_size, flush_stride;		/* 100 */
	u8 duty_offset, duty_width;		/* 104 */
	u8 day_alrm, mon_alrm, century;		/* 106 */
	u16 iapc_boot_arch;			/* 109 */
	u8 reserved1;				/* 111 */
	u32 flags;				/* 112; 1.0 ends at 116 */
	struct acpi_gas reset_reg;		/* 116 */
	u8 reset_value;				/* 128 */
	u16 arm_boot_arch;			/* 129 */
	u8 minor_version;			/* 131 */
	u64 x_firmware_ctrl;			/* 132 */
	u64 x_dsdt;				/* 140 */
	struct acpi_gas x_pm1a_evt_blk;		/* 148 */
	struct acpi_gas x_pm1b_evt_blk;		/* 160 */
	struct acpi_gas x_pm1a_cnt_blk;		/* 172 */
	struct acpi_gas x_pm1b_cnt_blk;		/* 184 */
	struct acpi_gas x_pm2_cnt_blk;		/* 196 */
	struct acpi_gas x_pm_tmr_blk;		/* 208 */
	struct acpi_gas x_gpe0_blk;		/* 220 */
	struct acpi_gas x_gpe1_blk;		/* 232; 2.0-4.0 end at 244 */
	struct acpi_gas sleep_control_reg;	/* 244 */
	struct acpi_gas sleep_status_reg;	/* 256 */
	u64 hypervisor_vendor_id;		/* 268; 6.x ends at 276 */
} __packed;
_Static_assert(sizeof(struct acpi_gas) == 12, "GAS is 12 bytes");
_Static_assert(offsetof(struct fadt_raw, flags) == 112, "FADT flags at 112");
_Static_assert(offsetof(struct fadt_raw, x_pm1a_evt_blk) == 148, "X_PM1a_EVT_BLK at 148");
_Static_assert(sizeof(struct fadt_raw) == 276, "FADT (6.x) is 276 bytes");

#define FADT_V1_SIZE		116	/* the shortest FADT a 1.0 firmware has */
#define FADT_RESET_REG_SUP	(1u << 10)	/* flags: the reset register works */
#define GAS_SPACE_IO		1

/*
 * A register block: the X_ GAS when it is set and in I/O space, else the
 * 32-bit port.  A block in another address space cannot be reached with
 * in/out, so it is warned about and the 32-bit port is kept.
 */
static u32
fadt_port(const char *name, u32 port32, const struct acpi_gas *x)
{
	if (!x->address)
		return port32;
	if (x->space_id != GAS_SPACE_IO) {
		pr_warn("acpi: FADT: X_%s in address space %u, not I/O; using %s 0x%x\n",
			name, x->space_id, name, port32);
		return port32;
	}
	if (x->address > 0xffff) {
		pr_warn("acpi: FADT: X_%s port 0x%llx > 0xffff; firmware bug, using %s 0x%x\n",
			name, (unsigned long long)x->address, name, port32);
		return port32;
	}
	if (port32 && port32 != x->address)
		pr_info("acpi: FADT: %s 0x%x and X_%s 0x%llx differ; using X_%s\n", name,
			port32, name, (unsigned long long)x->address, name);
	return (u32)x->address;
}

/* A block length: the 8-bit field, or the X_ GAS's bit width when that is 0. */
static u8
fadt_len(u8 len8, const struct acpi_gas *x)
{
	return len8 ? len8 : (x->address ? x->bit_width / 8 : 0);
}

int
acpi_parse_fadt(const struct acpi_table_header *table, struct acpi_fadt_info *out)
{
	struct fadt_raw f;
	u32 len;

	memset(out, 0, sizeof(*out));
	if (!table || memcmp(table->signature, "FACP", 4))
		return -EINVAL;
	len = table->length;
	if (len < offsetof(struct fadt_raw, dsdt) + 4) {
		pr_warn("acpi: FADT: length %u < 44 (no DSDT pointer); firmware bug, table skipped\n",
			len);
		return -EINVAL;
	}
	if (len < FADT_V1_SIZE)
		pr_warn("acpi: FADT: length %u < %u expected; firmware bug, "
			"fields beyond it taken as absent\n", len, FADT_V1_SIZE);

	/* Fields past LENGTH stay 0: "not present". */
	memset(&f, 0, sizeof(f));
	memcpy(&f, table, MIN(len, (u32)sizeof(f)));

	out->present = true;
	out->revision = f.header.revision;
	out->sci_int = f.sci_int;
	out->smi_cmd = f.smi_cmd;
	out->acpi_enable = f.acpi_enable;
	out->acpi_disable = f.acpi_disable;
	out->pm1a_evt_blk = fadt_port("PM1a_EVT_BLK", f.pm1a_evt_blk, &f.x_pm1a_evt_blk);
	out->pm1b_evt_blk = fadt_port("PM1b_EVT_BLK", f.pm1b_evt_blk, &f.x_pm1b_evt_blk);
	out->pm1a_cnt_blk = fadt_port("PM1a_CNT_BLK", f.pm1a_cnt_blk, &f.x_pm1a_cnt_blk);
	out->pm1b_cnt_blk = fadt_port("PM1b_CNT_BLK", f.pm1b_cnt_blk, &f.x_pm1b_cnt_blk);
	out->pm_tmr_blk = fadt_port("PM_TMR_BLK", f.pm_tmr_blk, &f.x_pm_tmr_blk);
	out->gpe0_blk = fadt_port("GPE0_BLK", f.gpe0_blk, &f.x_gpe0_blk);
	out->gpe1_blk = fadt_port("GPE1_BLK", f.gpe1_blk, &f.x_gpe1_blk);
	out->pm1_evt_len = fadt_len(f.pm1_evt_len, &f.x_pm1a_evt_blk);
	out->pm1_cnt_len = fadt_len(f.pm1_cnt_len, &f.x_pm1a_cnt_blk);
	out->gpe0_blk_len = fadt_len(f.gpe0_blk_len, &f.x_gpe0_blk);
	out->gpe1_blk_len = fadt_len(f.gpe1_blk_len, &f.x_gpe1_blk);
	out->gpe1_base = f.gpe1_base;
	out->flags = f.flags;
	/* The reset register is there only if the flag says so and it is set. */
	out->reset_reg = f.reset_reg;
	out->reset_value = f.reset_value;
	out->has_reset_reg = (f.flags & FADT_RESET_REG_SUP) && f.reset_reg.address;
	out->dsdt = f.x_dsdt ? f.x_dsdt : f.dsdt;
	out->facs = f.x_firmware_ctrl ? f.x_firmware_ctrl : f.firmware_ctrl;
	if (f.x_dsdt && f.dsdt && f.x_dsdt != f.dsdt)
		pr_info("acpi: FADT: DSDT 0x%x and X_DSDT 0x%llx differ; using X_DSDT\n",
			f.dsdt, (unsigned long long)f.x_dsdt);
	if (!out->dsdt)
		pr_warn("acpi: FADT: no DSDT address; firmware bug, no AML\n");
	return 0;
}
