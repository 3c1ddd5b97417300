/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/cmd_acpi.c - the firmware tables seen from the shell:
 * `acpi` lists them, `acpi dump [NAME]` prints them in acpidump's format,
 * `acpi fadt` and `acpi madt` show what hotmem decoded (`acpi devices`,
 * the ACPI bus, is cmd_aml.c's), and /sys/firmware/acpi/tables/NAME
 * shows each one's dump, as Linux names them (one DSDT is "DSDT";
 * several SSDTs are "SSDT1", "SSDT2", ...).
 *
 * The idea: a table the kernel read can be taken to the host and read
 * with ACPICA's own disassembler, so what hotmem decodes can be checked
 * against iasl's reading of the same bytes:
 *
 *	host$ ... type `acpi dump`, with the serial output saved in serial.log ...
 *	host$ tr -d '\r' < serial.log | sed -n '/^[A-Z0-9]\{4\} @ 0x/,/^$/p' > acpi.txt
 *	host$ acpixtract -a acpi.txt        # apic.dat, dsdt.dat, ... one per table
 *	host$ iasl -d apic.dat              # apic.dsl: ACPICA's reading of the bytes
 *   or, for one table (acpi dump APIC saved as apic.txt), without acpixtract:
 *	host$ grep -E '^    [0-9A-F]{4}:' apic.txt | cut -c11-57 | xxd -r -p > apic.dat
 * (acpixtract refuses a file with escape sequences in it; hence the sed.)
 *
 * Kernel only (shell and pseudo-files); tables.c holds the list.
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/qemu/test_acpi_tables.py
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"

#define SYSFS_DIR	"/sys/firmware/acpi/tables/"
#define NAME_MAX_LEN	12	/* "SSDT31" and the NUL, with room */
#define DUMP_LINE_MAX	96	/* one line of the hex dump */

/* The /sys files, one per table with a mapped body; [0, nr_files). */
static struct pseudo_file files[ACPI_MAX_TABLES];
static char file_paths[ACPI_MAX_TABLES][sizeof(SYSFS_DIR) + NAME_MAX_LEN];
static int nr_files;

/*
 * Linux's name for table I: its signature, with the instance number
 * (from 1) appended when more than one mapped table has that signature.
 * NULL for a table with nothing mapped to show.
 */
static const char *
table_name(int i, char *buf, size_t size)
{
	const struct acpi_table *t = acpi_table_at(i);
	int same = 0, nth = 0;

	if (!t || !t->hdr)
		return NULL;
	for (int j = 0; j < acpi_table_count(); j++) {
		const struct acpi_table *u = acpi_table_at(j);

		if (u->hdr && !strcmp(u->signature, t->signature)) {
			same++;
			if (j <= i)
				nth++;
		}
	}
	if (same > 1)
		snprintf(buf, size, "%s%d", t->signature, nth);
	else
		snprintf(buf, size, "%s", t->signature);
	return buf;
}

/* The table with Linux's name NAME, or -1. */
static int
table_by_name(const char *name)
{
	char buf[NAME_MAX_LEN];

	for (int i = 0; i < acpi_table_count(); i++) {
		const char *n = table_name(i, buf, sizeof(buf));

		if (n && !strcmp(n, name))
			return i;
	}
	return -1;
}

/* ------------------------------------------------------------ the dump */

/*
 * acpidump's layout, which acpixtract reads:
 *
 *	APIC @ 0x000000001FFE1FC8
 *	    0000: 41 50 49 43 78 00 00 00 01 77 42 4F 43 48 53 20  APICx....wBOCHS
 *	    ...
 *	(a blank line)
 *
 * 16 bytes a line, offset in hex, then the bytes as ASCII ('.' when not
 * printable).  The table's bytes are read through its mapping, LENGTH of
 * them: tables.c mapped exactly that much.
 */
