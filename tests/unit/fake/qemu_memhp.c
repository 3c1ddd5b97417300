/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/qemu_memhp.c - QEMU 7.2's memory-hotplug register block
 * as a host model (see qemu_memhp.h for the register map).
 *
 * The idea: the AML in QEMU's DSDT is only as right as what it does to
 * these ports, so the model keeps QEMU's quirks that AML can trip on:
 * exact start offsets, the selector with no range check, and the control
 * byte acting on its first set bit only (a read-modify-write that turns
 * "eject" 0x08 into 0x0A clears *inserting* and ejects nothing).
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_memhp.c, test_aml_qemu.c; tests/bench/bench_aml.c
 */
#include "qemu_memhp.h"

#include "kernel/kernel.h"
#include "kernel/lib.h"

void
qemu_memhp_init(struct qemu_memhp *m, u32 nr_slots)
{
	memset(m, 0, sizeof(*m));
	assert(nr_slots <= QEMU_MEMHP_MAX_SLOTS);
	m->nr_slots = nr_slots;
}

static int
plug(struct qemu_memhp *m, u32 slot, u64 addr, u64 size, u32 node, bool hot)
{
	struct qemu_memhp_slot *s;

	if (slot >= m->nr_slots)
		return -EINVAL;
	s = &m->slots[slot];
	if (s->dimm)
		return -EBUSY;
	s->dimm = true;
	s->addr = addr;
	s->size = size;
	s->node = node;
	if (hot) {
		/* device_add after start: insert event, GPE 3 (spec 2.3). */
		s->inserting = true;
		m->gpe_raised++;
	}
	return 0;
}

int
qemu_memhp_cold_plug(struct qemu_memhp *m, u32 slot, u64 addr, u64 size, u32 node)
{
	return plug(m, slot, addr, size, node, false);
}

int
qemu_memhp_hot_plug(struct qemu_memhp *m, u32 slot, u64 addr, u64 size, u32 node)
{
	return plug(m, slot, addr, size, node, true);
}

/* device_del: a remove request for the guest, GPE 3. */
int
qemu_memhp_unplug_request(struct qemu_memhp *m, u32 slot)
{
	if (slot >= m->nr_slots)
		return -EINVAL;
	if (!m->slots[slot].dimm)
		return -ENOENT;
	m->slots[slot].removing = true;
	m->gpe_raised++;
	return 0;
}

u8
qemu_memhp_flags(const struct qemu_memhp *m, u32 slot)
{
	const struct qemu_memhp_slot *s = &m->slots[slot];

	return (s->dimm ? QEMU_MEMHP_ENABLED : 0) |
	       (s->inserting ? QEMU_MEMHP_INSERTING : 0) |
	       (s->removing ? QEMU_MEMHP_REMOVING : 0);
}

static bool
width_ok(unsigned int width)
{
	return width == 8 || width == 16 || width == 32;
}

/*
 * A read, as acpi_memory_hotplug_read() answers it (spec 2.1, 2.2):
 *   1. selector past the last slot: 0, whatever the offset;
 *   2. the start offset must be one of the six registers, else all ones;
 *   3. the register's value, cut to the access width.
 */
int
qemu_memhp_read(struct qemu_memhp *m, u32 offset, unsigned int width, u64 *value)
{
	const struct qemu_memhp_slot *s;
	u64 v;

	if (!width_ok(width)) {
		m->bad_width++;
		return -EINVAL;
	}
	m->nr_reads++;
	if (m->selector >= m->nr_slots) {
		*value = 0;
		return 0;
	}
	s = &m->slots[m->selector];
	switch (offset) {
	case 0x00: v = (u32)s->addr; break;
	case 0x04: v = (u32)(s->addr >> 32); break;
	case 0x08: v = (u32)s->size; break;
	case 0x0c: v = (u32)(s->size >> 32); break;
	case 0x10: v = s->node; break;
	case 0x14: v = qemu_memhp_flags(m, m->selector); break;
	default:   v = ~0ULL; m->odd_reads++; break;
	}
	*value = v & ((1ULL << width) - 1);
	return 0;
}

/*
 * The control byte (spec 2.2): only the first set bit of 1, 2, 3 acts.
 * Eject of an empty slot does nothing; eject of a DIMM empties the slot
 * at once and leaves inserting/removing as they were.
 */
static void
control(struct qemu_memhp_slot *s, u64 value)
{
	if (value & QEMU_MEMHP_INSERTING) {
		s->inserting = false;
	} else if (value & QEMU_MEMHP_REMOVING) {
		s->removing = false;
	} else if (value & QEMU_MEMHP_EJECT) {
		if (!s->dimm)
			return;
		s->dimm = false;
		s->addr = s->size = 0;
		s->node = 0;
		s->ejects++;
	}
}

int
qemu_memhp_write(struct qemu_memhp *m, u32 offset, unsigned int width, u64 value)
{
	struct qemu_memhp_slot *s;

	if (!width_ok(width)) {
		m->bad_width++;
		return -EINVAL;
	}
	value &= (1ULL << width) - 1;
	if (m->nr_writes < QEMU_MEMHP_LOG)
		m->log[m->nr_writes] = (struct qemu_memhp_write){ offset, width, (u32)value };
	m->nr_writes++;
	if (offset == 0x00) {
		m->selector = (u32)value;
		return 0;
	}
	if (m->selector >= m->nr_slots)
		return 0;
	s = &m->slots[m->selector];
	switch (offset) {
	case 0x04:
		s->ost_event = (u32)value;
		break;
	case 0x08:
		s->ost_status = (u32)value;
		s->ost_count++;
		break;
	case 0x14:
		control(s, value);
		break;
	default:
		break;	/* 0x0C, 0x10 and odd offsets: ignored */
	}
	return 0;
}

int
qemu_memhp_port(void *m, enum aml_space space, u64 address, unsigned int width,
		u64 *value, bool write)
{
	(void)space;
	if (address < QEMU_MEMHP_BASE || address + width / 8 > QEMU_MEMHP_BASE + QEMU_MEMHP_LEN)
		return -EINVAL;
	if (write)
		return qemu_memhp_write(m, (u32)(address - QEMU_MEMHP_BASE), width, *value);
	return qemu_memhp_read(m, (u32)(address - QEMU_MEMHP_BASE), width, value);
}
