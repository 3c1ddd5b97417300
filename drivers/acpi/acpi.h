/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/acpi.h - what drivers/acpi/ offers the rest of hotmem, file
 * by file: the firmware's tables (found from the RSDP, checksummed,
 * bounded), the FADT, MADT, SRAT and SLIT decoded into plain structures.
 *
 * Firmware is never trusted: every length is checked against what was
 * mapped before a byte is read, a table with a bad checksum is reported
 * and skipped, a malformed subtable ends that table's walk with a
 * one-line warning, and boot continues.
 *
 * drivers/acpi/ sees the machine only through acpi_os_map() (kernel:
 * drivers/acpi/osl.c; host tests: a fake), so the parsers build on the
 * host.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 */
#ifndef DRIVERS_ACPI_ACPI_H
#define DRIVERS_ACPI_ACPI_H

#include "kernel/types.h"

struct aml_node;

/* ------------------------------------------------------------ the OS layer */

/*
 * Make [pa, pa + size) readable and return its address, or NULL.  The
 * kernel maps it (read-only use, write-back cached) and keeps it mapped;
 * the host tests return a buffer that holds the table images.
 */
const void *acpi_os_map(paddr_t pa, size_t size);
/*
 * Called once by acpi_tables_init() when the table list is complete (also
 * when it is empty).  Kernel: publishes /sys/firmware/acpi/tables/
 * (cmd_acpi.c: acpi_sysfs_init()); host tests: nothing.
 */
void acpi_os_tables_ready(void);

/* ------------------------------------------------------------ tables.c */

/* ACPI 6.x, 5.2.5.3: the Root System Description Pointer. */
struct acpi_rsdp {
	char signature[8];	/* "RSD PTR " */
	u8 checksum;		/* the first 20 bytes sum to 0 */
	char oem_id[6];
	u8 revision;		/* 0: ACPI 1.0 (RSDT only); 2: 2.0+ (XSDT) */
	u32 rsdt_address;
	/* revision >= 2 from here */
	u32 length;		/* of the whole RSDP */
	u64 xsdt_address;
	u8 extended_checksum;	/* all LENGTH bytes sum to 0 */
	u8 reserved[3];
} __packed;
_Static_assert(sizeof(struct acpi_rsdp) == 36, "RSDP is 36 bytes");

