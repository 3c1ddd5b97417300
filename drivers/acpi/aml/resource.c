/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/resource.c - resource templates: the byte buffers _CRS
 * returns, decoded one descriptor at a time.
 *
 * The idea: a template is a list of self-sized descriptors ended by an
 * End Tag.  The first byte says small or large and which kind; the size
 * comes next, so a reader can skip what it does not know, but must check
 * every size against what is left before it looks inside.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_resource.c, tests/unit/acpi/test_aml_memhp.c
 */
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

/*
 * ACPI 6.x, 6.4.1 and 6.4.3: the two descriptor headers.
 *
 *   small:  byte 0 = 0 | name(4 bits) | length(3 bits)    0..7 data bytes
 *           7   6   5   4   3   2   1   0
 *           0   [  item name  ]   [len  ]
 *
 *   large:  byte 0 = 1 | name(7 bits); bytes 1-2 = data length (LE)
 *
 * struct aml_resource's tag is byte 0 for a large descriptor (0x8A) and
 * the item name for a small one (0x04 IRQ, 0x08 IO, 0x0F End), so that
 * it does not change with the small length bits.
 */
#define RES_LARGE		0x80
#define RES_SMALL_NAME(b)	(((b) >> 3) & 0x0f)
#define RES_SMALL_LEN(b)	((b) & 0x07)

#define RES_S_IRQ		0x04
#define RES_S_DMA		0x05
#define RES_S_IO		0x08
#define RES_S_FIXED_IO		0x09
#define RES_S_END		0x0f

#define RES_L_MEMORY24		0x81
#define RES_L_MEMORY32		0x85
#define RES_L_MEMORY32_FIXED	0x86
#define RES_L_DWORD		0x87
#define RES_L_WORD		0x88
#define RES_L_EXT_IRQ		0x89
#define RES_L_QWORD		0x8a

static u16
get16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32
get32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64
get64(const u8 *p)
{
	return (u64)get32(p) | (u64)get32(p + 4) << 32;
}

/*
 * The fewest data bytes (after the header) each known descriptor needs.
 * A shorter one is malformed; a longer one is fine (address descriptors
 * may carry a ResourceSource string after the fixed part).
 */
static u32
res_min_len(u8 tag)
{
	switch (tag) {
	case RES_S_IRQ:			return 2;	/* 3 with the flags byte */
	case RES_S_DMA:			return 2;
	case RES_S_IO:			return 7;
	case RES_S_FIXED_IO:		return 3;
	case RES_S_END:			return 0;	/* 1 with the checksum */
	case RES_L_MEMORY24:		return 9;
	case RES_L_MEMORY32:		return 17;
	case RES_L_MEMORY32_FIXED:	return 9;
	case RES_L_WORD:		return 13;
	case RES_L_DWORD:		return 23;
	case RES_L_QWORD:		return 43;
	case RES_L_EXT_IRQ:		return 2;	/* then 4 bytes per interrupt */
	default:			return 0;
	}
}

/*
 * Address space descriptors (6.4.3.5.1-3) share one layout; only the
 * width of the five numbers differs (2, 4 or 8 bytes):
 *   d[0] resource type, d[1] general flags, d[2] type-specific flags,
 *   then granularity, min, max, translation offset, length.
 */
static void
res_decode_address(const u8 *d, unsigned int width, struct aml_resource *r)
{
	u64 v[5];

	for (int i = 0; i < 5; i++) {
		const u8 *p = d + 3 + i * width;

		v[i] = width == 2 ? get16(p) : width == 4 ? get32(p) : get64(p);
	}
	r->type = AML_RES_ADDRESS;
	r->address.resource_type = d[0];
	r->address.general_flags = d[1];
	r->address.type_flags = d[2];
	r->address.granularity = v[0];
	r->address.min = v[1];
	r->address.max = v[2];
	r->address.translation = v[3];
	r->address.len = v[4];
}

