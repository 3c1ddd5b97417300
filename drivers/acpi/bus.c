/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/bus.c - the ACPI bus: the devices of the namespace with
 * their identities (_HID, _CID, _UID) and status (_STA), the drivers
 * bound to them by id, and the delivery of the firmware's Notify calls.
 *
 * The idea: AML may not be re-entered, and a Notify is executed in the
 * middle of a method (QEMU's MSCN holds its mutex MLCK while MTFY
 * notifies).  So aml_os_notify() only queues; once the method has
 * returned, kacpid calls acpi_bus_dispatch_notifies(), and a driver's
 * notify() may then evaluate _STA, _CRS, _EJ0 ... freely.
 *
 *	_E03 -> MSCN -> MTFY -> Notify(MP00, 1) -> aml_os_notify(): queued
 *	_E03 returns -> acpi_bus_dispatch_notifies() -> driver->notify(MP00, 1)
 *
 * The queue is a ring of ACPI_NOTIFY_QUEUE_LEN; when it is full a Notify
 * is dropped, counted and warned about, never lost silently.
 *
 * Contexts: only kacpid (or, before it exists, the booting task) runs
 * AML, scans or dispatches, so the device list and the queue need no lock.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/acpi/test_bus.c
 */
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

#define STA_PRESENT	(1u << 0)	/* _STA bit 0 */
#define STA_FUNCTIONING	(1u << 3)	/* _STA bit 3: works, though maybe not present */
#define STA_DEFAULT	0x0f		/* no _STA: present, enabled, shown, functioning */

/* ACPI_DRIVER() entries, gathered by the linker (none in some host tests). */
extern const struct acpi_driver *const __start_hotmem_acpi_drivers[] __attribute__((weak));
extern const struct acpi_driver *const __stop_hotmem_acpi_drivers[] __attribute__((weak));

/* The devices, in namespace (pre-)order; [0, nr_devices).  kacpid only. */
static struct acpi_device devices[ACPI_BUS_MAX_DEVICES];
static int nr_devices;
static bool long_path_warned;	/* this scan said paths are cut */

/*
 * The Notify queue.  head counts entries taken, tail entries put; the
 * ring holds tail - head of them at index % ACPI_NOTIFY_QUEUE_LEN.
 * kacpid only (aml_os_notify() runs inside its evaluations).
 */
static struct {
	struct {
		struct aml_node *node;
		u32 value;
	} ring[ACPI_NOTIFY_QUEUE_LEN];
	u32 head, tail;
	u32 dropped;		/* since the last dispatch: warned there */
} notifyq;
u64 acpi_notify_dropped;	/* since boot */

/* ------------------------------------------------------------ names */

/*
 * ACPI 6.x 5.6.6: the values every device understands, 0x00-0x0F; 0x80
 * to 0xBF mean something per device type, 0xC0-0xFF per hardware.
 */
static const char *const notify_names[] = {
	"bus check", "device check", "device wake", "eject request",
	"device check light", "frequency mismatch", "bus mode mismatch",
	"power fault", "capabilities check", "PLD check", "reserved",
	"locality update", "reserved", "affinity update", "HMAT update",
	"disconnect recover",
};

const char *
acpi_notify_name(u32 value)
{
	if (value < ARRAY_SIZE(notify_names))
		return notify_names[value];
	if (value < 0x80)
		return "reserved";
	if (value < 0xc0)
		return "device-specific";
	if (value < 0x100)
		return "hardware-specific";
	return "invalid";
}

/*
 * An EISA id as AML stores it (EisaId("PNP0C80") = 0x800CD041): the four
 * bytes in memory order are the big-endian form
 *
 *	bit 31     30-26   25-21   20-16   15-0
 *	 0      letter 1  letter 2 letter 3  product (4 hex digits)
 *
 * where a letter is 1 for 'A' .. 26 for 'Z'.
 */
void
acpi_eisa_id_to_str(u32 id, char out[8])
{
	u32 be = ((id & 0xff) << 24) | ((id & 0xff00) << 8) | ((id >> 8) & 0xff00) | (id >> 24);
	static const char hex[] = "0123456789ABCDEF";

	out[0] = '@' + ((be >> 26) & 0x1f);
	out[1] = '@' + ((be >> 21) & 0x1f);
	out[2] = '@' + ((be >> 16) & 0x1f);
	for (int i = 0; i < 4; i++)
		out[3 + i] = hex[(be >> (12 - 4 * i)) & 0xf];
	out[7] = '\0';
}