static void
dump_table(const struct acpi_table *t, void (*out)(void *ctx, const char *line), void *ctx)
{
	const u8 *p = (const u8 *)t->hdr;
	char line[DUMP_LINE_MAX];

	snprintf(line, sizeof(line), "%s @ 0x%016llX\n", t->signature,
		 (unsigned long long)t->paddr);
	out(ctx, line);
	for (u32 off = 0; off < t->length; off += 16) {
		u32 n = MIN(16u, t->length - off);
		int len = snprintf(line, sizeof(line), "    %04X:", off);

		for (u32 i = 0; i < 16; i++) {
			if (i < n)
				len += snprintf(line + len, sizeof(line) - len, " %02X", p[off + i]);
			else
				len += snprintf(line + len, sizeof(line) - len, "   ");
		}
		len += snprintf(line + len, sizeof(line) - len, "  ");
		for (u32 i = 0; i < n; i++)
			line[len++] = p[off + i] >= 0x20 && p[off + i] < 0x7f ? p[off + i] : '.';
		line[len++] = '\n';
		line[len] = '\0';
		out(ctx, line);
	}
	out(ctx, "\n");
}

static void
out_console(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s", line);
}

static void
out_seq(void *ctx, const char *line)
{
	seq_puts(ctx, line);
}

static int
table_file_show(struct seq *s)
{
	const struct acpi_table *t = s->private;

	dump_table(t, out_seq, s);
	return 0;
}

void
acpi_sysfs_init(void)
{
	char name[NAME_MAX_LEN];

	for (int i = 0; i < nr_files; i++)
		pseudofs_unregister(&files[i]);
	nr_files = 0;
	for (int i = 0; i < acpi_table_count(); i++) {
		struct pseudo_file *f = &files[nr_files];
		int err;

		if (!table_name(i, name, sizeof(name)))
			continue;
		snprintf(file_paths[nr_files], sizeof(file_paths[0]), SYSFS_DIR "%s", name);
		f->path = file_paths[nr_files];
		f->show = table_file_show;
		f->store = NULL;
		f->help = "an ACPI table, in acpidump's hex format";
		f->data = (void *)acpi_table_at(i);
		err = pseudofs_register(f);
		if (err) {
			pr_warn("acpi: %s: not registered (%s)\n", f->path, pseudofs_strerror(err));
			continue;
		}
		nr_files++;
	}
}

/* ------------------------------------------------------------ the command */

static const char *
table_state(const struct acpi_table *t)
{
	if (t->checksum_ok)
		return "ok";
	return t->hdr ? "BAD" : "unusable (see dmesg)";
}

static void
list_tables(void)
{
	if (!acpi_rsdp.found) {
		printf("no ACPI tables: no valid RSDP was found (see dmesg)\n");
		return;
	}
	if (acpi_rsdp.paddr)
		printf("RSDP 0x%016llX", (unsigned long long)acpi_rsdp.paddr);
	else
		printf("RSDP (address unknown)");
	printf(" v%02u %-6s from the %s; %s 0x%llX\n", acpi_rsdp.revision, acpi_rsdp.oem_id,
	       acpi_rsdp.source, acpi_rsdp.use_xsdt ? "XSDT" : "RSDT",
	       (unsigned long long)(acpi_rsdp.use_xsdt ? acpi_rsdp.xsdt : acpi_rsdp.rsdt));
	printf("Sig  Address              Length Rev OEM    Checksum\n");
	for (int i = 0; i < acpi_table_count(); i++) {
		const struct acpi_table *t = acpi_table_at(i);

		printf("%-4s 0x%016llX %8u v%02u %-6s %s\n", t->signature,
		       (unsigned long long)t->paddr, t->length, t->revision,
		       t->oem_id, table_state(t));
	}
}