/* The last address of LEN bytes at BASE; BASE itself when LEN is 0. */
static u64
res_last(u64 base, u64 len)
{
	return len ? base + len - 1 : base;
}

/*
 * Decode the descriptor with tag TAG and data D[0..LEN) (LEN already
 * checked against res_min_len()) into R.  Returns 0, or -AML_EPARSE when
 * the data contradicts its own length (an Extended IRQ counting more
 * interrupts than it holds).
 */
static int
res_decode(u8 tag, const u8 *d, u32 len, struct aml_resource *r)
{
	memset(r, 0, sizeof(*r));
	r->tag = tag;
	switch (tag) {
	case RES_S_IRQ:
		r->type = AML_RES_IRQ;
		r->irq.mask = get16(d);
		r->irq.has_flags = len >= 3;
		/* Without the flags byte: edge, active-high, exclusive (6.4.2.1). */
		r->irq.flags = len >= 3 ? d[2] : 0x01;
		return 0;
	case RES_S_DMA:
		r->type = AML_RES_DMA;
		r->dma.mask = d[0];
		r->dma.flags = d[1];
		return 0;
	case RES_S_IO:
		r->type = AML_RES_IO;
		r->io.decode16 = d[0] & 1;
		r->io.min = get16(d + 1);
		r->io.max = get16(d + 3);
		r->io.align = d[5];
		r->io.len = d[6];
		return 0;
	case RES_S_FIXED_IO:
		/* A fixed 10-bit decode: min == max == base. */
		r->type = AML_RES_IO;
		r->io.min = r->io.max = get16(d) & 0x3ff;
		r->io.len = d[2];
		return 0;
	case RES_L_MEMORY24:
		/* Addresses and length are bits 23:8; an alignment of 0 means 64 KiB. */
		r->type = AML_RES_MEMORY;
		r->memory.writable = d[0] & 1;
		r->memory.min = (u64)get16(d + 1) << 8;
		r->memory.max = (u64)get16(d + 3) << 8;
		r->memory.align = get16(d + 5) ? get16(d + 5) : 0x10000;
		r->memory.len = (u64)get16(d + 7) << 8;
		return 0;
	case RES_L_MEMORY32:
		r->type = AML_RES_MEMORY;
		r->memory.writable = d[0] & 1;
		r->memory.min = get32(d + 1);
		r->memory.max = get32(d + 5);
		r->memory.align = get32(d + 9);
		r->memory.len = get32(d + 13);
		return 0;
	case RES_L_MEMORY32_FIXED:
		r->type = AML_RES_MEMORY;
		r->memory.writable = d[0] & 1;
		r->memory.min = get32(d + 1);
		r->memory.len = get32(d + 5);
		r->memory.max = res_last(r->memory.min, r->memory.len);
		return 0;
	case RES_L_WORD:
		res_decode_address(d, 2, r);
		return 0;
	case RES_L_DWORD:
		res_decode_address(d, 4, r);
		return 0;
	case RES_L_QWORD:
		res_decode_address(d, 8, r);
		return 0;
	case RES_L_EXT_IRQ:
		r->type = AML_RES_EXT_IRQ;
		r->ext_irq.flags = d[0];
		if (2 + 4 * (u32)d[1] > len)
			return -AML_EPARSE;
		/* Keep the first eight; hotmem never needs more. */
		r->ext_irq.count = d[1] < 8 ? d[1] : 8;
		for (u32 i = 0; i < r->ext_irq.count; i++)
			r->ext_irq.interrupts[i] = get32(d + 2 + 4 * i);
		return 0;
	default:
		r->type = AML_RES_OTHER;
		return 0;
	}
}

/*
 * The walk, step by step:
 *   1. At offset OFF, read the header: one byte (small) or three (large);
 *      the header itself must fit in LEN.
 *   2. The data length it gives must fit in what is left, and be at
 *      least what the kind of descriptor needs.
 *   3. An End Tag ends the walk with 0; anything else is decoded into a
 *      local struct and handed to FN; a nonzero return stops the walk.
 *   4. Reaching LEN without an End Tag is malformed.
 * Every error prints one line saying where and why.
 */