/* ACPI 6.x, 5.2.6: the header every description table starts with. */
struct acpi_table_header {
	char signature[4];	/* "APIC", "SRAT", ... */
	u32 length;		/* bytes, header included */
	u8 revision;
	u8 checksum;		/* all LENGTH bytes sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	char creator_id[4];
	u32 creator_revision;
} __packed;
_Static_assert(sizeof(struct acpi_table_header) == 36, "table header is 36 bytes");

#define ACPI_MAX_TABLES	32
#define ACPI_TABLE_MAX_SIZE	(16u << 20)	/* a longer "length" is a firmware bug */
#define ACPI_FACS_MIN_SIZE	64		/* the FACS has no checksum; 5.2.10 */

/* One table the kernel found, as `acpi` lists it. */
struct acpi_table {
	char signature[5];	/* NUL-terminated copy; bytes outside '!'..'~'
				 * and '/' shown as '?'; "????" if unmappable */
	paddr_t paddr;		/* where the firmware put it */
	u32 length;		/* from its header; 0 if unmappable */
	u8 revision;		/* the FACS: its version byte */
	char oem_id[7];		/* NUL-terminated copy; "" for the FACS */
	/* Usable: header sane, all LENGTH bytes mapped, checksum 0 (the FACS:
	 * signature and length sane).  Tables that fail are listed (and
	 * warned about), never returned by acpi_get_table(). */
	bool checksum_ok;
	/* Mapped for LENGTH bytes (also when the checksum is bad, so it can be
	 * dumped); NULL if the header or the whole table could not be mapped
	 * or the length was absurd. */
	const struct acpi_table_header *hdr;
};

/* The RSDP the tables were found from (`acpi` shows it). */
struct acpi_rsdp_info {
	bool found;		/* false: no usable RSDP, no tables */
	const char *source;	/* "boot loader (ACPI 2.0+)", "boot loader
				 * (ACPI 1.0)", "EBDA" or "BIOS area" */
	paddr_t paddr;		/* 0: not known (a boot loader copy that the
				 * legacy areas do not hold, as under UEFI) */
	u8 revision;		/* 0: ACPI 1.0; 2: 2.0+ */
	char oem_id[7];
	paddr_t rsdt, xsdt;	/* from the RSDP; 0: none */
	bool use_xsdt;		/* the root table walked is the XSDT */
};
extern struct acpi_rsdp_info acpi_rsdp;

/*
 * Find and map the tables: the RSDP from the multiboot2 copies (2.0+
 * first, then 1.0), else the legacy scan of the EBDA and 0xe0000-0xfffff;
 * the XSDT when there is one, else the RSDT; the DSDT and FACS from the
 * FADT.  Then decode the FADT and MADT into acpi_fadt and acpi_madt
 * (their .present says whether there was one), and call
 * acpi_os_tables_ready().  Returns 0, or -ENODEV when there is no usable
 * RSDP (warned).  Calling it again starts from scratch (host tests).
 */
int acpi_tables_init(const void *rsdp_v2, const void *rsdp_v1);
/* The INSTANCE-th (from 0) table with signature SIG and a good checksum. */
const struct acpi_table_header *acpi_get_table(const char *sig, int instance);
int acpi_table_count(void);
const struct acpi_table *acpi_table_at(int i);	/* 0 <= i < count */
/* Sum of LEN bytes: 0 for a good ACPI checksum. */
u8 acpi_checksum(const void *p, size_t len);

/* ------------------------------------------------------------ fadt.c */

/* ACPI Generic Address Structure (5.2.3.2). */
struct acpi_gas {
	u8 space_id;		/* 0 memory, 1 I/O port, 2 PCI config */
	u8 bit_width;
	u8 bit_offset;
	u8 access_size;
	u64 address;		/* 0: not present */
} __packed;

/* What the kernel uses from the FADT, decoded (5.2.9). */
struct acpi_fadt_info {
	bool present;
	u8 revision;
	u16 sci_int;		/* ISA IRQ of the SCI */
	u32 smi_cmd;		/* port; 0: no ACPI mode switch needed */
	u8 acpi_enable, acpi_disable;	/* values for smi_cmd */
	u32 pm1a_evt_blk, pm1b_evt_blk;	/* ports; b 0 = none */
	u32 pm1a_cnt_blk, pm1b_cnt_blk;
	u32 pm_tmr_blk;
	u32 gpe0_blk, gpe1_blk;		/* ports; 0 = none */
	u8 pm1_evt_len, pm1_cnt_len, gpe0_blk_len, gpe1_blk_len;
	u8 gpe1_base;			/* first GPE number of GPE1 */
	u32 flags;
	bool has_reset_reg;
	struct acpi_gas reset_reg;
	u8 reset_value;
	paddr_t dsdt;			/* X_DSDT if set, else DSDT */
	paddr_t facs;			/* X_FIRMWARE_CTRL if set, else FIRMWARE_CTRL */
};
extern struct acpi_fadt_info acpi_fadt;	/* filled by acpi_tables_init() */
/* Decode TABLE (a FADT of any revision, short ones included) into OUT. */
int acpi_parse_fadt(const struct acpi_table_header *table, struct acpi_fadt_info *out);

/* ------------------------------------------------------------ madt.c */

#define ACPI_MAX_CPUS		256
#define ACPI_MAX_IOAPICS	8
#define ACPI_MAX_OVERRIDES	16

/* MPS INTI flags (5.2.12.5): polarity bits 0-1, trigger mode bits 2-3. */
#define ACPI_POLARITY(flags)	((flags) & 3)		/* 0 bus default, 1 high, 3 low */
#define ACPI_TRIGGER(flags)	(((flags) >> 2) & 3)	/* 0 bus default, 1 edge, 3 level */

struct acpi_madt_info {
	bool present;
	u32 lapic_address;			/* or the 64-bit override */
	u64 lapic_address_override;		/* 0: none */
	bool pcat_compat;			/* dual 8259s present */
	int nr_cpus;
	struct { u32 apic_id; u32 uid; bool enabled; bool x2apic; } cpus[ACPI_MAX_CPUS];
	int nr_ioapics;
	struct { u8 id; u32 address; u32 gsi_base; } ioapics[ACPI_MAX_IOAPICS];
	int nr_overrides;
	struct { u8 bus; u8 source_irq; u32 gsi; u16 flags; } overrides[ACPI_MAX_OVERRIDES];
};
extern struct acpi_madt_info acpi_madt;	/* filled by acpi_tables_init() */
/*
 * Decode TABLE (an "APIC" table) into OUT.  Returns 0 (also after
 * warnings about single entries) or -EINVAL when the table itself is
 * unusable.  A zero-length entry or one running past the table's end
 * ends the walk; one too short for its type is skipped; unknown types
 * are noted and skipped; entries beyond the ACPI_MAX_* arrays are
 * counted out with one warning per kind.
 */
int acpi_parse_madt(const struct acpi_table_header *table, struct acpi_madt_info *out);
/*
 * The GSI of ISA IRQ IRQ, overrides applied (identity otherwise).  *FLAGS
 * (if FLAGS is not NULL) gets the MPS INTI flags with "bus default"
 * resolved to ISA's edge, active high, so ACPI_POLARITY() and
 * ACPI_TRIGGER() are 1 or 3.  MADT may be NULL or not present.
 */
u32 acpi_isa_irq_to_gsi(const struct acpi_madt_info *madt, u8 irq, u16 *flags);
/* The same for the SCI, whose default is level-triggered, active low. */
u32 acpi_sci_to_gsi(const struct acpi_madt_info *madt, u8 irq, u16 *flags);

/* ------------------------------------------------------------ cmd_acpi.c (kernel only) */

/* Register /sys/firmware/acpi/tables/SIG for every mapped table. */
void acpi_sysfs_init(void);

/* ------------------------------------------------------------ srat.c */

#define ACPI_MAX_MEM_AFFINITY	64
#define ACPI_SRAT_MEM_ENABLED		(1u << 0)
#define ACPI_SRAT_MEM_HOT_PLUGGABLE	(1u << 1)
#define ACPI_SRAT_MEM_NON_VOLATILE	(1u << 2)
/* Ranges ending above this are refused as absurd (52 bits: the most any
 * x86_64 page table can address). */
#define ACPI_SRAT_MAX_ADDR		(1ULL << 52)

struct acpi_srat_info {
	bool present;
	int nr_cpus;
	struct { u32 pxm; u32 apic_id; bool x2apic; } cpus[ACPI_MAX_CPUS];	/* enabled only */
	int nr_mem;
	struct {
		u32 pxm;	/* proximity domain */
		u64 base;	/* [base, base + length) */
		u64 length;
		u32 flags;	/* ACPI_SRAT_MEM_*; only ENABLED entries are kept */
	} mem[ACPI_MAX_MEM_AFFINITY];
};
extern struct acpi_srat_info acpi_srat;
/*
 * Decode TABLE into OUT.  Kept: Enabled CPUs (types 0 and 2) and Enabled,
 * non-empty memory ranges below ACPI_SRAT_MAX_ADDR (type 1); other types
 * are skipped.  A short entry is skipped, a length that breaks the walk
 * ends it, overlapping ranges are reported (a range inside a hotpluggable
 * one is normal: a device in QEMU's window); each with one warning.
 * 0, or -EINVAL when TABLE is no SRAT or shorter than its header.
 */
int acpi_parse_srat(const struct acpi_table_header *table, struct acpi_srat_info *out);

/* ------------------------------------------------------------ slit.c */

#define ACPI_MAX_LOCALITIES	64

struct acpi_slit_info {
	bool present;
	int nr;			/* localities: the matrix is nr x nr */
	u8 dist[ACPI_MAX_LOCALITIES][ACPI_MAX_LOCALITIES];
};
extern struct acpi_slit_info acpi_slit;
/*
 * Decode TABLE into OUT: 0, or -EINVAL (one warning; OUT->present false)
 * when it has more than ACPI_MAX_LOCALITIES localities, is too short for
 * the n x n matrix, or has a diagonal entry other than 10 or an entry
 * 0-9 (reserved).  0xFF (unreachable) is kept as it is.
 */
int acpi_parse_slit(const struct acpi_table_header *table, struct acpi_slit_info *out);

/* ------------------------------------------------------------ numa.c */

/*
 * Parse the SRAT and SLIT (acpi_get_table()), hand CPUs, memory ranges
 * and distances to mm/numa.c with PXMs turned into node ids (0, 1, ... in
 * order of first use: CPU entries, then memory entries), print them, and call numa_register().
 * After acpi_tables_init() and mm_init_early(), before mm_init_late().
 * Returns the number of nodes online.
 */
int acpi_numa_init(void);
/* The mm/ half of acpi_numa_init(), for decoded tables (SLIT may be NULL). */
void acpi_numa_setup(const struct acpi_srat_info *srat, const struct acpi_slit_info *slit);
/* The node of proximity domain PXM (0 with numa=off); -1 (NUMA_NO_NODE)
 * when the SRAT never named it. */
int acpi_pxm_to_node(u32 pxm);


/* ------------------------------------------------------------ namespace.c (kernel) */

/*
 * Load the DSDT and every SSDT into the AML namespace (drivers/acpi/aml/),
 * check every method body, and print one line:
 *   ACPI: namespace: 2 tables, 303 objects, 98 methods (32-bit integers)
 * After acpi_tables_init() and mm_init_late() (it allocates).  A table
 * that fails to load is warned about; the others still load.
 */
int acpi_namespace_init(void);

/* ------------------------------------------------------------ hw.c */

/*
 * The fixed hardware (ACPI 6.x, 4.8): PM1 event and control registers and
 * the GPE blocks, at the I/O ports of the FADT.  A PM1 register of the a
 * and b blocks reads as the OR of both and is written to both (4.8.1.1);
 * the _block variants reach one of them (sleep.c: SLP_TYPa and SLP_TYPb).
 */
#define ACPI_PM1_TMR		(1u << 0)	/* PM1_STS and PM1_EN bits */
#define ACPI_PM1_BM		(1u << 4)	/* STS only */
#define ACPI_PM1_GBL		(1u << 5)
#define ACPI_PM1_PWRBTN		(1u << 8)
#define ACPI_PM1_SLPBTN		(1u << 9)
#define ACPI_PM1_RTC		(1u << 10)
#define ACPI_PM1_WAK		(1u << 15)	/* STS only: woken */
#define ACPI_PM1_SCI_EN		(1u << 0)	/* PM1_CNT bits */
#define ACPI_PM1_SLP_TYP_SHIFT	10
#define ACPI_PM1_SLP_TYP	(7u << 10)
#define ACPI_PM1_SLP_EN		(1u << 13)

#define ACPI_GAS_MEMORY		0		/* struct acpi_gas space_id */
#define ACPI_GAS_IO		1
#define ACPI_GAS_PCI		2

#define ACPI_MAX_GPES		256	/* _Lxx/_Exx names have two hex digits */

enum acpi_pm1_reg { ACPI_PM1_STS, ACPI_PM1_EN, ACPI_PM1_CNT };
enum acpi_pm1_block { ACPI_PM1A, ACPI_PM1B };

/* One GPE block: LEN status bytes at PORT, then LEN enable bytes. */
struct acpi_gpe_block {
	const char *name;	/* "GPE0", "GPE1" */
	u16 port;		/* first STS byte; the EN half starts at port + len */
	u8 len;			/* bytes in each half: the FADT's length / 2 */
	u16 base;		/* GPE number of STS byte 0, bit 0 (GPE0: 0) */
	u16 count;		/* GPEs numbered: len * 8, cut at ACPI_MAX_GPES */
};

/* The ports of byte BYTE (0 .. len - 1) of B's status half and enable half. */
static inline u16
acpi_gpe_sts_port(const struct acpi_gpe_block *b, u32 byte)
{
	return b->port + byte;
}

static inline u16
acpi_gpe_en_port(const struct acpi_gpe_block *b, u32 byte)
{
	return b->port + b->len + byte;
}

/* Take the register blocks from FADT: 0, -ENODEV (no FADT) or -EINVAL
 * (no usable PM1a block; warned).  An unusable or overlapping GPE block
 * is warned about and left out. */
int acpi_hw_init(const struct acpi_fadt_info *fadt);
u32 acpi_pm1_read(enum acpi_pm1_reg reg);		/* a | b */
void acpi_pm1_write(enum acpi_pm1_reg reg, u32 value);	/* to a and b */
u32 acpi_pm1_read_block(enum acpi_pm1_block blk, enum acpi_pm1_reg reg);	/* 0: absent */
void acpi_pm1_write_block(enum acpi_pm1_block blk, enum acpi_pm1_reg reg, u32 value);
int acpi_gpe_block_count(void);
const struct acpi_gpe_block *acpi_gpe_block_at(int i);	/* NULL past the end */
bool acpi_gpe_exists(u32 gpe);
void acpi_gpe_enable(u32 gpe);		/* read-modify-write of its EN byte */
void acpi_gpe_disable(u32 gpe);
void acpi_gpe_clear(u32 gpe);		/* write 1 to its STS bit */
bool acpi_gpe_is_enabled(u32 gpe);	/* EN bit */
bool acpi_gpe_is_active(u32 gpe);	/* STS bit */
/*
 * Interrupt context: every GPE with STS and EN set gets its EN bit
 * cleared and its bit set in PENDING (ACPI_MAX_GPES bits).  Returns how
 * many.  The STS bits stay set.
 */
int acpi_gpe_mask_firing(u64 *pending);
void acpi_gpe_disable_all(void);	/* every EN byte 0 */
void acpi_gpe_clear_all(void);		/* every STS bit cleared */
/* Every EN byte into BUF (at most SIZE); returns how many there are. */
size_t acpi_gpe_save_enables(u8 *buf, size_t size);
void acpi_gpe_restore_enables(const u8 *buf, size_t size);
/* Write FADT's reset value to its reset register: 0, or -ENODEV when
 * there is none (flag RESET_REG_SUP) or it is unusable (warned). */
int acpi_hw_write_reset(const struct acpi_fadt_info *fadt);

/* ------------------------------------------------------------ events.c */

/*
 * ACPI events.  At boot acpi_events_init():
 *   1. enters ACPI mode when PM1_CNT.SCI_EN is clear (SMI_CMD <- ACPI_ENABLE,
 *      then polls SCI_EN for up to a second);
 *   2. disables and clears every GPE and the PM1 fixed events, then enables
 *      the power button fixed event and notes every GPE that has a
 *      \_GPE._Lxx or _Exx method (its EN bit is set after its first run);
 *   3. routes the SCI to its GSI with the MADT override's polarity and
 *      trigger (acpi_sci_to_gsi());
 *   4. starts the ACPI worker task "kacpid";
 *   5. queues one run of every enabled GPE's method (spec 9.6: events
 *      latched before boot).
 * The SCI handler (interrupt context) reads GPE status & enable, masks
 * each firing GPE (clears its EN bit), notes the PM1 fixed events, and
 * wakes kacpid.  kacpid, per GPE: clears STS, runs \_GPE._Lxx/_Exx,
 * dispatches the queued Notify calls (bus.c), then unmasks the GPE.
 * Returns 0 or -ENODEV (no FADT / no SCI: events stay off, warned).
 */
int acpi_events_init(void);

/* `trace acpi on`: print each SCI, GPE and Notify dispatch as it happens
 *   acpi: SCI: GPE0_STS 0x08 EN 0x08
 *   acpi: GPE 3: \_GPE._E03
 *   acpi: Notify(\_SB_.MHPC.MP00, 0x1 device check) -> memory device
 * (aml_trace, set at the same time, prints the method calls). */
extern bool acpi_trace;

/*
 * Run FN(ARG) in the ACPI worker task and wait for it to return (AML
 * runs only there, one evaluation at a time).  Notify calls made while it
 * runs are dispatched after FN returns.  Returns FN's return value.
 * Before the worker exists (early boot), and when kacpid itself calls
 * (a driver's notify(), the power button), FN runs in the caller.
 * (worker.c)
 */
int acpi_worker_call(int (*fn)(void *arg), void *arg);

struct acpi_event_stats {
	u64 sci;		/* SCI interrupts taken */
	u64 gpe[256];		/* method runs per GPE number */
	u64 notify;		/* Notify calls dispatched */
	u64 pwrbtn;		/* power button presses */
};
extern struct acpi_event_stats acpi_event_stats;

/* Between events.c and worker.c (kacpid): */
bool acpi_events_pending(void);	/* the SCI left work; call with irqs off */
void acpi_events_run(void);	/* in kacpid: run the GPE methods, the power button */
bool acpi_events_enabled(void);	/* acpi_events_init() succeeded */
bool acpi_gpe_has_method(u32 gpe);	/* a \_GPE._Lxx/_Exx: enabled by us */
/* worker.c (kernel only; host tests provide their own) */
int acpi_worker_start(void);	/* create kacpid: 0 or -ENOMEM */
void acpi_worker_kick(void);	/* wake kacpid; any context */
/* Called at the end of a successful acpi_events_init().  Kernel:
 * /sys/firmware/acpi/interrupts/ (cmd_aml.c); host tests: theirs. */
void acpi_os_events_ready(void);

/* ------------------------------------------------------------ sleep.c */

/*
 * Power off through \_S5 (SLP_TYPa/b) and PM1_CNT (SLP_EN); returns only
 * when that failed (the reason was printed).  Prints "acpi: power off".
 */
int acpi_poweroff(void);
/* \_Sx's value V (NAME for messages) into the SLP_TYPa/b values:
 * 0, or -EINVAL (warned) when V is no Package of 3-bit Integers. */
struct aml_value;
int acpi_sleep_decode(const char *name, const struct aml_value *v, u8 *typ_a, u8 *typ_b);
/* Reset through the FADT reset register when the FADT has one (flag
 * RESET_REG_SUP); returns -ENODEV when not, or when the write did not
 * reset the machine within 100 ms. */
int acpi_reboot(void);

/* ------------------------------------------------------------ bus.c */

/*
 * The ACPI bus: at boot acpi_bus_scan() walks the namespace and records
 * every Device (and Processor) with its _HID, _CID, _UID and _STA; a
 * driver registered with ACPI_DRIVER() is bound to each device whose
 * _HID or one of its _CIDs is in its id list and whose _STA says present.
 */
#define ACPI_BUS_MAX_DEVICES	512	/* more are warned about, not recorded */
#define ACPI_BUS_MAX_DEPTH	32	/* namespace levels the scan descends */
#define ACPI_DEVICE_MAX_CIDS	4
#define ACPI_NOTIFY_QUEUE_LEN	64	/* Notify calls one evaluation may queue */

/* Notify values (ACPI 6.x, 5.6.6) the bus acts on. */
#define ACPI_NOTIFY_BUS_CHECK		0x00
#define ACPI_NOTIFY_DEVICE_CHECK	0x01
#define ACPI_NOTIFY_EJECT_REQUEST	0x03

struct acpi_device;
struct acpi_driver {
	const char *name;		/* "memory device" */
	const char *const *ids;		/* NULL-terminated: "PNP0C80", ... */
	/* Called in kacpid when the scan finds the device present, or when
	 * a bus or device check Notify finds it present later; returns 0
	 * to bind (NULL: always binds). */
	int (*add)(struct acpi_device *dev);
	/* Bind at the scan whether the device is present or not (a slot
	 * driver: PNP0C80); add() reads dev->sta, and every later Notify,
	 * a device check for a newly filled slot included, goes to notify(). */
	bool bind_absent;
	/* Every Notify(dev, value) for a bound device, device checks
	 * included (a slot plugged again), in kacpid, after the method that
	 * sent it has returned.  The device stays bound whatever its _STA
	 * becomes. */
	void (*notify)(struct acpi_device *dev, u32 value);
};
#define ACPI_DRIVER(var)						\
	static const struct acpi_driver *const __acpi_drv_##var		\
	__used __section("hotmem_acpi_drivers") __attribute__((aligned(8))) = &var

struct acpi_device {
	struct aml_node *node;		/* its namespace node */
	char path[64];			/* "\_SB_.MHPC.MP00" */
	char hid[16];			/* "PNP0C80", "" when none */
	char cids[ACPI_DEVICE_MAX_CIDS][16];	/* _CID ids; "" when unused */
	char uid[32];			/* "0x00", "1"; "" when none */
	u32 sta;			/* _STA, 0x0F when there is none */
	const struct acpi_driver *driver;	/* bound driver or NULL */
	void *driver_data;		/* the driver's */
	struct acpi_device *parent;	/* nearest device above; NULL at \_SB */
};

/* In kacpid: record every device, bind drivers, print a summary line;
 * returns how many devices were found. */
int acpi_bus_scan(void);
struct acpi_device *acpi_bus_find(const struct aml_node *node);
int acpi_bus_count(void);
struct acpi_device *acpi_bus_device(int i);	/* 0 <= i < count, tree order */
/*
 * Deliver every Notify queued by aml_os_notify() (kacpid calls it after
 * each evaluation): to the device's driver; an unbound device that a bus
 * or device check finds present now is bound instead (the driver's
 * add() is its answer); otherwise one line "acpi: Notify(PATH, 0x1
 * device check): no driver".  Returns how many Notify calls there were,
 * those dropped because the queue was full included (events.c reruns a
 * GPE method until this is 0).
 */
int acpi_bus_dispatch_notifies(void);
extern u64 acpi_notify_dropped;		/* Notify calls lost to a full queue */
/* DEV's _HID or one of its _CIDs is ID. */
bool acpi_device_has_id(const struct acpi_device *dev, const char *id);
/* DEV's _STA and that of every device above it say present (bit 0). */
bool acpi_device_is_present(const struct acpi_device *dev);
/* EisaId() integer (0x800CD041) as text ("PNP0C80"). */
void acpi_eisa_id_to_str(u32 id, char out[8]);
/* "device check", "eject request", ... for VALUE. */
const char *acpi_notify_name(u32 value);

/* ------------------------------------------------------------ memory_device.c */

/*
 * The ACPI memory device driver (PNP0C80, QEMU's \_SB.MHPC.MPxx DIMM
 * slots): Notify 1 adds the slot's _CRS ranges (add_memory(), node from
 * _PXM) and answers _OST(1, 0 or 1); Notify 3 offlines and removes them,
 * evaluates _EJ0 and answers _OST(3, 0), or on failure _OST(3, 0x82 busy
 * or 0x01) and changes nothing.  The ranges an eject takes are the
 * records the slot added (owner), checked against _CRS.  Other Notify
 * codes are answered _OST(code, 0x02).  Slots present at the bus scan
 * are added the same way, without _OST.  Everything here runs in kacpid: from
 * another task, go through acpi_worker_call().
 */
#define ACPI_MEMORY_MAX_DIMMS	256	/* QEMU allows 256 slots */
#define ACPI_MEMORY_MAX_RANGES	4	/* memory descriptors kept per _CRS */
#define ACPI_OST_OS_EJECT	0x103	/* _OST source: OSPM-initiated eject */

struct hotplug_range;
/* One slot as the driver last read it. */
struct acpi_memory_dimm {
	struct acpi_device *adev;	/* its bus device (path, node) */
	int slot;			/* _UID ("0x02" -> 2), else MPxx's xx */
	u32 sta;			/* _STA when last read */
	int nid;			/* node of its _PXM; 0 when unknown */
	int error;			/* the last add's error; 0 */
	int crs_error;			/* _CRS failed when last read (then
					 * nr_ranges is 0); 0 */
	int nr_ranges;			/* memory ranges of _CRS (present only) */
	struct {
		u64 start, size;	/* bytes: [start, start + size) */
		struct hotplug_range *rec;	/* its ENABLED record with this
						 * slot as owner, or NULL */
	} ranges[ACPI_MEMORY_MAX_RANGES];
};
/* The slots, in bus order (empty ones too). */
int acpi_memory_count(void);
const struct acpi_memory_dimm *acpi_memory_at(int i);	/* NULL past the end */
/* kacpid: read _STA, _CRS, _PXM of every slot again (for `dimms`). */
int acpi_memory_refresh(void);
/*
 * kacpid: the guest-initiated eject of SLOT (`eject`): _OST(0x103, 0x84),
 * offline and remove every range, _EJ0(1), _OST(0x103, 0); on failure
 * _OST(0x103, 0x82 or 0x01), logged, nothing changed.  0, -EINVAL (no
 * such slot), -ENODEV (the slot is empty; both not logged), -EIO (_CRS
 * failed, or it disagrees with what the slot added), or the error.
 */
int acpi_memory_eject(int slot);
/* D's STATE for `dimms`: "online", "offline", "partly online" (by its
 * blocks), "not added", "failed" (the last add failed), "empty". */
const char *acpi_memory_state(const struct acpi_memory_dimm *d);
void acpi_memory_reset(void);	/* host tests: forget every slot */

/* ------------------------------------------------------------ cmd_aml.c (kernel only) */

/* `acpi devices`: the bus as a tree, one line per device, and a summary. */
void acpi_cmd_devices(void);

#endif /* DRIVERS_ACPI_ACPI_H */
