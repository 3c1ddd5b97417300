/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/events.c - ACPI events: entering ACPI mode, the SCI
 * interrupt, general-purpose events (GPEs) and their \_GPE methods, and
 * the power button.
 *
 * The idea: the SCI is one level-triggered line for many sources, and
 * what a source means is AML, which may not run in an interrupt handler.
 * So the work is split in two:
 *
 *	SCI handler (interrupt)          kacpid (the ACPI worker task)
 *	  GPE n has STS and EN set          clear STS of GPE n (edge: first)
 *	  clear EN of GPE n (mask)   -->    run \_GPE._Enn or _Lnn
 *	  note it pending, wake kacpid      dispatch the Notify calls it made
 *	  (EOI: the line is quiet now)      level: clear STS now; set EN again
 *
 * QEMU's memory hotplug is GPE 3: _E03 calls \_SB.MHPC.MSCN, which sends
 * Notify(MPxx, 1) for a DIMM inserted and Notify(MPxx, 3) for one to
 * remove, one per slot and run, insertions first.  A slot with both
 * flags would keep its removal without any GPE left to report it
 * (shared/spec/qemu-memory-hotplug.md 9.7); so a method whose run sent a
 * Notify is run again until a run sends none.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_events.c
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

#define ACPI_MODE_TIMEOUT_MS	1000	/* SCI_EN must follow SMI_CMD within this */
#define GPE_MAX_RUNS		16	/* runs of one GPE's method per event */
#define PM1_FIXED_EVENTS	(ACPI_PM1_TMR | ACPI_PM1_GBL | ACPI_PM1_PWRBTN | \
				 ACPI_PM1_SLPBTN | ACPI_PM1_RTC)

bool acpi_trace;
struct acpi_event_stats acpi_event_stats;

/* The method of each GPE; filled by acpi_events_init(), read-only after. */
static struct {
	char method[12];	/* "\_GPE._E03"; "" when none: the GPE stays off */
	bool level;		/* _Lxx: level-triggered; _Exx: edge */
} gpes[ACPI_MAX_GPES];

/* What the SCI handler found for kacpid.  Protected by disabling interrupts. */
static struct {
	u64 gpe[ACPI_MAX_GPES / 64];	/* masked GPEs waiting for their method */
	u32 fixed;			/* PM1 fixed events (ACPI_PM1_PWRBTN) */
} pending;

static bool events_on;			/* acpi_events_init() succeeded */

/* ------------------------------------------------------------ the SCI handler */

/* The trace line: the first eight STS and EN bytes of each block. */
static void
trace_sci(u32 fixed)
{
	char line[160];
	int len = snprintf(line, sizeof(line), "acpi: SCI:");

	for (int i = 0; i < acpi_gpe_block_count(); i++) {
		const struct acpi_gpe_block *b = acpi_gpe_block_at(i);
		u64 sts = 0, en = 0;

		for (u32 byte = 0; byte < MIN(b->len, 8u); byte++) {
			sts |= (u64)inb(acpi_gpe_sts_port(b, byte)) << (8 * byte);
			en |= (u64)inb(acpi_gpe_en_port(b, byte)) << (8 * byte);
		}
		len += snprintf(line + len, sizeof(line) - len, " %s_STS 0x%02llx EN 0x%02llx",
				b->name, (unsigned long long)sts, (unsigned long long)en);
	}
	if (fixed)
		snprintf(line + len, sizeof(line) - len, " PM1 0x%04x", fixed);
	pr_info("%s\n", line);
}

/*
 * Interrupt context.  Silence every source before returning, since the
 * EOI follows and the line is level-triggered: firing GPEs get their EN
 * bit cleared (kacpid sets it again), fixed events their STS bit
 * cleared (they need no AML).
 */
static void
sci_handler(void *arg)
{
	u32 fixed = acpi_pm1_read(ACPI_PM1_STS) & acpi_pm1_read(ACPI_PM1_EN) & PM1_FIXED_EVENTS;

	(void)arg;
	acpi_event_stats.sci++;
	if (acpi_trace)
		trace_sci(fixed);
	if (fixed) {
		acpi_pm1_write(ACPI_PM1_STS, fixed);	/* write 1 to clear */
		pending.fixed |= fixed;
	}
	acpi_gpe_mask_firing(pending.gpe);
	acpi_worker_kick();
}

/* ------------------------------------------------------------ kacpid's half */

bool
acpi_events_pending(void)
{
	if (pending.fixed)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(pending.gpe); i++)
		if (pending.gpe[i])
			return true;
	return false;
}

/*
 * One GPE event: run its method until a run sends no Notify (at most
 * GPE_MAX_RUNS times), then unmask it.  An edge GPE's STS is cleared
 * before each run, so an event during the run latches again and comes
 * back as a new SCI; a level GPE's after it, when its source is quiet.
 */