int
aml_resource_walk(const u8 *buf, u32 len,
		  int (*fn)(const struct aml_resource *r, void *arg), void *arg)
{
	struct aml_resource r;
	u32 off = 0;

	if (!buf && len)
		return -EINVAL;
	while (off < len) {
		u8 b = buf[off], tag;
		u32 hdr, dlen;
		int ret;

		if (b & RES_LARGE) {
			if (len - off < 3) {
				pr_warn("aml: resource at offset %u: large header cut short (%u bytes left)\n",
					off, len - off);
				return -AML_EPARSE;
			}
			tag = b;
			hdr = 3;
			dlen = get16(buf + off + 1);
		} else {
			tag = RES_SMALL_NAME(b);
			hdr = 1;
			dlen = RES_SMALL_LEN(b);
		}
		if (dlen > len - off - hdr) {
			pr_warn("aml: resource 0x%02x at offset %u: length %u runs past the buffer (%u bytes left)\n",
				tag, off, dlen, len - off - hdr);
			return -AML_EPARSE;
		}
		if (dlen < res_min_len(tag)) {
			pr_warn("aml: resource 0x%02x at offset %u: length %u < %u expected\n",
				tag, off, dlen, res_min_len(tag));
			return -AML_EPARSE;
		}
		if (!(b & RES_LARGE) && tag == RES_S_END)
			return 0;
		if (res_decode(tag, buf + off + hdr, dlen, &r) < 0) {
			pr_warn("aml: resource 0x%02x at offset %u: %u interrupts do not fit in length %u\n",
				tag, off, buf[off + hdr + 1], dlen);
			return -AML_EPARSE;
		}
		ret = fn(&r, arg);
		if (ret)
			return ret;
		off += hdr + dlen;
	}
	pr_warn("aml: resource template of %u bytes has no End Tag\n", len);
	return -AML_EPARSE;
}

/* ------------------------------------------------------------ as text */

/*
 * IRQ and Interrupt flags, as "(level, active-low, shared)".  The two
 * descriptors put the same facts in different bits:
 *   IRQ (6.4.2.1):        bit 0 edge, bit 3 active-low, bit 4 shared
 *   Interrupt (6.4.3.6):  bit 1 edge, bit 2 active-low, bit 3 shared
 */
static int
res_format_irq_flags(char *buf, size_t size, bool edge, bool low, bool shared)
{
	return snprintf(buf, size, " (%s, %s, %s)", edge ? "edge" : "level",
			low ? "active-low" : "active-high",
			shared ? "shared" : "exclusive");
}

/* The IRQ numbers set in MASK, "5,7,10", or "none". */
static int
res_format_mask(char *buf, size_t size, u32 mask)
{
	int n = 0;

	if (!mask)
		return snprintf(buf, size, " none");
	for (int i = 0; i < 32; i++) {
		if (!(mask & (1u << i)))
			continue;
		n += snprintf(buf + MIN((size_t)n, size), size - MIN((size_t)n, size),
			      "%s%d", n ? "," : " ", i);
	}
	return n;
}

static const char *
res_address_name(const struct aml_resource *r)
{
	static const char *const names[3][3] = {
		{ "WordMemory", "WordIO", "WordBusNumber" },
		{ "DWordMemory", "DWordIO", "DWordBusNumber" },
		{ "QWordMemory", "QWordIO", "QWordBusNumber" },
	};
	int w = r->tag == RES_L_WORD ? 0 : r->tag == RES_L_DWORD ? 1 : 2;

	if (r->address.resource_type > 2)
		return w == 0 ? "WordSpace" : w == 1 ? "DWordSpace" : "QWordSpace";
	return names[w][r->address.resource_type];
}

