/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/cmd_aml.c - the AML namespace and ACPI events seen from the
 * shell: `aml eval`, `aml ls`, `acpi devices`, `trace acpi on|off`,
 * `poweroff`, and the counters in /sys/firmware/acpi/interrupts/ (as
 * Linux names them: sci, gpe_all, gpe03, ff_pwr_btn).
 *
 * The idea: every evaluation a user asks for goes through kacpid
 * (acpi_worker_call()), exactly as the firmware's own events do, so the
 * shell can never run AML alongside a GPE method.
 *
 *	hotmem> aml eval \_SB.MHPC.MP00._STA
 *	0x0
 *	hotmem> aml eval \_SB.PCI0.MHPD._CRS
 *	Buffer(10) {47 01 00 0A 00 0A 00 18 79 00}
 *	  IO 0x0a00-0x0a00 (len 0x18)
 *
 * The shell takes a backslash as an escape (`\_SB` reaches us as "_SB"),
 * so a path without one is taken from the root: `aml eval _SB.PCI0._STA`.
 * Arguments are Integers when they read as numbers (arg_u64()), else
 * Strings ("quoted" to hold spaces); a word that starts with a digit and
 * is no number (0xZZ) is refused as a typing mistake.
 *
 * Kernel only.  Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/qemu/test_aml_eval.py, tests/qemu/test_acpi_events.py, tests/qemu/test_power.py
 */
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"

#define VALUE_TEXT_MAX	2048	/* one `aml eval` result line */
#define PATH_MAX_LEN	128
#define LS_MAX_DEPTH	32

/* ------------------------------------------------------------ aml eval */

struct eval_req {
	char path[PATH_MAX_LEN];	/* absolute, "\..." */
	struct aml_value args[AML_MAX_ARGS];
	int nargs;
	struct aml_value ret;		/* owned by the caller after the call */
};

/* In kacpid: check the object and the argument count, then evaluate. */
static int
eval_in_worker(void *arg)
{
	struct eval_req *r = arg;
	struct aml_node *n = aml_lookup(NULL, r->path);
	int want;

	r->ret.type = AML_UNINITIALIZED;
	if (!n) {
		printf("aml: %s: no such object\n", r->path);
		return -ENOENT;
	}
	want = aml_method_nargs(n);
	if (want < 0 && r->nargs) {
		printf("aml: %s: not a method, takes no arguments (%d given)\n", r->path, r->nargs);
		return -EINVAL;
	}
	if (want >= 0 && want != r->nargs) {
		printf("aml: %s: takes %d argument%s, %d given\n", r->path, want,
		       want == 1 ? "" : "s", r->nargs);
		return -EINVAL;
	}
	return aml_eval(NULL, r->path, r->args, r->nargs, &r->ret);
}

static int
print_resource(const struct aml_resource *res, void *arg)
{
	char line[128];

	(void)arg;
	aml_resource_format(res, line, sizeof(line));
	printf("  %s\n", line);
	return 0;
}

static int
count_resource(const struct aml_resource *res, void *arg)
{
	(void)res;
	(*(int *)arg)++;
	return 0;
}

/* A Buffer that walks as a resource template to its End Tag. */
static bool
is_resource_template(const struct aml_value *v)
{
	int n = 0;

	return v->type == AML_BUFFER && v->buffer.len >= 2 &&
	       aml_resource_walk(v->buffer.ptr, v->buffer.len, count_resource, &n) == 0;
}

/* "\PATH" from what the user typed (the shell ate a leading backslash). */
static void
absolute_path(const char *typed, char *out, size_t size)
{
	snprintf(out, size, "%s%s", typed[0] == '\\' ? "" : "\\", typed);
}

static int
aml_eval_cmd(int argc, char **argv)
{
	static struct eval_req r;	/* AML_MAX_ARGS values: off the stack */
	static char text[VALUE_TEXT_MAX];
	int err;

	if (argc < 3) {
		printf("usage: aml eval \\PATH [ARG...]\n");
		return -EINVAL;
	}
	if (argc - 3 > AML_MAX_ARGS) {
		printf("aml: %s: %d arguments; a method takes at most %d\n", argv[2], argc - 3,
		       AML_MAX_ARGS);
		return -E2BIG;
	}
	memset(&r, 0, sizeof(r));
	absolute_path(argv[2], r.path, sizeof(r.path));
	r.nargs = argc - 3;
	for (int i = 0; i < r.nargs; i++) {
		const char *word = argv[3 + i];
		u64 v;
		int bad = arg_u64(word, &v);

		if (!bad) {
			r.args[i] = aml_int(v);
		} else if (word[0] >= '0' && word[0] <= '9') {
			/* Starts like a number and is none: a typing mistake. */
			printf("aml: argument %d: %s: %s\n", i + 1, word,
			       bad == -ERANGE ? "does not fit in 64 bits" : "not a number");
			return bad;
		} else {
			r.args[i] = aml_str(word);
		}
	}
	err = acpi_worker_call(eval_in_worker, &r);
	if (err == -ENOENT || err == -EINVAL)
		return err;		/* said in eval_in_worker() */
	if (err) {
		printf("aml: %s: %s\n", r.path, aml_strerror(err));
		aml_value_free(&r.ret);
		return err;
	}
	aml_value_format(&r.ret, text, sizeof(text));
	printf("%s\n", text);
	if (is_resource_template(&r.ret))
		aml_resource_walk(r.ret.buffer.ptr, r.ret.buffer.len, print_resource, NULL);
	aml_value_free(&r.ret);
	return 0;
}

