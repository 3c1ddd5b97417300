/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/test_aml_resource.c - host tests for
 * drivers/acpi/aml/resource.c: the resource templates QEMU 7.2 puts in
 * its DSDTs (cut straight out of the captured tables, no interpreter
 * needed: Name(_CRS, Buffer) is plain bytes), then descriptors QEMU never
 * emits, then hostile templates.  Every template is copied into a
 * malloc'd buffer of exactly its length, so AddressSanitizer catches a
 * read one byte past the end.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "drivers/acpi/aml/aml.h"
#include "fake_acpi_os.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "fake_printk.h"

/* ------------------------------------------------------------ helpers */

/* What a walk saw: each descriptor as text, and the decoded structs. */
#define MAX_SEEN 32
struct seen {
	int n;
	char text[MAX_SEEN][128];
	struct aml_resource res[MAX_SEEN];
	int stop_at;		/* return 99 from this call (1-based); 0 never */
};

static int
collect(const struct aml_resource *r, void *arg)
{
	struct seen *s = arg;

	assert_true(s->n < MAX_SEEN);
	s->res[s->n] = *r;
	aml_resource_format(r, s->text[s->n], sizeof(s->text[0]));
	s->n++;
	return s->n == s->stop_at ? 99 : 0;
}

/* Walk LEN bytes of DATA from an exact-size heap copy; returns the walk's status. */
static int
walk_copy(const void *data, u32 len, struct seen *s)
{
	u8 *copy = malloc(len ? len : 1);
	int ret;

	assert_non_null(copy);
	memcpy(copy, data, len);
	ret = aml_resource_walk(copy, len, collect, s);
	free(copy);
	return ret;
}

/* ACPI 6.x, 20.2.4: PkgLength.  Returns the length and sets *HDR to its
 * size in bytes. */
static u32
pkg_length(const u8 *p, u32 *hdr)
{
	u32 n = p[0] >> 6, len;

	if (n == 0) {
		*hdr = 1;
		return p[0] & 0x3f;
	}
	len = p[0] & 0x0f;
	for (u32 i = 0; i < n; i++)
		len |= (u32)p[1 + i] << (4 + 8 * i);
	*hdr = 1 + n;
	return len;
}

/*
 * In the AML of a captured DSDT, find the Nth (0-based) Name(NAME, Buffer)
 * after the first occurrence of the name segment AFTER (NULL: from the
 * start), and return its bytes:
 *
 *   08 'N' 'A' 'M' 'E' 11 PkgLength BufferSize bytes...
 *
 * BufferSize is a ByteConst (0A nn) or WordConst (0B nn nn) in QEMU's
 * tables.  Fails the test when there is no such buffer.
 */
static const u8 *
find_buffer(const u8 *aml, size_t len, const char *after, const char *name,
	    int nth, u32 *out_len)
{
	size_t i = 36;
	u8 pat[6] = { 0x08, 0, 0, 0, 0, 0x11 };

	memcpy(pat + 1, name, 4);
	if (after) {
		while (i + 4 <= len && memcmp(aml + i, after, 4) != 0)
			i++;
		assert_true(i + 4 <= len);
	}
	for (; i + 6 <= len; i++) {
		const u8 *p = aml + i + 6;
		u32 hdr, size;

		if (memcmp(aml + i, pat, 6) != 0 || nth-- > 0)
			continue;
		pkg_length(p, &hdr);
		p += hdr;
		if (p[0] == 0x0a) {
			size = p[1];
			p += 2;
		} else {
			assert_int_equal(p[0], 0x0b);
			size = p[1] | p[2] << 8;
			p += 3;
		}
		assert_true(p + size <= aml + len);
		*out_len = size;
		return p;
	}
	fail_msg("no Name(%.4s, Buffer) found", name);
	return NULL;
}

/* DIR's captured DSDT, whole, in a malloc'd buffer. */
static u8 *
load_dsdt(const char *dir, size_t *len)
{
	char path[256];
	u8 *aml;

	snprintf(path, sizeof(path), "tests/data/acpi/%s/DSDT", dir);
	aml = fake_acpi_read_file(path, len);
	assert_true(*len > 36);
	return aml;
}

