/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/aml/aml.h - the AML interpreter: what it offers the rest of
 * hotmem (load tables, look names up, evaluate objects, walk the
 * namespace) and what it asks of the OS (aml_os_*: memory, region access,
 * stalls, Notify).  Files: namespace.c (the tree of named objects),
 * object.c (values, copies, conversions), parse.c (PkgLength, NameString,
 * the opcode table), exec.c and exec_*.c (running AML), region.c
 * (OperationRegion, Field, IndexField, BankField, buffer fields),
 * resource.c (_CRS resource templates), print.c (values as text).
 *
 * Glossary for students:
 *   AML        the byte code in the DSDT/SSDTs; ASL is its source language.
 *   namespace  a tree of 4-character names (\_SB.PCI0.MHPD) built when the
 *              tables load; each node holds an object (Device, Method, ...).
 *   method     a control method: AML code run on demand (\_SB.MP00._STA).
 *   region     an OperationRegion: a window on an address space (I/O
 *              ports, memory, PCI config); Fields cut it into named bits.
 *   Notify     how AML tells the OS "look at this device" (1 = device
 *              check, 3 = eject request); the OS queues and dispatches it.
 *
 * Contexts: the interpreter is not re-entrant.  In the kernel only the
 * ACPI worker task runs AML (drivers/acpi/events.c), so no lock is taken
 * here; host tests are single-threaded.  AML Mutex objects are honoured
 * for nesting and ownership, never by sleeping.
 *
 * Firmware is hostile: every PkgLength is bounded by its parent, calls
 * nest at most AML_MAX_CALL_DEPTH deep, a While loop runs at most
 * AML_MAX_LOOP_ITERATIONS times and one evaluation at most AML_MAX_OPS
 * opcodes; breaking a limit, an unsupported opcode or a type error fails
 * that evaluation with a one-line message naming the method, the opcode
 * and the table offset, and returns an error.  Never a panic.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 */
#ifndef DRIVERS_ACPI_AML_AML_H
#define DRIVERS_ACPI_AML_AML_H

#include "drivers/acpi/acpi.h"
#include "kernel/types.h"

/* ------------------------------------------------------------ limits */

#define AML_MAX_CALL_DEPTH	64		/* nested method calls */
#define AML_MAX_LOOP_ITERATIONS	0x100000	/* one While, one entry into it */
#define AML_MAX_OPS		50000000	/* opcodes per top-level evaluation */
#define AML_MAX_ARGS		7		/* Arg0..Arg6 (ACPI 6.x, 19.3.5.2) */
#define AML_MAX_LOCALS		8		/* Local0..Local7 */

/* ------------------------------------------------------------ errors */

/*
 * Functions return 0, a negative errno (-ENOENT no such name, -EINVAL bad
 * argument from the caller, -ENOMEM) or a negative AML status: something
 * the firmware's code did wrong.  aml_strerror() names either kind.
 */
enum aml_status {
	AML_EPARSE	= 1000,	/* malformed AML: bad PkgLength, truncated op */
	AML_EUNSUPPORTED,	/* an opcode this interpreter does not run */
	AML_ETYPE,		/* operand of the wrong type, no conversion */
	AML_EINDEX,		/* Index() or a field outside its object */
	AML_EDEPTH,		/* AML_MAX_CALL_DEPTH broken */
	AML_ELOOP,		/* AML_MAX_LOOP_ITERATIONS or AML_MAX_OPS broken */
	AML_EUNDEFINED,		/* a name the code uses is not in the namespace */
	AML_EEXIST,		/* a name created twice */
	AML_EDIVZERO,		/* Divide or Mod by zero */
	AML_EREGION,		/* region access refused by the OS layer */
	AML_EMUTEX,		/* Release of a mutex not held, sync level */
	AML_EUNINIT,		/* read of an uninitialised Local/Arg */
	AML_EFATAL,		/* the Fatal opcode */
};
const char *aml_strerror(int err);	/* "AML_ETYPE: operand type", "ENOENT" */

