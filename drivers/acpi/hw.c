/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/hw.c - the ACPI fixed hardware: the PM1 event and control
 * registers, the GPE blocks and the reset register, at the I/O ports the
 * FADT names (ACPI 6.x, 4.8).
 *
 * The idea: every register is found by arithmetic on the FADT's block
 * addresses and lengths, never by a hard-coded port (QEMU's PM base is
 * 0x600 under SeaBIOS, 0xB000 under OVMF on -M pc).  A GPE block is two
 * halves of LEN bytes each, status first, enable second, and GPE n is
 * one bit in each:
 *
 *	port + 0 .. port + len - 1          STS bytes (write 1 to clear)
 *	port + len .. port + 2 * len - 1    EN bytes (written whole)
 *	GPE n: byte (n - base) / 8, bit (n - base) % 8 of either half
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_acpi_hw.c
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

/* What acpi_hw_init() took from the FADT; read-only afterwards. */
static struct {
	bool ready;			/* acpi_hw_init() succeeded */
	u16 pm1_evt[2];			/* PM1a/b_EVT_BLK; [1] 0: no b block */
	u16 pm1_cnt[2];			/* PM1a/b_CNT_BLK; [1] 0: no b block */
	u8 pm1_half;			/* bytes of PM1_STS and of PM1_EN: 2 */
	struct acpi_gpe_block gpe[2];	/* [0, nr_gpe) */
	int nr_gpe;
} hw;

/* ------------------------------------------------------------ port access */

/* A register of 1, 2 or 4 bytes at PORT. */
static u32
port_read(u16 port, unsigned int bytes)
{
	if (bytes == 1)
		return inb(port);
	if (bytes == 2)
		return inw(port);
	return inl(port);
}

static void
port_write(u16 port, unsigned int bytes, u32 value)
{
	if (bytes == 1)
		outb(port, value);
	else if (bytes == 2)
		outw(port, value);
	else
		outl(port, value);
}

/* ------------------------------------------------------------ init */

/* A block of LEN bytes at the FADT's PORT lies in the 64 KiB port space. */
static bool
port_block_ok(u32 port, u32 len)
{
	return port && len && port + len <= 0x10000;
}

/*
 * Take GPE block NAME (FADT port PORT, LEN bytes, GPEs from BASE) if it is
 * usable; warn and leave it out if not.
 */
static void
add_gpe_block(const char *name, u32 port, u8 len, u32 base)
{
	struct acpi_gpe_block *b = &hw.gpe[hw.nr_gpe];

	if (!port && !len)
		return;
	if (!port_block_ok(port, len) || len % 2) {
		pr_warn("acpi: %s: block at port 0x%x, %u bytes: unusable (length must be even); firmware bug, block ignored\n",
			name, port, len);
		return;
	}
	if (base >= ACPI_MAX_GPES) {
		pr_warn("acpi: %s: first GPE %u beyond %u; block ignored\n", name, base, ACPI_MAX_GPES - 1);
		return;
	}
	b->name = name;
	b->port = port;
	b->len = len / 2;
	b->base = base;
	b->count = MIN((u32)b->len * 8, ACPI_MAX_GPES - base);
	if (b->count < (u32)b->len * 8)
		pr_warn("acpi: %s: GPEs %u and up have no _Lxx/_Exx names; only %u used\n",
			name, ACPI_MAX_GPES, b->count);
	/* ACPI 6.x 5.2.9: the two blocks' GPE numbers must not overlap. */
	for (int i = 0; i < hw.nr_gpe; i++) {
		const struct acpi_gpe_block *o = &hw.gpe[i];

		if (b->base < o->base + o->count && o->base < b->base + b->count) {
			pr_warn("acpi: %s: GPEs %u-%u overlap %s's %u-%u; firmware bug, block ignored\n",
				name, b->base, b->base + b->count - 1, o->name, o->base,
				o->base + o->count - 1);
			return;
		}
	}
	hw.nr_gpe++;
}

int
acpi_hw_init(const struct acpi_fadt_info *fadt)
{
	memset(&hw, 0, sizeof(hw));
	if (!fadt || !fadt->present)
		return -ENODEV;
	/* PM1a is mandatory (4.8.1.1): STS and EN at least 2 bytes each. */
	if (!port_block_ok(fadt->pm1a_evt_blk, fadt->pm1_evt_len) || fadt->pm1_evt_len < 4 ||
	    fadt->pm1_evt_len % 2 || !port_block_ok(fadt->pm1a_cnt_blk, fadt->pm1_cnt_len) ||
	    fadt->pm1_cnt_len < 2) {
		pr_warn("acpi: FADT: PM1a_EVT 0x%x (%u bytes), PM1a_CNT 0x%x (%u bytes): unusable; no ACPI events\n",
			fadt->pm1a_evt_blk, fadt->pm1_evt_len, fadt->pm1a_cnt_blk, fadt->pm1_cnt_len);
		return -EINVAL;
	}
	hw.pm1_evt[0] = fadt->pm1a_evt_blk;
	hw.pm1_cnt[0] = fadt->pm1a_cnt_blk;
	if (fadt->pm1b_evt_blk && port_block_ok(fadt->pm1b_evt_blk, fadt->pm1_evt_len))
		hw.pm1_evt[1] = fadt->pm1b_evt_blk;
	if (fadt->pm1b_cnt_blk && port_block_ok(fadt->pm1b_cnt_blk, fadt->pm1_cnt_len))
		hw.pm1_cnt[1] = fadt->pm1b_cnt_blk;
	/* The registers are 16 bits whatever the length says (4.8.1.1). */
	hw.pm1_half = 2;

	add_gpe_block("GPE0", fadt->gpe0_blk, fadt->gpe0_blk_len, 0);
	add_gpe_block("GPE1", fadt->gpe1_blk, fadt->gpe1_blk_len, fadt->gpe1_base);
	hw.ready = true;
	return 0;
}