/* Walk the template Name (NAME, Buffer) found after the text AFTER in AML
 * into S (emptied first); it must decode.  Returns the template's length. */
static u32
walk_named(const u8 *aml, size_t len, const char *after, const char *name, struct seen *s)
{
	u32 blen;
	const u8 *b = find_buffer(aml, len, after, name, 0, &blen);

	memset(s, 0, sizeof(*s));
	assert_int_equal(walk_copy(b, blen, s), 0);
	return blen;
}

static int
setup(void **state)
{
	(void)state;
	fake_printk_clear();
	return 0;
}

/* ------------------------------------------------------------ QEMU's templates */

static const char *const dsdt_dirs[] = {
	"pc/seabios-memhp", "pc/ovmf-memhp", "pc/seabios-nomemhp",
	"q35/seabios-memhp", "q35/ovmf-memhp", "q35/seabios-nomemhp",
};

/*
 * Every Name(_CRS, Buffer) and Name(_PRS, Buffer) in six captured DSDTs,
 * and MCRS's two method-local templates (MR64, MR32).  Expect each to
 * walk to its End Tag with status 0, every descriptor a known kind (QEMU
 * emits nothing this file reports as Other), and no message.
 */
static void
test_every_qemu_template_decodes(void **state)
{
	static const char *const names[] = { "_CRS", "_PRS", "MR64", "MR32" };
	int total = 0;

	(void)state;
	for (size_t d = 0; d < ARRAY_SIZE(dsdt_dirs); d++) {
		size_t len;
		u8 *aml = load_dsdt(dsdt_dirs[d], &len);

		for (size_t k = 0; k < ARRAY_SIZE(names); k++) {
			u8 pat[6] = { 0x08, 0, 0, 0, 0, 0x11 };
			int count = 0;

			memcpy(pat + 1, names[k], 4);
			for (size_t i = 36; i + 6 <= len; i++)
				count += memcmp(aml + i, pat, 6) == 0;
			for (int nth = 0; nth < count; nth++) {
				struct seen s = { 0 };
				u32 blen;
				const u8 *b = find_buffer(aml, len, NULL, names[k], nth, &blen);

				assert_int_equal(walk_copy(b, blen, &s), 0);
				assert_true(s.n >= 1);
				for (int j = 0; j < s.n; j++)
					assert_int_not_equal(s.res[j].type, AML_RES_OTHER);
				total++;
			}
		}
		free(aml);
	}
	/* Enough templates that a pattern that matched nothing would show. */
	assert_true(total > 60);
	assert_int_equal(fake_printk_count, 0);
}

/*
 * q35 \_SB.PCI0._CRS (tests/data/acpi/q35/seabios-memhp): bus numbers,
 * the config ports, two I/O windows, three 32-bit and one 64-bit memory
 * windows.  Expect each line, in order.
 */
