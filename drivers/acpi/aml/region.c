/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/region.c - Field, IndexField, BankField and buffer
 * fields: reading and writing named bits of an address space or a buffer.
 *
 * The idea: a field unit is a run of bits in a region, and the hardware
 * is only ever touched in units of the field's access width, aligned to
 * that width.  A read takes each unit the field overlaps and keeps its
 * bits; a write of a unit the field covers only in part fills the other
 * bits by the update rule:
 *
 *	Preserve      read the unit first and keep its other bits
 *	WriteAsOnes   the other bits are 1          (no read)
 *	WriteAsZeros  the other bits are 0          (no read)
 *
 * So QEMU's `MEJ = One` (ByteAcc, WriteAsZeros, bit 3 of 0x0A14) is
 * exactly one byte write of 0x08: a read-modify-write would carry the
 * "inserting" bit along and QEMU would clear that instead of ejecting
 * (shared/spec/qemu-memory-hotplug.md 3.3).
 *
 *	bit offset 160        unit = byte 0x14 (ByteAcc)
 *	   ... | MES | MINS | MRMV | MEJ | 0 0 0 0 |
 *	          0     1      2      3     4 .. 7
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_region.c, tests/unit/acpi/test_aml_qemu.c
 */
#include "drivers/acpi/aml/internal.h"

#define UPDATE_RULE(flags)	(((flags) >> 5) & 3)
#define UPDATE_PRESERVE		0
#define UPDATE_ONES		1
#define UPDATE_ZEROS		2