/* ------------------------------------------------------------ values */

/* Object types: the numbers ObjectType() returns (ACPI 6.x, 19.6.96). */
enum aml_type {
	AML_UNINITIALIZED = 0,
	AML_INTEGER	= 1,
	AML_STRING	= 2,
	AML_BUFFER	= 3,
	AML_PACKAGE	= 4,
	AML_FIELD_UNIT	= 5,
	AML_DEVICE	= 6,
	AML_EVENT	= 7,
	AML_METHOD	= 8,
	AML_MUTEX	= 9,
	AML_REGION	= 10,
	AML_POWER_RESOURCE = 11,
	AML_PROCESSOR	= 12,
	AML_THERMAL_ZONE = 13,
	AML_BUFFER_FIELD = 14,
	AML_DDB_HANDLE	= 15,
	AML_DEBUG_OBJECT = 16,
	/* Not ObjectType() values: */
	AML_REFERENCE	= 20,	/* a reference to a named object (in a package,
				 * RefOf, or a name that is not a data object) */
	AML_SCOPE	= 21,	/* a bare scope: \, \_SB, \_GPE, \_PR ... */
};

/*
 * A value as it crosses the interpreter's boundary: arguments handed in,
 * results handed out.  A result is a deep copy the caller owns and frees
 * with aml_value_free(); nothing in it points into the interpreter except
 * .node of an AML_REFERENCE, which stays valid while the namespace does.
 */
struct aml_node;
struct aml_value {
	enum aml_type type;	/* AML_INTEGER, STRING, BUFFER, PACKAGE or
				 * REFERENCE; AML_UNINITIALIZED: no value */
	union {
		u64 integer;	/* already truncated to the integer width */
		struct {
			char *ptr;	/* NUL-terminated; len excludes the NUL */
			u32 len;
		} string;
		struct {
			u8 *ptr;	/* NULL when len is 0 */
			u32 len;
		} buffer;
		struct {
			struct aml_value *elems;	/* count values */
			u32 count;
		} package;
		struct aml_node *node;	/* AML_REFERENCE */
	};
};

void aml_value_free(struct aml_value *v);	/* frees the contents; v->type = UNINITIALIZED */
struct aml_value aml_int(u64 v);		/* handy for arguments */
struct aml_value aml_str(const char *s);	/* points at S: arguments only, never freed */

/*
 * print.c: V as one line of text into BUF (always NUL-terminated,
 * truncated with "..." when too small).  The format is the oracle tests'
 * canonical form and what `aml eval` prints:
 *   Integer    0x2A
 *   String     "PNP0C80"
 *   Buffer     Buffer(3) {01 02 03}
 *   Package    Package(2) {0x1, "a"}
 *   Reference  Reference(\_SB_.PCI0)
 *   none       None
 * Names print as four characters per segment, padded with '_' (as
 * ACPICA prints them).  Returns the length it wanted (like snprintf).
 */
int aml_value_format(const struct aml_value *v, char *buf, size_t size);

/* ------------------------------------------------------------ tables and names */

/*
 * Load a DSDT or SSDT: check its header (signature, length >= 36; the
 * checksum is tables.c's job), add its named objects to the namespace and
 * run its top-level code.  Method bodies are not run, only bounded; they
 * are parsed when called, so a method may call one defined later in the
 * same or a later table.  The DSDT's revision sets the integer width: < 2
 * means 32-bit integers (QEMU's DSDT has revision 1), else 64-bit.
 * Returns 0 or an error; on error the objects created so far stay (as in
 * ACPICA) and the message says where loading stopped.
 */
int aml_load_table(const struct acpi_table_header *table);
/* Remove every object and forget every table (host tests, fuzzing). */
void aml_reset(void);
unsigned int aml_integer_width(void);	/* 32 or 64 */

/*
 * Syntax-check every method body of the loaded tables without running
 * it; print one line per problem (unsupported opcode, bad PkgLength).
 * Returns the number of problems: QEMU's tables must give 0.
 */