static void
show_fadt(void)
{
	const struct acpi_fadt_info *f = &acpi_fadt;

	if (!f->present) {
		printf("no FADT\n");
		return;
	}
	printf("FADT revision %u, flags 0x%08x\n", f->revision, f->flags);
	printf("  SCI: ISA IRQ %u\n", f->sci_int);
	printf("  SMI_CMD 0x%x, ACPI_ENABLE 0x%02x, ACPI_DISABLE 0x%02x\n",
	       f->smi_cmd, f->acpi_enable, f->acpi_disable);
	printf("  PM1a_EVT 0x%x PM1b_EVT 0x%x (%u bytes)\n",
	       f->pm1a_evt_blk, f->pm1b_evt_blk, f->pm1_evt_len);
	printf("  PM1a_CNT 0x%x PM1b_CNT 0x%x (%u bytes)\n",
	       f->pm1a_cnt_blk, f->pm1b_cnt_blk, f->pm1_cnt_len);
	printf("  PM_TMR 0x%x\n", f->pm_tmr_blk);
	printf("  GPE0 0x%x (%u bytes), GPE1 0x%x (%u bytes, base %u)\n",
	       f->gpe0_blk, f->gpe0_blk_len, f->gpe1_blk, f->gpe1_blk_len, f->gpe1_base);
	if (f->has_reset_reg)
		printf("  reset: write 0x%02x to 0x%llx (space %u)\n", f->reset_value,
		       (unsigned long long)f->reset_reg.address, f->reset_reg.space_id);
	printf("  DSDT 0x%llx, FACS 0x%llx\n",
	       (unsigned long long)f->dsdt, (unsigned long long)f->facs);
}

static void
show_madt(void)
{
	const struct acpi_madt_info *m = &acpi_madt;

	if (!m->present) {
		printf("no MADT\n");
		return;
	}
	printf("MADT: local APIC at 0x%08x%s\n", m->lapic_address,
	       m->pcat_compat ? ", dual 8259s present" : "");
	if (m->lapic_address_override)
		printf("  local APIC address override: 0x%llx\n",
		       (unsigned long long)m->lapic_address_override);
	for (int i = 0; i < m->nr_cpus; i++)
		printf("  CPU %d: %sAPIC id %u, uid %u, %s\n", i, m->cpus[i].x2apic ? "x2" : "",
		       m->cpus[i].apic_id, m->cpus[i].uid,
		       m->cpus[i].enabled ? "enabled" : "not present");
	for (int i = 0; i < m->nr_ioapics; i++)
		printf("  IOAPIC id %u at 0x%08x, GSI base %u\n", m->ioapics[i].id,
		       m->ioapics[i].address, m->ioapics[i].gsi_base);
	for (int i = 0; i < m->nr_overrides; i++)
		printf("  override: bus %u IRQ %u -> GSI %u, flags 0x%04x (polarity %u, trigger %u)\n",
		       m->overrides[i].bus, m->overrides[i].source_irq, m->overrides[i].gsi,
		       m->overrides[i].flags, ACPI_POLARITY(m->overrides[i].flags),
		       ACPI_TRIGGER(m->overrides[i].flags));
}

SHELL_COMMAND(cmd_acpi, "acpi", "[SUBCOMMAND]", 0, 2,
	      "ACPI tables; dump [SIG] (acpidump's format), fadt, madt (decoded), devices (the bus)");
static int
cmd_acpi(int argc, char **argv)
{
	int i;

	if (argc == 1) {
		list_tables();
		return 0;
	}
	if (!strcmp(argv[1], "fadt") && argc == 2) {
		show_fadt();
		return 0;
	}
	if (!strcmp(argv[1], "madt") && argc == 2) {
		show_madt();
		return 0;
	}
	if (!strcmp(argv[1], "devices") && argc == 2) {
		acpi_cmd_devices();	/* cmd_aml.c */
		return 0;
	}
	if (strcmp(argv[1], "dump")) {
		printf("acpi: %s: unknown subcommand (dump, fadt, madt, devices)\n", argv[1]);
		return -EINVAL;
	}
	if (argc == 2) {	/* everything, as `acpidump` does */
		for (i = 0; i < acpi_table_count(); i++)
			if (acpi_table_at(i)->hdr)
				dump_table(acpi_table_at(i), out_console, NULL);
		return 0;
	}
	i = table_by_name(argv[2]);
	if (i < 0) {
		printf("acpi: %s: no such table (see `acpi`; names as in %s)\n", argv[2], SYSFS_DIR);
		return -ENOENT;
	}
	dump_table(acpi_table_at(i), out_console, NULL);
	return 0;
}