static u64
bits_mask(unsigned int n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/* N (<= 64) bits of SRC (LEN bytes) from bit POS; bits past LEN are 0. */
static u64
get_bits(const u8 *src, u32 len, u64 pos, unsigned int n)
{
	u64 v = 0;

	for (unsigned int i = 0; i < n; i++) {
		u64 b = pos + i;

		if (b / 8 < len && (src[b / 8] >> (b % 8) & 1))
			v |= 1ull << i;
	}
	return v;
}

static void
put_bits(u8 *dst, u64 pos, unsigned int n, u64 v)
{
	for (unsigned int i = 0; i < n; i++) {
		u64 b = pos + i;

		if (v >> i & 1)
			dst[b / 8] |= (u8)(1u << (b % 8));
		else
			dst[b / 8] &= (u8)~(1u << (b % 8));
	}
}

/* ------------------------------------------------------------ PCI addresses */

#define EISA_PNP0A03	0x030AD041u	/* EisaId("PNP0A03"): PCI host bridge */
#define EISA_PNP0A08	0x080AD041u	/* EisaId("PNP0A08"): PCI Express host bridge */

/* The integer value of DEV's child SEG, if it has one. */
static int
child_int(struct aml_ctx *c, struct aml_node *dev, const char *seg, u64 *out, bool *found)
{
	struct aml_name name = { .nsegs = 1, .segs = (const u8 *)seg };
	struct aml_node *n = aml_ns_find(dev, &name, false);
	struct aml_object *v;
	int err;

	*found = false;
	*out = 0;
	if (!n)
		return 0;
	err = aml_eval_node(c, n, &v);
	if (err)
		return err;
	if (!v)		/* a method that returned nothing */
		return aml_fail(c, AML_ETYPE, "%.4s gave no value", seg);
	*found = true;
	if (v->type == AML_STRING) {
		/* _HID/_CID as a string: report a root bridge as its EisaId. */
		if (!strcmp(v->string.ptr, "PNP0A03"))
			*out = EISA_PNP0A03;
		else if (!strcmp(v->string.ptr, "PNP0A08"))
			*out = EISA_PNP0A08;
	} else {
		err = aml_to_integer(c, v, false, out);
	}
	aml_obj_put(v);
	return err;
}

static bool
is_root_bridge(struct aml_ctx *c, struct aml_node *dev)
{
	static const char *const ids[] = { "_HID", "_CID" };
	bool found;
	u64 id;

	for (unsigned int i = 0; i < ARRAY_SIZE(ids); i++)
		if (!child_int(c, dev, ids[i], &id, &found) && found &&
		    (id == EISA_PNP0A03 || id == EISA_PNP0A08))
			return true;
	return false;
}

/*
 * The segment/bus/device/function part of a PCI_Config region's
 * addresses: device and function from _ADR of the device the region is
 * declared in, bus and segment from _BBN and _SEG of the host bridge at or
 * above it (0 when absent).  Bridges between are not followed.
 */
static int
pci_base(struct aml_ctx *c, struct aml_object *r, u64 *out)
{
	struct aml_node *dev = r->region.dev;
	u64 adr, bbn = 0, seg = 0;
	bool found;
	int err;

	if (r->region.pci_known) {
		*out = r->region.pci_addr;
		return 0;
	}
	while (dev && dev->obj && dev->obj->type == AML_METHOD)
		dev = dev->parent;
	if (!dev)
		return aml_fail(c, AML_EREGION, "PCI_Config region outside any device");
	err = child_int(c, dev, "_ADR", &adr, &found);
	for (struct aml_node *b = dev; !err && b; b = b->parent) {
		if (!is_root_bridge(c, b))
			continue;
		err = child_int(c, b, "_BBN", &bbn, &found);
		if (!err)
			err = child_int(c, b, "_SEG", &seg, &found);
		break;
	}
	if (err)
		return err;
	r->region.pci_addr = (seg & 0xFFFF) << 32 | (bbn & 0xFF) << 20 |
			     ((adr >> 16) & 0x1F) << 15 | (adr & 0x7) << 12;
	r->region.pci_known = true;
	*out = r->region.pci_addr;
	return 0;
}

/* ------------------------------------------------------------ one access */

static int
region_access(struct aml_ctx *c, struct aml_object *r, u64 byte_off, unsigned int width,
	      u64 *v, bool write)
{
	static const char *const spaces[] = { "SystemMemory", "SystemIO", "PCI_Config" };
	u64 addr, base = 0;
	int err;

	if (byte_off + width / 8 > r->region.len || byte_off + width / 8 < byte_off)
		return aml_fail(c, AML_EINDEX, "access at 0x%llx beyond the region's 0x%llx bytes",
				(unsigned long long)byte_off, (unsigned long long)r->region.len);
	if (r->region.offset + byte_off < r->region.offset)
		return aml_fail(c, AML_EREGION, "region at 0x%llx: address wraps past 2^64",
				(unsigned long long)r->region.offset);
	switch (r->region.space) {
	case AML_SPACE_MEMORY:
	case AML_SPACE_IO:
		addr = r->region.offset + byte_off;
		break;
	case AML_SPACE_PCI:
		err = pci_base(c, r, &base);
		if (err)
			return err;
		addr = r->region.offset + byte_off;
		if (addr > 0xFFF)
			return aml_fail(c, AML_EREGION, "PCI_Config offset 0x%llx beyond 4 KiB",
					(unsigned long long)addr);
		addr |= base;
		break;
	default:
		return aml_fail(c, AML_EREGION, "region space %u is not supported",
				r->region.space);
	}
	if (++c->ops + (aml_work - c->work_base) > aml_op_budget)
		return aml_fail(c, AML_ELOOP, "more than %llu opcodes",
				(unsigned long long)aml_op_budget);
	if (write)
		err = aml_os_region_write(r->region.space, addr, width, *v & bits_mask(width));
	else
		err = aml_os_region_read(r->region.space, addr, width, v);
	if (err)
		return aml_fail(c, AML_EREGION, "%s %s of 0x%llx (%u bits) refused",
				spaces[r->region.space], write ? "write" : "read",
				(unsigned long long)addr, width);
	if (!write)
		*v &= bits_mask(width);
	return 0;
}

/* Write the Integer V into the field unit F (a bank, index or data register). */
static int
write_register(struct aml_ctx *c, struct aml_object *f, u64 v)
{
	struct aml_object *tmp = aml_obj_int(v);
	int err;

	if (!tmp)
		return -ENOMEM;
	err = aml_field_write(c, f, tmp);
	aml_obj_put(tmp);
	return err;
}

/* Access the unit at BYTE_OFF of field F: through the region, the bank
 * register or the index/data pair. */
static int
unit_access(struct aml_ctx *c, struct aml_object *f, u64 byte_off, unsigned int width,
	    u64 *v, bool write)
{
	struct aml_object *data;
	int err;

	switch (f->field.kind) {
	case FIELD_BANK:
		err = write_register(c, f->field.bank, f->field.bank_value);
		if (err)
			return err;
		/* fall through */
	case FIELD_REGION:
		return region_access(c, f->field.region, byte_off, width, v, write);
	default:	/* FIELD_INDEX */
		err = write_register(c, f->field.index, byte_off);
		if (err)
			return err;
		if (write)
			return write_register(c, f->field.data, *v);
		err = aml_field_read(c, f->field.data, &data);
		if (err)
			return err;
		err = aml_to_integer(c, data, false, v);
		aml_obj_put(data);
		return err;
	}
}

/*
 * The access width in bits.  AnyAcc takes the smallest unit that holds
 * the whole field, else bytes; BufferAcc is treated as bytes.
 */
static int
access_width(struct aml_ctx *c, const struct aml_field *f, unsigned int *width)
{
	switch (f->flags & 0x0F) {
	case 0:
		for (unsigned int w = 8; w <= 32; w *= 2) {
			if (f->bit_offset / w == (f->bit_offset + f->bit_len - 1) / w) {
				*width = w;
				return 0;
			}
		}
		*width = 8;
		return 0;
	case 1: case 5: *width = 8; return 0;
	case 2: *width = 16; return 0;
	case 3: *width = 32; return 0;
	case 4: *width = 64; return 0;
	default:
		return aml_fail(c, AML_EPARSE, "field access type %u", f->flags & 0x0F);
	}
}

/* ------------------------------------------------------------ field units */

/* How a read and a write of a field unit start: a stack check, as a unit
 * behind an index or bank register makes each access nest, then the width. */
static int
begin_field_access(struct aml_ctx *c, const struct aml_field *fd, unsigned int *width)
{
	int err = aml_stack_check(c);

	if (err)
		return err;
	return access_width(c, fd, width);
}

/* What a read of BITS bits gives: an Integer when it fits, else (or
 * when AS_BUFFER) a Buffer of the bytes. */
static int
new_result(u32 bits, bool as_buffer, struct aml_object **out)
{
	if (bits <= aml_int_bits && !as_buffer)
		*out = aml_obj_int(0);
	else
		*out = aml_obj_buffer(NULL, (bits + 7) / 8);
	return *out ? 0 : -ENOMEM;
}

/* Write the low BITS of BYTES into RESULT (an Integer or a Buffer). */
static void
fill_result(struct aml_object *res, const u8 *bytes, u32 bits)
{
	if (res->type == AML_INTEGER)
		res->integer = get_bits(bytes, 8, 0, bits) & aml_int_mask();
}

int
aml_field_read(struct aml_ctx *c, struct aml_object *f, struct aml_object **out)
{
	const struct aml_field *fd = &f->field;
	u64 off = fd->bit_offset, end = off + fd->bit_len;
	struct aml_object *res;
	unsigned int w;
	u8 small[8] = { 0 };
	u8 *dst;
	int err;

	*out = NULL;
	err = begin_field_access(c, fd, &w);
	if (err)
		return err;
	if (fd->bit_len > AML_MAX_OBJECT_SIZE * 8ull)
		return aml_fail(c, AML_EINDEX, "field of %u bits", fd->bit_len);
	err = new_result(fd->bit_len, false, &res);
	if (err)
		return err;
	dst = res->type == AML_BUFFER ? res->buffer.ptr : small;
	for (u64 unit = off / w * w; unit < end; unit += w) {
		u64 lo = MAX(unit, off), hi = MIN(unit + w, end), raw;

		err = unit_access(c, f, unit / 8, w, &raw, false);
		if (err) {
			aml_obj_put(res);
			return err;
		}
		put_bits(dst, lo - off, (unsigned int)(hi - lo),
			 raw >> (lo - unit) & bits_mask((unsigned int)(hi - lo)));
	}
	fill_result(res, small, fd->bit_len);
	*out = res;
	return 0;
}

/* The bytes a value writes into a field: an Integer little-endian, a
 * Buffer or String as they are. */
static int
value_bytes(struct aml_ctx *c, struct aml_object *val, u8 *small, const u8 **bytes, u32 *len)
{
	switch (val->type) {
	case AML_INTEGER:
		for (unsigned int i = 0; i < 8; i++)
			small[i] = (u8)(val->integer >> (8 * i));
		*bytes = small;
		*len = aml_int_bits / 8;
		return 0;
	case AML_BUFFER:
		*bytes = val->buffer.ptr;
		*len = val->buffer.len;
		return 0;
	case AML_STRING:
		*bytes = (const u8 *)val->string.ptr;
		*len = val->string.len;
		return 0;
	default:
		return aml_fail(c, AML_ETYPE, "cannot write a %s into a field",
				aml_type_name(val->type));
	}
}

int
aml_field_write(struct aml_ctx *c, struct aml_object *f, struct aml_object *v)
{
	const struct aml_field *fd = &f->field;
	u64 off = fd->bit_offset, end = off + fd->bit_len;
	struct aml_object *val;
	const u8 *src;
	u8 small[8];
	unsigned int w;
	u32 len;
	int err;

	err = begin_field_access(c, fd, &w);
	if (err)
		return err;
	err = aml_resolve_ref(c, v, &val);
	if (err)
		return err;
	err = value_bytes(c, val, small, &src, &len);
	for (u64 unit = off / w * w; !err && unit < end; unit += w) {
		u64 lo = MAX(unit, off), hi = MIN(unit + w, end), raw = 0;
		unsigned int n = (unsigned int)(hi - lo);
		u64 mask = bits_mask(n) << (lo - unit);

		if (n != w) {
			switch (UPDATE_RULE(fd->flags)) {
			case UPDATE_ONES:
				raw = bits_mask(w) & ~mask;
				break;
			case UPDATE_ZEROS:
				raw = 0;
				break;
			default:
				err = unit_access(c, f, unit / 8, w, &raw, false);
				raw &= ~mask;
				break;
			}
		}
		raw |= get_bits(src, len, lo - off, n) << (lo - unit);
		if (!err)
			err = unit_access(c, f, unit / 8, w, &raw, true);
	}
	aml_obj_put(val);
	return err;
}

/* ------------------------------------------------------------ buffer fields */

static int
bfield_check(struct aml_ctx *c, struct aml_object *f)
{
	struct aml_object *b = f->bfield.buf;

	if (b->type != AML_BUFFER ||
	    (u64)f->bfield.bit_offset + f->bfield.bit_len > (u64)b->buffer.len * 8)
		return aml_fail(c, AML_EINDEX, "buffer field beyond its buffer");
	return 0;
}

int
aml_bfield_read(struct aml_ctx *c, struct aml_object *f, struct aml_object **out)
{
	struct aml_object *b = f->bfield.buf, *res;
	u32 bits = f->bfield.bit_len;
	int err = bfield_check(c, f);

	c->ops += bits / 64;

	*out = NULL;
	if (!err)
		err = new_result(bits, f->bfield.as_buffer, &res);
	if (err)
		return err;
	if (res->type == AML_INTEGER) {
		res->integer = get_bits(b->buffer.ptr, b->buffer.len, f->bfield.bit_offset, bits);
	} else {
		for (u32 i = 0; i < bits; i += 64) {
			unsigned int n = MIN(64u, bits - i);

			put_bits(res->buffer.ptr, i, n,
				 get_bits(b->buffer.ptr, b->buffer.len, f->bfield.bit_offset + i, n));
		}
	}
	*out = res;
	return 0;
}

int
aml_bfield_write(struct aml_ctx *c, struct aml_object *f, struct aml_object *v)
{
	struct aml_object *b = f->bfield.buf, *val;
	u32 bits = f->bfield.bit_len, len;
	const u8 *src;
	u8 small[8];
	int err = bfield_check(c, f);

	c->ops += bits / 64;

	if (err)
		return err;
	err = aml_resolve_ref(c, v, &val);
	if (err)
		return err;
	err = value_bytes(c, val, small, &src, &len);
	for (u32 i = 0; !err && i < bits; i += 64) {
		unsigned int n = MIN(64u, bits - i);

		put_bits(b->buffer.ptr, f->bfield.bit_offset + i, n, get_bits(src, len, i, n));
	}
	aml_obj_put(val);
	return err;
}

/* ------------------------------------------------------------ field lists */

/* A field element's bit count: PkgLength's encoding, but a number, not a
 * length of bytes that follow. */
static int
parse_bits(struct aml_ctx *c, u32 *bits)
{
	unsigned int follow;

	if (c->pc >= c->end)
		return -AML_EPARSE;
	follow = c->pc[0] >> 6;
	if ((size_t)(c->end - c->pc) < 1 + follow)
		return -AML_EPARSE;
	if (!follow) {
		*bits = c->pc[0] & 0x3F;
	} else {
		*bits = c->pc[0] & 0x0F;
		for (unsigned int i = 1; i <= follow; i++)
			*bits |= (u32)c->pc[i] << (4 + 8 * (i - 1));
	}
	c->pc += 1 + follow;
	return 0;
}

/*
 * FieldList (ACPI 6.x, 20.2.5.2): named units, reserved gaps (0x00 and a
 * bit count), access changes (0x01 type attrib; 0x03 type attrib length)
 * and connections (0x02, for serial buses: parsed, never used).
 */
int
aml_parse_field_list(struct aml_ctx *c, const u8 *end, u8 flags, const struct aml_field *tmpl)
{
	u64 offset = 0;
	u32 bits;

	c->end = end;
	while (c->pc < end) {
		u8 b = *c->pc;

		if (b == 0x00) {
			c->pc++;
			if (parse_bits(c, &bits))
				return aml_fail(c, AML_EPARSE, "field list: bad reserved length");
			offset += bits;
		} else if (b == 0x01 || b == 0x03) {
			if (end - c->pc < (b == 0x01 ? 3 : 4))
				return aml_fail(c, AML_EPARSE, "field list: truncated access field");
			flags = (u8)((flags & 0xF0) | (c->pc[1] & 0x0F));
			c->pc += b == 0x01 ? 3 : 4;
		} else if (b == 0x02) {
			struct aml_name name;
			const u8 *skip;

			c->pc++;
			if (c->pc < end && *c->pc == 0x11) {
				c->pc++;
				if (aml_parse_pkglength(&c->pc, end, &skip))
					return aml_fail(c, AML_EPARSE, "field list: bad Connection");
				c->pc = skip;
			} else if (aml_parse_name(&c->pc, end, &name)) {
				return aml_fail(c, AML_EPARSE, "field list: bad Connection");
			}
		} else {
			struct aml_name name = { .nsegs = 1, .segs = c->pc };
			struct aml_object *o;
			struct aml_node *n;
			int err;

			if (end - c->pc < 4 || !aml_is_name_start(b) || b == '\\' || b == '^' ||
			    b == 0x2E || b == 0x2F)
				return aml_fail(c, AML_EPARSE, "field list: bad element 0x%02x", b);
			c->pc += 4;
			if (parse_bits(c, &bits))
				return aml_fail(c, AML_EPARSE, "field list: bad unit length");
			if (offset + bits > 0xFFFFFFFFull)
				return aml_fail(c, AML_EPARSE, "field list: offset beyond 4 Gbit");
			o = aml_obj_new(AML_FIELD_UNIT);
			if (!o)
				return -ENOMEM;
			o->field = *tmpl;
			o->field.flags = flags;
			o->field.bit_offset = (u32)offset;
			o->field.bit_len = bits;
			aml_obj_get(tmpl->region);
			aml_obj_get(tmpl->index);
			aml_obj_get(tmpl->data);
			aml_obj_get(tmpl->bank);
			err = aml_ns_create(c, c->scope, &name, o, &n);
			aml_obj_put(o);
			if (err)
				return aml_fail(c, -err, "field %.4s: %s", name.segs,
						aml_strerror(err));
			offset += bits;
		}
	}
	return 0;
}
