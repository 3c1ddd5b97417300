/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_acpi_hw.h - a model of QEMU's ACPI fixed hardware
 * behind the fake port I/O: PM1 (STS, EN, CNT), a GPE0 block, SMI_CMD
 * and the reset port 0xCF9, with the semantics of
 * shared/spec/qemu-memory-hotplug.md 4.2-4.4:
 *
 *   PM1_STS and GPE STS bytes   write 1 to clear
 *   GPE EN bytes                written whole
 *   SMI_CMD <- ACPI_ENABLE      sets SCI_EN at once (ACPI_DISABLE clears it)
 *   PM1_CNT with SLP_EN         "powers off": shutdowns++, SLP_TYP noted
 *   the SCI level               (PM1_STS & PM1_EN & {TMR,GBL,PWRBTN,RTC})
 *                               or any GPE with STS and EN set
 *
 * Multi-byte accesses are split into bytes, as QEMU's GPE block does.
 *
 *	struct fake_acpi_hw m;
 *	struct acpi_fadt_info fadt;
 *	fake_acpi_hw_qemu(&m, FAKE_ACPI_PIIX4, &fadt);	// plugged in
 *	m.gpe_sts[0] |= 0x08;				// QEMU latches GPE 3
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the events are tested).
 * Tests: used by tests/unit/acpi/test_acpi_hw.c, test_events.c, test_sleep.c
 */
#ifndef FAKE_ACPI_HW_H
#define FAKE_ACPI_HW_H

#include "arch/io.h"
#include "drivers/acpi/acpi.h"

enum fake_acpi_chipset {
	FAKE_ACPI_PIIX4,	/* -M pc + SeaBIOS: PM 0x600, GPE0 0xafe0/4, enable 0xf1 */
	FAKE_ACPI_PIIX4_OVMF,	/* -M pc + OVMF: PM 0xb000, SCI_EN already 1 */
	FAKE_ACPI_ICH9,		/* -M q35: PM 0x600, GPE0 0x620/16, enable 0x02, reset 0xcf9 */
};

struct fake_acpi_hw {
	struct fake_io_model io;	/* what fake_io_set_model() was given */
	u16 pm_base, gpe_base, smi_cmd;
	u8 gpe_len;			/* bytes per half */
	u8 acpi_enable, acpi_disable;
	bool smi_ignored;		/* SMI_CMD writes do nothing (broken firmware) */
	u16 pm1_sts, pm1_en, pm1_cnt;
	u8 gpe_sts[16], gpe_en[16];
	int shutdowns;			/* PM1_CNT writes with SLP_EN */
	u32 slp_typ;			/* SLP_TYP of the last one */
	u8 en_at_shutdown[16];		/* GPE EN bytes at the last one */
	u16 pm1_sts_at_shutdown;	/* PM1_STS at the last one */
	u16 cnt_writes[8];		/* the first PM1_CNT values written, in order */
	int nr_cnt_writes;
	int resets;			/* 0x0f (or 0x06) written to 0xcf9 */
};

/* Set M up as CHIPSET, plug it in, and describe it in FADT (may be NULL). */
void fake_acpi_hw_qemu(struct fake_acpi_hw *m, enum fake_acpi_chipset chipset,
		       struct acpi_fadt_info *fadt);
/* The level of the SCI line the model drives. */
bool fake_acpi_hw_sci(const struct fake_acpi_hw *m);

#endif /* FAKE_ACPI_HW_H */