/* ------------------------------------------------------------ PM1 */

/* The port of REG in block B (0: a, 1: b), or 0 when B is absent. */
static u16
pm1_port(enum acpi_pm1_block blk, enum acpi_pm1_reg reg)
{
	switch (reg) {
	case ACPI_PM1_STS:
		return hw.pm1_evt[blk];
	case ACPI_PM1_EN:
		return hw.pm1_evt[blk] ? hw.pm1_evt[blk] + hw.pm1_half : 0;
	case ACPI_PM1_CNT:
		return hw.pm1_cnt[blk];
	}
	return 0;
}

u32
acpi_pm1_read_block(enum acpi_pm1_block blk, enum acpi_pm1_reg reg)
{
	u16 port;

	if (!hw.ready)
		return 0;
	port = pm1_port(blk, reg);
	return port ? port_read(port, 2) : 0;
}

void
acpi_pm1_write_block(enum acpi_pm1_block blk, enum acpi_pm1_reg reg, u32 value)
{
	u16 port;

	if (!hw.ready)
		return;
	port = pm1_port(blk, reg);
	if (port)
		port_write(port, 2, value);
}

u32
acpi_pm1_read(enum acpi_pm1_reg reg)
{
	return acpi_pm1_read_block(ACPI_PM1A, reg) | acpi_pm1_read_block(ACPI_PM1B, reg);
}

void
acpi_pm1_write(enum acpi_pm1_reg reg, u32 value)
{
	acpi_pm1_write_block(ACPI_PM1A, reg, value);
	acpi_pm1_write_block(ACPI_PM1B, reg, value);
}

/* ------------------------------------------------------------ GPEs */

int
acpi_gpe_block_count(void)
{
	return hw.nr_gpe;
}

const struct acpi_gpe_block *
acpi_gpe_block_at(int i)
{
	return i >= 0 && i < hw.nr_gpe ? &hw.gpe[i] : NULL;
}

/* The block holding GPE, or NULL. */
static const struct acpi_gpe_block *
gpe_block(u32 gpe)
{
	for (int i = 0; i < hw.nr_gpe; i++)
		if (gpe >= hw.gpe[i].base && gpe < hw.gpe[i].base + hw.gpe[i].count)
			return &hw.gpe[i];
	return NULL;
}

bool
acpi_gpe_exists(u32 gpe)
{
	return gpe_block(gpe) != NULL;
}

/*
 * The STS and EN ports of GPE and its bit: GPE n is bit (n - base) % 8
 * of byte (n - base) / 8 in each half.  False when no block holds GPE.
 */
static bool
gpe_locate(u32 gpe, u16 *sts, u16 *en, u8 *bit)
{
	const struct acpi_gpe_block *b = gpe_block(gpe);
	u32 i = gpe - (b ? b->base : 0);

	if (!b)
		return false;
	*sts = acpi_gpe_sts_port(b, i / 8);
	*en = acpi_gpe_en_port(b, i / 8);
	*bit = 1u << (i % 8);
	return true;
}

enum gpe_en_op { GPE_EN_SET, GPE_EN_CLEAR };

/* Set or clear the EN bit of GPE: the EN byte is written whole. */
static void
gpe_write_enable(u32 gpe, enum gpe_en_op op)
{
	u16 sts, en;
	u8 bit, v;
	bool was;

	if (!gpe_locate(gpe, &sts, &en, &bit))
		return;
	was = arch_irq_save();	/* the SCI handler rewrites EN bytes too */
	v = inb(en);
	outb(en, op == GPE_EN_SET ? v | bit : v & ~bit);
	arch_irq_restore(was);
}

void
acpi_gpe_enable(u32 gpe)
{
	gpe_write_enable(gpe, GPE_EN_SET);
}

void
acpi_gpe_disable(u32 gpe)
{
	gpe_write_enable(gpe, GPE_EN_CLEAR);
}

void
acpi_gpe_clear(u32 gpe)
{
	u16 sts, en;
	u8 bit;

	if (gpe_locate(gpe, &sts, &en, &bit))
		outb(sts, bit);		/* write 1 to clear; the zeros change nothing */
}