int aml_check_methods(void);

struct aml_namespace_stats {
	u32 nodes;		/* every node but the root */
	u32 methods;
	u32 devices;
	u32 tables;		/* tables loaded */
	u32 bytes;		/* AML bytes loaded */
};
void aml_namespace_stats(struct aml_namespace_stats *out);

/*
 * PATH is absolute ("\_SB.PCI0", "\_GPE._E03") or relative to SCOPE
 * ("_STA", "MHPD.HPMR"); segments shorter than four characters are padded
 * with '_' ("\_SB" = "\_SB_").  No upward search: "_STA" relative to a
 * device means that device's own _STA.  SCOPE NULL means the root.
 * Returns NULL when the name does not exist.
 */
struct aml_node *aml_lookup(struct aml_node *scope, const char *path);

/*
 * Evaluate the object at PATH (see aml_lookup()): a method is called with
 * ARGS (NARGS of them; missing arguments are an error, extra ones are
 * refused with -EINVAL), a Name gives a copy of its value, a Field or
 * BufferField is read, any other object gives AML_REFERENCE to itself.
 * RET may be NULL; else it gets the result (AML_UNINITIALIZED when a
 * method returns nothing).  Notify calls made by the code are handed to
 * aml_os_notify() as they execute.
 */
int aml_eval(struct aml_node *scope, const char *path,
	     const struct aml_value *args, int nargs, struct aml_value *ret);
/* The same, returning an integer: -ETYPE-like AML_ETYPE if not one. */
int aml_eval_integer(struct aml_node *scope, const char *path, u64 *out);

/* Walking the tree (pre-order: a node, then its children in the order
 * they were created). */
struct aml_node *aml_root(void);
struct aml_node *aml_node_parent(const struct aml_node *n);	/* NULL for the root */
struct aml_node *aml_node_child(const struct aml_node *n);	/* first child or NULL */
struct aml_node *aml_node_next(const struct aml_node *n);	/* next sibling or NULL */
enum aml_type aml_node_type(const struct aml_node *n);
const char *aml_node_name(const struct aml_node *n);		/* "MP00", 4 chars + NUL; root "\" */
/* "\_SB_.MHPC.MP00" into BUF; returns the length wanted (like snprintf). */
int aml_node_path(const struct aml_node *n, char *buf, size_t size);
/* For a method: its argument count (0..7); -1 for other objects. */
int aml_method_nargs(const struct aml_node *n);

/* Print each method call and Notify with printk as it happens:
 *   aml: call \_SB_.MHPC.MTFY (0x0, 0x1)     (two spaces per call depth
 *   aml:   Notify(\_SB_.MHPC.MP00, 0x1)       after "aml:")
 * `trace acpi on` sets it (drivers/acpi/cmd_aml.c). */
extern bool aml_trace;

/* ------------------------------------------------------------ resource.c */

/*
 * Resource descriptors (ACPI 6.x, 6.4): what _CRS returns, decoded.  Only
 * the fields hotmem and `aml eval` use; every descriptor QEMU emits is
 * known, others are reported as AML_RES_OTHER with their tag.
 */
enum aml_res_type {
	AML_RES_IRQ,		/* small 0x04: IRQ / IRQNoFlags */
	AML_RES_DMA,		/* small 0x05 */
	AML_RES_IO,		/* small 0x08 (IO) and 0x09 (FixedIO) */
	AML_RES_MEMORY,		/* large 0x86 Memory32Fixed, 0x85 Memory32, 0x81 Memory24 */
	AML_RES_ADDRESS,	/* large 0x8A QWord, 0x87 DWord, 0x88 Word */
	AML_RES_EXT_IRQ,	/* large 0x89: Interrupt() */
	AML_RES_OTHER,		/* decoded only as far as tag and length */
};