static void
test_q35_pci0_crs(void **state)
{
	static const char *const want[] = {
		"WordBusNumber 0x0-0xff (len 0x100)",
		"IO 0x0cf8-0x0cf8 (len 0x08)",
		"WordIO 0x0-0xcf7 (len 0xcf8)",
		"WordIO 0xd00-0xffff (len 0xf300)",
		"DWordMemory 0xa0000-0xbffff (len 0x20000)",
		"DWordMemory 0x20000000-0xafffffff (len 0x90000000)",
		"DWordMemory 0xc0000000-0xfebfffff (len 0x3ec00000)",
		"QWordMemory 0x300000000-0xaffffffff (len 0x800000000)",
	};
	struct seen s = { 0 };
	size_t len;
	u8 *aml = load_dsdt("q35/seabios-memhp", &len);
	const u8 *b = NULL;
	u32 blen = 0;

	(void)state;
	/* PCI0's _CRS is the only template that starts with a Word descriptor. */
	for (int nth = 0; ; nth++) {
		b = find_buffer(aml, len, NULL, "_CRS", nth, &blen);
		if (b[0] == 0x88)
			break;
	}
	assert_int_equal(walk_copy(b, blen, &s), 0);
	assert_int_equal(s.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(s.text[i], want[i]);
	/* The decoded fields behind the first and the last line. */
	assert_int_equal(s.res[0].address.resource_type, 2);
	assert_int_equal(s.res[0].address.general_flags, 0x0c);	/* MinFixed, MaxFixed */
	assert_int_equal(s.res[7].tag, 0x8a);
	assert_int_equal(s.res[7].address.min, 0x300000000ULL);
	assert_int_equal(s.res[7].address.max, 0xaffffffffULL);
	assert_int_equal(s.res[7].address.len, 0x800000000ULL);
	assert_int_equal(s.res[7].address.type_flags, 0x03);	/* Cacheable, ReadWrite */
	free(aml);
}

/*
 * pc's floppy controller (FDC0): two IO ranges, IRQNoFlags {6}, DMA {2};
 * the HPET's Memory32Fixed; the memory-hotplug block MHPD.  Expect the
 * exact lines and fields.
 */
static void
test_pc_isa_hpet_mhpd(void **state)
{
	struct seen s;
	size_t len;
	u8 *aml = load_dsdt("pc/seabios-memhp", &len);

	(void)state;
	walk_named(aml, len, "FDC0", "_CRS", &s);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.text[0], "IO 0x03f2-0x03f2 (len 0x04)");
	assert_string_equal(s.text[1], "IO 0x03f7-0x03f7 (len 0x01)");
	assert_string_equal(s.text[2], "IRQNoFlags 6");
	assert_string_equal(s.text[3], "DMA 2 (flags 0x00)");
	assert_true(s.res[0].io.decode16);
	assert_int_equal(s.res[2].irq.mask, 1 << 6);
	assert_false(s.res[2].irq.has_flags);
	assert_int_equal(s.res[3].dma.mask, 1 << 2);

	walk_named(aml, len, "HPET", "_CRS", &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "Memory32Fixed 0xfed00000-0xfed003ff (len 0x400, ro)");

	/* 8 bytes of IO, 2 of End Tag */
	assert_int_equal(walk_named(aml, len, "MHPD", "_CRS", &s), 10);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "IO 0x0a00-0x0a00 (len 0x18)");
	assert_int_equal(s.res[0].tag, 0x08);
	assert_int_equal(s.res[0].io.align, 0);
	free(aml);
}

/* PCI interrupt link LNKA's _PRS: Interrupt(ResourceConsumer, Level,
 * ActiveHigh, Shared) {5, 10, 11}.  Expect three interrupts, flags 0x09. */
static void
test_link_prs_interrupt(void **state)
{
	struct seen s;
	size_t len;
	u8 *aml = load_dsdt("pc/seabios-memhp", &len);

	(void)state;
	walk_named(aml, len, "LNKA", "_PRS", &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "Interrupt 5,10,11 (level, active-high, shared)");
	assert_int_equal(s.res[0].ext_irq.count, 3);
	assert_int_equal(s.res[0].ext_irq.flags, 0x09);
	free(aml);
}

/*
 * MCRS's MR64 as the method leaves it for a 128 MiB DIMM at 4 GiB: the
 * template cut from the q35 DSDT, then the six dwords MCRS stores at
 * byte offsets 14, 18, 22, 26, 38, 42 (spec 3.2).  Expect
 * "QWordMemory 0x100000000-0x107ffffff (len 0x8000000)".
 */