/* ------------------------------------------------------------ aml ls */

static const char *const type_names[] = {
	[AML_UNINITIALIZED] = "Uninitialized", [AML_INTEGER] = "Integer",
	[AML_STRING] = "String", [AML_BUFFER] = "Buffer", [AML_PACKAGE] = "Package",
	[AML_FIELD_UNIT] = "FieldUnit", [AML_DEVICE] = "Device", [AML_EVENT] = "Event",
	[AML_METHOD] = "Method", [AML_MUTEX] = "Mutex", [AML_REGION] = "OpRegion",
	[AML_POWER_RESOURCE] = "PowerResource", [AML_PROCESSOR] = "Processor",
	[AML_THERMAL_ZONE] = "ThermalZone", [AML_BUFFER_FIELD] = "BufferField",
	[AML_DDB_HANDLE] = "DDBHandle", [AML_DEBUG_OBJECT] = "DebugObject",
	[AML_REFERENCE] = "Reference", [AML_SCOPE] = "Scope",
};

static const char *
type_name(enum aml_type t)
{
	return (unsigned)t < ARRAY_SIZE(type_names) && type_names[t] ? type_names[t] : "?";
}

/* One line per node under TOP, indented by depth; an explicit stack. */
static int
ls_in_worker(void *arg)
{
	struct aml_node *top = aml_lookup(NULL, arg), *n;
	struct aml_node *stack[LS_MAX_DEPTH];
	int depth = 0, count = 0;

	if (!top) {
		printf("aml: %s: no such object\n", (const char *)arg);
		return -ENOENT;
	}
	n = aml_node_child(top);
	while (n) {
		int nargs = aml_method_nargs(n);

		printf("%*s%s  %s", 2 * depth, "", aml_node_name(n), type_name(aml_node_type(n)));
		if (nargs >= 0)
			printf(" (%d arg%s)", nargs, nargs == 1 ? "" : "s");
		printf("\n");
		count++;
		if (aml_node_child(n) && depth < LS_MAX_DEPTH) {
			stack[depth++] = n;
			n = aml_node_child(n);
			continue;
		}
		while (!aml_node_next(n) && depth > 0)
			n = stack[--depth];
		n = aml_node_next(n);
	}
	printf("%d objects\n", count);
	return 0;
}

static int
aml_ls_cmd(int argc, char **argv)
{
	char path[PATH_MAX_LEN];

	absolute_path(argc > 2 ? argv[2] : "\\", path, sizeof(path));
	return acpi_worker_call(ls_in_worker, path);
}

SHELL_COMMAND(cmd_aml, "aml", "eval|ls PATH [ARG...]", 1, -1,
	      "evaluate an AML object (in kacpid) and print the result; list the namespace");
static int
cmd_aml(int argc, char **argv)
{
	if (!aml_root()) {
		printf("aml: no namespace (no DSDT loaded; see dmesg)\n");
		return -ENODEV;
	}
	if (!strcmp(argv[1], "eval"))
		return aml_eval_cmd(argc, argv);
	if (!strcmp(argv[1], "ls") && argc <= 3)
		return aml_ls_cmd(argc, argv);
	printf("usage: aml eval \\PATH [ARG...] | ls [\\PATH]\n");
	return -EINVAL;
}

/* ------------------------------------------------------------ acpi devices */

static int
device_depth(const struct acpi_device *dev)
{
	int d = 0;

	for (dev = dev->parent; dev; dev = dev->parent)
		d++;
	return d;
}

