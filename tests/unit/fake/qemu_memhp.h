/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/qemu_memhp.h - a host model of QEMU 7.2's ACPI
 * memory-hotplug register block: 24 I/O ports at 0x0A00 that the AML in
 * QEMU's DSDT (\_SB.MHPC) reads and writes.  Written from
 * shared/spec/qemu-memory-hotplug.md section 2, rule by rule:
 *
 *   0x00  r: base address bits 31:0     w: slot selector (no range check)
 *   0x04  r: base address bits 63:32    w: _OST source event
 *   0x08  r: size bits 31:0             w: _OST status (QEMU sends a QMP event)
 *   0x0C  r: size bits 63:32            w: ignored
 *   0x10  r: proximity domain           w: ignored
 *   0x14  r: flags: 0 enabled, 1 inserting, 2 removing
 *         w: control: bit 1 clears inserting, else bit 2 clears removing,
 *            else bit 3 ejects (only the first set bit acts)
 *   any other start offset reads all ones; a selector past the last slot
 *   reads 0 everywhere and ignores writes but to 0x00.
 *
 * Tests drive the host side (cold plug, device_add, device_del) and look
 * at what the guest did (the write log, _OST values, ejects).
 *
 *	struct qemu_memhp m;
 *	qemu_memhp_init(&m, 4);
 *	qemu_memhp_hot_plug(&m, 2, 0x100000000, 128 << 20, 0);   // GPE raised
 *	... evaluate \_GPE._E03 with the model behind port 0x0A00 ...
 *	assert(!m.slots[2].inserting);
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: used by tests/unit/acpi/test_aml_memhp.c
 */
#ifndef QEMU_MEMHP_H
#define QEMU_MEMHP_H

#include "drivers/acpi/aml/aml.h"
#include "kernel/types.h"

#define QEMU_MEMHP_BASE		0x0A00	/* I/O port of offset 0 */
#define QEMU_MEMHP_LEN		24	/* ports 0x0A00-0x0A17 */
#define QEMU_MEMHP_MAX_SLOTS	256
#define QEMU_MEMHP_LOG		256	/* guest writes remembered */

/* Flag bits as read at offset 0x14; control bits as written there. */
#define QEMU_MEMHP_ENABLED	0x01
#define QEMU_MEMHP_INSERTING	0x02
#define QEMU_MEMHP_REMOVING	0x04
#define QEMU_MEMHP_EJECT	0x08

struct qemu_memhp_slot {
	bool dimm;		/* a DIMM is in the slot (the enabled flag) */
	bool inserting;		/* insert event pending (hot plug only) */
	bool removing;		/* remove event pending (device_del) */
	u64 addr, size;		/* the DIMM's range; 0 when empty */
	u32 node;		/* its proximity domain; 0 when empty */
	u32 ost_event;		/* last _OST source event written (0x04) */
	u32 ost_status;		/* last _OST status written (0x08) */
	u32 ost_count;		/* status writes: QMP ACPI_DEVICE_OST events */
	u32 ejects;		/* DIMMs ejected from this slot (DEVICE_DELETED) */
};

/* One guest write, as the port handler saw it. */
struct qemu_memhp_write {
	u32 offset;		/* 0..23 */
	u32 width;		/* bits: 8, 16 or 32 */
	u32 value;
};

struct qemu_memhp {
	u32 nr_slots;		/* slots the machine has (-m slots=N) */
	u32 selector;		/* last value written at offset 0, as written */
	struct qemu_memhp_slot slots[QEMU_MEMHP_MAX_SLOTS];
	u32 gpe_raised;		/* host actions that set GPE0 bit 3 */
	u32 nr_writes;		/* guest writes, even past the log */
	struct qemu_memhp_write log[QEMU_MEMHP_LOG];
	u32 nr_reads;		/* guest reads */
	u32 odd_reads;		/* reads at a start offset that is no register
				 * (they read all ones): AML never does that */
	u32 bad_width;		/* accesses of a width QEMU refuses (64 bits) */
};

void qemu_memhp_init(struct qemu_memhp *m, u32 nr_slots);

/* Host side.  Return 0, or -EINVAL for a slot out of range, -EBUSY for a
 * plug into a full slot, -ENOENT for device_del of an empty one. */
int qemu_memhp_cold_plug(struct qemu_memhp *m, u32 slot, u64 addr, u64 size, u32 node);
int qemu_memhp_hot_plug(struct qemu_memhp *m, u32 slot, u64 addr, u64 size, u32 node);
int qemu_memhp_unplug_request(struct qemu_memhp *m, u32 slot);

/* Guest side: one access of WIDTH bits at OFFSET (0..23).  Returns 0, or
 * -EINVAL for a width other than 8, 16 or 32 (QEMU's port I/O has none). */
int qemu_memhp_read(struct qemu_memhp *m, u32 offset, unsigned int width, u64 *value);
int qemu_memhp_write(struct qemu_memhp *m, u32 offset, unsigned int width, u64 value);

/* The flags byte of SLOT as a read at 0x14 would give it. */
u8 qemu_memhp_flags(const struct qemu_memhp *m, u32 slot);

/*
 * The block as an AML region handler (fake_aml_add_handler(AML_SPACE_IO,
 * QEMU_MEMHP_BASE, QEMU_MEMHP_LEN, qemu_memhp_port, m)): ADDRESS is the
 * port; an access running off the block's end is refused.
 */
int qemu_memhp_port(void *m, enum aml_space space, u64 address, unsigned int width,
		    u64 *value, bool write);

#endif /* QEMU_MEMHP_H */