static void
test_mcrs_template_filled_in(void **state)
{
	struct seen s = { 0 };
	size_t len;
	u8 *aml = load_dsdt("q35/seabios-memhp", &len);
	const u8 *b;
	u8 t[64];
	u32 blen;

	(void)state;
	b = find_buffer(aml, len, NULL, "MR64", 0, &blen);
	assert_int_equal(blen, 48);	/* 46 of QWord, 2 of End Tag */
	memcpy(t, b, blen);
	assert_int_equal(walk_copy(t, blen, &s), 0);
	assert_string_equal(s.text[0],
			    "QWordMemory 0x0-0xfffffffffffffffe (len 0xffffffffffffffff)");
	/* MINL MINH MAXL MAXH LENL LENH */
	t[14] = 0x00; t[15] = 0x00; t[16] = 0x00; t[17] = 0x00;
	t[18] = 0x01; t[19] = 0x00; t[20] = 0x00; t[21] = 0x00;
	t[22] = 0xff; t[23] = 0xff; t[24] = 0xff; t[25] = 0x07;
	t[26] = 0x01; t[27] = 0x00; t[28] = 0x00; t[29] = 0x00;
	t[38] = 0x00; t[39] = 0x00; t[40] = 0x00; t[41] = 0x08;
	t[42] = 0x00; t[43] = 0x00; t[44] = 0x00; t[45] = 0x00;
	memset(&s, 0, sizeof(s));
	assert_int_equal(walk_copy(t, blen, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "QWordMemory 0x100000000-0x107ffffff (len 0x8000000)");
	assert_int_equal(s.res[0].address.general_flags, 0x0c);
	assert_int_equal(s.res[0].address.type_flags, 0x03);
	free(aml);
}

/* ------------------------------------------------------------ what QEMU never emits */

/*
 * IRQ with its flags byte, FixedIO, Memory24, Memory32, DWordIO with a
 * translation, an Extended IRQ with ten interrupts (eight kept), a
 * vendor-defined small descriptor, and an End Tag without checksum
 * (0x78).  Expect each decoded and formatted.
 */
static void
test_other_descriptors(void **state)
{
	static const u8 t[] = {
		0x23, 0x00, 0x02, 0x18,			/* IRQ {9} level, active-low, shared */
		0x4b, 0x60, 0x04, 0x01,			/* FixedIO 0x60 (bit 10 dropped), len 1 */
		0x81, 0x09, 0x00, 0x01, 0x00, 0x0a,	/* Memory24 rw, min 0xa0000 */
		0x00, 0x0c, 0x00, 0x00, 0x00, 0x02,	/* max 0xc0000, align 64K, len 0x20000 */
		0x85, 0x11, 0x00, 0x00,			/* Memory32 ro */
		0x00, 0x00, 0x00, 0xe0,			/* min 0xe0000000 */
		0x00, 0x00, 0x00, 0xf0,			/* max 0xf0000000 */
		0x00, 0x10, 0x00, 0x00,			/* align 0x1000 */
		0x00, 0x00, 0x00, 0x01,			/* len 0x1000000 */
		0x87, 0x17, 0x00, 0x01, 0x0c, 0x03,	/* DWordIO */
		0x00, 0x00, 0x00, 0x00,			/* granularity */
		0x00, 0x10, 0x00, 0x00,			/* min 0x1000 */
		0xff, 0x1f, 0x00, 0x00,			/* max 0x1fff */
		0x00, 0x00, 0x01, 0x00,			/* translation 0x10000 */
		0x00, 0x10, 0x00, 0x00,			/* len 0x1000 */
		0x89, 0x2a, 0x00, 0x0f, 0x0a,		/* Interrupt consumer, edge, low, shared; 10 */
		1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0,
		6, 0, 0, 0, 7, 0, 0, 0, 8, 0, 0, 0, 9, 0, 0, 0, 10, 0, 0, 0,
		0x71, 0xaa,				/* vendor-defined, 1 byte */
		0x78,					/* End Tag, no checksum byte */
		0xde, 0xad,				/* after the End: never read */
	};
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(walk_copy(t, sizeof(t), &s), 0);
	assert_int_equal(s.n, 7);
	assert_string_equal(s.text[0], "IRQ 9 (level, active-low, shared)");
	assert_true(s.res[0].irq.has_flags);
	assert_string_equal(s.text[1], "FixedIO 0x0060 (len 0x01)");
	assert_false(s.res[1].io.decode16);
	assert_string_equal(s.text[2], "Memory24 0xa0000-0xc0000 (len 0x20000, rw)");
	assert_int_equal(s.res[2].memory.align, 0x10000);
	assert_string_equal(s.text[3], "Memory32 0xe0000000-0xf0000000 (len 0x1000000, ro)");
	assert_int_equal(s.res[3].memory.align, 0x1000);
	assert_string_equal(s.text[4], "DWordIO 0x1000-0x1fff (len 0x1000, translation 0x10000)");
	assert_string_equal(s.text[5], "Interrupt 1,2,3,4,5,6,7,8 (edge, active-low, shared)");
	assert_int_equal(s.res[5].ext_irq.count, 8);
	assert_int_equal(s.res[5].ext_irq.interrupts[7], 8);
	assert_int_equal(s.res[6].type, AML_RES_OTHER);
	assert_int_equal(s.res[6].tag, 0x0e);
	assert_string_equal(s.text[6], "Other 0x0e");
	assert_int_equal(fake_printk_count, 0);
}

/* ------------------------------------------------------------ hostile templates */

/* No bytes at all, and a lone descriptor with no End Tag.  Expect
 * -AML_EPARSE both times, the descriptor still handed over, one line each. */
static void
test_missing_end_tag(void **state)
{
	static const u8 io[] = { 0x47, 0x01, 0x00, 0x0a, 0x00, 0x0a, 0x00, 0x18 };
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(walk_copy(io, 0, &s), -AML_EPARSE);
	assert_int_equal(s.n, 0);
	assert_int_equal(walk_copy(io, sizeof(io), &s), -AML_EPARSE);
	assert_int_equal(s.n, 1);
	assert_int_equal(fake_printk_count, 2);
	assert_true(fake_printk_contains("aml: resource template of 8 bytes has no End Tag"));
}

/*
 * A QWord descriptor whose length (43) runs past the 20 bytes left, after
 * a good IO descriptor; a large header cut after its first byte.  Expect
 * -AML_EPARSE, the IO descriptor delivered, the QWord never.
 */
static void
test_length_past_end(void **state)
{
	u8 t[8 + 3 + 17] = { 0x47, 0x01, 0x00, 0x0a, 0x00, 0x0a, 0x00, 0x18,
			     0x8a, 0x2b, 0x00 };
	static const u8 cut[] = { 0x8a };
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(walk_copy(t, sizeof(t), &s), -AML_EPARSE);
	assert_int_equal(s.n, 1);
	assert_true(fake_printk_contains("aml: resource 0x8a at offset 8: length 43 runs past the buffer (17 bytes left)"));
	memset(&s, 0, sizeof(s));
	assert_int_equal(walk_copy(cut, sizeof(cut), &s), -AML_EPARSE);
	assert_int_equal(s.n, 0);
	assert_true(fake_printk_contains("large header cut short (1 bytes left)"));
}

/*
 * Descriptors shorter than their kind needs: a QWord of length 10, an IO
 * of length 3, an IRQ of length 1, an Extended IRQ that counts five
 * interrupts in room for one.  Expect -AML_EPARSE each, nothing handed
 * over (the walk never reads the missing fields).
 */
static void
test_descriptor_too_short(void **state)
{
	static const u8 qword[] = { 0x8a, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x79, 0 };
	static const u8 io[] = { 0x43, 0x01, 0x00, 0x0a, 0x79, 0x00 };
	static const u8 irq[] = { 0x21, 0x00, 0x79, 0x00 };
	static const u8 ext[] = { 0x89, 0x06, 0x00, 0x09, 0x05, 1, 0, 0, 0, 0x79, 0 };
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(walk_copy(qword, sizeof(qword), &s), -AML_EPARSE);
	assert_true(fake_printk_contains("aml: resource 0x8a at offset 0: length 10 < 43 expected"));
	assert_int_equal(walk_copy(io, sizeof(io), &s), -AML_EPARSE);
	assert_int_equal(walk_copy(irq, sizeof(irq), &s), -AML_EPARSE);
	assert_int_equal(walk_copy(ext, sizeof(ext), &s), -AML_EPARSE);
	assert_true(fake_printk_contains("5 interrupts do not fit in length 6"));
	assert_int_equal(s.n, 0);
	assert_int_equal(fake_printk_count, 4);
}

/* FN returns 99 on the second of three descriptors.  Expect the walk to
 * stop there and return 99. */
static void
test_callback_stops_walk(void **state)
{
	static const u8 t[] = { 0x22, 0x02, 0x00, 0x22, 0x04, 0x00, 0x22, 0x08, 0x00, 0x79, 0x00 };
	struct seen s = { .stop_at = 2 };

	(void)state;
	assert_int_equal(walk_copy(t, sizeof(t), &s), 99);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[1], "IRQNoFlags 2");
}