struct aml_resource {
	enum aml_res_type type;
	u8 tag;			/* the descriptor's tag byte, e.g. 0x8A */
	union {
		struct { u16 mask; u8 flags; bool has_flags; } irq;	/* bit n = IRQ n */
		struct { u8 mask; u8 flags; } dma;
		struct { u16 min, max; u8 align, len; bool decode16; } io;
		struct { u64 min, max, len, align; bool writable; } memory;
		struct {
			u8 resource_type;	/* 0 memory, 1 I/O, 2 bus number */
			u8 general_flags;	/* bit 0 consumer, 1 subtractive, 2 MinFixed, 3 MaxFixed */
			u8 type_flags;
			u64 granularity, min, max, translation, len;
		} address;
		struct {
			u8 flags;		/* bit 0 consumer, 1 level/edge ... */
			u8 count;		/* interrupts[] used */
			u32 interrupts[8];
		} ext_irq;
	};
};

/*
 * Walk the descriptors of BUF (a _CRS result), calling FN for each until
 * the End Tag.  Returns 0, FN's first nonzero return, or AML_EPARSE when a
 * descriptor runs past LEN or there is no End Tag (the descriptors before
 * it were still handed to FN).
 */
int aml_resource_walk(const u8 *buf, u32 len,
		      int (*fn)(const struct aml_resource *r, void *arg), void *arg);
/* One descriptor as a line of text:
 *   QWordMemory 0x100000000-0x107ffffff (len 0x8000000)
 *   IO 0x0a00-0x0a00 (len 0x18)        IRQ 9 (level, active-low, shared) */
int aml_resource_format(const struct aml_resource *r, char *buf, size_t size);

/* ------------------------------------------------------------ the OS layer */

/*
 * What the interpreter asks of its host.  Kernel: drivers/acpi/osl.c
 * (and drivers/acpi/bus.c for aml_os_notify()); host tests:
 * tests/unit/fake/fake_aml_os.c, where a test can plug in a model of a
 * device's registers (QEMU's memory-hotplug block).
 */
void *aml_os_alloc(size_t size);	/* zeroed, or NULL */
void aml_os_free(void *p);		/* NULL is fine */

/* Address spaces of OperationRegions (ACPI 6.x, 19.6.100). */
enum aml_space {
	AML_SPACE_MEMORY = 0,	/* SystemMemory */
	AML_SPACE_IO	 = 1,	/* SystemIO */
	AML_SPACE_PCI	 = 2,	/* PCI_Config */
	AML_SPACE_EC	 = 3,	/* the rest: refused with AML_EREGION */
	AML_SPACE_SMBUS	 = 4,
	AML_SPACE_CMOS	 = 5,
	AML_SPACE_PCI_BAR = 6,
};

/*
 * One access of WIDTH bits (8, 16, 32 or 64) at ADDRESS in SPACE.  For
 * PCI_Config, ADDRESS is (segment << 32) | (bus << 20) | (device << 15) |
 * (function << 12) | offset, taken from the region's device: _ADR
 * (device << 16 | function), _BBN and _SEG of the host bridge above it
 * (0 when absent).  The interpreter has already split fields into
 * accesses of the field's access width and done any read-modify-write
 * its update rule asks for.  Return 0, or a negative errno (the access is
 * refused; the evaluation fails with AML_EREGION).
 */
int aml_os_region_read(enum aml_space space, u64 address, unsigned int width, u64 *value);
int aml_os_region_write(enum aml_space space, u64 address, unsigned int width, u64 value);

/* Notify(NODE, VALUE) executed.  The kernel queues it for dispatch after
 * the evaluation; it must not run AML itself. */
void aml_os_notify(struct aml_node *node, u32 value);

void aml_os_stall(u32 usec);		/* Stall: busy-wait */
void aml_os_sleep(u32 msec);		/* Sleep: may yield */
u64 aml_os_timer(void);			/* Timer: 100 ns units */
/* Store(x, Debug): one line, "[ACPI Debug] " + the text of the value. */
void aml_os_debug(const char *text);

#endif /* DRIVERS_ACPI_AML_AML_H */