static void
run_gpe(u32 gpe)
{
	const char *method = gpes[gpe].method;

	for (int run = 1;; run++) {
		int err, notified;

		if (!gpes[gpe].level)
			acpi_gpe_clear(gpe);
		if (acpi_trace)
			pr_info("acpi: GPE %u: %s%s\n", gpe, method,
				run > 1 ? " (again: the last run sent Notify)" : "");
		acpi_event_stats.gpe[gpe]++;
		err = aml_eval(NULL, method, NULL, 0, NULL);
		if (err)
			pr_warn("acpi: GPE %u: %s failed (%s)\n", gpe, method, aml_strerror(err));
		if (gpes[gpe].level)
			acpi_gpe_clear(gpe);
		notified = acpi_bus_dispatch_notifies();
		if (!notified || err)
			break;
		if (run == GPE_MAX_RUNS) {
			pr_warn("acpi: GPE %u: %s still sends Notify after %d runs; stopping\n",
				gpe, method, GPE_MAX_RUNS);
			break;
		}
	}
	acpi_gpe_enable(gpe);
}

static void
power_button(void)
{
	acpi_event_stats.pwrbtn++;
	pr_info("acpi: power button pressed, powering off\n");
	acpi_poweroff();	/* returns only when that failed; it said why */
}

void
acpi_events_run(void)
{
	u64 gpe[ACPI_MAX_GPES / 64];
	u32 fixed;
	bool was = arch_irq_save();

	memcpy(gpe, pending.gpe, sizeof(gpe));
	memset(pending.gpe, 0, sizeof(pending.gpe));
	fixed = pending.fixed;
	pending.fixed = 0;
	arch_irq_restore(was);

	for (u32 n = 0; n < ACPI_MAX_GPES; n++) {
		if (!(gpe[n / 64] & (1ULL << (n % 64))))
			continue;
		if (gpes[n].method[0])
			run_gpe(n);
		else	/* enabled by someone else: leave it masked */
			pr_warn("acpi: GPE %u fired and has no \\_GPE method; left disabled\n", n);
	}
	if (fixed & ACPI_PM1_PWRBTN)
		power_button();
}

/* ------------------------------------------------------------ init */

/*
 * Step 1: ACPI mode.  The firmware owns the events (through SMM) until
 * the OS writes ACPI_ENABLE to SMI_CMD and SCI_EN comes up.  Under OVMF,
 * or without SMM, SCI_EN is already 1 and there is nothing to do.
 */