/*
 * 20000 random templates: random bytes, with the first of them biased
 * towards known tags and plausible lengths.  Expect no crash and no read
 * past the end (ASan), and a walk that ends with 0 only on an End Tag.
 */
static void
test_random_templates(void **state)
{
	static const u8 tags[] = { 0x22, 0x23, 0x2a, 0x47, 0x4b, 0x79, 0x81, 0x85,
				   0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x71 };
	u32 seed = 12345;
	u8 t[96];

	(void)state;
	for (int iter = 0; iter < 20000; iter++) {
		struct seen s = { 0 };
		u32 len;

		for (size_t i = 0; i < sizeof(t); i++) {
			seed = seed * 1103515245 + 12345;
			t[i] = (u8)(seed >> 16);
			if ((seed >> 8) % 4 == 0)
				t[i] = tags[(seed >> 20) % sizeof(tags)];
		}
		if (iter % 2)
			t[1] = (u8)(t[1] % 64);		/* large lengths that may fit */
		seed = seed * 1103515245 + 12345;
		len = (seed >> 16) % sizeof(t);
		int ret = walk_copy(t, len, &s);
		assert_true(ret == 0 || ret == -AML_EPARSE);
		fake_printk_clear();
	}
}

/* ------------------------------------------------------------ formatting */

