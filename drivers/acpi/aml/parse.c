/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/parse.c - reading AML's encoding: PkgLength,
 * NameString, the opcode table with each operator's operand shape, and
 * aml_check_methods(), a syntax-only walk over every method body.
 *
 * The idea: the operand shape of an opcode ("iit" for Add: two integer
 * TermArgs and a Target) is all one needs to step over it, so the same
 * table drives the checker and tells the executor what each operator
 * takes.  The one thing a shape cannot say is how many arguments a
 * method call has: AML writes a call as the method's bare name followed
 * by its arguments, so the name must be looked up first (ACPI 6.x,
 * 20.2.5: MethodInvocation).
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_aml_namespace.c, tests/unit/acpi/test_aml_exec.c
 */
#include "drivers/acpi/aml/internal.h"

/*
 * PkgLength (ACPI 6.x, 20.2.4):
 *   PkgLeadByte := bit 7-6: count of following bytes (0-3)
 *                  bit 5-4: zero when a byte follows; bit 3-0: low nibble
 *                  (with no byte following: bit 5-0 are the length)
 * The length counts itself and what follows, up to the object's end.
 */
int
aml_parse_pkglength(const u8 **pp, const u8 *limit, const u8 **end)
{
	const u8 *start = *pp;
	unsigned int follow;
	u32 len;

	if (start >= limit)
		return -AML_EPARSE;
	follow = start[0] >> 6;
	if ((size_t)(limit - start) < 1 + follow)
		return -AML_EPARSE;
	if (!follow) {
		len = start[0] & 0x3F;
	} else {
		len = start[0] & 0x0F;
		for (unsigned int i = 1; i <= follow; i++)
			len |= (u32)start[i] << (4 + 8 * (i - 1));
	}
	if (len < 1 + follow || len > (size_t)(limit - start))
		return -AML_EPARSE;
	*pp = start + 1 + follow;
	*end = start + len;
	return 0;
}

bool
aml_is_name_start(u8 b)
{
	return b == '\\' || b == '^' || b == 0x2E || b == 0x2F ||
	       (b >= 'A' && b <= 'Z') || b == '_';
}