static int
enter_acpi_mode(void)
{
	u64 start;

	if (acpi_pm1_read(ACPI_PM1_CNT) & ACPI_PM1_SCI_EN) {
		pr_info("ACPI: already in ACPI mode (SCI_EN set by the firmware)\n");
		return 0;
	}
	if (!acpi_fadt.smi_cmd || acpi_fadt.smi_cmd > 0xffff || !acpi_fadt.acpi_enable) {
		pr_warn("ACPI: SCI_EN is clear and the FADT has no SMI_CMD (0x%x) to set it; firmware bug, going on\n",
			acpi_fadt.smi_cmd);
		return -ENODEV;
	}
	start = ktime_ns();
	outb(acpi_fadt.smi_cmd, acpi_fadt.acpi_enable);
	while (!(acpi_pm1_read(ACPI_PM1_CNT) & ACPI_PM1_SCI_EN)) {
		if (ktime_ns() - start > ACPI_MODE_TIMEOUT_MS * 1000000ULL) {
			pr_warn("ACPI: SCI_EN still clear %d ms after SMI_CMD 0x%x <- 0x%02x; going on\n",
				ACPI_MODE_TIMEOUT_MS, acpi_fadt.smi_cmd, acpi_fadt.acpi_enable);
			return -ETIMEDOUT;
		}
		udelay(1000);
	}
	pr_info("ACPI: entered ACPI mode (SMI_CMD 0x%x <- 0x%02x) in %llu us\n", acpi_fadt.smi_cmd,
		acpi_fadt.acpi_enable, (unsigned long long)((ktime_ns() - start) / 1000));
	return 0;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Step 2: the children of \_GPE named _Lxx or _Exx (xx: the GPE number
 * in upper-case hex) that are methods.  A GPE in no block, or with both
 * an _L and an _E method, is warned about; it keeps the first one found.
 */
static int
find_gpe_methods(void)
{
	struct aml_node *scope = aml_lookup(NULL, "\\_GPE");
	int found = 0;

	memset(gpes, 0, sizeof(gpes));
	for (struct aml_node *n = scope ? aml_node_child(scope) : NULL; n; n = aml_node_next(n)) {
		const char *name = aml_node_name(n);
		int hi = hex_digit(name[2]), lo = hex_digit(name[3]);
		u32 gpe = hi * 16 + lo;

		if (name[0] != '_' || (name[1] != 'L' && name[1] != 'E') || hi < 0 || lo < 0 ||
		    aml_node_type(n) != AML_METHOD)
			continue;
		if (!acpi_gpe_exists(gpe)) {
			pr_warn("ACPI: \\_GPE.%s: GPE %u is in no GPE block; ignored\n", name, gpe);
			continue;
		}
		if (gpes[gpe].method[0]) {
			pr_warn("ACPI: \\_GPE.%s: GPE %u already has %s; ignored\n", name, gpe,
				gpes[gpe].method);
			continue;
		}
		snprintf(gpes[gpe].method, sizeof(gpes[gpe].method), "\\_GPE.%s", name);
		gpes[gpe].level = name[1] == 'L';
		found++;
	}
	return found;
}

/* The line "ACPI: enabled GPEs: 1 2 3". */
static void
print_enabled_gpes(void)
{
	char line[160];
	int len = snprintf(line, sizeof(line), "ACPI: enabled GPEs:");

	for (u32 n = 0; n < ACPI_MAX_GPES; n++)
		if (gpes[n].method[0] && len < (int)sizeof(line) - 8)
			len += snprintf(line + len, sizeof(line) - len, " %u", n);
	if (len == (int)strlen("ACPI: enabled GPEs:"))
		snprintf(line + len, sizeof(line) - len, " none (no \\_GPE._Lxx/_Exx methods)");
	pr_info("%s\n", line);
}

/* Step 3: the SCI, on its GSI with the MADT override's trigger and polarity. */
static int
route_sci(void)
{
	u16 flags;
	u32 gsi = acpi_sci_to_gsi(&acpi_madt, acpi_fadt.sci_int, &flags);
	bool level = ACPI_TRIGGER(flags) == 3, low = ACPI_POLARITY(flags) == 3;
	int err;

	err = arch_request_gsi(gsi, (level ? IRQ_LEVEL : IRQ_EDGE) |
				    (low ? IRQ_ACTIVE_LOW : IRQ_ACTIVE_HIGH), sci_handler, NULL);
	if (err) {
		pr_warn("ACPI: SCI (IRQ%u): GSI %u cannot be routed (%d); no ACPI events\n",
			acpi_fadt.sci_int, gsi, err);
		return err;
	}
	pr_info("ACPI: SCI (IRQ%u) routed to GSI %u, %s, active %s\n", acpi_fadt.sci_int, gsi,
		level ? "level" : "edge", low ? "low" : "high");
	return 0;
}

int
acpi_events_init(void)
{
	bool was;
	int err;

	events_on = false;
	memset(&pending, 0, sizeof(pending));
	if (!acpi_fadt.present || !acpi_fadt.sci_int) {
		pr_warn("ACPI: no FADT or no SCI; no ACPI events\n");
		return -ENODEV;
	}
	err = acpi_hw_init(&acpi_fadt);
	if (err)
		return -ENODEV;
	enter_acpi_mode();

	/* Step 2: everything off and acknowledged, then what we handle. */
	acpi_gpe_disable_all();
	acpi_gpe_clear_all();
	acpi_pm1_write(ACPI_PM1_EN, 0);
	acpi_pm1_write(ACPI_PM1_STS, PM1_FIXED_EVENTS | ACPI_PM1_WAK);
	find_gpe_methods();
	print_enabled_gpes();
	acpi_pm1_write(ACPI_PM1_EN, ACPI_PM1_PWRBTN);

	if (route_sci())
		return -ENODEV;
	/* Step 4: the worker, which takes it from here. */
	err = acpi_worker_start();
	if (err) {
		pr_warn("ACPI: kacpid: cannot start (%d); GPEs stay off\n", err);
		return err;
	}
	/*
	 * Step 5: one run of every GPE method, as if each had fired: the
	 * events latched before we cleared them (a DIMM plugged during boot,
	 * a device_del pending across a reset) are still in the devices'
	 * registers, and only the method finds them.  The run sets EN.
	 */
	was = arch_irq_save();
	for (u32 n = 0; n < ACPI_MAX_GPES; n++)
		if (gpes[n].method[0])
			pending.gpe[n / 64] |= 1ULL << (n % 64);
	arch_irq_restore(was);
	acpi_worker_kick();
	events_on = true;
	acpi_os_events_ready();
	return 0;
}

bool
acpi_gpe_has_method(u32 gpe)
{
	return gpe < ACPI_MAX_GPES && gpes[gpe].method[0];
}

bool
acpi_events_enabled(void)
{
	return events_on;
}