void
acpi_cmd_devices(void)
{
	int present = 0, bound = 0;

	if (!acpi_bus_count()) {
		printf("no ACPI devices (the namespace is not loaded, or has none; see dmesg)\n");
		return;
	}
	for (int i = 0; i < acpi_bus_count(); i++) {
		const struct acpi_device *dev = acpi_bus_device(i);
		bool quote = strchr(dev->uid, ' ') != NULL;

		printf("%*s%s %s", 2 * device_depth(dev), "", dev->path,
		       dev->hid[0] ? dev->hid : "-");
		for (int c = 0; c < ACPI_DEVICE_MAX_CIDS; c++)
			if (dev->cids[c][0])
				printf("%s%s", c ? "," : " cid=", dev->cids[c]);
		if (dev->uid[0])
			printf(" uid=%s%s%s", quote ? "\"" : "", dev->uid, quote ? "\"" : "");
		printf(" sta=0x%02x", dev->sta);
		if (dev->driver)
			printf(" [%s]", dev->driver->name);
		printf("\n");
		present += acpi_device_is_present(dev);
		bound += dev->driver != NULL;
	}
	printf("%d devices, %d present, %d bound to drivers\n", acpi_bus_count(), present, bound);
}

/* ------------------------------------------------------------ trace, poweroff */

SHELL_COMMAND(cmd_trace, "trace", "[acpi on|off]", 0, 2,
	      "show or set tracing; acpi: every SCI, GPE method, AML call and Notify");
static int
cmd_trace(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "acpi") &&
	    (!strcmp(argv[2], "on") || !strcmp(argv[2], "off"))) {
		acpi_trace = aml_trace = !strcmp(argv[2], "on");
	} else if (argc != 1) {
		printf("trace: usage: trace [acpi on|off]\n");
		return -EINVAL;
	}
	printf("trace acpi: %s\n", acpi_trace ? "on" : "off");
	return 0;
}

SHELL_COMMAND(cmd_poweroff, "poweroff", "", 0, 0, "switch the machine off (ACPI S5)");
static int
cmd_poweroff(int argc, char **argv)
{
	int err;

	(void)argc, (void)argv;
	err = acpi_poweroff();
	printf("poweroff: failed (%d); the machine is still on\n", err);
	return err;
}

/* ------------------------------------------------------------ /sys/firmware/acpi/interrupts */

#define IRQ_DIR		"/sys/firmware/acpi/interrupts/"

/* Linux's format: the count in 8 columns, then the state. */
static int
sci_show(struct seq *s)
{
	seq_printf(s, "%8llu\n", (unsigned long long)acpi_event_stats.sci);
	return 0;
}
PSEUDO_FILE(acpi_sci, IRQ_DIR "sci", sci_show, NULL, "SCI interrupts taken");

static int
gpe_all_show(struct seq *s)
{
	u64 sum = 0;

	for (int i = 0; i < ACPI_MAX_GPES; i++)
		sum += acpi_event_stats.gpe[i];
	seq_printf(s, "%8llu\n", (unsigned long long)sum);
	return 0;
}
PSEUDO_FILE(acpi_gpe_all, IRQ_DIR "gpe_all", gpe_all_show, NULL, "GPE method runs, all GPEs");

static int
pwrbtn_show(struct seq *s)
{
	seq_printf(s, "%8llu  %s\n", (unsigned long long)acpi_event_stats.pwrbtn,
		   acpi_events_enabled() ? "enabled" : "disabled");
	return 0;
}
PSEUDO_FILE(acpi_ff_pwr_btn, IRQ_DIR "ff_pwr_btn", pwrbtn_show, NULL,
	    "power button presses (fixed event)");

static struct pseudo_file gpe_files[ACPI_MAX_GPES];
static char gpe_paths[ACPI_MAX_GPES][sizeof(IRQ_DIR "gpeFF")];

static int
gpe_show(struct seq *s)
{
	const struct pseudo_file *f = s->private;
	u32 gpe = f - gpe_files;

	seq_printf(s, "%8llu  %s\n", (unsigned long long)acpi_event_stats.gpe[gpe],
		   acpi_gpe_has_method(gpe) ? "enabled" : "disabled");
	return 0;
}

void
acpi_os_events_ready(void)
{
	for (u32 gpe = 0; gpe < ACPI_MAX_GPES; gpe++) {
		struct pseudo_file *f = &gpe_files[gpe];
		int err;

		if (!acpi_gpe_exists(gpe) || f->path)
			continue;
		snprintf(gpe_paths[gpe], sizeof(gpe_paths[gpe]), IRQ_DIR "gpe%02X", gpe);
		f->path = gpe_paths[gpe];
		f->show = gpe_show;
		f->help = "runs of this GPE's \\_GPE method";
		f->data = f;
		err = pseudofs_register(f);
		if (err) {
			pr_warn("acpi: %s: not registered (%s)\n", f->path, pseudofs_strerror(err));
			f->path = NULL;
		}
	}
}
