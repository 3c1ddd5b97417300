/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_io.c - the port I/O of tests/unit/fake/arch/io.h:
 * a log of every access and a pluggable device model.
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the events are tested).
 * Tests: used by tests/unit/acpi/test_acpi_hw.c, test_events.c, test_sleep.c
 */
#include <string.h>

#include "arch/io.h"

struct fake_io_access fake_io_log[FAKE_IO_LOG];
int fake_io_log_len;
u8 fake_io_ports[0x10000];
static const struct fake_io_model *model;

void
fake_io_reset(void)
{
	model = NULL;
	fake_io_log_len = 0;
	memset(fake_io_ports, 0xff, sizeof(fake_io_ports));
}

void
fake_io_set_model(const struct fake_io_model *m)
{
	model = m;
}

static void
log_access(u16 port, unsigned int width, bool write, u32 value)
{
	if (fake_io_log_len < FAKE_IO_LOG)
		fake_io_log[fake_io_log_len] = (struct fake_io_access){
			.port = port, .width = width, .write = write, .value = value,
		};
	fake_io_log_len++;
}

static u32
do_read(u16 port, unsigned int width)
{
	u32 v = 0;

	if (model) {
		v = model->read(model->ctx, port, width);
	} else {
		for (unsigned int i = 0; i < width; i++)
			v |= (u32)fake_io_ports[(u16)(port + i)] << (8 * i);
	}
	if (width < 4)
		v &= (1u << (8 * width)) - 1;
	log_access(port, width, false, v);
	return v;
}

static void
do_write(u16 port, unsigned int width, u32 v)
{
	log_access(port, width, true, v);
	if (model) {
		model->write(model->ctx, port, width, v);
		return;
	}
	for (unsigned int i = 0; i < width; i++)
		fake_io_ports[(u16)(port + i)] = v >> (8 * i);
}

u8 inb(u16 port) { return do_read(port, 1); }
u16 inw(u16 port) { return do_read(port, 2); }
u32 inl(u16 port) { return do_read(port, 4); }
void outb(u16 port, u8 v) { do_write(port, 1, v); }
void outw(u16 port, u16 v) { do_write(port, 2, v); }
void outl(u16 port, u32 v) { do_write(port, 4, v); }

int
fake_io_writes_to(u16 port)
{
	int n = 0;

	for (int i = 0; i < fake_io_log_len && i < FAKE_IO_LOG; i++)
		if (fake_io_log[i].write && fake_io_log[i].port == port)
			n++;
	return n;
}

long
fake_io_last_write(u16 port)
{
	long v = -1;

	for (int i = 0; i < fake_io_log_len && i < FAKE_IO_LOG; i++)
		if (fake_io_log[i].write && fake_io_log[i].port == port)
			v = fake_io_log[i].value;
	return v;
}