bool
acpi_gpe_is_enabled(u32 gpe)
{
	u16 sts, en;
	u8 bit;

	return gpe_locate(gpe, &sts, &en, &bit) && (inb(en) & bit);
}

bool
acpi_gpe_is_active(u32 gpe)
{
	u16 sts, en;
	u8 bit;

	return gpe_locate(gpe, &sts, &en, &bit) && (inb(sts) & bit);
}

/*
 * The SCI handler's half of a GPE: for each byte of each block, the GPEs
 * whose STS and EN bits are both set are firing; clear their EN bits in
 * one write (the level-triggered SCI drops once no enabled GPE is
 * active) and record them in PENDING.  STS stays set: kacpid clears it.
 */
int
acpi_gpe_mask_firing(u64 *pending)
{
	int n = 0;

	for (int i = 0; i < hw.nr_gpe; i++) {
		const struct acpi_gpe_block *b = &hw.gpe[i];

		for (u32 byte = 0; byte < b->len && byte * 8 < b->count; byte++) {
			u8 en = inb(acpi_gpe_en_port(b, byte));
			u8 firing = en ? inb(acpi_gpe_sts_port(b, byte)) & en : 0;

			if (!firing)
				continue;
			outb(acpi_gpe_en_port(b, byte), en & ~firing);
			for (u32 bit = 0; bit < 8; bit++) {
				u32 gpe = b->base + byte * 8 + bit;

				if (!(firing & (1u << bit)) || gpe >= b->base + b->count)
					continue;
				pending[gpe / 64] |= 1ULL << (gpe % 64);
				n++;
			}
		}
	}
	return n;
}

void
acpi_gpe_disable_all(void)
{
	for (int i = 0; i < hw.nr_gpe; i++)
		for (u32 byte = 0; byte < hw.gpe[i].len; byte++)
			outb(acpi_gpe_en_port(&hw.gpe[i], byte), 0);
}

void
acpi_gpe_clear_all(void)
{
	for (int i = 0; i < hw.nr_gpe; i++)
		for (u32 byte = 0; byte < hw.gpe[i].len; byte++)
			outb(acpi_gpe_sts_port(&hw.gpe[i], byte), 0xff);
}

/* Every EN byte, block after block, into BUF; returns the bytes needed. */
size_t
acpi_gpe_save_enables(u8 *buf, size_t size)
{
	size_t n = 0;

	for (int i = 0; i < hw.nr_gpe; i++)
		for (u32 byte = 0; byte < hw.gpe[i].len; byte++, n++)
			if (n < size)
				buf[n] = inb(acpi_gpe_en_port(&hw.gpe[i], byte));
	return n;
}

void
acpi_gpe_restore_enables(const u8 *buf, size_t size)
{
	size_t n = 0;

	for (int i = 0; i < hw.nr_gpe; i++)
		for (u32 byte = 0; byte < hw.gpe[i].len; byte++, n++)
			if (n < size)
				outb(acpi_gpe_en_port(&hw.gpe[i], byte), buf[n]);
}

/* ------------------------------------------------------------ reset */

/*
 * The FADT's reset register (ACPI 6.x, 4.8.3.6): one write of RESET_VALUE
 * to a Generic Address of 8 bits, in I/O, memory or PCI configuration
 * space (the last two through the interpreter's OS layer, aml_os_*).  QEMU's q35 has I/O port 0xCF9 <- 0x0F;
 * the PIIX4 FADT (revision 1) has no reset register at all.
 */
int
acpi_hw_write_reset(const struct acpi_fadt_info *fadt)
{
	const struct acpi_gas *r = &fadt->reset_reg;

	if (!fadt->present || !fadt->has_reset_reg)
		return -ENODEV;
	if (r->bit_width != 8 || r->bit_offset != 0) {
		pr_warn("acpi: reset register: width %u, offset %u (8 and 0 expected); firmware bug, not used\n",
			r->bit_width, r->bit_offset);
		return -ENODEV;
	}
	switch (r->space_id) {
	case ACPI_GAS_IO:
		if (r->address > 0xffff)
			break;
		outb(r->address, fadt->reset_value);
		return 0;
	case ACPI_GAS_MEMORY:
		/* The interpreter's OS layer maps device memory uncached. */
		if (aml_os_region_write(AML_SPACE_MEMORY, r->address, 8, fadt->reset_value))
			break;
		return 0;
	case ACPI_GAS_PCI: {
		/*
		 * 5.2.3.2: segment 0, bus 0; the address is device (bits
		 * 47-32), function (31-16), offset (15-0).
		 */
		u64 dev = (r->address >> 32) & 0xffff, fn = (r->address >> 16) & 0xffff;
		u64 off = r->address & 0xffff;

		if (r->address >> 48 || dev > 31 || fn > 7 || off > 0xfff)
			break;
		if (aml_os_region_write(AML_SPACE_PCI, (dev << 15) | (fn << 12) | off, 8,
					fadt->reset_value))
			break;
		return 0;
	}
	}
	pr_warn("acpi: reset register: space %u at 0x%llx not usable\n", r->space_id,
		(unsigned long long)r->address);
	return -ENODEV;
}