static bool
seg_valid(const u8 *s)
{
	if (!((s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return false;
	for (int i = 1; i < 4; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/*
 * NameString (20.2.2):
 *   NameString := RootChar NamePath | PrefixPath NamePath
 *   PrefixPath := Nothing | '^' PrefixPath
 *   NamePath   := NameSeg | DualNamePath | MultiNamePath | NullName
 *   DualNamePath  := 0x2E NameSeg NameSeg
 *   MultiNamePath := 0x2F SegCount NameSeg(SegCount)
 */
int
aml_parse_name(const u8 **pp, const u8 *end, struct aml_name *name)
{
	const u8 *p = *pp;
	unsigned int n;

	memset(name, 0, sizeof(*name));
	if (p < end && *p == '\\') {
		name->root = true;
		p++;
	} else {
		while (p < end && *p == '^') {
			if (name->up == 255)
				return -AML_EPARSE;
			name->up++;
			p++;
		}
	}
	if (p >= end)
		return -AML_EPARSE;
	switch (*p) {
	case 0x00:
		n = 0;
		p++;
		break;
	case 0x2E:
		n = 2;
		p++;
		break;
	case 0x2F:
		if (end - p < 2 || p[1] == 0)
			return -AML_EPARSE;
		n = p[1];
		p += 2;
		break;
	default:
		n = 1;
		break;
	}
	if ((size_t)(end - p) < 4 * (size_t)n)
		return -AML_EPARSE;
	for (unsigned int i = 0; i < n; i++)
		if (!seg_valid(p + 4 * i))
			return -AML_EPARSE;
	name->nsegs = (u8)n;
	name->segs = p;
	*pp = p + 4 * n;
	return 0;
}

/* ------------------------------------------------------------ the opcode table */

#define OP(code, name, shape, fn, flags) \
	[code] = { code, name, shape, aml_op_##fn, flags }
#define OP2(code, name, shape, fn, flags) \
	[code] = { AML_EXT_PREFIX << 8 | code, name, shape, aml_op_##fn, flags }
#define ST OPF_STATEMENT
#define UN OPF_UNSUPPORTED

/* One-byte opcodes (ACPI 6.x, 20.3).  Names (0x2E, 0x2F, 'A'-'Z', '_',
 * '\', '^') are not here: exec.c and the checker handle them first. */
static const struct aml_opinfo ops1[256] = {
	OP(0x00, "Zero", "", const, 0),
	OP(0x01, "One", "", const, 0),
	OP(0x06, "Alias", "nn", alias, ST),
	OP(0x08, "Name", "na", name, ST),
	OP(0x0A, "BytePrefix", "b", integer, 0),
	OP(0x0B, "WordPrefix", "w", integer, 0),
	OP(0x0C, "DWordPrefix", "d", integer, 0),
	OP(0x0D, "StringPrefix", "z", string, 0),
	OP(0x0E, "QWordPrefix", "q", integer, 0),
	OP(0x10, "Scope", "pnT", scope, ST),
	OP(0x11, "Buffer", "piB", buffer, 0),
	OP(0x12, "Package", "pbE", package, 0),
	OP(0x13, "VarPackage", "piE", package, 0),
	OP(0x14, "Method", "pnbM", method, ST),
	OP(0x15, "External", "nbb", external, ST),
	OP(0x60, "Local0", "", local, 0), OP(0x61, "Local1", "", local, 0),
	OP(0x62, "Local2", "", local, 0), OP(0x63, "Local3", "", local, 0),
	OP(0x64, "Local4", "", local, 0), OP(0x65, "Local5", "", local, 0),
	OP(0x66, "Local6", "", local, 0), OP(0x67, "Local7", "", local, 0),
	OP(0x68, "Arg0", "", arg, 0), OP(0x69, "Arg1", "", arg, 0),
	OP(0x6A, "Arg2", "", arg, 0), OP(0x6B, "Arg3", "", arg, 0),
	OP(0x6C, "Arg4", "", arg, 0), OP(0x6D, "Arg5", "", arg, 0),
	OP(0x6E, "Arg6", "", arg, 0),
	OP(0x70, "Store", "as", store, 0),
	OP(0x71, "RefOf", "s", refof, 0),
	OP(0x72, "Add", "iit", binary, 0),
	OP(0x73, "Concatenate", "aat", concat, 0),
	OP(0x74, "Subtract", "iit", binary, 0),
	OP(0x75, "Increment", "s", incdec, 0),
	OP(0x76, "Decrement", "s", incdec, 0),
	OP(0x77, "Multiply", "iit", binary, 0),
	OP(0x78, "Divide", "iitt", divide, 0),
	OP(0x79, "ShiftLeft", "iit", binary, 0),
	OP(0x7A, "ShiftRight", "iit", binary, 0),
	OP(0x7B, "And", "iit", binary, 0),
	OP(0x7C, "Nand", "iit", binary, 0),
	OP(0x7D, "Or", "iit", binary, 0),
	OP(0x7E, "Nor", "iit", binary, 0),
	OP(0x7F, "Xor", "iit", binary, 0),
	OP(0x80, "Not", "it", unary, 0),
	OP(0x81, "FindSetLeftBit", "it", unary, 0),
	OP(0x82, "FindSetRightBit", "it", unary, 0),
	OP(0x83, "DerefOf", "a", derefof, 0),
	OP(0x84, "ConcatenateResTemplate", "aat", concatres, 0),
	OP(0x85, "Mod", "iit", binary, 0),
	OP(0x86, "Notify", "si", notify, ST),
	OP(0x87, "SizeOf", "s", sizeof, 0),
	OP(0x88, "Index", "aat", index, 0),
	OP(0x89, "Match", "ababai", match, 0),
	OP(0x8A, "CreateDWordField", "ain", createfield, ST),
	OP(0x8B, "CreateWordField", "ain", createfield, ST),
	OP(0x8C, "CreateByteField", "ain", createfield, ST),
	OP(0x8D, "CreateBitField", "ain", createfield, ST),
	OP(0x8E, "ObjectType", "s", objecttype, 0),
	OP(0x8F, "CreateQWordField", "ain", createfield, ST),
	OP(0x90, "LAnd", "ii", logical, 0),
	OP(0x91, "LOr", "ii", logical, 0),
	OP(0x92, "LNot", "i", lnot, 0),
	OP(0x93, "LEqual", "aa", compare, 0),
	OP(0x94, "LGreater", "aa", compare, 0),
	OP(0x95, "LLess", "aa", compare, 0),
	OP(0x96, "ToBuffer", "at", convert, 0),
	OP(0x97, "ToDecimalString", "at", convert, 0),
	OP(0x98, "ToHexString", "at", convert, 0),
	OP(0x99, "ToInteger", "at", convert, 0),
	OP(0x9C, "ToString", "ait", tostring, 0),
	OP(0x9D, "CopyObject", "as", copyobject, 0),
	OP(0x9E, "Mid", "aiit", mid, 0),
	OP(0x9F, "Continue", "", continue, ST),
	OP(0xA0, "If", "piT", if, ST),
	OP(0xA1, "Else", "pT", else, ST),
	OP(0xA2, "While", "piT", while, ST),
	OP(0xA3, "Noop", "", noop, ST),
	OP(0xA4, "Return", "a", return, ST),
	OP(0xA5, "Break", "", break, ST),
	OP(0xCC, "BreakPoint", "", noop, ST),
	OP(0xFF, "Ones", "", const, 0),
};

/* Two-byte opcodes: 0x5B and this byte. */
static const struct aml_opinfo ops2[256] = {
	OP2(0x01, "Mutex", "nb", mutex, ST),
	OP2(0x02, "Event", "n", event, ST),
	OP2(0x12, "CondRefOf", "st", condrefof, 0),
	OP2(0x13, "CreateField", "aiin", createfield, ST),
	OP2(0x1F, "LoadTable", "aaaaaa", unsupported, UN),
	OP2(0x20, "Load", "ns", unsupported, UN),
	OP2(0x21, "Stall", "i", stall, ST),
	OP2(0x22, "Sleep", "i", sleep, ST),
	OP2(0x23, "Acquire", "sw", acquire, 0),
	OP2(0x24, "Signal", "s", signal, ST),
	OP2(0x25, "Wait", "si", wait, 0),
	OP2(0x26, "Reset", "s", reset, ST),
	OP2(0x27, "Release", "s", release, ST),
	OP2(0x28, "FromBCD", "it", unary, 0),
	OP2(0x29, "ToBCD", "it", unary, 0),
	OP2(0x2A, "Unload", "s", unsupported, UN),
	OP2(0x30, "Revision", "", const, 0),
	OP2(0x31, "Debug", "", debug, 0),
	OP2(0x32, "Fatal", "bdi", fatal, ST),
	OP2(0x33, "Timer", "", timer, 0),
	OP2(0x80, "OperationRegion", "nbii", region, ST),
	OP2(0x81, "Field", "pnF", field, ST),
	OP2(0x82, "Device", "pnT", device, ST),
	OP2(0x83, "Processor", "pnbdbT", processor, ST),
	OP2(0x84, "PowerResource", "pnbwT", powerres, ST),
	OP2(0x85, "ThermalZone", "pnT", thermalzone, ST),
	OP2(0x86, "IndexField", "pnnF", indexfield, ST),
	OP2(0x87, "BankField", "pnniF", bankfield, ST),
	OP2(0x88, "DataTableRegion", "naaa", unsupported, UN),
};

const struct aml_opinfo *
aml_opinfo(const u8 *p, const u8 *end, u16 *opcode, u32 *len)
{
	const struct aml_opinfo *info;

	if (p >= end)
		return NULL;
	if (p[0] != AML_EXT_PREFIX) {
		*opcode = p[0];
		*len = 1;
		info = &ops1[p[0]];
	} else {
		if (end - p < 2)
			return NULL;
		*opcode = (u16)(AML_EXT_PREFIX << 8 | p[1]);
		*len = 2;
		info = &ops2[p[1]];
	}
	return info->name ? info : NULL;
}

/* ------------------------------------------------------------ the checker */

/*
 * The walk of one method body: every operator is decoded by its shape
 * and nothing runs.  A name that resolves to a method takes that
 * method's argument count; one that does not resolve (made at run time,
 * like MCRS's MR64) is taken as a plain reference.  Problems are printed
 * as they are found; the walk of a body stops at its first one, since
 * what follows a bad byte cannot be trusted.
 */
struct check {
	const u8 *p;
	struct aml_node *method;	/* scope of the names, and for messages */
	uintptr_t stack_base;
	int problems;
};

static int check_term(struct check *k, const u8 *end, bool value);

static int
check_problem(struct check *k, const u8 *at, const char *what)
{
	char path[128];
	const char *sig = "?";
	u32 off = 0;

	aml_node_path(k->method, path, sizeof(path));
	aml_table_where(at, &sig, &off);
	pr_warn("aml: %s: %s at %s+0x%x\n", path, what, sig, off);
	k->problems++;
	return -AML_EPARSE;
}

static int
check_list(struct check *k, const u8 *end)
{
	while (k->p < end) {
		int err = check_term(k, end, false);

		if (err)
			return err;
	}
	return 0;
}

static int
check_supername(struct check *k, const u8 *end, bool nullok)
{
	struct aml_name name;
	const u8 *at = k->p;

	if (k->p >= end)
		return check_problem(k, at, "truncated operand");
	if (nullok && *k->p == 0x00) {
		k->p++;
		return 0;
	}
	if (aml_is_name_start(*k->p)) {
		if (aml_parse_name(&k->p, end, &name))
			return check_problem(k, at, "bad NameString");
		return 0;
	}
	return check_term(k, end, true);
}

static int
check_shape(struct check *k, const u8 *at, const char *shape, const u8 *end)
{
	const u8 *pkg_end = end;
	struct aml_name name;
	int err = 0;

	for (const char *s = shape; *s && !err; s++) {
		switch (*s) {
		case 'a': case 'i':
			err = check_term(k, pkg_end, true);
			break;
		case 's': case 't':
			err = check_supername(k, pkg_end, *s == 't');
			break;
		case 'n':
			if (aml_parse_name(&k->p, pkg_end, &name))
				return check_problem(k, at, "bad NameString");
			break;
		case 'b': case 'w': case 'd': case 'q': {
			size_t n = *s == 'b' ? 1 : *s == 'w' ? 2 : *s == 'd' ? 4 : 8;

			if ((size_t)(pkg_end - k->p) < n)
				return check_problem(k, at, "truncated operand");
			k->p += n;
			break;
		}
		case 'z':
			while (k->p < pkg_end && *k->p)
				k->p++;
			if (k->p >= pkg_end)
				return check_problem(k, at, "unterminated String");
			k->p++;
			break;
		case 'p':
			if (aml_parse_pkglength(&k->p, end, &pkg_end))
				return check_problem(k, at, "bad PkgLength");
			break;
		case 'T': case 'M':
			err = check_list(k, pkg_end);
			break;
		default:	/* F B E: contents bounded by the PkgLength */
			k->p = pkg_end;
			break;
		}
	}
	return err;
}

static int
check_term(struct check *k, const u8 *end, bool value)
{
	const struct aml_opinfo *info;
	const u8 *at = k->p;
	u16 code;
	u32 len;
	char what[64];

	(void)value;
	if (k->p >= end)
		return check_problem(k, at, "truncated term");
	if ((uintptr_t)k->stack_base - (uintptr_t)__builtin_frame_address(0) > aml_stack_budget)
		return check_problem(k, at, "nesting too deep");
	if (aml_is_name_start(*k->p)) {
		struct aml_name name;
		struct aml_node *n;
		int nargs;

		if (aml_parse_name(&k->p, end, &name))
			return check_problem(k, at, "bad NameString");
		n = aml_ns_find(k->method, &name, true);
		nargs = n ? aml_method_nargs(n) : -1;
		for (int i = 0; i < nargs; i++) {
			int err = check_term(k, end, true);

			if (err)
				return err;
		}
		return 0;
	}
	info = aml_opinfo(k->p, end, &code, &len);
	if (!info || info->flags & OPF_UNSUPPORTED) {
		if (k->p[0] == AML_EXT_PREFIX && end - k->p >= 2)
			snprintf(what, sizeof(what), "%s opcode 0x5b 0x%02x",
				 info ? "unsupported" : "unknown", k->p[1]);
		else
			snprintf(what, sizeof(what), "%s opcode 0x%02x",
				 info ? "unsupported" : "unknown", k->p[0]);
		return check_problem(k, at, what);
	}
	k->p += len;
	return check_shape(k, at, info->shape, end);
}

int
aml_check_body(struct aml_node *method)
{
	struct aml_object *m = method->obj;
	struct check k = {
		.p = m->method.start,
		.method = method,
		.stack_base = (uintptr_t)__builtin_frame_address(0),
	};

	check_list(&k, m->method.end);
	return k.problems;
}

int
aml_check_methods(void)
{
	int problems = 0;

	if (!aml_ns_root)
		return 0;
	/* Pre-order walk of the whole tree (methods made at run time are gone). */
	for (struct aml_node *n = aml_ns_root->child; n; n = aml_ns_walk_next(n))
		if (n->obj && n->obj->type == AML_METHOD && !n->obj->method.native && !n->alias)
			problems += aml_check_body(n);
	return problems;
}
