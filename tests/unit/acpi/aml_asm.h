/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/aml_asm.h - a tiny AML assembler for the interpreter's
 * host tests: hex bytes, NameStrings from text, and PkgLength computed
 * when an object is closed, so a test writes its AML next to the ASL it
 * stands for without counting bytes:
 *
 *	struct aml_asm a;
 *	asm_init(&a);
 *	asm_open(&a, "14");  asm_name(&a, "MAIN");  asm_hex(&a, "00");  // Method (MAIN, 0)
 *	asm_hex(&a, "A4 0A 2A");                                        //   Return (0x2A)
 *	asm_close(&a);
 *	assert_int_equal(asm_load(&a, 2), 0);                           // as a revision-2 DSDT
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the interpreter is tested).
 * Tests: used by tests/unit/acpi/test_aml_*.c
 */
#ifndef AML_ASM_H
#define AML_ASM_H

#include "drivers/acpi/aml/aml.h"

#define AML_ASM_MAX	65536

struct aml_asm {
	u8 *buf;		/* AML_ASM_MAX bytes: the table, header first */
	size_t len;
	size_t open[32];	/* where each open object's PkgLength goes */
	int depth;
};

void asm_init(struct aml_asm *a);		/* an empty table body */
void asm_hex(struct aml_asm *a, const char *hex);	/* "70 0A 05 60" */
void asm_raw(struct aml_asm *a, const void *p, size_t n);
void asm_name(struct aml_asm *a, const char *path);	/* "\\_SB.PCI0", "^FOO", "MAIN" */
void asm_string(struct aml_asm *a, const char *s);	/* 0x0D "s" 0x00 */
void asm_open(struct aml_asm *a, const char *hex);	/* opcode bytes, then a PkgLength to come */
void asm_close(struct aml_asm *a);
/*
 * All of the above from one line of tokens:
 *   hex bytes     70 0A05 60        $NAME   a NameString ($\_SB.PCI0, $^FOO)
 *   "text"        a String object   14{ ... }  an opcode with a PkgLength
 * e.g. asm_text(&a, "14{ $MAIN 00 A4 99 \"0x0A\" 00 }").
 */
void asm_text(struct aml_asm *a, const char *text);
/* Finish the header (SIG "DSDT", REVISION, length, checksum) and return
 * the table; asm_load() also hands it to aml_load_table(). */
const struct acpi_table_header *asm_table(struct aml_asm *a, int revision);
int asm_load(struct aml_asm *a, int revision);
void asm_free(struct aml_asm *a);

/* Evaluate PATH with no arguments; the result formatted into a static
 * buffer ("0x2A", "error: AML_ETYPE ..."). */
const char *eval_text(const char *path);
/* Evaluate PATH expecting an Integer; fails the test otherwise. */
u64 eval_int(const char *path);
/* aml_reset(), then check every byte the interpreter held came back. */
void aml_reset_checked(void);

/*
 * The fixture of the interpreter tests, for cmocka's prestate form with
 * the test's table as the state:
 *   cmocka_unit_test_prestate_setup_teardown(fn, aml_test_setup, aml_test_teardown, &a)
 * Setup clears the printk record and the fake OS layer and empties the
 * table; teardown checks nothing leaked (aml_reset_checked()) and frees it.
 */
int aml_test_setup(void **state);
int aml_test_teardown(void **state);

#endif /* AML_ASM_H */
