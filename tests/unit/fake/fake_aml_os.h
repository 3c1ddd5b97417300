/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_aml_os.h - the AML interpreter's OS layer for host
 * tests and the fuzz target: memory from malloc (so ASan sees leaks), a
 * machine of address spaces a test can plug devices into, and recorders
 * for Notify, Debug, Sleep and Stall.
 *
 * Address spaces by default: SystemIO is a plain 64 KiB of bytes,
 * SystemMemory and PCI_Config are sparse maps of bytes (zero until
 * written, at most FAKE_AML_PAGES pages of 4 KiB each); other spaces are
 * refused.  A test models a device by a handler over a range:
 *
 *	static int memhp(void *arg, enum aml_space s, u64 addr, unsigned int width,
 *			 u64 *value, bool write) { ... }
 *	fake_aml_reset();
 *	fake_aml_add_handler(AML_SPACE_IO, 0x0a00, 0x18, memhp, &state);
 *
 * Every access that reached a space is logged (fake_aml_log), handlers'
 * and defaults' alike, so a test can say "exactly one byte write of 0x08
 * to 0x0a14".
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the interpreter is tested).
 * Tests: used by tests/unit/acpi/test_aml_*.c, tests/fuzz/fuzz_aml.c
 */
#ifndef FAKE_AML_OS_H
#define FAKE_AML_OS_H

#include "drivers/acpi/aml/aml.h"

typedef int (*fake_aml_region_fn)(void *arg, enum aml_space space, u64 address,
				  unsigned int width, u64 *value, bool write);

#define FAKE_AML_HANDLERS	8
#define FAKE_AML_PAGES		64
#define FAKE_AML_LOG		256	/* accesses kept; later ones are counted only */
#define FAKE_AML_NOTIFIES	64
#define FAKE_AML_DEBUG_LINES	32

struct fake_aml_access {
	enum aml_space space;
	u64 address;
	unsigned int width;	/* bits */
	u64 value;		/* written, or read back */
	bool write;
};

struct fake_aml_notify {
	char path[64];		/* "\_SB_.MHPC.MP00" */
	u32 value;
};

extern u8 fake_aml_io[65536];			/* the default SystemIO space */
extern struct fake_aml_access fake_aml_log[FAKE_AML_LOG];
extern int fake_aml_nlog;			/* accesses so far (may exceed FAKE_AML_LOG) */
extern struct fake_aml_notify fake_aml_notifies[FAKE_AML_NOTIFIES];
extern int fake_aml_nnotify;
extern char fake_aml_debug[FAKE_AML_DEBUG_LINES][160];	/* aml_os_debug() texts */
extern int fake_aml_ndebug;
extern int fake_aml_stalls, fake_aml_sleeps;	/* calls */
extern u64 fake_aml_stalled_us, fake_aml_slept_ms;
extern u64 fake_aml_time;		/* aml_os_timer(): advances 1 per call */
extern bool fake_aml_refuse[8];		/* per space: every access fails */
extern size_t fake_aml_allocs;		/* aml_os_alloc() blocks not yet freed */

/* Forget devices, bytes, logs and counters; the interpreter is untouched. */
void fake_aml_reset(void);
/* Route SPACE accesses in [base, base + len) to FN. 0 or -ENOSPC. */
int fake_aml_add_handler(enum aml_space space, u64 base, u64 len, fake_aml_region_fn fn,
			 void *arg);
/* The default SystemMemory / PCI_Config bytes (no handler involved). */
u8 fake_aml_mem_peek(enum aml_space space, u64 address);
void fake_aml_mem_poke(enum aml_space space, u64 address, u8 value);
/* How many logged accesses match (ADDRESS, WIDTH, WRITE). */
int fake_aml_count(enum aml_space space, u64 address, unsigned int width, bool write);

#endif /* FAKE_AML_OS_H */