/* A line longer than the buffer.  Expect it cut, NUL-terminated, and the
 * full length returned, as snprintf() does; size 0 writes nothing. */
static void
test_format_truncates(void **state)
{
	struct aml_resource r = { .type = AML_RES_ADDRESS, .tag = 0x8a };
	char buf[12];

	(void)state;
	r.address.min = 0x100000000ULL;
	r.address.max = 0x107ffffffULL;
	r.address.len = 0x8000000ULL;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(aml_resource_format(&r, buf, sizeof(buf)), 51);
	assert_string_equal(buf, "QWordMemory");
	assert_int_equal(aml_resource_format(&r, buf, 0), 51);
	assert_int_equal(buf[0], 'Q');

	r = (struct aml_resource){ .type = AML_RES_EXT_IRQ, .tag = 0x89 };
	r.ext_irq.count = 2;
	r.ext_irq.interrupts[0] = 16;
	r.ext_irq.interrupts[1] = 17;
	assert_int_equal(aml_resource_format(&r, buf, sizeof(buf)),
			 (int)strlen("Interrupt 16,17 (level, active-high, exclusive)"));
	assert_string_equal(buf, "Interrupt 1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_every_qemu_template_decodes, setup),
		cmocka_unit_test_setup(test_q35_pci0_crs, setup),
		cmocka_unit_test_setup(test_pc_isa_hpet_mhpd, setup),
		cmocka_unit_test_setup(test_link_prs_interrupt, setup),
		cmocka_unit_test_setup(test_mcrs_template_filled_in, setup),
		cmocka_unit_test_setup(test_other_descriptors, setup),
		cmocka_unit_test_setup(test_missing_end_tag, setup),
		cmocka_unit_test_setup(test_length_past_end, setup),
		cmocka_unit_test_setup(test_descriptor_too_short, setup),
		cmocka_unit_test_setup(test_callback_stops_walk, setup),
		cmocka_unit_test_setup(test_random_templates, setup),
		cmocka_unit_test_setup(test_format_truncates, setup),
	};
	return cmocka_run_group_tests_name("aml_resource", tests, NULL, NULL);
}
