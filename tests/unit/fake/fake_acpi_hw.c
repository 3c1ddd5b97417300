/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_acpi_hw.c - QEMU's ACPI fixed hardware as a device
 * model for the fake port I/O (see fake_acpi_hw.h for the semantics).
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the events are tested).
 * Tests: used by tests/unit/acpi/test_acpi_hw.c, test_events.c, test_sleep.c
 */
#include <string.h>

#include "fake_acpi_hw.h"

#define RESET_PORT	0xcf9

static u8
read_byte(struct fake_acpi_hw *m, u16 port)
{
	u16 off = port - m->pm_base;

	if (port >= m->pm_base && off < 6) {
		u16 reg = off < 2 ? m->pm1_sts : off < 4 ? m->pm1_en : m->pm1_cnt;

		return reg >> (8 * (off % 2));
	}
	if (port >= m->gpe_base && port < m->gpe_base + 2 * m->gpe_len) {
		off = port - m->gpe_base;
		return off < m->gpe_len ? m->gpe_sts[off] : m->gpe_en[off - m->gpe_len];
	}
	return 0xff;
}

static void
write_cnt(struct fake_acpi_hw *m, u16 v)
{
	if (m->nr_cnt_writes < (int)(sizeof(m->cnt_writes) / sizeof(m->cnt_writes[0])))
		m->cnt_writes[m->nr_cnt_writes++] = v;
	if (v & ACPI_PM1_SLP_EN) {
		m->shutdowns++;
		m->slp_typ = (v & ACPI_PM1_SLP_TYP) >> ACPI_PM1_SLP_TYP_SHIFT;
		memcpy(m->en_at_shutdown, m->gpe_en, sizeof(m->en_at_shutdown));
		m->pm1_sts_at_shutdown = m->pm1_sts;
		v &= ~ACPI_PM1_SLP_EN;	/* reads as 0 */
	}
	m->pm1_cnt = v;
}

static void
write_byte(struct fake_acpi_hw *m, u16 port, u8 v)
{
	u16 off = port - m->pm_base;

	if (port >= m->pm_base && off < 4) {
		u16 bits = (u16)v << (8 * (off % 2));

		if (off < 2)
			m->pm1_sts &= ~bits;		/* write 1 to clear */
		else
			m->pm1_en = (m->pm1_en & ~(0xff << (8 * (off % 2)))) | bits;
		return;
	}
	if (port >= m->gpe_base && port < m->gpe_base + 2 * m->gpe_len) {
		off = port - m->gpe_base;
		if (off < m->gpe_len)
			m->gpe_sts[off] &= ~v;		/* write 1 to clear */
		else
			m->gpe_en[off - m->gpe_len] = v;	/* the whole byte */
		return;
	}
	if (port == m->smi_cmd && m->smi_cmd && !m->smi_ignored) {
		if (v == m->acpi_enable)
			m->pm1_cnt |= ACPI_PM1_SCI_EN;
		else if (v == m->acpi_disable)
			m->pm1_cnt &= ~ACPI_PM1_SCI_EN;
		return;
	}
	if (port == RESET_PORT && (v == 0x0f || v == 0x06))
		m->resets++;
}

static u32
model_read(void *ctx, u16 port, unsigned int width)
{
	u32 v = 0;

	for (unsigned int i = 0; i < width; i++)
		v |= (u32)read_byte(ctx, port + i) << (8 * i);
	return v;
}

static void
model_write(void *ctx, u16 port, unsigned int width, u32 v)
{
	struct fake_acpi_hw *m = ctx;

	/* PM1_CNT is one 16-bit register: SLP_EN acts on the whole value. */
	if (port == m->pm_base + 4 && width >= 2) {
		write_cnt(m, v);
		return;
	}
	if (port == m->pm_base + 5 && width == 1) {
		write_cnt(m, (m->pm1_cnt & 0xff) | (v << 8));
		return;
	}
	if (port == m->pm_base + 4 && width == 1) {
		m->pm1_cnt = (m->pm1_cnt & 0xff00) | v;
		return;
	}
	for (unsigned int i = 0; i < width; i++)
		write_byte(m, port + i, v >> (8 * i));
}

void
fake_acpi_hw_qemu(struct fake_acpi_hw *m, enum fake_acpi_chipset chipset,
		  struct acpi_fadt_info *fadt)
{
	memset(m, 0, sizeof(*m));
	m->io = (struct fake_io_model){ model_read, model_write, m };
	m->smi_cmd = 0xb2;
	m->pm1_sts = ACPI_PM1_TMR;	/* set at hand-off (spec 4.2) */
	switch (chipset) {
	case FAKE_ACPI_PIIX4:
	case FAKE_ACPI_PIIX4_OVMF:
		m->pm_base = chipset == FAKE_ACPI_PIIX4 ? 0x600 : 0xb000;
		m->gpe_base = 0xafe0;
		m->gpe_len = 2;
		m->acpi_enable = 0xf1;
		m->acpi_disable = 0xf0;
		if (chipset == FAKE_ACPI_PIIX4_OVMF)
			m->pm1_cnt = ACPI_PM1_SCI_EN;
		break;
	case FAKE_ACPI_ICH9:
		m->pm_base = 0x600;
		m->gpe_base = 0x620;
		m->gpe_len = 8;
		m->acpi_enable = 0x02;
		m->acpi_disable = 0x03;
		break;
	}
	fake_io_set_model(&m->io);
	if (!fadt)
		return;
	memset(fadt, 0, sizeof(*fadt));
	fadt->present = true;
	fadt->revision = chipset == FAKE_ACPI_ICH9 ? 3 : 1;
	fadt->sci_int = 9;
	fadt->smi_cmd = m->smi_cmd;
	fadt->acpi_enable = m->acpi_enable;
	fadt->acpi_disable = m->acpi_disable;
	fadt->pm1a_evt_blk = m->pm_base;
	fadt->pm1a_cnt_blk = m->pm_base + 4;
	fadt->pm_tmr_blk = m->pm_base + 8;
	fadt->pm1_evt_len = 4;
	fadt->pm1_cnt_len = 2;
	fadt->gpe0_blk = m->gpe_base;
	fadt->gpe0_blk_len = 2 * m->gpe_len;
	if (chipset == FAKE_ACPI_ICH9) {
		fadt->has_reset_reg = true;
		fadt->reset_reg = (struct acpi_gas){ .space_id = ACPI_GAS_IO, .bit_width = 8,
						     .address = RESET_PORT };
		fadt->reset_value = 0x0f;
	}
}

bool
fake_acpi_hw_sci(const struct fake_acpi_hw *m)
{
	u16 fixed = ACPI_PM1_TMR | ACPI_PM1_GBL | ACPI_PM1_PWRBTN | ACPI_PM1_RTC;

	if (m->pm1_sts & m->pm1_en & fixed)
		return true;
	for (int i = 0; i < m->gpe_len; i++)
		if (m->gpe_sts[i] & m->gpe_en[i])
			return true;
	return false;
}