/*
 * One line per descriptor; the numbers are the descriptor's own fields:
 *   IO 0x0a00-0x0a00 (len 0x18)            min and max base, length
 *   FixedIO 0x0060 (len 0x01)
 *   IRQ 9 (level, active-low, shared)      IRQNoFlags 1
 *   DMA 2 (flags 0x04)
 *   Memory32Fixed 0xfed00000-0xfed003ff (len 0x400, ro)
 *   QWordMemory 0x100000000-0x107ffffff (len 0x8000000)
 *   Interrupt 9 (level, active-high, shared)
 *   Other 0x8b
 * Returns the length wanted, as snprintf() does.
 */
int
aml_resource_format(const struct aml_resource *r, char *buf, size_t size)
{
	char tail[160];
	const char *tag;
	int n;

	switch (r->type) {
	case AML_RES_IRQ:
		res_format_mask(tail, sizeof(tail), r->irq.mask);
		if (!r->irq.has_flags)
			return snprintf(buf, size, "IRQNoFlags%s", tail);
		n = snprintf(buf, size, "IRQ%s", tail);
		return n + res_format_irq_flags(buf + MIN((size_t)n, size), size - MIN((size_t)n, size),
						r->irq.flags & 0x01, r->irq.flags & 0x08,
						r->irq.flags & 0x10);
	case AML_RES_DMA:
		res_format_mask(tail, sizeof(tail), r->dma.mask);
		return snprintf(buf, size, "DMA%s (flags 0x%02x)", tail, r->dma.flags);
	case AML_RES_IO:
		if (r->tag == RES_S_FIXED_IO)
			return snprintf(buf, size, "FixedIO 0x%04x (len 0x%02x)",
					r->io.min, r->io.len);
		return snprintf(buf, size, "IO 0x%04x-0x%04x (len 0x%02x)",
				r->io.min, r->io.max, r->io.len);
	case AML_RES_MEMORY:
		tag = r->tag == RES_L_MEMORY24 ? "Memory24" :
		      r->tag == RES_L_MEMORY32 ? "Memory32" : "Memory32Fixed";
		return snprintf(buf, size, "%s 0x%llx-0x%llx (len 0x%llx, %s)", tag,
				(unsigned long long)r->memory.min,
				(unsigned long long)r->memory.max,
				(unsigned long long)r->memory.len,
				r->memory.writable ? "rw" : "ro");
	case AML_RES_ADDRESS:
		if (r->address.translation)
			snprintf(tail, sizeof(tail), ", translation 0x%llx",
				 (unsigned long long)r->address.translation);
		else
			tail[0] = '\0';
		if (r->address.resource_type > 2)
			return snprintf(buf, size, "%s(0x%02x) 0x%llx-0x%llx (len 0x%llx%s)",
					res_address_name(r), r->address.resource_type,
					(unsigned long long)r->address.min,
					(unsigned long long)r->address.max,
					(unsigned long long)r->address.len, tail);
		return snprintf(buf, size, "%s 0x%llx-0x%llx (len 0x%llx%s)",
				res_address_name(r),
				(unsigned long long)r->address.min,
				(unsigned long long)r->address.max,
				(unsigned long long)r->address.len, tail);
	case AML_RES_EXT_IRQ:
		n = snprintf(buf, size, "Interrupt");
		for (u32 i = 0; i < r->ext_irq.count && i < 8; i++)
			n += snprintf(buf + MIN((size_t)n, size), size - MIN((size_t)n, size),
				      "%s%u", i ? "," : " ", r->ext_irq.interrupts[i]);
		return n + res_format_irq_flags(buf + MIN((size_t)n, size), size - MIN((size_t)n, size),
						r->ext_irq.flags & 0x02, r->ext_irq.flags & 0x04,
						r->ext_irq.flags & 0x08);
	case AML_RES_OTHER:
	default:
		return snprintf(buf, size, "Other 0x%02x", r->tag);
	}
}
