/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/arch/io.h - port I/O for host tests.  Every in/out is
 * a call into tests/unit/fake/fake_io.c, which logs it and hands it to the
 * device model the test plugged in (fake_io_set_model()), or, without
 * one, to a plain 64 KiB array of bytes that reads back what was written
 * (0xFF where nothing was: an empty bus).
 *
 *	fake_io_reset();
 *	fake_acpi_hw_qemu(&model, FAKE_ACPI_PIIX4);	// PM1, GPE0, SMI_CMD
 *	... code under test does outb(0xafe2, 0x08) ...
 *	assert_int_equal(fake_io_last_write(0xafe2), 0x08);
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the events are tested).
 * Tests: used by tests/unit/acpi/test_acpi_hw.c, test_events.c, test_sleep.c
 */
#ifndef ARCH_IO_H
#define ARCH_IO_H

#include "kernel/types.h"

u8 inb(u16 port);
u16 inw(u16 port);
u32 inl(u16 port);
void outb(u16 port, u8 v);
void outw(u16 port, u16 v);
void outl(u16 port, u32 v);
static inline void io_wait(void) { }

/* A device model: WIDTH is 1, 2 or 4 bytes. */
struct fake_io_model {
	u32 (*read)(void *ctx, u16 port, unsigned int width);
	void (*write)(void *ctx, u16 port, unsigned int width, u32 value);
	void *ctx;
};

/* One access, as logged. */
struct fake_io_access {
	u16 port;
	u8 width;		/* bytes */
	bool write;
	u32 value;		/* written, or read back */
};

#define FAKE_IO_LOG	4096	/* accesses kept; later ones are counted only */
extern struct fake_io_access fake_io_log[FAKE_IO_LOG];
extern int fake_io_log_len;	/* accesses since the reset (may exceed the log) */

/* No model, the plain array all 0xFF, the log empty. */
void fake_io_reset(void);
/* Send every access to M (NULL: back to the plain array); M must stay valid. */
void fake_io_set_model(const struct fake_io_model *m);
/* How many writes went to PORT, and the value of the last (-1 if none). */
int fake_io_writes_to(u16 port);
long fake_io_last_write(u16 port);
/* The plain array's bytes, for a test without a model. */
extern u8 fake_io_ports[0x10000];

#endif /* ARCH_IO_H */