/* An id value (Integer: EISA id; String: as it is) into OUT. */
static bool
id_from_value(const struct aml_value *v, char *out, size_t size)
{
	char eisa[8];

	if (v->type == AML_INTEGER) {
		acpi_eisa_id_to_str(v->integer, eisa);
		snprintf(out, size, "%s", eisa);
		return true;
	}
	if (v->type == AML_STRING) {
		snprintf(out, size, "%s", v->string.ptr);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ identity */

/* Evaluate NAME under DEV's node if it exists: 0, -ENOENT, or an error (warned). */
static int
eval_child(struct acpi_device *dev, const char *name, struct aml_value *out)
{
	int err;

	out->type = AML_UNINITIALIZED;
	err = aml_eval(dev->node, name, NULL, 0, out);	/* -ENOENT: no such child */
	if (err && err != -ENOENT)
		pr_warn("acpi: %s.%s: evaluation failed (%s)\n", dev->path, name, aml_strerror(err));
	return err;
}

static void
read_ids(struct acpi_device *dev)
{
	struct aml_value v;

	if (!eval_child(dev, "_HID", &v) && !id_from_value(&v, dev->hid, sizeof(dev->hid)))
		pr_warn("acpi: %s._HID: neither Integer nor String; ignored\n", dev->path);
	aml_value_free(&v);

	/* _CID: one id, or a Package of them (6.1.2). */
	if (!eval_child(dev, "_CID", &v)) {
		int n = 0;

		if (v.type == AML_PACKAGE) {
			for (u32 i = 0; i < v.package.count && n < ACPI_DEVICE_MAX_CIDS; i++)
				if (id_from_value(&v.package.elems[i], dev->cids[n],
						  sizeof(dev->cids[n])))
					n++;
		} else if (id_from_value(&v, dev->cids[0], sizeof(dev->cids[0]))) {
			n = 1;
		}
		if (!n)
			pr_warn("acpi: %s._CID: no usable id; ignored\n", dev->path);
	}
	aml_value_free(&v);

	if (!eval_child(dev, "_UID", &v)) {
		if (v.type == AML_INTEGER)
			snprintf(dev->uid, sizeof(dev->uid), "%llu", (unsigned long long)v.integer);
		else if (v.type == AML_STRING)
			snprintf(dev->uid, sizeof(dev->uid), "%s", v.string.ptr);
	}
	aml_value_free(&v);
}

/* _STA of DEV: its value, STA_DEFAULT without one, 0 when it fails. */
static u32
read_sta(struct acpi_device *dev)
{
	struct aml_value v;
	u32 sta = 0;
	int err = eval_child(dev, "_STA", &v);

	if (err == -ENOENT)
		return STA_DEFAULT;
	if (!err && v.type == AML_INTEGER)
		sta = v.integer;
	else if (!err)
		pr_warn("acpi: %s._STA: not an Integer; taken as absent\n", dev->path);
	aml_value_free(&v);
	return sta;
}

bool
acpi_device_has_id(const struct acpi_device *dev, const char *id)
{
	if (dev->hid[0] && !strcmp(dev->hid, id))
		return true;
	for (int i = 0; i < ACPI_DEVICE_MAX_CIDS; i++)
		if (dev->cids[i][0] && !strcmp(dev->cids[i], id))
			return true;
	return false;
}

/* DEV and every device above it say present. */
bool
acpi_device_is_present(const struct acpi_device *dev)
{
	for (; dev; dev = dev->parent)
		if (!(dev->sta & STA_PRESENT))
			return false;
	return true;
}

/*
 * _INI (ACPI 6.x, 6.5.1): the firmware's own set-up of a device, run once
 * at the scan, parents before children, before any driver sees it.  The
 * rule: a device runs its _INI when its _STA says present; the children
 * of a device are looked at when it is present, or at least functioning
 * (a container that is off but works); below a device that is neither,
 * nothing runs.  QEMU's CPU-hotplug device uses it to pick its modern register
 * interface (\_SB_.PCI0.PRES._INI writes CSEL).  A failure is warned
 * about and the device is still recorded.
 */
static void
run_ini(struct acpi_device *dev)
{
	struct aml_value v;

	if (!(dev->sta & STA_PRESENT))
		return;
	for (const struct acpi_device *up = dev->parent; up; up = up->parent)
		if (!(up->sta & (STA_PRESENT | STA_FUNCTIONING)))
			return;
	eval_child(dev, "_INI", &v);	/* a failure is warned there */
	aml_value_free(&v);
}

/* ------------------------------------------------------------ binding */

/*
 * Offer DEV to each driver whose id list names its _HID or a _CID, in
 * link order, until one's add() returns 0.  Returns the driver, or NULL.
 * Only drivers that ask for it (bind_absent) see an absent device.
 */
static const struct acpi_driver *
bind(struct acpi_device *dev)
{
	const struct acpi_driver *const *d;
	bool present = acpi_device_is_present(dev);

	if (dev->driver)
		return dev->driver;
	for (d = __start_hotmem_acpi_drivers; d && d < __stop_hotmem_acpi_drivers; d++) {
		bool match = false;

		for (const char *const *id = (*d)->ids; id && *id && !match; id++)
			match = acpi_device_has_id(dev, *id);
		if (!match || (!present && !(*d)->bind_absent))
			continue;
		dev->driver = *d;	/* set before add(): add() may ask */
		if (!(*d)->add || (*d)->add(dev) == 0)
			return *d;
		dev->driver = NULL;
		dev->driver_data = NULL;
	}
	return NULL;
}

/* ------------------------------------------------------------ the scan */

/* Record N (a Device or Processor) under PARENT. */
static struct acpi_device *
add_device(struct aml_node *n, struct acpi_device *parent)
{
	struct acpi_device *dev;

	if (nr_devices == ACPI_BUS_MAX_DEVICES) {
		char path[64];

		aml_node_path(n, path, sizeof(path));
		pr_warn("acpi: bus: more than %d devices; %s and later ones not recorded\n",
			ACPI_BUS_MAX_DEVICES, path);
		return NULL;
	}
	dev = &devices[nr_devices++];
	memset(dev, 0, sizeof(*dev));
	dev->node = n;
	dev->parent = parent;
	if (aml_node_path(n, dev->path, sizeof(dev->path)) >= (int)sizeof(dev->path) &&
	    !long_path_warned) {
		pr_warn("acpi: bus: %s...: paths cut at %zu characters (shown only)\n", dev->path,
			sizeof(dev->path) - 1);
		long_path_warned = true;
	}
	read_ids(dev);
	dev->sta = read_sta(dev);
	run_ini(dev);
	return dev;
}

/*
 * Pre-order walk under N; PARENT is the nearest device above.  An
 * explicit stack, not recursion: the firmware decides the depth.
 */
static void
scan_tree(struct aml_node *root)
{
	struct {
		struct aml_node *node;
		struct acpi_device *dev;	/* the device this level hangs under */
	} stack[ACPI_BUS_MAX_DEPTH];
	int top = 0;
	struct aml_node *n = aml_node_child(root);
	struct acpi_device *parent = NULL;
	bool deep_warned = false;

	while (n) {
		enum aml_type t = aml_node_type(n);
		struct acpi_device *here = parent;

		if (t == AML_DEVICE || t == AML_PROCESSOR) {
			struct acpi_device *dev = add_device(n, parent);

			if (!dev)
				return;
			here = dev;
		}
		/* Down into N's children, else on to the next sibling, else up. */
		if (aml_node_child(n) && top == ACPI_BUS_MAX_DEPTH && !deep_warned) {
			char path[64];

			aml_node_path(n, path, sizeof(path));
			pr_warn("acpi: bus: %s: deeper than %d levels; devices below not recorded\n",
				path, ACPI_BUS_MAX_DEPTH);
			deep_warned = true;
		}
		if (aml_node_child(n) && top < ACPI_BUS_MAX_DEPTH) {
			stack[top].node = n;
			stack[top].dev = parent;
			top++;
			parent = here;
			n = aml_node_child(n);
			continue;
		}
		while (!aml_node_next(n) && top > 0) {
			top--;
			n = stack[top].node;
			parent = stack[top].dev;
		}
		n = aml_node_next(n);
	}
}

int
acpi_bus_scan(void)
{
	int present = 0, bound = 0, memdevs = 0, memdevs_present = 0;

	nr_devices = 0;
	long_path_warned = false;
	if (!aml_root())
		return 0;
	scan_tree(aml_root());
	for (int i = 0; i < nr_devices; i++) {
		struct acpi_device *dev = &devices[i];
		bool is_present = acpi_device_is_present(dev);

		present += is_present;
		if (acpi_device_has_id(dev, "PNP0C80")) {
			memdevs++;
			memdevs_present += is_present;
		}
		if (bind(dev))
			bound++;
	}
	pr_info("ACPI: bus: %d devices, %d present, %d bound to drivers; %d PNP0C80 memory devices, %d present\n",
		nr_devices, present, bound, memdevs, memdevs_present);
	return nr_devices;
}

struct acpi_device *
acpi_bus_find(const struct aml_node *node)
{
	for (int i = 0; i < nr_devices; i++)
		if (devices[i].node == node)
			return &devices[i];
	return NULL;
}

int
acpi_bus_count(void)
{
	return nr_devices;
}

struct acpi_device *
acpi_bus_device(int i)
{
	return i >= 0 && i < nr_devices ? &devices[i] : NULL;
}

/* ------------------------------------------------------------ Notify */

void
aml_os_notify(struct aml_node *node, u32 value)
{
	if (notifyq.tail - notifyq.head == ACPI_NOTIFY_QUEUE_LEN) {
		if (!notifyq.dropped) {
			char path[64];

			aml_node_path(node, path, sizeof(path));
			pr_warn("acpi: Notify(%s, 0x%x): queue full (%d waiting); dropped\n",
				path, value, ACPI_NOTIFY_QUEUE_LEN);
		}
		notifyq.dropped++;
		acpi_notify_dropped++;
		return;
	}
	notifyq.ring[notifyq.tail % ACPI_NOTIFY_QUEUE_LEN].node = node;
	notifyq.ring[notifyq.tail % ACPI_NOTIFY_QUEUE_LEN].value = value;
	notifyq.tail++;
}

/*
 * One Notify.  A bound driver gets it.  An unbound device that a bus or
 * device check finds present now is offered to the drivers: binding is
 * the answer to its appearance (add()).  Anything else is logged.
 */
static void
deliver(struct aml_node *node, u32 value)
{
	struct acpi_device *dev = acpi_bus_find(node);
	const char *name = acpi_notify_name(value);
	char path[64];

	acpi_event_stats.notify++;
	aml_node_path(node, path, sizeof(path));
	if (!dev) {
		pr_info("acpi: Notify(%s, 0x%x %s): not a device on the bus\n", path, value, name);
		return;
	}
	if (!dev->driver && value <= ACPI_NOTIFY_DEVICE_CHECK) {
		dev->sta = read_sta(dev);
		if (bind(dev)) {
			pr_info("acpi: Notify(%s, 0x%x %s): present, bound to %s\n", path, value,
				name, dev->driver->name);
			return;
		}
	}
	if (!dev->driver) {
		pr_info("acpi: Notify(%s, 0x%x %s): no driver\n", path, value, name);
		return;
	}
	if (acpi_trace)
		pr_info("acpi: Notify(%s, 0x%x %s) -> %s\n", path, value, name, dev->driver->name);
	if (dev->driver->notify)
		dev->driver->notify(dev, value);
}

int
acpi_bus_dispatch_notifies(void)
{
	int n = 0;
	u32 dropped;

	/* A driver's notify() runs AML, which may queue more: take them too. */
	while (notifyq.head != notifyq.tail) {
		u32 i = notifyq.head++ % ACPI_NOTIFY_QUEUE_LEN;

		deliver(notifyq.ring[i].node, notifyq.ring[i].value);
		n++;
	}
	dropped = notifyq.dropped;
	notifyq.dropped = 0;
	if (dropped)
		pr_warn("acpi: %u Notify calls dropped (queue of %d full); %llu since boot\n",
			dropped, ACPI_NOTIFY_QUEUE_LEN, (unsigned long long)acpi_notify_dropped);
	return n + dropped;
}
